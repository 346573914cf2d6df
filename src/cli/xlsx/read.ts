import ExcelJS from "exceljs";
import { open, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { CellValue, MergedArea, SheetGrid } from "../../core/types";
import { toCellValue } from "./cells";
import { InputError } from "./errors";

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
    await workbook.xlsx.readFile(path);
  } catch {
    throw corrupt(path);
  }
  return workbook;
}

/** One worksheet as the core's grid, starting at A1 so rows and columns are the user's own numbers. */
export function worksheetGrid(sheet: ExcelJS.Worksheet): SheetGrid {
  const values: CellValue[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = new Array(width).fill(null);
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // Merged slave cells repeat the master's value in exceljs; the core expects Office's view (master only).
      if (cell.isMerged && cell.master !== cell) return;
      cells[colNumber - 1] = toCellValue(cell.value);
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
  return { name: sheet.name, firstRow: 1, firstColumn: 1, values, merges };
}

export async function readWorkbookGrids(path: string): Promise<SheetGrid[]> {
  const workbook = await loadWorkbook(path);
  return workbook.worksheets.map(worksheetGrid);
}

/**
 * Reads every sheet with exceljs's streaming reader: memory stays flat for very large archives. It sees no
 * merged areas, which only matter for cells merged across customer rows.
 */
export async function streamWorkbookGrids(path: string, onRows?: (rows: number) => void): Promise<SheetGrid[]> {
  await checkWorkbookFile(path);
  const grids: SheetGrid[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      sharedStrings: "cache",
      styles: "cache",
      hyperlinks: "ignore",
      worksheets: "emit",
      entries: "emit",
    });
    for await (const sheet of reader) {
      const values: CellValue[][] = [];
      let width = 0;
      for await (const row of sheet) {
        const cells: CellValue[] = [];
        row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
          cells[colNumber - 1] = toCellValue(cell.value);
        });
        width = Math.max(width, cells.length);
        values[row.number - 1] = cells;
        if (onRows && row.number % 1000 === 0) onRows(row.number);
      }
      for (let r = 0; r < values.length; r++) {
        const cells = values[r] ?? [];
        for (let c = 0; c < width; c++) if (cells[c] === undefined) cells[c] = null;
        values[r] = cells;
      }
      grids.push({ name: (sheet as unknown as { name: string }).name, firstRow: 1, firstColumn: 1, values });
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw corrupt(path);
  }
  return grids;
}
