// Grades for the schedule, as `rapport grade` computes them. Pure (no Node APIs): the task pane uses it too.
import { gradingConfigSchema, type GradingConfig, type StandardProblem } from "../core/grading/config";
import { gradeArchive } from "../core/grading/grade-customers";
import { pickStandard, type StandardSource } from "../core/grading/pick-standard";
import { gradeFromText, scheduleSectionSchema, type ScheduleWarning } from "../core/schedule";
import type { ArchiveReadResult, CustomerRecord, Grade, IsoDate, SheetGrid } from "../core/types";

/**
 * The schedule's config: the archive's, the grading standard (so one config file serves `grade` and `schedule`,
 * and grades are computed the same way), and the `schedule` section.
 */
export const scheduleCommandSchema = gradingConfigSchema.extend({ schedule: scheduleSectionSchema.optional() });

/** Headers of a grade column on the customer sheet (客户等级 copied from the 客户分级目录, or kept by hand). */
const GRADE_HEADERS = ["客户等级", "等级", "客户级别", "grade"];

/** 等级调整 if set, otherwise a 客户等级 column. */
export function sheetGrade(r: CustomerRecord): Grade | undefined {
  let grade = r.gradeOverride ? gradeFromText(r.gradeOverride) : undefined;
  for (const h of GRADE_HEADERS) {
    if (grade) break;
    const cell = r.extra[h];
    if (typeof cell === "string") grade = gradeFromText(cell);
  }
  return grade;
}

export interface ScheduleGrades {
  grades: Map<string, Grade>;
  warnings: ScheduleWarning[];
  /** The grading standard could not be used (a wrong 评级标准 sheet): grades then come from the sheet only. */
  problems: StandardProblem[];
  source: StandardSource | null;
}

/**
 * The grades the schedule uses (periodic intervals, holiday gifts), never computed by the scheduler itself: the
 * grading standard `rapport grade` uses (config `grading`, a 评级标准 sheet, or the default) applied to the
 * archive; for rows grading leaves out, the sheet's 等级调整 or 客户等级; the rest get the default grade.
 */
export function gradesForSchedule(
  archive: ArchiveReadResult,
  sheets: readonly SheetGrid[],
  config: Pick<GradingConfig, "grading">,
  today: IsoDate,
  defaultGrade: Grade = "C",
): ScheduleGrades {
  const picked = pickStandard(sheets, config.grading);
  const grades = new Map<string, Grade>();
  if (picked.ok) {
    for (const r of gradeArchive(archive, picked.standard, { today }).results) grades.set(r.code, r.grade);
  }
  let defaulted = 0;
  for (const r of archive.records) {
    if (grades.has(r.code)) continue;
    const grade = sheetGrade(r);
    if (grade) grades.set(r.code, grade);
    else defaulted++;
  }
  const warnings: ScheduleWarning[] = [];
  if (defaulted > 0) {
    warnings.push({
      code: "ungraded",
      severity: "warning",
      count: defaulted,
      message: {
        zh: `${defaulted} 个客户没有等级（无法评级，也没有 客户等级/等级调整），按默认等级 ${defaultGrade} 排期：请运行 rapport grade 查看原因`,
        en: `${defaulted} customer(s) have no grade (not gradable, no 客户等级 or 等级调整) and are planned as grade ${defaultGrade}: run rapport grade to see why`,
      },
    });
  }
  return { grades, warnings, problems: picked.ok ? [] : picked.problems, source: picked.ok ? picked.source : null };
}
