import { columnLetter } from "../a1";
import { FIELD_BY_KEY } from "../fields";
import type {
  ArchiveReadResult,
  BilingualText,
  CustomerRecord,
  FieldKey,
  Grade,
  IsoDate,
  ValidationIssue,
} from "../types";
import { abcClasses, type AbcClass } from "./abc";
import { compileDecider, type GradeDecision, type RuleHit } from "./decide";
import { distributionOf, type Distribution } from "./distribution";
import { overrideProblem, parseGradeText } from "./grades";
import { MEASURES, measureReader, type MeasureKey } from "./measures";
import { compileScorer, type CriterionScore } from "./score";
import type { GradingStandard } from "./standard";

export interface GradeResult {
  /** Excel row of the customer. */
  row: number;
  code: string;
  name: string;
  /** 评分, 0–100 with 1 decimal. */
  score: number;
  /** 客户等级, after hard rules and 等级调整. */
  grade: Grade;
  /** The grade before 等级调整: by score, then hard rules. */
  computed: Grade;
  /** ABC分类 by revenue; null when the revenue measure is blank. */
  abc: AbcClass | null;
  /** The ABC measure's value (月均购买额 by default), for revenue shares. */
  revenue: number | null;
  /** 等级调整: the manual grade and the computed one it replaced; null when the column is blank. */
  override: { manual: Grade; computed: Grade } | null;
  decision: GradeDecision;
  /** Every hard rule that held, whether or not it changed the grade. */
  rules: readonly RuleHit[];
  breakdown: CriterionScore[];
}

export interface NotGradedReason {
  field: FieldKey | null;
  /** The column letter the user sees, when known. */
  column: string;
  value: string;
  message: BilingualText;
}

export interface NotGraded {
  row: number;
  code: string;
  name: string;
  /** ABC分类 still: the revenue ranking takes every row whose revenue measure is usable, graded or not. */
  abc: AbcClass | null;
  reasons: NotGradedReason[];
}

export interface GradeOptions {
  /** Today's date: years as a customer and days since contact count up to it. The core never reads the clock. */
  today: IsoDate;
  /** Fields that had an error, by row (`ArchiveReadResult.unusable`): such a row is graded only if none is needed. */
  unusable?: Readonly<Record<number, readonly FieldKey[]>>;
  /** The validation findings, whose messages then say exactly what is wrong with a field a row needs. */
  issues?: readonly ValidationIssue[];
  /** Column letters of the fields, for the reasons of rows not graded. */
  columns?: Partial<Record<FieldKey, string>>;
  /** The customer sheet's name, for the reasons of rows not graded. */
  sheet?: string;
}

export interface GradingOutcome {
  results: GradeResult[];
  distribution: Distribution;
  notGraded: NotGraded[];
}

/** The archive fields a standard reads: a row with an error in one of them cannot be graded fairly. */
export function neededFields(standard: GradingStandard): FieldKey[] {
  const measures = new Set<MeasureKey>([
    ...standard.criteria.map((c) => c.measure),
    ...standard.hardRules.flatMap((r) => r.when.map((w) => w.measure)),
    standard.abc.measure,
  ]);
  const fields = new Set<FieldKey>([...measures].flatMap((m) => MEASURES[m].sources));
  fields.add("gradeOverride");
  return [...fields];
}

/** `工作表「客户档案」第 10 行 C 列（等级调整）`, as validation names a cell; parts not known are left out. */
function cellName(options: GradeOptions, row: number, field: FieldKey): BilingualText {
  const spec = FIELD_BY_KEY[field];
  const column = options.columns?.[field] ?? "";
  return {
    zh: `${options.sheet ? `工作表「${options.sheet}」` : ""}第 ${row} 行${column ? ` ${column} 列` : ""}（${spec.zh}）`,
    en: `${options.sheet ? `Sheet "${options.sheet}", ` : ""}row ${row}${column ? `, column ${column}` : ""} (${spec.en})`,
  };
}

function unusableReasons(
  record: CustomerRecord,
  bad: readonly FieldKey[],
  options: GradeOptions,
  issuesByRow: Map<number, ValidationIssue[]>,
): NotGradedReason[] {
  return [...new Set(bad)].map((field) => {
    const issue = issuesByRow.get(record.row)?.find((i) => i.field === field && i.severity === "error");
    if (issue) return { field, column: issue.column, value: issue.value, message: issue.message };
    const where = cellName(options, record.row, field);
    return {
      field,
      column: options.columns?.[field] ?? "",
      value: "",
      message: {
        zh: `${where.zh}：填写有误，评级需要该列`,
        en: `${where.en}: has an error, and grading needs it`,
      },
    };
  });
}

/** For callers that did not validate the rows (archive.ts reports a wrong 等级调整 as an error, with its cell). */
function overrideReason(record: CustomerRecord, options: GradeOptions): NotGradedReason {
  const where = cellName(options, record.row, "gradeOverride");
  const problem = overrideProblem(record.gradeOverride ?? "");
  return {
    field: "gradeOverride",
    column: options.columns?.gradeOverride ?? "",
    value: record.gradeOverride ?? "",
    message: { zh: `${where.zh}：${problem.zh}`, en: `${where.en}: ${problem.en}` },
  };
}

/**
 * Evaluates and grades customers (客户关系评估 / 客户分级) against a standard: score, grade, ABC class and the
 * points per criterion for each, the distribution, and the rows that could not be graded with the reason why.
 * Deterministic: the same records, standard and today always give the same outcome. The sentence explaining a
 * result (评级说明) is written on demand by `explainResult`, for the rows someone looks at.
 */
export function gradeCustomers(
  records: readonly CustomerRecord[],
  standard: GradingStandard,
  options: GradeOptions,
): GradingOutcome {
  const scorer = compileScorer(standard, options.today);
  const decider = compileDecider(standard, options.today);
  const readRevenue = measureReader(standard.abc.measure, options.today);
  const needed = new Set(neededFields(standard));
  const issuesByRow = new Map<number, ValidationIssue[]>();
  for (const issue of options.issues ?? []) {
    const list = issuesByRow.get(issue.row);
    if (list) list.push(issue);
    else issuesByRow.set(issue.row, [issue]);
  }

  const results: GradeResult[] = [];
  const notGraded: NotGraded[] = [];
  // ABC ranks every row whose revenue measure is usable, graded or not: leaving out a row that is not graded for
  // another field (a wrong 购买日期) would drop its revenue from the total and move every other customer's cut.
  const abcSources = MEASURES[standard.abc.measure].sources;
  const revenues: (number | undefined)[] = new Array<number | undefined>(records.length);
  const abcOf: { abc: AbcClass | null }[] = new Array<{ abc: AbcClass | null }>(records.length);
  const ungradedIndex: number[] = [];
  const unusableRows = options.unusable;
  // Most archives have no unusable field at all: then no row needs looking up.
  const anyUnusable = unusableRows !== undefined && Object.keys(unusableRows).length > 0;
  // 等级调整 holds a few words at most; each is parsed once (NFKC folding is slow).
  const manualGrades = new Map<string, Grade | null>();
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const unusable = anyUnusable ? unusableRows[record.row] : undefined;
    const usable = !unusable || !abcSources.some((f) => unusable.includes(f));
    const value = usable ? readRevenue(record) : undefined;
    revenues[i] = typeof value === "number" ? value : undefined;

    let bad: FieldKey[] | undefined;
    if (unusable) {
      const found = unusable.filter((f) => needed.has(f));
      if (found.length) bad = found;
    }
    const override = record.gradeOverride;
    let manual: Grade | undefined;
    if (override !== undefined) {
      let parsed = manualGrades.get(override);
      if (parsed === undefined) {
        parsed = parseGradeText(override) ?? null;
        if (manualGrades.size < 10_000) manualGrades.set(override, parsed);
      }
      manual = parsed ?? undefined;
    }
    let reasons = bad ? unusableReasons(record, bad, options, issuesByRow) : undefined;
    if (override !== undefined && manual === undefined && !bad?.includes("gradeOverride"))
      (reasons ??= []).push(overrideReason(record, options));
    const scored = reasons ? null : scorer.score(record);
    if (scored && scored.score === null) {
      (reasons ??= []).push({
        field: null,
        column: "",
        value: "",
        message: {
          zh: `第 ${record.row} 行：评分项目全部空白且设为不计入，无法评分`,
          en: `row ${record.row}: every scoring criterion is blank and left out, so there is no score`,
        },
      });
    }
    if (!scored || scored.score === null) {
      const entry: NotGraded = {
        row: record.row,
        code: record.code,
        name: record.name,
        abc: null,
        reasons: reasons ?? [],
      };
      notGraded.push(entry);
      abcOf[i] = entry;
      ungradedIndex.push(i);
      continue;
    }
    const score = scored.score;
    const { decision: computedDecision, hits } = decider.decide(record, score);
    const computed = computedDecision.grade;
    const decision: GradeDecision = manual ? { by: "override", grade: manual, computed } : computedDecision;
    const revenue = revenues[i];
    const result: GradeResult = {
      row: record.row,
      code: record.code,
      name: record.name,
      score,
      grade: decision.grade,
      computed,
      abc: null,
      revenue: revenue ?? null,
      override: manual ? { manual, computed } : null,
      decision,
      rules: hits,
      breakdown: scored.breakdown,
    };
    results.push(result);
    abcOf[i] = result;
  }
  const classes = abcClasses(revenues, standard.abc);
  for (let i = 0; i < classes.length; i++) abcOf[i].abc = classes[i];
  const ungraded = ungradedIndex.map((i) => ({ abc: classes[i], revenue: revenues[i] ?? null }));
  return { results, distribution: distributionOf(results, notGraded.length, ungraded), notGraded };
}

/** `gradeCustomers` on a parsed customer sheet: its unusable fields, findings and column letters. */
export function gradeArchive(
  archive: ArchiveReadResult,
  standard: GradingStandard,
  options: { today: IsoDate; firstColumn?: number },
): GradingOutcome {
  const columns: Partial<Record<FieldKey, string>> = {};
  for (const [field, index] of Object.entries(archive.header.columns) as [FieldKey, number][]) {
    columns[field] = columnLetter((options.firstColumn ?? 1) + index);
  }
  return gradeCustomers(archive.records, standard, {
    today: options.today,
    unusable: archive.unusable,
    issues: archive.issues,
    columns,
    sheet: archive.sheet,
  });
}
