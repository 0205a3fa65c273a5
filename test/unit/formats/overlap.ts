/**
 * Test helper: an input array and a Float64Array output over the same memory, for the tests of
 * `options.out` overlapping the input (not a test file itself).
 */

/** Every layout {@link overlappingViews} builds: input type × shift of −3 … 3 elements. */
export const overlapLayouts: { input: "f64" | "f32"; shift: number }[] = (["f64", "f32"] as const).flatMap((input) =>
  [-3, -2, -1, 0, 1, 2, 3].map((shift) => ({ input, shift })),
);

/**
 * `out`, a Float64Array of n elements from byte 64 of a fresh buffer, and `xs`, a Float64Array or
 * Float32Array of n elements starting `shift` elements (of its own type) after out's start, filled with
 * `data` (rounded to FP32 for "f32"). They overlap partially, or coincide (f64 with shift 0).
 */
export function overlappingViews(data: ArrayLike<number>, layout: { input: "f64" | "f32"; shift: number }) {
  const n = data.length;
  const buffer = new ArrayBuffer(8 * (2 * n + 16));
  const out = new Float64Array(buffer, 64, n);
  const xs =
    layout.input === "f64" ? new Float64Array(buffer, 64 + 8 * layout.shift, n) : new Float32Array(buffer, 64 + 4 * layout.shift, n);
  xs.set(data);
  return { xs, out };
}
