import { columnLetter } from "./a1";
import { FIELDS, normalizeHeader, type FieldKind, type FieldSpec } from "./fields";
import { findHeaderRow, HEADER_SEARCH_ROWS, type HeaderOptions } from "./header";
import { parseBirthday } from "./parse/birthday";
import { parseDate } from "./parse/date";
import { parseBoolean, parseStatus } from "./parse/flags";
import { parseCount, parseMoney } from "./parse/number";
import { parseEmail, parsePhone } from "./parse/phone";
import type { Parsed } from "./parse/result";
import { percentCellKey } from "./parse/number-format";
import { parseSatisfaction, parseSatisfactionPercentCell } from "./parse/satisfaction";
import { cellText, codeAt, halfWidth, isAscii, lengthOf, trimmed } from "./parse/text";
import type {
  ArchiveCheckResult,
  ArchiveReadResult,
  CellValue,
  CustomerRecord,
  FieldKey,
  IsoDate,
  IssueCode,
  SheetGrid,
  SkippedRow,
  ValidationIssue,
} from "./types";
import { checkRecord, type CheckedFields } from "./validate";

export interface ArchiveOptions extends HeaderOptions {
  /** Today's date, for "in the future" checks. The core never reads the clock itself. */
  today: IsoDate;
}

const PARSERS: Record<Exclude<FieldKind, "text">, (value: CellValue) => Parsed<unknown>> = {
  date: parseDate,
  money: parseMoney,
  count: parseCount,
  phone: parsePhone,
  email: parseEmail,
  satisfaction: parseSatisfaction,
  boolean: parseBoolean,
  status: parseStatus,
  birthday: parseBirthday,
};

/** Labels of a totals row, compared after `normalizeHeader` (width, spaces, colons and case do not matter). */
const TOTALS_WORDS: ReadonlySet<string> = new Set([
  "合计",
  "总计",
  "小计",
  "共计",
  "总合计",
  "累计",
  "本页合计",
  "本页小计",
  "total",
  "totals",
  "subtotal",
  "grandtotal",
]);
const TOTALS_HINT = /[计計]|total|ｔｏｔａｌ/i;
/** A label with the count or sum beside it in the same cell: `合计：300户`, `Total 12`. */
const LABEL_WITH_FIGURE = /^(\D+?)[\d,.]+[\u4e00-\u9fff]{0,2}$/;

const ISSUE_BY_KIND: Record<Exclude<FieldKind, "text">, IssueCode> = {
  date: "invalid-date",
  money: "invalid-number",
  count: "invalid-number",
  phone: "invalid-phone",
  email: "invalid-email",
  satisfaction: "invalid-satisfaction",
  boolean: "invalid-boolean",
  status: "invalid-status",
  birthday: "invalid-date",
};

interface BoundColumn {
  spec: FieldSpec;
  /** Position of the field in FIELDS. */
  fieldIndex: number;
  index: number;
  letter: string;
  parse: ((value: CellValue) => Parsed<unknown>) | null;
  /** The value of a usual cell of the column, or undefined when the general reader has to read it. */
  plain: PlainReader;
}

/**
 * A cell's value when reading it is plain sailing: it is not empty and reads without a finding. Undefined for
 * everything else (empty, wrong, doubtful, a percent-formatted number), which the general reader then reads again,
 * findings and all. Most cells are plain, and this way they skip the general reader's bookkeeping.
 */
type PlainReader = (cell: string | number | boolean) => unknown;

function isBlankText(cell: string | number | boolean): boolean {
  return typeof cell === "string" && trimmed(cell) === "";
}

/**
 * The plain reader of each kind of field. Each is written out on purpose: a function of its own per parser gives V8
 * a call site that sees one parser and its few result shapes. One shared call site saw all of them, went megamorphic
 * and was deoptimised ("wrong map") over and over.
 */
const PLAIN_READERS: Record<FieldKind, PlainReader> = {
  text: (cell) => {
    if (typeof cell !== "string") return undefined;
    const text = trimmed(cell);
    return text === "" ? undefined : text;
  },
  date: (cell) => {
    if (isBlankText(cell)) return undefined;
    const parsed = parseDate(cell);
    return parsed.ok && parsed.warning === undefined ? parsed.value : undefined;
  },
  money: (cell) => {
    if (isBlankText(cell)) return undefined;
    const parsed = parseMoney(cell);
    return parsed.ok && parsed.warning === undefined ? parsed.value : undefined;
  },
  count: (cell) => {
    if (isBlankText(cell)) return undefined;
    const parsed = parseCount(cell);
    return parsed.ok && parsed.warning === undefined ? parsed.value : undefined;
  },
  phone: (cell) => {
    if (isBlankText(cell)) return undefined;
    const parsed = parsePhone(cell);
    return parsed.ok && parsed.warning === undefined ? parsed.value : undefined;
  },
  email: (cell) => {
    if (isBlankText(cell)) return undefined;
    const parsed = parseEmail(cell);
    return parsed.ok && parsed.warning === undefined ? parsed.value : undefined;
  },
  satisfaction: (cell) => {
    if (isBlankText(cell)) return undefined;
    const parsed = parseSatisfaction(cell);
    return parsed.ok && parsed.warning === undefined ? parsed.value : undefined;
  },
  boolean: (cell) => {
    if (isBlankText(cell)) return undefined;
    const parsed = parseBoolean(cell);
    return parsed.ok && parsed.warning === undefined ? parsed.value : undefined;
  },
  status: (cell) => {
    if (isBlankText(cell)) return undefined;
    const parsed = parseStatus(cell);
    return parsed.ok && parsed.warning === undefined ? parsed.value : undefined;
  },
  birthday: (cell) => {
    if (isBlankText(cell)) return undefined;
    const parsed = parseBirthday(cell);
    return parsed.ok && parsed.warning === undefined ? parsed.value : undefined;
  },
};

/** On a sheet with percent-formatted cells a number of a percent kind is the general reader's (it knows them). */
function exceptNumbers(read: PlainReader): PlainReader {
  return (cell) => (typeof cell === "number" ? undefined : read(cell));
}

/**
 * Kinds of field whose numbers a percentage format changes: a 客户满意度 cell formatted as `0%` holds 1 for 100 %
 * (and shows `150%` for 1.5). Elsewhere a number reads, and is shown in a finding, as the number it is.
 */
const PERCENT_KINDS: ReadonlySet<FieldKind> = new Set<FieldKind>(["satisfaction"]);

/**
 * Where a customer sheet's number formats matter: the columns of fields whose numbers a percentage format changes
 * (客户满意度), and the grid row their cells are read from (the one below the header). A reader that pays for number
 * formats (Office.js) loads them for these cells only; null when the sheet has no customer header.
 */
export function percentColumns(
  sheet: SheetGrid,
  options: HeaderOptions = {},
): { from: number; columns: number[] } | null {
  const top = unmerge({ ...sheet, values: sheet.values.slice(0, HEADER_SEARCH_ROWS) });
  const found = findHeaderRow(top, options);
  if (!found) return null;
  const columns = new Set<number>();
  for (const spec of FIELDS) {
    if (!PERCENT_KINDS.has(spec.kind)) continue;
    const index = found.map.columns[spec.key];
    if (index !== undefined) columns.add(index);
    for (const more of found.map.more?.[spec.key] ?? []) columns.add(more);
  }
  return { from: found.index + 1, columns: [...columns].sort((a, b) => a - b) };
}

/** Fills each merged area with its top-left value, as a person reading the sheet would. */
function unmerge(sheet: SheetGrid): CellValue[][] {
  if (!sheet.merges?.length) return sheet.values;
  const values = sheet.values.map((row) => row.slice());
  for (const m of sheet.merges) {
    const master = values[m.top]?.[m.left] ?? null;
    for (let r = m.top; r <= m.bottom && r < values.length; r++) {
      for (let c = m.left; c <= m.right; c++) values[r][c] = master;
    }
  }
  return values;
}

function isBlank(row: readonly CellValue[]): boolean {
  for (const cell of row) {
    if (cell === null) continue;
    if (typeof cell !== "string" || trimmed(cell) !== "") return false;
  }
  return true;
}

/** A header printed again further down (sheets pasted together, or set up for printing). */
function isRepeatedHeader(row: readonly CellValue[], header: readonly string[], keyIndex: number): boolean {
  // Cheap test on one known column first: customer rows never hold the header text there.
  const key = row[keyIndex];
  if (typeof key !== "string") return false;
  const first = header[keyIndex][0];
  // A code in ASCII (KH0001) never holds a Chinese header's first character, lower case or not: no lower-casing.
  if (codeAt(first, 0) >= 0x80 && isAscii(key)) return false;
  if (!key.toLowerCase().includes(first)) return false;
  if (normalizeHeader(key) !== header[keyIndex]) return false;
  return row.every((c, i) => c === null || normalizeHeader(cellText(c)) === header[i]);
}

/**
 * Builds a record from values indexed like FIELDS, as one object literal: every record gets the same shape,
 * which keeps reading 100,000 of them fast. A test checks each field lands under its own key.
 */
function recordFromValues(row: number, v: readonly unknown[], extra: CustomerRecord["extra"]): CustomerRecord {
  const record: Record<FieldKey | "row" | "extra", unknown> = {
    row,
    code: (v[0] as string | undefined) ?? "",
    name: (v[1] as string | undefined) ?? "",
    category: v[2],
    address: v[3],
    legalRepresentative: v[4],
    generalManager: v[5],
    contactPerson: v[6],
    phone: v[7],
    email: v[8],
    mainBusiness: v[9],
    employees: v[10],
    operatingCondition: v[11],
    bank: v[12],
    loans: v[13],
    cashFlow: v[14],
    payer: v[15],
    paymentAttitude: v[16],
    cheques: v[17],
    largestPurchase: v[18],
    monthlyPurchase: v[19],
    channel: v[20],
    frequency: v[21],
    potential: v[22],
    satisfaction: v[23],
    owner: v[24],
    birthday: v[25],
    purchaseDate: v[26],
    installDate: v[27],
    lastRepairDate: v[28],
    repairOverdue: v[29],
    lastComplaintDate: v[30],
    complaintCount: v[31],
    lastProposalDate: v[32],
    lastContactDate: v[33],
    status: v[34],
    lostDate: v[35],
    lostReason: v[36],
    gradeOverride: v[37],
    extra,
  };
  return record as unknown as CustomerRecord;
}

/** Where a field's parsed value sits in the values `readCustomer` collects (indexed like FIELDS). */
function fieldIndex(key: FieldKey): number {
  return FIELDS.findIndex((f) => f.key === key);
}

const PURCHASE = fieldIndex("purchaseDate");
const INSTALL = fieldIndex("installDate");
const REPAIR = fieldIndex("lastRepairDate");
const COMPLAINT = fieldIndex("lastComplaintDate");
const PROPOSAL = fieldIndex("lastProposalDate");
const CONTACT = fieldIndex("lastContactDate");
const LOST = fieldIndex("lostDate");
const STATUS = fieldIndex("status");
const GRADE_OVERRIDE = fieldIndex("gradeOverride");

/**
 * The fields `checkRecord` looks at, for one row at a time: one object per reader, refilled for each row. The checks
 * then never need the record itself, which `checkArchive` does not make (and `checkRecord` always sees this one shape).
 */
class CheckedRow implements CheckedFields {
  purchaseDate: IsoDate | undefined = undefined;
  installDate: IsoDate | undefined = undefined;
  lastRepairDate: IsoDate | undefined = undefined;
  lastComplaintDate: IsoDate | undefined = undefined;
  lastProposalDate: IsoDate | undefined = undefined;
  lastContactDate: IsoDate | undefined = undefined;
  lostDate: IsoDate | undefined = undefined;
  status: CustomerRecord["status"] = undefined;
  gradeOverride: string | undefined = undefined;

  fill(v: readonly unknown[]): this {
    this.purchaseDate = v[PURCHASE] as IsoDate | undefined;
    this.installDate = v[INSTALL] as IsoDate | undefined;
    this.lastRepairDate = v[REPAIR] as IsoDate | undefined;
    this.lastComplaintDate = v[COMPLAINT] as IsoDate | undefined;
    this.lastProposalDate = v[PROPOSAL] as IsoDate | undefined;
    this.lastContactDate = v[CONTACT] as IsoDate | undefined;
    this.lostDate = v[LOST] as IsoDate | undefined;
    this.status = v[STATUS] as CustomerRecord["status"];
    this.gradeOverride = v[GRADE_OVERRIDE] as string | undefined;
    return this;
  }
}

/**
 * A totals label is exactly a totals word (`合计`, `合 计`, `总计：`, `Grand total`), maybe with its figure
 * (`合计：300户`), never a longer name: `合计宝科技有限公司` and `TotalEnergies China` are customers.
 */
export function isTotalsLabel(text: string): boolean {
  // Cheap tests first: every totals word holds 计 or "total" (full-width ｔｏｔａｌ folds to it below), and text
  // without 计, 計 or a t of any width or case cannot (most codes and names).
  if (!mayHoldTotalsWord(text) || !TOTALS_HINT.test(text)) return false;
  const label = normalizeHeader(text);
  if (TOTALS_WORDS.has(label)) return true;
  const m = LABEL_WITH_FIGURE.exec(label);
  return m !== null && TOTALS_WORDS.has(m[1]);
}

/** Whether the text holds a character `TOTALS_HINT` needs: 计, 計, or t, T, ｔ, Ｔ (the start of "total" in any case). */
function mayHoldTotalsWord(text: string): boolean {
  for (let i = 0, length = lengthOf(text); i < length; i++) {
    const c = codeAt(text, i);
    if (c === 0x8ba1 || c === 0x8a08 || c === 0x74 || c === 0x54 || c === 0xff54 || c === 0xff34) return true;
  }
  return false;
}

/**
 * A totals row has a totals label in the code column, or, with no customer code, in one of its first three text
 * cells (the label often sits in the name column or a 序号 column). A row with a customer code is a customer.
 */
function isTotals(row: readonly CellValue[], codeIndex: number | undefined): boolean {
  if (codeIndex !== undefined) {
    const code = row[codeIndex] ?? null;
    if (typeof code === "string" && isTotalsLabel(code)) return true;
    if (cellText(code) !== "") return false;
  }
  let seen = 0;
  for (const cell of row) {
    if (typeof cell !== "string" || !cell.trim()) continue;
    if (isTotalsLabel(cell)) return true;
    if (++seen >= 3) break;
  }
  return false;
}

function isBlankCell(cell: CellValue | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/** Customer codes compare ignoring width and case: `KH001`, `ＫＨ001` and `kh001` are one code. */
function codeKey(code: string): string {
  // A code in printable ASCII with no lower-case letter (KH0001) is its own key: nothing to fold, trim or upper-case.
  for (let i = 0, length = lengthOf(code); i < length; i++) {
    const c = codeAt(code, i);
    if (c <= 0x20 || c >= 0x7f || (c >= 0x61 && c <= 0x7a)) return halfWidth(code).toUpperCase();
  }
  return code;
}

/**
 * Rows below a customer whose key cell (code, else name) is merged down over them: one customer laid out over
 * several rows. Grid row → the grid row the customer starts on.
 */
function continuationRows(sheet: SheetGrid, keyIndex: number, headerIndex: number): Map<number, number> {
  const of = new Map<number, number>();
  for (const m of sheet.merges ?? []) {
    if (m.left > keyIndex || m.right < keyIndex || m.top <= headerIndex || m.bottom <= m.top) continue;
    for (let r = m.top + 1; r <= m.bottom; r++) of.set(r, m.top);
  }
  return of;
}

/**
 * For a customer over several rows: where each of its cells is read. A cell left empty on the customer's first
 * row is taken from the first continuation row that has it (a second contact's phone on the row below); the
 * first row wins otherwise (the other values are still checked). Column index → grid row; undefined when nothing
 * comes from below.
 */
function foldContinuation(
  values: readonly (readonly CellValue[])[],
  top: number,
  continuationOf: ReadonlyMap<number, number>,
): number[] | undefined {
  let source: number[] | undefined;
  const first = values[top];
  for (let r = top + 1; continuationOf.get(r) === top; r++) {
    const row = values[r];
    for (let c = 0; c < row.length; c++) {
      if (isBlankCell(row[c]) || !isBlankCell(first[c]) || source?.[c] !== undefined) continue;
      (source ??= [])[c] = r;
    }
  }
  return source;
}

/**
 * Reads a customer sheet (客户状况记录表) into records, with every finding pointing at the user's cell.
 * Returns null when the sheet has no recognisable customer header.
 */
export function readArchive(sheet: SheetGrid, options: ArchiveOptions): ArchiveReadResult | null {
  const read = readRows(sheet, options, true);
  if (!read) return null;
  const { sheet: name, headerRow, header, unusable, skipped, issues } = read.check;
  return { sheet: name, headerRow, header, records: read.records, unusable, skipped, issues };
}

/**
 * Checks a customer sheet as `readArchive` does, row for row and finding for finding, but makes no records: what
 * `rapport validate` and the pane's Validate need. 100,000 kept records are 35 MB that V8 copies out of the young
 * generation and then has to collect again; without them checking takes half the time (`npm run bench -- validate`).
 */
export function checkArchive(sheet: SheetGrid, options: ArchiveOptions): ArchiveCheckResult | null {
  return readRows(sheet, options, false)?.check ?? null;
}

function readRows(
  sheet: SheetGrid,
  options: ArchiveOptions,
  keepRecords: boolean,
): { check: ArchiveCheckResult; records: CustomerRecord[] } | null {
  const values = unmerge(sheet);
  const found = findHeaderRow(values, options);
  if (!found) return null;
  const headerIndex = found.index;
  const headerRow = sheet.firstRow + headerIndex;
  const header = { headerRow, ...found.map };

  const bind = (spec: FieldSpec, fieldIndex: number, index: number): BoundColumn => ({
    spec,
    fieldIndex,
    index,
    letter: columnLetter(sheet.firstColumn + index),
    parse: spec.kind === "text" ? null : PARSERS[spec.kind],
    plain:
      sheet.percentCells !== undefined && PERCENT_KINDS.has(spec.kind)
        ? exceptNumbers(PLAIN_READERS[spec.kind])
        : PLAIN_READERS[spec.kind],
  });
  const bound: BoundColumn[] = FIELDS.flatMap((spec, fieldIndex) => {
    const index = header.columns[spec.key];
    return index === undefined ? [] : [bind(spec, fieldIndex, index)];
  });
  // Second phone or e-mail columns: checked like the first, and used when the first is empty.
  const further: BoundColumn[] = FIELDS.flatMap((spec, fieldIndex) =>
    (header.more?.[spec.key] ?? []).map((index) => bind(spec, fieldIndex, index)),
  );
  const codeIndex = header.columns.code;
  const keyIndex = codeIndex ?? (header.columns.name as number);
  const reader = new ArchiveReader({
    sheet,
    keepRecords,
    values,
    today: options.today,
    bound,
    further,
    unknownColumns: Object.entries(header.unknown).map(([index, text]) => [Number(index), text] as const),
    codeIndex,
    keyIndex,
    headerNormalized: values[headerIndex].map((c) => normalizeHeader(cellText(c))),
    continuationOf: continuationRows(sheet, keyIndex, headerIndex),
  });
  for (let r = headerIndex + 1; r < values.length; r++) reader.readRow(r);

  const { records, customers, unusable, skipped, issues } = reader;
  issues.unshift(...missingRequiredColumns(sheet, header.columns, headerRow));
  return { check: { sheet: sheet.name, headerRow, header, customers, unusable, skipped, issues }, records };
}

/** What reading a sheet's rows needs to know about the sheet, worked out once from its header. */
interface SheetLayout {
  sheet: SheetGrid;
  /** Whether the records are kept (`readArchive`) or only checked (`checkArchive`). */
  keepRecords: boolean;
  /** The grid with merged areas filled. */
  values: readonly (readonly CellValue[])[];
  today: IsoDate;
  /** The columns of known fields, in FIELDS order. */
  bound: readonly BoundColumn[];
  /** Second phone or e-mail columns. */
  further: readonly BoundColumn[];
  /** The user's own columns: index → header text. */
  unknownColumns: readonly (readonly [number, string])[];
  codeIndex: number | undefined;
  /** The column that says whether a row is a customer: the code, else the name. */
  keyIndex: number;
  headerNormalized: readonly string[];
  continuationOf: ReadonlyMap<number, number>;
}

/**
 * Reads the rows below the header one by one, collecting records, findings and skipped rows. A class of its own
 * (rather than a loop inside readArchive) so that V8 optimises the per-row work by itself: inside readArchive the
 * loop was compiled on the run (OSR) and thrown away whenever the setup code around it saw a new shape.
 */
class ArchiveReader {
  readonly records: CustomerRecord[] = [];
  customers = 0;
  readonly skipped: SkippedRow[] = [];
  readonly issues: ValidationIssue[] = [];
  readonly unusable: Record<number, FieldKey[]> = {};
  private readonly layout: SheetLayout;
  /** Customer code (as compared) → the index in `firstCodes` and `firstRows` of the first customer with it. */
  private readonly codes = new CodeIndex();
  /** The first customer with each code: its code (trimmed) and its Excel row, for the message on a repeat. */
  private readonly firstCodes: string[] = [];
  private readonly firstRows: number[] = [];
  // One array of parsed values for every row (emptied once the row is read and checked), and the row's unusable
  // fields (a new array only once a row has kept the last one): 100,000 rows allocate neither per row.
  private readonly parsedValues: unknown[] = new Array<unknown>(FIELDS.length).fill(undefined);
  private readonly checked = new CheckedRow();
  private bad: FieldKey[] = [];
  /** The grid row being read. */
  private r = 0;
  /** For a customer over several rows, where each of its cells is read (see `foldContinuation`). */
  private source: number[] | undefined = undefined;

  constructor(layout: SheetLayout) {
    this.layout = layout;
  }

  /** Reads grid row `r`: a customer, or a row skipped (and said so). */
  readRow(r: number): void {
    const { sheet, values, continuationOf, codeIndex, headerNormalized, keyIndex } = this.layout;
    const row = values[r];
    const excelRow = sheet.firstRow + r;
    const top = continuationOf.size === 0 ? undefined : continuationOf.get(r);
    if (top !== undefined) {
      this.skipped.push({ row: excelRow, reason: `continuation of row ${sheet.firstRow + top}` });
    } else if (isBlank(row)) {
      this.skipped.push({ row: excelRow, reason: "blank" });
    } else if (isTotals(row, codeIndex)) {
      this.skipped.push({ row: excelRow, reason: "totals" });
    } else if (isRepeatedHeader(row, headerNormalized, keyIndex)) {
      this.skipped.push({ row: excelRow, reason: "repeated-header" });
    } else {
      this.readCustomer(r);
    }
  }

  private readCustomer(r: number): void {
    const { sheet, values, continuationOf, bound, further, unknownColumns } = this.layout;
    const row = values[r];
    const excelRow = sheet.firstRow + r;
    const parsedValues = this.parsedValues;
    this.r = r;
    // A customer laid out over several rows: where each cell is read (usually nowhere else than this row).
    const continued = continuationOf.size !== 0 && continuationOf.get(r + 1) === r;
    const source = continued ? foldContinuation(values, r, continuationOf) : undefined;
    this.source = source;

    if (source === undefined) {
      // The usual row, read in place: a text cell kept as trimmed here (most columns are text, and a call each
      // adds up), another plain cell by its column's plain reader, an empty optional cell not at all, and the rest by
      // the general reader (which reads them as if nothing had been read before, in column order).
      for (const col of bound) {
        const cell = row[col.index];
        if (cell === null || cell === undefined) {
          if (!col.spec.required) continue;
        } else if (col.parse === null && typeof cell === "string") {
          const text = trimmed(cell);
          if (text !== "") {
            parsedValues[col.fieldIndex] = text;
            continue;
          }
        } else {
          const value = col.plain(cell);
          if (value !== undefined) {
            parsedValues[col.fieldIndex] = value;
            continue;
          }
        }
        this.readColumn(col, true);
      }
    } else {
      for (const col of bound) this.readColumn(col, true);
    }
    for (const col of further) this.readColumn(col, false);
    // The customer's other rows: values not taken (the first row has its own) are still checked where they are.
    for (let k = r + 1; continued && continuationOf.get(k) === r; k++) {
      for (const col of bound) {
        const cell = values[k][col.index];
        if (!col.parse || isBlankCell(cell) || source?.[col.index] === k || cell === row[col.index]) continue;
        this.readColumn(col, false, k);
      }
    }

    if (this.layout.keepRecords) {
      const extra: CustomerRecord["extra"] = {};
      for (const [index, text] of unknownColumns) {
        const cell = values[source?.[index] ?? r][index];
        if (cell !== null && cell !== undefined) extra[text] = cell;
      }
      this.records.push(recordFromValues(excelRow, parsedValues, extra));
    }
    const code = parsedValues[0] as string | undefined;
    const checked = this.checked.fill(parsedValues);
    // Emptied for the next row by a loop: Array.prototype.fill is a call into V8's runtime, costlier than 41 stores.
    for (let i = 0; i < parsedValues.length; i++) parsedValues[i] = undefined;
    if (this.layout.codeIndex !== undefined && code) this.checkCode(code, excelRow);
    this.checkRecord(checked, r, source);
    if (this.bad.length) {
      this.unusable[excelRow] = this.bad;
      this.bad = [];
    }
    this.customers++;
  }

  /** A code already taken by an earlier customer is an error on this one. */
  private checkCode(code: string, excelRow: number): void {
    const key = codeKey(code);
    const firstIndex = this.codes.find(key);
    if (firstIndex === undefined) {
      this.codes.add(key, this.firstCodes.length);
      this.firstCodes.push(code);
      this.firstRows.push(excelRow);
      return;
    }
    const first = { code: this.firstCodes[firstIndex], row: this.firstRows[firstIndex] };
    const col = this.layout.bound.find((b) => b.spec.key === "code") as BoundColumn;
    this.bad.push("code");
    const same = first.code === code;
    this.issues.push(
      issue(this.layout.sheet.name, excelRow, col, "error", "duplicate-code", code, {
        zh: same
          ? `客户编号 “${code}” 与第 ${first.row} 行重复；每个客户编号只能出现一次`
          : `客户编号 “${code}” 与第 ${first.row} 行的 “${first.code}” 重复（全角半角、大小写不同也是同一编号）；每个客户编号只能出现一次`,
        en: same
          ? `customer code "${code}" repeats row ${first.row}; each code must be unique`
          : `customer code "${code}" repeats "${first.code}" on row ${first.row} (codes differing only in width or case are the same code); each code must be unique`,
      }),
    );
  }

  /** Checks across the record's fields (`validate.ts`), each finding shown on the cell it is about. */
  private checkRecord(checked: CheckedFields, r: number, source: number[] | undefined): void {
    const { sheet, values, bound, today } = this.layout;
    for (const finding of checkRecord(checked, today)) {
      const col = bound.find((b) => b.spec.key === finding.field) as BoundColumn;
      const gridRow = source?.[col.index] ?? r;
      if (finding.severity === "error") this.bad.push(finding.field);
      this.issues.push(
        issue(
          sheet.name,
          sheet.firstRow + gridRow,
          col,
          finding.severity,
          finding.code,
          shownValue(col, values[gridRow][col.index] ?? null, false),
          finding.message,
        ),
      );
    }
  }

  /**
   * The general reader: reads one cell of the customer being read into its parsed values, with any finding. The
   * cell of the customer's first row (or of the row `source` says), or of grid row `from`. A further column
   * (`primary` false) fills its field only when the first column left it empty.
   */
  private readColumn(col: BoundColumn, primary: boolean, from?: number): void {
    const { sheet, values } = this.layout;
    const percentCells = sheet.percentCells;
    const gridRow = from ?? this.source?.[col.index] ?? this.r;
    const at = sheet.firstRow + gridRow;
    const cell = values[gridRow][col.index] ?? null;
    // Text is only built where it is kept: numbers in parsed columns go to their parser as they are.
    const text = typeof cell === "string" ? cell.trim() : cell === null ? "" : col.parse ? null : cellText(cell);
    if (text === "") {
      if (primary && col.spec.required) {
        this.bad.push(col.spec.key);
        this.issues.push(issue(sheet.name, at, col, "error", "required-missing", "", requiredMessage(col.spec)));
      }
      return;
    }
    if (!col.parse) {
      this.parsedValues[col.fieldIndex] = text;
      return;
    }
    const percent =
      percentCells !== undefined &&
      typeof cell === "number" &&
      PERCENT_KINDS.has(col.spec.kind) &&
      percentCells.has(percentCellKey(gridRow, col.index));
    const parsed = percent ? parseSatisfactionPercentCell(cell) : col.parse(cell);
    if (parsed.ok) {
      if (primary || this.parsedValues[col.fieldIndex] === undefined) this.parsedValues[col.fieldIndex] = parsed.value;
      if (parsed.warning) {
        const shown = shownValue(col, cell, percent);
        this.issues.push(issue(sheet.name, at, col, "warning", parsed.warning.code, shown, parsed.warning.message));
      }
    } else {
      this.bad.push(col.spec.key);
      const code =
        parsed.code === "negative" ? "negative-number" : ISSUE_BY_KIND[col.spec.kind as Exclude<FieldKind, "text">];
      const shown = shownValue(col, cell, percent);
      this.issues.push(issue(sheet.name, at, col, "error", code, shown, invalidMessage(shown, parsed.expected)));
    }
  }
}

/**
 * Customer code (as compared) → the number given with it when it was added. Sheets are usually kept in code order,
 * so while every new code sorts after the last one the codes stay in a sorted array (found by binary search, added
 * by a push); the first code out of order moves them all into a Map. Same answers either way.
 *
 * "Code order" is shorter codes first, then by text (`codeBefore`): the order a sheet numbered KH0001…KH9999,
 * KH10000… is in, which plain text order breaks at KH10000 (it puts KH10000 before KH9999).
 */
class CodeIndex {
  private readonly sortedKeys: string[] = [];
  private readonly sortedFirst: number[] = [];
  private map: Map<string, number> | null = null;

  find(key: string): number | undefined {
    if (this.map) return this.map.get(key);
    const keys = this.sortedKeys;
    let lo = 0;
    let hi = keys.length - 1;
    // A new code after the last one (the usual case) is not there: one comparison.
    if (hi < 0 || codeBefore(keys[hi], key)) return undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid];
      if (k === key) return this.sortedFirst[mid];
      if (codeBefore(k, key)) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Adds a code `find` did not find. */
  add(key: string, first: number): void {
    if (this.map) {
      this.map.set(key, first);
      return;
    }
    const keys = this.sortedKeys;
    if (keys.length === 0 || codeBefore(keys[keys.length - 1], key)) {
      keys.push(key);
      this.sortedFirst.push(first);
      return;
    }
    const map = new Map<string, number>();
    for (let i = 0; i < keys.length; i++) map.set(keys[i], this.sortedFirst[i]);
    map.set(key, first);
    this.map = map;
  }
}

/** The order of `CodeIndex`'s sorted array: shorter first, then by text. A strict total order, like `<` on text. */
function codeBefore(a: string, b: string): boolean {
  if (a.length !== b.length) return a.length < b.length;
  // Text order is the order of the first differing UTF-16 unit; compared here, where `a < b` was a call into V8.
  for (let i = 0; i < a.length; i++) {
    const x = codeAt(a, i);
    const y = codeAt(b, i);
    if (x !== y) return x < y;
  }
  return false;
}

function issue(
  sheetName: string,
  row: number,
  col: BoundColumn,
  severity: ValidationIssue["severity"],
  code: IssueCode,
  value: string,
  detail: { zh: string; en: string },
): ValidationIssue {
  return {
    row,
    column: col.letter,
    field: col.spec.key,
    severity,
    code,
    value,
    message: {
      zh: `工作表「${sheetName}」第 ${row} 行 ${col.letter} 列（${col.spec.zh}）：${detail.zh}`,
      en: `Sheet "${sheetName}", row ${row}, column ${col.letter} (${col.spec.en}): ${detail.en}`,
    },
  };
}

/** A required field with no column at all is one finding on the header row, not one per customer. */
function missingRequiredColumns(
  sheet: SheetGrid,
  columns: Partial<Record<FieldKey, number>>,
  headerRow: number,
): ValidationIssue[] {
  return FIELDS.filter((f) => f.required && columns[f.key] === undefined).map((f) => ({
    row: headerRow,
    column: "",
    field: f.key,
    severity: "error",
    code: "required-missing",
    value: "",
    message: {
      zh: `工作表「${sheet.name}」第 ${headerRow} 行（表头）：找不到“${f.zh}”列；请添加该列，或在配置文件 headers 中指明哪一列是${f.zh}`,
      en: `Sheet "${sheet.name}", row ${headerRow} (header): no "${f.en}" (${f.zh}) column; add one, or map a header to "${f.key}" in the config file's headers`,
    },
  }));
}

function requiredMessage(spec: FieldSpec): { zh: string; en: string } {
  return { zh: `${spec.zh}为必填项，此处为空`, en: `${spec.en.toLowerCase()} is required but the cell is empty` };
}

/** The cell as the user sees it: a date cell shows its date, not Excel's serial number; a percentage as such. */
function shownValue(col: BoundColumn, cell: CellValue, percent: boolean): string {
  if (typeof cell === "number") {
    if (percent) return `${Math.round(cell * 1e8) / 1e6}%`;
    if (col.spec.kind === "date" || col.spec.kind === "birthday") {
      const date = parseDate(cell);
      if (date.ok) return date.value;
    }
  }
  return cellText(cell);
}

function invalidMessage(text: string, expected: { zh: string; en: string }) {
  return {
    zh: `填写的是 “${text}”，应为${expected.zh}`,
    en: `found "${text}", expected ${expected.en}`,
  };
}
