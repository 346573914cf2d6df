/// <reference types="office-js" />
// What every task-pane action shares: its options, progress, picking the customer sheet, and checking before the
// first write that everything it will write can be written (so an action never stops half-way on a protection).
import {
  checkCustomerSheet,
  readCustomerSheet,
  type CustomerSheetOptions,
  type SheetOutcome,
} from "../core/customer-sheet";
import type { ArchiveCheckResult, ArchiveReadResult, BilingualText, IsoDate } from "../core/types";
import { WriteBatch } from "./batch";
import { coreMapping, withoutHeaders } from "./mapping";
import { ActionError, protectedSheetError, protectedWorkbookError, type ExcelCapabilities } from "./office";
import { sheetInfo, type WorkbookRead } from "./read";
import type { HeaderMapping } from "./state";

export type Phase = "read" | "compute" | "write" | "done";

export interface Progress {
  phase: Phase;
  /** 0–1 within the whole action. */
  share: number;
}

export interface ActionOptions {
  /** Today where the user is (the core never reads the clock). */
  today: IsoDate;
  capabilities: ExcelCapabilities;
  /** The customer sheet, as found or picked in the pane; found automatically when absent. */
  sheet?: string;
  /** The workbook's sheets as the pane last saw them: lets an action read in one round-trip. */
  knownSheets?: readonly string[];
  /**
   * Column corrections made in the pane: header text → field, or null for a header that names no field. Absent:
   * the mapping saved with the workbook.
   */
  headers?: HeaderMapping;
  onProgress?: (progress: Progress) => void;
  /** Request budget of the writes (tests and the benchmark lower or raise it). */
  budgetBytes?: number;
}

export interface ActionStats {
  /** The workbook's sheets after the action (for the next action's `knownSheets`). */
  sheets: string[];
  /** `context.sync()` round-trips of the action. */
  syncs: number;
  /** Largest request Rapport queued, by its own estimate. */
  largestRequestEstimate: number;
}

/** Progress in three stretches: reading ≈ 30 %, computing ≈ 10 %, writing the rest. */
export function progressReporter(options: ActionOptions) {
  const report = (phase: Phase, share: number) => options.onProgress?.({ phase, share: Math.min(1, share) });
  return {
    read: () => report("read", 0.05),
    readDone: () => report("read", 0.3),
    compute: () => report("compute", 0.35),
    write: (share: number) => report("write", 0.4 + 0.6 * share),
    done: () => report("done", 1),
  };
}

export function newBatch(context: Excel.RequestContext, options: ActionOptions, onShare: (share: number) => void) {
  return new WriteBatch(context, { budgetBytes: options.budgetBytes, onProgress: onShare });
}

const NOT_CUSTOMER: BilingualText = {
  zh: "这不是客户表：找不到包含“客户编号”或“客户名称”及至少三个档案列的表头行。请在上方选择客户所在的工作表，或在“列对应”中指明哪一列是什么。",
  en: "This is not a customer sheet: no header row names the customer code or name and at least three archive columns. Pick the sheet that holds the customers above, or map the columns under “Columns”.",
};

/** The mapping in effect: the pane's corrections, else those saved with the workbook. */
export function headerMapping(read: WorkbookRead, options: ActionOptions): HeaderMapping {
  return options.headers ?? read.headers;
}

/** The customer sheet of the read workbook, parsed by the core exactly as the CLI parses it. */
export function pickArchive(read: WorkbookRead, options: ActionOptions): ArchiveReadResult {
  return onCustomerSheet(read, options, readCustomerSheet);
}

/** The customer sheet of the read workbook checked as `rapport validate` checks it: findings, no records. */
export function pickArchiveCheck(read: WorkbookRead, options: ActionOptions): ArchiveCheckResult {
  return onCustomerSheet(read, options, checkCustomerSheet);
}

function onCustomerSheet<R>(
  read: WorkbookRead,
  options: ActionOptions,
  parse: (sheets: WorkbookRead["grids"], options: CustomerSheetOptions) => SheetOutcome<R>,
): R {
  const { headers, ignored } = coreMapping(headerMapping(read, options));
  const result = parse(withoutHeaders(read.grids, ignored), {
    today: options.today,
    sheet: options.sheet,
    headers,
  });
  if (!result.ok) {
    throw new ActionError("not-customer-sheet", {
      zh: `${NOT_CUSTOMER.zh}（${result.message.zh}）`,
      en: `${NOT_CUSTOMER.en} (${result.message.en})`,
    });
  }
  return result.archive;
}

/**
 * Refuses before any write when a sheet the action writes is protected, or when a sheet it must add cannot be
 * added (protected workbook structure).
 */
export function checkWritable(read: WorkbookRead, writes: readonly string[], creates: readonly string[]): void {
  for (const name of writes) {
    if (sheetInfo(read, name)?.protected) throw protectedSheetError(name);
  }
  for (const name of creates) {
    const info = sheetInfo(read, name);
    if (info?.protected) throw protectedSheetError(name);
    if (!info && read.structureProtected) throw protectedWorkbookError(name);
  }
}

/**
 * A sheet Rapport owns, emptied for rewriting (values, formats, its conditional formats and validations), or added
 * when missing. Emptying rather than deleting keeps the sheet's place and the links other sheets have to it.
 */
export async function freshOwnedSheet(batch: WriteBatch, read: WorkbookRead, name: string): Promise<Excel.Worksheet> {
  const worksheets = batch.context.workbook.worksheets;
  const existing = sheetInfo(read, name);
  let sheet: Excel.Worksheet | undefined;
  await batch.op(120, () => {
    if (existing) {
      sheet = worksheets.getItem(existing.name);
      const all = sheet.getRange();
      all.conditionalFormats.clearAll();
      all.unmerge();
      all.clear("All");
    } else {
      sheet = worksheets.add(name);
    }
  });
  return sheet as Excel.Worksheet;
}

/** Column widths in Excel's points from widths in characters (Chinese characters count double). */
export function pointsForCharacters(characters: number): number {
  return Math.round(characters * 7.5 + 5);
}

export async function headerStyle(batch: WriteBatch, range: Excel.Range): Promise<void> {
  await batch.op(80, () => {
    range.format.font.bold = true;
    range.format.fill.color = "#DEECF9";
  });
}

/** The sheet names after an action that may have added `added`. */
export function sheetsAfter(read: WorkbookRead, ...added: string[]): string[] {
  const names = read.sheets.map((s) => s.name);
  for (const name of added) if (!names.some((n) => n.trim() === name)) names.push(name);
  return names;
}
