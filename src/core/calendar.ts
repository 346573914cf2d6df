import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import type { IsoDate } from "./types";

dayjs.extend(utc);

// Plain calendar dates are computed in UTC so no machine's time zone can shift a day.

const MS_PER_DAY = 86_400_000;
/** 1899-12-30: Excel's day 0 once its 1900 leap-year bug is accounted for (serials from 61 on). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoFromYmd(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function isoFromUtcMs(ms: number): IsoDate {
  const d = new Date(ms);
  return isoFromYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function utcMsFromIso(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** Excel serial (1900 system, fraction = time of day, ignored) → calendar date. */
export function isoFromExcelSerial(serial: number): IsoDate {
  return isoFromUtcMs(EXCEL_EPOCH_MS + Math.floor(serial) * MS_PER_DAY);
}

export function excelSerialFromIso(date: IsoDate): number {
  return Math.round((utcMsFromIso(date) - EXCEL_EPOCH_MS) / MS_PER_DAY);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return isoFromUtcMs(utcMsFromIso(date) + days * MS_PER_DAY);
}

/** Calendar months, clamped to the month's end (01-31 + 1 month = 02-28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return dayjs.utc(date).add(months, "month").format("YYYY-MM-DD");
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((utcMsFromIso(b) - utcMsFromIso(a)) / MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(utcMsFromIso(date)).getUTCDay();
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
