/**
 * The lesson a notebook is running, so that `check` can file each claim under it.
 * Set by `startLesson`; `null` outside a lesson (in tests, or in a scratch notebook).
 */
let lessonId: string | null = null;

/** The current lesson id, or `null`. */
export function currentLessonId(): string | null {
  return lessonId;
}

/** Sets (or with `null` clears) the current lesson id. Used by `startLesson`. */
export function setCurrentLessonId(id: string | null): void {
  lessonId = id;
}
