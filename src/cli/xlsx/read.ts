import ExcelJS from "exceljs";
import { open, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, extname } from "node:path";
import { columnNumber } from "../../core/a1";
import { isPercentFormat, percentCellKey } from "../../core/parse/number-format";
import type { CellValue, MergedArea, SheetGrid } from "../../core/types";
import { toCellValue } from "./cells";
import { InputError } from "./errors";
import { forExceljs } from "./ooxml/strict";

/** The serial exceljs could not turn into a date, kept on the Invalid Date it made of it. */
const RAW_SERIAL = Symbol("rapport.rawSerial");

/**
 * exceljs turns every number in a date-formatted cell into a Date; a number no date can hold (13812345678 typed
 * into a date column) becomes an Invalid Date and what the user typed is lost. Both of its readers call
 * `utils.excelToDate`: wrapped once, an Invalid Date keeps the number, and the grid shows it.
 */
function keepRawSerials(): void {
  const utils = createRequire(import.meta.url)("exceljs/lib/utils/utils") as {
    excelToDate: ((v: number, date1904?: boolean) => Date) & { [RAW_SERIAL]?: true };
  };
  const original = utils.excelToDate;
  if (original[RAW_SERIAL]) return;
  const wrapped = (v: number, date1904?: boolean): Date => {
    const date = original.call(utils, v, date1904);
    if (Number.isNaN(date.getTime())) Object.assign(date, { [RAW_SERIAL]: v });
    return date;
  };
  utils.excelToDate = Object.assign(wrapped, { [RAW_SERIAL]: true as const });
}
keepRawSerials();

/** A cell as the core's plain value; an Invalid Date from exceljs as the number the cell holds. */
function cellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value instanceof Date && Number.isNaN(value.getTime())) {
    const raw = (value as Date & { [RAW_SERIAL]?: unknown })[RAW_SERIAL];
    return typeof raw === "number" ? raw : null;
  }
  return toCellValue(value);
}

/** Notes a number cell shown as a percentage (`0%`): there 1 is 100 %, which the value alone does not say. */
function notePercent(percent: Set<number>, value: CellValue, cell: ExcelJS.Cell, row: number, column: number): void {
  if (typeof value === "number" && isPercentFormat(cell.numFmt)) percent.add(percentCellKey(row, column));
}

const ZIP_MAGIC = "504b0304";
const OLE_MAGIC = "d0cf11e0"; // legacy .xls / .et (Compound File Binary)

/** Checks the file exists and is an .xlsx package, with a message a person can act on when it is not. */
export async function checkWorkbookFile(path: string): Promise<void> {
  const name = basename(path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError({ zh: `${name} 不是文件`, en: `${name} is not a file` });
    size = info.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError({ zh: `找不到文件 ${path}`, en: `file not found: ${path}` });
  }
  if (size === 0) throw new InputError({ zh: `${name} 是空文件`, en: `${name} is empty` });
  const handle = await open(path, "r");
  const head = Buffer.alloc(4);
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  const magic = head.toString("hex");
  const ext = extname(path).toLowerCase();
  if (magic === OLE_MAGIC || ext === ".xls" || ext === ".et") {
    throw new InputError({
      zh: `${name} 是旧版 Excel/WPS 格式（.xls/.et），Rapport 只读 .xlsx：请在 Excel 或 WPS 中“另存为” .xlsx 后再试`,
      en: `${name} is a legacy Excel/WPS file (.xls/.et); Rapport reads .xlsx only: save it as .xlsx in Excel or WPS and try again`,
    });
  }
  if (magic !== ZIP_MAGIC) {
    throw new InputError({
      zh: `${name} 不是 .xlsx 工作簿（文件内容不是 Excel 格式）`,
      en: `${name} is not an .xlsx workbook (the content is not in Excel format)`,
    });
  }
}

/** A zip package with no workbook in it (a renamed .zip or .docx, or a workbook where exceljs does not look). */
function notWorkbook(path: string): InputError {
  const name = basename(path);
  return new InputError({
    zh: `${name} 不是有效的 .xlsx 文件：文件里找不到工作簿（xl/workbook.xml）；如果是其他程序生成的，请在 Excel 或 WPS 中打开后另存为 .xlsx`,
    en: `${name} is not a valid .xlsx file: it holds no workbook (xl/workbook.xml); if another program wrote it, open it in Excel or WPS and save it as .xlsx`,
  });
}

function corrupt(path: string): InputError {
  const name = basename(path);
  return new InputError({
    zh: `${name} 已损坏或不是有效的 .xlsx 工作簿，无法打开`,
    en: `${name} is damaged or not a valid .xlsx workbook and cannot be opened`,
  });
}

/** Loads the whole workbook (styles, formulas, merges), as needed to write a copy back. */
export async function loadWorkbook(path: string): Promise<ExcelJS.Workbook> {
  await checkWorkbookFile(path);
  const workbook = new ExcelJS.Workbook();
  try {
    // A Strict Open XML package is read with transitional relationship types, or exceljs misses its notes.
    await workbook.xlsx.load((await forExceljs(await readFile(path))) as unknown as ExcelJS.Buffer);
  } catch {
    throw corrupt(path);
  }
  if (workbook.worksheets.length === 0) throw notWorkbook(path);
  return workbook;
}

/** One worksheet as the core's grid, starting at A1 so rows and columns are the user's own numbers. */
export function worksheetGrid(sheet: ExcelJS.Worksheet): SheetGrid {
  const values: CellValue[][] = [];
  const percent = new Set<number>();
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = new Array(width).fill(null);
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // Merged slave cells repeat the master's value in exceljs; the core expects Office's view (master only).
      if (cell.isMerged && cell.master !== cell) return;
      const value = cellValue(cell.value);
      cells[colNumber - 1] = value;
      notePercent(percent, value, cell, rowNumber - 1, colNumber - 1);
    });
    values[rowNumber - 1] = cells;
  });
  for (let r = 0; r < values.length; r++) if (!values[r]) values[r] = new Array(width).fill(null);
  // exceljs keeps merges only in this internal map (master address → range); `sheet.model` would rebuild every row.
  const internal = (sheet as unknown as { _merges?: Record<string, { model: MergedArea }> })._merges ?? {};
  const merges = Object.values(internal).map(({ model: m }) => ({
    top: m.top - 1,
    left: m.left - 1,
    bottom: m.bottom - 1,
    right: m.right - 1,
  }));
  return { name: sheet.name, firstRow: 1, firstColumn: 1, values, merges, percentCells: percent };
}

export async function readWorkbookGrids(path: string): Promise<SheetGrid[]> {
  const workbook = await loadWorkbook(path);
  return workbook.worksheets.map(worksheetGrid);
}

/** The longest `<mergeCell ref="…"/>` tag looked for across two chunks of a sheet's XML. */
const TAG_SPAN = 256;
const MERGE_CELL =
  /<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?["']/g;

function collectMergeRefs(text: string, into: Map<string, MergedArea>): void {
  for (const m of text.matchAll(MERGE_CELL)) {
    const top = Number(m[2]) - 1;
    const left = columnNumber(m[1].toUpperCase()) - 1;
    const bottom = m[4] === undefined ? top : Number(m[4]) - 1;
    const right = m[3] === undefined ? left : columnNumber(m[3].toUpperCase()) - 1;
    into.set(`${top},${left},${bottom},${right}`, { top, left, bottom, right });
  }
}

/**
 * Passes a sheet's XML through unchanged while collecting its merged areas, which exceljs's streaming reader
 * skips (`<mergeCells>` comes after the rows, so the areas are complete when the rows are). Only chunks that hold
 * `mergeCell`, and the few bytes around each chunk boundary, are decoded.
 */
export async function* tapMergeCells(
  source: AsyncIterable<Buffer | string>,
  into: Map<string, MergedArea>,
): AsyncGenerator<Buffer | string> {
  let tail = "";
  for await (const chunk of source) {
    yield chunk;
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk;
    // A tag cut in two by the chunk boundary: the end of the last chunk and the start of this one.
    if (tail) collectMergeRefs(tail + buffer.subarray(0, TAG_SPAN).toString("latin1"), into);
    if (buffer.includes("mergeCell")) collectMergeRefs(buffer.toString("latin1"), into);
    tail = buffer.subarray(Math.max(0, buffer.length - TAG_SPAN)).toString("latin1");
  }
}

/**
 * Reads every sheet with exceljs's streaming reader: memory stays flat for very large archives. Merged areas,
 * which the streaming reader skips, are collected from the XML as it passes, so both readers give the same grid.
 */
export async function streamWorkbookGrids(path: string, onRows?: (rows: number) => void): Promise<SheetGrid[]> {
  await checkWorkbookFile(path);
  let grids: SheetGrid[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      sharedStrings: "cache",
      styles: "cache",
      hyperlinks: "ignore",
      worksheets: "emit",
      entries: "emit",
    });
    for await (const sheet of reader) {
      const internal = sheet as unknown as { name: string; iterator: AsyncIterable<Buffer | string> };
      const merged = new Map<string, MergedArea>();
      internal.iterator = tapMergeCells(internal.iterator, merged);
      const values: CellValue[][] = [];
      const percent = new Set<number>();
      let width = 0;
      for await (const row of sheet) {
        const cells: CellValue[] = [];
        const r = row.number - 1;
        row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
          const value = cellValue(cell.value);
          cells[colNumber - 1] = value;
          notePercent(percent, value, cell, r, colNumber - 1);
        });
        width = Math.max(width, cells.length);
        values[r] = cells;
        if (onRows && row.number % 1000 === 0) onRows(row.number);
      }
      for (let r = 0; r < values.length; r++) {
        const cells = values[r] ?? [];
        for (let c = 0; c < width; c++) if (cells[c] === undefined) cells[c] = null;
        values[r] = cells;
      }
      // As in Office's view, only a merged area's top-left cell holds the value.
      const merges = [...merged.values()];
      for (const m of merges) {
        for (let r = m.top; r <= m.bottom && r < values.length; r++) {
          for (let c = m.left; c <= m.right; c++) if ((r !== m.top || c !== m.left) && c < width) values[r][c] = null;
        }
      }
      grids.push({ name: internal.name, firstRow: 1, firstColumn: 1, values, merges, percentCells: percent });
    }
    grids = inWorkbookOrder(grids, reader);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw corrupt(path);
  }
  if (grids.length === 0) throw notWorkbook(path);
  return grids;
}

/** The streaming reader meets sheets in the order of the zip; the whole-file reader, and the user, in the workbook's. */
function inWorkbookOrder(grids: SheetGrid[], reader: unknown): SheetGrid[] {
  const sheets = (reader as { model?: { sheets?: { name?: string }[] } }).model?.sheets ?? [];
  const position = new Map(sheets.map((s, i) => [s.name, i]));
  const at = (g: SheetGrid) => position.get(g.name) ?? sheets.length;
  return grids.slice().sort((a, b) => at(a) - at(b));
}
