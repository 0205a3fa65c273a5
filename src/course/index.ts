export * from "./schema";
export * from "./files";
export * from "./validateCourse";
export * from "./startLesson";
export * from "./quizAnswers";
export * from "./courseMap";
export * from "./notebookChecks";
export * from "./studyDisplay";
