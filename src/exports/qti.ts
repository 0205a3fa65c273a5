import { questionVersions } from "../course/quizVariants";
import type { Course, NumericQuestion, QuizQuestion } from "../course/schema";
import { storedZip } from "../classroom/storedZip";
import { numericTolerance } from "./gift";
import type { LessonQuiz } from "./quizAnswerKey";

/**
 * The course's quizzes as an IMS QTI 1.2 content package (`build/exports/quiz-qti.zip`), which Canvas
 * imports (Settings → Import Course Content → QTI .zip file): `imsmanifest.xml` and one assessment per
 * lesson (`bitbound-NN/bitbound-NN.xml`, titled "bitbound NN: Title"). Each item carries Canvas's
 * `question_type` (`multiple_choice_question`, `numerical_question`) and `points_possible` (1), per-choice
 * feedback (`itemfeedback` shown by `displayfeedback`: the question's explanation), and for numeric
 * questions the accepted interval `[answer − tolerance, answer + tolerance]` (`vargte`/`varlte`, the
 * tolerance as in {@link numericTolerance}) or the exact value. The lesson and stage are item metadata
 * fields (`bitbound_lesson`, `bitbound_stage`) and the assessment per lesson; quiz.yaml names no
 * objective per question, so none is exported. A numeric question with `variants` (per-student numbers, see
 * `questionVersions`) becomes a question group: a `<section>` holding every version as an item
 * (`bitbound-NN-question-id-v0`, `-v1`, …) with `selection_number` 1 and `points_per_item` 1, so Canvas
 * gives each student one version.
 *
 * Source: IMS Question & Test Interoperability ASI XML Binding 1.2; Canvas's QTI 1.2 import (the field
 * labels of its own exports).
 *
 * @packageDocumentation
 */

/** Escapes text for XML character data and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const mattext = (text: string) => `<material><mattext texttype="text/plain">${xmlEscape(text)}</mattext></material>`;

function field(label: string, entry: string | number): string {
  return `<qtimetadatafield><fieldlabel>${label}</fieldlabel><fieldentry>${xmlEscape(String(entry))}</fieldentry></qtimetadatafield>`;
}

/**
 * One question as a QTI 1.2 `<item>`.
 *
 * @param lessonId - e.g. `"02"` (the item's ident is `bitbound-02-<question id>`)
 * @param stage - the lesson's stage, for the metadata
 * @example
 * ```ts
 * qtiItem("02", 1, quiz.questions[0]); // '<item ident="bitbound-02-mx-scale-rule" title="02/mx-scale-rule">…</item>'
 * ```
 */
export function qtiItem(lessonId: string, stage: number, q: QuizQuestion): string {
  const ident = `bitbound-${lessonId}-${q.id}`;
  const type = q.type === "multiple-choice" ? "multiple_choice_question" : "numerical_question";
  const meta = `<itemmetadata><qtimetadata>${field("question_type", type)}${field("points_possible", 1)}${field("bitbound_lesson", lessonId)}${field("bitbound_stage", stage)}</qtimetadata></itemmetadata>`;
  const outcomes = `<outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>`;
  const general = `<itemfeedback ident="general_fb"><flow_mat>${mattext(q.explanation)}</flow_mat></itemfeedback>`;
  if (q.type === "multiple-choice") {
    const labels = q.choices.map((c, i) => `<response_label ident="${ident}-c${i}">${mattext(c)}</response_label>`).join("");
    const presentation = `<presentation>${mattext(q.prompt)}<response_lid ident="response1" rcardinality="Single"><render_choice>${labels}</render_choice></response_lid></presentation>`;
    const feedbackConditions = q.choices
      .map((_, i) => `<respcondition continue="Yes"><conditionvar><varequal respident="response1">${ident}-c${i}</varequal></conditionvar><displayfeedback feedbacktype="Response" linkrefid="${ident}-c${i}_fb"/></respcondition>`)
      .join("");
    const score = `<respcondition continue="No"><conditionvar><varequal respident="response1">${ident}-c${q.answer}</varequal></conditionvar><setvar action="Set" varname="SCORE">100</setvar></respcondition>`;
    const feedback = q.choices
      .map((_, i) => `<itemfeedback ident="${ident}-c${i}_fb"><flow_mat>${mattext(`${i === q.answer ? "Right." : "Not this one."} ${q.explanation}`)}</flow_mat></itemfeedback>`)
      .join("");
    return `<item ident="${ident}" title="${xmlEscape(`${lessonId}/${q.id}`)}">${meta}${presentation}<resprocessing>${outcomes}<respcondition continue="Yes"><conditionvar><other/></conditionvar><displayfeedback feedbacktype="Response" linkrefid="general_fb"/></respcondition>${feedbackConditions}${score}</resprocessing>${general}${feedback}</item>`;
  }
  const unit = q.unit ? ` (answer in ${q.unit})` : "";
  const tol = numericTolerance(q);
  const presentation = `<presentation>${mattext(q.prompt + unit)}<response_str ident="response1" rcardinality="Single"><render_fib fibtype="Decimal"><response_label ident="answer1"/></render_fib></response_str></presentation>`;
  const condition = tol > 0
    ? `<or><varequal respident="response1">${q.answer}</varequal><and><vargte respident="response1">${q.answer - tol}</vargte><varlte respident="response1">${q.answer + tol}</varlte></and></or>`
    : `<varequal respident="response1">${q.answer}</varequal>`;
  return `<item ident="${ident}" title="${xmlEscape(`${lessonId}/${q.id}`)}">${meta}${presentation}<resprocessing>${outcomes}<respcondition continue="Yes"><conditionvar><other/></conditionvar><displayfeedback feedbacktype="Response" linkrefid="general_fb"/></respcondition><respcondition continue="No"><conditionvar>${condition}</conditionvar><setvar action="Set" varname="SCORE">100</setvar></respcondition></resprocessing>${general}</item>`;
}

/** A numeric question's versions as a Canvas question group: one item drawn per student, 1 point. */
function qtiGroup(lessonId: string, stage: number, q: NumericQuestion): string {
  const items = questionVersions(q).map((v) =>
    qtiItem(lessonId, stage, { ...q, id: `${q.id}-${v.suffix || "v0"}`, prompt: v.prompt, explanation: v.explanation, answer: v.answer }),
  );
  const selection = `<selection_ordering><selection><selection_number>1</selection_number><selection_extension><points_per_item>1</points_per_item></selection_extension></selection></selection_ordering>`;
  return `<section ident="bitbound-${lessonId}-${q.id}-versions" title="${xmlEscape(`${lessonId}/${q.id} (versions)`)}">${selection}${items.join("")}</section>`;
}

/** One lesson's quiz as a QTI 1.2 assessment document. */
export function qtiAssessment(q: LessonQuiz): string {
  const id = `bitbound-${q.lesson.id}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd">',
    `<assessment ident="${id}" title="${xmlEscape(`bitbound ${q.lesson.id}: ${q.lesson.title}`)}">`,
    `<qtimetadata>${field("cc_maxattempts", 1)}</qtimetadata>`,
    `<section ident="root_section">`,
    ...q.quiz.questions.map((question) =>
      question.type === "numeric" && question.variants?.length ? qtiGroup(q.lesson.id, q.lesson.stage, question) : qtiItem(q.lesson.id, q.lesson.stage, question),
    ),
    "</section>",
    "</assessment>",
    "</questestinterop>",
    "",
  ].join("\n");
}

/** The package's `imsmanifest.xml`: one resource per lesson's assessment. */
export function qtiManifest(quizzes: readonly LessonQuiz[]): string {
  const resources = quizzes.map((q) => {
    const id = `bitbound-${q.lesson.id}`;
    return `<resource identifier="${id}" type="imsqti_xmlv1p2" href="${id}/${id}.xml"><file href="${id}/${id}.xml"/></resource>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<manifest identifier="bitbound-quizzes" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_v1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd">',
    "<metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion></metadata>",
    "<organizations/>",
    "<resources>",
    ...resources,
    "</resources>",
    "</manifest>",
    "",
  ].join("\n");
}

/**
 * The QTI 1.2 package: a stored ZIP with `imsmanifest.xml` first and one assessment per lesson.
 *
 * @example
 * ```ts
 * writeFileSync("build/exports/quiz-qti.zip", qtiPackage(course, quizzes));
 * ```
 */
export function qtiPackage(_course: Course, quizzes: readonly LessonQuiz[]): Uint8Array {
  return storedZip([["imsmanifest.xml", qtiManifest(quizzes)], ...quizzes.map((q): [string, string] => [`bitbound-${q.lesson.id}/bitbound-${q.lesson.id}.xml`, qtiAssessment(q)])]);
}
