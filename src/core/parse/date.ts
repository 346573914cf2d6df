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
/**
 * Serials taken for dates: 1920-01-01 (7306) to 2100-12-31 (73415). Every date of a customer archive (purchases,
 * contacts, birthdays) falls in between; a number outside is a mistake Excel would happily show as a date
 * (2024 typed into a date cell shows as 1905-07-16).
 */
const MIN_SERIAL = 7306;
const MAX_SERIAL = 73415;

function fromParts(y: string, m: string, d: string): Parsed<IsoDate> {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (!isValidYmd(year, month, day))
    return fail(`存在的日期（${y}年${m}月${d}日不存在）`, `a real date (${y}-${m}-${d} does not exist)`);
  return ok(isoFromYmd(year, month, day));
}

function fromNumber(n: number): Parsed<IsoDate> {
  if (!Number.isFinite(n)) return fail(EXPECTED_ZH, EXPECTED_EN);
  const compact = COMPACT.exec(String(n));
  if (compact) return fromParts(compact[1], compact[2], compact[3]);
  if (n >= MIN_SERIAL && n <= MAX_SERIAL) return ok(isoFromExcelSerial(n));
  if (Number.isInteger(n) && n >= 1900 && n <= 2100) {
    return fail(
      `完整日期（${n} 像是年份，不是日期），如 ${n}-03-05`,
      `a full date (${n} looks like a year, not a date), such as ${n}-03-05`,
    );
  }
  if (n >= 61 && n < 2_958_466) {
    // A serial Excel could show, but not a date any customer record holds.
    const shown = isoFromExcelSerial(n);
    return fail(
      `合理的日期（数字 ${n} 在 Excel 中是 ${shown}，不像真实日期），如 2024-03-05`,
      `a plausible date (the number ${n} is ${shown} in Excel, which is not a likely date), such as 2024-03-05`,
    );
  }
  return fail(EXPECTED_ZH, EXPECTED_EN);
}

// Archives repeat the same few thousand days: their results are shared (frozen: nobody may change one).
const serialResults = new Map<number, Parsed<IsoDate>>();

function serialDate(serial: number): Parsed<IsoDate> {
  const day = Math.floor(serial);
  let parsed = serialResults.get(day);
  if (parsed === undefined) {
    parsed = Object.freeze(ok(isoFromExcelSerial(serial)));
    serialResults.set(day, parsed);
  }
  return parsed;
}

/** Whether a failed date says more than "not a date" (a year, an implausible serial, a day that does not exist). */
export function isSpecificDateFailure(parsed: Parsed<IsoDate>): boolean {
  return !parsed.ok && parsed.expected.zh !== EXPECTED_ZH;
}

/**
 * A date cell: an Excel date (serial), or text in the forms people type. A bare number that looks like a year,
 * or a serial far from any plausible date, is an error saying so. Empty cells are not dates: check first.
 */
export function parseDate(value: CellValue): Parsed<IsoDate> {
  // The common case first: a date cell (serial) in the plausible range, one shared result per day.
  if (typeof value === "number" && value >= MIN_SERIAL && value <= MAX_SERIAL) return serialDate(value);
  if (typeof value === "number") return fromNumber(value);
  if (typeof value !== "string") return fail(EXPECTED_ZH, EXPECTED_EN);
  const text = halfWidth(value);
  const ymd = YMD.exec(text);
  if (ymd) return fromParts(ymd[1], ymd[2], ymd[3]);
  if (/^\d+(\.\d+)?$/.test(text)) return fromNumber(Number(text));
  return fail(EXPECTED_ZH, EXPECTED_EN);
}
