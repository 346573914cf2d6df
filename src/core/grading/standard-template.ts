import type { CellValue } from "../types";
import { GRADE_NAMES } from "./grades";
import { MEASURES } from "./measures";
import type { Condition, Criterion, GradingStandard } from "./standard";
import {
  ABC_KEYS,
  CRITERION_COLUMNS,
  EFFECT_WORDS,
  GRADE_COLUMNS,
  LIMIT_WORDS,
  MISSING_WORDS,
  OP_WORDS,
  RULE_COLUMNS,
  RULE_WORDS,
  SECTION_WORDS,
} from "./sheet-words";

/** The rows a 评级标准 sheet needs for a standard: what `standardFromSheet` reads back as the same standard. */
export function standardToGrid(standard: GradingStandard): CellValue[][] {
  const rows: CellValue[][] = [
    ["评级标准（客户分级标准）"],
    [
      "由客户关系主管制定、客户服务经理批准；修改后重新运行 rapport grade。取值/得分：分段=从该值起得分，对照=选项得分，线性=两点之间按比例",
    ],
    [],
    [
      SECTION_WORDS.criteria[0],
      CRITERION_COLUMNS.nameEn[0],
      CRITERION_COLUMNS.id[0],
      CRITERION_COLUMNS.measure[0],
      CRITERION_COLUMNS.effect[0],
      CRITERION_COLUMNS.weight[0],
      CRITERION_COLUMNS.rule[0],
      CRITERION_COLUMNS.value[0],
      CRITERION_COLUMNS.points[0],
      CRITERION_COLUMNS.missing[0],
    ],
  ];
  for (const c of standard.criteria) rows.push(...criterionRows(c));
  rows.push([], [SECTION_WORDS.grades[0], GRADE_COLUMNS.min[0], "说明"]);
  rows.push(["A", standard.grades.A, GRADE_NAMES.A.zh]);
  rows.push(["B", standard.grades.B, GRADE_NAMES.B.zh]);
  rows.push(["C", standard.grades.C, GRADE_NAMES.C.zh]);
  rows.push(["D", "其余", GRADE_NAMES.D.zh]);
  rows.push(
    [],
    [
      SECTION_WORDS.hardRules[0],
      RULE_COLUMNS.nameEn[0],
      RULE_COLUMNS.id[0],
      RULE_COLUMNS.measure[0],
      RULE_COLUMNS.op[0],
      RULE_COLUMNS.value[0],
      RULE_COLUMNS.limit[0],
      RULE_COLUMNS.grade[0],
    ],
  );
  for (const rule of standard.hardRules) {
    rule.when.flatMap(conditionCells).forEach(([measure, op, value], i) => {
      const head = i === 0 ? [rule.name.zh, rule.name.en, rule.id] : [null, null, null];
      const limit =
        i === 0
          ? [
              rule.atMost !== undefined ? LIMIT_WORDS.atMost[0] : LIMIT_WORDS.atLeast[0],
              rule.atMost ?? rule.atLeast ?? null,
            ]
          : [];
      rows.push([...head, measure, op, value, ...limit]);
    });
  }
  rows.push([], [SECTION_WORDS.abc[0], "设置"]);
  rows.push([ABC_KEYS.measure[0], MEASURES[standard.abc.measure].name.zh]);
  rows.push([ABC_KEYS.a[0], `${standard.abc.a}%`]);
  rows.push([ABC_KEYS.b[0], `${standard.abc.b}%`]);
  return rows;
}

function criterionRows(c: Criterion): CellValue[][] {
  const rule = c.rule;
  const pairs: [CellValue, number][] =
    rule.type === "lookup"
      ? Object.entries(rule.labels)
      : rule.type === "linear"
        ? [
            [rule.from.value, rule.from.points],
            [rule.to.value, rule.to.points],
          ]
        : rule.bands.map((b) => [b.from, b.points]);
  const missing =
    c.missing === "neutral" ? MISSING_WORDS.neutral[0] : c.missing === "exclude" ? MISSING_WORDS.exclude[0] : c.missing;
  return pairs.map(([value, points], i) =>
    i === 0
      ? [
          c.name.zh,
          c.name.en,
          c.id,
          MEASURES[c.measure].name.zh,
          EFFECT_WORDS[c.effect][0],
          c.weight,
          RULE_WORDS[rule.type][0],
          value,
          points,
          missing,
        ]
      : [null, null, null, null, null, null, null, value, points],
  );
}

/** One row per test: a range (min and max) takes two rows, which the reader joins again with "and". */
function conditionCells(cond: Condition): [string, string, CellValue][] {
  const measure = MEASURES[cond.measure].name.zh;
  if (cond.labels) return [[measure, OP_WORDS.labels[0], cond.labels.join("、")]];
  const rows: [string, string, CellValue][] = [];
  if (cond.min !== undefined) rows.push([measure, OP_WORDS.min[0], cond.min]);
  if (cond.max !== undefined) rows.push([measure, OP_WORDS.max[0], cond.max]);
  return rows;
}
