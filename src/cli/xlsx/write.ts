import type ExcelJS from "exceljs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "./errors";
import { keepPageNumbering } from "./page-setup";

/**
 * Writes the workbook to `out` through a temporary file in the same folder, so a failed write never leaves a
 * half-written workbook where the user's file was. The workbook's own creation and modification dates are kept,
 * so writing the same content twice gives the same workbook; so is every sheet's page numbering, which exceljs
 * would otherwise change. Every command that writes a copy of the user's workbook writes it through here.
 */
export async function saveWorkbook(workbook: ExcelJS.Workbook, out: string, input?: string): Promise<void> {
  const target = resolve(out);
  if (input !== undefined && resolve(input) === target) {
    throw new InputError({
      zh: `--out 不能是输入文件本身（${basename(out)}）：Rapport 不改动输入文件，请另取文件名`,
      en: `--out cannot be the input file itself (${basename(out)}): Rapport never modifies its input; choose another name`,
    });
  }
  keepPageNumbering(workbook);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    await workbook.xlsx.writeFile(temp);
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    const detail = e instanceof Error ? e.message : String(e);
    throw new InputError({ zh: `无法写入 ${out}：${detail}`, en: `cannot write ${out}: ${detail}` });
  }
}
