/// <reference types="office-js" />
// Reading a workbook through Office.js in one or two round-trips whatever its size. Each needed sheet's used range
// comes with one `getUsedRangeOrNullObject(true)` values load (plus merged areas, notes and formulas where an
// action needs them), in the same request as the sheets' names, protection and Rapport's own bookkeeping (a
// workbook setting) when the customer sheet is known; when it is not, the names come first. Only Excel on the web
// refuses a response over 5 MB: then, and only then, the values are read again in row blocks, one request each.
// Number formats of the customer sheet are read only where the core looks at them (客户满意度, where a percentage
// format makes 1 read 100 %), in one more small request once the values have shown where the header is, and only
// when those cells hold numbers.
import { NON_ARCHIVE_SHEETS } from "../core/owned";
import { customerSheetPercentColumns } from "../core/customer-sheet";
import { isPercentFormat, percentCellKey } from "../core/parse/number-format";
import { scheduleTableOf, type TableArea } from "../core/schedule";
import type { SheetGrid } from "../core/types";
import { DEFAULT_BUDGET_BYTES } from "./batch";
import { gridFromOffice, parseAreas } from "./cells";
import { coreMapping, withoutHeaders } from "./mapping";
import { officeErrorCode, type ExcelCapabilities } from "./office";
import { HEADERS_KEY, readHeaders, readState, STATE_KEY, type HeaderMapping, type RapportState } from "./state";

export interface SheetInfo {
  name: string;
  /** Excel's worksheet id (stays when the sheet is renamed). */
  id: string;
  position: number;
  visibility: string;
  protected: boolean;
}

export interface ReadRequest {
  capabilities: ExcelCapabilities;
  /** The customer sheet, when the pane already knows it; otherwise every sheet that may hold customers is read. */
  customerSheet?: string;
  /** `false`: read no customer sheet's values at all (only `alsoRead`). */
  values?: boolean;
  /**
   * The column mapping the action parses the customer sheet with (the pane's corrections); absent: the one saved
   * with the workbook. The read loads number formats for the columns the core will take for 客户满意度 by it.
   */
  headers?: HeaderMapping;
  /** Sheets read besides the customer sheet (評级标准, 回访计划, 人员, 设置…), when they exist. */
  alsoRead?: readonly string[];
  /** Sheets whose formulas and number formats are read too (what staff typed on 回访计划 is written back as is). */
  withFormulas?: readonly string[];
  /** Load the notes of the customer sheet(s): Rapport's marks and the user's own notes. */
  notes?: boolean;
  /** Load the names of the workbook's tables (a new table needs a name no other table has). */
  tables?: boolean;
  /** Load the names of the tables on these sheets (a sheet Rapport rewrites loses its old table first). */
  tablesOf?: readonly string[];
  /**
   * Sheets (of `tablesOf`) whose Rapport table's area is read: CallbackPlan, CallbackPlan2…, else the sheet's only
   * table. Together with `annotationsOf`, one more request after the values.
   */
  tableAreaOf?: readonly string[];
  /** Sheets whose notes (ExcelApi 1.18) and threaded comments (1.10) are read with their cells. */
  annotationsOf?: readonly string[];
  /** Single cells to look at (value, and note where Excel has notes): is a sheet of Rapport's name really Rapport's? */
  probeCells?: readonly { sheet: string; cell: string }[];
  /**
   * The workbook's sheets as the pane last saw them. With `customerSheet`, the whole read is then one round-trip
   * (and falls back to two when a sheet has been renamed or deleted since).
   */
  knownSheets?: readonly string[];
  /** Sheets (by name) whose protection matters: those the action writes or replaces. */
  protectionOf?: readonly string[];
  /** Conditional formats (by id) Rapport added before, on any sheet: which of them still exist. */
  probeConditionalFormats?: boolean;
  /** Called after each round-trip. */
  onSync?: () => void;
}

export interface SheetNotes {
  /** Contents of every note on the sheet (locations are not loaded: Office.js has them only per note). */
  contents: string[];
}

/** A note or threaded comment on a cell (Excel row and column, 1-based). */
export interface CellAnnotation {
  kind: "note" | "comment";
  row: number;
  column: number;
  content: string;
}

export interface WorkbookRead {
  sheets: SheetInfo[];
  structureProtected: boolean;
  state: RapportState;
  /** The column mapping corrected in the pane for this workbook. */
  headers: HeaderMapping;
  /** Sheets read, in workbook order. */
  grids: SheetGrid[];
  formulas: Map<string, unknown[][]>;
  numberFormats: Map<string, string[][]>;
  notes: Map<string, SheetNotes>;
  /** Rapport's conditional formats (from the state) that still exist, by the sheet's current name. */
  liveConditionalFormats: Map<string, string[]>;
  tableNames: string[];
  /** The probed cells, by `sheet!cell` (only for sheets that exist). */
  cells: Map<string, { value: unknown; note: string | null }>;
  /** Tables on the sheets of `tablesOf`, by sheet. */
  sheetTables: Map<string, string[]>;
  /** Rapport's table on the sheets of `tableAreaOf` that have one, by sheet (Excel rows and columns, inclusive). */
  tableAreas: Map<string, { name: string; area: TableArea }>;
  /** Notes and comments on the sheets of `annotationsOf`, by sheet. */
  annotations: Map<string, CellAnnotation[]>;
  /** Round-trips used. */
  syncs: number;
}

/** Which of Rapport's conditional formats on a sheet still exist, once the request is back. */
interface CfProbe {
  ref: SheetRef;
  live: () => string[];
}

interface PendingSheet {
  info: SheetInfo;
  worksheet: Excel.Worksheet;
  used: Excel.Range;
  merged?: Excel.RangeAreas;
  notes?: Excel.NoteCollection;
  formulas: boolean;
  /** A sheet that may hold the customers. */
  candidate: boolean;
}

export function sheetInfo(read: WorkbookRead, name: string): SheetInfo | undefined {
  return read.sheets.find((s) => s.name === name) ?? read.sheets.find((s) => s.name.trim() === name.trim());
}

export function gridOf(read: WorkbookRead, name: string): SheetGrid | undefined {
  return read.grids.find((g) => g.name === name) ?? read.grids.find((g) => g.name.trim() === name.trim());
}

/** A sheet as the first request sees it: by name from the collection, or asked for by name directly. */
interface SheetRef {
  ws: Excel.Worksheet;
  /** Known after the first request: the sheet's own name (a direct request may give it in another case). */
  name: () => string;
  id: () => string;
  exists: () => boolean;
  position: () => number;
  visibility: () => string;
}

/** Errors of a direct read whose idea of the workbook was out of date (a sheet renamed or deleted since). */
const STALE = new Set(["ItemNotFound", "InvalidObjectPath", "InvalidReference"]);

export async function readWorkbook(context: Excel.RequestContext, request: ReadRequest): Promise<WorkbookRead> {
  const known = request.knownSheets;
  if (request.customerSheet !== undefined && known && !request.probeConditionalFormats) {
    try {
      return await readOnce(context, request, known);
    } catch (e) {
      if (!STALE.has(officeErrorCode(e) ?? "")) throw e;
    }
  }
  return readOnce(context, request, undefined);
}

async function readOnce(
  context: Excel.RequestContext,
  request: ReadRequest,
  knownSheets: readonly string[] | undefined,
): Promise<WorkbookRead> {
  let syncs = 0;
  const synced = () => {
    syncs++;
    request.onSync?.();
  };
  const { workbook } = context;
  const worksheets = workbook.worksheets;
  worksheets.load("items/name,items/id,items/position,items/visibility");
  const protection = workbook.protection;
  protection.load("protected");
  const stateItem = workbook.settings.getItemOrNullObject(STATE_KEY);
  stateItem.load("value");
  const headersItem = workbook.settings.getItemOrNullObject(HEADERS_KEY);
  headersItem.load("value");
  const tables = request.tables ? workbook.tables : undefined;
  tables?.load("items/name");

  // When the customer sheet is known, every sheet the action needs is asked for by name in this same request,
  // and the whole read is one round-trip. Otherwise the names come first (finding the customer sheet means
  // looking at every sheet), and the values in a second round-trip.
  const direct = knownSheets !== undefined;
  const knownByName = new Map((knownSheets ?? []).map((n) => [n.trim(), n]));
  const wantedNames = direct
    ? [
        ...new Set([
          ...(request.values === false ? [] : [request.customerSheet as string]),
          ...(request.alsoRead ?? []),
          ...(request.withFormulas ?? []),
          ...(request.tablesOf ?? []),
          ...(request.probeCells ?? []).map((c) => c.sheet),
          ...(request.protectionOf ?? []),
        ]),
      ]
    : [];
  // Only sheets the workbook had when the pane last looked: a sheet that may be missing cannot be asked for by
  // name in the same request as its contents.
  const directNames = wantedNames.map((n) => knownByName.get(n.trim())).filter((n): n is string => n !== undefined);
  const directRefs = directNames.map((name) => {
    const ws = worksheets.getItem(name);
    ws.load("name,id,position,visibility");
    // The getters below are called only after the request that loads these properties.
    /* eslint-disable office-addins/call-sync-after-load, office-addins/call-sync-before-read */
    const ref: SheetRef = {
      ws,
      name: () => ws.name,
      id: () => ws.id,
      exists: () => true,
      position: () => ws.position,
      visibility: () => ws.visibility,
    };
    /* eslint-enable office-addins/call-sync-after-load, office-addins/call-sync-before-read */
    return { asked: name, ref };
  });
  if (!direct) {
    await context.sync();
    synced();
  }
  const state = () => readState(stateItem.isNullObject ? undefined : stateItem.value);

  // Which sheets to read, and how.
  type Plan = { ref: SheetRef; values: boolean; candidate: boolean };
  const plans: Plan[] = [];
  let all: SheetRef[] = [];
  const byName = (name: string): SheetRef | undefined => {
    if (direct) {
      const norm = name.trim();
      return directRefs.find((d) => d.asked === name || d.asked.trim() === norm)?.ref;
    }
    return all.find((s) => s.name() === name) ?? all.find((s) => s.name().trim() === name.trim());
  };
  if (!direct) {
    all = worksheets.items.map((ws) => ({
      ws,
      name: () => ws.name,
      id: () => ws.id,
      exists: () => true,
      position: () => ws.position,
      visibility: () => ws.visibility,
    }));
  }
  const candidates = new Set<SheetRef>();
  if (request.values !== false) {
    if (request.customerSheet !== undefined) {
      const found = byName(request.customerSheet);
      if (found) candidates.add(found);
    } else {
      for (const s of all) if (!NON_ARCHIVE_SHEETS.has(s.name().trim())) candidates.add(s);
    }
  }
  const alsoRead = new Set((request.alsoRead ?? []).map(byName).filter((r): r is SheetRef => r !== undefined));
  const withFormulas = new Set((request.withFormulas ?? []).map(byName).filter((r): r is SheetRef => r !== undefined));
  const order = direct ? directRefs.map((d) => d.ref) : all;
  for (const ref of order) {
    if (candidates.has(ref) || alsoRead.has(ref)) plans.push({ ref, values: true, candidate: candidates.has(ref) });
  }

  const protections = (direct ? directRefs.map((d) => d.ref) : all).map((ref) => {
    const p = ref.ws.protection;
    p.load("protected");
    return { ref, p };
  });
  const pending: (PendingSheet & { ref: SheetRef })[] = [];
  for (const plan of plans) {
    const used = plan.ref.ws.getUsedRangeOrNullObject(true);
    const formulas = withFormulas.has(plan.ref);
    if (formulas) used.load("values,formulas,numberFormat,rowIndex,columnIndex");
    else used.load("values,rowIndex,columnIndex");
    const item: PendingSheet & { ref: SheetRef } = {
      ref: plan.ref,
      info: { name: "", id: "", position: 0, visibility: "", protected: false },
      worksheet: plan.ref.ws,
      used,
      formulas,
      candidate: plan.candidate,
    };
    if (request.capabilities.mergedAreas) {
      item.merged = used.getMergedAreasOrNullObject();
      item.merged.load("address");
    }
    if (request.notes && request.capabilities.notes && plan.candidate) {
      item.notes = plan.ref.ws.notes;
      item.notes.load("items/content");
    }
    pending.push(item);
  }
  // Small loads besides the values: queued again if the values have to be read block by block.
  const queueExtras = () => {
    const tableLoads = (request.tablesOf ?? []).flatMap((name) => {
      const found = byName(name);
      if (!found) return [];
      const collection = found.ws.tables;
      collection.load("items/name");
      return [{ ref: found, collection }];
    });
    // Never in a direct read: the state is known only after the first request. Each sheet Rapport marked is found
    // by its id (it may have been renamed since), else by name; one gone takes its marks with it.
    const current = request.probeConditionalFormats ? state() : {};
    const probes: CfProbe[] = [];
    for (const entry of current.marks ?? []) {
      const ref = (entry.sheetId && all.find((r) => r.id() === entry.sheetId)) || byName(entry.sheet);
      if (!ref) continue;
      if (request.capabilities.conditionalFormatById) {
        // ExcelApi 1.14: each one asked for by id.
        const lookups = entry.ids.map((id) => {
          const cf = ref.ws.getRange().conditionalFormats.getItemOrNullObject(id);
          cf.load("id");
          return { id, cf };
        });
        probes.push({ ref, live: () => lookups.filter((l) => !l.cf.isNullObject).map((l) => l.id) });
      } else {
        // ExcelApi 1.6: the ids of every conditional format on the sheet, looked up here.
        const formats = ref.ws.getRange().conditionalFormats;
        formats.load("items/id");
        probes.push({
          ref,
          live: () => {
            const present = new Set(formats.items.map((cf) => cf.id));
            return entry.ids.filter((id) => present.has(id));
          },
        });
      }
    }
    const cellLoads = (request.probeCells ?? []).flatMap(({ sheet, cell }) => {
      const found = byName(sheet);
      if (!found) return [];
      const range = found.ws.getRange(cell);
      range.load("values");
      let note: Excel.Note | undefined;
      if (request.capabilities.notes) {
        note = found.ws.notes.getItemOrNullObject(cell);
        note.load("content");
      }
      return [{ ref: found, cell, range, note }];
    });
    const annotationLoads = (request.annotationsOf ?? []).flatMap((name) => {
      const found = byName(name);
      if (!found) return [];
      let notes: Excel.NoteCollection | undefined;
      let comments: Excel.CommentCollection | undefined;
      if (request.capabilities.notes) {
        notes = found.ws.notes;
        notes.load("items/content");
      }
      if (request.capabilities.comments) {
        comments = found.ws.comments;
        comments.load("items/content");
      }
      return [{ ref: found, notes, comments }];
    });
    return { tableLoads, probes, cellLoads, annotationLoads };
  };
  let extras = queueExtras();

  let blockRead = false;
  let dims: SheetDims[] = [];
  try {
    await context.sync();
    synced();
  } catch (e) {
    // Excel on the web: the used ranges together are over its response limit. Read them again block by block:
    // first, in one request, their dimensions with everything else the refused request asked for.
    if (officeErrorCode(e) !== "ResponsePayloadSizeLimitExceeded") throw e;
    blockRead = true;
    if (direct) {
      worksheets.load("items/name,items/id,items/position,items/visibility");
      protection.load("protected");
      stateItem.load("value");
      headersItem.load("value");
      tables?.load("items/name");
      for (const d of directRefs) d.ref.ws.load("name,id,position,visibility");
    }
    extras = queueExtras();
    dims = queueDims(pending);
    await context.sync();
    synced();
  }
  if (direct) {
    // A sheet added since the pane last looked (another action, the user) was not asked for: read again in full.
    const present = new Set(worksheets.items.map((ws) => ws.name.trim()));
    if (wantedNames.some((n) => present.has(n.trim()) && !knownByName.has(n.trim()))) {
      throw Object.assign(new Error("the workbook changed since the pane last looked"), { code: "InvalidReference" });
    }
    all = directRefs.map((d) => d.ref).filter((r) => r.exists());
  }
  const exists = (ref: SheetRef) => ref.exists();

  const sheets: SheetInfo[] = direct
    ? worksheets.items.map((ws) => {
        const ref = directRefs.find((d) => d.ref.exists() && d.ref.name() === ws.name)?.ref;
        const p = ref && protections.find((x) => x.ref === ref);
        return {
          name: ws.name,
          id: ws.id,
          position: ws.position,
          visibility: ws.visibility,
          protected: !blockRead && p ? p.p.protected : false,
        };
      })
    : all.map((ref, i) => ({
        name: ref.name(),
        id: ref.id(),
        position: ref.position(),
        visibility: ref.visibility(),
        protected: blockRead ? false : protections[i].p.protected,
      }));
  const live = pending.filter((item) => exists(item.ref));
  for (const item of live) {
    item.info = {
      name: item.ref.name(),
      id: item.ref.id(),
      position: item.ref.position(),
      visibility: item.ref.visibility(),
      protected: false,
    };
  }
  const grids: SheetGrid[] = [];
  const formulas = new Map<string, unknown[][]>();
  const numberFormats = new Map<string, string[][]>();
  const notes = new Map<string, SheetNotes>();
  if (blockRead) {
    const again = await readInBlocks(context, dims, synced);
    for (const s of sheets) s.protected = again.protected.get(s.name) ?? s.protected;
    grids.push(...again.grids);
    for (const [k, v] of again.formulas) formulas.set(k, v);
    for (const [k, v] of again.numberFormats) numberFormats.set(k, v);
    for (const item of live) {
      if (item.notes) notes.set(item.info.name, { contents: item.notes.items.map((n) => String(n.content ?? "")) });
    }
  } else {
    for (const item of live) {
      if (item.used.isNullObject) {
        grids.push({ name: item.info.name, firstRow: 1, firstColumn: 1, values: [] });
        continue;
      }
      const firstRow = item.used.rowIndex + 1;
      const firstColumn = item.used.columnIndex + 1;
      const grid: SheetGrid = { name: item.info.name, firstRow, firstColumn, values: gridFromOffice(item.used.values) };
      if (item.merged && !item.merged.isNullObject) {
        grid.merges = parseAreas(item.merged.address, firstRow, firstColumn);
      }
      grids.push(grid);
      if (item.formulas) {
        formulas.set(item.info.name, item.used.formulas);
        numberFormats.set(item.info.name, item.used.numberFormat as string[][]);
      }
      if (item.notes) notes.set(item.info.name, { contents: item.notes.items.map((n) => String(n.content ?? "")) });
    }
  }
  // Where notes and comments are, and where Rapport's table is: Office.js gives a note's cell only through the note,
  // and a table's range only through the table, so these take one more request, shared with the number formats'.
  const tableAreaOf = new Set((request.tableAreaOf ?? []).map((n) => n.trim()));
  const areaLoads = extras.tableLoads.flatMap((t) => {
    if (!exists(t.ref) || !tableAreaOf.has(t.ref.name().trim())) return [];
    const table = scheduleTableOf(t.collection.items);
    if (!table) return [];
    const range = table.getRange();
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    return [{ ref: t.ref, name: table.name, range }];
  });
  const locationLoads = extras.annotationLoads.flatMap((a) => {
    if (!exists(a.ref)) return [];
    const located = (kind: CellAnnotation["kind"], items: readonly (Excel.Note | Excel.Comment)[]) =>
      items.map((item) => {
        const range = item.getLocation();
        range.load("rowIndex,columnIndex");
        return { ref: a.ref, kind, content: String(item.content ?? ""), range };
      });
    return [...located("note", a.notes?.items ?? []), ...located("comment", a.comments?.items ?? [])];
  });
  const headers = request.headers ?? readHeaders(headersItem.isNullObject ? undefined : headersItem.value);
  const followUps = [...areaLoads.map((a) => a.range), ...locationLoads.map((l) => l.range)];
  await readPercentCells(context, grids, live, headers, request.customerSheet, synced, {
    queued: followUps.length > 0,
    // Loaded again with the next request when Excel on the web refused the first one.
    requeue: () => followUps.forEach((range) => range.load("rowIndex,columnIndex,rowCount,columnCount")),
  });
  const tableAreas = new Map<string, { name: string; area: TableArea }>();
  for (const { ref, name, range } of areaLoads) {
    const area = {
      top: range.rowIndex + 1,
      left: range.columnIndex + 1,
      bottom: range.rowIndex + range.rowCount,
      right: range.columnIndex + range.columnCount,
    };
    tableAreas.set(ref.name(), { name, area });
  }
  const annotations = new Map<string, CellAnnotation[]>();
  for (const a of extras.annotationLoads) if (exists(a.ref)) annotations.set(a.ref.name(), []);
  for (const { ref, kind, content, range } of locationLoads) {
    annotations.get(ref.name())?.push({ kind, row: range.rowIndex + 1, column: range.columnIndex + 1, content });
  }
  const cells = new Map<string, { value: unknown; note: string | null }>();
  for (const c of extras.cellLoads) {
    if (!exists(c.ref)) continue;
    cells.set(`${c.ref.name()}!${c.cell}`, {
      value: c.range.values[0]?.[0] ?? "",
      note: c.note && !c.note.isNullObject ? String(c.note.content) : null,
    });
  }
  const sheetTables = new Map<string, string[]>();
  for (const t of extras.tableLoads) {
    if (exists(t.ref))
      sheetTables.set(
        t.ref.name(),
        t.collection.items.map((x) => x.name),
      );
  }
  const liveConditionalFormats = new Map<string, string[]>();
  for (const p of extras.probes) {
    const live = p.live();
    if (live.length)
      liveConditionalFormats.set(p.ref.name(), [...(liveConditionalFormats.get(p.ref.name()) ?? []), ...live]);
  }
  return {
    sheets,
    structureProtected: protection.protected,
    state: state(),
    headers: readHeaders(headersItem.isNullObject ? undefined : headersItem.value),
    grids,
    formulas,
    numberFormats,
    notes,
    liveConditionalFormats,
    cells,
    tableNames: tables ? tables.items.map((t) => t.name) : [],
    sheetTables,
    tableAreas,
    annotations,
    syncs,
  };
}

interface SheetDims {
  item: PendingSheet;
  used: Excel.Range;
  protection: Excel.WorksheetProtection;
}

/** The used ranges' dimensions (and protection, notes), for reading them block by block. */
function queueDims(pending: readonly PendingSheet[]): SheetDims[] {
  return pending.map((item) => {
    const used = item.worksheet.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    const protection = item.worksheet.protection;
    protection.load("protected");
    item.notes?.load("items/content");
    if (item.merged) {
      item.merged = used.getMergedAreasOrNullObject();
      item.merged.load("address");
    }
    return { item, used, protection };
  });
}

/** What a block of rows weighs in Excel's answer (JSON, UTF-8). */
function answerBytes(...grids: readonly (readonly unknown[][])[]): number {
  let n = 0;
  for (const grid of grids) {
    const text = JSON.stringify(grid);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        n += 4;
        i++;
      } else n += 3;
    }
  }
  return n;
}

/**
 * The slow path for Excel on the web's response limit: row blocks, as few requests as the limit allows. The first
 * block of a sheet is sized by a generous guess of a cell's size; every later one by what the blocks so far
 * weighed, to about 4 MiB, and blocks of several sheets share a request when they fit.
 */
async function readInBlocks(
  context: Excel.RequestContext,
  dims: readonly SheetDims[],
  synced: () => void,
): Promise<{
  grids: SheetGrid[];
  protected: Map<string, boolean>;
  formulas: Map<string, unknown[][]>;
  numberFormats: Map<string, string[][]>;
}> {
  const budget = DEFAULT_BUDGET_BYTES;
  const protectedBy = new Map<string, boolean>();
  interface Job {
    item: PendingSheet;
    rowIndex: number;
    columnIndex: number;
    rowCount: number;
    columnCount: number;
    next: number;
    /** Bytes a row weighs: guessed until a block has come back. */
    rowBytes: number;
    measured: { bytes: number; rows: number };
    values: unknown[][];
    formulas: unknown[][];
    numberFormats: string[][];
  }
  const jobs: Job[] = [];
  const grids: SheetGrid[] = [];
  for (const { item, used, protection } of dims) {
    protectedBy.set(item.info.name, protection.protected);
    if (used.isNullObject) continue;
    // A generous guess of a cell's JSON size (Chinese text is 3 bytes a character).
    const perCell = item.formulas ? 90 : 40;
    jobs.push({
      item,
      rowIndex: used.rowIndex,
      columnIndex: used.columnIndex,
      rowCount: used.rowCount,
      columnCount: used.columnCount,
      next: 0,
      rowBytes: perCell * used.columnCount,
      measured: { bytes: 0, rows: 0 },
      values: [],
      formulas: [],
      numberFormats: [],
    });
  }
  while (jobs.some((j) => j.next < j.rowCount)) {
    // One request: blocks of as many sheets as fit the budget, at least one block.
    let room = budget;
    const asked: { job: Job; rows: number; range: Excel.Range }[] = [];
    for (const job of jobs) {
      if (job.next >= job.rowCount || room < job.rowBytes) continue;
      const rows = Math.max(1, Math.min(job.rowCount - job.next, Math.floor(room / job.rowBytes)));
      const range = job.item.worksheet.getRangeByIndexes(
        job.rowIndex + job.next,
        job.columnIndex,
        rows,
        job.columnCount,
      );
      if (job.item.formulas) range.load("values,formulas,numberFormat");
      else range.load("values");
      asked.push({ job, rows, range });
      room -= rows * job.rowBytes;
      if (room <= 0) break;
    }
    if (!asked.length) {
      // A single row over the budget: asked for alone.
      const job = jobs.find((j) => j.next < j.rowCount) as Job;
      job.rowBytes = budget;
      continue;
    }
    try {
      // One request per group of blocks is the point here: each answer must stay under Excel on the web's limit.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      // Longer text than measured: smaller blocks.
      if (officeErrorCode(e) !== "ResponsePayloadSizeLimitExceeded" || asked.every((a) => a.rows === 1)) throw e;
      for (const a of asked) a.job.rowBytes *= 2;
      continue;
    }
    synced();
    for (const { job, rows, range } of asked) {
      const values = range.values;
      job.values.push(...values);
      let bytes: number;
      if (job.item.formulas) {
        job.formulas.push(...range.formulas);
        job.numberFormats.push(...(range.numberFormat as string[][]));
        bytes = answerBytes(values, range.formulas, range.numberFormat);
      } else {
        bytes = answerBytes(values);
      }
      job.measured.bytes += bytes;
      job.measured.rows += rows;
      // A little more than the average so far, for rows longer than those seen.
      job.rowBytes = Math.max(1, Math.ceil((job.measured.bytes / job.measured.rows) * 1.05));
      job.next += rows;
    }
  }
  const formulas = new Map<string, unknown[][]>();
  const numberFormats = new Map<string, string[][]>();
  for (const { item, used } of dims) {
    const job = jobs.find((j) => j.item === item);
    if (!job || used.isNullObject) {
      grids.push({ name: item.info.name, firstRow: 1, firstColumn: 1, values: [] });
      continue;
    }
    const grid: SheetGrid = {
      name: item.info.name,
      firstRow: job.rowIndex + 1,
      firstColumn: job.columnIndex + 1,
      values: gridFromOffice(job.values),
    };
    if (item.merged && !item.merged.isNullObject) {
      grid.merges = parseAreas(item.merged.address, grid.firstRow, grid.firstColumn);
    }
    grids.push(grid);
    if (item.formulas) {
      formulas.set(item.info.name, job.formulas);
      numberFormats.set(item.info.name, job.numberFormats);
    }
  }
  return { grids, protected: protectedBy, formulas, numberFormats };
}

/** A generous guess of one number format's size in an answer (`["0.0%"],`; custom date formats run longer). */
const FORMAT_BYTES = 40;

/**
 * Marks the customer sheet's percent-formatted numbers (`SheetGrid.percentCells`) where the core reads them: the
 * column(s) it will take for 客户满意度 with the action's mapping, below the header, from the first number to the last.
 * Their number formats come in one more request (more only when Excel on the web refuses an answer that large:
 * 100,000 rows of one column fit); none at all when those cells hold no number, or no sheet has a customer header.
 */
async function readPercentCells(
  context: Excel.RequestContext,
  grids: SheetGrid[],
  items: readonly PendingSheet[],
  mapping: HeaderMapping,
  customerSheet: string | undefined,
  synced: () => void,
  /** Other loads queued: one request goes even when no format is needed; they are queued again after a refusal. */
  others: { queued: boolean; requeue: () => void },
): Promise<void> {
  const flush = async () => {
    if (!others.queued) return;
    await context.sync();
    synced();
  };
  if (!items.some((i) => i.candidate)) return flush();
  const { headers, ignored } = coreMapping(mapping);
  const where = customerSheetPercentColumns(withoutHeaders(grids, ignored), { sheet: customerSheet, headers });
  const grid = where && grids.find((g) => g.name === where.sheet);
  const item = where && items.find((i) => i.candidate && i.info.name === where.sheet);
  if (!where || !grid || !item) return flush();
  // Per column, the span of rows holding numbers.
  const spans: { column: number; next: number; last: number }[] = [];
  for (const column of where.columns) {
    let first = -1;
    let last = -1;
    for (let r = where.from; r < grid.values.length; r++) {
      if (typeof grid.values[r][column] !== "number") continue;
      if (first < 0) first = r;
      last = r;
    }
    if (first >= 0) spans.push({ column, next: first, last });
  }
  if (!spans.length) return flush();
  const percent = new Set<number>();
  let perCell = FORMAT_BYTES;
  while (spans.some((s) => s.next <= s.last)) {
    let room = DEFAULT_BUDGET_BYTES;
    const asked: { span: (typeof spans)[number]; rows: number; range: Excel.Range }[] = [];
    for (const span of spans) {
      if (span.next > span.last || room < perCell) continue;
      const rows = Math.min(span.last - span.next + 1, Math.floor(room / perCell));
      const range = item.worksheet.getRangeByIndexes(
        grid.firstRow - 1 + span.next,
        grid.firstColumn - 1 + span.column,
        rows,
        1,
      );
      range.load("numberFormat");
      asked.push({ span, rows, range });
      room -= rows * perCell;
    }
    try {
      // Usually one request; more only when each answer must stay under Excel on the web's limit.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      if (officeErrorCode(e) !== "ResponsePayloadSizeLimitExceeded" || asked.every((a) => a.rows === 1)) throw e;
      perCell *= 2;
      if (others.queued) others.requeue();
      continue;
    }
    synced();
    others.queued = false;
    for (const { span, rows, range } of asked) {
      const formats = range.numberFormat;
      for (let i = 0; i < rows; i++) {
        const r = span.next + i;
        if (typeof grid.values[r][span.column] === "number" && isPercentFormat(formats[i]?.[0] as string)) {
          percent.add(percentCellKey(r, span.column));
        }
      }
      span.next += rows;
    }
  }
  grid.percentCells = percent;
}
