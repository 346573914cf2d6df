import { readArchive, type ArchiveOptions } from "./archive";
import { findHeaderRow } from "./header";
import { NON_ARCHIVE_SHEETS } from "./owned";
import type { ArchiveReadResult, BilingualText, SheetGrid } from "./types";

export type CustomerSheetResult = { ok: true; archive: ArchiveReadResult } | { ok: false; message: BilingualText };

export interface CustomerSheetOptions extends ArchiveOptions {
  /** The sheet to read, by name; otherwise the sheet whose header names the most archive fields. */
  sheet?: string;
}

/** Picks the customer sheet (客户状况记录表) of a workbook and reads it. */
export function readCustomerSheet(sheets: readonly SheetGrid[], options: CustomerSheetOptions): CustomerSheetResult {
  const names = sheets.map((s) => s.name).join("、");
  if (options.sheet !== undefined) {
    const sheet =
      sheets.find((s) => s.name === options.sheet) ?? sheets.find((s) => s.name.trim() === options.sheet?.trim());
    if (!sheet) {
      return {
        ok: false,
        message: {
          zh: `没有名为「${options.sheet}」的工作表；本工作簿的工作表有：${names || "（无）"}`,
          en: `there is no sheet named "${options.sheet}"; this workbook has: ${names || "(none)"}`,
        },
      };
    }
    const archive = readArchive(sheet, options);
    return archive ? { ok: true, archive } : { ok: false, message: noHeader(`「${sheet.name}」`, `"${sheet.name}"`) };
  }
  let best: { sheet: SheetGrid; score: number } | null = null;
  for (const sheet of sheets) {
    if (NON_ARCHIVE_SHEETS.has(sheet.name)) continue;
    const found = findHeaderRow(sheet.values, options);
    if (!found) continue;
    // A sheet named for customers wins a tie.
    const score = Object.keys(found.map.columns).length * 2 + (sheet.name.includes("客户") ? 1 : 0);
    if (!best || score > best.score) best = { sheet, score };
  }
  const archive = best && readArchive(best.sheet, options);
  return archive
    ? { ok: true, archive }
    : { ok: false, message: noHeader(`（${names || "无工作表"}）`, `(${names || "no sheets"})`) };
}

function noHeader(whereZh: string, whereEn: string): BilingualText {
  return {
    zh: `找不到客户表头${whereZh}：表头行应包含“客户编号”或“客户名称”，以及至少三个客户档案列，其中至少两个是档案表自己的列名（如 客户名称、联系人、联系电话、地址；“名称”“类型”“编号”这类通用列名不算）；可用 --sheet 指定工作表，或在配置文件 headers 中映射列名`,
    en: `no customer header found ${whereEn}: the header row must name the customer code or name and at least three archive columns, two of them by the customer form's own names (e.g. customer name, contact, phone, address; generic headers such as "Name", "Type" or "Code" do not count); use --sheet to pick the sheet or map headers in the config file`,
  };
}
