import type ExcelJS from "exceljs";
import { columnLetter } from "../../core/a1";
import { OWNED_SHEETS } from "../../core/owned";
import {
  annotatedScheduleRows,
  CALLBACK_STATUSES,
  SCHEDULE_COLUMNS,
  scheduleColumnLetter,
  scheduleHighlightFormulas,
  scheduleSheetRows,
  scheduleTableGrid,
  type ScheduleRow,
  type ScheduleSheet,
  type TableArea,
} from "../../core/schedule";
import type { SheetGrid } from "../../core/types";

const TABLE_NAME = "CallbackPlan";

/** What exceljs has but its typings leave out: range-wide validations, a cell's note to remove, loaded tables. */
interface WorksheetInternals {
  dataValidations: {
    model: Record<string, unknown>;
    add(range: string, validation: ExcelJS.DataValidation): void;
  };
  conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[];
}
const internals = (sheet: ExcelJS.Worksheet) => sheet as unknown as WorksheetInternals;
interface LoadedTable {
  name?: string;
  table?: { name?: string; tableRef?: string; ref?: string };
}
const DATE_FORMAT = "yyyy-mm-dd";

export type { TableArea };

function parseRef(ref: string): TableArea | null {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/i.exec(ref.trim());
  if (!m) return null;
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { top: Number(m[2]), left: col(m[1]), bottom: Number(m[4]), right: col(m[3]) };
}

/** Rapport's table on the sheet (CallbackPlan, CallbackPlan2…, else the only table), with its area. */
function scheduleTable(sheet: ExcelJS.Worksheet): { name: string; area: TableArea } | null {
  const tables = (sheet.getTables() as unknown as LoadedTable[]).map((t) => ({
    name: t.table?.name ?? t.name ?? "",
    area: parseRef(t.table?.tableRef ?? t.table?.ref ?? ""),
  }));
  const found =
    tables.find((t) => /^CallbackPlan\d*$/i.test(t.name) && t.area) ?? (tables.length === 1 ? tables[0] : null);
  return found?.area ? { name: found.name, area: found.area } : null;
}

/**
 * The part of the 回访计划 sheet that is the schedule: the table's cells when the sheet has Rapport's table (what is
 * typed around it — a supervisor's remark in T3, a total below — is the user's and is not read as calls), else the
 * whole sheet; and the rows where a person put a note, which are theirs to keep.
 */
export function previousScheduleGrid(
  workbook: ExcelJS.Workbook,
  grid: SheetGrid,
): { grid: SheetGrid; annotatedRows: Set<number>; area: TableArea | null } {
  const sheet = workbook.getWorksheet(grid.name);
  if (!sheet) return { grid, annotatedRows: new Set(), area: null };
  const table = scheduleTable(sheet);
  const view = scheduleTableGrid(grid, table?.area ?? null);
  const noted: { row: number; column: number }[] = [];
  sheet.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      if (cell.note) noted.push({ row: r, column: c });
    });
  });
  return { grid: view, annotatedRows: annotatedScheduleRows(view, noted), area: table?.area ?? null };
}

/** Table names are unique in a workbook; a user's own table may already be called CallbackPlan. */
function tableName(workbook: ExcelJS.Workbook): string {
  const taken = new Set(
    workbook.worksheets.flatMap((ws) =>
      (ws.getTables() as unknown as LoadedTable[]).map((t) => (t.table?.name ?? t.name ?? "").toLowerCase()),
    ),
  );
  let name = TABLE_NAME;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${TABLE_NAME}${i}`;
  return name;
}

interface CellCopy {
  value: ExcelJS.CellValue;
  style: Partial<ExcelJS.Style>;
  note: ExcelJS.Cell["note"] | undefined;
}

function copyOf(cell: ExcelJS.Cell): CellCopy {
  return { value: cell.value, style: structuredClone(cell.style ?? {}), note: cell.note };
}

function clearCell(cell: ExcelJS.Cell): void {
  cell.value = null;
  cell.style = {};
  (cell as unknown as { _comment?: unknown })._comment = undefined;
}

function paste(cell: ExcelJS.Cell, copy: CellCopy): void {
  cell.value = copy.value;
  cell.style = structuredClone(copy.style);
  if (copy.note) cell.note = copy.note;
}

/**
 * Writes the 回访计划 sheet as an Excel table. The sheet itself is kept — its place among the tabs, tab colour,
 * column widths (following their columns), views, page setup and everything typed outside the table — and only
 * the table is written again. Rows read from the previous sheet are copied cell for cell — value, formula, format
 * and note — so what staff typed stays exactly as typed. Overdue and today's open calls are highlighted by
 * conditional formatting on TODAY(), so the colours follow the calendar without rewriting the file; status is a
 * drop-down list; Rapport's fingerprint column is hidden.
 */
export function writeScheduleSheet(
  workbook: ExcelJS.Workbook,
  rows: readonly ScheduleRow[],
  previous: ScheduleSheet | null,
  /** Where `previous` was read: the table's area, or the sheet's first column when it has no table. */
  from: { area: TableArea | null; firstColumn: number } = { area: null, firstColumn: 1 },
): void {
  const { area } = from;
  const extraHeaders = previous?.extraColumns.map((c) => c.header) ?? [];
  const { header, values } = scheduleSheetRows(rows, extraHeaders);
  const existing = workbook.getWorksheet(OWNED_SHEETS.schedule);
  const sheet = existing ?? workbook.addWorksheet(OWNED_SHEETS.schedule, { views: [{ state: "frozen", ySplit: 1 }] });

  // Where each new column was on the old sheet (1-based), for its cells and its width.
  const sourceColumn = (i: number): number | undefined => {
    if (!previous) return undefined;
    const index =
      i < SCHEDULE_COLUMNS.length
        ? previous.columns[SCHEDULE_COLUMNS[i].key]
        : previous.extraColumns[i - SCHEDULE_COLUMNS.length].index;
    return index === undefined ? undefined : index + from.firstColumn;
  };

  // What is kept is read before anything on the sheet changes: kept rows' cells, the columns' widths.
  const kept = new Map<number, (CellCopy | null)[]>();
  const widths: { width?: number; hidden: boolean }[] = [];
  if (existing) {
    rows.forEach((row, r) => {
      if (row.sourceRow === undefined) return;
      kept.set(
        r,
        header.map((_, i) => {
          const c = sourceColumn(i);
          return c === undefined ? null : copyOf(existing.getCell(row.sourceRow as number, c));
        }),
      );
    });
    header.forEach((_, i) => {
      const c = sourceColumn(i);
      const column = c === undefined ? null : existing.getColumn(c);
      widths.push({ width: column?.width, hidden: column?.hidden ?? false });
    });
  }

  const top = area?.top ?? previous?.headerRow ?? 1;
  const oldBottom = area?.bottom ?? Math.max(top, ...(previous?.rows.map((r) => r.sourceRow ?? 0) ?? []));
  const oldRight =
    area?.right ??
    Math.max(
      header.length,
      ...Object.values(previous?.columns ?? {}).map((c) => c + from.firstColumn),
      ...(previous?.extraColumns.map((c) => c.index + from.firstColumn) ?? []),
    );
  const dataRows = Math.max(rows.length, 1); // an Excel table always has at least one data row
  const bottom = top + dataRows;
  const right = header.length;
  if (existing) {
    for (const t of existing.getTables() as unknown as LoadedTable[]) {
      const name = t.table?.name ?? t.name ?? "";
      const a = parseRef(t.table?.tableRef ?? t.table?.ref ?? "");
      if (!a || (a.top <= oldBottom && a.bottom >= top && a.left <= oldRight && a.right >= 1)) {
        existing.removeTable(name);
      }
    }
    const status = previous?.columns.status;
    const statusLetter = status === undefined ? null : columnLetter(status + from.firstColumn);
    const validations = internals(existing).dataValidations.model;
    for (const key of Object.keys(validations)) {
      const a = parseRef(key.includes(":") ? key : `${key}:${key}`);
      if (a && statusLetter && columnLetter(a.left) === statusLetter && a.top > top && a.bottom <= oldBottom)
        delete validations[key];
    }
    // Rapport's highlighting of the old table goes; conditional formats of the user's stay.
    internals(existing).conditionalFormattings = internals(existing).conditionalFormattings.filter(
      (cf) => !(cf.ref.startsWith(`A${top + 1}:`) && cf.rules.every((r) => r.formulae?.[0]?.includes("TODAY()"))),
    );
    // Cells the user typed below the table move down as the table grows, as Excel moves them.
    const grow = bottom - oldBottom;
    if (grow > 0) {
      const width = Math.max(right, oldRight);
      for (let r = existing.rowCount; r > oldBottom; r--) {
        for (let c = 1; c <= width; c++) {
          const cell = existing.findRow(r)?.findCell(c);
          if (!cell || (cell.value === null && !cell.note && JSON.stringify(cell.style ?? {}) === "{}")) continue;
          paste(existing.getCell(r + grow, c), copyOf(cell));
          clearCell(cell);
        }
      }
    }
    for (let r = top; r <= oldBottom; r++) {
      for (let c = area?.left ?? 1; c <= oldRight; c++) {
        const cell = existing.findRow(r)?.findCell(c);
        if (cell) clearCell(cell);
      }
    }
  }

  const tableRows: ExcelJS.CellValue[][] = rows.map((row, r) => {
    const copies = kept.get(r);
    return copies ? copies.map((copy) => copy?.value ?? null) : (values[r] as ExcelJS.CellValue[]);
  });
  if (tableRows.length === 0) tableRows.push(header.map(() => null));
  sheet.addTable({
    name: tableName(workbook),
    ref: `A${top}`,
    headerRow: true,
    totalsRow: false,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: header.map((h, i) => ({
      name: h,
      filterButton: true,
      style: i < SCHEDULE_COLUMNS.length && SCHEDULE_COLUMNS[i].type === "date" ? { numFmt: DATE_FORMAT } : {},
    })),
    rows: tableRows,
  });
  // Kept rows keep the formats and notes staff gave their cells.
  for (const [r, copies] of kept) {
    copies.forEach((copy, i) => {
      if (copy) paste(sheet.getCell(top + 1 + r, i + 1), copy);
    });
  }
  header.forEach((h, i) => {
    const column = sheet.getColumn(i + 1);
    const spec = i < SCHEDULE_COLUMNS.length ? SCHEDULE_COLUMNS[i] : null;
    const old = widths[i];
    column.width = old?.width ?? spec?.width ?? Math.max(10, h.length * 2);
    column.hidden = old && sourceColumn(i) !== undefined ? old.hidden : (spec?.hidden ?? false);
  });

  const status = scheduleColumnLetter("status");
  internals(sheet).dataValidations.add(`${status}${top + 1}:${status}${bottom}`, {
    type: "list",
    allowBlank: true,
    formulae: [
      `"${Object.values(CALLBACK_STATUSES)
        .map((s) => s.zh)
        .join(",")}"`,
    ],
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: "回访状态 Status",
    error: "请从列表中选择回访状态 / pick a status from the list",
  });
  const formulas = scheduleHighlightFormulas(top + 1);
  sheet.addConditionalFormatting({
    ref: `A${top + 1}:${columnLetter(right)}${bottom}`,
    rules: [
      {
        type: "expression",
        priority: 1,
        formulae: [formulas.overdue],
        style: {
          fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } },
          font: { color: { argb: "FF9C0006" } },
        },
      },
      {
        type: "expression",
        priority: 2,
        formulae: [formulas.today],
        style: {
          fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFEB9C" } },
          font: { color: { argb: "FF9C5700" } },
        },
      },
    ],
  });
}
