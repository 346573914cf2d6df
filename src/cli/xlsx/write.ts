import type ExcelJS from "exceljs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "./errors";
import { preservingCopy } from "./ooxml/preserve";
import { keepPageNumbering } from "./page-setup";

function checkTarget(out: string, input: string | undefined): string {
  const target = resolve(out);
  if (input !== undefined && resolve(input) === target) {
    throw new InputError({
      zh: `--out 不能是输入文件本身（${basename(out)}）：Rapport 不改动输入文件，请另取文件名`,
      en: `--out cannot be the input file itself (${basename(out)}): Rapport never modifies its input; choose another name`,
    });
  }
  return target;
}

/** Writes through a temporary file in the same folder, so a failed write never leaves a half-written workbook. */
async function writeAtomically(out: string, target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    await write(temp);
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    const detail = e instanceof Error ? e.message : String(e);
    throw new InputError({ zh: `无法写入 ${out}：${detail}`, en: `cannot write ${out}: ${detail}` });
  }
}

/** What of the workbook is Rapport's: see saveWorkbookPreserving. */
export interface OwnedParts {
  /** The input workbook file the copy is made of. */
  original: string;
  /** The customer sheet, when Rapport wrote columns on it… */
  customerSheet?: string;
  /** …its header row… */
  headerRow?: number;
  /** …the numbers of Rapport's columns (as writeOwnedColumns returns them)… */
  ownedColumns?: readonly number[];
  /** …and the note on their header cells, if any. */
  ownedColumnNote?: string;
  /** Rapport's own sheets (客户分级目录, 回访计划), written whole. */
  ownedSheets: readonly string[];
}

/**
 * Writes a copy of the ORIGINAL workbook file with only Rapport's parts taken from what exceljs lays out: the
 * cells, widths and header notes of Rapport's columns on the customer sheet, and Rapport's own sheets. Every other
 * part of the file stays byte for byte, so what exceljs does not model (pivot tables, charts, shapes, threaded
 * comments, in-cell images, custom properties, x14 validations…) is not lost. Atomic, and never over the input.
 * Every command that writes a copy of the user's workbook writes it through here.
 */
export async function saveWorkbookPreserving(
  workbook: ExcelJS.Workbook,
  out: string,
  owned: OwnedParts,
): Promise<void> {
  const target = checkTarget(out, owned.original);
  // Rapport's sheets exceljs read back (a kept 回访计划) would otherwise get a page number exceljs made up.
  keepPageNumbering(workbook);
  let original: Buffer;
  try {
    original = await readFile(owned.original);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new InputError({
      zh: `无法读取 ${owned.original}：${detail}`,
      en: `cannot read ${owned.original}: ${detail}`,
    });
  }
  const laidOut = await workbook.xlsx.writeBuffer();
  const customer =
    owned.customerSheet !== undefined && owned.headerRow !== undefined && owned.ownedColumns?.length
      ? {
          sheet: owned.customerSheet,
          headerRow: owned.headerRow,
          columns: owned.ownedColumns,
          notes: Boolean(owned.ownedColumnNote),
          widths: owned.ownedColumns.map((c) => workbook.getWorksheet(owned.customerSheet)?.getColumn(c).width),
        }
      : undefined;
  const copy = await preservingCopy(original, laidOut as unknown as Uint8Array, {
    customer,
    ownedSheets: owned.ownedSheets,
  });
  await writeAtomically(out, target, (temp) => writeFile(temp, copy));
}
