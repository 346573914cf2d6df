import ExcelJS from "exceljs";
import { createHash } from "node:crypto";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function tempDir(prefix = "rapport-test-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export type Row = ExcelJS.CellValue[];

/** Writes a workbook with one sheet per entry, rows as given (exceljs cell values, formulas and dates allowed). */
export async function writeWorkbook(
  path: string,
  sheets: Record<string, Row[]>,
  customize?: (workbook: ExcelJS.Workbook) => void,
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  customize?.(workbook);
  await workbook.xlsx.writeFile(path);
  return path;
}

export async function sha256(path: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
}
