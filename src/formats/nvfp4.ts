/**
 * NVIDIA NVFP4: E2M1 elements in blocks of 16 with an E4M3 block scale, under an FP32 tensor scale.
 *
 * @packageDocumentation
 */
import { describeValue, expectInteger, expectNumber, expectNumericArray, expectOneOf } from "../validation";
import type { NumericArray } from "../validation";
import {
  FLOAT32_INDEX_OFFSET,
  blockAmaxBits,
  elementEncoder,
  encodeElement,
  encodeFloat32RunStochastic,
} from "./elementEncoder";
import type { ElementEncoder } from "./elementEncoder";
import { NEAREST_EVEN, STOCHASTIC, apartFrom, expectOptions, nextDraw, outputArray, resolveRounding } from "./rounding";
import type { RoundingMode } from "./rounding";
import { formatDefinition } from "./traits";

/** Options of {@link nvfp4Quantize}. */
export interface Nvfp4Options {
  /**
   * Elements per block; default 16 (NVFP4). A positive safe integer; a block size of at least the
   * input's length makes one block of all of it.
   */
  blockSize?: number;
  /**
   * The tensor amax A that sets the FP32 tensor scale, e.g. one carried over from a previous step
   * (delayed scaling). Default: max |x| over the finite inputs. A number ≥ 0 that stays finite when
   * rounded to FP32 (at most 3.4028235e38 or so; 1e300 is refused rather than turned into Infinity).
   */
  tensorAmax?: number;
  /**
   * Element rounding: `"nearest-even"` (default; weights and activations) or `"stochastic"` (the
   * training recipe's choice for gradients). Block scales are always rounded to nearest-even.
   */
  rounding?: RoundingMode;
  /**
   * Uniform source on [0, 1), required for `"stochastic"`; called once per element, in index order.
   * A draw outside [0, 1) (NaN, 1, −0.5, a string) throws, naming `options.random`.
   */
  random?: () => number;
  /**
   * The least block scale before the E4M3 rounding (step 2 of {@link nvfp4Quantize}):
   * `"subnormal"` (default; TransformerEngine's reference quantizer) rounds the wanted scale as it is,
   * so a block far below the tensor amax gets an E4M3 subnormal scale k·2^−9 (k = 1 … 7) or 0;
   * `"min-normal"` (torchao's `nvfp4_quantize`) first raises it to E4M3's smallest normal 2^−6, so
   * such a block gets the scale 2^−6 and its small elements round to 0.
   */
  scaleFloor?: "subnormal" | "min-normal";
  /**
   * The arithmetic of the decoded values (step 5 of {@link nvfp4Quantize}): `"float64"` (default)
   * x̂ = q·s_dec_b/s_enc in binary64; `"float32"` x̂ = FP32(q·FP32(s_dec_b·s_dec)), the FP32 product
   * of code, block scale and tensor decode scale, in torchao's order (its dequantization multiplies
   * the per-tensor scale by the block scale, then the code by that, in FP32).
   */
  dequantize?: "float64" | "float32";
  /**
   * Where to write the dequantized values (a Float64Array of the input's length), e.g. a buffer reused
   * across training steps; the result's `values` is then this array. Default: a new array. It may be
   * the input itself or overlap it in any way: the result is always that of separate arrays.
   */
  out?: Float64Array;
}

/** The values of {@link Nvfp4Options.scaleFloor} and {@link Nvfp4Options.dequantize}, default first. */
const SCALE_FLOORS: readonly ("subnormal" | "min-normal")[] = ["subnormal", "min-normal"];
const DEQUANTIZATIONS: readonly ("float64" | "float32")[] = ["float64", "float32"];

/** The result of {@link nvfp4Quantize}. */
export interface Nvfp4Result {
  readonly blockSize: number;
  /** The tensor amax A used (FP32). */
  readonly tensorAmax: number;
  /** The FP32 tensor decode scale 1/s_enc, s_enc = 448·6/A. */
  readonly tensorScale: number;
  /** E4M3 code of each block's decode scale (0x7F, the E4M3 NaN, for a block with NaN or ±Inf). */
  readonly blockScaleCodes: Uint8Array;
  /** Each block's decode scale s_dec_b, an E4M3 value (NaN for a NaN block). */
  readonly blockScales: Float64Array;
  /** Each element's E2M1 code (sign bit 0x8). */
  readonly elementCodes: Uint8Array;
  /** The dequantized values q_i·s_dec_b/s_enc (or FP32(q_i·FP32(s_dec_b·s_dec)), see `dequantize`). */
  readonly values: Float64Array;
  /** Nominal storage per element: 4 + 8/blockSize (4.5 for blocks of 16), the tensor scale excluded. */
  readonly bitsPerElement: number;
  /** Exact storage: 4 bits per element, 8 per block (ragged last block included), 32 for the tensor scale. */
  readonly totalBits: number;
  /** The arithmetic of `values`: {@link Nvfp4Options.dequantize} (`"float64"` by default). */
  readonly dequantize: "float64" | "float32";
}

/** E4M3 largest finite value: 1.75·2^8 (OCP OFP8 v1.0). */
const E4M3_MAX = 448;
/** E2M1 largest finite value: 1.5·2^2 (OCP MX v1.0). */
const E2M1_MAX = 6;
/** Largest finite FP32 value (2 − 2^−23)·2^127 (IEEE 754 binary32). */
const FLOAT32_MAX = 3.4028234663852886e38;
/** E4M3's smallest normal value 2^−6 (OCP OFP8 v1.0; torch.finfo(float8_e4m3fn).tiny). */
const E4M3_MIN_NORMAL = 0.015625;
/** E4M3 NaN code S.1111.111 with S = 0 (OCP OFP8 v1.0). */
const E4M3_NAN_CODE = 0x7f;

/**
 * Quantizes `values` to NVFP4 and back, step by step in FP32 arithmetic (each product and quotient
 * rounded with `Math.fround`) as in the TransformerEngine reference quantizer
 * (`transformer_engine/pytorch/custom_recipes/quantization_ref_nvfp4.py`, 1×16 tiles; math.md §6.5):
 * 1. x ← FP32(x); A = max |x| over the finite inputs (or `options.tensorAmax`, rounded to FP32);
 *    s_enc = min(FP32(448·6 / A), FP32 max), with s_enc = 1 when A = 0; tensor decode scale
 *    s_dec = FP32(1/s_enc);
 * 2. per block b of 16 with amax a_b: s_dec_b = E4M3_RNE(min(max(FP32(FP32(a_b/6)·s_enc), floor), 448))
 *    (stored), with floor = 0 (`scaleFloor: "subnormal"`, the default) or 2^−6 (`"min-normal"`);
 * 3. e_b = min(FP32(1 / FP32(s_dec_b·s_dec)), FP32 max) (= s_enc/s_dec_b up to FP32 rounding), and
 *    e_b = 0 when s_dec_b = 0 (TE would use FP32 max there and store ±6 codes; the decoded values, 0,
 *    are the same, and the codes 0 are honest);
 * 4. q_i = E2M1(clamp(FP32(x_i·e_b), −6, 6)), nearest-even (or stochastic) on the E2M1 grid;
 * 5. decoded x̂_i = q_i·s_dec_b/s_enc in binary64 (`dequantize: "float64"`, the default), or
 *    FP32(q_i·FP32(s_dec_b·s_dec)) (`"float32"`).
 *
 * Step 2 keeps the reference's two FP32 roundings, a_b/6 then ·s_enc (later TE versions fold 1/6
 * into the global scale, which can move s_dec_b by one FP32 ulp before the E4M3 rounding). Step 5
 * divides by the stored FP32 s_enc, so x̂ carries its FP32 rounding (relative 2^−24): the test vector's
 * 2.5 comes out as 2.5000001; TE's GEMM instead multiplies by A/(6·448).
 *
 * Two conventions, and torchao's (`torchao.prototype.mx_formats.nvfp4_tensor.nvfp4_quantize` with a
 * per-tensor scale A/(448·6)):
 * - Block-scale floor. A block whose wanted scale FP32(a_b/6)·s_enc falls below E4M3's smallest normal
 *   2^−6 (a_b below about A/28672) gets an E4M3 subnormal scale k·2^−9 here, and 2^−6 in torchao,
 *   which clamps the wanted scale to [2^−6, 448] before the E4M3 cast. Worked example (from the
 *   definition; the test builds it): tensor amax A = 11725517 (s_enc = FP32(2688/A) ≈ 2.2924e−4) and
 *   a block [51.1, 2.21]: the wanted scale FP32(51.1/6)·s_enc ≈ 0.9996·2^−9 rounds to the subnormal
 *   2^−9, so e_b ≈ 0.11737, 2.21 → y ≈ 0.2594 → q = 0.5 → x̂ = 0.5·2^−9/s_enc ≈ 4.26 (and 51.1 →
 *   q = 6 → 51.12); with `scaleFloor: "min-normal"` the scale is 2^−6, 2.21 → y ≈ 0.0324 → 0, and
 *   51.1 → y ≈ 0.7497 → 0.5 → 34.08. (The audit's own 2.21 → 4.26 came from random data we do not
 *   have; this block reproduces the same mechanism and numbers.) Subnormal scales keep something of
 *   small blocks, at the price of coarse scales (spacing 2^−9, as large as the scale itself at 2^−9).
 * - Dequantization arithmetic. torchao returns (for FP32 tensors) the FP32 product of code, block scale
 *   and per-tensor scale, FP32(q·FP32(p·s_dec_b)) with p its per-tensor scale; the default here is the binary64 quotient q·s_dec_b/s_enc, so the two differ by up to one
 *   FP32 ulp on some values (about 1 in 6 in the audit). `dequantize: "float32"` computes
 *   FP32(q·FP32(s_dec_b·s_dec)). Its tensor scale is s_dec = FP32(1/FP32(2688/A)) (TE's); torchao's
 *   per-tensor scale is FP32(A/2688), the same number for about 73% of FP32 amaxes and one FP32 ulp
 *   away for the rest (measured over 200,000 log-uniform amaxes), so values match torchao's bit for
 *   bit only when the two tensor scales agree. Two smaller differences remain in the element step
 *   (torchao divides x by FP32(A/2688·s_dec_b), here x is multiplied by e_b, and its block scale
 *   divides by A/2688 where this multiplies by s_enc): they can move a code only when FP32(x·e_b)
 *   lands within an FP32 ulp of an E2M1 rounding threshold (the audit found no code differing outside
 *   the floor's blocks among 192,000 values; the test compares the two routes code for code).
 *
 * Special values: NaN and ±Inf (after the FP32 conversion, so |x| > FP32 max counts as Inf) do not
 * enter the tensor amax; a block containing one gets the E4M3 NaN scale code 0x7F, element codes 0,
 * and NaN values. A ragged last block is quantized on its own and pays its own 8-bit scale.
 *
 * @throws TypeError for non-numeric `values`, a `random` that is not a function or returns a
 * non-number, or an `out` that is not a Float64Array; RangeError for a `blockSize` that is not a
 * positive safe integer, a `tensorAmax` that is not a number ≥ 0 finite in FP32, an unknown rounding,
 * `scaleFloor` or `dequantize`, a draw of `random` outside [0, 1), or an `out` of the wrong length.
 * @example
 * ```ts
 * const r = nvfp4Quantize([2.5, 1.0, -0.3, 0.05], { tensorAmax: 10 });
 * r.blockScales[0]; // 112 (E4M3 of 2.5/6·268.8)
 * Array.from(r.values); // [2.5000001…, 0.8333334…, -0.2083333…, 0]
 * r.totalBits; // 4·4 + 8 + 32 = 56
 * const t = nvfp4Quantize([51.1, 2.21], { tensorAmax: 11725517 });
 * Array.from(t.values); // [51.12…, 4.2599…] (block scale 2^−9, an E4M3 subnormal)
 * nvfp4Quantize([51.1, 2.21], { tensorAmax: 11725517, scaleFloor: "min-normal" }).values; // [34.08…, 0]
 * ```
 */
export function nvfp4Quantize(values: NumericArray, options?: Nvfp4Options): Nvfp4Result {
  expectNumericArray("values", values);
  const opts = expectOptions("options", options);
  const blockSize = opts.blockSize ?? 16;
  expectInteger("options.blockSize", blockSize, 1);
  if (opts.tensorAmax !== undefined) {
    expectNumber("options.tensorAmax", opts.tensorAmax);
    if (!(opts.tensorAmax >= 0 && Math.fround(opts.tensorAmax) <= FLOAT32_MAX)) {
      throw new RangeError(
        `options.tensorAmax must be a number >= 0 that is finite in FP32 (at most ${FLOAT32_MAX} after ` +
          `rounding to FP32), got ${describeValue(opts.tensorAmax)}`,
      );
    }
  }
  const scaleFloor = opts.scaleFloor ?? "subnormal";
  expectOneOf("options.scaleFloor", scaleFloor, SCALE_FLOORS);
  const dequantize = opts.dequantize ?? "float64";
  expectOneOf("options.dequantize", dequantize, DEQUANTIZATIONS);
  const o = resolveRounding({ rounding: opts.rounding, random: opts.random });
  const random = o.mode === STOCHASTIC ? (o.random as () => number) : undefined;
  const n = values.length;
  const out = outputArray(opts.out, n);
  // step 1 of the reference: x ← FP32(x); the kernels then work on the FP32 bit patterns (a Float32Array
  // input is copied only when out, a Float64Array, shares its memory: see apartFrom)
  const xs = values instanceof Float32Array ? apartFrom(values, out) : Float32Array.from(values);
  const bits = new Int32Array(xs.buffer, xs.byteOffset, n);
  const blocks = Math.ceil(n / blockSize);
  // one pass over the data gives both the block maxima and the tensor's finite amax
  const blockAmax = new Int32Array(blocks);
  const finiteBits = blockMaxima(bits, blockSize, blockAmax);
  const A = opts.tensorAmax !== undefined ? Math.fround(opts.tensorAmax as number) : float32FromBits(finiteBits);
  const { sEnc, sDec } = nvfp4TensorScales(A);

  const blockScaleCodes = new Uint8Array(blocks);
  const blockScales = new Float64Array(blocks);
  const elementCodes = new Uint8Array(n);
  const encoder = elementEncoder(formatDefinition("e2m1"), o.mode);
  const conventions = { floor: scaleFloor === "min-normal" ? E4M3_MIN_NORMAL : 0, float32: dequantize === "float32" };
  quantizeBlocks(xs, bits, blockSize, blockAmax, sEnc, sDec, conventions, encoder, random, blockScaleCodes, blockScales, elementCodes, out);
  return {
    blockSize,
    tensorAmax: A,
    tensorScale: sDec,
    blockScaleCodes,
    blockScales,
    elementCodes,
    values: out,
    bitsPerElement: 4 + 8 / blockSize,
    totalBits: 4 * n + 8 * blocks + 32,
    dequantize,
  };
}

/**
 * Step 1 of {@link nvfp4Quantize}: the FP32 tensor scales from the FP32 tensor amax A,
 * s_enc = min(FP32(FP32(448·6)/A), FP32 max) (1 when A = 0) and s_dec = FP32(1/s_enc). Internal:
 * shared with `unpackNvfp4`, which recomputes them from the stored A.
 *
 * Domain: A an FP32 value in [0, FP32 max]; A ≤ FP32 max keeps the quotient ≥ 2688/FP32 max ≈ 7.9e−36,
 * so s_enc is never 0 (TE's guard). Source: TransformerEngine's reference quantizer (math.md §6.5).
 *
 * @example
 * ```ts
 * nvfp4TensorScales(10); // { sEnc: 268.8000183…, sDec: 0.0037202… } (FP32(2688/10) and its FP32 reciprocal)
 * ```
 */
export function nvfp4TensorScales(A: number): { sEnc: number; sDec: number } {
  const sEnc = A === 0 ? 1 : Math.min(Math.fround(Math.fround(E4M3_MAX * E2M1_MAX) / A), FLOAT32_MAX);
  return { sEnc, sDec: Math.fround(1 / sEnc) };
}

/**
 * Step 5 of {@link nvfp4Quantize}: the decoded value of the E2M1 value q in a block with decode scale
 * s_dec_b, q·s_dec_b/s_enc in binary64 (`float32` false) or FP32(q·FP32(s_dec_b·s_dec)) (`float32`
 * true, {@link Nvfp4Options.dequantize} "float32"). Internal: shared with `unpackNvfp4`, so that a
 * result unpacked from bytes has the values of the quantizer's, in either arithmetic.
 *
 * Source: TransformerEngine's reference quantizer and torchao's dequantization (math.md §6.5).
 *
 * @example
 * ```ts
 * const { sEnc, sDec } = nvfp4TensorScales(10);
 * nvfp4DecodedValue(6, 112, sEnc, sDec, false); // 2.5000001… (binary64 quotient)
 * nvfp4DecodedValue(6, 112, sEnc, sDec, true); // 2.5 (FP32 product)
 * ```
 */
export function nvfp4DecodedValue(q: number, sDecBlock: number, sEnc: number, sDec: number, float32: boolean): number {
  return float32 ? Math.fround(q * Math.fround(sDecBlock * sDec)) : (q * sDecBlock) / sEnc;
}

/** FP32 value of a bit pattern. */
const PATTERN = new Int32Array(1);
const PATTERN_VALUE = new Float32Array(PATTERN.buffer);
function float32FromBits(bits: number): number {
  PATTERN[0] = bits;
  return PATTERN_VALUE[0];
}

/** Elements per chunk of blocks in the block loop: small enough for the chunk to stay in cache. */
const CHUNK_ELEMENTS = 2048;

/** FP32 patterns at or above this magnitude are ±Inf or NaN. */
const INF_BITS = 0x7f800000;

/** Magnitude bits of an FP32 pattern. */
const MAGNITUDE = 0x7fffffff;

/**
 * Writes the largest FP32 magnitude pattern of each block to `amaxes` (see {@link blockAmaxBits}: at
 * or above INF_BITS for a block holding NaN or ±Inf) and returns the largest finite magnitude pattern
 * over all of `bits` (0 for none), i.e. the bits of the tensor's finite amax. Blocks of 16 are read
 * with a tree of branch-free integer maxima (no loop-carried chain); a block holding NaN or ±Inf
 * (rare) is scanned again for its finite maximum.
 */
function blockMaxima(bits: Int32Array, blockSize: number, amaxes: Int32Array): number {
  const n = bits.length;
  const blocks = amaxes.length;
  const infBits = INF_BITS;
  const mask = MAGNITUDE;
  let finite = 0;
  let special = 0; // blocks holding NaN or ±Inf
  let b = 0;
  if (blockSize === 16) {
    const full = n >>> 4;
    for (; b < full; b++) {
      const i = b << 4;
      // max(p, q) = p − ((p − q) & ((p − q) >> 31)) for patterns in [0, 2^31)
      let a0 = bits[i] & mask;
      let a1 = bits[i + 1] & mask;
      let a2 = bits[i + 2] & mask;
      let a3 = bits[i + 3] & mask;
      let a4 = bits[i + 4] & mask;
      let a5 = bits[i + 5] & mask;
      let a6 = bits[i + 6] & mask;
      let a7 = bits[i + 7] & mask;
      let d = a0 - (bits[i + 8] & mask);
      a0 -= d & (d >> 31);
      d = a1 - (bits[i + 9] & mask);
      a1 -= d & (d >> 31);
      d = a2 - (bits[i + 10] & mask);
      a2 -= d & (d >> 31);
      d = a3 - (bits[i + 11] & mask);
      a3 -= d & (d >> 31);
      d = a4 - (bits[i + 12] & mask);
      a4 -= d & (d >> 31);
      d = a5 - (bits[i + 13] & mask);
      a5 -= d & (d >> 31);
      d = a6 - (bits[i + 14] & mask);
      a6 -= d & (d >> 31);
      d = a7 - (bits[i + 15] & mask);
      a7 -= d & (d >> 31);
      d = a0 - a4;
      a0 -= d & (d >> 31);
      d = a1 - a5;
      a1 -= d & (d >> 31);
      d = a2 - a6;
      a2 -= d & (d >> 31);
      d = a3 - a7;
      a3 -= d & (d >> 31);
      d = a0 - a2;
      a0 -= d & (d >> 31);
      d = a1 - a3;
      a1 -= d & (d >> 31);
      d = a0 - a1;
      a0 -= d & (d >> 31);
      amaxes[b] = a0;
      const isFinite = (a0 - infBits) >> 31; // −1 for a finite block, 0 for NaN or ±Inf
      special -= ~isFinite;
      d = finite - (a0 & isFinite);
      finite -= d & (d >> 31);
    }
  }
  for (; b < blocks; b++) {
    const start = b * blockSize;
    const a = blockAmaxBits(bits, start, Math.min(start + blockSize, n));
    amaxes[b] = a;
    if (a >= infBits) special++;
    else if (a > finite) finite = a;
  }
  if (special > 0) {
    for (b = 0; b < blocks; b++) {
      if (amaxes[b] < infBits) continue;
      const end = Math.min((b + 1) * blockSize, n);
      for (let i = b * blockSize; i < end; i++) {
        const a = bits[i] & mask;
        if (a < infBits && a > finite) finite = a;
      }
    }
  }
  return finite;
}

/**
 * Block scale codes from the block amax bits p (finite). The code E4M3_RNE(min(FP32(FP32(a/6)·s_enc),
 * 448)) is a nondecreasing function of p (every step is monotone and the patterns of a ≥ 0 order like
 * their values), and its steps are far apart: consecutive E4M3 values differ by at least a factor
 * 1 + 1/15, the FP32 roundings move a by a few ulps, so a bucket of patterns with the same top bits
 * (exponent and 4 fraction bits, relative width ≤ 1/16) holds at most one step, except when the
 * FP32 roundings lose precision (subnormal a with a huge s_enc). Each bucket, built on first use,
 * keeps the code of its least pattern and the largest pattern with that code (the step); the code
 * of p is then that code plus (p > step). A bucket with more than one step is marked and its blocks
 * take the formula.
 */
const SCALE_BUCKET_SHIFT = 19;
const SCALE_BUCKETS = INF_BITS >>> SCALE_BUCKET_SHIFT;
/** Bucket marks in the table of codes: not built yet, and more than one step (use the formula). */
const BUCKET_UNBUILT = 254;
const BUCKET_SLOW = 255;

/** The block scale code of a finite block amax pattern p, by the formula of step 2 (floor 0 or 2^−6). */
function scaleCodeOf(scaleEncoder: ElementEncoder, p: number, sEnc: number, floor: number): number {
  const amax = float32FromBits(p);
  const wanted = Math.min(Math.max(Math.fround(Math.fround(amax / E2M1_MAX) * sEnc), floor), E4M3_MAX);
  return encodeElement(scaleEncoder, wanted, 0);
}

/** Builds bucket `bucket` of the scale code table (see SCALE_BUCKET_SHIFT). */
function buildScaleBucket(
  scaleEncoder: ElementEncoder,
  sEnc: number,
  floor: number,
  bucket: number,
  codes: Uint8Array,
  steps: Int32Array,
): void {
  const low = bucket << SCALE_BUCKET_SHIFT;
  const high = low + (1 << SCALE_BUCKET_SHIFT) - 1;
  const lowCode = scaleCodeOf(scaleEncoder, low, sEnc, floor);
  const highCode = scaleCodeOf(scaleEncoder, high, sEnc, floor);
  if (highCode === lowCode) {
    codes[bucket] = lowCode;
    steps[bucket] = high;
  } else if (highCode === lowCode + 1) {
    // invariant: code(lo) = lowCode, code(hi) = lowCode + 1
    let lo = low;
    let hi = high;
    while (hi - lo > 1) {
      const mid = lo + ((hi - lo) >> 1);
      if (scaleCodeOf(scaleEncoder, mid, sEnc, floor) === lowCode) lo = mid;
      else hi = mid;
    }
    codes[bucket] = lowCode;
    steps[bucket] = lo;
  } else {
    codes[bucket] = BUCKET_SLOW;
  }
}

/** Thresholds per scale code in the cache of the block loop: 7 (E2M1's largest code), padded to 8. */
const THRESHOLD_STRIDE = 8;
/** Finite FP32 magnitude patterns lie in [0, FINITE_BITS). */
const FINITE_BITS = 0x7f800000;
const THRESHOLD_PATTERN = new Int32Array(1);
const THRESHOLD_VALUE = new Float32Array(THRESHOLD_PATTERN.buffer);

/**
 * The E2M1 code of FP32(x·e_b) as a function of x's magnitude bits p is a step function: x ↦
 * FP32(x·e_b) and nearest-even rounding are monotone, and the FP32 patterns of x ≥ 0 order like
 * their values. So with u_k the largest p whose code is below k (k = 1 … maxCode), the code of x is
 * the number of u_k below p, and the sign code is added for negative x (rounding is odd: FP32(−x·e_b)
 * = −FP32(x·e_b)). Writes u_1 … u_7 to `out` from `at`, each found by bisection over the patterns with
 * the block loop's own arithmetic (FP32 product, then `encodeElement`); a code never reached gives
 * the largest finite pattern.
 */
function e2m1Thresholds(encoder: ElementEncoder, encode: number, out: Int32Array, at: number): void {
  const maxCode = encoder.maxCode;
  const codeOf = (p: number): number => {
    THRESHOLD_PATTERN[0] = p;
    return encodeElement(encoder, Math.fround(THRESHOLD_VALUE[0] * encode), 0);
  };
  for (let k = 1; k <= maxCode; k++) {
    // invariant: codeOf(low) < k, and high = FINITE_BITS or codeOf(high) ≥ k
    let low = k === 1 ? 0 : out[at + k - 2];
    let high = FINITE_BITS;
    while (high - low > 1) {
      const mid = low + ((high - low) >> 1);
      if (codeOf(mid) < k) low = mid;
      else high = mid;
    }
    out[at + k - 1] = low;
  }
}

/**
 * The block loop of {@link nvfp4Quantize}, in a function of its own so that the engine optimizes it
 * once. It runs over chunks of blocks in two passes: first the block scales, from the block maxima of
 * {@link blockMaxima} through the bucket table of SCALE_BUCKET_SHIFT (no division or rounding per
 * block), then the elements. Everything that depends only on a block's
 * scale code (e_b, the 16 decoded values, the thresholds of {@link e2m1Thresholds}) is computed once
 * per scale code in use (at most 127), not once per block. Nearest-even elements are coded by
 * comparing x's magnitude bits with the thresholds; stochastic ones need y = FP32(x·e_b) itself,
 * written to an FP32 scratch block (the store is the FP32 rounding) and encoded from its bits.
 */
function quantizeBlocks(
  xs: Float32Array,
  bits: Int32Array,
  blockSize: number,
  blockAmax: Int32Array,
  sEnc: number,
  sDec: number,
  conventions: { readonly floor: number; readonly float32: boolean },
  encoder: ElementEncoder,
  random: (() => number) | undefined,
  blockScaleCodes: Uint8Array,
  blockScales: Float64Array,
  elementCodes: Uint8Array,
  out: Float64Array,
): void {
  const fround = Math.fround;
  // block scales: E4M3 nearest-even, saturating (the wanted scale is ≤ 448 anyway)
  const scaleEncoder = elementEncoder(formatDefinition("e4m3"), NEAREST_EVEN);
  const scaleValues = scaleEncoder.values;
  const offset = FLOAT32_INDEX_OFFSET;
  const e2m1Values = encoder.values;
  const codeCount = e2m1Values.length; // 16: codes 8–15 are −(codes 0–7)
  const half = codeCount >> 1;
  // by scale code: e_b (−1 until first used) and the decoded value q·s_dec_b/s_enc of every code
  const scaleCount = scaleValues.length;
  const encodeFactors = new Float64Array(scaleCount).fill(-1);
  const decoded = new Float64Array(scaleCount * codeCount);
  // by scale code: for k = 1 … 7, the largest FP32 magnitude pattern whose code is below k (see
  // e2m1Thresholds); nearest-even only
  const thresholds = new Int32Array(scaleCount * THRESHOLD_STRIDE);
  const scaled = new Float32Array(Math.min(blockSize, bits.length)); // a block's elements, at most n
  const floor = conventions.floor;
  const float32 = conventions.float32;
  const scaledBits = new Int32Array(scaled.buffer);
  const codeBase = encoder.bitsCodeBase;
  const inverseStep = encoder.bitsInverseStep;
  const maxCode = encoder.maxCode | 0;
  const signCode = encoder.signCode | 0;
  const n = bits.length;
  const blocks = blockScales.length;
  // module constants as locals: the loop then reads no module bindings
  const infBits = INF_BITS;
  const nanCode = E4M3_NAN_CODE;
  const float32Max = FLOAT32_MAX;
  // block scale codes by bucket of amax patterns (see SCALE_BUCKET_SHIFT), built on first use
  const bucketCodes = new Uint8Array(SCALE_BUCKETS).fill(BUCKET_UNBUILT);
  const bucketSteps = new Int32Array(SCALE_BUCKETS);
  const bucketShift = SCALE_BUCKET_SHIFT;
  const bucketUnbuilt = BUCKET_UNBUILT;
  const bucketSlow = BUCKET_SLOW;
  const chunkBlocks = Math.max(1, Math.floor(CHUNK_ELEMENTS / blockSize));
  for (let first = 0; first < blocks; first += chunkBlocks) {
    const last = Math.min(first + chunkBlocks, blocks);
    // pass 1 over the chunk: the block scales
    for (let b = first; b < last; b++) {
      const amaxBits = blockAmax[b];
      if (amaxBits >= infBits) {
        blockScaleCodes[b] = nanCode;
        blockScales[b] = NaN;
        continue;
      }
      const bucket = amaxBits >>> bucketShift;
      let scaleCode = bucketCodes[bucket];
      if (scaleCode === bucketUnbuilt) {
        buildScaleBucket(scaleEncoder, sEnc, floor, bucket, bucketCodes, bucketSteps);
        scaleCode = bucketCodes[bucket];
      }
      if (scaleCode === bucketSlow) scaleCode = scaleCodeOf(scaleEncoder, amaxBits, sEnc, floor);
      else scaleCode += (bucketSteps[bucket] - amaxBits) >>> 31;
      const sDecBlock = scaleValues[scaleCode];
      blockScaleCodes[b] = scaleCode;
      blockScales[b] = sDecBlock;
      if (encodeFactors[scaleCode] < 0) {
        encodeFactors[scaleCode] = sDecBlock === 0 ? 0 : Math.min(fround(1 / fround(sDecBlock * sDec)), float32Max);
        const valueBase = scaleCode * codeCount;
        for (let code = 0; code < half; code++) {
          const v = nvfp4DecodedValue(e2m1Values[code], sDecBlock, sEnc, sDec, float32);
          decoded[valueBase + code] = v;
          decoded[valueBase + code + half] = -v;
        }
        if (random === undefined) {
          e2m1Thresholds(encoder, encodeFactors[scaleCode], thresholds, scaleCode * THRESHOLD_STRIDE);
        }
      }
    }
    // pass 2 over the chunk (still in cache): the elements, in index order (the stochastic draws too)
    for (let b = first; b < last; b++) {
      const start = b * blockSize;
      const end = Math.min(start + blockSize, n);
      const scaleCode = blockScaleCodes[b];
      if (scaleCode === nanCode) {
        // the scale encoder saturates at 448 (code 0x7E), so 0x7F marks exactly the NaN blocks
        for (let i = start; i < end; i++) {
          nextDraw(random); // one draw per element keeps later blocks' draws aligned
          out[i] = NaN;
        }
        continue;
      }
      const encode = encodeFactors[scaleCode];
      const valueBase = scaleCode * codeCount;
      if (random === undefined) {
        // the code of |x| is the number of thresholds it exceeds: (u − p) >>> 31 is 1 iff p > u
        const t = scaleCode * THRESHOLD_STRIDE;
        const u1 = thresholds[t];
        const u2 = thresholds[t + 1];
        const u3 = thresholds[t + 2];
        const u4 = thresholds[t + 3];
        const u5 = thresholds[t + 4];
        const u6 = thresholds[t + 5];
        const u7 = thresholds[t + 6];
        for (let i = start; i < end; i++) {
          const x = bits[i];
          const p = x & 0x7fffffff;
          const code =
            ((u1 - p) >>> 31) +
            ((u2 - p) >>> 31) +
            ((u3 - p) >>> 31) +
            ((u4 - p) >>> 31) +
            ((u5 - p) >>> 31) +
            ((u6 - p) >>> 31) +
            ((u7 - p) >>> 31) +
            ((x >> 31) & signCode);
          elementCodes[i] = code;
          out[i] = decoded[valueBase + code];
        }
      } else {
        // y_i = FP32(x_i·e_b) into the scratch (the FP32 store is the rounding), then encoded from
        // its bits; |y| > 6 saturates to code ±6, the same as clamping to ±6 first
        const count = end - start;
        for (let k = 0; k < count; k++) scaled[k] = xs[start + k] * encode;
        encodeFloat32RunStochastic(
          scaledBits,
          0,
          count,
          offset,
          start,
          inverseStep,
          codeBase,
          maxCode,
          signCode,
          elementCodes,
          decoded,
          valueBase,
          1,
          out,
          random,
        );
      }
    }
  }
}
