/// <reference types="office-js" />
// Rapport's bookkeeping inside the workbook (a workbook setting, saved with the file, invisible on the sheets):
// which conditional formats and notes are its validation marks, so the next run removes exactly those and never a
// format or note the user made; and which columns of the customer sheet it owns.

export const STATE_KEY = "rapport.state";

export interface RapportState {
  /** Conditional formats marking invalid cells, by id. */
  marks?: { sheet: string; ids: string[] };
  /** Cells carrying a Rapport finding note. */
  notes?: { sheet: string; cells: string[] };
  /** The grading result columns (1-based column numbers) and the header row they were written on. */
  owned?: { sheet: string; headerRow: number; columns: number[] };
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => Number.isInteger(x));

/** The stored state, tolerating anything (an old version, a hand-edited value): unknown parts are dropped. */
export function readState(value: unknown): RapportState {
  let data: unknown = value;
  if (typeof data === "string") {
    try {
      data = JSON.parse(data);
    } catch {
      return {};
    }
  }
  if (typeof data !== "object" || data === null) return {};
  const v = data as Record<string, unknown>;
  const state: RapportState = {};
  const marks = v.marks as Record<string, unknown> | undefined;
  if (marks && typeof marks.sheet === "string" && isStringArray(marks.ids)) {
    state.marks = { sheet: marks.sheet, ids: marks.ids };
  }
  const notes = v.notes as Record<string, unknown> | undefined;
  if (notes && typeof notes.sheet === "string" && isStringArray(notes.cells)) {
    state.notes = { sheet: notes.sheet, cells: notes.cells };
  }
  const owned = v.owned as Record<string, unknown> | undefined;
  if (owned && typeof owned.sheet === "string" && Number.isInteger(owned.headerRow) && isNumberArray(owned.columns)) {
    state.owned = { sheet: owned.sheet, headerRow: owned.headerRow as number, columns: owned.columns };
  }
  return state;
}

/** Stored as JSON text: every Excel keeps string settings as they are. */
export function writeState(settings: Excel.SettingCollection, state: RapportState): void {
  settings.add(STATE_KEY, JSON.stringify(state));
}
