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

/** Full-width digits, letters and punctuation folded to ASCII (NFKC), then trimmed. */
export function halfWidth(text: string): string {
  return text.normalize("NFKC").trim();
}
