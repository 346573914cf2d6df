/// <reference types="office-js" />
// Validate (校验): the core's findings on the customer sheet, shown where the user works. Invalid cells get
// Rapport's own conditional formats (red for errors, amber for warnings) and a note with the message; the
// 校验结果 sheet lists every finding with a link to its cell. The user's cells, formats and notes are never
// changed: the marks are conditional formats Rapport remembers by id and sheet, and removes on the next run
// wherever they are (the customer sheet may have changed in between).
import { OWNED_SHEETS } from "../core/owned";
import type { SkippedRow, ValidationIssue } from "../core/types";
import { compressCells, joinAddresses } from "./cells";
import {
  checkWritable,
  freshOwnedSheet,
  headerStyle,
  newBatch,
  pickArchiveCheck,
  pointsForCharacters,
  progressReporter,
  sheetsAfter,
  type ActionOptions,
  type ActionStats,
} from "./common";
import { findingNotes, findingsRows, FINDINGS_HEADER, FINDINGS_WIDTHS, markedCells, NOTE_MARK } from "./findings";
import { foreignSheetError } from "./office";
import { readWorkbook, sheetInfo, type SheetInfo, type WorkbookRead } from "./read";
import { writeState, type RapportState, type SheetRefState } from "./state";

/** Notes are a convenience on the cell; past this many the findings sheet is the place to read them. */
export const MAX_NOTES = 1000;
/** Multi-area addresses are kept short; Excel refuses very long ones. */
const MAX_AREAS_ADDRESS = 2000;
/**
 * Without multi-area ranges (before ExcelApi 1.9) each run of invalid cells in a column needs a conditional format
 * of its own; thousands of them slow Excel down and bloat Rapport's bookkeeping, so at most this many are made
 * (errors first). The cells left unmarked are still listed on the 校验结果 sheet, and the pane says how many.
 */
export const MAX_SINGLE_RANGE_MARKS = 500;

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
  /** Invalid cells left without a mark (older Excel: over MAX_SINGLE_RANGE_MARKS runs). */
  unmarked: number;
  notes: number;
  findingsSheet: string;
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
    headers: options.headers,
    notes: true,
    probeConditionalFormats: true,
    protectionOf: [OWNED_SHEETS.findings],
    probeCells: [{ sheet: OWNED_SHEETS.findings, cell: "A1" }],
  });
  progress.readDone();
  const archive = pickArchiveCheck(read, options);
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
  const sheetNotes = read.notes.get(sheetName)?.contents ?? [];
  const customer = sheetInfo(read, sheetName) as SheetInfo;
  // Rapport's marks from before, wherever they are. Those on another sheet that is now protected stay (and stay
  // remembered, for a later run); everything else goes.
  const oldMarks = placeEntries(read, read.state.marks ?? []);
  const oldNotes = placeEntries(read, read.state.notes ?? []);
  const keep = (e: { info?: SheetInfo }) => !!e.info && e.info.name !== customer.name && e.info.protected;
  const oldNoteCells = oldNotes.filter((e) => e.info?.name === customer.name).flatMap((e) => e.entry.cells);

  let syncs = read.syncs;
  const worksheets = context.workbook.worksheets;
  const worksheet = worksheets.getItem(sheetName);
  // Notes live one per cell: a cell that has the user's own note gets none from Rapport, and an old Rapport note
  // is removed only while it still reads as Rapport's. Office.js gives notes by address, so one request asks about
  // the cells concerned: on the customer sheet when it has any notes at all, and on a sheet marked before.
  const skipNote = new Set<string>();
  const deleteNotes: { sheet: string; cell: string }[] = [];
  if (wantNotes) {
    const asked: { sheet: string; cell: string }[] = [];
    if (sheetNotes.length > 0 && (notes.length > 0 || oldNoteCells.length > 0)) {
      for (const cell of new Set([...oldNoteCells, ...notes.map((n) => n.cell)]))
        asked.push({ sheet: sheetName, cell });
    }
    for (const e of oldNotes) {
      if (!e.info || e.info.name === customer.name || keep(e)) continue;
      for (const cell of e.entry.cells) asked.push({ sheet: e.info.name, cell });
    }
    if (asked.length) {
      const probes = asked.map((at) => {
        const note = worksheets.getItem(at.sheet).notes.getItemOrNullObject(at.cell);
        note.load("content");
        return { at, note };
      });
      await context.sync();
      syncs++;
      for (const { at, note } of probes) {
        if (note.isNullObject) continue;
        if (String(note.content).startsWith(NOTE_MARK)) deleteNotes.push(at);
        else if (at.sheet === sheetName) skipNote.add(at.cell);
      }
    }
  }

  const findings = findingsRows(archive);
  const header = FINDINGS_HEADER.map((h) => h as string);
  const batch = newBatch(context, options, progress.write);
  batch.expectedBytes = 50_000 + findings.length * 200 + notes.length * 300;

  // 1. Rapport's previous marks and notes, on the customer sheet and any other.
  const cleared = new Set<string>();
  for (const e of oldMarks) {
    if (!e.info || keep(e) || cleared.has(e.info.name)) continue;
    cleared.add(e.info.name);
    const sheet = worksheets.getItem(e.info.name);
    for (const id of read.liveConditionalFormats.get(e.info.name) ?? []) {
      await batch.op(60, () => sheet.getRange().conditionalFormats.getItem(id).delete());
    }
  }
  for (const at of deleteNotes) await batch.op(40, () => worksheets.getItem(at.sheet).notes.getItem(at.cell).delete());

  // 2. New marks: one conditional format per group of cells, never one per cell.
  const added: Excel.ConditionalFormat[] = [];
  let budget = options.capabilities.rangeAreas ? Infinity : MAX_SINGLE_RANGE_MARKS;
  let unmarked = 0;
  for (const [severity, cells] of [
    ["error", marks.errors],
    ["warning", marks.warnings],
  ] as const) {
    const colors = MARK_COLORS[severity];
    const addresses = compressCells(cells);
    let groups = options.capabilities.rangeAreas ? joinAddresses(addresses, MAX_AREAS_ADDRESS) : addresses;
    if (groups.length > budget) {
      unmarked += groups.slice(budget).reduce((n, a) => n + cellsIn(a), 0);
      groups = groups.slice(0, budget);
    }
    budget -= groups.length;
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
  const here: SheetRefState = { sheet: customer.name, sheetId: customer.id };
  const ids = added.map((cf) => cf.id);
  const state: RapportState = {
    ...read.state,
    marks: [...(ids.length ? [{ ...here, ids }] : []), ...oldMarks.filter(keep).map((e) => e.entry)],
    notes: [...(written.length ? [{ ...here, cells: written }] : []), ...oldNotes.filter(keep).map((e) => e.entry)],
  };
  if (!state.marks?.length) delete state.marks;
  if (!state.notes?.length) delete state.notes;
  writeState(context.workbook.settings, state);
  await context.sync();
  syncs += batch.syncs + 1;
  progress.done();

  const errors = archive.issues.filter((i) => i.severity === "error").length;
  return {
    sheet: sheetName,
    headerRow: archive.headerRow,
    rows: archive.customers,
    skipped: archive.skipped,
    issues: archive.issues,
    errors,
    warnings: archive.issues.length - errors,
    marked: marks.errors.length + marks.warnings.length - unmarked,
    unmarked,
    notes: written.length,
    findingsSheet: OWNED_SHEETS.findings,
    syncs,
    largestRequestEstimate: batch.largestRequest,
    sheets: sheetsAfter(read, OWNED_SHEETS.findings),
  };
}

/** Cells in `C5:C9` or `C5`. */
function cellsIn(address: string): number {
  const m = /^[A-Z]+(\d+)(?::[A-Z]+(\d+))?$/.exec(address);
  return m ? Number(m[2] ?? m[1]) - Number(m[1]) + 1 : 1;
}

/** State entries with the sheet each is on now: found by worksheet id (renamed since), else by name; or gone. */
function placeEntries<T extends SheetRefState>(read: WorkbookRead, entries: readonly T[]) {
  return entries.map((entry) => ({
    entry,
    info: (entry.sheetId && read.sheets.find((s) => s.id === entry.sheetId)) || sheetInfo(read, entry.sheet),
  }));
}

/** Removes Rapport's marks and notes from every sheet that has them (the pane's “Clear marks”). */
export async function clearMarks(context: Excel.RequestContext, options: ActionOptions): Promise<number> {
  const read = await readWorkbook(context, {
    capabilities: options.capabilities,
    values: false,
    probeConditionalFormats: true,
  });
  const marks = placeEntries(read, read.state.marks ?? []).filter((e) => e.info);
  const notes = placeEntries(read, read.state.notes ?? []).filter((e) => e.info);
  if (!marks.length && !notes.length && !read.state.marks && !read.state.notes) return 0;
  const sheets = [...new Set([...marks, ...notes].map((e) => (e.info as SheetInfo).name))];
  checkWritable(read, sheets, []);
  const worksheets = context.workbook.worksheets;
  let removed = 0;
  for (const name of new Set(marks.map((e) => (e.info as SheetInfo).name))) {
    const ids = read.liveConditionalFormats.get(name) ?? [];
    for (const id of ids) worksheets.getItem(name).getRange().conditionalFormats.getItem(id).delete();
    removed += ids.length;
  }
  const probes = options.capabilities.notes
    ? notes.flatMap((e) =>
        e.entry.cells.map((cell) => {
          const note = worksheets.getItem((e.info as SheetInfo).name).notes.getItemOrNullObject(cell);
          note.load("content");
          return note;
        }),
      )
    : [];
  await context.sync();
  for (const note of probes) if (!note.isNullObject && String(note.content).startsWith(NOTE_MARK)) note.delete();
  writeState(context.workbook.settings, { ...read.state, marks: undefined, notes: undefined });
  await context.sync();
  return removed;
}
