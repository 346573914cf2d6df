import type ExcelJS from "exceljs";
import { stat } from "node:fs/promises";
import type { z } from "zod";
import { basename } from "node:path";
import { archiveConfigSchema, type ArchiveConfig } from "../core/config";
import { readCustomerSheet } from "../core/customer-sheet";
import type { ArchiveReadResult, SheetGrid } from "../core/types";
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
  const config = await loadConfigFile(options.config, options.schema ?? archiveConfigSchema);
  let size = 0;
  try {
    size = (await stat(file)).size;
  } catch {
    // checkWorkbookFile, called by every reader, reports the missing file.
  }
  let workbook: ExcelJS.Workbook | undefined;
  let sheets: SheetGrid[];
  if (options.withWorkbook) {
    workbook = await loadWorkbook(file);
    sheets = workbook.worksheets.map(worksheetGrid);
  } else {
    sheets = size > STREAMING_THRESHOLD_BYTES ? await streamWithProgress(file) : await readWorkbookGrids(file);
  }
  const result = readCustomerSheet(sheets, {
    today: today(),
    sheet: options.sheet ?? config.sheet,
    headers: config.headers,
  });
  if (!result.ok) {
    const name = basename(file);
    throw new InputError({ zh: `${name}：${result.message.zh}`, en: `${name}: ${result.message.en}` });
  }
  return { file, config, sheets, archive: result.archive, workbook };
}
