// Pure helpers of the Office.js adapter: addresses, cell conversion, request-size estimates. No Office API here, so
// the task pane, the tests and the benchmark share them.
import { columnLetter, columnNumber } from "../core/a1";
import type { CellValue, MergedArea } from "../core/types";

/** A formula written into a cell (HYPERLINK on the findings sheet); everything else is a plain value. */
export interface Formula {
  formula: string;
}

export type WriteCell = CellValue | Formula;

export function isFormula(cell: WriteCell): cell is Formula {
  return typeof cell === "object" && cell !== null;
}

/** `A1` address of a 1-based cell. */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** `A1:C9` address of a 1-based rectangle. */
export function rangeAddress(row: number, column: number, rows: number, columns: number): string {
  const first = cellAddress(row, column);
  if (rows === 1 && columns === 1) return first;
  return `${first}:${cellAddress(row + rows - 1, column + columns - 1)}`;
}

/** A sheet name as it appears in a formula or a multi-area address. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * Office.js reads empty cells as "" and the core expects null: converts one used-range `values` array in place of
 * a copy (tens of thousands of rows), keeping every other value as Excel gave it (serial numbers for dates).
 */
export function gridFromOffice(values: unknown[][]): CellValue[][] {
  const out: CellValue[][] = new Array(values.length);
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    const line: CellValue[] = new Array(row.length);
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      line[c] = v === "" || v === undefined ? null : (v as CellValue);
    }
    out[r] = line;
  }
  return out;
}

/** `Sheet1!A1:B2, Sheet1!D4` (a merged-areas or RangeAreas address) → areas relative to a grid's top-left cell. */
export function parseAreas(address: string, firstRow: number, firstColumn: number): MergedArea[] {
  const areas: MergedArea[] = [];
  for (const part of address.split(",")) {
    const text = part.trim().replace(/^.*!/, "").replace(/\$/g, "");
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(text);
    if (!m) continue;
    const top = Number(m[2]) - firstRow;
    const left = columnNumber(m[1]) - firstColumn;
    const bottom = (m[4] ? Number(m[4]) : Number(m[2])) - firstRow;
    const right = (m[3] ? columnNumber(m[3]) : columnNumber(m[1])) - firstColumn;
    if (bottom >= 0 && right >= 0) areas.push({ top: Math.max(0, top), left: Math.max(0, left), bottom, right });
  }
  return areas;
}

/**
 * Whether Excel would turn this text into something else when written as a value: a formula (`=`, `+`, `-`, `@`),
 * a number (`00123` loses its zeros), a date (`2024-03-05`), a percentage or a boolean. Such text is written into
 * cells formatted as text (`@`), which keeps it exactly as given.
 */
export function needsTextFormat(text: string): boolean {
  return /^\s*(?:[=+\-@.(]|[0-9０-９]|[$¥￥]\s*\d)/.test(text) || /^\s*(?:true|false)\s*$/i.test(text);
}

/** UTF-8 length of a string, as the request travels. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += c === 0x22 || c === 0x5c || c < 0x20 ? 2 : 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes one cell takes in the JSON request, quotes and separator included. */
export function cellBytes(cell: WriteCell): number {
  if (cell === null) return 3;
  if (typeof cell === "string") return utf8Length(cell) + 3;
  if (typeof cell === "number") return String(cell).length + 1;
  if (typeof cell === "boolean") return 6;
  return utf8Length(cell.formula) + 3;
}

export function rowBytes(row: readonly WriteCell[]): number {
  let n = 3;
  for (const cell of row) n += cellBytes(cell);
  return n;
}

/** Groups cells into as few addresses as possible: runs of rows in one column become `C5:C9`. */
export function compressCells(cells: readonly { row: number; column: number }[]): string[] {
  const sorted = [...cells].sort((a, b) => a.column - b.column || a.row - b.row);
  const out: string[] = [];
  let start: { row: number; column: number } | null = null;
  let end = 0;
  for (const cell of sorted) {
    if (start && cell.column === start.column && cell.row <= end + 1) {
      end = Math.max(end, cell.row);
      continue;
    }
    if (start) out.push(rangeAddress(start.row, start.column, end - start.row + 1, 1));
    start = cell;
    end = cell.row;
  }
  if (start) out.push(rangeAddress(start.row, start.column, end - start.row + 1, 1));
  return out;
}

/** Splits addresses into comma-joined groups under a length limit (multi-area addresses have one). */
export function joinAddresses(addresses: readonly string[], maxLength: number): string[] {
  const groups: string[] = [];
  let current = "";
  for (const a of addresses) {
    if (current && current.length + 1 + a.length > maxLength) {
      groups.push(current);
      current = "";
    }
    current = current ? `${current},${a}` : a;
  }
  if (current) groups.push(current);
  return groups;
}
