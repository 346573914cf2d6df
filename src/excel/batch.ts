/// <reference types="office-js" />
// Writing to Excel in as few round-trips as the data allows. Everything an action writes is queued on one context
// and sent with `context.sync()` only when the next operation would take the request past the budget: a small
// write is one request, a 50,000-row write a handful, each below Excel on the web's 5 MB request limit. Values
// go as whole 2-D arrays and formats by range (one number format per column block), never cell by cell.
import { cellBytes, isFormula, needsTextFormat, rowBytes, type WriteCell } from "./cells";

/** Excel on the web refuses a request (one `context.sync()`) over 5 MB. */
export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
/**
 * What Rapport puts in one request: our estimate counts the JSON of the values; Office.js adds a little per
 * action and object path, so a fifth of the limit is left for that.
 */
export const DEFAULT_BUDGET_BYTES = 4 * 1024 * 1024;
/** Office.js's own JSON per queued action (ids, action type, object path), roughly. */
const ACTION_BYTES = 160;

export interface BatchOptions {
  budgetBytes?: number;
  /** Called after each round-trip with the share of the expected bytes sent so far (0–1). */
  onProgress?: (share: number) => void;
}

/** The number format of one column of a block: `null` is General. */
export type ColumnFormat = string | null;

export class WriteBatch {
  private pending = 0;
  private sent = 0;
  /** Set by the caller from its own estimate, for progress. */
  expectedBytes = 0;
  syncs = 0;
  largestRequest = 0;
  readonly budget: number;

  constructor(
    readonly context: Excel.RequestContext,
    private readonly options: BatchOptions = {},
  ) {
    this.budget = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  }

  /** Sends what is queued, if anything. */
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    this.largestRequest = Math.max(this.largestRequest, this.pending);
    this.sent += this.pending;
    this.pending = 0;
    await this.context.sync();
    this.syncs++;
    if (this.options.onProgress && this.expectedBytes > 0) {
      this.options.onProgress(Math.min(1, this.sent / this.expectedBytes));
    }
  }

  /** Queues small operations (a format, a note, a sheet), sending first when they would not fit. */
  async op(bytes: number, queue: () => void): Promise<void> {
    const size = bytes + ACTION_BYTES;
    if (this.pending > 0 && this.pending + size > this.budget) await this.flush();
    queue();
    this.pending += size;
  }

  /**
   * Writes a block of cells whose top-left cell is (row, column), 1-based: rows are split into requests under the
   * budget. `formats` gives each column's number format (dates `yyyy-mm-dd`, scores `0.0`); text Excel would take
   * for a formula, a number or a date goes into cells formatted `@` so it stays as written. `null` cells are
   * cleared ("" to Office.js: a null in a written array would leave the old value). `cellFormats` gives single
   * cells their own format (rows copied as they were), over the column's.
   */
  async writeBlock(
    sheet: Excel.Worksheet,
    row: number,
    column: number,
    grid: readonly (readonly WriteCell[])[],
    formats: readonly ColumnFormat[] = [],
    cellFormats?: readonly (readonly (string | null)[] | null)[],
  ): Promise<void> {
    if (grid.length === 0) return;
    const width = grid[0].length;
    let start = 0;
    while (start < grid.length) {
      let bytes = 0;
      let end = start;
      // At least one row per request; rows are never split.
      while (end < grid.length) {
        const next = rowBytes(grid[end]) + width * 4;
        if (end > start && this.pending + bytes + next + 4 * ACTION_BYTES > this.budget) break;
        bytes += next;
        end++;
        if (this.pending === 0 && bytes > this.budget) break;
      }
      if (this.pending > 0 && this.pending + bytes + 4 * ACTION_BYTES > this.budget) {
        await this.flush();
        continue;
      }
      this.queueBlock(sheet, row + start, column, grid.slice(start, end), formats, cellFormats?.slice(start, end));
      start = end;
    }
  }

  private queueBlock(
    sheet: Excel.Worksheet,
    row: number,
    column: number,
    rows: readonly (readonly WriteCell[])[],
    formats: readonly ColumnFormat[],
    cellFormats?: readonly (readonly (string | null)[] | null)[],
  ): void {
    const width = rows[0].length;
    let anyFormula = false;
    // Number formats first: they decide how Excel reads the values that follow in the same request.
    for (let c = 0; c < width; c++) {
      const base = formats[c] ?? "General";
      let uniform: string | null = null;
      let mixed = false;
      const column_: (string | null)[] = new Array(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const cell = rows[r][c];
        if (isFormula(cell)) anyFormula = true;
        // A format the cell had (a row staff worked on, written back as it was) wins; then text safety. An
        // empty cell takes whatever its column gets, so it never splits a column into per-cell formats.
        const own = cellFormats?.[r]?.[c] ?? null;
        const format = own ?? (cell === null ? null : typeof cell === "string" && needsTextFormat(cell) ? "@" : base);
        column_[r] = format;
        if (format === null) continue;
        if (uniform === null) uniform = format;
        else if (format !== uniform) mixed = true;
      }
      const range = sheet.getRangeByIndexes(row - 1, column - 1 + c, rows.length, 1);
      // One format for the whole column block goes as a 1×1 array, which Excel applies to every cell.
      range.numberFormat = mixed ? column_.map((f) => [f ?? base]) : [[uniform ?? base]];
      this.pending += ACTION_BYTES + (mixed ? column_.reduce((n, f) => n + (f ?? base).length + 5, 0) : 16);
    }
    const target = sheet.getRangeByIndexes(row - 1, column - 1, rows.length, width);
    let bytes = 0;
    const out = rows.map((line) =>
      line.map((cell) => {
        bytes += cellBytes(cell);
        if (cell === null) return "";
        return isFormula(cell) ? cell.formula : cell;
      }),
    );
    if (anyFormula) target.formulas = out;
    else target.values = out;
    this.pending += ACTION_BYTES + bytes + rows.length * 3;
  }
}
