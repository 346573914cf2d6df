import type ExcelJS from "exceljs";
import { stat } from "node:fs/promises";
import type { z } from "zod";
import { basename } from "node:path";
import { archiveConfigSchema, type ArchiveConfig } from "../core/config";
import { checkCustomerSheet, readCustomerSheet, type CustomerSheetOptions } from "../core/customer-sheet";
import type { ArchiveCheckResult, ArchiveReadResult, BilingualText, SheetGrid } from "../core/types";
import { loadConfigFile } from "./config-file";
import { progressBar } from "./progress";
import { today } from "./today";
import { InputError } from "./xlsx/errors";
import { loadWorkbook, readWorkbookGrids, streamWorkbookGrids, worksheetGrid } from "./xlsx/read";

/** Above this size the streaming reader keeps memory flat; below it the full reader also sees merged cells. */
export const STREAMING_THRESHOLD_BYTES = 8 * 1024 * 1024;

export interface ArchiveInputOptions {
  sheet?: string;
  config?: string;
}

export interface ArchiveInput<C extends ArchiveConfig = ArchiveConfig> {
  file: string;
  config: C;
  sheets: SheetGrid[];
  archive: ArchiveReadResult;
  /** The whole workbook, when asked for (`withWorkbook`), to write a copy with Rapport's own columns and sheets. */
  workbook?: ExcelJS.Workbook;
}

/** Large archives take seconds to read: show rows read so far (the row count is unknown until the end). */
async function streamWithProgress(file: string): Promise<SheetGrid[]> {
  const bar = progressBar("读取 Reading", 0, "rows");
  try {
    return await streamWorkbookGrids(file, (rows) => bar.update(rows));
  } finally {
    bar.stop();
  }
}

/**
 * Reads a workbook file, picks its customer sheet and parses it; unusable input becomes an InputError.
 * `schema` extends the archive config with a feature's own sections (e.g. `grading`, `schedule`).
 */
export async function readArchiveInput<S extends z.ZodType<ArchiveConfig, z.ZodTypeDef, unknown>>(
  file: string,
  options: ArchiveInputOptions & { withWorkbook?: boolean; schema?: S },
): Promise<ArchiveInput<z.output<S>>> {
  const { config, sheets, workbook } = await loadInput(file, options);
  const result = readCustomerSheet(sheets, sheetOptions(options, config));
  if (!result.ok) throw noCustomerSheet(file, result.message);
  return { file, config, sheets, archive: result.archive, workbook };
}

/** Reads a workbook file and checks its customer sheet as `readArchiveInput` reads it, keeping no records. */
export async function checkArchiveInput(file: string, options: ArchiveInputOptions): Promise<ArchiveCheckResult> {
  const { config, sheets } = await loadInput(file, options);
  const result = checkCustomerSheet(sheets, sheetOptions(options, config));
  if (!result.ok) throw noCustomerSheet(file, result.message);
  return result.archive;
}

async function loadInput<S extends z.ZodType<ArchiveConfig, z.ZodTypeDef, unknown>>(
  file: string,
  options: ArchiveInputOptions & { withWorkbook?: boolean; schema?: S },
): Promise<{ config: z.output<S>; sheets: SheetGrid[]; workbook?: ExcelJS.Workbook }> {
  const config = await loadConfigFile(options.config, options.schema ?? archiveConfigSchema);
  let size = 0;
  try {
    size = (await stat(file)).size;
  } catch {
    // checkWorkbookFile, called by every reader, reports the missing file.
  }
  if (options.withWorkbook) {
    const workbook = await loadWorkbook(file);
    return { config, sheets: workbook.worksheets.map(worksheetGrid), workbook };
  }
  const sheets = size > STREAMING_THRESHOLD_BYTES ? await streamWithProgress(file) : await readWorkbookGrids(file);
  return { config, sheets };
}

function sheetOptions(options: ArchiveInputOptions, config: ArchiveConfig): CustomerSheetOptions {
  return { today: today(), sheet: options.sheet ?? config.sheet, headers: config.headers };
}

function noCustomerSheet(file: string, message: BilingualText): InputError {
  const name = basename(file);
  return new InputError({ zh: `${name}：${message.zh}`, en: `${name}: ${message.en}` });
}
