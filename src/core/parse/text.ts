import type { CellValue } from "../types";

/** A cell as the text the user sees, trimmed; numbers as typed (no exponent for long digit runs). */
export function cellText(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "string") return trimmed(value);
  if (typeof value === "number") {
    return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  }
  return value ? "TRUE" : "FALSE";
}

/**
 * `text.charCodeAt(index)`, called so that V8 knows which function it is. Cells come as strings of many internal
 * kinds (flat or joined, one or two bytes per character…), so looking `charCodeAt` up on the cell itself goes
 * through V8's slow generic lookup once a call site has seen enough of them; `String.prototype.charCodeAt` is one
 * known function.
 */
export function codeAt(text: string, index: number): number {
  return String.prototype.charCodeAt.call(text, index);
}

/**
 * `text.length`, read so that V8 knows it reads the length of a string: `"" + text` is the text itself, and V8 then
 * reads the length directly where `text.length` went the slow generic way (see codeAt).
 */
export function lengthOf(text: string): number {
  return ("" + text).length;
}

/**
 * Whether a character is surely not one `String.prototype.trim` removes: printable ASCII, or between the
 * ideographic space (U+3000) and the byte-order mark (U+FEFF), which holds all CJK text. Others may be spaces.
 */
function isSurelyNotSpace(code: number): boolean {
  return (code > 0x20 && code < 0x7f) || (code > 0x3000 && code < 0xfeff);
}

/**
 * `text.trim()`, without calling it when the text plainly starts and ends with something other than a space (most
 * cells): the call costs more than reading two characters, and reading a sheet trims every cell.
 */
export function trimmed(text: string): string {
  const last = lengthOf(text) - 1;
  if (last >= 0 && isSurelyNotSpace(codeAt(text, 0)) && isSurelyNotSpace(codeAt(text, last))) return text;
  return text.trim();
}

/** Whether a character is one NFKC folds here: the ideographic space, full-width ASCII, half-width and full-width signs. */
function isCompatibilityForm(code: number): boolean {
  return code === 0x3000 || (code >= 0xff01 && code <= 0xff65) || (code >= 0xffe0 && code <= 0xffe6);
}

/** Full-width digits, letters and punctuation (and the ideographic space) folded to ASCII by NFKC, then trimmed. */
export function halfWidth(text: string): string {
  // NFKC is costly and most cells have nothing to fold. (A loop over the characters: cells are short, and it costs
  // less than asking a regular expression.)
  for (let i = 0, length = lengthOf(text); i < length; i++) {
    if (isCompatibilityForm(codeAt(text, i))) return text.normalize("NFKC").trim();
  }
  return trimmed(text);
}

/** Whether every character of the text is ASCII (its lower case is then ASCII too). */
export function isAscii(text: string): boolean {
  for (let i = 0, length = lengthOf(text); i < length; i++) {
    if (codeAt(text, i) >= 0x80) return false;
  }
  return true;
}
