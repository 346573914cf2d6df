// The 回访计划 sheet: its columns, how it is read back (statuses, results, satisfaction, actual dates — what the
// report counts), and its rows as values. Writing it as an Excel table is the adapters' job (exceljs, Office.js).
import { columnLetter } from "../a1";
import { epochDay, excelSerialFromIso } from "../calendar";
import { normalizeHeader } from "../fields";
import { parseDate } from "../parse/date";
import { parseSatisfaction } from "../parse/satisfaction";
import { cellText, halfWidth } from "../parse/text";
import type { BilingualText, CellValue, IsoDate, SheetGrid } from "../types";
import { CATEGORY_LABELS, KIND_LABELS } from "./content";
import { CALLBACK_KINDS, type CallbackEntry, type CallbackKind } from "./types";
import { createWorkCalendar, type WorkCalendar } from "./workdays";

export type ScheduleColumnKey =
  | "date"
  | "code"
  | "name"
  | "contact"
  | "phone"
  | "kind"
  | "windowFrom"
  | "windowTo"
  | "category"
  | "owner"
  | "purpose"
  | "script"
  | "status"
  | "result"
  | "satisfaction"
  | "actualDate"
  | "notes"
  | "fingerprint";

export interface ScheduleColumn {
  key: ScheduleColumnKey;
  /** The header written on the sheet. */
  header: string;
  en: string;
  /** How the cell is written: dates as Excel dates (yyyy-mm-dd), the rest as given. */
  type: "date" | "text" | "number";
  /** Column width in characters, for the adapters. */
  width: number;
  /** Staff fill this column in; its content is theirs and is never overwritten. */
  worked: boolean;
  /** Rapport's bookkeeping, hidden from view. */
  hidden?: boolean;
  /** Other header texts accepted when reading. */
  aliases: string[];
}

/**
 * The 回访计划 sheet's columns, left to right: A–L what Rapport plans, M–Q what staff record, R (hidden) a
 * fingerprint of the A–L values Rapport wrote, so a row a person changed is known and kept.
 */
export const SCHEDULE_COLUMNS: readonly ScheduleColumn[] = [
  {
    key: "date",
    header: "计划日期",
    en: "Date",
    type: "date",
    width: 12,
    worked: false,
    aliases: ["日期", "回访日期", "date"],
  },
  {
    key: "code",
    header: "客户编号",
    en: "Customer code",
    type: "text",
    width: 12,
    worked: false,
    aliases: ["code", "customer code"],
  },
  {
    key: "name",
    header: "客户名称",
    en: "Customer",
    type: "text",
    width: 28,
    worked: false,
    aliases: ["customer", "customer name"],
  },
  { key: "contact", header: "联系人", en: "Contact", type: "text", width: 10, worked: false, aliases: ["contact"] },
  { key: "phone", header: "联系电话", en: "Phone", type: "text", width: 15, worked: false, aliases: ["phone", "电话"] },
  { key: "kind", header: "回访类型", en: "Kind", type: "text", width: 18, worked: false, aliases: ["kind", "类型"] },
  {
    key: "windowFrom",
    header: "窗口开始",
    en: "Window from",
    type: "date",
    width: 12,
    worked: false,
    aliases: ["window from"],
  },
  {
    key: "windowTo",
    header: "窗口结束",
    en: "Window to",
    type: "date",
    width: 12,
    worked: false,
    aliases: ["window to"],
  },
  {
    key: "category",
    header: "回访内容",
    en: "Category",
    type: "text",
    width: 10,
    worked: false,
    aliases: ["category"],
  },
  { key: "owner", header: "负责人", en: "Owner", type: "text", width: 10, worked: false, aliases: ["owner", "回访人"] },
  {
    key: "purpose",
    header: "回访目的",
    en: "Purpose",
    type: "text",
    width: 44,
    worked: false,
    aliases: ["purpose", "目的"],
  },
  {
    key: "script",
    header: "开场白",
    en: "Opening script",
    type: "text",
    width: 50,
    worked: false,
    aliases: ["script", "opening script"],
  },
  {
    key: "status",
    header: "回访状态",
    en: "Status",
    type: "text",
    width: 10,
    worked: true,
    aliases: ["状态", "status"],
  },
  {
    key: "result",
    header: "回访结果",
    en: "Result",
    type: "text",
    width: 30,
    worked: true,
    aliases: ["结果", "result"],
  },
  {
    key: "satisfaction",
    header: "回访满意度",
    en: "Satisfaction on the call",
    type: "number",
    width: 10,
    worked: true,
    aliases: ["满意度", "satisfaction"],
  },
  {
    key: "actualDate",
    header: "实际回访日期",
    en: "Actual date",
    type: "date",
    width: 12,
    worked: true,
    aliases: ["实际日期", "actual date"],
  },
  { key: "notes", header: "备注", en: "Notes", type: "text", width: 24, worked: true, aliases: ["notes", "note"] },
  {
    key: "fingerprint",
    header: "Rapport校验",
    en: "Rapport check",
    type: "text",
    width: 12,
    worked: false,
    hidden: true,
    aliases: ["rapport check"],
  },
];

/** The columns Rapport fills when it plans a call (A–L): what the fingerprint covers. */
const PLANNED_COLUMNS = SCHEDULE_COLUMNS.filter((c) => !c.worked && c.key !== "fingerprint");

/** The status drop-down, in this order; `planned` is what Rapport writes, the others what staff choose. */
export const CALLBACK_STATUSES = {
  planned: { zh: "待回访", en: "planned" },
  done: { zh: "已回访", en: "done" },
  "no-answer": { zh: "未接通", en: "no answer" },
  rescheduled: { zh: "已改期", en: "rescheduled" },
  refused: { zh: "拒绝回访", en: "refused" },
  cancelled: { zh: "已取消", en: "cancelled" },
} as const satisfies Record<string, BilingualText>;

export type CallbackStatus = keyof typeof CALLBACK_STATUSES;

/** Statuses still waiting for a call: their rows are highlighted once the date has passed. */
export const OPEN_STATUSES: readonly CallbackStatus[] = ["planned", "no-answer", "rescheduled"];

export interface ScheduleRow {
  date: IsoDate | null;
  code: string;
  name: string;
  contact: string;
  phone: string;
  kind: CallbackKind | null;
  /** The kind as written (for rows whose kind Rapport does not know). */
  kindText: string;
  window: readonly [IsoDate, IsoDate] | null;
  category: string;
  owner: string;
  purpose: string;
  script: string;
  status: CallbackStatus | null;
  result: string;
  /** On the 0–100 scale, as the customer sheet's 客户满意度. */
  satisfaction: number | null;
  actualDate: IsoDate | null;
  notes: string;
  /** Excel row number when read from a sheet: kept rows are written back from there, cell for cell. */
  sourceRow?: number;
  /**
   * A person made this row theirs without touching the staff's columns: changed a cell Rapport wrote (负责人, 计划日期…),
   * added the row, or put a note on it. Such a row is kept as it is, like a worked one.
   */
  touched?: boolean;
  /** The cells as read, by column, and the user's own extra columns by header. */
  cells: Partial<Record<ScheduleColumnKey, CellValue>>;
  extra: Record<string, CellValue>;
}

export interface ScheduleSheetIssue {
  row: number;
  column: string;
  field: ScheduleColumnKey;
  value: string;
  message: BilingualText;
}

export interface ScheduleSheet {
  name: string;
  /** Excel row number of the header. */
  headerRow: number;
  rows: ScheduleRow[];
  /** Where each known column is (0-based index into the grid row). */
  columns: Partial<Record<ScheduleColumnKey, number>>;
  /** Columns the user added, left to right. */
  extraColumns: { header: string; index: number }[];
  issues: ScheduleSheetIssue[];
}

const BY_HEADER = new Map<string, ScheduleColumnKey>();
for (const c of SCHEDULE_COLUMNS)
  for (const h of [c.header, c.en, ...c.aliases]) BY_HEADER.set(normalizeHeader(h), c.key);

const KIND_BY_TEXT = new Map<string, CallbackKind>();
for (const k of CALLBACK_KINDS) {
  KIND_BY_TEXT.set(k, k);
  KIND_BY_TEXT.set(halfWidth(KIND_LABELS[k].zh).toLowerCase(), k);
  KIND_BY_TEXT.set(KIND_LABELS[k].en.toLowerCase(), k);
}

const STATUS_BY_TEXT = new Map<string, CallbackStatus>();
for (const [key, label] of Object.entries(CALLBACK_STATUSES) as [CallbackStatus, BilingualText][]) {
  for (const t of [key, label.zh, label.en]) STATUS_BY_TEXT.set(t.toLowerCase(), key);
}
// Words staff type instead of picking from the list.
for (const [t, key] of [
  ["已完成", "done"],
  ["完成", "done"],
  ["已联系", "done"],
  ["无人接听", "no-answer"],
  ["未接", "no-answer"],
  ["改期", "rescheduled"],
  ["拒访", "refused"],
  ["取消", "cancelled"],
  ["无需回访", "cancelled"],
] as const) {
  STATUS_BY_TEXT.set(t, key);
}

export function statusFromText(text: string): CallbackStatus | null {
  return STATUS_BY_TEXT.get(halfWidth(text).toLowerCase()) ?? null;
}

export function kindFromText(text: string): CallbackKind | null {
  return KIND_BY_TEXT.get(halfWidth(text).toLowerCase()) ?? null;
}

function findHeader(grid: SheetGrid): { row: number; columns: Partial<Record<ScheduleColumnKey, number>> } | null {
  for (let r = 0; r < Math.min(grid.values.length, 20); r++) {
    const columns: Partial<Record<ScheduleColumnKey, number>> = {};
    grid.values[r].forEach((cell, c) => {
      const key = BY_HEADER.get(normalizeHeader(cellText(cell)));
      if (key && columns[key] === undefined) columns[key] = c;
    });
    if (columns.code !== undefined && Object.keys(columns).length >= 4) return { row: r, columns };
  }
  return null;
}

/** The 回访计划 table's place on its sheet: Excel rows and columns, inclusive (header row first). */
export interface TableArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Rapport's table among a 回访计划 sheet's tables: CallbackPlan, CallbackPlan2…, else the sheet's only table. */
export function scheduleTableOf<T extends { name: string }>(tables: readonly T[]): T | null {
  return tables.find((t) => /^CallbackPlan\d*$/i.test(t.name)) ?? (tables.length === 1 ? tables[0] : null);
}

/** The cells of `area` out of a grid-shaped array whose top-left cell is (firstRow, firstColumn); missing ones null. */
export function cellsOfArea<T>(
  rows: readonly (readonly T[])[],
  firstRow: number,
  firstColumn: number,
  area: TableArea,
): (T | null)[][] {
  const out: (T | null)[][] = [];
  for (let r = area.top; r <= area.bottom; r++) {
    const row = rows[r - firstRow] ?? [];
    const line: (T | null)[] = [];
    for (let c = area.left; c <= area.right; c++) line.push(row[c - firstColumn] ?? null);
    out.push(line);
  }
  return out;
}

/**
 * The part of a 回访计划 sheet that is the schedule: the table's cells when the sheet has Rapport's table (what is
 * typed around it — a supervisor's remark in T3, a line two rows below — is the user's and is not read as calls),
 * else the whole grid. What both faces read with `readScheduleSheet`.
 */
export function scheduleTableGrid(grid: SheetGrid, area: TableArea | null): SheetGrid {
  if (!area) return grid;
  const values = cellsOfArea(grid.values, grid.firstRow, grid.firstColumn, area);
  return { ...grid, firstRow: area.top, firstColumn: area.left, values };
}

/**
 * The Excel rows of a schedule grid (from `scheduleTableGrid`) where a person put a note or comment on one of its
 * cells below the header: those rows are theirs to keep (`ReadScheduleOptions.annotatedRows`).
 */
export function annotatedScheduleRows(view: SheetGrid, cells: Iterable<{ row: number; column: number }>): Set<number> {
  const last = view.firstRow + view.values.length - 1;
  const right = view.firstColumn + (view.values[0]?.length ?? 0) - 1;
  const rows = new Set<number>();
  for (const { row, column } of cells) {
    if (row > view.firstRow && row <= last && column >= view.firstColumn && column <= right) rows.add(row);
  }
  return rows;
}

export interface ReadScheduleOptions {
  /** Excel rows where a person put a note or comment on a cell (adapters that can see notes give them). */
  annotatedRows?: ReadonlySet<number>;
}

/** A 53-bit hash (cyrb53) of a text, in base 36: pure and the same on every platform. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * The fingerprint of a row's A–L cells (in PLANNED_COLUMNS order): what Rapport writes in the hidden column, and
 * what the cells must still give for the row to count as untouched. Cells are compared as text, so a number
 * Excel made of a phone typed as text, or a date serial read back, fingerprints the same.
 */
export function scheduleFingerprint(cells: readonly CellValue[]): string {
  return "r1:" + hash53(cells.map((c) => cellText(c)).join("\u001f"));
}

/**
 * Reads a 回访计划 sheet: every row with a customer code or any content. Unreadable statuses, dates and
 * satisfaction are reported (and left as typed); `null` when the sheet has no recognisable header. A row whose
 * Rapport cells no longer match the fingerprint Rapport wrote beside them (or that has none: a person added it),
 * or that carries a note, is `touched`.
 */
export function readScheduleSheet(grid: SheetGrid, options: ReadScheduleOptions = {}): ScheduleSheet | null {
  const header = findHeader(grid);
  if (!header) return null;
  const { columns } = header;
  const known = new Set(Object.values(columns));
  const extraColumns: { header: string; index: number }[] = [];
  (grid.values[header.row] ?? []).forEach((cell, index) => {
    const text = cellText(cell);
    if (text && !known.has(index)) extraColumns.push({ header: text, index });
  });
  const issues: ScheduleSheetIssue[] = [];
  const rows: ScheduleRow[] = [];
  for (let r = header.row + 1; r < grid.values.length; r++) {
    const values = grid.values[r];
    if (values.every((v) => v === null || cellText(v) === "")) continue;
    const excelRow = grid.firstRow + r;
    const cells: Partial<Record<ScheduleColumnKey, CellValue>> = {};
    for (const [key, index] of Object.entries(columns) as [ScheduleColumnKey, number][])
      cells[key] = values[index] ?? null;
    const text = (key: ScheduleColumnKey) => cellText(cells[key] ?? null);
    const report = (key: ScheduleColumnKey, message: BilingualText) =>
      issues.push({
        row: excelRow,
        column: columnLetter(grid.firstColumn + (columns[key] as number)),
        field: key,
        value: text(key),
        message,
      });
    const date = (key: ScheduleColumnKey): IsoDate | null => {
      if (!text(key)) return null;
      const parsed = parseDate(cells[key] ?? null);
      if (parsed.ok) return parsed.value;
      report(key, { zh: `日期无法识别，应为${parsed.expected.zh}`, en: `not a date; expected ${parsed.expected.en}` });
      return null;
    };
    const status = text("status") ? statusFromText(text("status")) : null;
    if (text("status") && !status) {
      report("status", {
        zh: `回访状态“${text("status")}”无法识别，应为 ${Object.values(CALLBACK_STATUSES)
          .map((s) => s.zh)
          .join("/")}`,
        en: `status "${text("status")}" is not understood; expected one of ${Object.values(CALLBACK_STATUSES)
          .map((s) => s.zh)
          .join("/")}`,
      });
    }
    let satisfaction: number | null = null;
    if (text("satisfaction")) {
      const parsed = parseSatisfaction(cells.satisfaction ?? null);
      if (parsed.ok) satisfaction = parsed.value;
      else
        report("satisfaction", {
          zh: `回访满意度无法识别，应为${parsed.expected.zh}`,
          en: `satisfaction not understood; expected ${parsed.expected.en}`,
        });
    }
    const from = date("windowFrom");
    const to = date("windowTo");
    const extra: Record<string, CellValue> = {};
    for (const c of extraColumns) extra[c.header] = values[c.index] ?? null;
    let touched = options.annotatedRows?.has(excelRow) ?? false;
    if (columns.fingerprint !== undefined) {
      const stored = text("fingerprint");
      if (!stored || stored !== scheduleFingerprint(PLANNED_COLUMNS.map((c) => cells[c.key] ?? null))) touched = true;
    }
    rows.push({
      date: date("date"),
      code: text("code"),
      name: text("name"),
      contact: text("contact"),
      phone: text("phone"),
      kind: kindFromText(text("kind")),
      kindText: text("kind"),
      window: from && to ? [from, to] : null,
      category: text("category"),
      owner: text("owner"),
      purpose: text("purpose"),
      script: text("script"),
      status,
      result: text("result"),
      satisfaction,
      actualDate: date("actualDate"),
      notes: text("notes"),
      sourceRow: excelRow,
      touched,
      cells,
      extra,
    });
  }
  return { name: grid.name, headerRow: grid.firstRow + header.row, rows, columns, extraColumns, issues };
}

/**
 * Whether staff have worked on the row: a status other than 待回访, or anything in result, satisfaction, actual date
 * or notes; or a person otherwise made it theirs (`touched`: changed what Rapport wrote, added it, annotated it).
 * Such rows are kept exactly when the schedule is regenerated.
 */
export function isWorked(row: ScheduleRow): boolean {
  if (row.touched) return true;
  if (row.status !== null && row.status !== "planned") return true;
  for (const c of SCHEDULE_COLUMNS) {
    if (!c.worked) continue;
    const cell = row.cells[c.key];
    if (c.key === "status") {
      // A status nobody can read is still something a person typed.
      if (row.status === null && cell !== undefined && cell !== null && cellText(cell) !== "") return true;
      continue;
    }
    if (cell !== undefined && cell !== null && cellText(cell) !== "") return true;
  }
  return false;
}

/** The merge key: the same customer, kind and window is the same call. */
export function scheduleKey(code: string, kind: string, window: readonly [IsoDate, IsoDate] | null): string {
  return `${code}\u0000${kind}\u0000${window ? window.join("\u0000") : ""}`;
}

function rowKey(row: ScheduleRow): string {
  return scheduleKey(row.code, row.kind ?? row.kindText, row.window);
}

/** A planned entry as a sheet row (status 待回访, the worked columns empty). */
export function entryToRow(entry: CallbackEntry): ScheduleRow {
  return {
    date: entry.date,
    code: entry.code,
    name: entry.name,
    contact: entry.contact ?? "",
    phone: entry.phone ?? "",
    kind: entry.kind,
    kindText: KIND_LABELS[entry.kind].zh,
    window: entry.window,
    category: CATEGORY_LABELS[entry.category].zh,
    owner: entry.owner,
    purpose: entry.purpose.zh,
    script: entry.script,
    status: "planned",
    result: "",
    satisfaction: null,
    actualDate: null,
    notes: "",
    cells: {},
    extra: {},
  };
}

export interface MergeResult {
  rows: ScheduleRow[];
  /** Worked rows of calls planned again, kept as they were. */
  kept: number;
  /** Unworked rows of calls planned again, refreshed. */
  updated: number;
  /** Calls not on the sheet before. */
  added: number;
  /** Unworked rows in the period that no rule plans any more. */
  removed: number;
  /** Other rows (other periods, rows staff added), kept as they were. */
  untouched: number;
}

/**
 * Whether a plan of the period is the one that plans this row's call: the first working day of the row's window
 * falls in the period (as `buildSchedule` decides). A call the December plan pushed into January is December's
 * (planning January neither makes nor removes it); a row with no window Rapport can read is nobody's.
 */
export function plannedBy(row: ScheduleRow, period: { from: IsoDate; to: IsoDate }, calendar: WorkCalendar): boolean {
  if (row.kind === null || row.window === null) return false;
  const first = calendar.nextWorkday(epochDay(row.window[0]));
  return first >= epochDay(period.from) && first <= epochDay(period.to);
}

/**
 * Merges a new plan into the rows already on the sheet, by (customer, kind, window). Rows staff worked on are kept
 * exactly, whatever the new plan says; unworked rows of the same call are replaced by the new plan; unworked rows
 * this period's plan made (`plannedBy`) that the rules no longer produce are dropped; everything else stays.
 */
export function mergeSchedule(
  existing: readonly ScheduleRow[],
  entries: readonly CallbackEntry[],
  period: { from: IsoDate; to: IsoDate },
  calendar: WorkCalendar = createWorkCalendar(),
): MergeResult {
  const byKey = new Map<string, number[]>();
  existing.forEach((row, i) => {
    const key = rowKey(row);
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  const used = new Set<number>();
  const rows: ScheduleRow[] = [];
  let kept = 0;
  let updated = 0;
  let added = 0;
  for (const entry of entries) {
    const fresh = entryToRow(entry);
    const matches = (byKey.get(rowKey(fresh)) ?? []).filter((i) => !used.has(i));
    if (matches.length === 0) {
      rows.push(fresh);
      added++;
      continue;
    }
    for (const i of matches) used.add(i);
    const worked = matches.filter((i) => isWorked(existing[i]));
    if (worked.length > 0) {
      for (const i of worked) rows.push(existing[i]);
      kept++;
    } else {
      // The user's own columns stay with the call even when Rapport refreshes its part.
      fresh.extra = { ...existing[matches[0]].extra };
      rows.push(fresh);
      updated++;
    }
  }
  let removed = 0;
  let untouched = 0;
  existing.forEach((row, i) => {
    if (used.has(i)) return;
    if (!isWorked(row) && plannedBy(row, period, calendar)) removed++;
    else {
      rows.push(row);
      untouched++;
    }
  });
  rows.sort(compareRows);
  return { rows, kept, updated, added, removed, untouched };
}

/**
 * The calls on the sheet that count as contact with a customer (情感选择法), by customer code, as day numbers:
 * calls made (the actual date, else the planned date of a 已回访 row) and calls already planned for other periods
 * or kept by staff. Rows the period's plan will make again (unworked, `plannedBy` it) are left out: the plan
 * decides them afresh. Cancelled calls are no contact.
 */
export function sheetContacts(
  rows: readonly ScheduleRow[],
  period: { from: IsoDate; to: IsoDate },
  calendar: WorkCalendar,
): Map<string, number[]> {
  const contacts = new Map<string, number[]>();
  for (const row of rows) {
    if (!row.code || row.status === "cancelled") continue;
    if (!isWorked(row) && plannedBy(row, period, calendar)) continue;
    const date = row.actualDate ?? row.date;
    if (!date) continue;
    const list = contacts.get(row.code);
    if (list) list.push(epochDay(date));
    else contacts.set(row.code, [epochDay(date)]);
  }
  return contacts;
}

function compareRows(a: ScheduleRow, b: ScheduleRow): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  if (a.owner !== b.owner) return a.owner < b.owner ? -1 : 1;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.kindText < b.kindText ? -1 : a.kindText > b.kindText ? 1 : 0;
}

/** A row's cell for a column: read rows give back exactly what was read, planned rows their values. */
function cellOf(row: ScheduleRow, key: ScheduleColumnKey): CellValue {
  if (key === "fingerprint" && (row.sourceRow === undefined || (!("fingerprint" in row.cells) && !isWorked(row)))) {
    // Planned rows get the fingerprint of what is written; so do unworked rows of a sheet written before
    // Rapport kept fingerprints, which are still as Rapport wrote them.
    return scheduleFingerprint(PLANNED_COLUMNS.map((c) => cellOf(row, c.key)));
  }
  if (row.sourceRow !== undefined) return row.cells[key] ?? null;
  const date = (d: IsoDate | null) => (d ? excelSerialFromIso(d) : null);
  const text = (s: string) => (s === "" ? null : s);
  switch (key) {
    case "date":
      return date(row.date);
    case "windowFrom":
      return date(row.window?.[0] ?? null);
    case "windowTo":
      return date(row.window?.[1] ?? null);
    case "actualDate":
      return date(row.actualDate);
    case "kind":
      return text(row.kindText);
    case "status":
      return row.status ? CALLBACK_STATUSES[row.status].zh : null;
    case "satisfaction":
      return row.satisfaction;
    case "fingerprint":
      return null;
    default:
      return text(row[key]);
  }
}

/**
 * The sheet's content as values (dates as Excel serials, as Office.js and exceljs read them): the header row, then
 * one row per call. Columns the user added come after Rapport's, in their order.
 */
export function scheduleSheetRows(
  rows: readonly ScheduleRow[],
  extraHeaders: readonly string[] = [],
): { header: string[]; values: CellValue[][] } {
  const header = [...SCHEDULE_COLUMNS.map((c) => c.header), ...extraHeaders];
  const values = rows.map((row) => [
    ...SCHEDULE_COLUMNS.map((c) => cellOf(row, c.key)),
    ...extraHeaders.map((h) => row.extra[h] ?? null),
  ]);
  return { header, values };
}

/**
 * The conditional-format formulas (without `=`) of the table's data rows, for the row `row` (2: the first below
 * the header): open calls (待回访/未接通/已改期, or no status) dated before today, and those dated today. Rows already
 * 已回访, 拒绝回访 or 已取消 are not coloured.
 */
export function scheduleHighlightFormulas(row = 2): { overdue: string; today: string } {
  const status = `$${scheduleColumnLetter("status")}${row}`;
  const date = `$${scheduleColumnLetter("date")}${row}`;
  const open = `OR(${status}="",${OPEN_STATUSES.map((s) => `${status}="${CALLBACK_STATUSES[s].zh}"`).join(",")})`;
  return {
    overdue: `AND(ISNUMBER(${date}),${date}<TODAY(),${open})`,
    today: `AND(ISNUMBER(${date}),${date}=TODAY(),${open})`,
  };
}

/** Column letter of a schedule column on the written sheet (the table starts at A1). */
export function scheduleColumnLetter(key: ScheduleColumnKey): string {
  return columnLetter(SCHEDULE_COLUMNS.findIndex((c) => c.key === key) + 1);
}
