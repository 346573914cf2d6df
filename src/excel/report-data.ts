/// <reference types="office-js" />
// Make PDF: the data a template takes, built in the task pane from the open workbook with the same core builders
// `rapport report` uses (records, grades against the company's standard, the 回访计划 rows with what staff
// recorded — or the rules' plan when the workbook has none yet), then posted to the local server to print.
import { gradeArchive } from "../core/grading";
import { pickStandard } from "../core/grading/pick-standard";
import { OWNED_SHEETS, SETTINGS_SHEETS } from "../core/owned";
import {
  buildCallbacksData,
  buildCustomerPages,
  buildPlanData,
  buildReportData,
  buildRosterData,
  type ReportSources,
} from "../core/report/documents";
import {
  callbackRowsFromSheet,
  callbackSpan,
  gradeInfos,
  gradesByCode,
  plannedCallbackRows,
} from "../core/report/sources";
import type { CallbackRow, DocumentInfo, Period } from "../core/report/types";
import {
  buildSchedule,
  readScheduleSettingsSheet,
  readScheduleSheet,
  readStaffSheet,
  resolveScheduleSettings,
  type StaffMember,
} from "../core/schedule";
import type { BilingualText } from "../core/types";
import { TEMPLATES, type TemplateName } from "../render/catalog";
import { pickArchive, progressReporter, type ActionOptions } from "./common";
import { ActionError } from "./office";
import { gridOf, readWorkbook } from "./read";

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
  const grades = gradeInfos(outcome, picked.standard);
  const notes: BilingualText[] = [];
  const scheduleGrid = gridOf(read, OWNED_SHEETS.schedule);
  const scheduleSheet = scheduleGrid ? readScheduleSheet(scheduleGrid) : null;
  let callbacks: CallbackRow[];
  if (scheduleSheet) {
    callbacks = callbackRowsFromSheet(scheduleSheet);
  } else {
    const settingsGrid = gridOf(read, SETTINGS_SHEETS.settings);
    const fromSheet = settingsGrid ? readScheduleSettingsSheet(settingsGrid) : { problems: [] };
    const settings = resolveScheduleSettings(fromSheet.problems.length ? undefined : fromSheet.section);
    const staffGrid = gridOf(read, SETTINGS_SHEETS.staff);
    const staffRead = staffGrid ? readStaffSheet(staffGrid) : null;
    const staff: StaffMember[] = staffRead && !staffRead.problems.length ? staffRead.staff : [];
    const span = callbackSpan(period, options.today);
    const { entries } = buildSchedule(archive.records, { ...span, grades: gradesByCode(grades), staff, settings });
    callbacks = plannedCallbackRows(entries);
    notes.push({
      zh: `工作簿中没有「${OWNED_SHEETS.schedule}」表：回访按规则生成，尚无执行记录（可先点“生成回访计划”）`,
      en: `The workbook has no ${OWNED_SHEETS.schedule} sheet: callbacks were planned by the rules and carry no results yet (click Fill callbacks first)`,
    });
  }
  progress.done();
  return {
    sources: { records: archive.records, grades, callbacks, today: options.today, callbacksRecorded: !!scheduleSheet },
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
