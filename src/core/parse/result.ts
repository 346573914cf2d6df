import type { BilingualText, IssueCode } from "../types";

/**
 * A parsed cell: the value (with a warning when it is usable but doubtful), or what was expected instead (shown to
 * the user beside what they typed).
 */
export type Parsed<T> =
  { ok: true; value: T; warning?: ParseWarning } | { ok: false; expected: BilingualText; code?: ParseFailure };

export type ParseFailure = "negative";

export interface ParseWarning {
  code: IssueCode;
  message: BilingualText;
}

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function fail<T>(zh: string, en: string, code?: ParseFailure): Parsed<T> {
  return code ? { ok: false, expected: { zh, en }, code } : { ok: false, expected: { zh, en } };
}
