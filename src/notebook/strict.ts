/**
 * The course's strict mode: switched on by the environment variable `BITBOUND_STRICT=1`, which the
 * course's own runners set (scripts/run_notebook.py for every lesson notebook, the deep-dive test for
 * every deep dive). In strict mode `check` requires every check to say what kind of evidence it is, and
 * `show` enforces the course's figure rules. A learner's own notebook runs without it, so quick checks
 * and quick plots just work.
 *
 * @packageDocumentation
 */

/**
 * Whether the environment asks for the course's strict mode (`BITBOUND_STRICT` is `"1"`).
 * Read on every call, so a runner can switch it for one process without restarting anything.
 *
 * @example
 * ```ts
 * process.env.BITBOUND_STRICT = "1";
 * strictFromEnvironment(); // true
 * ```
 */
export function strictFromEnvironment(): boolean {
  return typeof process !== "undefined" && process.env?.BITBOUND_STRICT === "1";
}
