// Template helpers: dates (2026年11月25日), money (¥1,234.00), percentages, grade and field labels, in the
// document's locale. They return plain strings, so Handlebars escapes everything they print; only `chart` returns
// markup, and ECharts escapes the text inside its SVG. A value a helper cannot print is an error, never a guess:
// the renderer reports that customer and goes on with the others.
import type { HelperOptions } from "handlebars";
import { isValidYmd } from "../core/calendar";
import { FIELD_BY_KEY } from "../core/fields";
import { GRADE_LABELS, UNGRADED_LABEL } from "../core/report/labels";
import type { BilingualText, Birthday, FieldKey, Grade } from "../core/types";

export type Locale = "zh-CN" | "en";

/** A value the template asked to print that cannot be printed (a wrong date, text where money belongs). */
export class DataError extends Error {
  constructor(readonly text: BilingualText) {
    super(`${text.zh} / ${text.en}`);
    this.name = "DataError";
  }
}

function localeOf(options: HelperOptions | undefined): Locale {
  const data = options?.data as { locale?: Locale } | undefined;
  return data?.locale === "en" ? "en" : "zh-CN";
}

/** Handlebars passes its options object last; helpers called with fewer arguments see it earlier. */
function split(args: unknown[]): { values: unknown[]; options: HelperOptions } {
  const options = args[args.length - 1] as HelperOptions;
  return { values: args.slice(0, -1), options };
}

const blank = (v: unknown) => v === undefined || v === null || v === "";

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function formatDate(value: unknown, style: string, locale: Locale): string {
  if (blank(value)) return "";
  const m = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new DataError({ zh: `无法识别的日期「${String(value)}」`, en: `not a date: "${String(value)}"` });
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (locale === "en") {
    if (style === "short") return `${d} ${MONTHS_EN[mo - 1]}`;
    if (style === "month") return `${MONTHS_EN[mo - 1]} ${y}`;
    if (style === "numeric") return `${m[1]}-${m[2]}-${m[3]}`;
    return `${d} ${MONTHS_EN[mo - 1]} ${y}`;
  }
  if (style === "short") return `${mo}月${d}日`;
  if (style === "month") return `${y}年${mo}月`;
  if (style === "numeric") return `${m[1]}-${m[2]}-${m[3]}`;
  return `${y}年${mo}月${d}日`;
}

function toNumber(value: unknown, what: BilingualText): number | null {
  if (blank(value)) return null;
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value.replace(/,/g, "")) : NaN;
  if (!Number.isFinite(n)) {
    throw new DataError({
      zh: `${what.zh}不是数字：「${String(value)}」`,
      en: `${what.en} is not a number: "${String(value)}"`,
    });
  }
  return n;
}

const MONEY: BilingualText = { zh: "金额", en: "amount" };
const NUMBER: BilingualText = { zh: "数值", en: "value" };

export function formatMoney(value: unknown, locale: Locale, digits = 2): string {
  const n = toNumber(value, MONEY);
  if (n === null) return "";
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "CNY",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);
}

export function formatNumber(value: unknown, locale: Locale, digits = 0): string {
  const n = toNumber(value, NUMBER);
  if (n === null) return "";
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** A fraction (0.925) as a percentage (92.5%); empty for "not measured". */
export function formatPercent(value: unknown, locale: Locale, digits = 1): string {
  const n = toNumber(value, NUMBER);
  if (n === null) return "—";
  return new Intl.NumberFormat(locale, {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);
}

export function bilingual(value: unknown, locale: Locale): string {
  if (blank(value)) return "";
  if (typeof value === "object" && value !== null && "zh" in value && "en" in value) {
    const text = value as BilingualText;
    return locale === "en" ? text.en : text.zh;
  }
  return String(value);
}

function gradeLabel(value: unknown, locale: Locale): string {
  if (blank(value)) return bilingual(UNGRADED_LABEL, locale);
  const label = GRADE_LABELS[String(value) as Grade];
  if (!label) throw new DataError({ zh: `未知的客户等级「${String(value)}」`, en: `unknown grade "${String(value)}"` });
  return bilingual(label, locale);
}

const LUNAR_MONTHS = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"];
const LUNAR_DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

function lunarDay(day: number): string {
  if (day <= 10) return `初${LUNAR_DIGITS[day]}`;
  if (day < 20) return `十${LUNAR_DIGITS[day - 10]}`;
  if (day === 20) return "二十";
  if (day < 30) return `廿${LUNAR_DIGITS[day - 20]}`;
  return "三十";
}

export function formatBirthday(value: unknown, locale: Locale): string {
  if (blank(value)) return "";
  const b = value as Birthday;
  if (typeof b !== "object" || !Number.isInteger(b.month) || !Number.isInteger(b.day)) {
    throw new DataError({ zh: `无法识别的生日「${String(value)}」`, en: `not a birthday: "${String(value)}"` });
  }
  if (b.lunar) {
    const text = `农历${LUNAR_MONTHS[b.month - 1] ?? b.month}月${lunarDay(b.day)}`;
    return b.year ? `${text}（${b.year}年）` : text;
  }
  if (locale === "en") return `${b.day} ${MONTHS_EN[b.month - 1]}${b.year ? ` ${b.year}` : ""}`;
  return `${b.year ? `${b.year}年` : ""}${b.month}月${b.day}日`;
}

const SATISFACTION_WORDS: readonly [number, BilingualText][] = [
  [87.5, { zh: "非常满意", en: "very satisfied" }],
  [62.5, { zh: "满意", en: "satisfied" }],
  [37.5, { zh: "一般", en: "neutral" }],
  [12.5, { zh: "不满意", en: "dissatisfied" }],
  [-Infinity, { zh: "很不满意", en: "very dissatisfied" }],
];

/** An archive field formatted by its kind (fields.ts), as the paper form shows it. */
export function formatField(record: unknown, key: string, locale: Locale): string {
  const spec = FIELD_BY_KEY[key as FieldKey];
  if (!spec)
    throw new DataError({ zh: `模板引用了未知字段「${key}」`, en: `the template names an unknown field "${key}"` });
  const value = (record as Record<string, unknown> | undefined)?.[key];
  if (blank(value)) return "";
  switch (spec.kind) {
    case "date":
      return formatDate(value, "long", locale);
    case "money":
      return formatMoney(value, locale);
    case "count":
      return formatNumber(value, locale);
    case "satisfaction": {
      const n = toNumber(value, NUMBER) as number;
      const word = SATISFACTION_WORDS.find(([from]) => n >= from)?.[1];
      return `${formatNumber(n, locale)}（${bilingual(word, locale)}）`;
    }
    case "boolean":
      return value === true ? (locale === "en" ? "Yes" : "是") : locale === "en" ? "No" : "否";
    case "status":
      return value === "lost" ? (locale === "en" ? "Lost" : "已流失") : locale === "en" ? "Active" : "在合作";
    case "birthday":
      return formatBirthday(value, locale);
    default:
      return String(value);
  }
}

type HelperFn = (...args: unknown[]) => unknown;

/** The helpers every template can use. `chart` is added by the renderer (it needs ECharts loaded). */
export function helpers(): Record<string, HelperFn> {
  return {
    /** `{{date d}}` 2026年11月25日; `{{date d "short"}}` 11月25日; `"month"` 2026年11月; `"numeric"` 2026-11-25. */
    date: (...args) => {
      const { values, options } = split(args);
      return formatDate(values[0], typeof values[1] === "string" ? values[1] : "long", localeOf(options));
    },
    /** `{{period p}}` 2026年11月1日至2026年11月30日. */
    period: (...args) => {
      const { values, options } = split(args);
      const p = values[0] as { from?: string; to?: string } | undefined;
      if (!p) return "";
      const locale = localeOf(options);
      const joiner = locale === "en" ? " – " : "至";
      return `${formatDate(p.from, "long", locale)}${joiner}${formatDate(p.to, "long", locale)}`;
    },
    money: (...args) => {
      const { values, options } = split(args);
      return formatMoney(values[0], localeOf(options), typeof values[1] === "number" ? values[1] : 2);
    },
    number: (...args) => {
      const { values, options } = split(args);
      return formatNumber(values[0], localeOf(options), typeof values[1] === "number" ? values[1] : 0);
    },
    percent: (...args) => {
      const { values, options } = split(args);
      return formatPercent(values[0], localeOf(options), typeof values[1] === "number" ? values[1] : 1);
    },
    /** `{{grade "A"}}` A 类（高价值）. */
    grade: (...args) => {
      const { values, options } = split(args);
      return gradeLabel(values[0], localeOf(options));
    },
    /** `{{t label}}`: a `{ zh, en }` text in the document's language; plain strings print as they are. */
    t: (...args) => {
      const { values, options } = split(args);
      return bilingual(values[0], localeOf(options));
    },
    /** `{{label "phone"}}` 联系电话: the field's name on the paper form. */
    label: (...args) => {
      const { values, options } = split(args);
      const spec = FIELD_BY_KEY[String(values[0]) as FieldKey];
      if (!spec)
        throw new DataError({ zh: `未知字段「${String(values[0])}」`, en: `unknown field "${String(values[0])}"` });
      return localeOf(options) === "en" ? spec.en : spec.zh;
    },
    /** `{{field customer "largestPurchase"}}` ¥12,000.00: the value formatted by the field's kind. */
    field: (...args) => {
      const { values, options } = split(args);
      return formatField(values[0], String(values[1]), localeOf(options));
    },
    birthday: (...args) => {
      const { values, options } = split(args);
      return formatBirthday(values[0], localeOf(options));
    },
    /** `{{met line.met}}` 达成 / 未达成 / 无数据. */
    met: (...args) => {
      const { values, options } = split(args);
      const en = localeOf(options) === "en";
      if (values[0] === true) return en ? "Met" : "达成";
      if (values[0] === false) return en ? "Not met" : "未达成";
      return en ? "No data" : "无数据";
    },
    eq: (...args) => {
      const { values } = split(args);
      return values[0] === values[1];
    },
    gt: (...args) => {
      const { values } = split(args);
      return Number(values[0]) > Number(values[1]);
    },
    and: (...args) => split(args).values.every(Boolean),
    or: (...args) => split(args).values.some(Boolean),
    not: (...args) => !split(args).values[0],
    /** `{{#each (chunk list 2)}}`: a list in rows of n (the last padded with null), for two-up tables. */
    chunk: (...args) => {
      const { values } = split(args);
      const list = Array.isArray(values[0]) ? (values[0] as unknown[]) : [];
      const n = Math.max(1, Number(values[1]) || 1);
      const rows: unknown[][] = [];
      for (let i = 0; i < list.length; i += n) {
        const row = list.slice(i, i + n);
        while (row.length < n) row.push(null);
        rows.push(row);
      }
      return rows;
    },
    /** `{{inc @index}}`: row numbers from 1. */
    inc: (...args) => Number(split(args).values[0]) + 1,
    /** `{{#repeat 3}}<tr>…</tr>{{/repeat}}`: blank ruled rows on a paper form. */
    repeat: (...args) => {
      const { values, options } = split(args);
      const n = Math.max(0, Math.min(200, Number(values[0]) || 0));
      let out = "";
      for (let i = 0; i < n; i++) out += options.fn(options.data?.root, { data: { ...options.data, index: i } });
      return out;
    },
  };
}
