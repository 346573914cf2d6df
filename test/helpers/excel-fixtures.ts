// Workbooks for the Office.js adapter's tests and benchmark: the sample archive and generated ones, as fake
// Excel workbooks (grids placed where the cells are on the sheet).
import { fileURLToPath } from "node:url";
import { readWorkbookGrids } from "../../src/cli/xlsx/read";
import type { CellValue, SheetGrid } from "../../src/core/types";
import { FakeSheet, FakeWorkbook, type FakeCell, type FakeWorkbookOptions } from "./fake-excel";

export const SAMPLE = fileURLToPath(new URL("../../examples/customers.xlsx", import.meta.url));

/** A fake workbook holding the same cells as the grids (as Office.js would read them: dates as serials). */
export function fakeFromGrids(grids: readonly SheetGrid[], options: FakeWorkbookOptions = {}): FakeWorkbook {
  const book = new FakeWorkbook({}, options);
  for (const grid of grids) {
    const sheet = new FakeSheet(grid.name);
    grid.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== "") sheet.set(grid.firstRow - 1 + r, grid.firstColumn - 1 + c, v as FakeCell);
      }),
    );
    for (const m of grid.merges ?? []) {
      sheet.merges.push({
        row: grid.firstRow - 1 + m.top,
        col: grid.firstColumn - 1 + m.left,
        rows: m.bottom - m.top + 1,
        cols: m.right - m.left + 1,
      });
    }
    book.sheets.push(sheet);
  }
  book.activeSheet = book.sheets[0]?.name ?? "";
  return book;
}

export async function sampleGrids(): Promise<SheetGrid[]> {
  return readWorkbookGrids(SAMPLE);
}

/** A copy of every cell of a sheet, to compare before and after an action. */
export function snapshotCells(sheet: FakeSheet): CellValue[][] {
  return sheet.values.map((row) => row.map((v) => (v === "" ? null : v)));
}

/** The sample's customer sheet grown to `rows` customers (codes kept unique), the sample's mistakes included. */
export async function grownGrids(rows: number): Promise<SheetGrid[]> {
  const grids = await sampleGrids();
  const sheet = grids[0];
  const header = 2; // title, date line, header on row 3
  const body = sheet.values.slice(header + 1).filter((r) => typeof r[0] === "string" && /^KH\d+$/.test(r[0]));
  const values: CellValue[][] = sheet.values.slice(0, header + 1);
  for (let i = 0; i < rows; i++) {
    const row = body[i % body.length].slice();
    row[0] = `KH${String(i + 1).padStart(6, "0")}`;
    values.push(row);
  }
  return [{ ...sheet, values, merges: [] }, ...grids.slice(1)];
}
