// What `rapport report` renders from: the archive, the grades (computed by the grading module against the
// company's standard) and the callbacks (the workbook's 回访计划 sheet with what staff recorded, or — when the
// workbook has none yet — the schedule the rules give). This is the one place that maps the grading and
// schedule modules' results onto the report figures' input types.
import { basename } from "node:path";
import { addDays, maxDate, minDate } from "../core/calendar";
import { archiveConfigSchema } from "../core/config";
import { gradingSectionSchema } from "../core/grading/config";
import { DEFAULT_STANDARD } from "../core/grading/default-standard";
import { explainResult } from "../core/grading/explain";
import { gradeArchive, type GradeResult } from "../core/grading/grade-customers";
import { MEASURES } from "../core/grading/measures";
import type { CriterionScore } from "../core/grading/score";
import type { GradingStandard } from "../core/grading/standard";
import { standardFromSheet } from "../core/grading/standard-sheet";
import { OWNED_SHEETS, SETTINGS_SHEETS } from "../core/owned";
import { reportSectionSchema } from "../core/report/config";
import type { ReportSources } from "../core/report/documents";
import type { CallbackRow, CriterionLine, GradeInfo, Period } from "../core/report/types";
import {
  buildSchedule,
  readScheduleSettingsSheet,
  readScheduleSheet,
  readStaffSheet,
  resolveScheduleSettings,
  scheduleSectionSchema,
  type ScheduleSheet,
  type SheetProblem,
  type StaffMember,
} from "../core/schedule";
import type { BilingualText, Grade, SheetGrid } from "../core/types";
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

function gradesOf(input: ReportInput): Map<string, GradeInfo> {
  const standard = standardOf(input);
  const sheet = sheetNamed(input.sheets, input.archive.sheet);
  const outcome = gradeArchive(input.archive, standard, { today: today(), firstColumn: sheet?.firstColumn });
  const grades = new Map(outcome.results.map((r) => [r.code, gradeInfo(r, standard)]));
  // Customers the grading could not grade keep its reasons: the evaluation form says why there is no grade.
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

function rowsFromSheet(sheet: ScheduleSheet): CallbackRow[] {
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
  const byGrade = new Map<string, Grade>();
  for (const [code, info] of grades) if (info.grade) byGrade.set(code, info.grade);
  const { entries } = buildSchedule(input.archive.records, { ...span, grades: byGrade, staff, settings });
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

/** How far ahead the record form looks for a customer's next calls. */
const UPCOMING_DAYS = 92;

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
    callbacks = rowsFromSheet(scheduleSheet);
  } else {
    const now = today();
    const span = { from: minDate(period.from, now), to: maxDate(period.to, addDays(now, UPCOMING_DAYS)) };
    callbacks = generatedRows(input, span, grades);
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
