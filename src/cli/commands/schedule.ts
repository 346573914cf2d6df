import Table from "cli-table3";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { daysBetween, isValidYmd } from "../../core/calendar";
import { OWNED_SHEETS, SETTINGS_SHEETS } from "../../core/owned";
import {
  buildSchedule,
  CATEGORY_LABELS,
  createWorkCalendar,
  KIND_LABELS,
  mergeSchedule,
  readScheduleSettingsSheet,
  readScheduleSheet,
  readStaffSheet,
  resolveScheduleSettings,
  scheduleIcs,
  type CallbackEntry,
  type MergeResult,
  type ScheduleWarning,
  type SheetProblem,
  type StaffMember,
} from "../../core/schedule";
import type { ArchiveReadResult, BilingualText, SheetGrid } from "../../core/types";
import { readArchiveInput, type ArchiveInputOptions } from "../archive-input";
import { gradesForSchedule, scheduleCommandSchema } from "../schedule-grades";
import { today } from "../today";
import { InputError } from "../xlsx/errors";
import { previousScheduleGrid, writeScheduleSheet } from "../xlsx/schedule-sheet";
import { saveWorkbookPreserving } from "../xlsx/write";

export interface ScheduleOptions extends ArchiveInputOptions {
  from: string;
  to: string;
  out?: string;
  ics?: string;
  json?: boolean;
}

/** Longer periods are almost certainly a typo in a year, and would plan tens of thousands of calls. */
const MAX_PERIOD_DAYS = 3 * 366;

function periodDate(flag: string, text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new InputError({
      zh: `${flag} 应为日期 YYYY-MM-DD（如 2026-12-01），而不是“${text}”`,
      en: `${flag} must be a date YYYY-MM-DD (e.g. 2026-12-01), not "${text}"`,
    });
  }
  return text.trim();
}

function checkPeriod(options: ScheduleOptions): { from: string; to: string } {
  const from = periodDate("--from", options.from);
  const to = periodDate("--to", options.to);
  if (to < from) {
    throw new InputError({ zh: `--to ${to} 早于 --from ${from}`, en: `--to ${to} is before --from ${from}` });
  }
  if (daysBetween(from, to) > MAX_PERIOD_DAYS) {
    throw new InputError({
      zh: `计划期间最长 3 年（${from} 至 ${to} 太长）`,
      en: `the period can be at most 3 years (${from} to ${to} is longer)`,
    });
  }
  return { from, to };
}

function settingsProblems(problems: readonly SheetProblem[]): InputError {
  return new InputError({
    zh: "设置有误，请修改后再试：" + problems.map((p) => `${p.cell}：${p.message.zh}`).join("；"),
    en:
      "the settings cannot be used; fix them and try again: " +
      problems.map((p) => `${p.cell}: ${p.message.en}`).join("; "),
  });
}

const sheetNamed = (sheets: readonly SheetGrid[], name: string) => sheets.find((s) => s.name.trim() === name);

/** The staff list: the config's `schedule.staff` if given, otherwise the 人员 sheet, otherwise nobody. */
function staffList(sheets: readonly SheetGrid[], fromConfig: StaffMember[] | undefined): StaffMember[] {
  if (fromConfig) return fromConfig;
  const sheet = sheetNamed(sheets, SETTINGS_SHEETS.staff);
  if (!sheet) return [];
  const { staff, problems } = readStaffSheet(sheet);
  if (problems.length) throw settingsProblems(problems);
  return staff;
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
        zh: `客户表有 ${rows.size} 行存在错误，这些单元格未参与排期：请运行 rapport validate 查看并修正`,
        en: `${rows.size} customer row(s) have errors; those cells were left out of the schedule: run rapport validate to see and fix them`,
      },
    },
  ];
}

/** The `--json` shape, exactly as documented. */
export function scheduleJson(entries: readonly CallbackEntry[], warnings: readonly ScheduleWarning[]) {
  return {
    entries: entries.map((e) => ({
      code: e.code,
      name: e.name,
      date: e.date,
      kind: e.kind,
      window: e.window,
      owner: e.owner,
      category: CATEGORY_LABELS[e.category].zh,
      purpose: e.purpose,
      script: e.script,
    })),
    warnings,
  };
}

/** Writes a text file through a temporary file beside it, never over the input workbook. */
async function writeTextFile(path: string, text: string, input: string): Promise<void> {
  const target = resolve(path);
  if (target === resolve(input)) {
    throw new InputError({
      zh: `--ics 不能是输入文件本身（${basename(path)}）`,
      en: `--ics cannot be the input file itself (${basename(path)})`,
    });
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, text, "utf8");
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    const detail = e instanceof Error ? e.message : String(e);
    throw new InputError({ zh: `无法写入 ${path}：${detail}`, en: `cannot write ${path}: ${detail}` });
  }
}

function summary(entries: readonly CallbackEntry[], period: { from: string; to: string }): string {
  const byKind = new Map<string, number>();
  const byOwner = new Map<string, { n: number; first: string; last: string }>();
  for (const e of entries) {
    byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
    const o = byOwner.get(e.owner) ?? { n: 0, first: e.date, last: e.date };
    o.n++;
    if (e.date < o.first) o.first = e.date;
    if (e.date > o.last) o.last = e.date;
    byOwner.set(e.owner, o);
  }
  const kinds = new Table({ head: ["回访类型 Kind", "个数 Calls"], style: { head: [], border: [] } });
  for (const [kind, n] of byKind) {
    const label = KIND_LABELS[kind as CallbackEntry["kind"]];
    kinds.push([`${label.zh} ${label.en}`, n]);
  }
  const owners = new Table({
    head: ["负责人 Owner", "个数 Calls", "首日 First", "末日 Last"],
    style: { head: [], border: [] },
  });
  for (const [owner, o] of [...byOwner].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    owners.push([owner || "（未分配 unassigned）", o.n, o.first, o.last]);
  }
  return [
    `回访计划 ${period.from} 至 ${period.to}：${entries.length} 个回访`,
    `Callback schedule ${period.from} to ${period.to}: ${entries.length} calls`,
    entries.length ? kinds.toString() : "",
    entries.length ? owners.toString() : "",
  ]
    .filter(Boolean)
    .join("\n");
}

function mergeLine(merge: MergeResult, out: string): BilingualText {
  return {
    zh: `已写入 ${out}：「${OWNED_SHEETS.schedule}」表 ${merge.rows.length} 行（新增 ${merge.added}，更新 ${merge.updated}，保留已回访 ${merge.kept}，删除过时 ${merge.removed}，其他期间保留 ${merge.untouched}）`,
    en: `wrote ${out}: sheet ${OWNED_SHEETS.schedule} has ${merge.rows.length} rows (${merge.added} added, ${merge.updated} updated, ${merge.kept} worked kept, ${merge.removed} stale removed, ${merge.untouched} from other periods kept)`,
  };
}

/**
 * `rapport schedule`: plans the callbacks of a period. Exit 0 when every call fits the rules, 1 when some could
 * not (over the daily caps, or nobody to take them); unusable input, settings or options are InputErrors (2).
 */
export async function runSchedule(
  file: string,
  options: ScheduleOptions,
  out: (text: string) => void,
): Promise<number> {
  const period = checkPeriod(options);
  const input = await readArchiveInput(file, {
    config: options.config,
    sheet: options.sheet,
    withWorkbook: options.out !== undefined,
    schema: scheduleCommandSchema,
  });
  const { archive, sheets } = input;
  const settingsSheet = sheetNamed(sheets, SETTINGS_SHEETS.settings);
  const fromSheet = settingsSheet ? readScheduleSettingsSheet(settingsSheet) : { problems: [] };
  if (fromSheet.problems.length) throw settingsProblems(fromSheet.problems);
  const settings = resolveScheduleSettings(fromSheet.section, input.config.schedule);
  const staff = staffList(sheets, settings.staff);
  const grades = gradesForSchedule(archive, sheets, input.config, today(), settings.defaultGrade);
  if (grades.problems.length) {
    const name = basename(file);
    throw new InputError({
      zh: `${name}：评级标准有误：` + grades.problems.map((p) => `${p.where}：${p.message.zh}`).join("；"),
      en:
        `${name}: the grading standard is wrong: ` +
        grades.problems.map((p) => `${p.where}: ${p.message.en}`).join("; "),
    });
  }

  // The sheet is read before planning: calls made or planned on it count as contact (the `dormant` rule).
  const existing = sheetNamed(sheets, OWNED_SHEETS.schedule);
  const area = existing && input.workbook ? previousScheduleGrid(input.workbook, existing) : null;
  const previousGrid = area?.grid ?? existing;
  const previous = previousGrid ? readScheduleSheet(previousGrid, { annotatedRows: area?.annotatedRows }) : null;
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

  let written: BilingualText | null = null;
  if (options.out !== undefined && input.workbook) {
    if (existing && !previous && existing.values.some((row) => row.some((v) => v !== null))) {
      throw new InputError({
        zh: `工作簿中已有「${OWNED_SHEETS.schedule}」表，但不是 Rapport 能读的回访计划（找不到“客户编号”等表头）：为免覆盖其内容，请先将其改名`,
        en: `the workbook already has a sheet ${OWNED_SHEETS.schedule} that is not a schedule Rapport can read (no 客户编号 header): rename it first so its content is not overwritten`,
      });
    }
    const merge = mergeSchedule(previous?.rows ?? [], result.entries, period, calendar);
    writeScheduleSheet(input.workbook, merge.rows, previous, {
      area: area?.area ?? null,
      firstColumn: previousGrid?.firstColumn ?? 1,
    });
    await saveWorkbookPreserving(input.workbook, options.out, { original: file, ownedSheets: [OWNED_SHEETS.schedule] });
    written = mergeLine(merge, options.out);
  }
  if (options.ics !== undefined) {
    await writeTextFile(options.ics, scheduleIcs(result.entries, { stamp: today() }), file);
  }

  if (options.json) {
    out(JSON.stringify(scheduleJson(result.entries, warnings), null, 2));
  } else {
    out(summary(result.entries, period));
    for (const w of warnings) {
      const level = w.severity === "error" ? "错误 error" : "警告 warning";
      out(`${level}: ${w.message.zh}\n${" ".repeat(level.length + 2)}${w.message.en}`);
    }
    if (written) out(`${written.zh}\n${written.en}`);
    if (options.ics !== undefined)
      out(`已写入 ${options.ics} / wrote ${options.ics}: ${result.entries.length} 个日历事件 events`);
  }
  return warnings.some((w) => w.severity === "error") ? 1 : 0;
}
