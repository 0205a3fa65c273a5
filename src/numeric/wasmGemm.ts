/**
 * A WebAssembly SIMD (f64x2) kernel for the dense products of src/numeric/matmul.ts, emitted as module
 * bytes by this file (no binary, no build step, no toolchain: it runs wherever Node ≥ 16.4 runs, the tslab
 * kernel included).
 *
 * Why our own kernel: Muon's Newton–Schulz iteration is three 256×256 products per step, and npm offers no
 * float64 SIMD product to call. ml-matrix's `mmul` is plain JavaScript (3–7× slower than our scalar loops),
 * @stdlib/blas's `dgemm` is plain JavaScript too (its C version is a native add-on that needs a compiler),
 * and the WebAssembly libraries found (TensorFlow.js's wasm backend, XNNPACK) compute in float32 only.
 *
 * Design (the GotoBLAS/BLIS scheme, reduced to one level): both operands are first packed into panels,
 * A into MR-row panels stored column by column (`[p][r]`) and B into NR-column panels stored row by row
 * (`[p][t]`), so the inner loop reads both contiguously (a 256×256 B read column-panel-wise straight from
 * row-major storage strides 2 KiB, which maps all of a panel onto two cache sets). The micro-kernel keeps an
 * MR × NR tile of C in MR·NR/2 f64x2 registers and, per p, loads NR/2 vectors of B and MR scalars of A
 * (`v128.load64_splat`), then does MR·NR/2 vector multiplies and adds. Wasm SIMD has no fused multiply-add
 * (relaxed SIMD's is not in Node 20), so every product is rounded, then every sum: each entry of C is
 * `((a_i0·b_0j + a_i1·b_1j) + a_i2·b_2j) + …`, in increasing p, exactly the naive triple loop.
 *
 * @packageDocumentation
 */

/** Rows of the register tile (rows of A per micro-kernel call). */
export const GEMM_MR = 4;
/** Columns of the register tile (NR = 2 · vectors per row). */
export const GEMM_NR = 4;

const I32 = 0x7f;
const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of an integer n ≥ 0 (the only constants emitted): as unsigned, plus a zero byte when the last
 * byte's bit 6 (the sign bit) is set. */
function sleb(n: number): number[] {
  const out = uleb(n);
  if ((out[out.length - 1] & 0x40) !== 0) {
    out[out.length - 1] |= 0x80;
    out.push(0);
  }
  return out;
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
}

// opcodes (WebAssembly core 2.0 and the fixed-width SIMD proposal)
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32c = (v: number) => [0x41, ...sleb(v)];
const I32_ADD = 0x6a;
const I32_MUL = 0x6c;
const I32_LT_U = 0x49;
const I32_DIV_U = 0x6e;
const SELECT = 0x1b;
const LOOP = [0x03, 0x40];
const IF = [0x04, 0x40];
const END = 0x0b;
const brIf = (depth: number) => [0x0d, ...uleb(depth)];
/** A SIMD instruction: the 0xfd prefix, then its opcode in LEB128. */
function simd(op: number): number[] {
  return [0xfd, ...uleb(op)];
}
const v128Load = (offset: number) => [...simd(0x00), 3, ...uleb(offset)];
const v128Load64Splat = (offset: number) => [...simd(0x0a), 3, ...uleb(offset)];
const v128Store = (offset: number) => [...simd(0x0b), 3, ...uleb(offset)];
const v128Zero = () => [...simd(0x0c), ...new Array<number>(16).fill(0)];
const F64X2_ADD = [0xfd, 0xf0, 0x01]; // 240 in LEB128
const F64X2_MUL = [0xfd, 0xf2, 0x01]; // 242

/**
 * The bytes of a WebAssembly module that imports its memory as `env.memory` and exports
 * `gemm(pa, pb, pc, mPanels, nPanels, k, ldc, upper)`: C = A·B over packed panels (byte offsets `pa`, `pb`),
 * C written at `pc` with row stride `ldc` bytes, mPanels·mr rows by nPanels·nr columns; with `upper` ≠ 0
 * only the row panels that reach the diagonal of each column panel (rows < (jp + 1)·nr) are computed, the
 * upper triangle of a symmetric result.
 *
 * @param mr - rows of the register tile (≥ 1)
 * @param nr - columns of the register tile (even, ≥ 2)
 * @example
 * ```ts
 * new WebAssembly.Module(gemmModuleBytes(4, 4)); // validates in Node ≥ 16.4
 * ```
 */
export function gemmModuleBytes(mr: number, nr: number): Uint8Array {
  const nv = nr / 2;
  // locals: 0..7 parameters; 8 jp, 9 ip, 10 a, 11 b, 12 end, 13 crow, 14 ipEnd; then v128: acc, bv, av
  const [PA, PB, PC, MP, NP, K, LDC, UPPER] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [JP, IP, A, B, ENDP, CROW, IPEND] = [8, 9, 10, 11, 12, 13, 14];
  const acc = (r: number, v: number) => 15 + r * nv + v;
  const bv = (v: number) => 15 + mr * nv + v;
  const av = 15 + mr * nv + nv;
  const code: number[] = [];
  const emit = (...parts: (number | number[])[]) => {
    for (const p of parts) {
      if (typeof p === "number") code.push(p);
      else for (const b of p) code.push(b);
    }
  };
  emit(i32c(0), set(JP));
  emit(LOOP); // column panels
  {
    // ipEnd = upper ? min(mPanels, ceil((jp + 1)·nr / mr)) : mPanels
    emit(get(MP), set(IPEND));
    emit(get(UPPER), IF);
    {
      emit(get(JP), i32c(1), I32_ADD, i32c(nr), I32_MUL, i32c(mr - 1), I32_ADD, i32c(mr), I32_DIV_U, set(CROW));
      emit(get(CROW), get(MP), get(CROW), get(MP), I32_LT_U, SELECT, set(IPEND));
    }
    emit(END);
    emit(i32c(0), set(IP));
    emit(LOOP); // row panels
    {
      for (let r = 0; r < mr; r++) for (let v = 0; v < nv; v++) emit(v128Zero(), set(acc(r, v)));
      // a = pa + ip·mr·k·8; end = a + mr·k·8; b = pb + jp·nr·k·8
      emit(get(K), i32c(mr * 8), I32_MUL, set(ENDP));
      emit(get(PA), get(IP), get(ENDP), I32_MUL, I32_ADD, set(A));
      emit(get(A), get(ENDP), I32_ADD, set(ENDP));
      emit(get(PB), get(JP), get(K), i32c(nr * 8), I32_MUL, I32_MUL, I32_ADD, set(B));
      emit(LOOP); // p
      {
        for (let v = 0; v < nv; v++) emit(get(B), v128Load(16 * v), set(bv(v)));
        for (let r = 0; r < mr; r++) {
          emit(get(A), v128Load64Splat(8 * r), set(av));
          for (let v = 0; v < nv; v++) emit(get(acc(r, v)), get(av), get(bv(v)), F64X2_MUL, F64X2_ADD, set(acc(r, v)));
        }
        emit(get(A), i32c(mr * 8), I32_ADD, set(A));
        emit(get(B), i32c(nr * 8), I32_ADD, set(B));
        emit(get(A), get(ENDP), I32_LT_U, brIf(0));
      }
      emit(END);
      // crow = pc + ip·mr·ldc + jp·nr·8
      emit(get(PC), get(IP), i32c(mr), I32_MUL, get(LDC), I32_MUL, I32_ADD, get(JP), i32c(nr * 8), I32_MUL, I32_ADD, set(CROW));
      for (let r = 0; r < mr; r++) {
        for (let v = 0; v < nv; v++) emit(get(CROW), get(acc(r, v)), v128Store(16 * v));
        if (r + 1 < mr) emit(get(CROW), get(LDC), I32_ADD, set(CROW));
      }
      emit(get(IP), i32c(1), I32_ADD, set(IP));
      emit(get(IP), get(IPEND), I32_LT_U, brIf(0));
    }
    emit(END);
    emit(get(JP), i32c(1), I32_ADD, set(JP));
    emit(get(JP), get(NP), I32_LT_U, brIf(0));
  }
  emit(END);
  emit(END); // function body
  const locals = [...uleb(2), ...uleb(7), I32, ...uleb(mr * nv + nv + 1), V128];
  const body = [...locals, ...code];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [...uleb(1), 0x60, ...uleb(8), ...new Array<number>(8).fill(I32), ...uleb(0)]),
    ...section(2, [...uleb(1), ...name("env"), ...name("memory"), 0x02, 0x00, ...uleb(1)]),
    ...section(3, [...uleb(1), ...uleb(0)]),
    ...section(7, [...uleb(1), ...name("gemm"), 0x00, ...uleb(0)]),
    ...section(10, [...uleb(1), ...uleb(body.length), ...body]),
  ];
  return Uint8Array.from(bytes);
}

/** C = A·B and G = X·Xᵀ on one compiled kernel (see {@link createGemmKernel}). */
export interface GemmKernel {
  /** Rows and columns of the register tile. */
  readonly mr: number;
  readonly nr: number;
  /** C = A·B (A m×k, B k×n, C m×n, row-major; no validation, C must not share memory with A or B). */
  matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number, c: Float64Array): void;
  /** G = X·Xᵀ (X r×c, G r×r; no validation, G must not share memory with X): the tiles on and above the
   * diagonal, then mirrored, so G is exactly symmetric. */
  gram(x: Float64Array, r: number, c: number, g: Float64Array): void;
}

/** The part of the WebAssembly JS API used here (the project's TypeScript libraries do not declare it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer; grow(pages: number): number };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

/**
 * Packs rows × k (row-major, from `src`) into panels of `width` rows stored column by column:
 * dst[base + panel·width·k + p·width + r] = src[(panel·width + r)·k + p], rows past the end as zeros.
 * Full panels of the library's width 4 take an unrolled loop (half the time of the general one). The zeros
 * keep the padded lanes of edge tiles free of stale values (they only reach C's padded rows, never returned).
 *
 * @example
 * ```ts
 * const dst = new Float64Array(8);
 * packRowPanels(new Float64Array([1, 2, 3, 4, 5, 6]), 3, 2, 2, dst, 0); // [1, 3, 2, 4, 5, 0, 6, 0]
 * ```
 */
export function packRowPanels(src: Float64Array, rows: number, k: number, width: number, dst: Float64Array, base: number): void {
  const panels = Math.ceil(rows / width);
  for (let panel = 0; panel < panels; panel++) {
    const start = base + panel * width * k;
    if (width === 4 && panel * 4 + 4 <= rows) {
      const r0 = panel * 4 * k;
      const r1 = r0 + k;
      const r2 = r1 + k;
      const r3 = r2 + k;
      for (let p = 0, d = start; p < k; p++, d += 4) {
        dst[d] = src[r0 + p];
        dst[d + 1] = src[r1 + p];
        dst[d + 2] = src[r2 + p];
        dst[d + 3] = src[r3 + p];
      }
      continue;
    }
    for (let r = 0; r < width; r++) {
      const i = panel * width + r;
      let d = start + r;
      if (i < rows) {
        const row = i * k;
        for (let p = 0; p < k; p++, d += width) dst[d] = src[row + p];
      } else {
        for (let p = 0; p < k; p++, d += width) dst[d] = 0;
      }
    }
  }
}

/**
 * Packs k × cols (row-major) into panels of `width` columns stored row by row:
 * dst[base + panel·width·k + p·width + t] = src[p·cols + panel·width + t], columns past the end as zeros.
 * Row by row of the source; full panels of the library's width 4 unrolled.
 *
 * @example
 * ```ts
 * const dst = new Float64Array(4);
 * packColumnPanels(new Float64Array([1, 2, 3, 4]), 2, 2, 2, dst, 0); // dst = [1, 2, 3, 4]
 * ```
 */
export function packColumnPanels(src: Float64Array, k: number, cols: number, width: number, dst: Float64Array, base: number): void {
  const full = Math.floor(cols / width);
  const rest = cols - full * width;
  const panelSize = width * k;
  for (let p = 0; p < k; p++) {
    const row = p * cols;
    let d = base + p * width;
    let s = row;
    if (width === 4) {
      for (let panel = 0; panel < full; panel++, d += panelSize, s += 4) {
        dst[d] = src[s];
        dst[d + 1] = src[s + 1];
        dst[d + 2] = src[s + 2];
        dst[d + 3] = src[s + 3];
      }
    } else {
      for (let panel = 0; panel < full; panel++, d += panelSize, s += width) for (let t = 0; t < width; t++) dst[d + t] = src[s + t];
    }
    if (rest > 0) {
      let t = 0;
      for (; t < rest; t++) dst[d + t] = src[s + t];
      for (; t < width; t++) dst[d + t] = 0;
    }
  }
}

/**
 * Compiles the SIMD kernel for an mr × nr register tile and gives C = A·B and G = X·Xᵀ on it, with its own
 * scratch memory (grown to the largest product seen, never shrunk: three padded matrices, 1.5 MiB for
 * 256×256). Returns null where WebAssembly or its fixed-width SIMD is missing. Every tile gives the same
 * bits, those of the naive loop `s = 0; for p: s += a[i,p]·b[p,j]`; the library uses {@link GEMM_MR} ×
 * {@link GEMM_NR}, the fastest measured (4×4: 8 accumulators, 2 vectors of B and one of A in V8's 16
 * SIMD registers; 4×8 and 8×4 spill).
 *
 * @param mr - rows of the tile (an integer ≥ 1)
 * @param nr - columns of the tile (an even integer ≥ 2)
 * @example
 * ```ts
 * const kernel = createGemmKernel(4, 4);
 * const c = new Float64Array(4);
 * kernel?.matmul(new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 2, 2, 2, c); // [19, 22, 43, 50]
 * ```
 */
export function createGemmKernel(mr: number, nr: number): GemmKernel | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return null;
  const bytes = gemmModuleBytes(mr, nr);
  if (!wasm.validate(bytes)) return null; // an engine without fixed-width SIMD
  const memory = new wasm.Memory({ initial: 1 });
  const instance = new wasm.Instance(new wasm.Module(bytes), { env: { memory } });
  const gemm = instance.exports.gemm as (pa: number, pb: number, pc: number, mPanels: number, nPanels: number, k: number, ldc: number, upper: number) => void;
  let f64 = new Float64Array(memory.buffer);
  const scratch = (doubles: number): Float64Array => {
    const missing = doubles * 8 - memory.buffer.byteLength;
    if (missing > 0) {
      memory.grow(Math.ceil(missing / 65536));
      f64 = new Float64Array(memory.buffer);
    }
    return f64;
  };
  /** Packs A (m×k) and, by `packB(f, offset)` returning where it put them, the panels of the k×n second
   * operand; runs the kernel; returns the offset of the padded C and its row length. */
  const multiply = (a: Float64Array, m: number, k: number, n: number, packB: (f: Float64Array, at: number) => number, upper: number) => {
    const mPanels = Math.ceil(m / mr);
    const nPanels = Math.ceil(n / nr);
    const rowsPadded = mPanels * mr;
    const ldc = nPanels * nr;
    const at = rowsPadded * k;
    const pc = at + ldc * k;
    const f = scratch(pc + rowsPadded * ldc);
    packRowPanels(a, m, k, mr, f, 0);
    gemm(0, packB(f, at) * 8, pc * 8, mPanels, nPanels, k, ldc * 8, upper);
    return { f, pc, ldc };
  };
  return {
    mr,
    nr,
    matmul(a, b, m, k, n, c) {
      const { f, pc, ldc } = multiply(a, m, k, n, (dst, at) => (packColumnPanels(b, k, n, nr, dst, at), at), 0);
      if (ldc === n) c.set(f.subarray(pc, pc + m * n));
      else for (let i = 0; i < m; i++) c.set(f.subarray(pc + i * ldc, pc + i * ldc + n), i * n);
    },
    gram(x, r, c, g) {
      // the second operand Xᵀ (c×r) in nr-column panels is X in nr-row panels: for a square tile, A's packing
      const second = (dst: Float64Array, at: number) => (nr === mr ? 0 : (packRowPanels(x, r, c, nr, dst, at), at));
      const { f, pc, ldc } = multiply(x, r, c, r, second, 1);
      for (let i = 0; i < r; i++) {
        const row = pc + i * ldc;
        for (let j = i; j < r; j++) {
          const v = f[row + j];
          g[i * r + j] = v;
          g[j * r + i] = v;
        }
      }
    },
  };
}

let shared: GemmKernel | null | undefined;

/**
 * The library's kernel ({@link GEMM_MR} × {@link GEMM_NR} tile), compiled at first use; null where
 * WebAssembly SIMD is missing (then matmul.ts runs its scalar loops, which give the same bits).
 *
 * @example
 * ```ts
 * gemmKernel() !== null; // true in Node 20
 * ```
 */
export function gemmKernel(): GemmKernel | null {
  if (shared === undefined) shared = createGemmKernel(GEMM_MR, GEMM_NR);
  return shared;
}
