// What `rapport report` renders from: the archive, the grades (computed by the grading module against the
// company's standard) and the callbacks (the workbook's 回访计划 sheet with what staff recorded, or — when the
// workbook has none yet — the schedule the rules give), mapped onto the report figures' input types by
// src/core/report/sources.ts as the task pane's Make PDF maps them.
import { basename } from "node:path";
import { archiveConfigSchema } from "../core/config";
import { gradingSectionSchema } from "../core/grading/config";
import { DEFAULT_STANDARD } from "../core/grading/default-standard";
import { gradeArchive } from "../core/grading/grade-customers";
import type { GradingStandard } from "../core/grading/standard";
import { standardFromSheet } from "../core/grading/standard-sheet";
import { OWNED_SHEETS, SETTINGS_SHEETS } from "../core/owned";
import { reportSectionSchema } from "../core/report/config";
import type { ReportSources } from "../core/report/documents";
import {
  callbackRowsFromSheet,
  callbackSpan,
  gradeInfos,
  gradesByCode,
  plannedCallbackRows,
} from "../core/report/sources";
import type { CallbackRow, GradeInfo, Period } from "../core/report/types";
import {
  buildSchedule,
  readScheduleSettingsSheet,
  readScheduleSheet,
  readStaffSheet,
  resolveScheduleSettings,
  scheduleSectionSchema,
  type SheetProblem,
  type StaffMember,
} from "../core/schedule";
import type { BilingualText, SheetGrid } from "../core/types";
import { readArchiveInput, type ArchiveInput, type ArchiveInputOptions } from "./archive-input";
import { today } from "./today";
import { InputError } from "./xlsx/errors";

/** The config file as `rapport report` reads it: the archive's keys plus grading, schedule and report. */
export const reportConfigSchema = archiveConfigSchema.extend({
  grading: gradingSectionSchema.optional(),
  schedule: scheduleSectionSchema.optional(),
  report: reportSectionSchema.optional(),
});

export type ReportInput = ArchiveInput<ReturnType<typeof reportConfigSchema.parse>>;

export interface LoadedSources {
  input: ReportInput;
  sources: ReportSources;
  /** Things the reader of the PDFs should know (e.g. callbacks generated, not recorded). */
  notes: BilingualText[];
}

const sheetNamed = (sheets: readonly SheetGrid[], name: string) => sheets.find((s) => s.name.trim() === name);

function settingsError(where: string, problems: readonly SheetProblem[]): InputError {
  return new InputError({
    zh: `${where}有误：` + problems.map((p) => `${p.cell}：${p.message.zh}`).join("；"),
    en: `${where} cannot be used: ` + problems.map((p) => `${p.cell}: ${p.message.en}`).join("; "),
  });
}

/** The grading standard as `rapport grade` picks it: the config's `grading`, a 评级标准 sheet, the default. */
function standardOf(input: ReportInput): GradingStandard {
  if (input.config.grading) return input.config.grading;
  const sheet = sheetNamed(input.sheets, SETTINGS_SHEETS.standard);
  if (!sheet) return DEFAULT_STANDARD;
  const result = standardFromSheet(sheet);
  if (!result.ok) {
    const name = basename(input.file);
    throw new InputError({
      zh: `${name}：评级标准有误：` + result.problems.map((p) => `${p.where}：${p.message.zh}`).join("；"),
      en:
        `${name}: the grading standard is wrong: ` +
        result.problems.map((p) => `${p.where}: ${p.message.en}`).join("; "),
    });
  }
  return result.standard;
}

function gradesOf(input: ReportInput): Map<string, GradeInfo> {
  const standard = standardOf(input);
  const sheet = sheetNamed(input.sheets, input.archive.sheet);
  const outcome = gradeArchive(input.archive, standard, { today: today(), firstColumn: sheet?.firstColumn });
  return gradeInfos(outcome, standard);
}

/** The rules' schedule over `span`, as the CLI's `rapport schedule` would plan it (nothing recorded yet). */
function generatedRows(input: ReportInput, span: Period, grades: ReadonlyMap<string, GradeInfo>): CallbackRow[] {
  const settingsSheet = sheetNamed(input.sheets, SETTINGS_SHEETS.settings);
  const fromSheet = settingsSheet ? readScheduleSettingsSheet(settingsSheet) : { problems: [] };
  if (fromSheet.problems.length) throw settingsError(`「${SETTINGS_SHEETS.settings}」表`, fromSheet.problems);
  const settings = resolveScheduleSettings(fromSheet.section, input.config.schedule);
  let staff: StaffMember[] = settings.staff ?? [];
  const staffSheet = sheetNamed(input.sheets, SETTINGS_SHEETS.staff);
  if (!settings.staff && staffSheet) {
    const read = readStaffSheet(staffSheet);
    if (read.problems.length) throw settingsError(`「${SETTINGS_SHEETS.staff}」表`, read.problems);
    staff = read.staff;
  }
  const { entries } = buildSchedule(input.archive.records, { ...span, grades: gradesByCode(grades), staff, settings });
  return plannedCallbackRows(entries);
}

/** Reads the workbook and gathers records, grades and callbacks for the period (and the weeks after today). */
export async function loadReportSources(
  file: string,
  options: ArchiveInputOptions,
  period: Period,
): Promise<LoadedSources> {
  const input = (await readArchiveInput(file, { ...options, schema: reportConfigSchema })) as ReportInput;
  const grades = gradesOf(input);
  const notes: BilingualText[] = [];
  const scheduleGrid = sheetNamed(input.sheets, OWNED_SHEETS.schedule);
  const scheduleSheet = scheduleGrid ? readScheduleSheet(scheduleGrid) : null;
  let callbacks: CallbackRow[];
  if (scheduleSheet) {
    callbacks = callbackRowsFromSheet(scheduleSheet);
  } else {
    callbacks = generatedRows(input, callbackSpan(period, today()), grades);
    notes.push({
      zh: `工作簿中没有「${OWNED_SHEETS.schedule}」表：回访按规则生成，尚无执行记录（可先运行 rapport schedule --out）`,
      en: `the workbook has no ${OWNED_SHEETS.schedule} sheet: callbacks were planned by the rules and carry no results yet (run rapport schedule --out first)`,
    });
  }
  return {
    input,
    sources: { records: input.archive.records, grades, callbacks, today: today(), callbacksRecorded: !!scheduleSheet },
    notes,
  };
}
