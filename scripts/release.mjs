#!/usr/bin/env node
// Releases, for maintainers (see CHANGELOG.md and the README's "Versions to teach from"):
//
//   node scripts/release.mjs check   CHANGELOG.md against package.json and lessons/course.yaml, now and at each
//                                    older release's commit; exit 1 with one line per problem
//   node scripts/release.mjs tag     check, then create the annotated tags vX.Y.Z that are missing: an older
//                                    release at the commit CHANGELOG.md names, the newest at HEAD (which must
//                                    be clean); a tag that exists must point where CHANGELOG.md says
//
// Tags stay local until pushed (`git push origin --tags`).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tsImport } from "tsx/esm/api";

const root = new URL("..", import.meta.url).pathname.replace(/^\/([A-Za-z]:)/, "$1");
const { readChangelog, releaseProblems } = await tsImport("../src/course/changelog.ts", import.meta.url);
const { parse } = await import("yaml");

const git = (...args) => execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
const tryGit = (...args) => {
  try {
    return git(...args);
  } catch {
    return null;
  }
};
const available = (yamlText) => parse(yamlText).lessons.filter((l) => l.status === "available").map((l) => String(l.id));

const command = process.argv[2];
if (command !== "check" && command !== "tag") {
  console.error(`release: the command must be "check" or "tag", got ${JSON.stringify(command ?? "")}`);
  process.exit(2);
}
const releases = readChangelog(root);
const problems = releaseProblems({
  releases,
  packageVersion: JSON.parse(readFileSync(`${root}/package.json`, "utf8")).version,
  availableLessons: available(readFileSync(`${root}/lessons/course.yaml`, "utf8")),
  lessonsAt: (commit) => {
    const text = tryGit("show", `${commit}:lessons/course.yaml`);
    return text === null ? null : available(text);
  },
});
for (const r of releases.slice(1)) {
  if (r.commit && tryGit("cat-file", "-e", `${r.commit}^{commit}`) === null) console.log(`release: commit ${r.commit} of ${r.version} is not in this clone (shallow?): its lessons were not checked`);
}
if (problems.length) {
  for (const p of problems) console.error(`release: ${p}`);
  process.exit(1);
}
console.log(`release: CHANGELOG.md agrees with package.json and lessons/course.yaml (${releases.length} releases, newest ${releases[0].version})`);
if (command === "check") process.exit(0);

for (const [i, r] of releases.entries()) {
  const tag = `v${r.version}`;
  const target = i === 0 ? "HEAD" : r.commit;
  const want = git("rev-parse", `${target}^{commit}`);
  const have = tryGit("rev-parse", `${tag}^{commit}`);
  if (have !== null) {
    if (have !== want && i > 0) {
      console.error(`release: tag ${tag} points at ${have.slice(0, 7)}, but CHANGELOG.md says ${r.commit}`);
      process.exit(1);
    }
    console.log(`release: ${tag} exists (${have.slice(0, 7)})${have !== want ? "; HEAD has moved on since (release a new version to tag it)" : ""}`);
    continue;
  }
  if (i === 0 && git("status", "--porcelain") !== "") {
    console.error(`release: the working tree has uncommitted changes: commit them before tagging ${tag} at HEAD`);
    process.exit(1);
  }
  const what = r.edition ? "course edition" : "release";
  git("tag", "-a", tag, want, "-m", `bitbound ${r.version} (${r.date}), ${what}: lessons ${r.lessons[0]}–${r.lessons[r.lessons.length - 1]}`);
  console.log(`release: created ${tag} at ${want.slice(0, 7)}`);
}
