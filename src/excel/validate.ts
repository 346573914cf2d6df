/// <reference types="office-js" />
// Validate (校验): the core's findings on the customer sheet, shown where the user works. Invalid cells get
// Rapport's own conditional formats (red for errors, amber for warnings) and a note with the message; the
// 校验结果 sheet lists every finding with a link to its cell. The user's cells, formats and notes are never
// changed: the marks are conditional formats Rapport remembers by id and removes on the next run.
import { OWNED_SHEETS } from "../core/owned";
import type { ArchiveReadResult, SkippedRow, ValidationIssue } from "../core/types";
import { compressCells, joinAddresses } from "./cells";
import {
  checkWritable,
  freshOwnedSheet,
  headerStyle,
  newBatch,
  pickArchive,
  pointsForCharacters,
  progressReporter,
  sheetsAfter,
  type ActionOptions,
  type ActionStats,
} from "./common";
import { findingNotes, findingsRows, FINDINGS_HEADER, FINDINGS_WIDTHS, markedCells, NOTE_MARK } from "./findings";
import { foreignSheetError } from "./office";
import { readWorkbook, sheetInfo } from "./read";
import { writeState, type RapportState } from "./state";

/** Notes are a convenience on the cell; past this many the findings sheet is the place to read them. */
export const MAX_NOTES = 1000;
/** Multi-area addresses are kept short; Excel refuses very long ones. */
const MAX_AREAS_ADDRESS = 2000;

export const MARK_COLORS = {
  error: { fill: "#FDE7E9", font: "#A4262C" },
  warning: { fill: "#FFF4CE", font: "#8A6116" },
} as const;

export interface ValidateOutcome extends ActionStats {
  sheet: string;
  headerRow: number;
  rows: number;
  skipped: SkippedRow[];
  issues: ValidationIssue[];
  errors: number;
  warnings: number;
  /** Cells marked, and notes written. */
  marked: number;
  notes: number;
  findingsSheet: string;
  archive: ArchiveReadResult;
}

export async function validateWorkbook(
  context: Excel.RequestContext,
  options: ActionOptions,
): Promise<ValidateOutcome> {
  const progress = progressReporter(options);
  progress.read();
  const read = await readWorkbook(context, {
    capabilities: options.capabilities,
    customerSheet: options.sheet,
    knownSheets: options.knownSheets,
    notes: true,
    probeConditionalFormats: true,
    protectionOf: [OWNED_SHEETS.findings],
    probeCells: [{ sheet: OWNED_SHEETS.findings, cell: "A1" }],
  });
  progress.readDone();
  const archive = pickArchive(read, options);
  progress.compute();
  const sheetName = archive.sheet;
  checkWritable(read, [sheetName], [OWNED_SHEETS.findings]);
  // A 校验结果 sheet that does not start with Rapport's header is the user's own: never overwritten.
  const findingsInfo = sheetInfo(read, OWNED_SHEETS.findings);
  const a1 = findingsInfo ? read.cells.get(`${findingsInfo.name}!A1`)?.value : undefined;
  if (findingsInfo && a1 !== undefined && a1 !== "" && a1 !== null && a1 !== FINDINGS_HEADER[0]) {
    throw foreignSheetError(findingsInfo.name);
  }

  const marks = markedCells(archive.issues);
  const wantNotes = options.capabilities.notes;
  const notes = wantNotes ? findingNotes(archive.issues, MAX_NOTES) : [];
  const oldNoteCells = read.state.notes?.sheet === sheetName ? read.state.notes.cells : [];
  const sheetNotes = read.notes.get(sheetName)?.contents ?? [];

  let syncs = read.syncs;
  const worksheet = context.workbook.worksheets.getItem(sheetName);
  // Notes live one per cell: a cell that has the user's own note gets none from Rapport, and an old Rapport note
  // is removed only while it still reads as Rapport's. Office.js gives notes by address, so when the sheet has
  // any notes at all one request asks about the cells concerned.
  const skipNote = new Set<string>();
  const deleteNote: string[] = [];
  if (wantNotes && sheetNotes.length > 0 && (notes.length > 0 || oldNoteCells.length > 0)) {
    const cells = [...new Set([...oldNoteCells, ...notes.map((n) => n.cell)])];
    const probes = cells.map((cell) => {
      const note = worksheet.notes.getItemOrNullObject(cell);
      note.load("content");
      return { cell, note };
    });
    await context.sync();
    syncs++;
    for (const { cell, note } of probes) {
      if (note.isNullObject) continue;
      if (String(note.content).startsWith(NOTE_MARK)) deleteNote.push(cell);
      else skipNote.add(cell);
    }
  }

  const findings = findingsRows(archive);
  const header = FINDINGS_HEADER.map((h) => h as string);
  const batch = newBatch(context, options, progress.write);
  batch.expectedBytes = 50_000 + findings.length * 200 + notes.length * 300;

  // 1. Rapport's previous marks and notes on the customer sheet.
  for (const id of read.liveConditionalFormats.get(sheetName) ?? []) {
    await batch.op(60, () => worksheet.getRange().conditionalFormats.getItem(id).delete());
  }
  for (const cell of deleteNote) await batch.op(40, () => worksheet.notes.getItem(cell).delete());

  // 2. New marks: one conditional format per group of cells, never one per cell.
  const added: Excel.ConditionalFormat[] = [];
  for (const [severity, cells] of [
    ["error", marks.errors],
    ["warning", marks.warnings],
  ] as const) {
    const colors = MARK_COLORS[severity];
    const addresses = compressCells(cells);
    const groups = options.capabilities.rangeAreas ? joinAddresses(addresses, MAX_AREAS_ADDRESS) : addresses;
    for (const group of groups) {
      await batch.op(group.length + 200, () => {
        const target = options.capabilities.rangeAreas ? worksheet.getRanges(group) : worksheet.getRange(group);
        const cf = target.conditionalFormats.add("Custom");
        cf.custom.rule.formula = "=TRUE";
        cf.custom.format.fill.color = colors.fill;
        cf.custom.format.font.color = colors.font;
        cf.load("id");
        added.push(cf);
      });
    }
  }

  // 3. Notes with the message.
  const written: string[] = [];
  for (const note of notes) {
    if (skipNote.has(note.cell)) continue;
    // A note removed above in this same request: adding it again comes after, in order.
    await batch.op(note.content.length * 3 + 60, () => worksheet.notes.add(note.cell, note.content));
    written.push(note.cell);
  }

  // 4. The 校验结果 sheet.
  const findingsSheet = await freshOwnedSheet(batch, read, OWNED_SHEETS.findings);
  await batch.writeBlock(findingsSheet, 1, 1, [header]);
  await batch.writeBlock(findingsSheet, 2, 1, findings, [null, "0", null, null, null, null, "@", null, null]);
  await headerStyle(batch, findingsSheet.getRangeByIndexes(0, 0, 1, header.length));
  await batch.op(FINDINGS_WIDTHS.length * 60, () => {
    FINDINGS_WIDTHS.forEach((w, i) => {
      findingsSheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = pointsForCharacters(w);
    });
    findingsSheet.freezePanes.freezeRows(1);
  });
  await batch.flush();

  // 5. Remember the marks by id (known only now that Excel has made them).
  const state: RapportState = {
    ...read.state,
    marks: { sheet: sheetName, ids: added.map((cf) => cf.id) },
    notes: { sheet: sheetName, cells: written },
  };
  writeState(context.workbook.settings, state);
  await context.sync();
  syncs += batch.syncs + 1;
  progress.done();

  const errors = archive.issues.filter((i) => i.severity === "error").length;
  return {
    sheet: sheetName,
    headerRow: archive.headerRow,
    rows: archive.records.length,
    skipped: archive.skipped,
    issues: archive.issues,
    errors,
    warnings: archive.issues.length - errors,
    marked: marks.errors.length + marks.warnings.length,
    notes: written.length,
    findingsSheet: OWNED_SHEETS.findings,
    archive,
    syncs,
    largestRequestEstimate: batch.largestRequest,
    sheets: sheetsAfter(read, OWNED_SHEETS.findings),
  };
}

/** Removes Rapport's marks and notes from the customer sheet (the pane's “Clear marks”). */
export async function clearMarks(context: Excel.RequestContext, options: ActionOptions): Promise<number> {
  const read = await readWorkbook(context, {
    capabilities: options.capabilities,
    values: false,
    probeConditionalFormats: true,
  });
  const sheet = read.state.marks?.sheet;
  if (!sheet) return 0;
  checkWritable(read, [sheet], []);
  const worksheet = context.workbook.worksheets.getItem(sheet);
  const ids = read.liveConditionalFormats.get(sheet) ?? [];
  for (const id of ids) worksheet.getRange().conditionalFormats.getItem(id).delete();
  const cells = read.state.notes?.sheet === sheet ? read.state.notes.cells : [];
  const probes = options.capabilities.notes
    ? cells.map((cell) => {
        const note = worksheet.notes.getItemOrNullObject(cell);
        note.load("content");
        return note;
      })
    : [];
  await context.sync();
  for (const note of probes) if (!note.isNullObject && String(note.content).startsWith(NOTE_MARK)) note.delete();
  writeState(context.workbook.settings, { ...read.state, marks: undefined, notes: undefined });
  await context.sync();
  return ids.length;
}
