import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { compareVersions, courseVersion, parseChangelog, readChangelog, releaseProblems, versionLine } from "../../../src/course/changelog";

const root = join(__dirname, "..", "..", "..");

/** The available lesson ids of a course.yaml text, read with the yaml package (not the library's loader). */
const availableIn = (text: string) =>
  (parse(text) as { lessons: { id: string; status: string }[] }).lessons.filter((l) => l.status === "available").map((l) => String(l.id));

/** Whether this clone has a commit (CI clones are full; a shallow clone may not). */
const hasCommit = (commit: string) => {
  try {
    execFileSync("git", ["cat-file", "-e", `${commit}^{commit}`], { cwd: root, stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

describe("the project's CHANGELOG.md", () => {
  const releases = readChangelog(root);
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };

  it("has package.json's version as its newest release, listing the lessons course.yaml makes available", () => {
    expect(releases[0].version).toBe(pkg.version);
    expect(releases[0].lessons).toEqual(availableIn(readFileSync(join(root, "lessons/course.yaml"), "utf8")));
  });

  it("lists for each older release the lessons course.yaml made available at its tag's commit", () => {
    const older = releases.slice(1);
    expect(older.length).toBeGreaterThan(0);
    for (const r of older) {
      expect(r.commit, `release ${r.version} names its commit`).toMatch(/^[0-9a-f]{7,40}$/);
      if (!hasCommit(r.commit!)) continue; // a shallow clone: nothing to compare with
      const then = execFileSync("git", ["show", `${r.commit}:lessons/course.yaml`], { cwd: root, encoding: "utf8" });
      expect(r.lessons, `lessons of ${r.version}`).toEqual(availableIn(then));
    }
  });

  it("agrees with the release script's checks, and the welcome notebook's line names the version", () => {
    const problems = releaseProblems({
      releases,
      packageVersion: pkg.version,
      availableLessons: availableIn(readFileSync(join(root, "lessons/course.yaml"), "utf8")),
    });
    expect(problems).toEqual([]);
    const v = courseVersion(root);
    expect(v.release?.version).toBe(pkg.version);
    expect(v.edition?.edition).toBe(true);
    expect(versionLine(v)).toContain(`bitbound ${pkg.version} (${releases[0].date})`);
  });
});

describe("parseChangelog", () => {
  const text = [
    "# Changelog",
    "",
    "## Unreleased",
    "- something",
    "",
    "## 0.10.0 · 2027-01-31",
    "Lessons available: 00–02, 05",
    "",
    "## 0.9.1 · 2026-12-31 · course edition",
    "Lessons available: 00-01",
    "Tag: v0.9.1 (commit abcdef1)",
    "",
  ].join("\n");

  it("reads versions, dates, editions, lesson ranges and tags, skipping Unreleased", () => {
    const r = parseChangelog(text);
    expect(r.map((x) => [x.version, x.date, x.edition, x.lessons, x.commit])).toEqual([
      ["0.10.0", "2027-01-31", false, ["00", "01", "02", "05"], null],
      ["0.9.1", "2026-12-31", true, ["00", "01"], "abcdef1"],
    ]);
  });

  it("refuses what an instructor could be misled by, naming the release", () => {
    const bad = (s: string) => () => parseChangelog(s);
    expect(bad("## 1.0 · 2026-01-01\nLessons available: 00\n")).toThrow(/semantic version.*"1\.0"/);
    expect(bad("## 1.0.0 · 2026-02-30\nLessons available: 00\n")).toThrow(/1\.0\.0.*not a calendar date/);
    expect(bad("## 1.0.0 · 2026-01-01\n")).toThrow(/1\.0\.0.*Lessons available/);
    expect(bad("## 1.0.0 · 2026-01-01\nLessons available: 03–01\n")).toThrow(/runs backwards/);
    expect(bad("## 1.0.0 · 2026-01-01\nLessons available: 1\n")).toThrow(/two-digit ids.*"1"/);
    expect(bad("## 1.0.0 · 2026-01-01\nLessons available: 00\nTag: v1.0.1 (commit abcdef1)\n")).toThrow(/Tag: v1\.0\.0/);
    expect(bad("## 0.9.0 · 2026-01-01\nLessons available: 00\n## 0.10.0 · 2026-02-01\nLessons available: 00\n")).toThrow(/newest first.*0\.10\.0 comes after 0\.9\.0/);
    expect(bad("## 1.0.0 · 2026-01-01\nLessons available: 00\n## 1.0.0 · 2026-01-01\nLessons available: 00\n")).toThrow(/appears twice/);
    expect(bad("## 1.0.0 2026-01-01\nLessons available: 00\n")).toThrow(/release heading/);
  });
});

describe("compareVersions", () => {
  it("orders numerically, field by field", () => {
    const sorted = ["0.2.0", "0.10.0", "1.0.0", "0.9.9", "0.10.1"].sort(compareVersions);
    expect(sorted).toEqual(["0.2.0", "0.9.9", "0.10.0", "0.10.1", "1.0.0"]);
    expect(compareVersions("3.4.5", "3.4.5")).toBe(0);
  });
  it("refuses what is not X.Y.Z, naming the argument", () => {
    expect(() => compareVersions("01.0.0", "1.0.0")).toThrow(RangeError);
    expect(() => compareVersions("1.0.0", "1.0.0-rc.1")).toThrow(/b must be a semantic version/);
  });
});

describe("releaseProblems", () => {
  const r = (version: string, lessons: string[], edition = false, commit: string | null = "abc1234") => ({ version, date: "2026-01-01", edition, lessons, commit, notes: "" });

  it("finds each kind of disagreement", () => {
    const problems = releaseProblems({
      releases: [r("0.3.0", ["00", "01"], true, null), r("0.2.0", ["00", "01", "02"], true), r("0.1.0", ["00"], false, null)],
      packageVersion: "0.2.9",
      availableLessons: ["00", "01", "02"],
      lessonsAt: () => ["00", "01"],
    });
    expect(problems).toEqual([
      "the newest release in CHANGELOG.md is 0.3.0 but package.json says 0.2.9",
      "release 0.3.0 lists lessons 00, 01 but lessons/course.yaml makes 00, 01, 02 available",
      "release 0.2.0 lists lessons 00, 01, 02 but lessons/course.yaml at abc1234 makes 00, 01 available",
      'release 0.1.0 has no line "Tag: v0.1.0 (commit <hex>)"',
      "course edition 0.3.0 drops lesson 02 of edition 0.2.0",
    ]);
  });

  it("is silent when everything agrees, and skips history a shallow clone lacks", () => {
    expect(releaseProblems({ releases: [r("0.2.0", ["00", "01"], true, null), r("0.1.0", ["00"], true)], packageVersion: "0.2.0", availableLessons: ["00", "01"], lessonsAt: () => null })).toEqual([]);
  });
});
