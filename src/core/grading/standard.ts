import { z } from "zod";
import { GRADES } from "./grades";
import { MEASURE_KEYS, MEASURES, type MeasureKey } from "./measures";

// The grading standard (分级标准) is the company's, set by the supervisor and approved by the manager, so the whole
// model is data checked by this schema. Messages carry Chinese and English in one line because the config
// reader shows the same message on its Chinese and its English line.

const points = z
  .number({ invalid_type_error: "应为 0–100 的分数 / expected points from 0 to 100" })
  .min(0, "分数不能小于 0 / points cannot be below 0")
  .max(100, "分数不能大于 100 / points cannot be above 100");

const bilingual = z
  .union([z.string().min(1), z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict()])
  .transform((name) => (typeof name === "string" ? { zh: name, en: name } : name));

const measure = z.enum(MEASURE_KEYS, {
  errorMap: () => ({ message: `未知的数据项 / unknown measure; expected one of ${MEASURE_KEYS.join(", ")}` }),
});

const grade = z.enum(GRADES, {
  errorMap: () => ({ message: "等级应为 A、B、C 或 D / expected a grade A, B, C or D" }),
});

const ruleSchema = z.discriminatedUnion(
  "type",
  [
    z
      .object({
        type: z.literal("bands"),
        /** Each band: a value from `from` upwards scores `points`; below the first band, the first band's points. */
        bands: z.array(z.object({ from: z.number(), points }).strict()).min(1),
      })
      .strict(),
    z
      .object({
        type: z.literal("lookup"),
        /** Label → points; one key may list several labels: `及时、按时`. */
        labels: z.record(z.string().min(1), points),
      })
      .strict(),
    z
      .object({
        type: z.literal("linear"),
        from: z.object({ value: z.number(), points }).strict(),
        to: z.object({ value: z.number(), points }).strict(),
      })
      .strict(),
  ],
  { errorMap: () => ({ message: "规则类型应为 bands、lookup 或 linear / rule type must be bands, lookup or linear" }) },
);

const missingSchema = z.union([z.literal("neutral"), z.literal("exclude"), points], {
  errorMap: () => ({
    message: "缺失值处理应为 neutral、exclude 或 0–100 的分数 / missing must be neutral, exclude or points 0–100",
  }),
});

const id = z.string().regex(/^[A-Za-z][\w-]*$/, "编号只能用英文字母、数字、- 和 _ / ids are letters, digits, - and _");

const criterionSchema = z
  .object({
    id,
    name: bilingual.optional(),
    measure,
    /** add: raises the score (加分); deduct: lowers it (扣分), e.g. complaints. */
    effect: z.enum(["add", "deduct"]).default("add"),
    weight: z.number().min(0, "权重不能小于 0 / weight cannot be below 0"),
    rule: ruleSchema,
    /** How a blank (or a label the standard does not list) scores: neutral = 50 points, exclude = left out. */
    missing: missingSchema.default("neutral"),
  })
  .strict()
  .transform((c) => ({ ...c, name: c.name ?? MEASURES[c.measure].name }));

const conditionSchema = z
  .object({
    measure,
    /** Holds when the value is at least `min` (≥). */
    min: z.number().optional(),
    /** Holds when the value is at most `max` (≤). */
    max: z.number().optional(),
    /** Holds when the label is one of these. */
    labels: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

const hardRuleSchema = z
  .object({
    id,
    name: bilingual,
    /** Every condition must hold; a blank value never holds. */
    when: z.array(conditionSchema).min(1),
    atMost: grade.optional(),
    atLeast: grade.optional(),
  })
  .strict();

const thresholdsSchema = z
  .object({ A: points, B: points, C: points })
  .strict()
  .describe("lowest score of each grade; below C is D");

const abcSchema = z
  .object({
    measure: measure.default("monthlyPurchase"),
    /** Cumulative revenue share (%) up to which customers are A. */
    a: z.number().gt(0).lt(100).default(80),
    /** …and B; the rest are C. */
    b: z.number().gt(0).max(100).default(95),
  })
  .strict();

/** The four parts of a standard; each is checked on its own, so one part's mistakes do not hide another's. */
const PART_SCHEMAS = {
  criteria: z.array(criterionSchema).min(1, "至少需要一个评分项目 / at least one criterion is needed"),
  grades: thresholdsSchema,
  hardRules: z.array(hardRuleSchema),
  abc: abcSchema,
};

type PartKey = keyof typeof PART_SCHEMAS;
const PART_KEYS = Object.keys(PART_SCHEMAS) as PartKey[];

/** The whole standard's shape (for its types); `standardSchema` below is what checks one. */
export const standardObject = z.object(PART_SCHEMAS).strict();

export type GradingStandard = z.output<typeof standardObject>;
export type GradingStandardInput = z.input<typeof standardObject>;
export type Criterion = GradingStandard["criteria"][number];
export type Rule = Criterion["rule"];
export type HardRule = GradingStandard["hardRules"][number];
export type Condition = HardRule["when"][number];
export type Thresholds = GradingStandard["grades"];
export type AbcSettings = GradingStandard["abc"];
export type MissingPolicy = Criterion["missing"];

/** The separators allowed between labels that share their points: `及时、按时`, `及时/按时`, `及时,按时`. */
export function splitLabels(key: string): string[] {
  return key
    .split(/[、,，;；/|]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Labels as compared: full-width folded, spaces dropped, lower case. */
export function normalizeLabel(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/**
 * +1 when a larger value gives more points, -1 when fewer, 0 when the rule is flat or has no order (labels).
 * The schema keeps every numeric rule monotone, so this is the rule's only direction.
 */
export function ruleDirection(rule: Rule): number {
  if (rule.type === "lookup") return 0;
  if (rule.type === "linear") return Math.sign((rule.to.points - rule.from.points) * (rule.to.value - rule.from.value));
  return Math.sign(rule.bands[rule.bands.length - 1].points - rule.bands[0].points);
}

type Ctx = z.RefinementCtx;

function checkRule(c: Criterion, path: (string | number)[], ctx: Ctx): void {
  const kind = MEASURES[c.measure].kind;
  const rule = c.rule;
  if ((rule.type === "lookup") !== (kind === "label")) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: [...path, "rule", "type"],
      message:
        kind === "label"
          ? `${c.measure} 是文字，应使用 lookup（对照）规则 / ${c.measure} is text: use a lookup rule`
          : `${c.measure} 是数值，应使用 bands（分段）或 linear（线性）规则 / ${c.measure} is a number: use bands or linear`,
    });
    return;
  }
  if (rule.type === "bands") {
    const dir = ruleDirection(rule);
    rule.bands.forEach((band, i) => {
      if (i === 0) return;
      const prev = rule.bands[i - 1];
      if (band.from <= prev.from) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [...path, "rule", "bands", i, "from"],
          message: `分段须从小到大排列（${band.from} 不大于上一段的 ${prev.from}） / bands must rise (${band.from} is not above ${prev.from})`,
        });
      } else if ((band.points - prev.points) * dir < 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [...path, "rule", "bands", i, "points"],
          message:
            "各段分数须一路升高或一路降低，否则更好的客户可能得分更低 / band points must all rise or all fall, or a better customer could score less",
        });
      }
    });
  } else if (rule.type === "linear" && rule.from.value === rule.to.value) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: [...path, "rule", "to", "value"],
      message: "线性规则的两个取值不能相同 / the two values of a linear rule must differ",
    });
  } else if (rule.type === "lookup") {
    const seen = new Map<string, string>();
    for (const key of Object.keys(rule.labels)) {
      for (const label of splitLabels(key)) {
        const norm = normalizeLabel(label);
        const before = seen.get(norm);
        if (before !== undefined && before !== key) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [...path, "rule", "labels", key],
            message: `选项“${label}”重复出现 / the label "${label}" appears twice`,
          });
        }
        seen.set(norm, key);
      }
    }
  }
}

/** Whether higher values of a measure make a customer better, by the criteria that score it (0: unknown). */
function goodDirection(criteria: readonly Criterion[], key: MeasureKey): number {
  const dirs = new Set(
    criteria
      .filter((c) => c.measure === key && c.weight > 0)
      .map((c) => ruleDirection(c.rule) * (c.effect === "add" ? 1 : -1))
      .filter((d) => d !== 0),
  );
  return dirs.size === 1 ? [...dirs][0] : 0;
}

/** `criteria` undefined: the criteria are wrong themselves, so which side of a measure is better is not known. */
function checkHardRule(criteria: readonly Criterion[] | undefined, rule: HardRule, index: number, ctx: Ctx): void {
  const path = ["hardRules", index];
  if ((rule.atMost === undefined) === (rule.atLeast === undefined)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path,
      message:
        "每条硬性规则须写明 atMost（最高等级）或 atLeast（最低等级）之一 / each hard rule needs exactly one of atMost or atLeast",
    });
  }
  rule.when.forEach((cond, i) => {
    const where = [...path, "when", i];
    const kind = MEASURES[cond.measure].kind;
    const numeric = cond.min !== undefined || cond.max !== undefined;
    if (kind === "label" ? numeric || !cond.labels : cond.labels || !numeric) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: where,
        message:
          kind === "label"
            ? `${cond.measure} 是文字，条件应为 labels（属于） / ${cond.measure} is text: use labels`
            : `${cond.measure} 是数值，条件应为 min（≥）或 max（≤） / ${cond.measure} is a number: use min or max`,
      });
      return;
    }
    if (kind === "label" || !criteria) return;
    // A cap must sit on the worse side of a scored measure (a floor on the better side), or a customer better on
    // every field could end up with a worse grade.
    const good = goodDirection(criteria, cond.measure);
    if (good === 0) return;
    const selectsHigh = cond.min !== undefined && cond.max === undefined;
    const selectsLow = cond.max !== undefined && cond.min === undefined;
    const wantsBad = rule.atMost !== undefined;
    const ok = wantsBad ? (good > 0 ? selectsLow : selectsHigh) : good > 0 ? selectsHigh : selectsLow;
    if (!ok) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: where,
        message: wantsBad
          ? "最高等级规则须限制较差的一侧（与评分方向一致），否则更好的客户可能等级更低 / an atMost rule must select the worse values of a scored measure, or a better customer could get a worse grade"
          : "最低等级规则须选择较好的一侧（与评分方向一致） / an atLeast rule must select the better values of a scored measure",
      });
    }
  });
}

/** Criteria as read one by one: undefined where a criterion is itself wrong. `complete`: none is. */
function checkCriteria(criteria: readonly (Criterion | undefined)[], complete: boolean, ctx: Ctx): void {
  const ids = new Set<string>();
  criteria.forEach((c, i) => {
    if (!c) return;
    if (ids.has(c.id))
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["criteria", i, "id"],
        message: `评分项目编号 ${c.id} 重复 / criterion id ${c.id} is used twice`,
      });
    ids.add(c.id);
    checkRule(c, ["criteria", i], ctx);
  });
  if (!complete) return;
  const addWeight = criteria.reduce((sum, c) => sum + (c?.effect === "add" ? c.weight : 0), 0);
  if (addWeight <= 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["criteria"],
      message: "加分项目的权重之和须大于 0 / the add criteria's weights must total more than 0",
    });
  }
}

function checkGrades({ A, B, C }: Thresholds, ctx: Ctx): void {
  // The threshold out of order is named, so the message points at the cell or key to change.
  if (!(A > B && B > C)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["grades", A > B ? "C" : "B"],
      message: `等级分数线须 A > B > C（现为 ${A}、${B}、${C}） / thresholds must fall A > B > C (now ${A}, ${B}, ${C})`,
    });
  }
}

function checkAbc(abc: AbcSettings, ctx: Ctx): void {
  if (MEASURES[abc.measure].kind !== "number") {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["abc", "measure"],
      message: "ABC 分类须按金额等数值排序 / the ABC analysis needs a numeric measure such as monthlyPurchase",
    });
  }
  if (abc.a >= abc.b) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["abc", "b"],
      message: `B 类累计占比须大于 A 类（${abc.a}%） / b must be above a (${abc.a}%)`,
    });
  }
}

function checkHardRules(
  rules: readonly (HardRule | undefined)[],
  criteria: readonly Criterion[] | undefined,
  ctx: Ctx,
): void {
  const ids = new Set<string>();
  rules.forEach((rule, i) => {
    if (!rule) return;
    if (ids.has(rule.id))
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["hardRules", i, "id"],
        message: `硬性规则编号 ${rule.id} 重复 / hard rule id ${rule.id} is used twice`,
      });
    ids.add(rule.id);
    checkHardRule(criteria, rule, i, ctx);
  });
}

/** Checks that span several fields or parts of a complete standard; the paths name the key to fix. */
export function checkStandard(standard: GradingStandard, ctx: Ctx): void {
  checkCriteria(standard.criteria, true, ctx);
  checkGrades(standard.grades, ctx);
  checkAbc(standard.abc, ctx);
  checkHardRules(standard.hardRules, standard.criteria, ctx);
}

/** Each element of a list on its own: the ones with the right form, undefined for the others. */
function elements<T extends z.ZodTypeAny>(list: unknown, schema: T): (z.output<T> | undefined)[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? (parsed.data as z.output<T>) : undefined;
  });
}

/**
 * Reads a standard part by part. Every part with the right form is checked across its fields (grade order, ABC
 * shares, bands, labels, hard rules: each criterion and rule on its own), so these findings come together with the
 * type errors of the other parts instead of only once those are fixed. Parts not given are `base`'s; without a
 * base, all four are required. Returns undefined when anything is wrong (the issues are on `ctx`).
 */
export function readStandardParts(input: unknown, ctx: Ctx, base?: GradingStandard): GradingStandard | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    ctx.addIssue({
      code: z.ZodIssueCode.invalid_type,
      expected: "object",
      received: input === null ? "null" : Array.isArray(input) ? "array" : (typeof input as z.ZodParsedType),
    });
    return undefined;
  }
  const given = input as Record<string, unknown>;
  let issues = 0;
  const counted: Ctx = {
    path: ctx.path,
    addIssue: (issue) => {
      issues++;
      ctx.addIssue(issue);
    },
  };
  const unknown = Object.keys(given).filter((k) => !(PART_KEYS as string[]).includes(k));
  if (unknown.length) counted.addIssue({ code: z.ZodIssueCode.unrecognized_keys, keys: unknown });
  const parts: Partial<Record<PartKey, unknown>> = {};
  for (const key of PART_KEYS) {
    if (given[key] === undefined && base) {
      parts[key] = base[key];
      continue;
    }
    const parsed = PART_SCHEMAS[key].safeParse(given[key]);
    if (parsed.success) parts[key] = parsed.data;
    else for (const issue of parsed.error.issues) counted.addIssue({ ...issue, path: [key, ...issue.path] });
  }
  const standard = parts as Partial<GradingStandard>;
  checkCriteria(standard.criteria ?? elements(given.criteria, criterionSchema), !!standard.criteria, counted);
  if (standard.grades) checkGrades(standard.grades, counted);
  if (standard.abc) checkAbc(standard.abc, counted);
  checkHardRules(standard.hardRules ?? elements(given.hardRules, hardRuleSchema), standard.criteria, counted);
  return issues ? undefined : (standard as GradingStandard);
}

/** A whole standard, as the 评级标准 sheet gives it (merged with the default) or as stored. */
export const standardSchema = z
  .unknown()
  .transform((input, ctx): GradingStandard => readStandardParts(input, ctx) ?? z.NEVER);
