// What Grade writes, as pure data: which columns of the customer sheet are Rapport's, their cells row by row, and
// the 客户分级目录 sheet. The values come from the core (`resultCells`, `notGradedCells`, `rosterRows`), the same
// functions the CLI writes with.
import { normalizeHeader } from "../core/fields";
import { notGradedCells, RESULT_COLUMNS, resultCells, type GradingOutcome } from "../core/grading";
import {
  ROSTER_WIDTH,
  rosterGroups,
  rosterRows,
  type RosterFormat,
  type RosterInfo,
  type RosterRow,
} from "../core/grading/roster";
import { cellText } from "../core/parse/text";
import type { ArchiveReadResult, CellValue, SheetGrid } from "../core/types";
import type { WriteCell } from "./cells";

/** Widths (characters) and number formats of 评分, 客户等级, ABC分类, 评级说明, as the CLI writes them. */
export const RESULT_WIDTHS = [8, 10, 9, 90];
export const RESULT_FORMATS = ["0.0", null, null, null];

export interface OwnedColumns {
  /** 1-based column numbers of the four result columns, in RESULT_COLUMNS order. */
  columns: number[];
  /** Which of them are new (their header is written now). */
  created: boolean[];
}

export interface OwnershipHints {
  /** Columns Rapport wrote before on this header row (the workbook's Rapport state). */
  known?: readonly number[];
  /** Header cells (1-based column numbers) that carry Rapport's note. */
  noted?: ReadonlySet<number>;
}

function emptyBelow(grid: SheetGrid, index: number, headerIndex: number): boolean {
  for (let r = headerIndex + 1; r < grid.values.length; r++) {
    const v = grid.values[r][index];
    if (v !== null && v !== undefined && v !== "") return false;
  }
  return true;
}

/**
 * Columns on the header row headed like Rapport's result columns that might be Rapport's: the first column with
 * each header. The caller asks Excel about the notes on these cells when it has to know.
 */
export function resultHeaderCandidates(grid: SheetGrid, headerRow: number): Map<string, number> {
  const headerIndex = headerRow - grid.firstRow;
  const found = new Map<string, number>();
  const wanted = new Set(RESULT_COLUMNS.map((h) => normalizeHeader(h)));
  (grid.values[headerIndex] ?? []).forEach((cell, index) => {
    const text = normalizeHeader(cellText(cell));
    if (wanted.has(text) && !found.has(text)) found.set(text, grid.firstColumn + index);
  });
  return found;
}

/**
 * Rapport's four columns on the customer sheet, as the CLI finds them: a column with the right header is Rapport's
 * when Rapport marked it (note or state) or when nothing is written below it (a column the user prepared); a
 * column headed 客户等级 that the user fills by hand is theirs and left alone. Missing ones go after the last
 * used column.
 */
export function resolveOwnedColumns(grid: SheetGrid, headerRow: number, hints: OwnershipHints = {}): OwnedColumns {
  const headerIndex = headerRow - grid.firstRow;
  const candidates = resultHeaderCandidates(grid, headerRow);
  const width = Math.max(0, ...grid.values.map((r) => r.length));
  let next = grid.firstColumn + width;
  const columns: number[] = [];
  const created: boolean[] = [];
  for (const header of RESULT_COLUMNS) {
    const column = candidates.get(normalizeHeader(header));
    const ours =
      column !== undefined &&
      (hints.known?.includes(column) ||
        hints.noted?.has(column) ||
        emptyBelow(grid, column - grid.firstColumn, headerIndex));
    if (column !== undefined && ours) {
      columns.push(column);
      created.push(false);
    } else {
      columns.push(next++);
      created.push(true);
    }
  }
  return { columns, created };
}

/**
 * The result cells of every row below the header, down to the last row of the sheet: graded customers get their
 * four values, rows not graded the reason, other rows (blank, totals) empty cells, so no old grade stays behind.
 */
export function resultRows(archive: ArchiveReadResult, outcome: GradingOutcome, lastRow: number): CellValue[][] {
  const byRow = new Map<number, CellValue[]>();
  for (const r of outcome.results) byRow.set(r.row, resultCells(r));
  for (const n of outcome.notGraded) byRow.set(n.row, notGradedCells(n));
  const empty: CellValue[] = [null, null, null, null];
  const rows: CellValue[][] = [];
  for (let row = archive.headerRow + 1; row <= lastRow; row++) rows.push(byRow.get(row) ?? empty);
  return rows;
}

/** Number formats of the roster's cells, as the CLI writes them. */
export const ROSTER_NUMBER_FORMATS: Record<RosterFormat, string> = { percent: "0.0%", money: "#,##0", score: "0.0" };
/** Column widths (characters) of the roster, as the CLI sets them. */
export const ROSTER_WIDTHS = [6, 12, 30, 8, 10, 10, 16, 10, 15, 90];
/** The note on the roster's A1 cell: its first line tells the next run the sheet is Rapport's. */
export const ROSTER_NOTE =
  "由 Rapport 生成：每次运行 rapport grade 时整表重写。\nWritten by Rapport: rewritten whole by every rapport grade run.";

export interface RosterCells {
  rows: RosterRow[];
  /** The rows padded to the roster's width, with their number formats. */
  cells: WriteCell[][];
  formats: (string | null)[][];
  /** Runs of rows (0-based, with their length) whose 评级说明 was written as a reference to the customer sheet. */
  explanationRuns: { start: number; count: number }[];
}

/** The roster's 评级说明 column (0-based). */
export const ROSTER_EXPLANATION = 9;

/**
 * The core's roster rows (`rosterRows`, as `rapport grade --out` writes them) as cells for Office.js. With
 * `explanationFormula`, each customer's 评级说明 — the same text Rapport writes on the customer sheet — goes as a
 * reference to that cell, which the adapter then turns into the text itself inside Excel: the longest text of the
 * roster then crosses the wire once instead of twice (50,000 customers: about 11 MB less to send).
 */
export function rosterCells(
  outcome: GradingOutcome,
  info: RosterInfo,
  explanationFormula?: (customerRow: number) => string,
): RosterCells {
  const rows = rosterRows(outcome, info);
  const customers = rosterGroups(outcome).flatMap((g) => g.customers);
  let next = 0;
  const explanationRuns: { start: number; count: number }[] = [];
  const cells = rows.map((r, index) => {
    const line: WriteCell[] = r.cells.slice(0, ROSTER_WIDTH);
    while (line.length < ROSTER_WIDTH) line.push(null);
    if (r.kind === "customer" && explanationFormula) {
      const customer = customers[next];
      if (customer && customer.code === r.cells[1] && typeof r.cells[ROSTER_EXPLANATION] === "string") {
        next++;
        line[ROSTER_EXPLANATION] = { formula: explanationFormula(customer.row) };
        const last = explanationRuns[explanationRuns.length - 1];
        if (last && last.start + last.count === index) last.count++;
        else explanationRuns.push({ start: index, count: 1 });
      }
    }
    return line;
  });
  const formats = rows.map((r) => {
    const line: (string | null)[] = new Array<string | null>(ROSTER_WIDTH).fill(null);
    for (const [c, f] of Object.entries(r.formats ?? {})) line[Number(c)] = ROSTER_NUMBER_FORMATS[f];
    return line;
  });
  return { rows, cells, formats, explanationRuns };
}

/** Runs of consecutive rows with the same number formats, so each run gets one format per column. */
export function formatRuns(formats: readonly (readonly (string | null)[])[]): { start: number; count: number }[] {
  const runs: { start: number; count: number }[] = [];
  let key = "";
  formats.forEach((line, i) => {
    const k = line.join("\u0000");
    const last = runs[runs.length - 1];
    if (last && k === key) last.count++;
    else runs.push({ start: i, count: 1 });
    key = k;
  });
  return runs;
}
