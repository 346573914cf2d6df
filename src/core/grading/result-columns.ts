import type { BilingualText, CellValue } from "../types";
import { explainResult } from "./explain";
import type { GradeResult, NotGraded } from "./grade-customers";

/** Rapport's own columns on the customer sheet, in order: written by every run, found again by their header. */
export const RESULT_COLUMNS = ["评分", "客户等级", "ABC分类", "评级说明"] as const;

/**
 * The note on Rapport's header cells. It tells people the column is rewritten on every run, and tells Rapport a
 * column headed 客户等级 is its own and not one the user keeps by hand.
 */
export const RESULT_COLUMN_NOTE: BilingualText = {
  zh: "Rapport 评级结果：每次运行 rapport grade 时重写。手动调整等级请填写“等级调整”列。",
  en: "Rapport grading result: rewritten by every rapport grade run. To set a grade by hand, use the 等级调整 column.",
};

/** The four cells of a graded customer's row. */
export function resultCells(result: GradeResult): CellValue[] {
  return [result.score, result.grade, result.abc, explainResult(result).zh];
}

/** The four cells of a row that could not be graded: its ABC class (revenue is ranked all the same) and the reason. */
export function notGradedCells(entry: NotGraded): CellValue[] {
  return [null, null, entry.abc, "未评级：" + entry.reasons.map((r) => r.message.zh).join("；")];
}
