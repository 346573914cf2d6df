// China's working calendar from the maintained `chinese-days` data (法定节假日 and 调休 make-up working days),
// never a hand-typed list. The scheduler works on day numbers (days since 1970-01-01, see calendar.ts).
import chineseDays from "chinese-days";
// The package's own data, keyed by `YYYY-MM-DD`. Its functions are no use for the holidays: the module builds its
// holiday table at load time with the machine's local clock, so west of UTC every holiday and make-up working day
// lands a day early. The date strings mean the same calendar day in every time zone.
import holidayData from "chinese-days/dist/chinese-days.json";
import { epochDay, epochDayFromYmd, ymdFromEpochDay } from "../calendar";

interface HolidayData {
  /** Days off by statutory arrangement (weekends inside a break included). */
  holidays: Record<string, string>;
  /** Make-up working days (调休): Saturdays and Sundays that are worked. */
  workdays: Record<string, string>;
}

/** The data as day numbers: 0 off, 1 worked; and the years it has an arrangement for. */
function compileData(data: HolidayData): { days: Map<number, 0 | 1>; years: Set<number> } {
  const days = new Map<number, 0 | 1>();
  const years = new Set<number>();
  for (const date of Object.keys(data.holidays)) {
    days.set(epochDay(date), 0);
    years.add(Number(date.slice(0, 4)));
  }
  for (const date of Object.keys(data.workdays)) days.set(epochDay(date), 1);
  return { days, years };
}

const DATA = compileData(holidayData as HolidayData);
const LAST_COVERED_YEAR = Math.max(...DATA.years);

/** Monday to Friday (1970-01-01, day 0, was a Thursday). */
function isWeekday(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday >= 1 && weekday <= 5;
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
 * A calendar that reads the holiday data once per year and remembers the answer as one byte per day (1 working,
 * 0 off, 255 not asked yet): the scheduler looks days up millions of times.
 */
export function createWorkCalendar(): WorkCalendar {
  const days = new Uint8Array(END_DAY - FIRST_DAY).fill(255);
  const lunarMonths = new Map<number, [number, number]>();

  function fillYear(year: number): void {
    const start = epochDayFromYmd(year, 1, 1);
    const end = epochDayFromYmd(year + 1, 1, 1);
    for (let d = start; d < end; d++) days[d - FIRST_DAY] = (DATA.days.get(d) ?? (isWeekday(d) ? 1 : 0)) as 0 | 1;
  }

  function isWorkday(day: number): boolean {
    if (day < FIRST_DAY || day >= END_DAY) return isWeekday(day);
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
      return DATA.years.has(year);
    },
    lastCoveredYear() {
      return LAST_COVERED_YEAR;
    },
    lunarToSolar(lunarYear, month, day) {
      // The library's own range; outside it its tables have no entry.
      if (lunarYear < 1900 || lunarYear > 2099 || month < 1 || month > 12 || day < 1 || day > 30) return null;
      // The conversion walks the lunar tables from 1900 each time: remember each month's first day and length.
      const key = lunarYear * 16 + month;
      let start = lunarMonths.get(key);
      if (!start) {
        // Asking for day 1 keeps the input a real Gregorian date (lunar 二月三十 is none), then count on. The
        // library reads the Date with the local clock: noon local time is that calendar day in every time zone.
        const first = chineseDays.getSolarDateFromLunar(new Date(lunarYear, month - 1, 1, 12)).date;
        start = [epochDay(first), chineseDays.monthDays(lunarYear, month)];
        lunarMonths.set(key, start);
      }
      return start[0] + Math.min(day, start[1]) - 1;
    },
  };
}
