/// <reference types="office-js" />
import { FIELD_BY_KEY } from "../core/fields";
import type { FieldKey } from "../core/types";
// Rapport's bookkeeping inside the workbook (a workbook setting, saved with the file, invisible on the sheets):
// which conditional formats and notes are its validation marks, so the next run removes exactly those and never a
// format or note the user made; and which columns of the customer sheet it owns.

export const STATE_KEY = "rapport.state";
/**
 * The column mapping corrected in the pane (header text → field, or null: not a field), kept with the workbook
 * (workbook settings travel with the file), so another workbook starts from the automatic mapping.
 */
export const HEADERS_KEY = "rapport.headers";

export type HeaderMapping = Record<string, FieldKey | null>;

/** The stored mapping, tolerating anything: entries that are not a header and a known field (or null) are dropped. */
export function readHeaders(value: unknown): HeaderMapping {
  let data: unknown = value;
  if (typeof data === "string") {
    try {
      data = JSON.parse(data);
    } catch {
      return {};
    }
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return {};
  const out: HeaderMapping = {};
  for (const [header, field] of Object.entries(data as Record<string, unknown>)) {
    if (field === null || (typeof field === "string" && field in FIELD_BY_KEY)) out[header] = field as FieldKey | null;
  }
  return out;
}

export function writeHeaders(settings: Excel.SettingCollection, headers: HeaderMapping): void {
  settings.add(HEADERS_KEY, JSON.stringify(headers));
}

/** Where marks are: the sheet by name and by Excel's worksheet id (which survives a rename). */
export interface SheetRefState {
  sheet: string;
  sheetId?: string;
}

export interface RapportState {
  /**
   * Conditional formats marking invalid cells, by id, on every sheet that has some: Validate on another sheet,
   * or Clear marks, removes them all.
   */
  marks?: (SheetRefState & { ids: string[] })[];
  /** Cells carrying a Rapport finding note, by sheet. */
  notes?: (SheetRefState & { cells: string[] })[];
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
  // One sheet's entry as Rapport first stored it, or a list of them.
  const entries = (value: unknown): Record<string, unknown>[] =>
    (Array.isArray(value) ? value : value ? [value] : []).filter(
      (e): e is Record<string, unknown> => typeof e === "object" && e !== null && typeof e.sheet === "string",
    );
  const ref = (e: Record<string, unknown>): SheetRefState =>
    typeof e.sheetId === "string" ? { sheet: e.sheet as string, sheetId: e.sheetId } : { sheet: e.sheet as string };
  const marks = entries(v.marks).flatMap((e) => (isStringArray(e.ids) ? [{ ...ref(e), ids: e.ids }] : []));
  if (marks.length) state.marks = marks;
  const notes = entries(v.notes).flatMap((e) => (isStringArray(e.cells) ? [{ ...ref(e), cells: e.cells }] : []));
  if (notes.length) state.notes = notes;
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
