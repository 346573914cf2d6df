// The `schedule` section of the config file and of the 设置 sheet: every rule by name, switchable and retunable.
// Layers (defaults < 设置 sheet < config file) are validated separately, so each error names its own source,
// then merged into one complete `ScheduleSettings`.
import { z } from "zod";
import { isValidYmd } from "../calendar";
import { archiveConfigSchema } from "../config";
import { halfWidth } from "../parse/text";
import type { Grade, IsoDate } from "../types";
import { FESTIVAL_KEYS, festivalKeyFromText, type FestivalKey } from "./festivals";
import { CONTENT_CATEGORIES, type ContentCategory, type StaffMember } from "./types";

/** One message in both languages, for zod issues (the config error line shows it as given). */
const say = (zh: string, en: string) => `${zh} / ${en}`;

const GRADES = ["A", "B", "C", "D"] as const;

/** Lists may be written as one text in a cell or YAML scalar: `A,B`, `春节、国庆` or `1,3` (numbers). */
export function splitList(value: unknown): unknown {
  if (typeof value === "string") {
    return value
      .split(/[,，、;；\s]+/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => (/^-?\d+$/.test(s) ? Number(s) : s));
  }
  if (value !== null && value !== undefined && !Array.isArray(value) && typeof value !== "object") return [value];
  return value;
}

const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .number({ invalid_type_error: say("应为数字", "expected a number") })
    .int(say("应为整数", "expected a whole number"))
    .min(min, say(`不能小于 ${min}`, `must be at least ${min}`))
    .max(max, say(`不能大于 ${max}`, `must be at most ${max}`));

const bool = z.boolean({ invalid_type_error: say("应为 是 或 否（true/false）", "expected yes or no (true/false)") });

const text = z
  .string({ invalid_type_error: say("应为文字", "expected text") })
  .min(1, say("不能为空", "cannot be empty"));

/** `A`, `a`, `A级`, `A类` → `A`. */
export function gradeFromText(value: unknown): Grade | undefined {
  if (typeof value !== "string") return undefined;
  const t = halfWidth(value).toUpperCase();
  const m = /^([ABCD])\s*(级|类|等)?$/.exec(t);
  if (m) return m[1] as Grade;
  const labels: Record<string, Grade> = { 高价值: "A", 中等价值: "B", 潜在价值: "C", 低价值: "D" };
  return labels[t.replace(/客户$/, "")];
}

const grade = z.preprocess(
  (v) => gradeFromText(v) ?? v,
  z.enum(GRADES, { errorMap: () => ({ message: say("应为等级 A、B、C 或 D", "expected a grade A, B, C or D") }) }),
);

const gradeList = z.preprocess(
  splitList,
  z.array(grade, { invalid_type_error: say("应为等级列表", "expected a list of grades") }),
);

const CATEGORY_TEXT: Record<string, ContentCategory> = {
  解释: "explanation",
  宣传: "promotion",
  情感: "relationship",
  调解: "mediation",
  建议: "advice",
  指导: "guidance",
};

const category = z.preprocess(
  (v) => (typeof v === "string" ? (CATEGORY_TEXT[halfWidth(v).replace(/回访$/, "")] ?? v) : v),
  z.enum(CONTENT_CATEGORIES, {
    errorMap: () => ({
      message: say(
        "应为 解释/宣传/情感/调解/建议/指导 回访 之一",
        `expected one of ${CONTENT_CATEGORIES.join(", ")} (解释/宣传/情感/调解/建议/指导)`,
      ),
    }),
  }),
);

const festival = z.preprocess(
  (v) => (typeof v === "string" ? (festivalKeyFromText(v) ?? v) : v),
  z.enum(FESTIVAL_KEYS, {
    errorMap: () => ({
      message: say(
        "应为节日 元旦、春节、劳动节、端午、中秋、国庆 之一",
        `expected a festival: ${FESTIVAL_KEYS.join(", ")} (元旦/春节/劳动节/端午/中秋/国庆)`,
      ),
    }),
  }),
);

const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z
    .string({ invalid_type_error: say("应为日期 YYYY-MM-DD", "expected a date YYYY-MM-DD") })
    .refine(
      (s) =>
        /^\d{4}-\d{2}-\d{2}$/.test(s) && isValidYmd(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8))),
      say("应为日期 YYYY-MM-DD", "expected a date YYYY-MM-DD"),
    ),
);

/** `[from, to]` offsets, from ≤ to; `1,3` in a cell. */
const range = (min: number, max: number) =>
  z.preprocess(
    splitList,
    z
      .tuple([int(min, max), int(min, max)], {
        invalid_type_error: say("应为两个数 [起, 止]", "expected two numbers [from, to]"),
      })
      .refine(([a, b]) => a <= b, say("起点不能晚于终点", "the start cannot be after the end")),
  );

/** An object that rejects keys it does not know, naming them: a typo should not silently do nothing. */
function strict<T extends z.ZodRawShape>(shape: T) {
  return z
    .object(shape, {
      errorMap: (issue, ctx) =>
        issue.code === "unrecognized_keys"
          ? {
              message: say(
                `未知的设置项 ${issue.keys.join("、")}（可用：${Object.keys(shape).join("、")}）`,
                `unknown key ${issue.keys.join(", ")} (known: ${Object.keys(shape).join(", ")})`,
              ),
            }
          : issue.code === "invalid_type"
            ? { message: say("应为一组设置", "expected a group of settings") }
            : { message: ctx.defaultError },
    })
    .strict();
}

const base = { enabled: bool.optional(), category: category.optional() };
const cycle = { cycleMonths: int(1, 12).optional() };

const rulesSection = strict({
  install: strict({ ...base, days: range(0, 60).optional() }).optional(),
  "purchase-4-6m": strict({ ...base, months: range(0, 120).optional() }).optional(),
  "purchase-10-12m": strict({ ...base, months: range(0, 120).optional() }).optional(),
  anniversary: strict({ ...base, months: int(1, 120).optional(), days: int(0, 60).optional() }).optional(),
  periodic: strict({
    ...base,
    afterMonths: int(0, 120).optional(),
    months: strict({
      A: int(0, 120).optional(),
      B: int(0, 120).optional(),
      C: int(0, 120).optional(),
      D: int(0, 120).optional(),
    }).optional(),
  }).optional(),
  complaint: strict({ ...base }).optional(),
  proposal: strict({ ...base }).optional(),
  "repair-dispatch": strict({ ...base }).optional(),
  "repair-overdue": strict({ ...base }).optional(),
  "repair-followup": strict({ ...base, days: range(0, 60).optional() }).optional(),
  "low-satisfaction": strict({ ...base, ...cycle, below: int(1, 101).optional() }).optional(),
  dormant: strict({ ...base, ...cycle, days: int(1, 3650).optional() }).optional(),
  random: strict({
    ...base,
    ...cycle,
    size: int(0, 1_000_000).optional(),
    seed: int(0, 2 ** 31 - 1).optional(),
    categories: z.preprocess(splitList, z.array(text)).optional(),
  }).optional(),
  holiday: strict({
    ...base,
    festivals: z.preprocess(splitList, z.array(festival)).optional(),
    leadDays: int(1, 60).optional(),
    call: gradeList.optional(),
    gift: gradeList.optional(),
    card: gradeList.optional(),
  }).optional(),
  birthday: strict({ ...base, leadDays: int(0, 30).optional(), grades: gradeList.optional() }).optional(),
});

const staffMember = strict({
  name: text,
  phone: z.union([text, z.number().transform(String)]).optional(),
  active: bool.optional(),
  dailyCap: int(0, 10_000).nullable().optional(),
  leave: z.array(strict({ from: isoDate, to: isoDate })).optional(),
});

/** The `schedule` section as written: every key optional; `resolveScheduleSettings` fills in the defaults. */
export const scheduleSectionSchema = strict({
  defaultGrade: grade.optional(),
  company: text.optional(),
  script: text.optional(),
  scriptNoContact: text.optional(),
  includeLost: bool.optional(),
  dailyCap: int(1, 10_000).optional(),
  catchUpDays: int(0, 366).optional(),
  staff: z.array(staffMember).optional(),
  rules: rulesSection.optional(),
});

export type ScheduleSection = z.infer<typeof scheduleSectionSchema>;

/** The archive config with the scheduler's own section, for `readArchiveInput(…, { schema })`. */
export const scheduleConfigSchema = archiveConfigSchema.extend({ schedule: scheduleSectionSchema.optional() });

export type ScheduleConfig = z.infer<typeof scheduleConfigSchema>;

interface RuleBase {
  enabled: boolean;
  category: ContentCategory;
}

/** Every setting with its value: what the rules read. */
export interface ScheduleSettings {
  /** The grade of customers with none (no 客户等级 and no computed grade). */
  defaultGrade: Grade;
  /** The company's name in the opening script (`{company}`). */
  company: string;
  /** The opening script; `{contact}`, `{customer}`, `{company}`, `{owner}` are filled in. */
  script: string;
  /** The opening script when the row names no contact person. */
  scriptNoContact: string;
  /** Lost customers (已流失) get no calls unless this is set. */
  includeLost: boolean;
  /** Calls a day per person when the staff list gives no 每日上限. */
  dailyCap: number;
  /** One-off callbacks missed before the period are still planned if their window closed less than this many days before it. */
  catchUpDays: number;
  /** Staff from the config file; `undefined` reads the 人员 sheet. */
  staff?: StaffMember[];
  rules: {
    install: RuleBase & { days: [number, number] };
    "purchase-4-6m": RuleBase & { months: [number, number] };
    "purchase-10-12m": RuleBase & { months: [number, number] };
    anniversary: RuleBase & { months: number; days: number };
    periodic: RuleBase & { afterMonths: number; months: Record<Grade, number> };
    complaint: RuleBase;
    proposal: RuleBase;
    "repair-dispatch": RuleBase;
    "repair-overdue": RuleBase;
    "repair-followup": RuleBase & { days: [number, number] };
    "low-satisfaction": RuleBase & { cycleMonths: number; below: number };
    dormant: RuleBase & { cycleMonths: number; days: number };
    random: RuleBase & { cycleMonths: number; size: number; seed: number; categories: string[] };
    holiday: RuleBase & { festivals: FestivalKey[]; leadDays: number; call: Grade[]; gift: Grade[]; card: Grade[] };
    birthday: RuleBase & { leadDays: number; grades: Grade[] };
  };
}

export const DEFAULT_SCRIPT =
  "您好！请问是{contact}先生（女士）吗？我是{company}的客户服务员，想向您做个回访，不知您现在接电话方便吗？";

export function defaultScheduleSettings(): ScheduleSettings {
  return {
    defaultGrade: "C",
    company: "本公司",
    script: DEFAULT_SCRIPT,
    scriptNoContact: "您好！请问是{customer}吗？我是{company}的客户服务员，想向您做个回访，不知您现在接电话方便吗？",
    includeLost: false,
    dailyCap: 30,
    catchUpDays: 14,
    rules: {
      install: { enabled: true, category: "guidance", days: [1, 3] },
      "purchase-4-6m": { enabled: true, category: "explanation", months: [4, 6] },
      "purchase-10-12m": { enabled: true, category: "advice", months: [10, 12] },
      anniversary: { enabled: true, category: "explanation", months: 12, days: 7 },
      periodic: { enabled: true, category: "promotion", afterMonths: 12, months: { A: 1, B: 3, C: 6, D: 12 } },
      complaint: { enabled: true, category: "mediation" },
      proposal: { enabled: true, category: "advice" },
      "repair-dispatch": { enabled: true, category: "explanation" },
      "repair-overdue": { enabled: true, category: "mediation" },
      "repair-followup": { enabled: true, category: "advice", days: [3, 5] },
      "low-satisfaction": { enabled: true, category: "mediation", cycleMonths: 1, below: 60 },
      dormant: { enabled: true, category: "relationship", cycleMonths: 1, days: 90 },
      random: { enabled: true, category: "advice", cycleMonths: 1, size: 10, seed: 2026, categories: [] },
      holiday: {
        enabled: true,
        category: "relationship",
        festivals: ["springFestival", "midAutumn", "nationalDay"],
        leadDays: 7,
        call: ["A", "B", "C"],
        gift: ["A"],
        card: ["B"],
      },
      birthday: { enabled: true, category: "relationship", leadDays: 0, grades: ["A", "B", "C", "D"] },
    },
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Objects merge key by key; lists and values replace (a list in the config is the whole list). */
function deepMerge(target: Record<string, unknown>, layer: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    const current = target[key];
    if (isPlainObject(current) && isPlainObject(value)) deepMerge(current, value);
    else target[key] = value;
  }
}

/** Defaults, then each layer in order (later wins): e.g. `resolveScheduleSettings(fromSheet, fromConfigFile)`. */
export function resolveScheduleSettings(...layers: (ScheduleSection | undefined)[]): ScheduleSettings {
  const settings = defaultScheduleSettings();
  for (const layer of layers) {
    if (!layer) continue;
    const { staff, ...rest } = layer;
    deepMerge(settings as unknown as Record<string, unknown>, rest as Record<string, unknown>);
    if (staff) {
      settings.staff = staff.map((s) => ({
        name: s.name,
        phone: s.phone,
        active: s.active ?? true,
        dailyCap: s.dailyCap ?? null,
        leave: (s.leave ?? []).map((l) => ({ from: l.from as IsoDate, to: l.to as IsoDate })),
      }));
    }
  }
  return settings;
}
