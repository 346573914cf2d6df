// The grading and schedule modules' results in the report figures' terms. `rapport report` and the task pane's
// Make PDF both map through here, so a PDF says the same whichever face printed it.
import { addDays, maxDate, minDate } from "../calendar";
import { explainResult } from "../grading/explain";
import type { GradingOutcome, GradeResult } from "../grading/grade-customers";
import { MEASURES } from "../grading/measures";
import type { CriterionScore } from "../grading/score";
import type { GradingStandard } from "../grading/standard";
import type { CallbackEntry, ScheduleSheet } from "../schedule";
import type { BilingualText, Grade, IsoDate } from "../types";
import type { CallbackRow, CriterionLine, GradeInfo, Period } from "./types";

/** How far past today the record form looks for a customer's next calls. */
export const UPCOMING_DAYS = 92;

/** The days callbacks are gathered over: the period, widened to take in today and the weeks after it. */
export function callbackSpan(period: Period, today: IsoDate): Period {
  return { from: minDate(period.from, today), to: maxDate(period.to, addDays(today, UPCOMING_DAYS)) };
}

function criterionValue(c: CriterionScore, standard: GradingStandard): string {
  if (c.value === null) return "空白";
  const spec = standard.criteria.find((s) => s.id === c.criterion);
  const unit = spec ? MEASURES[spec.measure].unit.zh : "";
  return typeof c.value === "number" ? `${c.value.toLocaleString("zh-CN")}${unit}` : c.value;
}

function criterionNote(c: CriterionScore): BilingualText | undefined {
  if (c.basis === "excluded") return { zh: "空白，未计入", en: "blank, left out" };
  if (c.basis === "missing") return { zh: `空白，按 ${c.rating} 分计`, en: `blank, scored ${c.rating}` };
  if (c.basis === "unmatched")
    return { zh: `未列入标准，按 ${c.rating} 分计`, en: `not in the standard, scored ${c.rating}` };
  if (c.effect === "deduct" && c.points < 0) return { zh: "扣分项", en: "deduction" };
  return undefined;
}

/** A grading result in the report's terms: weights as shares of the add criteria, the line that explains it. */
export function gradeInfo(result: GradeResult, standard: GradingStandard): GradeInfo {
  const addWeight = standard.criteria.filter((c) => c.effect === "add").reduce((n, c) => n + c.weight, 0) || 1;
  const breakdown: CriterionLine[] = result.breakdown.map((c) => ({
    criterion: c.name,
    value: criterionValue(c, standard),
    weight: c.weight / addWeight,
    points: c.points,
    maxPoints: Math.round(((c.effect === "add" ? 1 : -1) * c.weight * 1000) / addWeight) / 10,
    deduct: c.effect !== "add",
    note: criterionNote(c),
  }));
  return {
    code: result.code,
    score: result.score,
    grade: result.grade,
    abc: result.abc ?? undefined,
    override: result.override !== null,
    rule: explainResult(result),
    breakdown,
    revenue: result.revenue ?? undefined,
  };
}

/** Every customer's grade by code, and for those the grading could not grade, its reasons. */
export function gradeInfos(outcome: GradingOutcome, standard: GradingStandard): Map<string, GradeInfo> {
  const grades = new Map(outcome.results.map((r) => [r.code, gradeInfo(r, standard)]));
  // The evaluation form says why there is no grade.
  for (const n of outcome.notGraded) {
    if (grades.has(n.code)) continue;
    grades.set(n.code, {
      code: n.code,
      abc: n.abc ?? undefined,
      breakdown: [],
      // The form joins the reasons with its own punctuation.
      notGraded: n.reasons.map((r) => ({
        zh: r.message.zh.replace(/[。.]\s*$/, ""),
        en: r.message.en.replace(/\.\s*$/, ""),
      })),
    });
  }
  return grades;
}

/** Grades alone, as the schedule's `periodic` and `holiday` rules take them. */
export function gradesByCode(grades: ReadonlyMap<string, GradeInfo>): Map<string, Grade> {
  const byGrade = new Map<string, Grade>();
  for (const [code, info] of grades) if (info.grade) byGrade.set(code, info.grade);
  return byGrade;
}

/** The 回访计划 sheet's rows with what staff recorded; rows without a date or a customer are not callbacks. */
export function callbackRowsFromSheet(sheet: ScheduleSheet): CallbackRow[] {
  const rows: CallbackRow[] = [];
  for (const r of sheet.rows) {
    if (!r.date || !r.code) continue;
    rows.push({
      code: r.code,
      name: r.name,
      date: r.date,
      kind: r.kind ?? r.kindText,
      owner: r.owner,
      category: r.category || undefined,
      purpose: r.purpose ? { zh: r.purpose, en: r.purpose } : undefined,
      contact: r.contact || undefined,
      phone: r.phone || undefined,
      status: r.status ?? "planned",
      result: r.result || undefined,
      satisfaction: r.satisfaction ?? undefined,
      actualDate: r.actualDate ?? undefined,
    });
  }
  return rows;
}

/** The rules' plan as callback rows: nothing recorded on them yet. */
export function plannedCallbackRows(entries: readonly CallbackEntry[]): CallbackRow[] {
  return entries.map((e) => ({
    code: e.code,
    name: e.name,
    date: e.date,
    kind: e.kind,
    owner: e.owner,
    category: e.category,
    purpose: e.purpose,
    contact: e.contact,
    phone: e.phone,
    status: "planned",
  }));
}
