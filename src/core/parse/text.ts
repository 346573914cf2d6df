import type { CellValue } from "../types";

/** A cell as the text the user sees, trimmed; numbers as typed (no exponent for long digit runs). */
export function cellText(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") {
    return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  }
  return value ? "TRUE" : "FALSE";
}

const COMPATIBILITY_FORMS = /[\u3000\uFF01-\uFF65\uFFE0-\uFFE6]/;

/** Full-width digits, letters and punctuation (and the ideographic space) folded to ASCII by NFKC, then trimmed. */
export function halfWidth(text: string): string {
  // NFKC is costly and most cells have nothing to fold.
  return (COMPATIBILITY_FORMS.test(text) ? text.normalize("NFKC") : text).trim();
}
