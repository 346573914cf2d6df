// A faithful in-memory stand-in for the part of the Excel JavaScript API Rapport uses, backed by plain grids.
// It behaves like the real proxy-object model: setters and method calls are queued and only take effect at
// `context.sync()`, loaded properties can be read only after the sync that loads them (PropertyNotLoaded
// otherwise), `null` inside a written 2-D array leaves that cell alone, empty cells read back as "". Each sync is
// one request: its size is measured as Office.js would send it (JSON, UTF-8) and refused over the 5 MB limit of
// Excel on the web, as are protected sheets, a protected workbook structure and Excel's cell-edit mode. The fake
// has an ExcelApi version, as every Excel has: a member of a newer requirement set fails the request at sync with
// `ApiNotFound`, as Excel does, so code that forgets to check `isSetSupported` fails its tests at ExcelApi 1.7.
// Runs in Node (unit tests, benchmark) and, bundled, in the browser as the task pane's `Excel` and `Office`.

export type FakeCell = string | number | boolean;

export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
/** Excel on the web refuses a response over 5 MB too; desktop Excel has no such limit. */
export const RESPONSE_LIMIT_BYTES = 5 * 1024 * 1024;
/** The newest ExcelApi 1.x minor version the fake knows (the default). */
export const LATEST_EXCEL_API = 20;
/** The oldest Rapport supports (manifest.xml). */
export const MIN_EXCEL_API = 7;

export class FakeRichApiError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

// ---------------------------------------------------------------- addresses

function colLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/** "A1", "B2:D9", "C:C", "3:5", optionally "Sheet!" or "'My sheet'!" in front. 0-based rectangle. */
export function parseAddress(address: string): { sheet?: string; rect: Rect } {
  let text = address.trim();
  let sheet: string | undefined;
  const bang = text.lastIndexOf("!");
  if (bang >= 0) {
    sheet = text
      .slice(0, bang)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'");
    text = text.slice(bang + 1);
  }
  const parts = text.replace(/\$/g, "").split(":");
  const cell = (p: string) => {
    const m = /^([A-Za-z]*)(\d*)$/.exec(p);
    if (!m || (!m[1] && !m[2])) throw new FakeRichApiError("InvalidArgument", `bad address ${address}`);
    return { col: m[1] ? colIndex(m[1]) : null, row: m[2] ? Number(m[2]) - 1 : null };
  };
  const a = cell(parts[0]);
  const b = parts[1] !== undefined ? cell(parts[1]) : a;
  const r0 = a.row ?? 0;
  const r1 = b.row ?? MAX_ROWS - 1;
  const c0 = a.col ?? 0;
  const c1 = b.col ?? MAX_COLS - 1;
  return { sheet, rect: { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 } };
}

export function rectAddress(r: Rect): string {
  const a = `${colLetters(r.col)}${r.row + 1}`;
  if (r.rows === 1 && r.cols === 1) return a;
  return `${a}:${colLetters(r.col + r.cols - 1)}${r.row + r.rows}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_\u4e00-\u9fff]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "null");
}

// ---------------------------------------------------------------- the workbook's state

export interface FakeConditionalFormat {
  id: string;
  type: string;
  /** The areas it applies to, as written ("C5:C9, D12"). */
  ranges: string;
  formula: string | null;
  fill: string | null;
  fontColor: string | null;
}

export interface FakeTable {
  name: string;
  sheet: string;
  address: string;
  style: string | null;
}

export interface FakeDataValidation {
  address: string;
  rule: unknown;
}

export interface FakeFormatOp {
  address: string;
  property: string;
  value: unknown;
}

let nextSheetId = 1;

export class FakeSheet {
  name: string;
  /** Excel's worksheet id: stays the same when the sheet is renamed. */
  readonly id = `{SHEET-${nextSheetId++}}`;
  visibility = "Visible";
  protected = false;
  /** Rows of cells; missing or "" is empty. */
  values: FakeCell[][] = [];
  formulas = new Map<string, string>();
  numberFormats = new Map<string, string>();
  merges: Rect[] = [];
  notes = new Map<string, string>();
  /** Threaded comments (ExcelApi 1.10) by cell address: their text. */
  comments = new Map<string, string>();
  /** Hidden columns (0-based). */
  hiddenColumns = new Set<number>();
  conditionalFormats: FakeConditionalFormat[] = [];
  dataValidations: FakeDataValidation[] = [];
  /** Every range format written (fill, font, width…), to check formatting goes by range, never by cell. */
  formatOps: FakeFormatOp[] = [];
  frozenRows = 0;

  constructor(name: string, rows: readonly (readonly (FakeCell | null | undefined)[])[] = []) {
    this.name = name;
    this.values = rows.map((row) => row.map((v) => (v === null || v === undefined ? "" : v)));
  }

  get(row: number, col: number): FakeCell {
    return this.values[row]?.[col] ?? "";
  }

  set(row: number, col: number, value: FakeCell): void {
    while (this.values.length <= row) this.values.push([]);
    const line = this.values[row];
    while (line.length < col) line.push("");
    line[col] = value;
  }

  /** The used range (values only): the smallest rectangle holding every non-empty cell; null when empty. */
  usedRect(): Rect | null {
    let r0 = Infinity;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    this.values.forEach((line, r) => {
      for (let c = 0; c < line.length; c++) {
        if (line[c] === "") continue;
        if (r < r0) r0 = r;
        if (r > r1) r1 = r;
        if (c < c0) c0 = c;
        if (c > c1) c1 = c;
      }
    });
    if (r1 < 0) return null;
    return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  /** The cells of a rectangle as Office.js gives `values` (empty → ""). */
  grid(rect: Rect): FakeCell[][] {
    const out: FakeCell[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const line = this.values[rect.row + r];
      const row: FakeCell[] = new Array(rect.cols);
      for (let c = 0; c < rect.cols; c++) row[c] = line?.[rect.col + c] ?? "";
      out.push(row);
    }
    return out;
  }

  /** A cell as text, for test assertions: "" when empty. */
  text(address: string): string {
    const { rect } = parseAddress(address);
    return String(this.get(rect.row, rect.col));
  }

  /**
   * Inserts blank cells over `rect`, shifting the cells of its columns from its top row down by its height, with
   * their formulas, number formats, notes and comments (as Excel's Insert → Shift cells down does).
   */
  insertDown(rect: Rect): void {
    const inColumns = (c: number) => c >= rect.col && c < rect.col + rect.cols;
    for (let r = this.values.length - 1; r >= rect.row; r--) {
      const line = this.values[r];
      for (let c = rect.col; c < Math.min(rect.col + rect.cols, line.length); c++) {
        if (line[c] !== "") this.set(r + rect.rows, c, line[c]);
        line[c] = "";
      }
    }
    for (const map of [this.formulas, this.numberFormats]) {
      const moved = [...map].filter(([key]) => {
        const [r, c] = key.split(",").map(Number);
        return r >= rect.row && inColumns(c);
      });
      for (const [key] of moved) map.delete(key);
      for (const [key, v] of moved) {
        const [r, c] = key.split(",").map(Number);
        map.set(`${r + rect.rows},${c}`, v);
      }
    }
    for (const map of [this.notes, this.comments]) {
      const moved = [...map].filter(([address]) => {
        const at = parseAddress(address).rect;
        return at.row >= rect.row && inColumns(at.col);
      });
      for (const [address] of moved) map.delete(address);
      for (const [address, v] of moved) {
        const at = parseAddress(address).rect;
        map.set(rectAddress({ ...at, row: at.row + rect.rows }), v);
      }
    }
  }

  clear(rect: Rect, what: "All" | "Contents" | "Formats"): void {
    const inside = (key: string) => {
      const [r, c] = key.split(",").map(Number);
      return r >= rect.row && r < rect.row + rect.rows && c >= rect.col && c < rect.col + rect.cols;
    };
    if (what !== "Formats") {
      const last = Math.min(rect.row + rect.rows, this.values.length);
      for (let r = rect.row; r < last; r++) {
        const line = this.values[r];
        const end = Math.min(rect.col + rect.cols, line.length);
        for (let c = rect.col; c < end; c++) line[c] = "";
      }
      for (const key of [...this.formulas.keys()]) if (inside(key)) this.formulas.delete(key);
    }
    if (what !== "Contents") {
      for (const key of [...this.numberFormats.keys()]) if (inside(key)) this.numberFormats.delete(key);
    }
  }
}

export interface FakeWorkbookOptions {
  /** Per request; Excel on the web refuses larger ones. */
  requestLimitBytes?: number;
  /** Per response; `Infinity` (desktop Excel) unless a test asks for Excel on the web's response limit too. */
  responseLimitBytes?: number;
  /** ExcelApi 1.x minor version of this Excel (default the latest); newer members fail with ApiNotFound. */
  excelApi?: number;
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  /** The error code when Excel refused the request. */
  refused?: string;
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  tables: FakeTable[] = [];
  settings = new Map<string, unknown>();
  /** Workbook structure protection: no sheet may be added, deleted or moved. */
  structureProtected = false;
  /** The user is typing in a cell: Excel refuses every batch until they finish. */
  cellEditMode = false;
  activeSheet = "";
  selection: { sheet: string; address: string } | null = null;
  requestLimitBytes: number;
  responseLimitBytes: number;
  excelApi: number;
  syncs: SyncRecord[] = [];
  private nextId = 1;

  constructor(
    sheets: Record<string, readonly (readonly (FakeCell | null | undefined)[])[]> = {},
    options: FakeWorkbookOptions = {},
  ) {
    for (const [name, rows] of Object.entries(sheets)) this.sheets.push(new FakeSheet(name, rows));
    this.activeSheet = this.sheets[0]?.name ?? "";
    this.requestLimitBytes = options.requestLimitBytes ?? REQUEST_LIMIT_BYTES;
    this.responseLimitBytes = options.responseLimitBytes ?? Infinity;
    this.excelApi = options.excelApi ?? LATEST_EXCEL_API;
  }

  /** `Office.context.requirements.isSetSupported` for this Excel. */
  isSetSupported(name: string, version = "1.1"): boolean {
    const [major, minor] = version.split(".").map(Number);
    return name === "ExcelApi" && major === 1 && (minor ?? 0) <= this.excelApi;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  findSheet(name: string): FakeSheet | undefined {
    return this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
  }

  newId(): string {
    return `{FAKE-${this.nextId++}}`;
  }

  resetStats(): void {
    this.syncs = [];
  }

  get syncCount(): number {
    return this.syncs.length;
  }

  get largestRequestBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.requestBytes));
  }

  get largestResponseBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.responseBytes));
  }

  context(): FakeRequestContext {
    return new FakeRequestContext(this);
  }

  /** `Excel.run`: a fresh context per batch function, as Office.js gives. */
  async run<T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T> {
    return batch(this.context());
  }
}

// ---------------------------------------------------------------- the request queue

interface Action {
  bytes: number;
  run: () => number | void;
}

/** Office.js sends each action and each new object path as a small JSON record besides its arguments. */
const ACTION_OVERHEAD = 90;
const PATH_OVERHEAD = 70;

export class FakeRequestContext {
  readonly workbook: FakeWorkbookProxy;
  private queue: Action[] = [];
  private pathBytes = 0;

  constructor(readonly book: FakeWorkbook) {
    this.workbook = new FakeWorkbookProxy(this);
  }

  /** A new proxy object: Office.js sends its object path with the next request. */
  path(): void {
    this.pathBytes += PATH_OVERHEAD;
  }

  /**
   * A member of ExcelApi 1.`minor`: on an older Excel the request fails at sync with ApiNotFound (Office.js sends
   * the call; Excel does not know it).
   */
  requires(minor: number, member: string): void {
    if (this.book.excelApi >= minor) return;
    this.enqueue(undefined, () => {
      throw new FakeRichApiError(
        "ApiNotFound",
        `The API you are trying to use could not be found. It may be available in a newer version of Excel. (${member}: ExcelApi 1.${minor}; this Excel has 1.${this.book.excelApi})`,
        member,
      );
    });
  }

  enqueue(args: unknown, run: () => number | void): void {
    this.queue.push({ bytes: ACTION_OVERHEAD + (args === undefined ? 0 : jsonBytes(args)), run });
  }

  /** Queues a write: refused at sync when the sheet is protected. */
  write(sheet: () => FakeSheet, args: unknown, run: (s: FakeSheet) => void, where: string): void {
    this.enqueue(args, () => {
      const s = sheet();
      if (s.protected)
        throw new FakeRichApiError(
          "AccessDenied",
          `The cell or chart you're trying to change is on a protected sheet (${s.name}).`,
          where,
        );
      run(s);
    });
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    const requestBytes = queue.reduce((n, a) => n + a.bytes, 0) + this.pathBytes + 200;
    this.queue = [];
    this.pathBytes = 0;
    // Let the caller's promise chain run as it would while the request is away.
    await Promise.resolve();
    if (this.book.cellEditMode) {
      this.book.syncs.push({
        requestBytes,
        responseBytes: 0,
        actions: queue.length,
        refused: "InvalidOperationInCellEditMode",
      });
      throw new FakeRichApiError(
        "InvalidOperationInCellEditMode",
        "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
      );
    }
    if (requestBytes > this.book.requestLimitBytes) {
      this.book.syncs.push({
        requestBytes,
        responseBytes: 0,
        actions: queue.length,
        refused: "RequestPayloadSizeLimitExceeded",
      });
      throw new FakeRichApiError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size (${requestBytes} bytes) has exceeded the limit.`,
      );
    }
    let responseBytes = 0;
    try {
      for (const action of queue) responseBytes += action.run() ?? 0;
    } finally {
      this.book.syncs.push({ requestBytes, responseBytes, actions: queue.length });
    }
    if (responseBytes > this.book.responseLimitBytes) {
      this.book.syncs[this.book.syncs.length - 1].refused = "ResponsePayloadSizeLimitExceeded";
      throw new FakeRichApiError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size (${responseBytes} bytes) has exceeded the limit.`,
      );
    }
  }
}

// ---------------------------------------------------------------- proxy objects

function notLoaded(type: string, property: string): never {
  throw new FakeRichApiError(
    "PropertyNotLoaded",
    `The property '${property}' of ${type} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

type LoadArg = string | string[] | { select?: string; expand?: string } | undefined;

function loadList(arg: LoadArg): string[] {
  if (arg === undefined) return [];
  if (Array.isArray(arg)) return arg.map((s) => s.trim());
  if (typeof arg === "string")
    return arg
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  return [...(arg.select ?? "").split(","), ...(arg.expand ?? "").split(",")].map((s) => s.trim()).filter(Boolean);
}

/** Loadable scalar properties: readable only after a sync that loaded them. */
abstract class Loadable {
  protected loaded = new Map<string, unknown>();
  protected nullObject: boolean | undefined;
  constructor(
    protected readonly ctx: FakeRequestContext,
    private readonly typeName: string,
  ) {
    ctx.path();
  }

  protected prop<T>(name: string): T {
    if (!this.loaded.has(name)) notLoaded(this.typeName, name);
    return this.loaded.get(name) as T;
  }

  get isNullObject(): boolean {
    if (this.nullObject === undefined) notLoaded(this.typeName, "isNullObject");
    return this.nullObject;
  }

  /** The properties this type can load, from its current target (null: the object does not exist). */
  protected abstract snapshot(names: readonly string[]): Record<string, unknown> | null;

  load(arg?: LoadArg): this {
    const names = loadList(arg);
    this.ctx.enqueue(names, () => {
      const snap = this.snapshot(names);
      this.nullObject = snap === null;
      if (!snap) return 20;
      for (const [k, v] of Object.entries(snap)) this.loaded.set(k, v);
      return jsonBytes(snap);
    });
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheetCollection;
  readonly protection: FakeWorkbookProtection;
  readonly settings: FakeSettingCollection;
  readonly tables: FakeTableCollection;
  constructor(private readonly ctx: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.protection = new FakeWorkbookProtection(ctx);
    this.settings = new FakeSettingCollection(ctx);
    this.tables = new FakeTableCollection(ctx, null);
  }

  getSelectedRange(): FakeRange {
    const book = this.ctx.book;
    return new FakeRange(this.ctx, () => {
      const sel = book.selection ?? { sheet: book.activeSheet, address: "A1" };
      return { sheet: book.sheet(sel.sheet), rect: parseAddress(sel.address).rect };
    });
  }
}

class FakeWorkbookProtection extends Loadable {
  constructor(ctx: FakeRequestContext) {
    super(ctx, "WorkbookProtection");
  }
  override load(arg?: LoadArg): this {
    this.ctx.requires(7, "Workbook.protection");
    return super.load(arg);
  }
  get protected(): boolean {
    return this.prop("protected");
  }
  protected snapshot(): Record<string, unknown> {
    return { protected: this.ctx.book.structureProtected };
  }
}

class FakeWorksheetCollection extends Loadable {
  private itemProxies: FakeWorksheet[] = [];
  constructor(ctx: FakeRequestContext) {
    super(ctx, "WorksheetCollection");
  }

  get items(): FakeWorksheet[] {
    if (!this.loaded.has("items")) notLoaded("WorksheetCollection", "items");
    return this.itemProxies;
  }

  protected snapshot(names: readonly string[]): Record<string, unknown> {
    const props = names.map((n) => n.replace(/^items\//, ""));
    this.itemProxies = this.ctx.book.sheets.map((s) => {
      const proxy = new FakeWorksheet(this.ctx, () => s);
      proxy.fill(props.length ? props : ["name", "position", "visibility"]);
      return proxy;
    });
    return { items: this.itemProxies.map((p) => p.toJSON()) };
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.book.findSheet(name);
      if (!s) throw new FakeRichApiError("ItemNotFound", `The requested resource doesn't exist (worksheet ${name}).`);
      return s;
    });
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.book.findSheet(name) ?? null);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.book.sheet(this.ctx.book.activeSheet));
  }

  add(name: string): FakeWorksheet {
    const book = this.ctx.book;
    let created: FakeSheet | null = null;
    this.ctx.enqueue([name], () => {
      if (book.structureProtected) throw new FakeRichApiError("AccessDenied", "The workbook's structure is protected.");
      if (book.findSheet(name))
        throw new FakeRichApiError("ItemAlreadyExists", `A worksheet named ${name} already exists.`);
      created = new FakeSheet(name);
      book.sheets.push(created);
    });
    return new FakeWorksheet(this.ctx, () => {
      if (!created) throw new FakeRichApiError("ItemNotFound", `worksheet ${name} was not added`);
      return created;
    });
  }
}

class FakeWorksheet extends Loadable {
  readonly protection: FakeWorksheetProtection;
  readonly notes: FakeNoteCollection;
  readonly comments: FakeCommentCollection;
  readonly tables: FakeTableCollection;
  readonly freezePanes: { freezeRows: (count: number) => void };

  constructor(
    ctx: FakeRequestContext,
    readonly target: () => FakeSheet | null,
  ) {
    super(ctx, "Worksheet");
    const sheet = () => this.must();
    this.protection = new FakeWorksheetProtection(ctx, sheet);
    this.notes = new FakeNoteCollection(ctx, sheet);
    this.comments = new FakeCommentCollection(ctx, sheet);
    this.tables = new FakeTableCollection(ctx, sheet);
    this.freezePanes = {
      freezeRows: (count: number) => {
        ctx.requires(7, "Worksheet.freezePanes");
        ctx.enqueue([count], () => void (sheet().frozenRows = count));
      },
    };
  }

  must(): FakeSheet {
    const s = this.target();
    if (!s) throw new FakeRichApiError("ItemNotFound", "The requested worksheet doesn't exist.");
    return s;
  }

  /** Fills loaded properties directly (items of a collection load). */
  fill(names: readonly string[]): void {
    const snap = this.snapshot(names);
    this.nullObject = false;
    for (const [k, v] of Object.entries(snap ?? {})) this.loaded.set(k, v);
  }

  protected snapshot(names: readonly string[]): Record<string, unknown> | null {
    const s = this.target();
    if (!s) return null;
    const all: Record<string, unknown> = {
      name: s.name,
      position: this.ctx.book.sheets.indexOf(s),
      visibility: s.visibility,
      id: s.id,
    };
    const want = names.length ? names : ["name", "position", "visibility", "id"];
    return Object.fromEntries(want.filter((n) => n in all).map((n) => [n, all[n]]));
  }

  get name(): string {
    return this.prop("name");
  }
  set name(value: string) {
    this.ctx.enqueue([value], () => {
      if (this.ctx.book.structureProtected)
        throw new FakeRichApiError("AccessDenied", "The workbook's structure is protected.");
      const s = this.must();
      if (this.ctx.book.activeSheet === s.name) this.ctx.book.activeSheet = value;
      s.name = value;
    });
  }
  get id(): string {
    return this.prop("id");
  }
  get position(): number {
    return this.prop("position");
  }
  set position(value: number) {
    this.ctx.enqueue([value], () => {
      const book = this.ctx.book;
      if (book.structureProtected) throw new FakeRichApiError("AccessDenied", "The workbook's structure is protected.");
      const s = this.must();
      book.sheets.splice(book.sheets.indexOf(s), 1);
      book.sheets.splice(Math.min(value, book.sheets.length), 0, s);
    });
  }
  get visibility(): string {
    return this.prop("visibility");
  }

  activate(): void {
    this.ctx.enqueue(undefined, () => void (this.ctx.book.activeSheet = this.must().name));
  }

  delete(): void {
    this.ctx.enqueue(undefined, () => {
      const book = this.ctx.book;
      if (book.structureProtected) throw new FakeRichApiError("AccessDenied", "The workbook's structure is protected.");
      const s = this.must();
      book.sheets.splice(book.sheets.indexOf(s), 1);
      book.tables = book.tables.filter((t) => t.sheet !== s.name);
      if (book.activeSheet === s.name) book.activeSheet = book.sheets[0]?.name ?? "";
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.must();
      return {
        sheet: s,
        rect: address ? parseAddress(address).rect : { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS },
      };
    });
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    this.ctx.requires(7, "Worksheet.getRangeByIndexes");
    return new FakeRange(this.ctx, () => ({ sheet: this.must(), rect: { row, col, rows, cols } }));
  }

  getRanges(address: string): FakeRangeAreas {
    this.ctx.requires(9, "Worksheet.getRanges");
    return new FakeRangeAreas(this.ctx, () => ({ sheet: this.must(), address }));
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.must();
      const rect = s.usedRect();
      return { sheet: s, rect: rect ?? { row: 0, col: 0, rows: 1, cols: 1 }, valuesOnly };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.target();
      const rect = s?.usedRect();
      return s && rect ? { sheet: s, rect, valuesOnly } : null;
    });
  }
}

class FakeWorksheetProtection extends Loadable {
  constructor(
    ctx: FakeRequestContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx, "WorksheetProtection");
  }
  get protected(): boolean {
    return this.prop("protected");
  }
  protected snapshot(): Record<string, unknown> {
    return { protected: this.sheet().protected };
  }
}

interface RangeTarget {
  sheet: FakeSheet;
  rect: Rect;
  valuesOnly?: boolean;
}

export class FakeRange extends Loadable {
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: FakeConditionalFormatCollection;
  readonly dataValidation: FakeDataValidationProxy;

  constructor(
    ctx: FakeRequestContext,
    readonly target: () => RangeTarget | null,
  ) {
    super(ctx, "Range");
    const t = () => this.must();
    this.format = new FakeRangeFormat(ctx, t);
    this.conditionalFormats = new FakeConditionalFormatCollection(ctx, () => {
      const { sheet, rect } = t();
      return { sheet, ranges: rectAddress(rect) };
    });
    this.dataValidation = new FakeDataValidationProxy(ctx, t);
  }

  must(): RangeTarget {
    const t = this.target();
    if (!t) throw new FakeRichApiError("ItemNotFound", "The range doesn't exist.");
    return t;
  }

  protected snapshot(names: readonly string[]): Record<string, unknown> | null {
    const t = this.target();
    if (!t) return null;
    const { sheet, rect } = t;
    const out: Record<string, unknown> = {};
    const want = names.length ? names : ["address", "rowIndex", "columnIndex", "rowCount", "columnCount", "values"];
    for (const n of want) {
      switch (n) {
        case "values":
          out.values = sheet.grid(rect);
          break;
        case "text":
          out.text = sheet.grid(rect).map((row) => row.map((v) => String(v)));
          break;
        case "formulas":
          out.formulas = sheet
            .grid(rect)
            .map((row, r) => row.map((v, c) => sheet.formulas.get(`${rect.row + r},${rect.col + c}`) ?? v));
          break;
        case "numberFormat":
          out.numberFormat = sheet
            .grid(rect)
            .map((row, r) =>
              row.map((_, c) => sheet.numberFormats.get(`${rect.row + r},${rect.col + c}`) ?? "General"),
            );
          break;
        case "address":
          out.address = `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
          break;
        case "rowIndex":
          out.rowIndex = rect.row;
          break;
        case "columnIndex":
          out.columnIndex = rect.col;
          break;
        case "rowCount":
          out.rowCount = rect.rows;
          break;
        case "columnCount":
          out.columnCount = rect.cols;
          break;
        default:
          throw new FakeRichApiError("InvalidArgument", `the fake cannot load Range.${n}`);
      }
    }
    return out;
  }

  get values(): FakeCell[][] {
    return this.prop("values");
  }
  set values(grid: (FakeCell | null)[][]) {
    this.writeGrid("values", grid);
  }
  get formulas(): FakeCell[][] {
    return this.prop("formulas");
  }
  set formulas(grid: (FakeCell | null)[][]) {
    this.writeGrid("formulas", grid);
  }
  get numberFormat(): string[][] {
    return this.prop("numberFormat");
  }
  set numberFormat(grid: (string | null)[][]) {
    this.ctx.write(
      () => this.must().sheet,
      grid,
      (s) => {
        const { rect } = this.must();
        const broadcast = grid.length === 1 && grid[0].length === 1;
        if (!broadcast) checkShape(grid, rect, "numberFormat");
        for (let r = 0; r < rect.rows; r++)
          for (let c = 0; c < rect.cols; c++) {
            const f = broadcast ? grid[0][0] : grid[r][c];
            if (f === null || f === undefined) continue;
            s.numberFormats.set(`${rect.row + r},${rect.col + c}`, f);
          }
      },
      "Range.numberFormat",
    );
  }
  get address(): string {
    return this.prop("address");
  }
  get rowIndex(): number {
    return this.prop("rowIndex");
  }
  get columnIndex(): number {
    return this.prop("columnIndex");
  }
  get rowCount(): number {
    return this.prop("rowCount");
  }
  get columnCount(): number {
    return this.prop("columnCount");
  }

  private writeGrid(kind: "values" | "formulas", grid: (FakeCell | null)[][]): void {
    this.ctx.write(
      () => this.must().sheet,
      grid,
      (s) => {
        const { rect } = this.must();
        checkShape(grid, rect, kind);
        for (let r = 0; r < rect.rows; r++)
          for (let c = 0; c < rect.cols; c++) {
            const v = grid[r][c];
            // Office.js: null in a written array leaves the cell as it is.
            if (v === null || v === undefined) continue;
            writeCell(this.ctx.book, s, rect.row + r, rect.col + c, v);
          }
      },
      `Range.${kind}`,
    );
  }

  /** ExcelApi 1.1; only `Down` is modelled. */
  insert(shift: "Down" | "Right"): FakeRange {
    if (shift !== "Down") throw new FakeRichApiError("InvalidArgument", "the fake inserts cells shifting down only");
    this.ctx.write(
      () => this.must().sheet,
      [shift],
      (s) => s.insertDown(this.must().rect),
      "Range.insert",
    );
    return this;
  }

  /** ExcelApi 1.2: hides or shows the range's columns (reading it is not modelled). */
  set columnHidden(hidden: boolean) {
    this.ctx.requires(2, "Range.columnHidden");
    this.ctx.write(
      () => this.must().sheet,
      [hidden],
      (s) => {
        const { rect } = this.must();
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          if (hidden) s.hiddenColumns.add(c);
          else s.hiddenColumns.delete(c);
        }
      },
      "Range.columnHidden",
    );
  }
  get columnHidden(): boolean {
    return notLoaded("Range", "columnHidden");
  }

  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this.ctx.write(
      () => this.must().sheet,
      [applyTo],
      (s) => {
        const { rect } = this.must();
        s.clear(rect, applyTo);
        if (applyTo !== "Contents") {
          s.formatOps.push({ address: rectAddress(rect), property: "clear", value: applyTo });
        }
      },
      "Range.clear",
    );
  }

  merge(across = false): void {
    this.ctx.write(
      () => this.must().sheet,
      [across],
      (s) => {
        const { rect } = this.must();
        s.merges = s.merges.filter((m) => !overlaps(rectAddress(m), rectAddress(rect)));
        s.merges.push({ ...rect });
      },
      "Range.merge",
    );
  }

  unmerge(): void {
    this.ctx.write(
      () => this.must().sheet,
      undefined,
      (s) => {
        const { rect } = this.must();
        s.merges = s.merges.filter((m) => !overlaps(rectAddress(m), rectAddress(rect)));
      },
      "Range.unmerge",
    );
  }

  copyFrom(source: FakeRange, copyType: string = "All"): void {
    this.ctx.requires(9, "Range.copyFrom");
    if (copyType === "Values") {
      // Paste values: the source's values (formulas evaluated) as constants.
      this.ctx.write(
        () => this.must().sheet,
        [copyType],
        (s) => {
          const from = source.must();
          const to = this.must().rect;
          const grid = from.sheet.grid(from.rect);
          for (let r = 0; r < to.rows; r++)
            for (let c = 0; c < to.cols; c++) {
              const v = grid[r % grid.length]?.[c % grid[0].length] ?? "";
              s.formulas.delete(`${to.row + r},${to.col + c}`);
              s.set(to.row + r, to.col + c, v);
            }
        },
        "Range.copyFrom",
      );
      return;
    }
    this.ctx.write(
      () => this.must().sheet,
      [copyType],
      (s) => {
        const from = source.must();
        s.formatOps.push({
          address: rectAddress(this.must().rect),
          property: `copyFrom.${copyType}`,
          value: rectAddress(from.rect),
        });
      },
      "Range.copyFrom",
    );
  }

  select(): void {
    this.ctx.enqueue(undefined, () => {
      const { sheet, rect } = this.must();
      this.ctx.book.selection = { sheet: sheet.name, address: rectAddress(rect) };
      this.ctx.book.activeSheet = sheet.name;
    });
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.ctx.requires(13, "Range.getMergedAreasOrNullObject");
    return new FakeRangeAreas(this.ctx, () => {
      const { sheet, rect } = this.must();
      const inside = sheet.merges.filter(
        (m) => m.row >= rect.row && m.col >= rect.col && m.row < rect.row + rect.rows && m.col < rect.col + rect.cols,
      );
      if (!inside.length) return null;
      return { sheet, address: inside.map((m) => `${quoteSheet(sheet.name)}!${rectAddress(m)}`).join(",") };
    });
  }
}

function checkShape(grid: readonly (readonly unknown[])[], rect: Rect, what: string): void {
  if (grid.length !== rect.rows || grid.some((row) => row.length !== rect.cols)) {
    throw new FakeRichApiError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: ${grid.length}×${grid[0]?.length ?? 0} for ${rect.rows}×${rect.cols}).`,
    );
  }
}

/** Excel's reading of a written value: `=…` is a formula, numbers stay numbers, text in a `@` cell stays text. */
function writeCell(book: FakeWorkbook, sheet: FakeSheet, row: number, col: number, value: FakeCell): void {
  const key = `${row},${col}`;
  const textFormat = sheet.numberFormats.get(key) === "@";
  if (typeof value === "string" && !textFormat && /^[=+-]/.test(value) && value.length > 1) {
    // Excel takes it for a formula; the fake keeps the text and marks the cell, which is what tests look for.
    sheet.formulas.set(key, value.startsWith("=") ? value : `=${value}`);
    sheet.set(
      row,
      col,
      value.startsWith("=")
        ? evaluateFormula(book, sheet, value)
        : Number.isNaN(Number(value))
          ? "#NAME?"
          : Number(value),
    );
    return;
  }
  sheet.formulas.delete(key);
  if (typeof value === "string" && !textFormat && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    // A string of digits written into a General cell becomes a number (its leading zeros lost).
    sheet.set(row, col, Number(value));
    return;
  }
  const date =
    typeof value === "string" && !textFormat ? /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(value.trim()) : null;
  if (date) {
    // …and a date-like string becomes a date serial.
    sheet.set(row, col, Math.round((Date.UTC(+date[1], +date[2] - 1, +date[3]) - Date.UTC(1899, 11, 30)) / 86_400_000));
    return;
  }
  sheet.set(row, col, value);
}

/** The few formulas Rapport writes (HYPERLINK); anything else evaluates to its own text. */
function evaluateFormula(book: FakeWorkbook, own: FakeSheet, formula: string): FakeCell {
  const link = /^=HYPERLINK\("[^"]*",\s*"((?:[^"]|"")*)"\)$/i.exec(formula);
  if (link) return link[1].replace(/""/g, '"');
  // A plain reference to one cell of a sheet: ='Sheet'!$A$1 or =Sheet!A1.
  const ref = /^=(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]+)\$?(\d+)$/.exec(formula);
  if (ref) {
    const sheet = book.findSheet((ref[1] ?? ref[2]).replace(/''/g, "'"));
    if (!sheet) return "#REF!";
    return sheet.get(Number(ref[4]) - 1, colIndex(ref[3]));
  }
  const local = /^=\$?([A-Z]+)\$?(\d+)$/.exec(formula);
  if (local) return own.get(Number(local[2]) - 1, colIndex(local[1]));
  return formula;
}

class FakeRangeFormat {
  readonly fill: { color: string; clear: () => void };
  readonly font: { bold: boolean; color: string; size: number };
  readonly borders: { getItem: (edge: string) => { style: string } };
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly target: () => RangeTarget,
  ) {
    const op = (property: string, value: unknown) =>
      ctx.write(
        () => target().sheet,
        [value],
        (s) => void s.formatOps.push({ address: rectAddress(target().rect), property, value }),
        `format.${property}`,
      );
    this.fill = {
      set color(value: string) {
        op("fill.color", value);
      },
      get color(): string {
        return notLoaded("RangeFill", "color");
      },
      clear: () => op("fill.clear", null),
    };
    this.font = {
      set bold(value: boolean) {
        op("font.bold", value);
      },
      get bold(): boolean {
        return notLoaded("RangeFont", "bold");
      },
      set color(value: string) {
        op("font.color", value);
      },
      get color(): string {
        return notLoaded("RangeFont", "color");
      },
      set size(value: number) {
        op("font.size", value);
      },
      get size(): number {
        return notLoaded("RangeFont", "size");
      },
    };
    this.borders = {
      getItem: (edge: string) => ({
        set style(value: string) {
          op(`border.${edge}`, value);
        },
        get style(): string {
          return notLoaded("RangeBorder", "style");
        },
      }),
    };
  }
  private op(property: string, value: unknown): void {
    this.ctx.write(
      () => this.target().sheet,
      [value],
      (s) => void s.formatOps.push({ address: rectAddress(this.target().rect), property, value }),
      `format.${property}`,
    );
  }
  set columnWidth(value: number) {
    this.op("columnWidth", value);
  }
  set wrapText(value: boolean) {
    this.op("wrapText", value);
  }
  set verticalAlignment(value: string) {
    this.op("verticalAlignment", value);
  }
  set horizontalAlignment(value: string) {
    this.op("horizontalAlignment", value);
  }
  autofitColumns(): void {
    this.op("autofitColumns", true);
  }
}

class FakeRangeAreas extends Loadable {
  readonly conditionalFormats: FakeConditionalFormatCollection;
  readonly format: { fill: { color: string } };
  constructor(
    ctx: FakeRequestContext,
    private readonly target: () => { sheet: FakeSheet; address: string } | null,
  ) {
    super(ctx, "RangeAreas");
    const must = () => {
      const t = target();
      if (!t) throw new FakeRichApiError("ItemNotFound", "no such ranges");
      return t;
    };
    this.conditionalFormats = new FakeConditionalFormatCollection(ctx, () => {
      const t = must();
      return { sheet: t.sheet, ranges: t.address };
    });
    this.format = {
      fill: {
        set color(value: string) {
          ctx.write(
            () => must().sheet,
            [value],
            (s) => void s.formatOps.push({ address: must().address, property: "fill.color", value }),
            "RangeAreas.format",
          );
        },
        get color(): string {
          return notLoaded("RangeFill", "color");
        },
      },
    };
  }
  get address(): string {
    return this.prop("address");
  }
  protected snapshot(): Record<string, unknown> | null {
    const t = this.target();
    return t ? { address: t.address } : null;
  }
}

class FakeConditionalFormatCollection extends Loadable {
  private itemProxies: FakeConditionalFormat_[] = [];
  constructor(
    ctx: FakeRequestContext,
    private readonly target: () => { sheet: FakeSheet; ranges: string },
  ) {
    super(ctx, "ConditionalFormatCollection");
  }

  override load(arg?: LoadArg): this {
    this.ctx.requires(6, "Range.conditionalFormats");
    return super.load(arg);
  }

  get items(): FakeConditionalFormat_[] {
    if (!this.loaded.has("items")) notLoaded("ConditionalFormatCollection", "items");
    return this.itemProxies;
  }

  /** The conditional formats that intersect the range (all of the sheet's for the whole sheet). */
  protected snapshot(): Record<string, unknown> {
    const { sheet, ranges } = this.target();
    this.itemProxies = sheet.conditionalFormats
      .filter((c) => overlaps(c.ranges, ranges))
      .map((c) => {
        const proxy = new FakeConditionalFormat_(
          this.ctx,
          () => (sheet.conditionalFormats.includes(c) ? c : null),
          () => sheet,
        );
        proxy.fill();
        return proxy;
      });
    return { items: this.itemProxies.map((p) => p.toJSON()) };
  }

  add(type: string): FakeConditionalFormat_ {
    this.ctx.requires(6, "ConditionalFormatCollection.add");
    const record: FakeConditionalFormat = { id: "", type, ranges: "", formula: null, fill: null, fontColor: null };
    this.ctx.write(
      () => this.target().sheet,
      [type],
      (s) => {
        record.id = this.ctx.book.newId();
        record.ranges = this.target().ranges;
        s.conditionalFormats.push(record);
      },
      "ConditionalFormatCollection.add",
    );
    return new FakeConditionalFormat_(
      this.ctx,
      () => record,
      () => this.target().sheet,
    );
  }

  getItem(id: string): FakeConditionalFormat_ {
    this.ctx.requires(6, "ConditionalFormatCollection.getItem");
    return new FakeConditionalFormat_(
      this.ctx,
      () => {
        const found = this.target().sheet.conditionalFormats.find((c) => c.id === id);
        if (!found) throw new FakeRichApiError("ItemNotFound", `no conditional format ${id}`);
        return found;
      },
      () => this.target().sheet,
    );
  }

  getItemOrNullObject(id: string): FakeConditionalFormat_ {
    this.ctx.requires(14, "ConditionalFormatCollection.getItemOrNullObject");
    return new FakeConditionalFormat_(
      this.ctx,
      () => this.target().sheet.conditionalFormats.find((c) => c.id === id) ?? null,
      () => this.target().sheet,
    );
  }

  clearAll(): void {
    this.ctx.requires(6, "ConditionalFormatCollection.clearAll");
    this.ctx.write(
      () => this.target().sheet,
      undefined,
      (s) => {
        const ranges = this.target().ranges;
        s.conditionalFormats = s.conditionalFormats.filter((c) => !overlaps(c.ranges, ranges));
      },
      "ConditionalFormatCollection.clearAll",
    );
  }
}

function overlaps(a: string, b: string): boolean {
  const rects = (s: string) => s.split(",").map((p) => parseAddress(p).rect);
  return rects(a).some((x) =>
    rects(b).some(
      (y) => x.row < y.row + y.rows && y.row < x.row + x.rows && x.col < y.col + y.cols && y.col < x.col + x.cols,
    ),
  );
}

class FakeConditionalFormat_ extends Loadable {
  readonly custom: { rule: { formula: string }; format: { fill: { color: string }; font: { color: string } } };
  constructor(
    ctx: FakeRequestContext,
    private readonly record: () => FakeConditionalFormat | null,
    sheet: () => FakeSheet,
  ) {
    super(ctx, "ConditionalFormat");
    const set = (apply: (r: FakeConditionalFormat) => void, args: unknown) =>
      ctx.write(
        sheet,
        args,
        () => {
          const r = record();
          if (!r) throw new FakeRichApiError("ItemNotFound", "no such conditional format");
          apply(r);
        },
        "ConditionalFormat",
      );
    this.custom = {
      rule: {
        set formula(value: string) {
          set((r) => (r.formula = value), [value]);
        },
        get formula(): string {
          return notLoaded("ConditionalRuleFormat", "formula");
        },
      },
      format: {
        fill: {
          set color(value: string) {
            set((r) => (r.fill = value), [value]);
          },
          get color(): string {
            return notLoaded("ConditionalRangeFill", "color");
          },
        },
        font: {
          set color(value: string) {
            set((r) => (r.fontColor = value), [value]);
          },
          get color(): string {
            return notLoaded("ConditionalRangeFont", "color");
          },
        },
      },
    };
    this.sheetOf = sheet;
  }
  private readonly sheetOf: () => FakeSheet;
  /** Fills loaded properties directly (items of a collection load). */
  fill(): void {
    const snap = this.snapshot();
    this.nullObject = snap === null;
    for (const [k, v] of Object.entries(snap ?? {})) this.loaded.set(k, v);
  }
  get id(): string {
    return this.prop("id");
  }
  protected snapshot(): Record<string, unknown> | null {
    const r = this.record();
    return r ? { id: r.id, type: r.type } : null;
  }
  delete(): void {
    this.ctx.write(
      this.sheetOf,
      undefined,
      (s) => {
        const r = this.record();
        if (!r) throw new FakeRichApiError("ItemNotFound", "no such conditional format");
        s.conditionalFormats = s.conditionalFormats.filter((c) => c !== r);
      },
      "ConditionalFormat.delete",
    );
  }
}

class FakeDataValidationProxy {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly target: () => RangeTarget,
  ) {
    ctx.path();
  }
  set rule(rule: unknown) {
    this.ctx.requires(8, "Range.dataValidation");
    this.ctx.write(
      () => this.target().sheet,
      rule,
      (s) => {
        const address = rectAddress(this.target().rect);
        s.dataValidations = s.dataValidations.filter((d) => d.address !== address);
        s.dataValidations.push({ address, rule });
      },
      "DataValidation.rule",
    );
  }
  get rule(): unknown {
    return notLoaded("DataValidation", "rule");
  }
  set errorAlert(alert: unknown) {
    this.ctx.requires(8, "Range.dataValidation");
    this.ctx.write(
      () => this.target().sheet,
      alert,
      (s) => {
        const address = rectAddress(this.target().rect);
        const found = s.dataValidations.find((d) => d.address === address);
        if (found) found.rule = { ...(found.rule as object), errorAlert: alert };
      },
      "DataValidation.errorAlert",
    );
  }
  clear(): void {
    this.ctx.requires(8, "Range.dataValidation");
    this.ctx.write(
      () => this.target().sheet,
      undefined,
      (s) => {
        const address = rectAddress(this.target().rect);
        s.dataValidations = s.dataValidations.filter((d) => !overlaps(d.address, address));
      },
      "DataValidation.clear",
    );
  }
}

class FakeNoteCollection extends Loadable {
  private itemProxies: FakeNote[] = [];
  constructor(
    ctx: FakeRequestContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx, "NoteCollection");
  }
  override load(arg?: LoadArg): this {
    this.ctx.requires(18, "Worksheet.notes");
    return super.load(arg);
  }
  get items(): FakeNote[] {
    if (!this.loaded.has("items")) notLoaded("NoteCollection", "items");
    return this.itemProxies;
  }
  protected snapshot(): Record<string, unknown> {
    const s = this.sheet();
    this.itemProxies = [...s.notes.keys()].map((key) => {
      const note = new FakeNote(this.ctx, () => (s.notes.has(key) ? { sheet: s, key } : null));
      note.fill();
      return note;
    });
    return { items: this.itemProxies.map((n) => n.toJSON()) };
  }
  add(cellAddress: string, content: string): FakeNote {
    this.ctx.requires(18, "NoteCollection.add");
    const key = parseAddress(cellAddress).rect;
    const address = rectAddress(key);
    this.ctx.write(
      this.sheet,
      [cellAddress, content],
      (s) => {
        if (s.notes.has(address))
          throw new FakeRichApiError("InvalidArgument", `The cell ${address} already has a note.`);
        s.notes.set(address, content);
      },
      "NoteCollection.add",
    );
    return new FakeNote(this.ctx, () => ({ sheet: this.sheet(), key: address }));
  }
  getItem(key: string): FakeNote {
    this.ctx.requires(18, "NoteCollection.getItem");
    const address = rectAddress(parseAddress(key).rect);
    return new FakeNote(this.ctx, () => {
      if (!this.sheet().notes.has(address)) throw new FakeRichApiError("ItemNotFound", `no note at ${address}`);
      return { sheet: this.sheet(), key: address };
    });
  }

  getItemOrNullObject(key: string): FakeNote {
    this.ctx.requires(18, "NoteCollection.getItemOrNullObject");
    const address = rectAddress(parseAddress(key).rect);
    return new FakeNote(this.ctx, () =>
      this.sheet().notes.has(address) ? { sheet: this.sheet(), key: address } : null,
    );
  }
  getCount(): { value: number } {
    this.ctx.requires(18, "NoteCollection.getCount");
    const result = { value: -1 };
    this.ctx.enqueue(undefined, () => {
      result.value = this.sheet().notes.size;
      return 8;
    });
    return result;
  }
}

class FakeNote extends Loadable {
  constructor(
    ctx: FakeRequestContext,
    private readonly target: () => { sheet: FakeSheet; key: string } | null,
  ) {
    super(ctx, "Note");
  }
  fill(): void {
    const snap = this.snapshot();
    this.nullObject = snap === null;
    for (const [k, v] of Object.entries(snap ?? {})) this.loaded.set(k, v);
  }
  protected snapshot(): Record<string, unknown> | null {
    const t = this.target();
    return t ? { content: t.sheet.notes.get(t.key) } : null;
  }
  /** ExcelApi 1.18: the note's cell. */
  getLocation(): FakeRange {
    this.ctx.requires(18, "Note.getLocation");
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      if (!t) throw new FakeRichApiError("ItemNotFound", "no such note");
      return { sheet: t.sheet, rect: parseAddress(t.key).rect };
    });
  }
  get content(): string {
    return this.prop("content");
  }
  set content(value: string) {
    this.ctx.enqueue([value], () => {
      const t = this.target();
      if (!t) throw new FakeRichApiError("ItemNotFound", "no such note");
      if (t.sheet.protected) throw new FakeRichApiError("AccessDenied", "protected sheet");
      t.sheet.notes.set(t.key, value);
    });
  }
  delete(): void {
    this.ctx.enqueue(undefined, () => {
      const t = this.target();
      if (!t) throw new FakeRichApiError("ItemNotFound", "no such note");
      if (t.sheet.protected) throw new FakeRichApiError("AccessDenied", "protected sheet");
      t.sheet.notes.delete(t.key);
    });
  }
}

/** Threaded comments (ExcelApi 1.10), one per cell, by the cell's address. */
class FakeCommentCollection extends Loadable {
  private itemProxies: FakeComment[] = [];
  constructor(
    ctx: FakeRequestContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx, "CommentCollection");
  }
  override load(arg?: LoadArg): this {
    this.ctx.requires(10, "Worksheet.comments");
    return super.load(arg);
  }
  get items(): FakeComment[] {
    if (!this.loaded.has("items")) notLoaded("CommentCollection", "items");
    return this.itemProxies;
  }
  protected snapshot(): Record<string, unknown> {
    const s = this.sheet();
    this.itemProxies = [...s.comments.keys()].map((key) => {
      const comment = new FakeComment(this.ctx, () => (s.comments.has(key) ? { sheet: s, key } : null));
      comment.fill();
      return comment;
    });
    return { items: this.itemProxies.map((n) => n.toJSON()) };
  }
  add(cellAddress: string, content: string): FakeComment {
    this.ctx.requires(10, "CommentCollection.add");
    const address = rectAddress(parseAddress(cellAddress).rect);
    this.ctx.write(
      this.sheet,
      [cellAddress, content],
      (s) => {
        if (s.comments.has(address))
          throw new FakeRichApiError("InvalidArgument", `The cell ${address} already has a comment.`);
        s.comments.set(address, content);
      },
      "CommentCollection.add",
    );
    return new FakeComment(this.ctx, () => ({ sheet: this.sheet(), key: address }));
  }
  getItemByCell(cellAddress: string): FakeComment {
    this.ctx.requires(10, "CommentCollection.getItemByCell");
    const address = rectAddress(parseAddress(cellAddress).rect);
    return new FakeComment(this.ctx, () => {
      if (!this.sheet().comments.has(address)) throw new FakeRichApiError("ItemNotFound", `no comment at ${address}`);
      return { sheet: this.sheet(), key: address };
    });
  }
}

class FakeComment extends Loadable {
  constructor(
    ctx: FakeRequestContext,
    private readonly target: () => { sheet: FakeSheet; key: string } | null,
  ) {
    super(ctx, "Comment");
  }
  fill(): void {
    const snap = this.snapshot();
    this.nullObject = snap === null;
    for (const [k, v] of Object.entries(snap ?? {})) this.loaded.set(k, v);
  }
  protected snapshot(): Record<string, unknown> | null {
    const t = this.target();
    return t ? { content: t.sheet.comments.get(t.key) } : null;
  }
  get content(): string {
    return this.prop("content");
  }
  getLocation(): FakeRange {
    this.ctx.requires(10, "Comment.getLocation");
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      if (!t) throw new FakeRichApiError("ItemNotFound", "no such comment");
      return { sheet: t.sheet, rect: parseAddress(t.key).rect };
    });
  }
  delete(): void {
    this.ctx.enqueue(undefined, () => {
      const t = this.target();
      if (!t) throw new FakeRichApiError("ItemNotFound", "no such comment");
      if (t.sheet.protected) throw new FakeRichApiError("AccessDenied", "protected sheet");
      t.sheet.comments.delete(t.key);
    });
  }
}

class FakeTableCollection extends Loadable {
  private itemProxies: FakeTableProxy[] = [];
  constructor(
    ctx: FakeRequestContext,
    private readonly sheet: (() => FakeSheet) | null,
  ) {
    super(ctx, "TableCollection");
  }
  get items(): FakeTableProxy[] {
    if (!this.loaded.has("items")) notLoaded("TableCollection", "items");
    return this.itemProxies;
  }
  private list(): FakeTable[] {
    const all = this.ctx.book.tables;
    return this.sheet ? all.filter((t) => t.sheet === this.sheet?.().name) : all;
  }
  protected snapshot(): Record<string, unknown> {
    this.itemProxies = this.list().map((t) => {
      const proxy = new FakeTableProxy(this.ctx, () => (this.ctx.book.tables.includes(t) ? t : null));
      proxy.fill();
      return proxy;
    });
    return { items: this.itemProxies.map((p) => p.toJSON()) };
  }
  getItem(name: string): FakeTableProxy {
    return new FakeTableProxy(this.ctx, () => {
      const found = this.list().find((t) => t.name.toLowerCase() === name.toLowerCase());
      if (!found) throw new FakeRichApiError("ItemNotFound", `no table ${name}`);
      return found;
    });
  }

  add(address: string, hasHeaders: boolean): FakeTableProxy {
    void hasHeaders;
    const record: FakeTable = { name: "", sheet: "", address: "", style: "TableStyleMedium2" };
    const sheetOf = () => {
      const parsed = parseAddress(address);
      return parsed.sheet ? this.ctx.book.sheet(parsed.sheet) : (this.sheet as () => FakeSheet)();
    };
    this.ctx.write(
      sheetOf,
      [address],
      (s) => {
        const rect = parseAddress(address).rect;
        const clash = this.ctx.book.tables.find((t) => t.sheet === s.name && overlaps(t.address, rectAddress(rect)));
        if (clash) throw new FakeRichApiError("InvalidOperation", "A table can't overlap another table.");
        record.sheet = s.name;
        record.address = rectAddress(rect);
        let n = this.ctx.book.tables.length + 1;
        while (this.ctx.book.tables.some((t) => t.name === `Table${n}`)) n++;
        record.name = `Table${n}`;
        this.ctx.book.tables.push(record);
      },
      "TableCollection.add",
    );
    return new FakeTableProxy(this.ctx, () => record);
  }
}

class FakeTableProxy extends Loadable {
  constructor(
    ctx: FakeRequestContext,
    private readonly record: () => FakeTable | null,
  ) {
    super(ctx, "Table");
  }
  fill(): void {
    const snap = this.snapshot();
    this.nullObject = snap === null;
    for (const [k, v] of Object.entries(snap ?? {})) this.loaded.set(k, v);
  }
  protected snapshot(): Record<string, unknown> | null {
    const r = this.record();
    return r ? { name: r.name, style: r.style } : null;
  }
  private must(): FakeTable {
    const r = this.record();
    if (!r) throw new FakeRichApiError("ItemNotFound", "no such table");
    return r;
  }
  get name(): string {
    return this.prop("name");
  }
  set name(value: string) {
    this.ctx.enqueue([value], () => {
      if (this.ctx.book.tables.some((t) => t.name.toLowerCase() === value.toLowerCase() && t !== this.must()))
        throw new FakeRichApiError("InvalidArgument", `A table named ${value} already exists.`);
      this.must().name = value;
    });
  }
  set style(value: string) {
    this.ctx.enqueue([value], () => void (this.must().style = value));
  }
  set showBandedRows(_value: boolean) {
    this.ctx.enqueue([_value], () => undefined);
  }
  getRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const r = this.must();
      return { sheet: this.ctx.book.sheet(r.sheet), rect: parseAddress(r.address).rect };
    });
  }
  convertToRange(): void {
    this.ctx.enqueue(undefined, () => {
      const r = this.must();
      this.ctx.book.tables = this.ctx.book.tables.filter((t) => t !== r);
    });
  }
  delete(): void {
    this.ctx.enqueue(undefined, () => {
      const r = this.must();
      const s = this.ctx.book.sheet(r.sheet);
      s.clear(parseAddress(r.address).rect, "All");
      this.ctx.book.tables = this.ctx.book.tables.filter((t) => t !== r);
    });
  }
}

class FakeSettingCollection {
  constructor(private readonly ctx: FakeRequestContext) {
    ctx.path();
  }
  add(key: string, value: unknown): void {
    this.ctx.enqueue([key, value], () => void this.ctx.book.settings.set(key, JSON.parse(JSON.stringify(value))));
  }
  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.ctx, key);
  }
}

class FakeSetting extends Loadable {
  constructor(
    ctx: FakeRequestContext,
    private readonly key: string,
  ) {
    super(ctx, "Setting");
  }
  protected snapshot(): Record<string, unknown> | null {
    const book = this.ctx.book;
    return book.settings.has(this.key) ? { key: this.key, value: book.settings.get(this.key) } : null;
  }
  get value(): unknown {
    return this.prop("value");
  }
  delete(): void {
    this.ctx.enqueue(undefined, () => void this.ctx.book.settings.delete(this.key));
  }
}
