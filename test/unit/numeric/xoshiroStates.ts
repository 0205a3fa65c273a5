/**
 * Test helper (not a test file): xoshiro128** states whose next outputs are chosen, to reach draws that a seed
 * reaches with probability 2^−32 or less (a uniform exactly 0 or ½, a 32-bit draw equal to a rejection limit).
 *
 * The output of xoshiro128** is rotl(5·s1, 7)·9 (mod 2^32), a bijection of s1; after the step the new s1 is
 * s1 ⊕ s2 ⊕ s0. So s1 = inverse(out₁), and s2 = s1 ⊕ s0 ⊕ inverse(out₂) makes the second output out₂.
 * Written from the published algorithm (Blackman and Vigna, xoshiro128**), not from src/numeric/random.ts.
 */

const MASK = (1n << 32n) - 1n;

/** The inverse of a mod 2^32 for odd a (Newton's iteration x ← x(2 − ax), exact in BigInt). */
function inverseMod32(a: bigint): bigint {
  let x = a; // correct to 3 bits for odd a
  for (let i = 0; i < 5; i++) x = (x * (2n - a * x)) & MASK;
  return x;
}

const INV9 = inverseMod32(9n);
const INV5 = inverseMod32(5n);

function rotr(x: bigint, k: bigint): bigint {
  return ((x >> k) | (x << (32n - k))) & MASK;
}

/** The s1 whose output rotl(5·s1, 7)·9 is `out` (a 32-bit unsigned integer). */
export function s1For(out: number): number {
  const y = rotr((BigInt(out >>> 0) * INV9) & MASK, 7n); // 5·s1
  return Number((y * INV5) & MASK);
}

/**
 * Four state words (signed 32-bit, for Random.fromState) whose first two 32-bit outputs are `first` and
 * `second`; s0 = 1 and s3 = 0x2545f491 are arbitrary.
 */
export function stateWithOutputs(first: number, second: number): [number, number, number, number] {
  const s0 = 1;
  const s1 = s1For(first);
  const s2 = (s1 ^ s0 ^ s1For(second)) >>> 0;
  return [s0 | 0, s1 | 0, s2 | 0, 0x2545f491 | 0];
}
