// Names printed on the forms: the grading and schedule modules' own words, so the task pane, the workbook sheets
// and the PDFs all say the same thing.
import { GRADE_NAMES, GRADES } from "../grading/grades";
import { CATEGORY_LABELS, KIND_LABELS } from "../schedule/content";
import { CALLBACK_STATUSES, statusFromText } from "../schedule/sheet";
import type { BilingualText, Grade } from "../types";
import type { CallbackStatus } from "./types";

export { GRADES };

/** `A 类（高价值）`, as the roster and the forms print a grade. */
export const GRADE_LABELS: Readonly<Record<Grade, BilingualText>> = Object.fromEntries(
  GRADES.map((g) => [g, { zh: `${g} 类（${GRADE_NAMES[g].zh}）`, en: `${g} (${GRADE_NAMES[g].en})` }]),
) as Record<Grade, BilingualText>;

export const UNGRADED_LABEL: BilingualText = { zh: "未评级", en: "Not graded" };

export const STATUS_LABELS: Readonly<Record<CallbackStatus, BilingualText>> = CALLBACK_STATUSES;

/** A rule name's label; a kind Rapport does not know (typed by hand on the sheet) is shown as typed. */
export function kindLabel(kind: string): BilingualText {
  return (KIND_LABELS as Record<string, BilingualText>)[kind] ?? { zh: kind, en: kind };
}

export function categoryLabel(category: string | undefined): BilingualText | undefined {
  if (!category) return undefined;
  return (CATEGORY_LABELS as Record<string, BilingualText>)[category] ?? { zh: category, en: category };
}

/** 回访状态 as typed on the sheet; blank or unknown text counts as still planned. */
export function parseCallbackStatus(text: string | undefined): CallbackStatus {
  return statusFromText((text ?? "").trim()) ?? "planned";
}
