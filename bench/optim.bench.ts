/**
 * Throughput of the optimizer and regression loops (`npx tsx bench/optim.bench.ts`, part of `npm run bench`),
 * each beside a numpy implementation of the same step run in the same rounds (`bench/peers_optim.py`):
 *
 * - one Adam step on a 256×256 weight matrix (binary64, bias correction), target: within 2× of numpy;
 * - one Muon step on 256×256 (Nesterov momentum + quintic Newton–Schulz, 5 steps), and Newton–Schulz
 *   alone, target: within 2× of numpy (which calls BLAS for its matrix products);
 * - one-pass quantized SGD on linear regression (d = 256, data stochastically rounded on a grid of step
 *   0.05, parameters rounded to 7 mantissa bits, iterate averaging), in million coordinate-updates per
 *   second (examples × d / s), batch 1 (target ≥ 3× numpy) and batch 32 (reported; numpy vectorizes
 *   over the batch there). Each step draws its example on both sides (ours: d ziggurat normals and d 32-bit
 *   uniforms for the rounding; numpy: `standard_normal` and `random`); a third numpy figure draws the
 *   examples 1024 at a time, which a numpy user can do since they do not depend on the iterate (reported);
 * - the 256×256 matrix product: ml-matrix's `mmul` against `matmul` (src/numeric/matmul.ts).
 *
 * Best of BITBOUND_BENCH_ROUNDS rounds (default 3) of CALLS (3) timed calls per row (ml-matrix's product: one);
 * the numpy peers run once per round, between ours, with the same calls per row, so a slow spell of a shared
 * machine hits both sides alike; on Linux the whole run, peers included, is pinned to one core (bench/pinnedCore.ts). numpy runs with one BLAS thread
 * (OPENBLAS_NUM_THREADS=1 and friends), as ours run on one core.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Matrix } from "ml-matrix";
import { pythonPath } from "../src/cli/runNotebook";
import { createRandom } from "../src/numeric/random";
import { matmul, matmulBackend } from "../src/numeric/matmul";
import { createAdam } from "../src/optim/adam";
import { createMuon } from "../src/optim/muon";
import { newtonSchulz5, newtonSchulzWorkspace } from "../src/optim/newtonSchulz";
import { polynomialSpectrum } from "../src/regression/spectrum";
import { regressionProblem } from "../src/regression/regressionProblem";
import { sgdRegression } from "../src/regression/sgdRegression";
import { runOnOneCore } from "./pinnedCore";

const pinning = runOnOneCore(); // re-runs this file on one core with its peers (Linux), see bench/pinnedCore.ts

const ROUNDS = Math.max(1, Math.floor(Number(process.env.BITBOUND_BENCH_ROUNDS ?? 3)) || 3);
const N = 256;
const D = 256;
const SAMPLES = 8192;

const rng = createRandom(2026);
const w0 = rng.fillNormal(new Float64Array(N * N));
const g = rng.fillNormal(new Float64Array(N * N));
const adam = createAdam(w0);
const muon = createMuon(w0, N, N);
const ws = newtonSchulzWorkspace(N, N);
const nsOut = new Float64Array(N * N);
const problem = regressionProblem({ lambdas: polynomialSpectrum(D, 2), beta: 1.5, noiseVariance: 0.01 });
const quantize = {
  data: { kind: "additive", step: 0.05, rounding: "stochastic" },
  parameters: { kind: "mantissa", bits: 7, rounding: "nearest" },
} as const;
const mlA = new Matrix(N, N);
const mlB = new Matrix(N, N);
for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
  mlA.set(i, j, w0[i * N + j]);
  mlB.set(i, j, g[i * N + j]);
}
const mmOut = new Float64Array(N * N);
let sink = 0;

/** The process's CPU time for fn (user + system, all threads: V8's compiler and GC threads count against us).
 * Every row uses it on both sides (numpy: time.process_time): on a shared 2-core machine a 20–90 ms step
 * is preempted in most wall-clock runs, the CPU it used is not (and a 0.1–0.3 s SGD pass is rarely left alone). */
function cpuSeconds(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
}

/** Every row but ml-matrix's: the least CPU time of CALLS calls in a row (numpy's side does the same), so that
 * a V8 background thread (GC after the SGD rows' allocations) caught in one call does not decide the round,
 * nor one slow spell of the shared machine (a plain loop's speed moves by 30–50% from second to second on the
 * 2-core VM the figures come from; the SGD pass, 40–60 ms, fits inside one such spell). */
const CALLS = 3;
function fewestCpuSeconds(fn: () => void): number {
  let least = Infinity;
  for (let r = 0; r < CALLS; r++) least = Math.min(least, cpuSeconds(fn));
  return least;
}

const ours: Record<string, () => number> = {
  adam_ms: () => fewestCpuSeconds(() => adam.step(g)) * 1e3,
  muon_ms: () => fewestCpuSeconds(() => muon.step(g)) * 1e3,
  ns_ms: () => fewestCpuSeconds(() => newtonSchulz5(g, N, N, 5, nsOut, ws)) * 1e3,
  sgd_b1_mcu: () => (SAMPLES * D) / fewestCpuSeconds(() => (sink += sgdRegression({ problem, samples: SAMPLES, stepSize: 0.1, seed: 1, quantize }).riskAveraged)) / 1e6,
  sgd_b32_mcu: () =>
    (SAMPLES * D) / fewestCpuSeconds(() => (sink += sgdRegression({ problem, samples: SAMPLES, batchSize: 32, stepSize: 0.1, seed: 1, quantize }).riskAveraged)) / 1e6,
  mlmatrix_mmul_ms: () => cpuSeconds(() => (sink += mlA.mmul(mlB).get(0, 0))) * 1e3,
  matmul_ms: () => fewestCpuSeconds(() => matmul(w0, g, N, N, N, mmOut)) * 1e3,
};
const higherIsBetter = (key: string) => key.endsWith("_mcu");

const here = dirname(fileURLToPath(import.meta.url));
const python = pythonPath(join(here, ".."));
function peers(): Record<string, number | string> | string {
  if (!existsSync(python)) return "peers skipped: .venv/bin/python not found (run npm run setup)";
  try {
    // one BLAS thread: both sides then run on one core (ours are single-threaded JavaScript loops)
    const env = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
    const report = execFileSync(python, [join(here, "peers_optim.py"), "1"], { encoding: "utf8", env }).trim();
    return report.startsWith("peers skipped") ? report : (JSON.parse(report) as Record<string, number | string>);
  } catch (error) {
    return `peers skipped: ${(error as Error).message.split("\n")[0]}`;
  }
}

for (const fn of Object.values(ours)) fn(); // warm-up (JIT)
const best: Record<string, number> = {};
const peerBest: Record<string, number> = {};
let peerNote = "";
let blas = "BLAS threads not reported";
const keep = (table: Record<string, number>, key: string, value: number) => {
  const old = table[key];
  table[key] = old === undefined ? value : higherIsBetter(key) ? Math.max(old, value) : Math.min(old, value);
};
for (let round = 0; round < ROUNDS; round++) {
  for (const [key, fn] of Object.entries(ours)) keep(best, key, fn());
  const p = peers();
  if (typeof p === "string") peerNote = p;
  else for (const [key, value] of Object.entries(p)) if (typeof value === "number") keep(peerBest, key, value); else blas = String(value);
}

console.log(`\nbitbound optimizer benchmark: 256×256 matrices, regression d = ${D}, ${SAMPLES} examples; best of ${ROUNDS}, node ${process.version}; numpy on one BLAS thread`);
console.log(`numpy's BLAS: ${blas}; every row timed in process CPU time on both sides; ${pinning}`);
const rows: [string, string, string, number | undefined][] = [
  ["Adam step, 256×256 (binary64)", "adam_ms", "ms", 2],
  ["Muon step, 256×256 (NS5 included)", "muon_ms", "ms", 2],
  ["Newton–Schulz (5 steps), 256×256", "ns_ms", "ms", 2],
  ["quantized SGD, batch 1", "sgd_b1_mcu", "M coord-updates/s", 3],
  ["quantized SGD, batch 32", "sgd_b32_mcu", "M coord-updates/s", undefined],
];
for (const [label, key, unit, target] of rows) {
  const value = best[key];
  const peer = peerBest[key];
  let verdict = "";
  if (peer !== undefined) {
    if (higherIsBetter(key)) {
      const speedup = value / peer;
      verdict = `numpy ${peer.toFixed(2)}: ours ${speedup.toFixed(2)}× numpy${target === undefined ? "" : speedup >= target ? ` ok (target ≥ ${target}×)` : ` BELOW target ≥ ${target}×`}`;
    } else {
      const slowdown = value / peer;
      verdict = `numpy ${peer.toFixed(2)}: ours ${slowdown.toFixed(2)}× numpy's time${target === undefined ? "" : slowdown <= target ? ` ok (target ≤ ${target}×)` : ` BELOW target ≤ ${target}×`}`;
    }
  }
  console.log(`${label.padEnd(38)} ${value.toFixed(2).padStart(9)} ${unit.padEnd(18)} ${verdict}`);
}
const blocked = peerBest.sgd_b1_blocked_mcu;
if (blocked !== undefined) {
  // the same batch-1 SGD with numpy drawing the examples 1024 at a time (they do not depend on the iterate)
  console.log(`${"  numpy drawing the examples in blocks".padEnd(38)} ${"".padStart(9)} ${"".padEnd(18)} numpy ${blocked.toFixed(2)}: ours ${(best.sgd_b1_mcu / blocked).toFixed(2)}× numpy (reported)`);
}
if (peerNote) console.log(peerNote);
console.log(
  `matrix product 256×256: ml-matrix mmul ${best.mlmatrix_mmul_ms.toFixed(2)} ms, matmul ${best.matmul_ms.toFixed(2)} ms (${(best.mlmatrix_mmul_ms / best.matmul_ms).toFixed(2)}× faster)` +
    (peerBest.matmul_ms === undefined ? "" : `, numpy ${peerBest.matmul_ms.toFixed(2)} ms (ours ${(best.matmul_ms / peerBest.matmul_ms).toFixed(2)}× numpy's time)`),
);
console.log(
  `What limits the matrix steps: Newton–Schulz is 5 × (r²c/2 + r³/2 + r²c) = 168 M multiply-adds on 256² here (the two Gram products computed as half; numpy's x@x.T is a half-work syrk too but its A@A a full gemm: 210 M); ours run on a WebAssembly SIMD kernel (${matmulBackend()}: two float64 lanes, a multiply and an add per lane, no FMA), numpy's on OpenBLAS's AVX-512 FMA kernels (eight lanes, fused). Matrix product: ours ${(N ** 3 / best.matmul_ms / 1e6).toFixed(1)} G multiply-adds/s.`,
);
if (sink === 42) console.log(""); // keeps results alive
