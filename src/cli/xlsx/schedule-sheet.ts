import type ExcelJS from "exceljs";
import { OWNED_SHEETS } from "../../core/owned";
import {
  CALLBACK_STATUSES,
  OPEN_STATUSES,
  SCHEDULE_COLUMNS,
  scheduleColumnLetter,
  scheduleSheetRows,
  type ScheduleRow,
  type ScheduleSheet,
} from "../../core/schedule";
import { columnLetter } from "../../core/a1";

const TABLE_NAME = "CallbackPlan";

/** What exceljs has but its typings leave out: a sheet's position among the tabs, and range-wide validations. */
interface WorksheetInternals {
  orderNo: number;
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}
const internals = (sheet: ExcelJS.Worksheet) => sheet as unknown as WorksheetInternals;
const DATE_FORMAT = "yyyy-mm-dd";

/** Table names are unique in a workbook; a user's own table may already be called CallbackPlan. */
function tableName(workbook: ExcelJS.Workbook): string {
  const taken = new Set(
    workbook.worksheets.flatMap((ws) =>
      (ws.getTables() as unknown as { name?: string; table?: { name: string } }[]).map(
        (t) => t.table?.name ?? t.name ?? "",
      ),
    ),
  );
  let name = TABLE_NAME;
  for (let i = 2; taken.has(name); i++) name = `${TABLE_NAME}${i}`;
  return name;
}

/**
 * Writes the 回访计划 sheet as an Excel table, in place of the previous one (at the same position among the
 * sheets). Rows read from the previous sheet are copied cell for cell — value, formula and format — so what staff
 * typed stays exactly as typed. Overdue and today's rows are highlighted by conditional formatting on TODAY(), so
 * the colours follow the calendar without rewriting the file; status is a drop-down list.
 */
export function writeScheduleSheet(
  workbook: ExcelJS.Workbook,
  rows: readonly ScheduleRow[],
  previous: ScheduleSheet | null,
): void {
  const old = workbook.getWorksheet(OWNED_SHEETS.schedule);
  const extraHeaders = previous?.extraColumns.map((c) => c.header) ?? [];
  const { header, values } = scheduleSheetRows(rows, extraHeaders);
  const orderNo = old ? internals(old).orderNo : undefined;
  if (old) workbook.removeWorksheet(old.id);
  const sheet = workbook.addWorksheet(OWNED_SHEETS.schedule, { views: [{ state: "frozen", ySplit: 1 }] });
  if (orderNo !== undefined) internals(sheet).orderNo = orderNo;

  const sourceColumn = (i: number): number | undefined => {
    if (!previous) return undefined;
    if (i < SCHEDULE_COLUMNS.length) {
      const index = previous.columns[SCHEDULE_COLUMNS[i].key];
      return index === undefined ? undefined : index + 1;
    }
    return previous.extraColumns[i - SCHEDULE_COLUMNS.length].index + 1;
  };
  const tableRows: ExcelJS.CellValue[][] = rows.map((row, r) =>
    values[r].map((value, i) => {
      if (row.sourceRow !== undefined && old) {
        const c = sourceColumn(i);
        return c === undefined ? null : old.getCell(row.sourceRow, c).value;
      }
      return value;
    }),
  );
  // An Excel table always has at least one data row.
  if (tableRows.length === 0) tableRows.push(header.map(() => null));

  sheet.addTable({
    name: tableName(workbook),
    ref: "A1",
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
  // Kept rows keep the formats staff gave their cells.
  rows.forEach((row, r) => {
    if (row.sourceRow === undefined || !old) return;
    header.forEach((_, i) => {
      const c = sourceColumn(i);
      if (c !== undefined)
        sheet.getCell(r + 2, i + 1).style = structuredClone(old.getCell(row.sourceRow as number, c).style);
    });
  });
  header.forEach((h, i) => {
    sheet.getColumn(i + 1).width = i < SCHEDULE_COLUMNS.length ? SCHEDULE_COLUMNS[i].width : Math.max(10, h.length * 2);
  });

  const last = tableRows.length + 1;
  const status = scheduleColumnLetter("status");
  const date = scheduleColumnLetter("date");
  const lastColumn = columnLetter(header.length);
  internals(sheet).dataValidations.add(`${status}2:${status}${last}`, {
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
  const open = OPEN_STATUSES.map((s) => `$${status}2="${CALLBACK_STATUSES[s].zh}"`).join(",");
  sheet.addConditionalFormatting({
    ref: `A2:${lastColumn}${last}`,
    rules: [
      {
        type: "expression",
        priority: 1,
        formulae: [`AND(ISNUMBER($${date}2),$${date}2<TODAY(),OR($${status}2="",${open}))`],
        style: {
          fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } },
          font: { color: { argb: "FF9C0006" } },
        },
      },
      {
        type: "expression",
        priority: 2,
        formulae: [`AND(ISNUMBER($${date}2),$${date}2=TODAY())`],
        style: {
          fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFEB9C" } },
          font: { color: { argb: "FF9C5700" } },
        },
      },
    ],
  });
}
