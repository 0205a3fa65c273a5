import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./files";

/**
 * The project's releases as `CHANGELOG.md` records them, so that the welcome notebook, the website and the
 * release script show and check the same version an instructor pins a term to.
 *
 * Each release is a level-2 heading `## X.Y.Z · YYYY-MM-DD` (optionally followed by ` · course edition`)
 * with, in the lines under it, `Lessons available: 00–03` (ids and ranges, comma-separated) and, for a
 * release already tagged, `Tag: vX.Y.Z (commit abc1234)`. A heading `## Unreleased` collects changes not
 * yet released and is skipped. Versions follow Semantic Versioning 2.0.0 (https://semver.org).
 *
 * @packageDocumentation
 */

/** One release of `CHANGELOG.md`. */
export interface Release {
  /** The semantic version, `"0.3.0"`. */
  version: string;
  /** The release date, ISO `YYYY-MM-DD`. */
  date: string;
  /** Whether the release is a course edition (a stage completed: safe to pin a term to). */
  edition: boolean;
  /** The two-digit ids of the lessons available in the release, in order. */
  lessons: string[];
  /** The commit the release's tag points at, when the changelog records it (a hexadecimal prefix). */
  commit: string | null;
  /** The release's text under its heading (Markdown). */
  notes: string;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * Compares two semantic versions `X.Y.Z` (no pre-release part) by major, then minor, then patch.
 *
 * @returns a negative number when a < b, zero when equal, a positive number when a > b
 * @throws RangeError when a version is not `X.Y.Z` with non-negative integers without leading zeros
 * @example
 * ```ts
 * compareVersions("0.10.0", "0.9.3") > 0; // true
 * ```
 */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a, "a");
  const pb = parseVersion(b, "b");
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

function parseVersion(v: string, name: string): [number, number, number] {
  const m = typeof v === "string" ? SEMVER.exec(v) : null;
  if (!m) throw new RangeError(`${name} must be a semantic version X.Y.Z (non-negative integers, no leading zeros), got ${JSON.stringify(v)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Expands `"00–03, 05"` (en dash or hyphen for ranges) into `["00", "01", "02", "03", "05"]`. */
function lessonList(text: string, version: string): string[] {
  const ids: string[] = [];
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const range = /^(\d{2})\s*[–-]\s*(\d{2})$/.exec(part);
    if (range) {
      const [lo, hi] = [Number(range[1]), Number(range[2])];
      if (hi < lo) throw new RangeError(`CHANGELOG.md ${version}: lesson range ${JSON.stringify(part)} runs backwards`);
      for (let i = lo; i <= hi; i++) ids.push(String(i).padStart(2, "0"));
    } else if (/^\d{2}$/.test(part)) ids.push(part);
    else throw new RangeError(`CHANGELOG.md ${version}: lessons must be two-digit ids or ranges like 00–03, got ${JSON.stringify(part)}`);
  }
  return ids;
}

/**
 * Parses the text of a changelog in the format described above, newest release first as written.
 *
 * @throws RangeError naming the release when a heading, date, version order, lesson list or tag line is
 *   malformed, when a version repeats, or when the releases are not in descending version order
 * @example
 * ```ts
 * parseChangelog("## 0.1.0 · 2026-11-23 · course edition\nLessons available: 00–03\n")[0].lessons; // ["00", "01", "02", "03"]
 * ```
 */
export function parseChangelog(text: string): Release[] {
  if (typeof text !== "string") throw new TypeError(`text must be a string, got ${typeof text}`);
  const releases: Release[] = [];
  const sections = text.split(/^## /m).slice(1);
  for (const section of sections) {
    const newline = section.indexOf("\n");
    const heading = (newline < 0 ? section : section.slice(0, newline)).trim();
    const body = newline < 0 ? "" : section.slice(newline + 1);
    if (/^unreleased$/i.test(heading)) continue;
    const m = /^(\S+)\s+·\s+(\d{4}-\d{2}-\d{2})(\s+·\s+course edition)?$/.exec(heading);
    if (!m) throw new RangeError(`CHANGELOG.md: a release heading must read "## X.Y.Z · YYYY-MM-DD" (optionally " · course edition"), got ${JSON.stringify(heading)}`);
    const version = m[1];
    parseVersion(version, `CHANGELOG.md heading ${JSON.stringify(heading)}: the version`);
    const date = m[2];
    if (Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
      throw new RangeError(`CHANGELOG.md ${version}: ${JSON.stringify(date)} is not a calendar date`);
    }
    const lessonsLine = /^Lessons available:\s*(.+)$/m.exec(body);
    if (!lessonsLine) throw new RangeError(`CHANGELOG.md ${version}: a line "Lessons available: …" is required`);
    const tagLine = /^Tag:\s*(.+)$/m.exec(body);
    let commit: string | null = null;
    if (tagLine) {
      const t = /^v(\S+) \(commit ([0-9a-f]{7,40})\)$/.exec(tagLine[1].trim());
      if (!t || t[1] !== version) throw new RangeError(`CHANGELOG.md ${version}: the tag line must read "Tag: v${version} (commit <hex>)", got ${JSON.stringify(tagLine[0])}`);
      commit = t[2];
    }
    if (releases.some((r) => r.version === version)) throw new RangeError(`CHANGELOG.md: version ${version} appears twice`);
    const previous = releases[releases.length - 1];
    if (previous && compareVersions(previous.version, version) <= 0) {
      throw new RangeError(`CHANGELOG.md: releases must be newest first, but ${version} comes after ${previous.version}`);
    }
    releases.push({ version, date, edition: Boolean(m[3]), lessons: lessonList(lessonsLine[1], version), commit, notes: body.trim() });
  }
  return releases;
}

/**
 * The releases in the project's `CHANGELOG.md`, newest first.
 *
 * @param root - the project root (default: the folder this library lives in)
 * @throws RangeError when the file is missing or malformed (see {@link parseChangelog})
 * @example
 * ```ts
 * readChangelog()[0].version; // the current release, e.g. "0.3.0"
 * ```
 */
export function readChangelog(root = projectRoot()): Release[] {
  const file = join(root, "CHANGELOG.md");
  if (!existsSync(file)) throw new RangeError(`root must be the project's folder with CHANGELOG.md, but ${file} does not exist`);
  return parseChangelog(readFileSync(file, "utf8"));
}

/**
 * The version in the project's `package.json`, the one source of the version number (the `bitbound --version`
 * command, {@link courseVersion}).
 *
 * @example
 * ```ts
 * packageVersion(); // "0.3.0"
 * ```
 */
export function packageVersion(root = projectRoot()): string {
  return (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
}

/** The version this copy of the course is, with its changelog entry. */
export interface CourseVersion {
  /** package.json's version. */
  version: string;
  /** That version's changelog entry (null for a version the changelog does not list yet, such as a work in progress). */
  release: Release | null;
  /** The newest course edition at or below this version (null when there is none). */
  edition: Release | null;
}

/**
 * The version of this copy of the course (package.json's `version`), its release in `CHANGELOG.md`, and the
 * course edition it belongs to, for the welcome notebook and the website to show. Without a `CHANGELOG.md`
 * (a copy of the course that left it out) the release and the edition are null.
 *
 * @throws RangeError when `CHANGELOG.md` exists but is malformed (see {@link parseChangelog})
 * @example
 * ```ts
 * const v = courseVersion();
 * `bitbound ${v.version}, course edition ${v.edition?.version}`;
 * ```
 */
export function courseVersion(root = projectRoot()): CourseVersion {
  const version = packageVersion(root);
  // a copy of the course without its changelog still names its version
  const releases = existsSync(join(root, "CHANGELOG.md")) ? readChangelog(root) : [];
  const release = releases.find((r) => r.version === version) ?? null;
  const edition = releases.find((r) => r.edition && compareVersions(r.version, version) <= 0) ?? null;
  return { version, release, edition };
}

/**
 * One line naming the version for people: `"bitbound 0.3.0 (2026-12-02), course edition 0.3.0"`.
 *
 * @example
 * ```ts
 * console.log(versionLine()); // bitbound 0.3.0 (2026-12-02), course edition 0.3.0
 * ```
 */
export function versionLine(v: CourseVersion = courseVersion()): string {
  const date = v.release ? ` (${v.release.date})` : " (unreleased)";
  const edition = v.edition ? `, course edition ${v.edition.version}` : "";
  return `bitbound ${v.version}${date}${edition}`;
}

/** What {@link releaseProblems} compares. */
export interface ReleaseFacts {
  /** The releases, newest first ({@link readChangelog}). */
  releases: Release[];
  /** package.json's version. */
  packageVersion: string;
  /** The ids of the lessons `lessons/course.yaml` marks available, in order. */
  availableLessons: string[];
  /**
   * The available lesson ids in `lessons/course.yaml` at a commit, or null when that commit is not in this
   * clone (a shallow clone, say); then the release's lesson list is not checked against history.
   */
  lessonsAt?: (commit: string) => string[] | null;
}

/**
 * Every disagreement between the changelog and the project: the newest release must be package.json's
 * version and list exactly the lessons the manifest marks available; an older release must name its
 * tag's commit and, where that commit is in the clone, list exactly the lessons available there; and a
 * course edition must not list fewer lessons than an older edition.
 *
 * @returns one sentence per problem (empty when all agree)
 * @example
 * ```ts
 * releaseProblems({ releases: readChangelog(), packageVersion: "0.3.0", availableLessons: ["00", "01"] });
 * ```
 */
export function releaseProblems(facts: ReleaseFacts): string[] {
  const problems: string[] = [];
  const [newest, ...older] = facts.releases;
  if (!newest) return ["CHANGELOG.md lists no release"];
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (newest.version !== facts.packageVersion) {
    problems.push(`the newest release in CHANGELOG.md is ${newest.version} but package.json says ${facts.packageVersion}`);
  }
  if (!same(newest.lessons, facts.availableLessons)) {
    problems.push(`release ${newest.version} lists lessons ${newest.lessons.join(", ")} but lessons/course.yaml makes ${facts.availableLessons.join(", ")} available`);
  }
  for (const r of older) {
    if (!r.commit) {
      problems.push(`release ${r.version} has no line "Tag: v${r.version} (commit <hex>)"`);
      continue;
    }
    const then = facts.lessonsAt?.(r.commit);
    if (then && !same(r.lessons, then)) {
      problems.push(`release ${r.version} lists lessons ${r.lessons.join(", ")} but lessons/course.yaml at ${r.commit} makes ${then.join(", ")} available`);
    }
  }
  const editions = facts.releases.filter((r) => r.edition);
  for (let i = 0; i + 1 < editions.length; i++) {
    const missing = editions[i + 1].lessons.filter((id) => !editions[i].lessons.includes(id));
    if (missing.length) problems.push(`course edition ${editions[i].version} drops lesson${missing.length > 1 ? "s" : ""} ${missing.join(", ")} of edition ${editions[i + 1].version}`);
  }
  return problems;
}
