/// <reference types="office-js" />
// What the pane shows on opening: which sheet holds the customers, on which row the header is, and how each
// column was understood, so a person can correct the mapping before any action.
import { columnLetter } from "../core/a1";
import { FIELD_BY_KEY } from "../core/fields";
import { NON_ARCHIVE_SHEETS } from "../core/owned";
import { cellText } from "../core/parse/text";
import type { FieldKey } from "../core/types";
import { headerMapping, pickArchiveCheck, type ActionOptions } from "./common";
import { gridOf, readWorkbook } from "./read";
import { writeHeaders, type HeaderMapping } from "./state";

export interface DetectedColumn {
  /** Column letter on the sheet. */
  column: string;
  /** The header as written. */
  header: string;
  field: FieldKey | null;
}

export interface DetectSummary {
  sheet: string;
  headerRow: number;
  rows: number;
  /** Every sheet that could hold customers, for the sheet picker. */
  sheets: string[];
  /** Every sheet of the workbook (the next action can then read in one round-trip). */
  allSheets: string[];
  columns: DetectedColumn[];
  /** Required fields with no column. */
  missing: FieldKey[];
  errors: number;
  warnings: number;
  /** The column mapping in effect: the pane's corrections, or those saved with the workbook. */
  headers: HeaderMapping;
}

export async function detectArchive(context: Excel.RequestContext, options: ActionOptions): Promise<DetectSummary> {
  const read = await readWorkbook(context, {
    capabilities: options.capabilities,
    customerSheet: options.sheet,
    knownSheets: options.knownSheets,
    headers: options.headers,
  });
  const headers = headerMapping(read, options);
  const archive = pickArchiveCheck(read, options);
  const grid = gridOf(read, archive.sheet);
  const firstColumn = grid?.firstColumn ?? 1;
  const headerCells = grid?.values[archive.headerRow - (grid?.firstRow ?? 1)] ?? [];
  const fieldAt = new Map<number, FieldKey>();
  for (const [field, index] of Object.entries(archive.header.columns) as [FieldKey, number][])
    fieldAt.set(index, field);
  const columns: DetectedColumn[] = [];
  headerCells.forEach((cell, index) => {
    const header = cellText(cell);
    if (!header) return;
    columns.push({ column: columnLetter(firstColumn + index), header, field: fieldAt.get(index) ?? null });
  });
  const missing = (["code", "name"] as FieldKey[]).filter((f) => archive.header.columns[f] === undefined);
  const errors = archive.issues.filter((i) => i.severity === "error").length;
  return {
    sheet: archive.sheet,
    headerRow: archive.headerRow,
    rows: archive.customers,
    sheets: read.sheets.map((s) => s.name).filter((n) => !NON_ARCHIVE_SHEETS.has(n.trim())),
    allSheets: read.sheets.map((s) => s.name),
    columns,
    missing,
    errors,
    warnings: archive.issues.length - errors,
    headers,
  };
}

/** Saves the pane's column mapping with the workbook (a workbook setting, which travels with the file). */
export async function saveHeaders(context: Excel.RequestContext, headers: HeaderMapping): Promise<void> {
  writeHeaders(context.workbook.settings, headers);
  await context.sync();
}

/** The sheets of the workbook that could hold customers, when no customer sheet is found at all. */
export async function listSheets(context: Excel.RequestContext): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  return sheets.items.map((s) => s.name).filter((n) => !NON_ARCHIVE_SHEETS.has(n.trim()));
}

/** Takes the user to a cell (a finding clicked in the pane). */
export async function selectCell(context: Excel.RequestContext, sheet: string, address: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(address).select();
  await context.sync();
}

/** Field names for the mapping picker, in the form's order. */
export function fieldLabel(field: FieldKey): { zh: string; en: string } {
  const spec = FIELD_BY_KEY[field];
  return { zh: spec.zh, en: spec.en };
}
