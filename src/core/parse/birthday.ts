import { daysInMonth } from "../calendar";
import type { Birthday, CellValue } from "../types";
import { isSpecificDateFailure, parseDate } from "./date";
import { fail, ok, type Parsed } from "./result";
import { halfWidth } from "./text";

const LUNAR_MONTHS: Record<string, number> = {
  正: 1,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  冬: 11,
  十一: 11,
  腊: 12,
  十二: 12,
};
const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 初一…初十, 十一…十九, 二十, 廿一…廿九, 三十 → 1–30. */
function lunarDay(text: string): number | undefined {
  if (text.startsWith("初")) return DIGITS[text.slice(1)];
  if (text === "二十") return 20;
  if (text === "三十") return 30;
  if (text.startsWith("十")) return 10 + (DIGITS[text.slice(1)] ?? NaN);
  if (text.startsWith("廿")) return 20 + (DIGITS[text.slice(1)] ?? NaN);
  return undefined;
}

const EXPECTED_ZH = "生日，如 1980-03-05、3月5日，农历写作 农历1980-03-05 或 农历三月初五";
const EXPECTED_EN = "a birthday such as 1980-03-05 or 3月5日; lunar as 农历1980-03-05 or 农历三月初五";

/**
 * Results by cell text. A sheet's birthdays repeat a few hundred texts (3月5日, 农历三月初五), so each is read once
 * and its result shared, birthday included (frozen: nobody may change one). Bounded, for sheets of all-different
 * full dates.
 */
const textResults = new Map<string, Parsed<Birthday>>();
const MAX_CACHED_TEXTS = 5_000;

/** 生日: a full date or month and day; `农历`/`阴历` anywhere marks a lunar birthday. */
export function parseBirthday(value: CellValue): Parsed<Birthday> {
  if (typeof value !== "string") return parseBirthdayCell(value);
  let parsed = textResults.get(value);
  if (parsed === undefined) {
    parsed = parseBirthdayCell(value);
    if (parsed.ok) Object.freeze(parsed.value);
    else Object.freeze(parsed.expected);
    Object.freeze(parsed);
    if (textResults.size < MAX_CACHED_TEXTS) textResults.set(value, parsed);
  }
  return parsed;
}

function parseBirthdayCell(value: CellValue): Parsed<Birthday> {
  if (typeof value === "number") {
    const date = parseDate(value);
    if (!date.ok)
      return isSpecificDateFailure(date) ? fail(date.expected.zh, date.expected.en) : fail(EXPECTED_ZH, EXPECTED_EN);
    const [y, m, d] = date.value.split("-").map(Number);
    return ok({ year: y, month: m, day: d, lunar: false });
  }
  const raw = halfWidth(String(value));
  const plain = MONTH_DAY.exec(raw);
  if (plain) return monthDay(Number(plain[1]), Number(plain[2]), false);
  const lunar = /农历|阴历|lunar/i.test(raw);
  const text = raw.replace(/[(（]?(农历|阴历|公历|阳历|新历|lunar|solar)[)）]?/gi, "").trim();
  const chinese =
    /^(闰)?(正|冬|腊|十一|十二|[一二三四五六七八九十])月(初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十|廿[一二三四五六七八九]|三十)$/.exec(
      text,
    );
  if (chinese) {
    const month = LUNAR_MONTHS[chinese[2]];
    const day = lunarDay(chinese[3]);
    if (month && day) return ok({ month, day, lunar: true });
  }
  const full = parseDate(text);
  if (full.ok) {
    const [y, m, d] = full.value.split("-").map(Number);
    return ok({ year: y, month: m, day: d, lunar });
  }
  const md = MONTH_DAY.exec(text);
  if (md) return monthDay(Number(md[1]), Number(md[2]), lunar);
  return fail(EXPECTED_ZH, EXPECTED_EN);
}

const MONTH_DAY = /^(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/;

function monthDay(month: number, day: number, lunar: boolean): Parsed<Birthday> {
  // 2000 is a leap year, so 2月29日 is accepted; lunar months have at most 30 days. (Both are whole numbers.)
  if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(2000, month) && (!lunar || day <= 30))
    return ok({ month, day, lunar });
  return fail(EXPECTED_ZH, EXPECTED_EN);
}
