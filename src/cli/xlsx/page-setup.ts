import type ExcelJS from "exceljs";

/**
 * exceljs 4.4 reads a sheet without a first page number as "1" and writes it back as a fixed first page number
 * (`useFirstPageNumber` is rendered from `firstPageNumber`), which changes how a workbook's pages are numbered
 * when several sheets are printed together. Forgetting the number it made up keeps the user's page setup.
 */
export function keepPageNumbering(workbook: ExcelJS.Workbook): void {
  for (const sheet of workbook.worksheets) {
    const setup = sheet.pageSetup as Partial<ExcelJS.PageSetup> & { useFirstPageNumber?: boolean };
    if (setup && setup.useFirstPageNumber === false) delete setup.firstPageNumber;
  }
}
