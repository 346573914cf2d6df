/// <reference types="office-js" />
// Make PDF: the data a template takes, built in the task pane from the open workbook with the same core builders
// `rapport report` uses (records, grades against the company's standard, the 回访计划 rows with what staff
// recorded — or the rules' plan when the workbook has none yet), then posted to the local server to print.
import { addDays, maxDate, minDate } from "../core/calendar";
import { gradeArchive, type GradeResult } from "../core/grading";
import { explainResult } from "../core/grading/explain";
import { MEASURES } from "../core/grading/measures";
import { pickStandard } from "../core/grading/pick-standard";
import type { CriterionScore } from "../core/grading/score";
import type { GradingStandard } from "../core/grading/standard";
import { OWNED_SHEETS, SETTINGS_SHEETS } from "../core/owned";
import {
  buildCallbacksData,
  buildCustomerPages,
  buildPlanData,
  buildReportData,
  buildRosterData,
  type ReportSources,
} from "../core/report/documents";
import type { CallbackRow, CriterionLine, DocumentInfo, GradeInfo, Period } from "../core/report/types";
import {
  buildSchedule,
  readScheduleSettingsSheet,
  readScheduleSheet,
  readStaffSheet,
  resolveScheduleSettings,
  type ScheduleSheet,
  type StaffMember,
} from "../core/schedule";
import type { BilingualText, Grade } from "../core/types";
import { TEMPLATES, type TemplateName } from "../render/catalog";
import { pickArchive, progressReporter, type ActionOptions } from "./common";
import { ActionError } from "./office";
import { gridOf, readWorkbook } from "./read";

/** How far ahead the record form looks for a customer's next calls (as the CLI). */
const UPCOMING_DAYS = 92;

export interface PdfRequestBody {
  template: TemplateName;
  data: unknown;
  options: { mask?: boolean; locale?: "zh-CN" | "en"; today: string };
}

export interface CollectedSources {
  sources: ReportSources;
  /** Things the reader should know (callbacks generated, not recorded). */
  notes: BilingualText[];
  sheet: string;
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

/** A grading result in the report's terms (the mapping `rapport report` makes in src/cli/report-sources.ts). */
export function gradeInfo(result: GradeResult, standard: GradingStandard): GradeInfo {
  const addWeight = standard.criteria.filter((c) => c.effect === "add").reduce((n, c) => n + c.weight, 0) || 1;
  const breakdown: CriterionLine[] = result.breakdown.map((c) => ({
    criterion: c.name,
    value: criterionValue(c, standard),
    weight: c.weight / addWeight,
    points: c.points,
    maxPoints: Math.round(((c.effect === "add" ? 1 : -1) * c.weight * 1000) / addWeight) / 10,
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

export function rowsFromSheet(sheet: ScheduleSheet): CallbackRow[] {
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

/** Reads the workbook once and gathers what every template is built from. */
export async function collectSources(
  context: Excel.RequestContext,
  options: ActionOptions,
  period: Period,
): Promise<CollectedSources> {
  const progress = progressReporter(options);
  progress.read();
  const read = await readWorkbook(context, {
    capabilities: options.capabilities,
    customerSheet: options.sheet,
    knownSheets: options.knownSheets,
    alsoRead: [SETTINGS_SHEETS.standard, OWNED_SHEETS.schedule, SETTINGS_SHEETS.staff, SETTINGS_SHEETS.settings],
  });
  progress.readDone();
  const archive = pickArchive(read, options);
  progress.compute();
  const picked = pickStandard(read.grids);
  if (!picked.ok) {
    throw new ActionError("standard-invalid", {
      zh: "评级标准表有误：" + picked.problems.map((p) => `${p.where}：${p.message.zh}`).join("；"),
      en:
        "The grading standard sheet has problems: " +
        picked.problems.map((p) => `${p.where}: ${p.message.en}`).join("; "),
    });
  }
  const grid = gridOf(read, archive.sheet);
  const outcome = gradeArchive(archive, picked.standard, { today: options.today, firstColumn: grid?.firstColumn });
  const grades = new Map(outcome.results.map((r) => [r.code, gradeInfo(r, picked.standard)]));
  const notes: BilingualText[] = [];
  const scheduleGrid = gridOf(read, OWNED_SHEETS.schedule);
  const scheduleSheet = scheduleGrid ? readScheduleSheet(scheduleGrid) : null;
  let callbacks: CallbackRow[];
  if (scheduleSheet) {
    callbacks = rowsFromSheet(scheduleSheet);
  } else {
    const settingsGrid = gridOf(read, SETTINGS_SHEETS.settings);
    const fromSheet = settingsGrid ? readScheduleSettingsSheet(settingsGrid) : { problems: [] };
    const settings = resolveScheduleSettings(fromSheet.problems.length ? undefined : fromSheet.section);
    const staffGrid = gridOf(read, SETTINGS_SHEETS.staff);
    const staffRead = staffGrid ? readStaffSheet(staffGrid) : null;
    const staff: StaffMember[] = staffRead && !staffRead.problems.length ? staffRead.staff : [];
    const byGrade = new Map<string, Grade>();
    for (const [code, info] of grades) if (info.grade) byGrade.set(code, info.grade);
    const span = {
      from: minDate(period.from, options.today),
      to: maxDate(period.to, addDays(options.today, UPCOMING_DAYS)),
    };
    const { entries } = buildSchedule(archive.records, { ...span, grades: byGrade, staff, settings });
    callbacks = entries.map((e) => ({
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
    notes.push({
      zh: `工作簿中没有「${OWNED_SHEETS.schedule}」表：回访按规则生成，尚无执行记录（可先点“生成回访计划”）`,
      en: `The workbook has no ${OWNED_SHEETS.schedule} sheet: callbacks were planned by the rules and carry no results yet (click Fill callbacks first)`,
    });
  }
  progress.done();
  return {
    sources: { records: archive.records, grades, callbacks, today: options.today },
    notes,
    sheet: archive.sheet,
  };
}

/** The document header as `rapport report` fills it when the config file says nothing. */
export function documentFor(template: TemplateName, period: Period, today: string): DocumentInfo {
  const spec = TEMPLATES[template];
  return {
    title: spec.title.zh,
    number: `${spec.numberPrefix}-${period.from.slice(0, 7).replace("-", "")}`,
    controlStatus: "受控",
    executingDepartment: "客户服务部",
    supervisingDepartment: "客户服务部经理室",
    editingDepartment: "客户服务部",
    date: today,
  };
}

/** A template's data, as `rapport report` builds it. */
export function templateData(template: TemplateName, sources: ReportSources, period: Period, today: string): unknown {
  const document = documentFor(template, period, today);
  switch (template) {
    case "plan":
      return buildPlanData(sources, period, document);
    case "report":
      return { ...buildReportData(sources, period, document), approval: {} };
    case "roster":
      return buildRosterData(sources, document);
    case "callbacks":
      return buildCallbacksData(sources, period, document);
    case "record":
    case "evaluation":
      return buildCustomerPages(sources, document);
  }
}
