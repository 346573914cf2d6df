import type { BilingualText, Grade } from "../types";
import type { GradeDecision } from "./decide";
import type { GradeResult } from "./grade-customers";
import { GRADE_NAMES } from "./grades";
import type { CriterionScore } from "./score";

const LIMIT = {
  atMost: { zh: "最高", en: "at most" },
  atLeast: { zh: "至少", en: "at least" },
} as const;

const fmt = (n: number) => n.toFixed(1);
const signed = (n: number) => (n >= 0 ? `+${fmt(n)}` : fmt(n));

function decisionText(decision: GradeDecision, score: number): BilingualText {
  switch (decision.by) {
    case "score":
      return decision.threshold === null
        ? { zh: `评分 ${fmt(score)}，低于 C 级分数线`, en: `score ${fmt(score)}, below the C threshold` }
        : { zh: `评分 ${fmt(score)} ≥ ${decision.threshold}`, en: `score ${fmt(score)} ≥ ${decision.threshold}` };
    case "rule": {
      const { rule } = decision;
      return {
        zh: `${rule.name.zh} → ${LIMIT[rule.limit].zh} ${rule.grade}（按评分 ${fmt(score)} 为 ${decision.scoreGrade}）`,
        en: `${rule.name.en} → ${LIMIT[rule.limit].en} ${rule.grade} (score ${fmt(score)} alone: ${decision.scoreGrade})`,
      };
    }
    case "override":
      return {
        zh: `等级调整为 ${decision.grade}（计算为 ${decision.computed}，评分 ${fmt(score)}）`,
        en: `grade override ${decision.grade} (computed ${decision.computed}, score ${fmt(score)})`,
      };
  }
}

function missingNote(c: CriterionScore): BilingualText {
  const how =
    c.basis === "excluded"
      ? { zh: "，未计入", en: ", left out" }
      : { zh: `，按 ${c.rating} 分计`, en: `, scored ${c.rating}` };
  if (c.value !== null)
    return {
      zh: `${c.name.zh}（“${c.value}”未列入标准${how.zh}）`,
      en: `${c.name.en} ("${c.value}" not in the standard${how.en})`,
    };
  return { zh: `${c.name.zh}（空白${how.zh}）`, en: `${c.name.en} (blank${how.en})` };
}

/**
 * One short line per language, for a cell (评级说明) or a task-pane row: the grade, what decided it, the points
 * that raised the score apart from those that lowered it, and which blanks were scored by the missing-value policy.
 */
export function explainResult(result: GradeResult): BilingualText {
  return explainGrade(result.grade, result.score, result.decision, result.breakdown);
}

function explainGrade(grade: Grade, score: number, decision: GradeDecision, breakdown: readonly CriterionScore[]) {
  const plus: CriterionScore[] = [];
  const minus: CriterionScore[] = [];
  const missing: CriterionScore[] = [];
  for (const c of breakdown) {
    // A blank that the standard scores as nothing (a blank complaint count) is not worth a word.
    if (c.basis === "excluded" || (c.basis !== "value" && c.points !== 0)) missing.push(c);
    if (c.points > 0) plus.push(c);
    else if (c.points < 0) minus.push(c);
  }
  plus.sort((a, b) => b.points - a.points);
  minus.sort((a, b) => a.points - b.points);
  const head = decisionText(decision, score);
  const zh = [`${grade} ${GRADE_NAMES[grade].zh}`, head.zh];
  const en = [`${grade} ${GRADE_NAMES[grade].en}`, head.en];
  if (plus.length) {
    zh.push("加分 " + plus.map((c) => `${c.name.zh} ${signed(c.points)}`).join("、"));
    en.push("plus " + plus.map((c) => `${c.name.en} ${signed(c.points)}`).join(", "));
  }
  if (minus.length) {
    zh.push("扣分 " + minus.map((c) => `${c.name.zh} ${signed(c.points)}`).join("、"));
    en.push("minus " + minus.map((c) => `${c.name.en} ${signed(c.points)}`).join(", "));
  }
  if (missing.length) {
    const notes = missing.map(missingNote);
    zh.push("缺失 " + notes.map((n) => n.zh).join("、"));
    en.push("missing: " + notes.map((n) => n.en).join(", "));
  }
  return { zh: zh.join("；"), en: en.join("; ") };
}
