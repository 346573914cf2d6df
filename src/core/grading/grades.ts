import type { BilingualText, Grade } from "../types";

/** Best first. */
export const GRADES = ["A", "B", "C", "D"] as const satisfies readonly Grade[];

/** 客户等级 names (domain §3). */
export const GRADE_NAMES: Readonly<Record<Grade, BilingualText>> = {
  A: { zh: "高价值", en: "high value" },
  B: { zh: "中等价值", en: "medium value" },
  C: { zh: "潜在价值", en: "potential value" },
  D: { zh: "低价值", en: "low value" },
};

const RANK: Readonly<Record<Grade, number>> = { A: 0, B: 1, C: 2, D: 3 };

export function gradeRank(grade: Grade): number {
  return RANK[grade];
}

export function worseGrade(a: Grade, b: Grade): Grade {
  return RANK[a] >= RANK[b] ? a : b;
}

export function betterGrade(a: Grade, b: Grade): Grade {
  return RANK[a] <= RANK[b] ? a : b;
}

const BY_NAME: ReadonlyMap<string, Grade> = new Map(
  GRADES.flatMap((g) => [
    [g.toLowerCase(), g],
    [GRADE_NAMES[g].zh, g],
    [GRADE_NAMES[g].en.replace(/\s/g, ""), g],
    [`${GRADE_NAMES[g].zh}客户`, g],
  ]),
);

/**
 * What a person types in 等级调整: `A`, `a`, `Ａ`, `A级`, `A类`, `A等`, `高价值`. Returns undefined for anything
 * else, so a typo is reported instead of silently changing a grade.
 */
export function parseGradeText(text: string): Grade | undefined {
  const norm = text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .toLowerCase()
    .replace(/^(?:([a-d])(?:级|类|等|级客户|类客户)?)$/, "$1");
  return BY_NAME.get(norm);
}

/** What is wrong with a 等级调整 that is not a grade; the caller says where (sheet, row, column). */
export function overrideProblem(text: string): BilingualText {
  return {
    zh: `填写的是 “${text}”，应为 A、B、C、D（也可写 A级、高价值 等）或留空`,
    en: `found "${text}", expected A, B, C or D (A级, 高价值… also work) or blank`,
  };
}
