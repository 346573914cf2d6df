// Statutory holidays that get greetings (节日问候) and the days the greetings are due before them.
import { epochDayFromYmd } from "../calendar";
import { halfWidth } from "../parse/text";
import type { BilingualText } from "../types";
import type { WorkCalendar } from "./workdays";

// 清明 is a statutory holiday too, but a day for remembering the dead: no greeting calls, so it is not offered.
export const FESTIVAL_KEYS = [
  "newYear",
  "springFestival",
  "labourDay",
  "dragonBoat",
  "midAutumn",
  "nationalDay",
] as const;

export type FestivalKey = (typeof FESTIVAL_KEYS)[number];

interface FestivalSpec {
  name: BilingualText;
  aliases: string[];
  /** The festival's own day in a solar year: fixed, or a lunar date converted. */
  day(year: number, calendar: WorkCalendar): number | null;
}

const lunar = (month: number, day: number) => (year: number, calendar: WorkCalendar) =>
  calendar.lunarToSolar(year, month, day);
const solar = (month: number, day: number) => (year: number) => epochDayFromYmd(year, month, day);

export const FESTIVALS: Record<FestivalKey, FestivalSpec> = {
  newYear: { name: { zh: "元旦", en: "New Year's Day" }, aliases: ["元旦", "新年", "new year"], day: solar(1, 1) },
  springFestival: {
    name: { zh: "春节", en: "Spring Festival" },
    aliases: ["春节", "过年", "农历新年", "spring festival", "chinese new year"],
    day: lunar(1, 1),
  },
  labourDay: {
    name: { zh: "劳动节", en: "Labour Day" },
    aliases: ["劳动节", "五一", "五一劳动节", "labour day", "labor day"],
    day: solar(5, 1),
  },
  dragonBoat: {
    name: { zh: "端午节", en: "Dragon Boat Festival" },
    aliases: ["端午", "端午节", "dragon boat", "dragon boat festival"],
    day: lunar(5, 5),
  },
  midAutumn: {
    name: { zh: "中秋节", en: "Mid-Autumn Festival" },
    aliases: ["中秋", "中秋节", "mid-autumn", "mid-autumn festival", "mid autumn"],
    day: lunar(8, 15),
  },
  nationalDay: {
    name: { zh: "国庆节", en: "National Day" },
    aliases: ["国庆", "国庆节", "十一", "national day"],
    day: solar(10, 1),
  },
};

/** A festival's key from its key or Chinese/English name (`春节`, `中秋`, `springFestival`). */
export function festivalKeyFromText(text: string): FestivalKey | undefined {
  const t = halfWidth(text).toLowerCase();
  for (const key of FESTIVAL_KEYS) {
    if (key.toLowerCase() === t || FESTIVALS[key].aliases.includes(t)) return key;
  }
  return undefined;
}

/** When greetings for one or more festivals sharing a break are due. */
export interface GreetingWindow {
  festivals: FestivalKey[];
  /** The first day of the break (the festival itself when the data does not cover the year). */
  breakStart: number;
  from: number;
  to: number;
}

/**
 * The greeting windows of the given solar years: the `leadDays` before the break that holds the festival. The break
 * starts at the first of the days off running into the festival (weekends and holidays alike), so the call is made
 * while people are still at work. Festivals that share a break (国庆 and 中秋 in 2025) share one greeting.
 */
export function greetingWindows(
  festivals: readonly FestivalKey[],
  years: readonly number[],
  leadDays: number,
  calendar: WorkCalendar,
): GreetingWindow[] {
  const byStart = new Map<number, GreetingWindow>();
  for (const year of years) {
    for (const key of FESTIVAL_KEYS) {
      if (!festivals.includes(key)) continue;
      const day = FESTIVALS[key].day(year, calendar);
      if (day === null) continue;
      let start = day;
      for (let i = 0; i < 30 && !calendar.isWorkday(start - 1); i++) start--;
      const existing = byStart.get(start);
      if (existing) {
        if (!existing.festivals.includes(key)) existing.festivals.push(key);
      } else {
        byStart.set(start, { festivals: [key], breakStart: start, from: start - leadDays, to: start - 1 });
      }
    }
  }
  return [...byStart.values()].sort((a, b) => a.breakStart - b.breakStart);
}
