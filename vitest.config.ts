import { defineConfig } from "vitest/config";

// Three projects, run in this order by scripts/test.mjs (scripts/lib/test.mjs):
// unit (library and course files), notebooks (real tslab kernel through nbclient), browser (JupyterLab in Chromium).
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.ts"], testTimeout: 60_000 } },
      {
        test: {
          name: "notebooks",
          include: ["test/notebooks/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
