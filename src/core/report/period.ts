import { addDays, epochDay, isoFromEpochDay, weekday } from "../calendar";
import type { IsoDate } from "../types";
import type { Period } from "./types";

export function inPeriod(date: IsoDate | undefined, period: Period): boolean {
  return date !== undefined && date >= period.from && date <= period.to;
}

/** First day of the month `months` before (or after, when negative) the month holding `date`. */
function monthStart(date: IsoDate, monthsBack: number): IsoDate {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - monthsBack;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

/**
 * The period just before this one ("上期" in the plan's current situation). A period of whole calendar months
 * (2026-12-01..2026-12-31, a quarter) is preceded by as many whole months (2026-11-01..2026-11-30); any other by
 * as many days, ending the day before it starts.
 */
export function previousPeriod(period: Period): Period {
  const to = addDays(period.from, -1);
  const wholeMonths = period.from.endsWith("-01") && addDays(period.to, 1).endsWith("-01");
  if (wholeMonths) {
    const months =
      (Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4))) * 12 +
      Number(period.to.slice(5, 7)) -
      Number(period.from.slice(5, 7)) +
      1;
    return { from: monthStart(period.from, months), to };
  }
  const days = epochDay(period.to) - epochDay(period.from) + 1;
  return { from: isoFromEpochDay(epochDay(period.from) - days), to };
}

/** Monday of the week holding `date`: Chinese offices plan by Monday–Sunday weeks. */
export function weekStart(date: IsoDate): IsoDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** ISO 8601 week number (the week holding the year's first Thursday is week 1). */
export function isoWeek(date: IsoDate): { year: number; week: number } {
  const thursday = addDays(weekStart(date), 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(weekStart(`${year}-01-04`), 3);
  return { year, week: (epochDay(thursday) - epochDay(firstThursday)) / 7 + 1 };
}

export interface Bucket {
  /** Short label for a chart axis (`11/16`, `2026-11`). */
  key: string;
  from: IsoDate;
  to: IsoDate;
}

/** The period cut into Monday–Sunday weeks, the first and last clipped to the period. */
export function weeksOf(period: Period): Bucket[] {
  const buckets: Bucket[] = [];
  for (let start = weekStart(period.from); start <= period.to; start = addDays(start, 7)) {
    const from = start < period.from ? period.from : start;
    const end = addDays(start, 6);
    const to = end > period.to ? period.to : end;
    buckets.push({ key: `${Number(from.slice(5, 7))}/${Number(from.slice(8, 10))}`, from, to });
  }
  return buckets;
}

/** The period cut into calendar months, clipped to the period. */
export function monthsOf(period: Period): Bucket[] {
  const buckets: Bucket[] = [];
  let from = period.from;
  while (from <= period.to) {
    const year = Number(from.slice(0, 4));
    const month = Number(from.slice(5, 7));
    const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
    const end = addDays(next, -1);
    buckets.push({ key: from.slice(0, 7), from, to: end > period.to ? period.to : end });
    from = next;
  }
  return buckets;
}

/** Weeks for a period up to a quarter, months beyond: a trend chart stays readable either way. */
export function trendBuckets(period: Period): Bucket[] {
  return epochDay(period.to) - epochDay(period.from) <= 92 ? weeksOf(period) : monthsOf(period);
}

/** Index of the bucket holding `date`, or -1. Buckets are sorted and do not overlap. */
export function bucketIndex(buckets: readonly Bucket[], date: IsoDate): number {
  for (let i = 0; i < buckets.length; i++) if (date >= buckets[i].from && date <= buckets[i].to) return i;
  return -1;
}

/** The calendar month holding `date`. */
export function monthOf(date: IsoDate): Period {
  const [bucket] = monthsOf({ from: `${date.slice(0, 7)}-01`, to: `${date.slice(0, 7)}-31` });
  return { from: bucket.from, to: bucket.to };
}
