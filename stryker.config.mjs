// Mutation testing with StrykerJS over the unit tests (`npm run mutate`; not part of .ci/run: on two cores
// it takes about 2 minutes per 400 mutants).
//
//   npm run mutate                                   src/formats, src/quantizers and src/numeric
//   BITBOUND_MUTATE=src/numeric npm run mutate       one folder (or several, comma-separated), with its own
//                                                    reports and incremental file
//   npm run mutate -- --mutate 'src/numeric/random.ts'   any glob (reports under the BITBOUND_MUTATE name)
//   npm run mutate -- --concurrency 1                fewer workers on a busy machine
//   BITBOUND_MUTATE=src/formats/mx.ts,src/formats/nvfp4.ts BITBOUND_MUTATE_TAG=formats-block npm run mutate
//                                                    some files of a folder, reported under their own name
//   node scripts/mutation-score.mjs                  the score per folder and file over every report kept
//   BITBOUND_MUTATE=src/numeric BITBOUND_MUTATE_TESTS=test/unit/numeric npm run mutate
//                                                    only that folder's own tests (much faster: a mutant of
//                                                    random.ts is otherwise run against nearly every test; the
//                                                    score is then a lower bound of the whole suite's); a
//                                                    single test file works too
//
// Reports go to test-output/mutation/<folders>[--tests-<folder>]/ (git-ignored): mutation.html, mutation.json, and
// incremental.json, which the next run reuses for the mutants whose code and tests did not change
// (`-- --force` ignores it). Later stages add their folders to BITBOUND_MUTATE (src/info, src/bounds, ...).
const folders = (process.env.BITBOUND_MUTATE ?? "src/formats,src/quantizers,src/numeric")
  .split(",")
  .map((f) => f.trim().replace(/\/+$/, ""))
  .filter(Boolean);
// an entry is a folder (all its .ts files) or a file or glob ending in .ts; BITBOUND_MUTATE_TAG names the run's
// reports when the default name (the entries joined by "+") would be unwieldy
const globs = folders.map((f) => (f.endsWith(".ts") ? f : `${f}/**/*.ts`));
const tag = (process.env.BITBOUND_MUTATE_TAG ?? folders.map((f) => f.replace(/^src\//, "")).join("+")).replace(
  /[^\w.+-]+/g,
  "-",
);
const tests = process.env.BITBOUND_MUTATE_TESTS;
const reports = `test-output/mutation/${tag}${tests ? `--tests-${tests.replace(/^test\/unit\/?/, "").replace(/[^\w.-]+/g, "-") || "unit"}` : ""}`;

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  // the unit tests only (or BITBOUND_MUTATE_TESTS): a vitest configuration of their own, without the
  // notebook and browser projects of vitest.config.ts
  vitest: { configFile: "stryker.vitest.config.mjs" },
  mutate: globs,
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 10_000, // a busy machine: other processes share the cores
  dryRunTimeoutMinutes: 30, // the first, instrumented run of the unit tests related to the mutated files
  incremental: true,
  incrementalFile: `${reports}/incremental.json`,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `${reports}/mutation.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // Stryker rewrites the tsconfig's `extends` and `references` paths for its sandbox, with the `typescript`
  // package; ours has neither, and the project's compiler is tslab's (@tslab/typescript-for-tslab), so point
  // Stryker at no tsconfig rather than install a second TypeScript
  tsconfigFile: "stryker-has-no-tsconfig.json",
  // one sandbox folder per run, so runs over different folders can go on side by side
  tempDirName: `.stryker-tmp/${tag}${tests ? "--tests" : ""}`,
  cleanTempDir: "always",
  // the sandbox is a copy of the project: leave out what the unit tests never read
  ignorePatterns: [".venv", ".jupyter", ".cache", "test-output", "build", "dist", "editions", "site", ".stryker-tmp"],
};
