import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { archiveConfigSchema, type ArchiveConfig } from "../core/config";
import { readCustomerSheet } from "../core/customer-sheet";
import type { ArchiveReadResult, SheetGrid } from "../core/types";
import { loadConfigFile } from "./config-file";
import { today } from "./today";
import { InputError } from "./xlsx/errors";
import { readWorkbookGrids, streamWorkbookGrids } from "./xlsx/read";

/** Above this size the streaming reader keeps memory flat; below it the full reader also sees merged cells. */
export const STREAMING_THRESHOLD_BYTES = 8 * 1024 * 1024;

export interface ArchiveInputOptions {
  sheet?: string;
  config?: string;
}

export interface ArchiveInput {
  file: string;
  config: ArchiveConfig;
  sheets: SheetGrid[];
  archive: ArchiveReadResult;
}

/** Reads a workbook file, picks its customer sheet and parses it; unusable input becomes an InputError. */
export async function readArchiveInput(file: string, options: ArchiveInputOptions): Promise<ArchiveInput> {
  const config = await loadConfigFile(options.config, archiveConfigSchema);
  let size = 0;
  try {
    size = (await stat(file)).size;
  } catch {
    // checkWorkbookFile, called by both readers, reports the missing file.
  }
  const sheets = size > STREAMING_THRESHOLD_BYTES ? await streamWorkbookGrids(file) : await readWorkbookGrids(file);
  const result = readCustomerSheet(sheets, {
    today: today(),
    sheet: options.sheet ?? config.sheet,
    headers: config.headers,
  });
  if (!result.ok) {
    const name = basename(file);
    throw new InputError({ zh: `${name}：${result.message.zh}`, en: `${name}: ${result.message.en}` });
  }
  return { file, config, sheets, archive: result.archive };
}
