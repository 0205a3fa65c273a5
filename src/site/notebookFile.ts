import { readFileSync } from "node:fs";

/**
 * The parts of an nbformat 4 notebook the site reads: cells with their source, tags, `bitbound` metadata
 * (exercise ids) and, in an executed copy, their outputs.
 *
 * @packageDocumentation
 */

/** One output of a code cell (nbformat 4). */
export interface NotebookOutput {
  output_type: "stream" | "display_data" | "execute_result" | "error" | string;
  /** stream: "stdout" or "stderr" */
  name?: string;
  /** stream text */
  text?: string | string[];
  /** display_data / execute_result: MIME type → value (text as a string or a list of lines, JSON as an object) */
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

/** One cell (nbformat 4). */
export interface NotebookCell {
  cell_type: "markdown" | "code" | "raw" | string;
  source: string | string[];
  metadata?: { tags?: string[]; bitbound?: { exercise?: string; role?: string }; [key: string]: unknown };
  outputs?: NotebookOutput[];
}

/** A notebook (nbformat 4). */
export interface Notebook {
  cells: NotebookCell[];
  metadata?: Record<string, unknown>;
}

/** Text that nbformat stores either as one string or as a list of lines. */
export function joinText(text: string | string[] | undefined): string {
  return Array.isArray(text) ? text.join("") : (text ?? "");
}

/**
 * Reads a notebook file.
 *
 * @throws Error naming the file when it is not JSON or has no `cells` list
 * @example
 * ```ts
 * readNotebook("notebooks/00-welcome.ipynb").cells.length; // 22
 * ```
 */
export function readNotebook(path: string): Notebook {
  let nb: unknown;
  try {
    nb = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`${path}: not a readable notebook: ${(e as Error).message}`);
  }
  if (typeof nb !== "object" || nb === null || !Array.isArray((nb as Notebook).cells)) throw new Error(`${path}: not an nbformat 4 notebook (no cells list)`);
  return nb as Notebook;
}
