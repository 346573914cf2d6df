import { utcMsFromIso } from "../calendar";
import { FIELD_BY_KEY, normalizeHeader } from "../fields";
import type { BilingualText, CustomerRecord, FieldKey } from "../types";

/**
 * What a grading standard can look at: the archive's numeric and text fields, and quantities derived from its
 * dates (years as a customer, days since the last contact). A criterion, a hard rule and the ABC analysis each
 * name one measure; the measure says which archive fields it needs, so a row whose needed field is unusable is
 * left ungraded rather than graded on a guess.
 */
export type MeasureKind = "number" | "label";

export interface MeasureSpec {
  key: MeasureKey;
  kind: MeasureKind;
  name: BilingualText;
  /** Shown after a value in explanations; empty when the value speaks for itself. */
  unit: BilingualText;
  sources: readonly FieldKey[];
  /** Other names a person may type on the 评级标准 sheet (compared after `normalizeHeader`). */
  aliases: readonly string[];
}

const NUMBER_FIELDS = ["largestPurchase", "monthlyPurchase", "employees", "complaintCount", "satisfaction"] as const;
const LABEL_FIELDS = [
  "category",
  "operatingCondition",
  "loans",
  "cashFlow",
  "paymentAttitude",
  "cheques",
  "channel",
  "frequency",
  "potential",
  "mainBusiness",
  "status",
  "repairOverdue",
] as const;
const DERIVED = ["relationshipYears", "daysSinceContact", "daysSinceComplaint"] as const;

export const MEASURE_KEYS = [...NUMBER_FIELDS, ...LABEL_FIELDS, ...DERIVED] as const;
export type MeasureKey = (typeof MEASURE_KEYS)[number];

const UNITS: Partial<Record<MeasureKey, BilingualText>> = {
  largestPurchase: { zh: "元", en: " yuan" },
  monthlyPurchase: { zh: "元", en: " yuan" },
  employees: { zh: "人", en: " staff" },
  complaintCount: { zh: "次", en: "" },
  satisfaction: { zh: "分", en: "/100" },
  relationshipYears: { zh: "年", en: " years" },
  daysSinceContact: { zh: "天", en: " days" },
  daysSinceComplaint: { zh: "天", en: " days" },
};
const NO_UNIT: BilingualText = { zh: "", en: "" };

type FieldMeasureKey = (typeof NUMBER_FIELDS)[number] | (typeof LABEL_FIELDS)[number];

function fieldMeasures<K extends FieldMeasureKey>(keys: readonly K[], kind: MeasureKind): Record<K, MeasureSpec> {
  return Object.fromEntries(keys.map((key) => [key, fieldMeasure(key, kind)])) as Record<K, MeasureSpec>;
}

function fieldMeasure(key: FieldMeasureKey, kind: MeasureKind): MeasureSpec {
  const field = FIELD_BY_KEY[key];
  return {
    key,
    kind,
    name: { zh: field.zh, en: field.en },
    unit: UNITS[key] ?? NO_UNIT,
    sources: [key],
    aliases: [field.key, ...field.aliases],
  };
}

export const MEASURES: Readonly<Record<MeasureKey, MeasureSpec>> = {
  ...fieldMeasures(NUMBER_FIELDS, "number"),
  ...fieldMeasures(LABEL_FIELDS, "label"),
  relationshipYears: {
    key: "relationshipYears",
    kind: "number",
    name: { zh: "合作年限", en: "Years as a customer" },
    unit: UNITS.relationshipYears as BilingualText,
    sources: ["purchaseDate"],
    aliases: ["relationshipYears", "合作时间", "客户年限", "关系时长", "years as a customer"],
  },
  daysSinceContact: {
    key: "daysSinceContact",
    kind: "number",
    name: { zh: "距上次联系天数", en: "Days since last contact" },
    unit: UNITS.daysSinceContact as BilingualText,
    sources: ["lastContactDate"],
    aliases: ["daysSinceContact", "联系间隔", "未联系天数", "days since contact"],
  },
  daysSinceComplaint: {
    key: "daysSinceComplaint",
    kind: "number",
    name: { zh: "距上次投诉天数", en: "Days since last complaint" },
    unit: UNITS.daysSinceComplaint as BilingualText,
    sources: ["lastComplaintDate"],
    aliases: ["daysSinceComplaint", "投诉间隔", "days since complaint"],
  },
};

const BY_NAME: ReadonlyMap<string, MeasureKey> = new Map(
  MEASURE_KEYS.flatMap((key) => {
    const m = MEASURES[key];
    return [key, m.name.zh, m.name.en, ...m.aliases].map((n) => [normalizeHeader(n), key] as const);
  }),
);

/** A measure by its key, its Chinese or English name, or an alias (as typed on the 评级标准 sheet). */
export function measureByName(text: string): MeasureKey | undefined {
  return BY_NAME.get(normalizeHeader(text));
}

export type MeasureValue = number | string | undefined;
export type MeasureReader = (record: CustomerRecord) => MeasureValue;

const STATUS_LABEL = { active: "在合作", lost: "已流失" } as const;
const DAYS_PER_YEAR = 365.25;
const MS_PER_DAY = 86_400_000;

/**
 * A reader for one measure, bound to today. Dates become whole days (or years) up to today; a date after today
 * counts as today, so a mistyped future date never earns more than a date of today would.
 */
export function measureReader(key: MeasureKey, today: string): MeasureReader {
  const todayMs = utcMsFromIso(today);
  // A column holds a few thousand distinct dates at most; parsing each once keeps date arithmetic off the
  // per-customer path.
  const days = new Map<string, number>();
  const daysSince = (date: string | undefined) => {
    if (date === undefined) return undefined;
    let n = days.get(date);
    if (n === undefined) {
      n = Math.max(0, Math.round((todayMs - utcMsFromIso(date)) / MS_PER_DAY));
      if (days.size < 100_000) days.set(date, n);
    }
    return n;
  };
  switch (key) {
    case "relationshipYears":
      return (r) => {
        const d = daysSince(r.purchaseDate);
        return d === undefined ? undefined : d / DAYS_PER_YEAR;
      };
    case "daysSinceContact":
      return (r) => daysSince(r.lastContactDate);
    case "daysSinceComplaint":
      return (r) => daysSince(r.lastComplaintDate);
    case "status":
      return (r) => (r.status === undefined ? undefined : STATUS_LABEL[r.status]);
    case "repairOverdue":
      return (r) => (r.repairOverdue === undefined ? undefined : r.repairOverdue ? "是" : "否");
    default:
      return FIELD_READERS[key];
  }
}

// One function per field: a read by a fixed property name stays fast where `record[key]` would be one slow
// generic lookup shared by every criterion.
const FIELD_READERS: Record<Exclude<FieldMeasureKey, "status" | "repairOverdue">, MeasureReader> = {
  largestPurchase: (r) => r.largestPurchase,
  monthlyPurchase: (r) => r.monthlyPurchase,
  employees: (r) => r.employees,
  complaintCount: (r) => r.complaintCount,
  satisfaction: (r) => r.satisfaction,
  category: (r) => r.category,
  operatingCondition: (r) => r.operatingCondition,
  loans: (r) => r.loans,
  cashFlow: (r) => r.cashFlow,
  paymentAttitude: (r) => r.paymentAttitude,
  cheques: (r) => r.cheques,
  channel: (r) => r.channel,
  frequency: (r) => r.frequency,
  potential: (r) => r.potential,
  mainBusiness: (r) => r.mainBusiness,
};
