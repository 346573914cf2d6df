// China's working calendar from the maintained `chinese-days` data (法定节假日 and 调休 make-up working days),
// never a hand-typed list. The scheduler works on day numbers (days since 1970-01-01, see calendar.ts).
import chineseDays from "chinese-days";
import { epochDay, epochDayFromYmd, ymdFromEpochDay } from "../calendar";

// chinese-days reads and formats dates with the machine's local clock, so a `YYYY-MM-DD` string given to it
// shifts by a day west of UTC. A local-time Date at noon names the same calendar day in every time zone.
function localNoon(day: number): Date {
  const [y, m, d] = ymdFromEpochDay(day);
  return new Date(y, m - 1, d, 12);
}

/** The years chinese-days has published holiday arrangements for (1900–2199 is all we ever look at). */
function coveredYears(): { first: number; last: number } {
  let first = 0;
  let last = 0;
  for (let y = 1990; y <= 2199; y++) {
    if (dataCovers(y)) {
      if (!first) first = y;
      last = y;
    }
  }
  return { first, last };
}

/**
 * Whether the data has a year's arrangement: 国庆 (1 October) is a statutory holiday every year, so the data
 * names it exactly when that year is in it; in a year it does not have, 1 October is just a weekday.
 */
function dataCovers(year: number): boolean {
  return chineseDays.getDayDetail(new Date(year, 9, 1, 12)).name.includes("National Day");
}

export interface WorkCalendar {
  isWorkday(day: number): boolean;
  /** The first working day on or after `day`. */
  nextWorkday(day: number): number;
  /** The last working day on or before `day`. */
  previousWorkday(day: number): number;
  /** Whether the holiday data covers the year (otherwise Monday–Friday count as working days). */
  covers(year: number): boolean;
  /** The last year the data covers. */
  lastCoveredYear(): number;
  /** Lunar month/day of a lunar year → solar day number (day 30 in a 29-day month is taken as day 29). */
  lunarToSolar(lunarYear: number, month: number, day: number): number | null;
}

/** Day numbers of 1900-01-01 and 2200-01-01: the span the calendar answers for (chinese-days' lunar range and more). */
const FIRST_DAY = epochDayFromYmd(1900, 1, 1);
const END_DAY = epochDayFromYmd(2200, 1, 1);

/**
 * A calendar that asks chinese-days once per year and remembers the answer as one byte per day (1 working,
 * 0 off, 255 not asked yet): the scheduler looks days up millions of times.
 */
export function createWorkCalendar(): WorkCalendar {
  const days = new Uint8Array(END_DAY - FIRST_DAY).fill(255);
  const covered = new Map<number, boolean>();
  const lunarMonths = new Map<number, [number, number]>();
  let range: { first: number; last: number } | null = null;

  function fillYear(year: number): void {
    const start = epochDayFromYmd(year, 1, 1);
    const end = epochDayFromYmd(year + 1, 1, 1);
    for (let d = start; d < end; d++) days[d - FIRST_DAY] = chineseDays.isWorkday(localNoon(d)) ? 1 : 0;
  }

  function isWorkday(day: number): boolean {
    if (day < FIRST_DAY || day >= END_DAY) {
      const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
      return weekday >= 1 && weekday <= 5;
    }
    let v = days[day - FIRST_DAY];
    if (v === 255) {
      fillYear(ymdFromEpochDay(day)[0]);
      v = days[day - FIRST_DAY];
    }
    return v === 1;
  }

  return {
    isWorkday,
    nextWorkday(day) {
      let d = day;
      // The longest run of days off in China is 9 (春节 2026); 60 is a safe bound against bad data.
      for (let i = 0; i < 60 && !isWorkday(d); i++) d++;
      return d;
    },
    previousWorkday(day) {
      let d = day;
      for (let i = 0; i < 60 && !isWorkday(d); i++) d--;
      return d;
    },
    covers(year) {
      let c = covered.get(year);
      if (c === undefined) {
        c = dataCovers(year);
        covered.set(year, c);
      }
      return c;
    },
    lastCoveredYear() {
      range ??= coveredYears();
      return range.last;
    },
    lunarToSolar(lunarYear, month, day) {
      // The library's own range; outside it its tables have no entry.
      if (lunarYear < 1900 || lunarYear > 2099 || month < 1 || month > 12 || day < 1 || day > 30) return null;
      // The conversion walks the lunar tables from 1900 each time: remember each month's first day and length.
      const key = lunarYear * 16 + month;
      let start = lunarMonths.get(key);
      if (!start) {
        // Asking for day 1 keeps the input a real Gregorian date (lunar 二月三十 is none), then count on.
        const first = chineseDays.getSolarDateFromLunar(new Date(lunarYear, month - 1, 1, 12)).date;
        start = [epochDay(first), chineseDays.monthDays(lunarYear, month)];
        lunarMonths.set(key, start);
      }
      return start[0] + Math.min(day, start[1]) - 1;
    },
  };
}
