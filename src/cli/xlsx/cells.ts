import type ExcelJS from "exceljs";
import { excelSerialFromIso, isoFromUtcMs } from "../../core/calendar";
import type { CellValue } from "../../core/types";

/**
 * exceljs cell value → the core's plain cell, as Office.js `range.values` would give it: dates as serials,
 * formulas as their cached result, rich text and hyperlinks as their text, errors as `#N/A`-style text.
 */
export function toCellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) {
    // exceljs builds dates from serials in UTC; keep the time of day as the serial's fraction.
    const ms = value.getTime();
    const dayStart = Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate());
    return excelSerialFromIso(isoFromUtcMs(ms)) + (ms - dayStart) / 86_400_000;
  }
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: ExcelJS.CellValue | { error: string } }).result;
      if (result && typeof result === "object" && "error" in result) return String(result.error);
      return toCellValue(result as ExcelJS.CellValue);
    }
    if ("hyperlink" in value && "text" in value) {
      const text = (value as { text: unknown }).text;
      return typeof text === "string" ? text : toCellValue(text as ExcelJS.CellValue);
    }
    if ("error" in value) return String((value as { error: string }).error);
  }
  return null;
}
