import { createRequire } from "node:module";

/** A MIME bundle: one representation per MIME type, the richest one a front end can render is shown. */
export type MimeBundle = Record<string, unknown>;

/** Where display bundles go: the tslab kernel when there is one, otherwise a plain-text console fallback. */
export type DisplaySink = (bundle: MimeBundle) => void;

let sink: DisplaySink | null = null;

/**
 * Replaces the destination of `display`, for tests or for a front end other than tslab.
 * `null` restores the default (tslab if running in its kernel, else the console).
 */
export function setDisplaySink(next: DisplaySink | null): void {
  sink = next;
}

/**
 * Sends one MIME bundle to the notebook front end as a single `display_data` message, so a viewer that
 * lacks a renderer for the richest type falls back to the next one in the same output.
 *
 * tslab's public `display.raw(type, data)` sends one MIME type per message; a bundle with a fallback
 * needs the kernel's own display writer (`tslab/dist/jupyter`'s `lastWriteDisplayData`, set while a
 * cell executes), which is what this uses. Outside a tslab kernel the `text/plain` part is printed.
 *
 * @example
 * ```ts
 * display({ "text/markdown": "**Hello**", "text/plain": "Hello" });
 * ```
 */
export function display(bundle: MimeBundle): void {
  if (sink) return sink(bundle);
  const writer = tslabWriter();
  if (writer) {
    writer({ data: bundle, metadata: {}, transient: {} }, false);
    return;
  }
  const text = bundle["text/plain"];
  console.log(typeof text === "string" ? text : JSON.stringify(text));
}

/** Displays Markdown (rendered in JupyterLab), with the text itself as the plain fallback. */
export function showMarkdown(markdown: string): void {
  if (typeof markdown !== "string") throw new TypeError(`markdown must be a string, got ${typeof markdown}`);
  display({ "text/markdown": markdown, "text/plain": markdown });
}

type Writer = (content: unknown, update: boolean) => void;

function tslabWriter(): Writer | null {
  try {
    const req = createRequire(import.meta.url);
    const jupyter = req("tslab/dist/jupyter") as { lastWriteDisplayData?: Writer | null };
    return typeof jupyter.lastWriteDisplayData === "function" ? jupyter.lastWriteDisplayData : null;
  } catch {
    // Not inside a tslab kernel (tslab absent): the console fallback is the intended behaviour.
    return null;
  }
}
