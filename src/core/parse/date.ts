import { isoFromExcelSerial, isoFromYmd, isValidYmd } from "../calendar";
import type { CellValue, IsoDate } from "../types";
import { fail, ok, type Parsed } from "./result";
import { halfWidth } from "./text";

const EXPECTED_ZH = "日期，如 2024-03-05、2024/3/5、2024.03.05 或 2024年3月5日";
const EXPECTED_EN = "a date such as 2024-03-05, 2024/3/5, 2024.03.05 or 2024年3月5日";

// Year, month, day separated by - / . or 年 月 (日 optional), optionally followed by a time of day.
const YMD =
  /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** Serials Excel can show as a date: 1900-03-01 (61) to 9999-12-31. */
const MIN_SERIAL = 61;
const MAX_SERIAL = 2_958_465;

function fromParts(y: string, m: string, d: string): Parsed<IsoDate> {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (!isValidYmd(year, month, day))
    return fail(`存在的日期（${y}年${m}月${d}日不存在）`, `a real date (${y}-${m}-${d} does not exist)`);
  return ok(isoFromYmd(year, month, day));
}

function fromNumber(n: number): Parsed<IsoDate> {
  const compact = COMPACT.exec(String(n));
  if (compact) return fromParts(compact[1], compact[2], compact[3]);
  if (n >= MIN_SERIAL && n <= MAX_SERIAL) return ok(isoFromExcelSerial(n));
  return fail(EXPECTED_ZH, EXPECTED_EN);
}

/** A date cell: an Excel date (serial), or text in the forms people type. Empty cells are not dates: check first. */
export function parseDate(value: CellValue): Parsed<IsoDate> {
  if (typeof value === "number") return fromNumber(value);
  if (typeof value !== "string") return fail(EXPECTED_ZH, EXPECTED_EN);
  const text = halfWidth(value);
  const ymd = YMD.exec(text);
  if (ymd) return fromParts(ymd[1], ymd[2], ymd[3]);
  if (/^\d+(\.\d+)?$/.test(text)) return fromNumber(Number(text));
  return fail(EXPECTED_ZH, EXPECTED_EN);
}
