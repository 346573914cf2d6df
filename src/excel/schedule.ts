/// <reference types="office-js" />
// Fill callbacks (回访计划): plans a period's calls with the same core code as `rapport schedule --out` and
// writes the 回访计划 table as the CLI does — new calls added, unworked ones refreshed, rows staff worked on kept
// exactly (value, formula and number format), other periods untouched — with the status drop-down and the
// overdue/today highlighting.
import { columnLetter } from "../core/a1";
import { daysBetween, isValidYmd } from "../core/calendar";
import { OWNED_SHEETS, SETTINGS_SHEETS } from "../core/owned";
import {
  buildSchedule,
  CALLBACK_STATUSES,
  createWorkCalendar,
  mergeSchedule,
  readScheduleSettingsSheet,
  readScheduleSheet,
  readStaffSheet,
  resolveScheduleSettings,
  SCHEDULE_COLUMNS,
  scheduleColumnLetter,
  scheduleHighlightFormulas,
  scheduleSheetRows,
  type MergeResult,
  type ScheduleSheet,
  type ScheduleWarning,
  type SheetProblem,
  type StaffMember,
} from "../core/schedule";
import type { ArchiveReadResult, BilingualText, IsoDate, SheetGrid } from "../core/types";
import { gradesForSchedule } from "../cli/schedule-grades";
import type { WriteCell } from "./cells";
import {
  checkWritable,
  freshOwnedSheet,
  newBatch,
  pickArchive,
  pointsForCharacters,
  progressReporter,
  sheetsAfter,
  type ActionOptions,
  type ActionStats,
} from "./common";
import { ActionError } from "./office";
import { gridOf, readWorkbook, sheetInfo } from "./read";

const TABLE_NAME = "CallbackPlan";
const DATE_FORMAT = "yyyy-mm-dd";
/** Longer periods are almost certainly a typo in a year (as the CLI says). */
const MAX_PERIOD_DAYS = 3 * 366;

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export interface ScheduleSummary extends ActionStats {
  period: Period;
  /** Calls the rules plan in the period. */
  planned: number;
  merge: Omit<MergeResult, "rows"> & { rows: number };
  warnings: ScheduleWarning[];
  sheet: string;
  archive: ArchiveReadResult;
}

/** The period as the pane gives it, checked as the CLI checks `--from`/`--to`. */
export function checkPeriod(from: string, to: string): Period {
  const date = (label: BilingualText, text: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
    if (!m || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) {
      throw new ActionError("settings-invalid", {
        zh: `${label.zh}应为日期 YYYY-MM-DD（如 2026-12-01），而不是“${text}”`,
        en: `the ${label.en} must be a date YYYY-MM-DD (e.g. 2026-12-01), not "${text}"`,
      });
    }
    return text.trim();
  };
  const period = {
    from: date({ zh: "开始日期", en: "start date" }, from),
    to: date({ zh: "结束日期", en: "end date" }, to),
  };
  if (period.to < period.from) {
    throw new ActionError("settings-invalid", {
      zh: `结束日期 ${period.to} 早于开始日期 ${period.from}`,
      en: `the end date ${period.to} is before the start date ${period.from}`,
    });
  }
  if (daysBetween(period.from, period.to) > MAX_PERIOD_DAYS) {
    throw new ActionError("settings-invalid", {
      zh: `计划期间最长 3 年（${period.from} 至 ${period.to} 太长）`,
      en: `the period can be at most 3 years (${period.from} to ${period.to} is longer)`,
    });
  }
  return period;
}

function settingsError(problems: readonly SheetProblem[]): ActionError {
  return new ActionError("settings-invalid", {
    zh: "设置有误，请修改后再试：" + problems.map((p) => `${p.cell}：${p.message.zh}`).join("；"),
    en:
      "The settings cannot be used; fix them and try again: " +
      problems.map((p) => `${p.cell}: ${p.message.en}`).join("; "),
  });
}

function archiveWarning(archive: ArchiveReadResult): ScheduleWarning[] {
  const rows = new Set(archive.issues.filter((i) => i.severity === "error").map((i) => i.row));
  if (rows.size === 0) return [];
  return [
    {
      code: "archive-errors",
      severity: "warning",
      count: rows.size,
      message: {
        zh: `客户表有 ${rows.size} 行存在错误，这些单元格未参与排期：请点“校验”查看并修正`,
        en: `${rows.size} customer row(s) have errors; those cells were left out of the schedule: click Validate to see and fix them`,
      },
    },
  ];
}

/**
 * The cells of the new 回访计划 sheet below its header: planned rows as the core lays them out, rows read back
 * from the sheet copied from where they were (their formula if they had one, with their own number format).
 */
export function scheduleCells(
  merge: MergeResult,
  previous: ScheduleSheet | null,
  old: { grid: SheetGrid; formulas?: unknown[][]; numberFormats?: string[][] } | null,
): { header: string[]; rows: WriteCell[][]; formats: (string | null)[][] } {
  const extraHeaders = previous?.extraColumns.map((c) => c.header) ?? [];
  const { header, values } = scheduleSheetRows(merge.rows, extraHeaders);
  const sourceIndex = (i: number): number | undefined => {
    if (!previous) return undefined;
    if (i < SCHEDULE_COLUMNS.length) return previous.columns[SCHEDULE_COLUMNS[i].key];
    return previous.extraColumns[i - SCHEDULE_COLUMNS.length].index;
  };
  const formats: (string | null)[][] = [];
  const rows = merge.rows.map((row, r): WriteCell[] => {
    const source = row.sourceRow;
    if (source === undefined || !old) {
      formats.push(header.map(() => null));
      return values[r];
    }
    const gridRow = source - old.grid.firstRow;
    const line: WriteCell[] = [];
    const lineFormats: (string | null)[] = [];
    header.forEach((_, i) => {
      const index = sourceIndex(i);
      if (index === undefined) {
        line.push(null);
        lineFormats.push(null);
        return;
      }
      const formula = old.formulas?.[gridRow]?.[index];
      const value = old.grid.values[gridRow]?.[index] ?? null;
      line.push(typeof formula === "string" && formula.startsWith("=") ? { formula } : value);
      const format = old.numberFormats?.[gridRow]?.[index];
      // A General cell gets no format of its own: text Excel would misread is then written as text (`@`).
      lineFormats.push(format && format !== "General" ? format : null);
    });
    formats.push(lineFormats);
    return line;
  });
  return { header, rows, formats };
}

function uniqueTableName(taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  let name = TABLE_NAME;
  for (let i = 2; lower.has(name.toLowerCase()); i++) name = `${TABLE_NAME}${i}`;
  return name;
}

export interface ScheduleOptions extends ActionOptions {
  from: string;
  to: string;
}

export async function fillCallbacks(context: Excel.RequestContext, options: ScheduleOptions): Promise<ScheduleSummary> {
  const period = checkPeriod(options.from, options.to);
  const progress = progressReporter(options);
  progress.read();
  const scheduleName = OWNED_SHEETS.schedule;
  const read = await readWorkbook(context, {
    capabilities: options.capabilities,
    customerSheet: options.sheet,
    knownSheets: options.knownSheets,
    headers: options.headers,
    alsoRead: [scheduleName, SETTINGS_SHEETS.staff, SETTINGS_SHEETS.settings],
    withFormulas: [scheduleName],
    tables: true,
    tablesOf: [scheduleName],
    protectionOf: [scheduleName],
  });
  progress.readDone();
  const archive = pickArchive(read, options);
  progress.compute();

  const settingsGrid = gridOf(read, SETTINGS_SHEETS.settings);
  const fromSheet = settingsGrid ? readScheduleSettingsSheet(settingsGrid) : { problems: [] as SheetProblem[] };
  if (fromSheet.problems.length) throw settingsError(fromSheet.problems);
  const settings = resolveScheduleSettings(fromSheet.section);
  let staff: StaffMember[] = [];
  const staffGrid = gridOf(read, SETTINGS_SHEETS.staff);
  if (staffGrid) {
    const parsed = readStaffSheet(staffGrid);
    if (parsed.problems.length) throw settingsError(parsed.problems);
    staff = parsed.staff;
  }
  const grades = gradesForSchedule(archive, read.grids, {}, options.today);
  // The sheet is read before planning: calls made or planned on it count as contact (the `dormant` rule).
  const existing = gridOf(read, scheduleName);
  const previous = existing ? readScheduleSheet(existing) : null;
  if (existing && !previous && existing.values.some((row) => row.some((v) => v !== null))) {
    throw new ActionError("not-schedule-sheet", {
      zh: `工作簿中已有「${scheduleName}」表，但不是 Rapport 能读的回访计划（找不到“客户编号”等表头）：为免覆盖其内容，请先将其改名`,
      en: `The workbook already has a sheet ${scheduleName} that is not a schedule Rapport can read (no 客户编号 header): rename it first so its content is not overwritten`,
    });
  }
  const calendar = createWorkCalendar();
  const result = buildSchedule(archive.records, {
    ...period,
    grades: grades.grades,
    staff,
    settings,
    calendar,
    sheet: previous?.rows,
  });
  const warnings = [...archiveWarning(archive), ...grades.warnings, ...result.warnings];

  checkWritable(read, [], [scheduleName]);
  const merge = mergeSchedule(previous?.rows ?? [], result.entries, period, calendar);
  const old = existing
    ? {
        grid: existing,
        formulas: read.formulas.get(existing.name),
        numberFormats: read.numberFormats.get(existing.name),
      }
    : null;
  const { header, rows, formats } = scheduleCells(merge, previous, old);
  // An Excel table always has at least one data row.
  if (rows.length === 0) {
    rows.push(header.map(() => null));
    formats.push(header.map(() => null));
  }

  const batch = newBatch(context, options, progress.write);
  batch.expectedBytes = 20_000 + rows.length * 600;
  const info = sheetInfo(read, scheduleName);
  const oldTables = info ? (read.sheetTables.get(info.name) ?? []) : [];
  let sheet: Excel.Worksheet;
  if (info && existing && previous) {
    // The sheet stays (its tab colour, widths, views, and what is typed beside the table); only the old table's
    // cells are emptied. The old table goes first (a new one cannot overlap it).
    const ws = context.workbook.worksheets.getItem(info.name);
    for (const name of oldTables) await batch.op(60, () => ws.tables.getItem(name).convertToRange());
    const lastRow = Math.max(previous.headerRow, ...previous.rows.map((r) => r.sourceRow ?? 0));
    const lastColumn = Math.max(
      header.length,
      ...Object.values(previous.columns).map((c) => c + existing.firstColumn),
      ...previous.extraColumns.map((c) => c.index + existing.firstColumn),
    );
    // From row 1, where the new table's header goes, to the last row of the old table or the new one.
    const old = ws.getRange(`A1:${columnLetter(lastColumn)}${Math.max(lastRow, rows.length + 1)}`);
    await batch.op(120, () => {
      old.conditionalFormats.clearAll();
      old.unmerge();
      old.clear("All");
    });
    if (options.capabilities.dataValidation) await batch.op(60, () => old.dataValidation.clear());
    sheet = ws;
  } else {
    sheet = await freshOwnedSheet(batch, read, scheduleName);
  }
  const columnFormats = header.map((_, i) =>
    i < SCHEDULE_COLUMNS.length && SCHEDULE_COLUMNS[i].type === "date" ? DATE_FORMAT : null,
  );
  await batch.writeBlock(sheet, 1, 1, [header]);
  await batch.writeBlock(sheet, 2, 1, rows, columnFormats, formats);

  const last = rows.length + 1;
  const lastColumn = columnLetter(header.length);
  const tableName = uniqueTableName(read.tableNames.filter((t) => !oldTables.includes(t)));
  await batch.op(200, () => {
    const table = sheet.tables.add(`A1:${lastColumn}${last}`, true);
    table.name = tableName;
    table.style = "TableStyleMedium2";
    if (!previous) {
      sheet.freezePanes.freezeRows(1);
      // Widths are set once; on later runs they are the user's.
      header.forEach((h, i) => {
        const width = i < SCHEDULE_COLUMNS.length ? SCHEDULE_COLUMNS[i].width : Math.max(10, h.length * 2);
        sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = pointsForCharacters(width);
      });
    }
    SCHEDULE_COLUMNS.forEach((c, i) => {
      if (c.hidden) sheet.getRangeByIndexes(0, i, 1, 1).columnHidden = true;
    });
  });
  const status = scheduleColumnLetter("status");
  if (options.capabilities.dataValidation) {
    await batch.op(400, () => {
      const range = sheet.getRange(`${status}2:${status}${last}`);
      range.dataValidation.rule = {
        list: {
          inCellDropDown: true,
          source: Object.values(CALLBACK_STATUSES)
            .map((s) => s.zh)
            .join(","),
        },
      };
      range.dataValidation.errorAlert = {
        showAlert: true,
        style: "Stop",
        title: "回访状态 Status",
        message: "请从列表中选择回访状态 / pick a status from the list",
      };
    });
  }
  const formulas = scheduleHighlightFormulas(2);
  await batch.op(600, () => {
    const all = sheet.getRange(`A2:${lastColumn}${last}`);
    const overdue = all.conditionalFormats.add("Custom");
    overdue.custom.rule.formula = `=${formulas.overdue}`;
    overdue.custom.format.fill.color = "#FFC7CE";
    overdue.custom.format.font.color = "#9C0006";
    const today = all.conditionalFormats.add("Custom");
    today.custom.rule.formula = `=${formulas.today}`;
    today.custom.format.fill.color = "#FFEB9C";
    today.custom.format.font.color = "#9C5700";
  });
  await batch.flush();
  progress.done();
  return {
    period,
    planned: result.entries.length,
    merge: { ...merge, rows: merge.rows.length },
    warnings,
    sheet: scheduleName,
    archive,
    syncs: read.syncs + batch.syncs,
    largestRequestEstimate: batch.largestRequest,
    sheets: sheetsAfter(read, scheduleName),
  };
}
