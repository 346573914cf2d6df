/// <reference types="office-js" />
// Grade (评级): the core grades the customers against the company's standard (the 评级标准 sheet, or Rapport's
// default), and the result goes where the CLI puts it: the 评分/客户等级/ABC分类/评级说明 columns of the customer
// sheet and the 客户分级目录 sheet. Only Rapport's own columns and sheets are written.
import {
  DEFAULT_STANDARD,
  gradeArchive,
  RESULT_COLUMN_NOTE,
  RESULT_COLUMNS,
  standardToGrid,
  type Distribution,
  type GradingOutcome,
  type GradingStandard,
  type NotGraded,
} from "../core/grading";
import { columnLetter } from "../core/a1";
import { pickStandard } from "../core/grading/pick-standard";
import { normalizeHeader } from "../core/fields";
import { OWNED_SHEETS, SETTINGS_SHEETS } from "../core/owned";
import type { ArchiveReadResult } from "../core/types";
import type { WriteBatch } from "./batch";
import { cellAddress, quoteSheetName, type WriteCell } from "./cells";
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
import {
  resolveOwnedColumns,
  resultHeaderCandidates,
  resultRows,
  RESULT_FORMATS,
  RESULT_WIDTHS,
  ROSTER_NOTE,
  ROSTER_WIDTHS,
  formatRuns,
  ROSTER_EXPLANATION,
  rosterCells,
  type RosterCells,
} from "./grading-layout";
import { ROSTER_WIDTH } from "../core/grading/roster";
import { ActionError, foreignSheetError, type ExcelCapabilities } from "./office";
import { gridOf, readWorkbook, sheetInfo, type WorkbookRead } from "./read";
import { writeState } from "./state";

/** The note on Rapport's header cells: its first line tells the next run (and the CLI) the column is Rapport's. */
export const RESULT_NOTE = `${RESULT_COLUMN_NOTE.zh}\n${RESULT_COLUMN_NOTE.en}`;
const RESULT_NOTE_MARK = RESULT_COLUMN_NOTE.zh.slice(0, 12);
/** The header rows of the standard's parts, made bold on a new 评级标准 sheet. */
const SECTION_HEADERS = new Set(["评分项目", "等级", "硬性规则", "ABC分类"].map(normalizeHeader));

export interface GradeSummary extends ActionStats {
  sheet: string;
  headerRow: number;
  graded: number;
  notGraded: NotGraded[];
  distribution: Distribution;
  /** Where the standard came from: the workbook's 评级标准 sheet or Rapport's default. */
  standard: "sheet" | "default";
  /** Column letters of 评分, 客户等级, ABC分类, 评级说明. */
  columns: string[];
  rosterSheet: string;
  outcome: GradingOutcome;
  archive: ArchiveReadResult;
}

/** The standard as `rapport grade` picks it without a config file: the 评级标准 sheet, else the default. */
export function standardOf(read: WorkbookRead): {
  standard: GradingStandard;
  source: "sheet" | "default";
  described: string;
} {
  const picked = pickStandard(read.grids);
  if (!picked.ok) {
    throw new ActionError("standard-invalid", {
      zh: "评级标准表有误，请修改后再评级：" + picked.problems.map((p) => `${p.where}：${p.message.zh}`).join("；"),
      en:
        "The 评级标准 (grading standard) sheet has problems; fix them and grade again: " +
        picked.problems.map((p) => `${p.where}: ${p.message.en}`).join("; "),
    });
  }
  const source = picked.source.kind === "sheet" ? "sheet" : "default";
  const described = picked.source.kind === "sheet" ? `工作表「${picked.source.sheet}」` : "默认标准";
  return { standard: picked.standard, source, described };
}

/** Contiguous runs of columns, so each run is written as one block. */
function runs(columns: readonly number[]): { start: number; indexes: number[] }[] {
  const order = columns.map((c, i) => ({ c, i })).sort((a, b) => a.c - b.c);
  const out: { start: number; indexes: number[] }[] = [];
  for (const { c, i } of order) {
    const last = out[out.length - 1];
    if (last && last.start + last.indexes.length === c) last.indexes.push(i);
    else out.push({ start: c, indexes: [i] });
  }
  return out;
}

export async function gradeWorkbook(context: Excel.RequestContext, options: ActionOptions): Promise<GradeSummary> {
  const progress = progressReporter(options);
  progress.read();
  const read = await readWorkbook(context, {
    capabilities: options.capabilities,
    customerSheet: options.sheet,
    knownSheets: options.knownSheets,
    headers: options.headers,
    alsoRead: [SETTINGS_SHEETS.standard],
    notes: true,
    probeCells: [{ sheet: OWNED_SHEETS.roster, cell: "A1" }],
    protectionOf: [OWNED_SHEETS.roster],
  });
  progress.readDone();
  const archive = pickArchive(read, options);
  progress.compute();
  const { standard, source, described } = standardOf(read);
  const grid = gridOf(read, archive.sheet);
  if (!grid) throw new Error(`sheet ${archive.sheet} was not read`);
  const outcome = gradeArchive(archive, standard, { today: options.today, firstColumn: grid.firstColumn });
  checkWritable(read, [archive.sheet], [OWNED_SHEETS.roster]);
  checkRosterIsOurs(read);

  let syncs = read.syncs;
  const worksheet = context.workbook.worksheets.getItem(archive.sheet);
  const state = read.state;
  const known =
    state.owned?.sheet === archive.sheet && state.owned.headerRow === archive.headerRow ? state.owned.columns : [];
  // A workbook graded by the CLI marks its columns with a note; when the sheet has such a note and a column with
  // Rapport's header is not already known, Excel is asked which header cells carry it.
  const noted = new Set<number>();
  const sheetNotes = read.notes.get(archive.sheet)?.contents ?? [];
  if (sheetNotes.some((n) => n.startsWith(RESULT_NOTE_MARK))) {
    const unknown = [...resultHeaderCandidates(grid, archive.headerRow).values()].filter((c) => !known.includes(c));
    if (unknown.length) {
      const probes = unknown.map((column) => {
        const note = worksheet.notes.getItemOrNullObject(cellAddress(archive.headerRow, column));
        note.load("content");
        return { column, note };
      });
      await context.sync();
      syncs++;
      for (const { column, note } of probes) {
        if (!note.isNullObject && String(note.content).startsWith(RESULT_NOTE_MARK)) noted.add(column);
      }
    }
  }
  const owned = resolveOwnedColumns(grid, archive.headerRow, { known, noted });
  const lastRow = grid.firstRow + grid.values.length - 1;
  const cells = resultRows(archive, outcome, lastRow);
  // Excel 2019 and later (ExcelApi 1.9) turn references into values in place; older ones get the text itself.
  const explanation = columnLetter(owned.columns[3]);
  const reference = options.capabilities.rangeAreas
    ? (row: number) => `=${quoteSheetName(archive.sheet)}!$${explanation}$${row}`
    : undefined;
  const roster = rosterCells(
    outcome,
    {
      today: options.today,
      customerSheet: archive.sheet,
      standardSource: described,
      standard,
      records: archive.records,
    },
    reference,
  );

  const batch = newBatch(context, options, progress.write);
  batch.expectedBytes = cells.length * 260 + roster.cells.length * 330;
  await writeResultColumns(batch, worksheet, grid.firstColumn, archive.headerRow, owned, cells, options.capabilities);
  await writeRoster(batch, read, roster, options.capabilities.notes);
  await batch.op(200, () =>
    writeState(context.workbook.settings, {
      ...state,
      owned: { sheet: archive.sheet, headerRow: archive.headerRow, columns: owned.columns },
    }),
  );
  await batch.flush();
  syncs += batch.syncs;
  progress.done();
  return {
    sheet: archive.sheet,
    headerRow: archive.headerRow,
    graded: outcome.results.length,
    notGraded: outcome.notGraded,
    distribution: outcome.distribution,
    standard: source,
    columns: owned.columns.map(columnLetter),
    rosterSheet: OWNED_SHEETS.roster,
    outcome,
    archive,
    syncs,
    largestRequestEstimate: batch.largestRequest,
    sheets: sheetsAfter(read, OWNED_SHEETS.roster),
  };
}

async function writeResultColumns(
  batch: WriteBatch,
  worksheet: Excel.Worksheet,
  firstColumn: number,
  headerRow: number,
  owned: ReturnType<typeof resolveOwnedColumns>,
  cells: readonly (readonly WriteCell[])[],
  capabilities: ExcelCapabilities,
): Promise<void> {
  // New headers look like the user's own: the header cell left of Rapport's first column.
  const ownedSet = new Set(owned.columns);
  let styleColumn = Math.min(...owned.columns) - 1;
  while (styleColumn > firstColumn && ownedSet.has(styleColumn)) styleColumn--;
  for (const run of runs(owned.columns)) {
    const header = run.indexes.map((i) => RESULT_COLUMNS[i] as WriteCell);
    await batch.writeBlock(worksheet, headerRow, run.start, [header]);
    const block = cells.map((row) => run.indexes.map((i) => row[i]));
    await batch.writeBlock(
      worksheet,
      headerRow + 1,
      run.start,
      block,
      run.indexes.map((i) => RESULT_FORMATS[i]),
    );
    // 评分, 客户等级 and ABC分类 are centred, as the CLI writes them.
    const centred = run.indexes.filter((i) => i < 3);
    if (centred.length && cells.length) {
      await batch.op(80, () => {
        const first = run.start + run.indexes.indexOf(centred[0]);
        sheetRange(worksheet, headerRow + 1, first, cells.length, centred.length).format.horizontalAlignment = "Center";
      });
    }
  }
  for (let i = 0; i < owned.columns.length; i++) {
    if (!owned.created[i]) continue;
    const column = owned.columns[i];
    await batch.op(RESULT_NOTE.length * 3 + 200, () => {
      const head = worksheet.getRangeByIndexes(headerRow - 1, column - 1, 1, 1);
      // Copying formats needs ExcelApi 1.9 (what `rangeAreas` stands for); older Excel leaves the header plain.
      if (styleColumn >= firstColumn && capabilities.rangeAreas) {
        head.copyFrom(worksheet.getRangeByIndexes(headerRow - 1, styleColumn - 1, 1, 1), "Formats");
      }
      worksheet.getRangeByIndexes(0, column - 1, 1, 1).format.columnWidth = pointsForCharacters(RESULT_WIDTHS[i]);
      if (capabilities.notes) worksheet.notes.add(cellAddress(headerRow, column), RESULT_NOTE);
    });
  }
}

function sheetRange(sheet: Excel.Worksheet, row: number, column: number, rows: number, columns: number) {
  return sheet.getRangeByIndexes(row - 1, column - 1, rows, columns);
}

/**
 * A 客户分级目录 sheet Rapport did not write (no Rapport note on A1, not Rapport's title, not empty) is the
 * user's: Rapport stops rather than replace it, as `rapport grade --out` does.
 */
function checkRosterIsOurs(read: WorkbookRead): void {
  const info = sheetInfo(read, OWNED_SHEETS.roster);
  if (!info) return;
  const a1 = read.cells.get(`${info.name}!A1`);
  if (!a1) return;
  const mark = ROSTER_NOTE.split("\n")[0];
  const empty = a1.value === "" || a1.value === null;
  const ours = a1.note?.startsWith(mark) || a1.value === "客户分级目录";
  if (!empty && !ours) throw foreignSheetError(info.name);
}

const BAND_FILL = "#DDEBF7";
const HEAD_FILL = "#F2F2F2";

/** Writes the roster laid out by the core; rows are styled by kind, as the CLI styles them. */
async function writeRoster(batch: WriteBatch, read: WorkbookRead, roster: RosterCells, notes: boolean) {
  const info = sheetInfo(read, OWNED_SHEETS.roster);
  if (notes && info && read.cells.get(`${info.name}!A1`)?.note) {
    // The old roster's note goes with it; whatever Excel's clearing does to notes, A1 gets a fresh one below.
    await batch.op(60, () => batch.context.workbook.worksheets.getItem(info.name).notes.getItem("A1").delete());
  }
  const sheet = await freshOwnedSheet(batch, read, OWNED_SHEETS.roster);
  for (const run of formatRuns(roster.formats)) {
    const cells = roster.cells.slice(run.start, run.start + run.count);
    await batch.writeBlock(sheet, run.start + 1, 1, cells, roster.formats[run.start]);
  }
  // References to the customer sheet's 评级说明 become the text itself (paste values in place): the roster then
  // stays as written whatever is later done to the customer sheet, as the CLI's does.
  for (const run of roster.explanationRuns) {
    await batch.op(120, () => {
      const range = sheetRange(sheet, run.start + 1, ROSTER_EXPLANATION + 1, run.count, 1);
      range.copyFrom(range, "Values");
    });
  }
  const width = ROSTER_WIDTH;
  for (let i = 0; i < roster.rows.length; i++) {
    const kind = roster.rows[i].kind;
    const row = i + 1;
    if (kind === "title" || kind === "info" || kind === "band") {
      await batch.op(120, () => {
        const range = sheetRange(sheet, row, 1, 1, width);
        range.merge(false);
        if (kind === "band") {
          range.format.font.bold = true;
          range.format.fill.color = BAND_FILL;
        }
        if (kind === "title") {
          range.format.font.bold = true;
          range.format.font.size = 16;
          range.format.horizontalAlignment = "Center";
        }
      });
    } else if (kind === "head" || kind === "summary" || kind === "total") {
      const used = roster.rows[i].cells.length;
      await batch.op(300, () => {
        const range = sheetRange(sheet, row, 1, 1, used);
        if (kind !== "summary") range.format.font.bold = true;
        if (kind === "head") range.format.fill.color = HEAD_FILL;
        for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical"] as const) {
          range.format.borders.getItem(edge).style = "Continuous";
        }
      });
    }
  }
  await batch.op(ROSTER_WIDTHS.length * 60 + 200, () => {
    ROSTER_WIDTHS.forEach((w, i) => {
      sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = pointsForCharacters(w);
    });
    if (notes) sheet.notes.add("A1", ROSTER_NOTE);
  });
}

/**
 * Adds the 评级标准 sheet with Rapport's default standard, for the company to adjust (the pane offers it when the
 * workbook has none). A sheet of that name that already exists is the company's and is never overwritten.
 */
export async function createStandardSheet(context: Excel.RequestContext, options: ActionOptions): Promise<string> {
  const read = await readWorkbook(context, { capabilities: options.capabilities, values: false });
  const name = SETTINGS_SHEETS.standard;
  if (sheetInfo(read, name)) {
    throw new ActionError("standard-invalid", {
      zh: `工作簿中已有「${name}」表，Rapport 不会覆盖它。`,
      en: `The workbook already has a sheet "${name}"; Rapport does not overwrite it.`,
    });
  }
  checkWritable(read, [], [name]);
  const batch = newBatch(context, options, () => undefined);
  const rows = standardToGrid(DEFAULT_STANDARD);
  const width = Math.max(...rows.map((r) => r.length));
  const grid = rows.map((r) => [...r, ...new Array<null>(width - r.length).fill(null)]);
  let sheet: Excel.Worksheet | undefined;
  await batch.op(100, () => (sheet = context.workbook.worksheets.add(name)));
  const added = sheet as Excel.Worksheet;
  await batch.writeBlock(added, 1, 1, grid);
  await batch.op(100, () => {
    added.getRangeByIndexes(0, 0, 1, 1).format.font.bold = true;
    added.getRangeByIndexes(0, 0, grid.length, width).format.autofitColumns();
  });
  for (let r = 0; r < grid.length; r++) {
    const first = grid[r][0];
    if (typeof first === "string" && SECTION_HEADERS.has(normalizeHeader(first))) {
      await headerStyle(batch, added.getRangeByIndexes(r, 0, 1, grid[r].filter((c) => c !== null).length));
    }
  }
  await batch.flush();
  return name;
}
