import type { BilingualText } from "../core/types";

export type RenderErrorCode =
  /** No Chrome, Edge or Chromium found, or RAPPORT_CHROME points at nothing. */
  | "browser-not-found"
  /** The browser was found but would not start, or died. */
  | "browser-failed"
  /** No template of that name (the six built-in names, or a file missing from --templates). */
  | "template-not-found"
  /** A template, partial or stylesheet does not compile: names the file and line. */
  | "template-compile"
  /** The template failed on this data (a helper refused a value): that customer's data, not the template. */
  | "template-data"
  /** The template fails whatever the data (Handlebars could not run it: a partial named at run time is missing…). */
  | "template-error"
  /** The render took longer than its timeout. */
  | "timeout"
  /** Chrome did not produce a usable PDF. */
  | "pdf-failed"
  /** The renderer was closed while work was queued. */
  | "closed";

/** Every renderer failure, with a message in Chinese and English for the person who will read it. */
export class RenderError extends Error {
  constructor(
    readonly code: RenderErrorCode,
    readonly text: BilingualText,
    readonly location?: { file: string; line?: number; column?: number },
  ) {
    super(`${text.zh} / ${text.en}`);
    this.name = "RenderError";
  }
}

export function errorDetail(e: unknown): string {
  return e instanceof Error ? e.message.split("\n")[0] : String(e);
}
