/// <reference types="office-js" />
// Fill callbacks (回访计划): plans a period's calls with the same core code as `rapport schedule --out` and
// writes the 回访计划 table as the CLI does — new calls added, unworked ones refreshed, rows staff worked on kept
// exactly (value, formula and number format), other periods untouched — with the status drop-down and the
// overdue/today highlighting.
import { columnLetter } from "../core/a1";
import { daysBetween, isValidYmd } from "../core/calendar";
import { OWNED_SHEETS, SETTINGS_SHEETS } from "../core/owned";
import {
  annotatedScheduleRows,
  buildSchedule,
  CALLBACK_STATUSES,
  cellsOfArea,
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
  scheduleTableGrid,
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
import { gridOf, readWorkbook, sheetInfo, type CellAnnotation } from "./read";

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

/**
 * Where a note or comment on the old table goes: the same cell of its row as the row is written now (header notes
 * stay on the header); null when its row or column is not written again (a blank row, a column without header).
 */
function annotationTarget(
  annotation: CellAnnotation,
  top: number,
  merge: MergeResult,
  previous: ScheduleSheet,
  view: SheetGrid,
  header: readonly string[],
): { row: number; column: number } | null {
  const index = annotation.column - view.firstColumn;
  const column = header.findIndex((_, i) =>
    i < SCHEDULE_COLUMNS.length
      ? previous.columns[SCHEDULE_COLUMNS[i].key] === index
      : previous.extraColumns[i - SCHEDULE_COLUMNS.length]?.index === index,
  );
  if (column < 0) return null;
  if (annotation.row === top) return { row: top, column: column + 1 };
  const r = merge.rows.findIndex((row) => row.sourceRow === annotation.row);
  return r < 0 ? null : { row: top + 1 + r, column: column + 1 };
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
    tableAreaOf: [scheduleName],
    annotationsOf: [scheduleName],
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
  // The sheet is read before planning: calls made or planned on it count as contact (the `dormant` rule). As the
  // CLI reads it: the table's cells when the sheet has Rapport's table (what is typed around it is the user's), and
  // a row with a note or comment on it is the person's, kept as it is.
  const existing = gridOf(read, scheduleName);
  const area = existing ? (read.tableAreas.get(existing.name)?.area ?? null) : null;
  const view = existing ? scheduleTableGrid(existing, area) : undefined;
  const annotations = existing ? (read.annotations.get(existing.name) ?? []) : [];
  const previous = view ? readScheduleSheet(view, { annotatedRows: annotatedScheduleRows(view, annotations) }) : null;
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
  const cut = <T>(rows: T[][] | undefined): (T | null)[][] | undefined =>
    rows && existing && area ? cellsOfArea(rows, existing.firstRow, existing.firstColumn, area) : rows;
  const old =
    existing && view
      ? {
          grid: view,
          formulas: cut(read.formulas.get(existing.name)),
          numberFormats: cut(read.numberFormats.get(existing.name)) as string[][] | undefined,
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
  // The new table starts where the old one did (its header row), in column A, as the CLI writes it.
  const top = area?.top ?? previous?.headerRow ?? 1;
  const last = top + rows.length;
  let sheet: Excel.Worksheet;
  let moved: { annotation: CellAnnotation; to: { row: number; column: number } | null }[] = [];
  if (info && existing && view && previous) {
    // The sheet stays (its tab colour, widths, views, and what is typed beside or below the table); only the old
    // table's cells are emptied. The old table goes first (a new one cannot overlap it).
    const ws = context.workbook.worksheets.getItem(info.name);
    for (const name of oldTables) await batch.op(60, () => ws.tables.getItem(name).convertToRange());
    const oldBottom = area?.bottom ?? Math.max(top, ...previous.rows.map((r) => r.sourceRow ?? 0));
    const oldRight =
      area?.right ??
      Math.max(
        header.length,
        ...Object.values(previous.columns).map((c) => c + view.firstColumn),
        ...previous.extraColumns.map((c) => c.index + view.firstColumn),
      );
    // What is typed below the table moves down as the table grows, as Excel moves it (and the CLI).
    const grow = last - oldBottom;
    if (grow > 0 && existing.firstRow + existing.values.length - 1 > oldBottom) {
      const below = ws.getRange(
        `A${oldBottom + 1}:${columnLetter(Math.max(header.length, oldRight))}${oldBottom + grow}`,
      );
      await batch.op(60, () => below.insert("Down"));
    }
    // Notes and comments on the old table's cells follow their rows (kept rows move as the table is sorted): taken
    // off before the cells are emptied, put back once the rows are written.
    moved = annotations
      .filter((a) => a.row >= top && a.row <= oldBottom && a.column >= (area?.left ?? 1) && a.column <= oldRight)
      .map((annotation) => ({ annotation, to: annotationTarget(annotation, top, merge, previous, view, header) }));
    for (const { annotation } of moved) {
      const at = `${columnLetter(annotation.column)}${annotation.row}`;
      await batch.op(60, () =>
        annotation.kind === "note" ? ws.notes.getItem(at).delete() : ws.comments.getItemByCell(at).delete(),
      );
    }
    const old = ws.getRange(`${columnLetter(area?.left ?? 1)}${top}:${columnLetter(oldRight)}${oldBottom}`);
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
  await batch.writeBlock(sheet, top, 1, [header]);
  await batch.writeBlock(sheet, top + 1, 1, rows, columnFormats, formats);
  for (const { annotation, to } of moved) {
    if (!to) continue;
    const at = `${columnLetter(to.column)}${to.row}`;
    await batch.op(100 + annotation.content.length * 3, () =>
      annotation.kind === "note" ? sheet.notes.add(at, annotation.content) : sheet.comments.add(at, annotation.content),
    );
  }

  const lastColumn = columnLetter(header.length);
  const tableName = uniqueTableName(read.tableNames.filter((t) => !oldTables.includes(t)));
  await batch.op(200, () => {
    const table = sheet.tables.add(`A${top}:${lastColumn}${last}`, true);
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
      const range = sheet.getRange(`${status}${top + 1}:${status}${last}`);
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
  const formulas = scheduleHighlightFormulas(top + 1);
  await batch.op(600, () => {
    const all = sheet.getRange(`A${top + 1}:${lastColumn}${last}`);
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
