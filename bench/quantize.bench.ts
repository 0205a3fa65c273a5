/**
 * Throughput of the number-format core on 2^24 FP32 elements (`npx tsx bench/quantize.bench.ts`,
 * `npm run bench`), on two data sets, each reported on its own:
 *
 * - "normal": 2^24 seeded standard normal values, the data people quantize (activations, gradients,
 *   weights after scaling). The README's speed claims are read from this table.
 * - "spread": standard normal values times 2^k, k uniform in [−16, 12], so that every binade of the small
 *   formats is visited, from the subnormals to overflow. ml_dtypes and numpy take their slowest paths on
 *   it (subnormal and overflow handling), so the leads measured here are larger than on normal data.
 *
 * Reference point ("limit"): a plain loop writing Math.fround(x[i]·0.5) into a preallocated
 * Float32Array, about the fastest element-wise pass a JS engine makes over this data. Each kernel is
 * reported in M elements/s and as a fraction of the limit measured on the same data in the same run,
 * against the targets: scalar casts ≥ 40 %, block formats ≥ 15 %. When `.venv/bin/python` has numpy and
 * ml_dtypes, `bench/peers.py` times the round trips there on the SAME array (written to a temporary file
 * and read back bit for bit), once per round of ours (targets: FP8/FP4 ≥ 2× ml_dtypes, fp16 ≥ numpy).
 * Best of 3 rounds (BITBOUND_BENCH_ROUNDS=10 for more); within a round every row and the peers run one
 * after another.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mxQuantize, nvfp4Quantize, quantizeArray } from "../src/formats/index";
import type { FormatName } from "../src/formats/index";
import { pythonPath } from "../src/cli/runNotebook";
import { createRandom } from "../src/numeric/random";

const N = 1 << 24;
/** Rounds per data set; BITBOUND_BENCH_ROUNDS raises it on a busy machine (best of more rounds). */
const REPETITIONS = Math.max(1, Math.floor(Number(process.env.BITBOUND_BENCH_ROUNDS ?? 3)) || 3);
const SCALAR_TARGET = 0.4;
const BLOCK_TARGET = 0.15;
const PEER_FACTOR_SMALL_FLOAT = 2; // FP8/FP4 at least 2× ml_dtypes
const PEER_FACTOR_FP16 = 1; // fp16 at least numpy

interface DataSet {
  name: string;
  description: string;
  make: () => Float32Array;
}
const dataSets: DataSet[] = [
  {
    name: "normal",
    description: "standard normal values (seed 2026)",
    make: () => {
      const rng = createRandom(2026);
      const x = new Float32Array(N);
      for (let i = 0; i < N; i++) x[i] = rng.normal();
      return x;
    },
  },
  {
    name: "spread",
    description: "standard normal times 2^k, k uniform in [-16, 12]: 29 binades (seed 2026)",
    make: () => {
      const rng = createRandom(2026);
      const x = new Float32Array(N);
      for (let i = 0; i < N; i++) x[i] = rng.normal() * 2 ** (rng.integer(29) - 16);
      return x;
    },
  },
];

let sink = 0;

/** The reference loop, as a function of its arguments like the library's kernels. */
function plainLoop(xs: Float32Array, out: Float32Array): void {
  for (let i = 0; i < xs.length; i++) out[i] = Math.fround(xs[i] * 0.5);
}

interface Row {
  name: string;
  run: () => void;
  target?: number;
  seconds: number;
}

const scalarFormats: FormatName[] = ["fp16", "bf16", "e4m3", "e5m2", "e2m1"];
const out32 = new Float32Array(N);
const out64 = new Float64Array(N);

type Peers = Record<string, number>;

/**
 * Times every kernel on `x`, and the peers on the same array, interleaved over REPETITIONS rounds so that
 * a slow spell of the machine (other processes share its cores) hits every row and the peers alike; each
 * row keeps its best time, each peer its best throughput. Returns the rows, and the peers or the reason
 * they were skipped.
 */
function timeKernels(x: Float32Array): { rows: Row[]; peers: Peers | string } {
  const rows: Row[] = [
    { name: "limit: Math.fround(x*0.5) loop", run: () => plainLoop(x, out32), seconds: Infinity },
    { name: "Float32Array copy (set)", run: () => out32.set(x), seconds: Infinity },
  ];
  for (const name of scalarFormats) {
    rows.push({
      name: `quantizeArray ${name} (out: Float32Array)`,
      run: () => {
        quantizeArray(name, x, { out: out32 });
      },
      target: SCALAR_TARGET,
      seconds: Infinity,
    });
  }
  // block formats: as called plainly (fresh result arrays, whose first touch costs page faults), and
  // with a preallocated options.out for the dequantized values, like the scalar rows
  const blockRows: [string, () => number][] = [
    ["mxQuantize e2m1 (MXFP4)", () => mxQuantize(x, "e2m1").values[0]],
    ["mxQuantize e2m1 (MXFP4, options.out)", () => mxQuantize(x, "e2m1", { out: out64 }).values[0]],
    ["nvfp4Quantize (quantize + dequantize)", () => nvfp4Quantize(x).values[0]],
    ["nvfp4Quantize (options.out)", () => nvfp4Quantize(x, { out: out64 }).values[0]],
  ];
  for (const [name, run] of blockRows) {
    rows.push({ name, run: () => void (sink += run()), target: BLOCK_TARGET, seconds: Infinity });
  }
  const peerRun = peerRunner(x);
  let peers: Peers | string = typeof peerRun === "string" ? peerRun : {};
  try {
    for (const row of rows) row.run(); // one warm-up run each
    for (let r = 0; r < REPETITIONS; r++) {
      for (const row of rows) {
        const t0 = process.hrtime.bigint();
        row.run();
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        if (seconds < row.seconds) row.seconds = seconds;
      }
      if (typeof peers === "string" || typeof peerRun === "string") continue;
      const round = peerRun.run();
      if (typeof round === "string") peers = round;
      else for (const [name, v] of Object.entries(round)) peers[name] = Math.max(peers[name] ?? 0, v);
    }
  } finally {
    if (typeof peerRun !== "string") peerRun.close();
  }
  sink += out32[N - 1];
  return { rows, peers };
}

const mps = (row: Row) => N / row.seconds / 1e6;
const here = dirname(fileURLToPath(import.meta.url));
const python = pythonPath(join(here, ".."));

/**
 * Prepares bench/peers.py on exactly the array `x` (raw little-endian float32 in a temporary file): `run()`
 * times each peer once (after a warm-up) and returns M el/s per peer, or the reason the peers were skipped;
 * `close()` deletes the file. Returns the reason directly when there is no Python environment.
 */
function peerRunner(x: Float32Array): { run: () => Peers | string; close: () => void } | string {
  if (!existsSync(python)) return "peers skipped: .venv/bin/python not found (run npm run setup)";
  const dir = mkdtempSync(join(tmpdir(), "bitbound-bench-"));
  const file = join(dir, "x.f32");
  writeFileSync(file, new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  return {
    run: () => {
      try {
        const report = execFileSync(python, [join(here, "peers.py"), file, "1"], { encoding: "utf8" }).trim();
        return report.startsWith("peers skipped") ? report : (JSON.parse(report) as Peers);
      } catch (error) {
        return `peers skipped: ${(error as Error).message.split("\n")[0]}`;
      }
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

console.log(`bitbound formats benchmark: ${N} FP32 elements, best of ${REPETITIONS}, node ${process.version}`);
console.log("ratios are read within one table (same data, same run); absolute M el/s move from machine to machine");
for (const data of dataSets) {
  const x = data.make();
  const { rows, peers } = timeKernels(x);
  const limit = mps(rows[0]);
  console.log(`\n== data "${data.name}": ${data.description}`);
  for (const row of rows) {
    const ratio = mps(row) / limit;
    const verdict =
      row.target === undefined ? "" : ratio >= row.target ? `  ok (target ${row.target * 100}%)` : `  BELOW target ${row.target * 100}%`;
    console.log(`${row.name.padEnd(46)} ${mps(row).toFixed(1).padStart(8)} M el/s  ${(ratio * 100).toFixed(1).padStart(6)}%${verdict}`);
  }
  // Peers: numpy float16 and ml_dtypes float8_e4m3fn / float4_e2m1fn round trips on the same array.
  if (typeof peers === "string") {
    console.log(peers);
    continue;
  }
  const ours: Record<string, number> = {};
  for (const row of rows) {
    const m = /quantizeArray (\w+)/.exec(row.name);
    if (m) ours[m[1]] = mps(row);
  }
  const comparisons: [string, string, number][] = [
    ["ml_dtypes float8_e4m3fn", "e4m3", PEER_FACTOR_SMALL_FLOAT],
    ["ml_dtypes float4_e2m1fn", "e2m1", PEER_FACTOR_SMALL_FLOAT],
    ["numpy float16", "fp16", PEER_FACTOR_FP16],
  ];
  for (const [peer, format, factor] of comparisons) {
    const theirs = peers[peer];
    const speedup = ours[format] / theirs;
    const verdict = speedup >= factor ? `ok (target ${factor}×)` : `BELOW target ${factor}×`;
    console.log(
      `${`peer ${peer} round trip`.padEnd(46)} ${theirs.toFixed(1).padStart(8)} M el/s  ours ${format} ${speedup.toFixed(2)}×  ${verdict}`,
    );
  }
}
if (sink === 0.123456789) console.log(""); // keep the results observable
