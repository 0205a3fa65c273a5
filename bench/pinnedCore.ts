/**
 * Runs a benchmark and its numpy peers on one and the same core (Linux, `taskset`), so that a slow spell of
 * one core of a shared machine slows both sides of a ratio alike.
 *
 * Why: on the 2-core VM the figures come from, a plain loop's speed moves by 30–50% from second to second,
 * and one core can be slow for the length of a whole benchmark process (every row of ours 20–30% slower,
 * the numpy peers, scheduled on the other core, not). Pinned, the peers (child processes inherit the
 * affinity) share that core's spell, and the ratios the targets are read as stay put.
 *
 * @packageDocumentation
 */
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";

/** Set in the re-run process: the core it is pinned to. */
const CORE_VARIABLE = "BITBOUND_BENCH_CORE";

/**
 * Re-runs this script pinned to the last core and exits with the re-run's status; in the re-run, or where
 * pinning is not available (not Linux, no working `taskset`, or BITBOUND_BENCH_UNPINNED=1), returns a line
 * saying how the process runs, for the benchmark's header.
 */
export function runOnOneCore(): string {
  const pinned = process.env[CORE_VARIABLE];
  if (pinned !== undefined) return `pinned to core ${pinned} with its numpy peers (taskset)`;
  if (process.platform !== "linux" || process.env.BITBOUND_BENCH_UNPINNED === "1") return "not pinned to a core";
  const core = String(availableParallelism() - 1);
  const probe = spawnSync("taskset", ["-c", core, "true"], { stdio: "ignore" });
  if (probe.error !== undefined || probe.status !== 0) return "not pinned to a core (taskset not available)";
  const run = spawnSync("taskset", ["-c", core, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, [CORE_VARIABLE]: core },
  });
  process.exit(run.status ?? 1);
}
