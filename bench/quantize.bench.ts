/**
 * Throughput of the number-format core on 2^24 FP32 elements (`npx tsx bench/quantize.bench.ts`,
 * `npm run bench`).
 *
 * Reference point ("limit"): a plain loop writing Math.fround(x[i]·0.5) into a preallocated
 * Float32Array, about the fastest element-wise pass a JS engine makes over this data. Each kernel is
 * reported in M elements/s and as a fraction of the limit, against the targets: scalar casts ≥ 40 %,
 * block formats ≥ 15 %. When `.venv/bin/python` has numpy and ml_dtypes, `bench/peers.py` times the
 * same round trips there (targets: FP8/FP4 ≥ 2× ml_dtypes, fp16 ≥ numpy). Best of 3 repetitions.
 *
 * Data: seeded standard normal values times 2^k, k uniform in [−16, 12], so that every binade of the
 * small formats is visited, from the subnormals to overflow.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mxQuantize, nvfp4Quantize, quantizeArray } from "../src/formats/index";
import type { FormatName } from "../src/formats/index";
import { createRandom } from "../src/numeric/random";

const N = 1 << 24;
const REPETITIONS = 3;
const SCALAR_TARGET = 0.4;
const BLOCK_TARGET = 0.15;
const PEER_FACTOR_SMALL_FLOAT = 2; // FP8/FP4 at least 2× ml_dtypes
const PEER_FACTOR_FP16 = 1; // fp16 at least numpy

function makeData(): Float32Array {
  const rng = createRandom(2026);
  const x = new Float32Array(N);
  for (let i = 0; i < N; i++) x[i] = rng.normal() * 2 ** (rng.integer(29) - 16);
  return x;
}

const x = makeData();
const out32 = new Float32Array(N);
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
const rows: Row[] = [
  { name: "limit: Math.fround(x*0.5) loop", run: () => plainLoop(x, out32), seconds: Infinity },
  { name: "Float32Array copy (set)", run: () => out32.set(x), seconds: Infinity },
];
const scalarFormats: FormatName[] = ["fp16", "bf16", "e4m3", "e5m2", "e2m1"];
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
const out64 = new Float64Array(N);
const blockRows: [string, () => number][] = [
  ["mxQuantize e2m1 (MXFP4)", () => mxQuantize(x, "e2m1").values[0]],
  ["mxQuantize e2m1 (MXFP4, options.out)", () => mxQuantize(x, "e2m1", { out: out64 }).values[0]],
  ["nvfp4Quantize (quantize + dequantize)", () => nvfp4Quantize(x).values[0]],
  ["nvfp4Quantize (options.out)", () => nvfp4Quantize(x, { out: out64 }).values[0]],
];
for (const [name, run] of blockRows) {
  rows.push({ name, run: () => void (sink += run()), target: BLOCK_TARGET, seconds: Infinity });
}

// One warm-up run each, then REPETITIONS rounds over all rows, interleaved so that a slow spell of
// the machine (other processes share its 2 cores) hits every row alike; each row keeps its best time.
for (const row of rows) row.run();
for (let r = 0; r < REPETITIONS; r++) {
  for (const row of rows) {
    const t0 = process.hrtime.bigint();
    row.run();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (seconds < row.seconds) row.seconds = seconds;
  }
}
sink += out32[N - 1];
const limit = N / rows[0].seconds / 1e6;
const mps = (row: Row) => N / row.seconds / 1e6;

console.log(`bitbound formats benchmark: ${N} FP32 elements, best of ${REPETITIONS}, node ${process.version}`);
for (const row of rows) {
  const ratio = mps(row) / limit;
  const verdict =
    row.target === undefined ? "" : ratio >= row.target ? `  ok (target ${row.target * 100}%)` : `  BELOW target ${row.target * 100}%`;
  console.log(`${row.name.padEnd(46)} ${mps(row).toFixed(1).padStart(8)} M el/s  ${(ratio * 100).toFixed(1).padStart(6)}%${verdict}`);
}

// Peers: numpy float16 and ml_dtypes float8_e4m3fn / float4_e2m1fn round trips on the same size.
const here = dirname(fileURLToPath(import.meta.url));
const python = join(here, "..", ".venv", "bin", "python");
if (!existsSync(python)) {
  console.log("peers skipped: .venv/bin/python not found");
} else {
  let report = "";
  try {
    report = execFileSync(python, [join(here, "peers.py"), String(N)], { encoding: "utf8" });
  } catch (error) {
    console.log(`peers skipped: ${(error as Error).message.split("\n")[0]}`);
  }
  if (report.startsWith("peers skipped")) console.log(report.trim());
  else if (report !== "") {
    const peers = JSON.parse(report) as Record<string, number>;
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
}
if (sink === 0.123456789) console.log(""); // keep the results observable
