import type ExcelJS from "exceljs";
import type { CellValue } from "../../core/types";
import { toCellValue } from "./cells";

/** A column Rapport owns on the user's sheet: its header text, width and the style of its cells. */
export interface OwnedColumn {
  header: string;
  width: number;
  style?: Partial<ExcelJS.Style>;
}

export function noteText(note: ExcelJS.Cell["note"] | undefined): string {
  if (!note) return "";
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((t) => t.text).join("");
}

function headerText(cell: ExcelJS.Cell): string {
  const value = toCellValue(cell.value);
  return typeof value === "string" ? value.trim() : "";
}

function columnIsEmptyBelow(sheet: ExcelJS.Worksheet, column: number, headerRow: number): boolean {
  let empty = true;
  sheet.eachRow((row, r) => {
    if (r <= headerRow || !empty) return;
    const v = row.findCell(column)?.value;
    if (v !== null && v !== undefined && v !== "") empty = false;
  });
  return empty;
}

/** The last column anything occupies: a value, a styled cell or a merged area. New columns go after it. */
function lastUsedColumn(sheet: ExcelJS.Worksheet): number {
  let last = 0;
  sheet.eachRow({ includeEmpty: true }, (row) => {
    last = Math.max(last, row.cellCount);
  });
  const merges = (sheet as unknown as { _merges?: Record<string, { model: { right: number } }> })._merges ?? {};
  for (const m of Object.values(merges)) last = Math.max(last, m.model.right);
  return last;
}

/**
 * Finds Rapport's columns on the header row, or appends them after the last used column. A column with the right
 * header is Rapport's when its header cell carries Rapport's note, or when nothing is written below it (a column
 * the user prepared); a column headed 客户等级 that the user fills by hand is theirs, and is left alone.
 */
function ownedColumnNumbers(
  sheet: ExcelJS.Worksheet,
  headerRow: number,
  columns: readonly OwnedColumn[],
  mark: string,
): number[] {
  const header = sheet.getRow(headerRow);
  const found = new Map<string, number>();
  header.eachCell((cell, c) => {
    const text = headerText(cell);
    if (found.has(text) || !columns.some((col) => col.header === text)) return;
    if (noteText(cell.note).startsWith(mark) || columnIsEmptyBelow(sheet, c, headerRow)) found.set(text, c);
  });
  return columns.map((col) => {
    const existing = found.get(col.header);
    if (existing !== undefined) return existing;
    const next = lastUsedColumn(sheet) + 1;
    header.getCell(next).value = col.header;
    return next;
  });
}

/** The user's header style to the left of Rapport's first column, copied so the new headers look like theirs. */
function neighbourHeaderStyle(header: ExcelJS.Row, numbers: readonly number[]): Partial<ExcelJS.Style> {
  const owned = new Set(numbers);
  for (let c = Math.min(...numbers) - 1; c >= 1; c--) {
    if (owned.has(c)) continue;
    const cell = header.findCell(c);
    if (cell && cell.value !== null && cell.value !== undefined) return structuredClone(cell.style ?? {});
  }
  return {};
}

/**
 * Writes Rapport's columns on the customer sheet: headers (marked with `note`), then each row's cells from `cells`
 * (null for rows that are not customers). Cells of these columns on other rows below the header are cleared, so
 * a row that stopped being a customer does not keep an old grade. Nothing else on the sheet is touched.
 */
export function writeOwnedColumns(
  sheet: ExcelJS.Worksheet,
  headerRow: number,
  columns: readonly OwnedColumn[],
  note: string,
  cells: ReadonlyMap<number, readonly CellValue[]>,
): number[] {
  const numbers = ownedColumnNumbers(sheet, headerRow, columns, note.split("\n")[0]);
  const header = sheet.getRow(headerRow);
  const style = neighbourHeaderStyle(header, numbers);
  numbers.forEach((c, i) => {
    const cell = header.getCell(c);
    cell.value = columns[i].header;
    cell.style = structuredClone(style);
    cell.note = note;
    sheet.getColumn(c).width = columns[i].width;
  });
  let lastRow = sheet.rowCount;
  for (const r of cells.keys()) lastRow = Math.max(lastRow, r);
  for (let r = headerRow + 1; r <= lastRow; r++) {
    const values = cells.get(r);
    numbers.forEach((c, i) => {
      if (values) {
        const cell = sheet.getRow(r).getCell(c);
        cell.value = values[i] ?? null;
        cell.style = structuredClone(columns[i].style ?? {});
      } else {
        const cell = sheet.findRow(r)?.findCell(c);
        if (cell && cell.value !== null) cell.value = null;
      }
    });
  }
  return numbers;
}
