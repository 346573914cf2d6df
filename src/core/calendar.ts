import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import type { IsoDate } from "./types";

dayjs.extend(utc);

// Plain calendar dates are computed in UTC so no machine's time zone can shift a day.

const MS_PER_DAY = 86_400_000;
/** 1899-12-30: Excel's day 0 once its 1900 leap-year bug is accounted for (serials from 61 on). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Days of each month of a common year (February of a leap year has 29). */
const MONTH_DAYS: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  // Years 100–9999 by arithmetic (text dates are read by the thousand; a Date per call was the cost). Outside them,
  // Date's own rules as before: it reads years 0–99 as 1900–1999, and its range ends in year 275760.
  if (year >= 100 && year <= 9999) {
    const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return day <= MONTH_DAYS[month - 1] + (leap ? 1 : 0);
  }
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

// Archives repeat the same few thousand days; formatting a Date is the costly part of reading one.
const serialCache = new Map<number, IsoDate>();

/** Excel serial (1900 system, fraction = time of day, ignored) → calendar date. */
export function isoFromExcelSerial(serial: number): IsoDate {
  const day = Math.floor(serial);
  let iso = serialCache.get(day);
  if (iso === undefined) {
    iso = isoFromUtcMs(EXCEL_EPOCH_MS + day * MS_PER_DAY);
    if (serialCache.size < 100_000) serialCache.set(day, iso);
  }
  return iso;
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

// Day numbers: whole days since 1970-01-01. The scheduler does its date arithmetic on these in hot loops
// (hundreds of thousands of windows), where building Date or dayjs objects would dominate the run time.
// The conversions are Howard Hinnant's civil-date algorithms: pure integer arithmetic, no time zone.

/** `YYYY-MM-DD` → days since 1970-01-01. */
export function epochDay(date: IsoDate): number {
  return epochDayFromYmd(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function epochDayFromYmd(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Days since 1970-01-01 → [year, month 1–12, day 1–31]. */
export function ymdFromEpochDay(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function isoFromEpochDay(days: number): IsoDate {
  const [y, m, d] = ymdFromEpochDay(days);
  return isoFromYmd(y, m, d);
}

export function daysInMonth(year: number, month: number): number {
  return month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Calendar months added to a day number, clamped to the month's end like `addMonths` (01-31 + 1 month = 02-28/29). */
export function addMonthsToEpochDay(days: number, months: number): number {
  const [y, m, d] = ymdFromEpochDay(days);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return epochDayFromYmd(year, month, Math.min(d, daysInMonth(year, month)));
}
