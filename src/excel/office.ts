/// <reference types="office-js" />
// What the Office.js adapter needs to know about the Excel it runs in, and how Excel's errors reach the user.
import type { BilingualText } from "../core/types";

/**
 * API sets beyond ExcelApi 1.7 (the manifest's minimum) that Rapport uses when Excel has them, and does without
 * otherwise. Every call of a newer member is behind one of these: Excel answers an unknown one with ApiNotFound.
 */
export interface ExcelCapabilities {
  /** ExcelApi 1.18: cell notes (the finding's message on the invalid cell, Rapport's mark on its columns). */
  notes: boolean;
  /** ExcelApi 1.14: a conditional format looked up by id (`getItemOrNullObject`); else the sheet's are listed. */
  conditionalFormatById: boolean;
  /** ExcelApi 1.13: merged areas of the used range (read as the CLI reads them). */
  mergedAreas: boolean;
  /** ExcelApi 1.10: threaded comments (a 回访计划 row a person commented on is theirs, as one with a note). */
  comments: boolean;
  /** ExcelApi 1.9: one conditional format over many separate cells (`getRanges`), and `Range.copyFrom`. */
  rangeAreas: boolean;
  /** ExcelApi 1.8: the status drop-down on the 回访计划 table. */
  dataValidation: boolean;
}

export const ALL_CAPABILITIES: ExcelCapabilities = {
  notes: true,
  conditionalFormatById: true,
  mergedAreas: true,
  comments: true,
  rangeAreas: true,
  dataValidation: true,
};

/** From `Office.context.requirements.isSetSupported`. */
export function detectCapabilities(isSetSupported: (name: string, version: string) => boolean): ExcelCapabilities {
  const has = (version: string) => {
    try {
      return isSetSupported("ExcelApi", version);
    } catch {
      return false;
    }
  };
  return {
    notes: has("1.18"),
    conditionalFormatById: has("1.14"),
    mergedAreas: has("1.13"),
    comments: has("1.10"),
    rangeAreas: has("1.9"),
    dataValidation: has("1.8"),
  };
}

/** What Excel 2016 and later have, and nothing more (ExcelApi 1.7). */
export const MIN_CAPABILITIES: ExcelCapabilities = {
  notes: false,
  conditionalFormatById: false,
  mergedAreas: false,
  comments: false,
  rangeAreas: false,
  dataValidation: false,
};

export type ActionErrorCode =
  | "protected-sheet"
  | "protected-workbook"
  | "cell-edit"
  | "not-customer-sheet"
  | "not-schedule-sheet"
  | "foreign-sheet"
  | "standard-invalid"
  | "settings-invalid"
  | "too-large"
  | "busy"
  | "office"
  | "server"
  | "internal";

/** A failure the person at Excel can act on, in both languages. Never carries a stack trace to the pane. */
export class ActionError extends Error {
  constructor(
    readonly code: ActionErrorCode,
    readonly text: BilingualText,
  ) {
    super(`${text.zh} / ${text.en}`);
    this.name = "ActionError";
  }
}

export function protectedSheetError(sheet: string): ActionError {
  return new ActionError("protected-sheet", {
    zh: `工作表「${sheet}」受保护，Rapport 无法写入。请在“审阅 → 撤消工作表保护”后重试；Rapport 只写它自己的列和工作表。`,
    en: `The sheet "${sheet}" is protected, so Rapport cannot write to it. Unprotect it (Review → Unprotect Sheet) and try again; Rapport writes only its own columns and sheets.`,
  });
}

export function protectedWorkbookError(sheet: string): ActionError {
  return new ActionError("protected-workbook", {
    zh: `工作簿结构受保护，无法新建工作表「${sheet}」。请在“审阅 → 保护工作簿”中取消保护后重试。`,
    en: `The workbook's structure is protected, so the sheet "${sheet}" cannot be added. Turn off Review → Protect Workbook and try again.`,
  });
}

/** A sheet with a name Rapport writes that Rapport did not write: it is the user's, and stays as it is. */
export function foreignSheetError(sheet: string): ActionError {
  return new ActionError("foreign-sheet", {
    zh: `工作簿中已有名为「${sheet}」的工作表，且不是 Rapport 生成的；为免覆盖，请先将其改名后再试。`,
    en: `The workbook already has a sheet named "${sheet}" that Rapport did not write; rename it so it is not overwritten, then try again.`,
  });
}

/** Office.js errors carry a `code` (RichApi.Error); anything else is an internal error. */
export function officeErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** Turns any failure of an action into a message for the pane: what happened and what to do. */
export function describeActionError(error: unknown): ActionError {
  if (error instanceof ActionError) return error;
  const code = officeErrorCode(error);
  switch (code) {
    case "InvalidOperationInCellEditMode":
      return new ActionError("cell-edit", {
        zh: "Excel 正在编辑单元格。请按 Enter 或 Esc 结束编辑，然后再点一次。",
        en: "Excel is editing a cell. Press Enter or Esc to finish editing, then click again.",
      });
    case "AccessDenied":
      return new ActionError("protected-sheet", {
        zh: "Excel 拒绝了写入：工作表或工作簿受保护，或文件为只读。请取消保护或另存一份后重试。",
        en: "Excel refused the write: a sheet or the workbook is protected, or the file is read-only. Unprotect it or save a copy, then try again.",
      });
    case "RequestPayloadSizeLimitExceeded":
    case "ResponsePayloadSizeLimitExceeded":
      return new ActionError("too-large", {
        zh: "数据量超过了 Excel 网页版单次请求的上限（5 MB）。请在桌面版 Excel 中运行，或将客户表拆分后分别处理。",
        en: "The data is over Excel on the web's limit for one request (5 MB). Run this in desktop Excel, or split the customer sheet.",
      });
    case "ApiNotFound":
      return new ActionError("office", {
        zh: "此版本的 Excel 不支持 Rapport 需要的功能。请更新 Excel（需要 Excel 2016 或更新版本，或 Microsoft 365）。",
        en: "This version of Excel lacks a feature Rapport needs. Update Excel (Excel 2016 or later, or Microsoft 365).",
      });
    case "ActivityLimitReached":
    case "RequestAborted":
    case "ServiceNotAvailable":
      return new ActionError("busy", {
        zh: "Excel 暂时繁忙或连接中断，请稍后再试。",
        en: "Excel is busy or the connection dropped; try again in a moment.",
      });
    default: {
      const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
      return new ActionError(code ? "office" : "internal", {
        zh: `操作未完成：${detail}${code ? `（${code}）` : ""}`,
        en: `The action did not finish: ${detail}${code ? ` (${code})` : ""}`,
      });
    }
  }
}
