import { columnLetter } from "./a1";
import { FIELDS, normalizeHeader, type FieldKind, type FieldSpec } from "./fields";
import { findHeaderRow, type HeaderOptions } from "./header";
import { parseBirthday } from "./parse/birthday";
import { parseDate } from "./parse/date";
import { parseBoolean, parseStatus } from "./parse/flags";
import { parseCount, parseMoney } from "./parse/number";
import { parseEmail, parsePhone } from "./parse/phone";
import type { Parsed } from "./parse/result";
import { parseSatisfaction } from "./parse/satisfaction";
import { cellText } from "./parse/text";
import type {
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
import { checkRecord } from "./validate";

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

const TOTALS = /^(合计|总计|小计|共计|total|subtotal|grand total)/i;

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
    if (typeof cell !== "string" || cell.trim() !== "") return false;
  }
  return true;
}

/** A header printed again further down (sheets pasted together, or set up for printing). */
function isRepeatedHeader(row: readonly CellValue[], header: readonly string[], keyIndex: number): boolean {
  // Cheap test on one known column first: customer rows never hold the header text there.
  const key = row[keyIndex];
  if (typeof key !== "string" || !key.toLowerCase().includes(header[keyIndex][0])) return false;
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

/** A totals row names 合计/总计/小计 in one of its first text cells and has no customer code. */
function isTotals(row: readonly CellValue[], codeIndex: number | undefined): boolean {
  if (codeIndex !== undefined && TOTALS.test(cellText(row[codeIndex] ?? null))) return true;
  let seen = 0;
  for (const cell of row) {
    if (typeof cell !== "string" || !cell.trim()) continue;
    if (TOTALS.test(cell.trim().replace(/\s/g, ""))) return true;
    if (++seen >= 3) break;
  }
  return false;
}

/**
 * Reads a customer sheet (客户状况记录表) into records, with every finding pointing at the user's cell.
 * Returns null when the sheet has no recognisable customer header.
 */
export function readArchive(sheet: SheetGrid, options: ArchiveOptions): ArchiveReadResult | null {
  const values = unmerge(sheet);
  const found = findHeaderRow(values, options);
  if (!found) return null;
  const headerIndex = found.index;
  const headerRow = sheet.firstRow + headerIndex;
  const header = { headerRow, ...found.map };
  const headerNormalized = values[headerIndex].map((c) => normalizeHeader(cellText(c)));

  const bound: BoundColumn[] = FIELDS.flatMap((spec, fieldIndex) => {
    const index = header.columns[spec.key];
    if (index === undefined) return [];
    const parse = spec.kind === "text" ? null : PARSERS[spec.kind];
    return [{ spec, fieldIndex, index, letter: columnLetter(sheet.firstColumn + index), parse }];
  });
  const unknownColumns = Object.entries(header.unknown).map(([index, text]) => [Number(index), text] as const);

  const records: CustomerRecord[] = [];
  const skipped: SkippedRow[] = [];
  const issues: ValidationIssue[] = [];
  const unusable: Record<number, FieldKey[]> = {};
  const firstRowOfCode = new Map<string, number>();
  const codeIndex = header.columns.code;
  const keyIndex = codeIndex ?? (header.columns.name as number);

  for (let r = headerIndex + 1; r < values.length; r++) {
    const row = values[r];
    const excelRow = sheet.firstRow + r;
    if (isBlank(row)) {
      skipped.push({ row: excelRow, reason: "blank" });
      continue;
    }
    if (isTotals(row, codeIndex)) {
      skipped.push({ row: excelRow, reason: "totals" });
      continue;
    }
    if (isRepeatedHeader(row, headerNormalized, keyIndex)) {
      skipped.push({ row: excelRow, reason: "repeated-header" });
      continue;
    }

    const parsedValues: unknown[] = new Array(FIELDS.length);
    const bad: FieldKey[] = [];
    for (const col of bound) {
      const cell = row[col.index] ?? null;
      // Text is only built where it is kept: numbers in parsed columns go to their parser as they are.
      const text = typeof cell === "string" ? cell.trim() : cell === null ? "" : col.parse ? null : cellText(cell);
      if (text === "") {
        if (col.spec.required) {
          bad.push(col.spec.key);
          issues.push(issue(sheet.name, excelRow, col, "error", "required-missing", "", requiredMessage(col.spec)));
        }
        continue;
      }
      if (!col.parse) {
        parsedValues[col.fieldIndex] = text;
        continue;
      }
      const parsed = col.parse(cell);
      if (parsed.ok) {
        parsedValues[col.fieldIndex] = parsed.value;
      } else {
        bad.push(col.spec.key);
        const code =
          parsed.code === "negative" ? "negative-number" : ISSUE_BY_KIND[col.spec.kind as Exclude<FieldKind, "text">];
        const shown = shownValue(col, cell);
        issues.push(issue(sheet.name, excelRow, col, "error", code, shown, invalidMessage(shown, parsed.expected)));
      }
    }
    const extra: CustomerRecord["extra"] = {};
    for (const [index, text] of unknownColumns) {
      const cell = row[index];
      if (cell !== null && cell !== undefined) extra[text] = cell;
    }
    const record = recordFromValues(excelRow, parsedValues, extra);
    if (codeIndex !== undefined && record.code) {
      const first = firstRowOfCode.get(record.code);
      if (first === undefined) {
        firstRowOfCode.set(record.code, excelRow);
      } else {
        const col = bound.find((b) => b.spec.key === "code") as BoundColumn;
        bad.push("code");
        issues.push(
          issue(sheet.name, excelRow, col, "error", "duplicate-code", record.code, {
            zh: `客户编号 “${record.code}” 与第 ${first} 行重复；每个客户编号只能出现一次`,
            en: `customer code "${record.code}" repeats row ${first}; each code must be unique`,
          }),
        );
      }
    }
    for (const finding of checkRecord(record, options.today)) {
      const col = bound.find((b) => b.spec.key === finding.field) as BoundColumn;
      if (finding.severity === "error") bad.push(finding.field);
      issues.push(
        issue(
          sheet.name,
          excelRow,
          col,
          finding.severity,
          finding.code,
          shownValue(col, row[col.index] ?? null),
          finding.message,
        ),
      );
    }
    if (bad.length) unusable[excelRow] = bad;
    records.push(record);
  }

  issues.unshift(...missingRequiredColumns(sheet, header.columns, headerRow));
  return { sheet: sheet.name, headerRow, header, records, unusable, skipped, issues };
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

/** The cell as the user sees it: a date cell shows its date, not Excel's serial number. */
function shownValue(col: BoundColumn, cell: CellValue): string {
  if (typeof cell === "number" && (col.spec.kind === "date" || col.spec.kind === "birthday")) {
    const date = parseDate(cell);
    if (date.ok) return date.value;
  }
  return cellText(cell);
}

function invalidMessage(text: string, expected: { zh: string; en: string }) {
  return {
    zh: `填写的是 “${text}”，应为${expected.zh}`,
    en: `found "${text}", expected ${expected.en}`,
  };
}
