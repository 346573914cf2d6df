import { SETTINGS_SHEETS } from "../owned";
import type { SheetGrid } from "../types";
import { DEFAULT_STANDARD } from "./default-standard";
import type { StandardProblem } from "./config";
import type { GradingStandard } from "./standard";
import { standardFromSheet } from "./standard-sheet";

/** Where a standard came from: a config file's `grading`, the workbook's 评级标准 sheet, or Rapport's default. */
export type StandardSource = { kind: "config" } | { kind: "sheet"; sheet: string } | { kind: "default" };

export type PickedStandard =
  { ok: true; standard: GradingStandard; source: StandardSource } | { ok: false; problems: StandardProblem[] };

/**
 * The standard to grade by: one given explicitly (a config file's `grading`, the task pane's settings) wins, then a
 * 评级标准 sheet in the workbook (the standard travels with the file), then the default.
 */
export function pickStandard(sheets: readonly SheetGrid[], given?: GradingStandard): PickedStandard {
  if (given) return { ok: true, standard: given, source: { kind: "config" } };
  const sheet = sheets.find((s) => s.name.trim() === SETTINGS_SHEETS.standard);
  if (!sheet) return { ok: true, standard: DEFAULT_STANDARD, source: { kind: "default" } };
  const result = standardFromSheet(sheet);
  return result.ok ? { ...result, source: { kind: "sheet", sheet: sheet.name } } : result;
}
