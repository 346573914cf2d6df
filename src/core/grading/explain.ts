import type { BilingualText, Grade } from "../types";
import type { GradeDecision } from "./decide";
import type { GradeResult } from "./grade-customers";
import { GRADE_NAMES } from "./grades";
import { NEUTRAL_RATING, type CriterionScore } from "./score";

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

/**
 * The criteria scored by the missing-value policy: blanks grouped by how they scored (`满意度、发展潜力（空白，按 50
 * 分计）`), each unlisted label with its text.
 */
function missingNotes(missing: readonly CriterionScore[]): BilingualText {
  const how = (c: CriterionScore) =>
    c.basis === "excluded"
      ? { zh: "，未计入", en: ", left out" }
      : { zh: `，按 ${c.rating} 分计`, en: `, scored ${c.rating}` };
  const blanks = new Map<string, { how: BilingualText; names: BilingualText[] }>();
  const notes: BilingualText[] = [];
  for (const c of missing) {
    const h = how(c);
    if (c.value !== null) {
      notes.push({
        zh: `${c.name.zh}（“${c.value}”未列入标准${h.zh}）`,
        en: `${c.name.en} ("${c.value}" not in the standard${h.en})`,
      });
      continue;
    }
    const group = blanks.get(h.en) ?? { how: h, names: [] };
    group.names.push(c.name);
    blanks.set(h.en, group);
  }
  const grouped = [...blanks.values()].map(({ how: h, names }) => ({
    zh: `${names.map((n) => n.zh).join("、")}（空白${h.zh}）`,
    en: `${names.map((n) => n.en).join(", ")} (blank${h.en})`,
  }));
  const all = [...grouped, ...notes];
  return { zh: all.map((n) => n.zh).join("、"), en: all.map((n) => n.en).join(", ") };
}

/** How many criteria each side names, strongest first; the rest are counted. */
const SHOWN = 3;

interface Pull {
  name: BilingualText;
  /** Points the criterion moved the score, against a neutral customer. */
  points: number;
}

/**
 * What pulled the score up and what pulled it down, against a neutral customer: one who scores 50 (neutral) on
 * every add criterion and has no deduction, and so scores 50. An add criterion pulls by
 * `weight × (points − 50) / total add weight` — up above 50 points, down below — and a deduction by its points, so
 * the score is 50 plus every pull (before it is kept within 0–100). Criteria scored by the missing-value policy
 * are named under 缺失 only.
 */
export function scorePulls(breakdown: readonly CriterionScore[]): { up: Pull[]; down: Pull[] } {
  let addWeight = 0;
  for (const c of breakdown) if (c.effect === "add" && c.basis !== "excluded") addWeight += c.weight;
  const up: Pull[] = [];
  const down: Pull[] = [];
  for (const c of breakdown) {
    if (c.basis !== "value" || addWeight <= 0) continue;
    const raw = c.effect === "add" ? (c.weight * (c.rating - NEUTRAL_RATING)) / addWeight : c.points;
    const points = Math.round(raw * 10) / 10;
    if (points > 0) up.push({ name: c.name, points });
    else if (points < 0) down.push({ name: c.name, points });
  }
  up.sort((a, b) => b.points - a.points);
  down.sort((a, b) => a.points - b.points);
  return { up, down };
}

function pullList(pulls: readonly Pull[]): BilingualText {
  const shown = pulls.slice(0, SHOWN);
  const more = pulls.length - shown.length;
  return {
    zh: shown.map((p) => `${p.name.zh} ${signed(p.points)}`).join("、") + (more ? ` 等 ${pulls.length} 项` : ""),
    en: shown.map((p) => `${p.name.en} ${signed(p.points)}`).join(", ") + (more ? ` and ${more} more` : ""),
  };
}

/**
 * One short line per language, for a cell (评级说明) or a task-pane row: the grade, what decided it, the criteria
 * that pulled the score up apart from those that pulled it down (`scorePulls`: the strongest few of each), and
 * which blanks or unlisted labels were scored by the missing-value policy.
 */
export function explainResult(result: GradeResult): BilingualText {
  return explainGrade(result.grade, result.score, result.decision, result.breakdown);
}

function explainGrade(grade: Grade, score: number, decision: GradeDecision, breakdown: readonly CriterionScore[]) {
  // A blank that the standard scores as nothing (a blank complaint count) is not worth a word.
  const missing = breakdown.filter((c) => c.basis === "excluded" || (c.basis !== "value" && c.points !== 0));
  const { up, down } = scorePulls(breakdown);
  const head = decisionText(decision, score);
  const zh = [`${grade} ${GRADE_NAMES[grade].zh}`, head.zh];
  const en = [`${grade} ${GRADE_NAMES[grade].en}`, head.en];
  if (up.length) {
    const list = pullList(up);
    zh.push("拉高 " + list.zh);
    en.push("up: " + list.en);
  }
  if (down.length) {
    const list = pullList(down);
    zh.push("拉低 " + list.zh);
    en.push("down: " + list.en);
  }
  if (missing.length) {
    const notes = missingNotes(missing);
    zh.push("缺失 " + notes.zh);
    en.push("missing: " + notes.en);
  }
  return { zh: zh.join("；"), en: en.join("; ") };
}
