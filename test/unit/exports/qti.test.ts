import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { crc32, storedZip } from "../../../src/classroom/storedZip";
import { loadCourse } from "../../../src/course/files";
import type { Lesson, QuizQuestion } from "../../../src/course/schema";
import { questionVersions } from "../../../src/course/quizVariants";
import { courseMaterial } from "../../../src/exports/exportCourse";
import { qtiPackage } from "../../../src/exports/qti";

/**
 * The QTI 1.2 package read back by another tool: Python's zipfile (which checks every CRC) opens the
 * stored ZIP, and xml.etree parses the manifest and each item. The items are checked for what Canvas
 * reads: question type and points, the one choice that sets SCORE to 100, feedback per choice, and the
 * numeric interval.
 */
const root = join(__dirname, "..", "..", "..");

const READER = String.raw`
import json, sys, zipfile, xml.etree.ElementTree as ET
Q = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
M = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
manifest = ET.fromstring(z.read("imsmanifest.xml"))
hrefs = [r.get("href") for r in manifest.iter(M + "resource")]
items = []
groups = []
for href in hrefs:
    doc = ET.fromstring(z.read(href))
    assessment = doc.find(Q + "assessment")
    for item in doc.iter(Q + "item"):
        meta = {f.find(Q + "fieldlabel").text: f.find(Q + "fieldentry").text for f in item.iter(Q + "qtimetadatafield")}
        choices = [(l.get("ident"), l.find(Q + "material/" + Q + "mattext").text) for l in item.iter(Q + "response_label") if l.find(Q + "material") is not None]
        scoring = [c for c in item.iter(Q + "respcondition") if c.find(Q + "setvar") is not None]
        right = [v.text for c in scoring for v in c.iter(Q + "varequal")]
        bounds = [[float(v.text) for v in c.iter(Q + "vargte")] + [float(v.text) for v in c.iter(Q + "varlte")] for c in scoring]
        feedback = {f.get("ident"): f.find(Q + "flow_mat/" + Q + "material/" + Q + "mattext").text for f in item.iter(Q + "itemfeedback")}
        shown = {d.get("linkrefid") for d in item.iter(Q + "displayfeedback")}
        items.append({"assessment": assessment.get("title"), "ident": item.get("ident"), "title": item.get("title"), "meta": meta,
                      "prompt": item.find(Q + "presentation/" + Q + "material/" + Q + "mattext").text,
                      "choices": choices, "right": right, "bounds": bounds, "feedback": feedback, "shown": sorted(shown)})
    for section in doc.iter(Q + "section"):
        if section.get("ident") == "root_section":
            continue
        number = section.find(Q + "selection_ordering/" + Q + "selection/" + Q + "selection_number")
        points = section.find(Q + "selection_ordering/" + Q + "selection/" + Q + "selection_extension/" + Q + "points_per_item")
        groups.append({"title": section.get("title"), "pick": None if number is None else number.text, "points": None if points is None else points.text,
                       "items": [i.get("title") for i in section.iter(Q + "item")]})
print(json.dumps({"bad": bad, "names": z.namelist(), "hrefs": hrefs, "items": items, "groups": groups}))
`;

function readBack(zip: Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), "bitbound-qti-"));
  try {
    writeFileSync(join(dir, "q.zip"), zip);
    writeFileSync(join(dir, "read.py"), READER);
    const r = spawnSync("python3", [join(dir, "read.py"), join(dir, "q.zip")], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as {
      bad: string | null;
      names: string[];
      hrefs: string[];
      items: { assessment: string; ident: string; title: string; meta: Record<string, string>; prompt: string; choices: [string, string][]; right: string[]; bounds: number[][]; feedback: Record<string, string>; shown: string[] }[];
      groups: { title: string; pick: string | null; points: string | null; items: string[] }[];
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const python = spawnSync("python3", ["--version"]).status === 0;

describe("stored ZIP", () => {
  it("CRC-32 of '123456789' is the standard check value 0xCBF43926", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });
  it.skipIf(!python)("Python's zipfile reads the archive back byte for byte, UTF-8 names included", () => {
    const dir = mkdtempSync(join(tmpdir(), "bitbound-zip-"));
    try {
      const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256);
      writeFileSync(join(dir, "a.zip"), storedZip([["a.txt", "hello"], ["dir/ünï.bin", bytes], ["empty", ""]]));
      const r = spawnSync("python3", ["-c", "import zipfile,sys,json;z=zipfile.ZipFile(sys.argv[1]);print(json.dumps([z.testzip(),z.namelist(),z.read('a.txt').decode(),list(z.read('dir/ünï.bin')),z.read('empty').decode()]))", join(dir, "a.zip")], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual([null, ["a.txt", "dir/ünï.bin", "empty"], "hello", Array.from(bytes), ""]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!python)("QTI 1.2 package", () => {
  it("parses a hostile multiple-choice item and a numeric item back", () => {
    const course = loadCourse(root);
    const lesson: Lesson = { ...course.lessons[1], id: "01", title: `A <b>&"title"'` };
    const hostile = `x < y && "q" > 'p' ]]> <![CDATA[`;
    const questions: QuizQuestion[] = [
      { id: "mc", type: "multiple-choice", prompt: hostile, choices: ["wrong", `right ${hostile}`, "also wrong"], answer: 1, explanation: `because ${hostile}` },
      { id: "num", type: "numeric", prompt: "How much?", answer: 12.5, tolerance: 0.5, compute: "12.5", route: "r", explanation: "e", unit: "%" },
      { id: "exact", type: "numeric", prompt: "Exactly?", answer: 448, tolerance: 0, compute: "448", route: "r", explanation: "e" },
    ];
    const read = readBack(qtiPackage(course, [{ lesson, quiz: { lesson: "01", questions } }]));
    expect(read.bad).toBeNull();
    expect(read.names).toEqual(["imsmanifest.xml", "bitbound-01/bitbound-01.xml"]);
    const [mc, num, exact] = read.items;
    expect(mc.assessment).toBe(`bitbound 01: A <b>&"title"'`);
    expect(mc).toMatchObject({ ident: "bitbound-01-mc", title: "01/mc", prompt: hostile, right: ["bitbound-01-mc-c1"] });
    expect(mc.meta).toMatchObject({ question_type: "multiple_choice_question", points_possible: "1", bitbound_lesson: "01", bitbound_stage: String(lesson.stage) });
    expect(mc.choices.map((c) => c[1])).toEqual(["wrong", `right ${hostile}`, "also wrong"]);
    expect(mc.feedback["bitbound-01-mc-c1_fb"]).toBe(`Right. because ${hostile}`);
    expect(mc.feedback["bitbound-01-mc-c0_fb"]).toBe(`Not this one. because ${hostile}`);
    expect(mc.shown).toEqual(["bitbound-01-mc-c0_fb", "bitbound-01-mc-c1_fb", "bitbound-01-mc-c2_fb", "general_fb"]);
    expect(num.meta.question_type).toBe("numerical_question");
    expect(num.prompt).toBe("How much? (answer in %)");
    expect(num.bounds).toEqual([[12, 13]]);
    expect(exact.right).toEqual(["448"]);
    expect(exact.bounds).toEqual([[]]);
  });

  it("the course's quizzes: one assessment per lesson, every question with its one right answer", () => {
    const { course, quizzes } = courseMaterial(root);
    const read = readBack(qtiPackage(course, quizzes));
    expect(read.bad).toBeNull();
    expect(read.hrefs).toEqual(quizzes.map((q) => `bitbound-${q.lesson.id}/bitbound-${q.lesson.id}.xml`));
    // a question with per-student versions is a question group of its versions, in the question's place
    const all: { title: string; ident: string; prompt: string; question: QuizQuestion; answer: number | null }[] = [];
    const groups: { title: string; pick: string; points: string; items: string[] }[] = [];
    for (const { lesson, quiz } of quizzes) {
      for (const question of quiz.questions) {
        if (question.type === "numeric" && question.variants?.length) {
          const versions = questionVersions(question).map((v) => ({ title: `${lesson.id}/${question.id}-${v.suffix || "v0"}`, ident: `bitbound-${lesson.id}-${question.id}-${v.suffix || "v0"}`, prompt: v.prompt, question, answer: v.answer }));
          groups.push({ title: `${lesson.id}/${question.id} (versions)`, pick: "1", points: "1", items: versions.map((v) => v.title) });
          all.push(...versions);
        } else all.push({ title: `${lesson.id}/${question.id}`, ident: `bitbound-${lesson.id}-${question.id}`, prompt: question.prompt, question, answer: question.type === "numeric" ? question.answer : null });
      }
    }
    expect(read.items.map((i) => i.title)).toEqual(all.map((x) => x.title));
    read.items.forEach((item, k) => {
      const { question: q, ident, prompt, answer } = all[k];
      expect(item.prompt).toBe(prompt + (q.type === "numeric" && q.unit ? ` (answer in ${q.unit})` : ""));
      if (q.type === "multiple-choice") expect(item.right).toEqual([`${ident}-c${q.answer}`]);
      else expect(item.right[0]).toBe(String(answer));
    });
    expect(read.groups).toEqual(groups);
    expect(groups.length).toBeGreaterThanOrEqual(quizzes.length - 1);
  });
});
