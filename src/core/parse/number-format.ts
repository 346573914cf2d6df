// What a reader that knows number formats (exceljs, Office.js) tells the core beside the plain grid values.

/** Whether an Excel number format shows its number as a percentage (`0%`, `0.0%`, `#,##0.00%;[Red]-0%`). */
export function isPercentFormat(format: string | null | undefined): boolean {
  if (!format || !format.includes("%")) return false;
  // Only the first section (positive numbers) counts; quoted text, escaped characters and [colour] tags are literal.
  const first = format.split(";")[0];
  return first.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "").includes("%");
}

/** Columns per sheet row in Excel (XFD): keys grid cells uniquely. */
const MAX_COLUMNS = 16384;

/** The key of grid cell (row, column), both 0-based, in `SheetGrid.percentCells`. */
export function percentCellKey(row: number, column: number): number {
  return row * MAX_COLUMNS + column;
}
