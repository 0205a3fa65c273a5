export * from "./check";
export * from "./display";
export * from "./show";
export * from "./table";
export * from "./html";
export { currentLessonId } from "./lessonContext";
export * from "./figures";
export * from "./strict";
export * from "./palette";
