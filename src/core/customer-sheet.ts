import { checkArchive, percentColumns, readArchive, type ArchiveOptions } from "./archive";
import { findHeaderRow, type HeaderOptions } from "./header";
import { NON_ARCHIVE_SHEETS } from "./owned";
import type { ArchiveCheckResult, ArchiveReadResult, BilingualText, SheetGrid } from "./types";

/** The customer sheet read (or only checked), or why no sheet could be. */
export type SheetOutcome<R> = { ok: true; archive: R } | { ok: false; message: BilingualText };
export type CustomerSheetResult = SheetOutcome<ArchiveReadResult>;

export interface CustomerSheetOptions extends ArchiveOptions {
  /** The sheet to read, by name; otherwise the sheet whose header names the most archive fields. */
  sheet?: string;
}

/** What picking the customer sheet and its header depends on (no date: nothing is parsed). */
export interface HeaderSheetOptions extends HeaderOptions {
  sheet?: string;
}

/**
 * The sheet `readCustomerSheet` reads: the one named, else the one whose header names the most archive fields (a
 * sheet named for customers wins a tie). A string: no sheet of the name given; null: no sheet has a customer header.
 */
function chooseSheet(sheets: readonly SheetGrid[], options: HeaderSheetOptions): SheetGrid | string | null {
  if (options.sheet !== undefined) {
    const sheet =
      sheets.find((s) => s.name === options.sheet) ?? sheets.find((s) => s.name.trim() === options.sheet?.trim());
    return sheet ?? options.sheet;
  }
  let best: { sheet: SheetGrid; score: number } | null = null;
  for (const sheet of sheets) {
    if (NON_ARCHIVE_SHEETS.has(sheet.name)) continue;
    const found = findHeaderRow(sheet.values, options);
    if (!found) continue;
    const score = Object.keys(found.map.columns).length * 2 + (sheet.name.includes("客户") ? 1 : 0);
    if (!best || score > best.score) best = { sheet, score };
  }
  return best?.sheet ?? null;
}

/** Picks the customer sheet (客户状况记录表) of a workbook and reads it. */
export function readCustomerSheet(sheets: readonly SheetGrid[], options: CustomerSheetOptions): CustomerSheetResult {
  return onCustomerSheet(sheets, options, readArchive);
}

/** Picks the customer sheet as `readCustomerSheet` does and checks it, keeping no records (`rapport validate`). */
export function checkCustomerSheet(
  sheets: readonly SheetGrid[],
  options: CustomerSheetOptions,
): SheetOutcome<ArchiveCheckResult> {
  return onCustomerSheet(sheets, options, checkArchive);
}

function onCustomerSheet<R>(
  sheets: readonly SheetGrid[],
  options: CustomerSheetOptions,
  read: (sheet: SheetGrid, options: ArchiveOptions) => R | null,
): SheetOutcome<R> {
  const names = sheets.map((s) => s.name).join("、");
  const sheet = chooseSheet(sheets, options);
  if (typeof sheet === "string") {
    return {
      ok: false,
      message: {
        zh: `没有名为「${sheet}」的工作表；本工作簿的工作表有：${names || "（无）"}`,
        en: `there is no sheet named "${sheet}"; this workbook has: ${names || "(none)"}`,
      },
    };
  }
  const archive = sheet && read(sheet, options);
  if (archive) return { ok: true, archive };
  return {
    ok: false,
    message:
      options.sheet !== undefined && sheet
        ? noHeader(`「${sheet.name}」`, `"${sheet.name}"`)
        : noHeader(`（${names || "无工作表"}）`, `(${names || "no sheets"})`),
  };
}

/**
 * Which sheet `readCustomerSheet` would read with these options, and where on it number formats matter (see
 * `percentColumns`): what a reader that loads number formats separately (Office.js) asks for. Null when no sheet
 * would be read.
 */
export function customerSheetPercentColumns(
  sheets: readonly SheetGrid[],
  options: HeaderSheetOptions,
): { sheet: string; from: number; columns: number[] } | null {
  const sheet = chooseSheet(sheets, options);
  if (!sheet || typeof sheet === "string") return null;
  const found = percentColumns(sheet, options);
  return found && { sheet: sheet.name, ...found };
}

function noHeader(whereZh: string, whereEn: string): BilingualText {
  return {
    zh: `找不到客户表头${whereZh}：表头行应包含“客户编号”或“客户名称”，以及至少三个客户档案列，其中至少两个是档案表自己的列名（如 客户名称、联系人、联系电话、地址；“名称”“类型”“编号”这类通用列名不算）；可用 --sheet 指定工作表，或在配置文件 headers 中映射列名`,
    en: `no customer header found ${whereEn}: the header row must name the customer code or name and at least three archive columns, two of them by the customer form's own names (e.g. customer name, contact, phone, address; generic headers such as "Name", "Type" or "Code" do not count); use --sheet to pick the sheet or map headers in the config file`,
  };
}
