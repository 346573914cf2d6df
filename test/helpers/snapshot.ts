import ExcelJS from "exceljs";

/** Everything a person could notice about a cell. */
export interface CellSnapshot {
  value: unknown;
  formula?: string;
  style: unknown;
  note?: unknown;
  master?: string;
  validation?: unknown;
}

export interface SheetSnapshot {
  state: string;
  views: unknown;
  properties: unknown;
  /** Page setup as exceljs will write it (first page number, margins, orientation, print area…). */
  pageSetup: unknown;
  headerFooter: unknown;
  autoFilter: unknown;
  merges: string[];
  conditionalFormattings: unknown;
  /** Column letter → width, hidden, outline and style, for columns that have any. */
  columns: Record<string, unknown>;
  /** Row number → height, hidden, outline and style, for rows that have any. */
  rows: Record<number, unknown>;
  cells: Record<string, CellSnapshot>;
}

export interface WorkbookSnapshot {
  order: string[];
  properties: unknown;
  definedNames: unknown;
  sheets: Record<string, SheetSnapshot>;
}

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null)) as unknown;

function columnSnapshot(sheet: ExcelJS.Worksheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const col of sheet.columns ?? []) {
    if (!col) continue;
    const snap = { width: col.width, hidden: col.hidden, outlineLevel: col.outlineLevel, style: plain(col.style) };
    const isDefault =
      snap.width === undefined && !snap.hidden && !snap.outlineLevel && JSON.stringify(snap.style) === "{}";
    if (!isDefault && col.letter) out[col.letter] = snap;
  }
  return out;
}

/**
 * Reads a workbook as exceljs sees it, into plain data two workbooks can be compared by. It cannot see what exceljs
 * does not model (pivot tables, drawings, threaded comments, x14 validations, extLst…): copies Rapport writes are
 * checked for those at the package level, part by part, in test/cli/xlsx.
 */
export async function snapshotWorkbook(path: string): Promise<WorkbookSnapshot> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheets: Record<string, SheetSnapshot> = {};
  for (const sheet of workbook.worksheets) {
    const cells: Record<string, CellSnapshot> = {};
    const rows: Record<number, unknown> = {};
    sheet.eachRow({ includeEmpty: true }, (row, r) => {
      const style = (row as unknown as { style?: unknown }).style;
      const rowSnap = { height: row.height, hidden: row.hidden, outlineLevel: row.outlineLevel, style: plain(style) };
      if (
        rowSnap.height !== undefined ||
        rowSnap.hidden ||
        rowSnap.outlineLevel ||
        JSON.stringify(rowSnap.style) !== "{}"
      )
        rows[r] = rowSnap;
      row.eachCell({ includeEmpty: true }, (cell) => {
        // An empty, unstyled cell is no cell at all to Excel; exceljs makes them when a row grows.
        if (cell.value === null && !cell.note && JSON.stringify(cell.style ?? {}) === "{}") return;
        cells[cell.address] = {
          value: plain(cell.value),
          ...(cell.formula ? { formula: cell.formula } : {}),
          style: plain(cell.style),
          ...(cell.note ? { note: plain(cell.note) } : {}),
          ...(cell.isMerged ? { master: cell.master.address } : {}),
          ...(cell.dataValidation ? { validation: plain(cell.dataValidation) } : {}),
        };
      });
    });
    sheets[sheet.name] = {
      state: sheet.state,
      views: plain(sheet.views),
      properties: plain(sheet.properties),
      pageSetup: plain(sheet.pageSetup),
      headerFooter: plain(sheet.headerFooter),
      autoFilter: plain(sheet.autoFilter),
      merges: [...(sheet.model.merges ?? [])].sort(),
      conditionalFormattings: plain((sheet as unknown as { conditionalFormattings?: unknown }).conditionalFormattings),
      columns: columnSnapshot(sheet),
      rows,
      cells,
    };
  }
  return {
    order: workbook.worksheets.map((s) => s.name),
    properties: plain({ creator: workbook.creator, created: workbook.created, modified: workbook.modified }),
    definedNames: plain(workbook.definedNames.model),
    sheets,
  };
}

/** A sheet's snapshot without some of its columns (cells and column settings), e.g. those a program owns. */
export function withoutColumns(sheet: SheetSnapshot, letters: readonly string[]): SheetSnapshot {
  const drop = new Set(letters);
  const letterOf = (address: string) => address.replace(/\d+$/, "");
  return {
    ...sheet,
    columns: Object.fromEntries(Object.entries(sheet.columns).filter(([l]) => !drop.has(l))),
    cells: Object.fromEntries(Object.entries(sheet.cells).filter(([a]) => !drop.has(letterOf(a)))),
  };
}
