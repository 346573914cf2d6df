import type ExcelJS from "exceljs";
import type { GradingOutcome } from "../../core/grading/grade-customers";
import {
  ROSTER_WIDTH,
  rosterRows,
  type RosterFormat,
  type RosterInfo,
  type RosterRowKind,
} from "../../core/grading/roster";
import { OWNED_SHEETS } from "../../core/owned";
import { InputError } from "./errors";
import { noteText } from "./owned-columns";

export const ROSTER_NOTE =
  "由 Rapport 生成：每次运行 rapport grade 时整表重写。\nWritten by Rapport: rewritten whole by every rapport grade run.";
const MARK = ROSTER_NOTE.split("\n")[0];

const WIDTHS = [6, 12, 30, 8, 10, 10, 16, 10, 15, 90];
const NUM_FMT: Record<RosterFormat, string> = { percent: "0.0%", money: "#,##0", score: "0.0" };
const BAND_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const HEAD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  bottom: { style: "thin" },
  left: { style: "thin" },
  right: { style: "thin" },
};

/** How each kind of roster row looks in Excel. */
const LOOK: Partial<Record<RosterRowKind, { bold?: boolean; fill?: ExcelJS.Fill; border?: boolean; span?: boolean }>> =
  {
    title: { span: true },
    info: { span: true },
    band: { bold: true, fill: BAND_FILL, span: true },
    head: { bold: true, fill: HEAD_FILL, border: true },
    summary: { border: true },
    total: { bold: true, border: true },
  };

/**
 * Removes the previous roster so it can be written afresh in the same place among the sheets. A sheet of that
 * name which Rapport did not write (no mark, not empty) is the user's: Rapport stops rather than replace it.
 */
function takeRosterSlot(workbook: ExcelJS.Workbook): number | undefined {
  const old = workbook.getWorksheet(OWNED_SHEETS.roster);
  if (!old) return undefined;
  if (!noteText(old.getCell("A1").note).startsWith(MARK) && old.actualRowCount > 0) {
    throw new InputError({
      zh: `工作簿中已有名为「${OWNED_SHEETS.roster}」的工作表，且不是 Rapport 生成的；为免覆盖，请先将其改名，再运行 rapport grade --out`,
      en: `the workbook already has a sheet named "${OWNED_SHEETS.roster}" that Rapport did not write; rename it so it is not overwritten, then run rapport grade --out again`,
    });
  }
  const orderNo = (old as unknown as { orderNo: number }).orderNo;
  workbook.removeWorksheet(old.id);
  return orderNo;
}

/** Writes the graded roster (客户分级目录) laid out by the core, in the place the previous one had. */
export function writeRosterSheet(workbook: ExcelJS.Workbook, outcome: GradingOutcome, info: RosterInfo): void {
  const orderNo = takeRosterSlot(workbook);
  const sheet = workbook.addWorksheet(OWNED_SHEETS.roster, {
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  if (orderNo !== undefined) (sheet as unknown as { orderNo: number }).orderNo = orderNo;
  WIDTHS.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  for (const spec of rosterRows(outcome, info)) {
    const row = sheet.addRow(spec.cells);
    for (const [c, format] of Object.entries(spec.formats ?? {})) row.getCell(Number(c) + 1).numFmt = NUM_FMT[format];
    const look = LOOK[spec.kind];
    if (!look) continue;
    if (look.span) sheet.mergeCells(row.number, 1, row.number, ROSTER_WIDTH);
    for (let c = 1; c <= (look.span ? 1 : spec.cells.length); c++) {
      const cell = row.getCell(c);
      if (look.bold) cell.font = { bold: true };
      if (look.fill) cell.fill = look.fill;
      if (look.border) cell.border = THIN;
    }
  }
  const title = sheet.getCell("A1");
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: "center" };
  title.note = ROSTER_NOTE;
}
