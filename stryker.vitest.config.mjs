// The vitest configuration StrykerJS runs (stryker.config.mjs): the unit tests only, or those under
// BITBOUND_MUTATE_TESTS (a folder such as test/unit/numeric). vitest.config.ts declares three projects
// (unit, notebooks, browser), and the Stryker vitest runner has no option to pick one of them.
import { defineConfig } from "vitest/config";

const dir = (process.env.BITBOUND_MUTATE_TESTS ?? "test/unit").replace(/\/+$/, "");

export default defineConfig({
  test: {
    include: [dir.endsWith(".ts") ? dir : `${dir}/**/*.test.ts`],
    testTimeout: 300_000, // rounding.test.ts alone runs over a minute on a busy machine when instrumented
  },
});
