import { normalizeHeader } from "../fields";

// The words of the 评级标准 sheet, shared by its reader and its template writer so the two cannot drift apart.
// The first word of each list is the one the template writes; the others are what people type instead.

export type Section = "criteria" | "grades" | "hardRules" | "abc";

export const SECTION_WORDS: Record<Section, readonly string[]> = {
  criteria: ["评分项目", "评估项目", "评分标准", "criteria", "criterion"],
  grades: ["等级", "客户等级", "等级分数线", "grades", "grade"],
  hardRules: ["硬性规则", "等级规则", "hard rules", "hard rule"],
  abc: ["ABC分类", "ABC分析", "abc", "abc analysis"],
};

export const CRITERION_COLUMNS = {
  // A part's header row starts with the part's name, so its first column is found by the same words.
  name: SECTION_WORDS.criteria,
  nameEn: ["英文名称", "english name"],
  id: ["编号", "id"],
  measure: ["数据", "数据项", "依据", "measure"],
  effect: ["加/扣分", "加扣分", "方向", "effect"],
  weight: ["权重", "分值", "weight"],
  rule: ["规则", "计分方式", "rule"],
  value: ["取值", "条件", "value"],
  points: ["得分", "分数", "points"],
  missing: ["缺失时", "空白时", "缺失", "missing"],
} as const;

export const GRADE_COLUMNS = {
  grade: SECTION_WORDS.grades,
  min: ["最低分", "分数线", "min", "minimum score"],
} as const;

export const RULE_COLUMNS = {
  name: SECTION_WORDS.hardRules,
  nameEn: ["英文名称", "english name"],
  id: ["编号", "id"],
  measure: ["数据", "数据项", "measure"],
  op: ["条件", "condition"],
  value: ["取值", "value"],
  limit: ["限制", "limit"],
  grade: ["等级", "grade"],
} as const;

export const ABC_KEYS = {
  measure: ["数据", "排序依据", "measure"],
  a: ["A类累计占比至", "A类", "a"],
  b: ["B类累计占比至", "B类", "b"],
} as const;

export const EFFECT_WORDS = { add: ["加分", "加", "add", "+"], deduct: ["扣分", "扣", "减分", "deduct", "-"] } as const;
export const RULE_WORDS = {
  bands: ["分段", "区间", "bands"],
  lookup: ["对照", "选项", "查表", "lookup"],
  linear: ["线性", "linear"],
} as const;
export const MISSING_WORDS = {
  neutral: ["中性", "neutral"],
  exclude: ["不计入", "排除", "不计", "exclude"],
} as const;
export const OP_WORDS = {
  min: ["≥", ">=", "至少", "不少于", "大于等于", "min"],
  max: ["≤", "<=", "至多", "不超过", "小于等于", "max"],
  labels: ["属于", "为", "是", "=", "in", "labels"],
} as const;
export const LIMIT_WORDS = {
  atMost: ["最高", "至多", "不高于", "at most", "atMost"],
  atLeast: ["最低", "至少", "不低于", "at least", "atLeast"],
} as const;

/** Which key of a word table a cell's text names, compared as headers are (spaces, width and case ignored). */
export function wordKey<K extends string>(table: Record<K, readonly string[]>, text: string): K | undefined {
  const norm = normalizeHeader(text);
  if (!norm) return undefined;
  for (const key of Object.keys(table) as K[]) {
    if (table[key].some((w) => normalizeHeader(w) === norm)) return key;
  }
  return undefined;
}

/** How the template describes each word table, for "expected one of …" messages. */
export function wordList(table: Record<string, readonly string[]>): string {
  return Object.values(table)
    .map((words) => words[0])
    .join("、");
}
