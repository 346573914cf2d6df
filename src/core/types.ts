// The shared vocabulary of Rapport's pure core. Everything here runs unchanged in the browser (task pane)
// and in Node (CLI): no Office, Node or DOM types.

/**
 * One cell as both Office.js `range.values` and the exceljs adapter deliver it: dates arrive as Excel serial
 * numbers (1900 date system), formulas as their cached result, errors as their text (`#N/A`).
 */
export type CellValue = string | number | boolean | null;

/** A sheet's used range as rows of cells; `grid[0][0]` is the cell at (firstRow, firstColumn) of the sheet. */
/** A merged area in grid coordinates (0-based, inclusive). Only its top-left cell holds the value. */
export interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetGrid {
  name: string;
  /** Excel row number of grid[0] (1-based). */
  firstRow: number;
  /** Excel column number of grid[r][0] (1-based, A = 1). */
  firstColumn: number;
  values: CellValue[][];
  merges?: MergedArea[];
  /**
   * Number cells formatted as a percentage, keyed by `percentCellKey(row, column)` (grid coordinates), from readers
   * that know number formats: there a 1 is 100 % and a 0 is 0 %. Without it a number is read as typed.
   */
  percentCells?: ReadonlySet<number>;
}

/** A plain calendar date, `YYYY-MM-DD`. No time of day and no time zone anywhere in Rapport. */
export type IsoDate = string;

/** 生日: month and day (year when known), solar (公历) or lunar (农历). */
export interface Birthday {
  month: number;
  day: number;
  year?: number;
  lunar: boolean;
}

/** Chinese and English text of any message shown to a person. */
export interface BilingualText {
  zh: string;
  en: string;
}

export type Severity = "error" | "warning";

/** One finding about the user's sheet, pointing at the cell the user sees. */
export interface ValidationIssue {
  /** Excel row number (1-based). */
  row: number;
  /** Excel column letter(s), e.g. `C`; empty when the finding is about the whole row or sheet. */
  column: string;
  field: FieldKey | null;
  severity: Severity;
  code: IssueCode;
  /** What the user typed, as text. */
  value: string;
  message: BilingualText;
}

export type IssueCode =
  | "required-missing"
  | "duplicate-code"
  | "invalid-date"
  | "future-date"
  | "invalid-phone"
  | "invalid-email"
  | "invalid-number"
  | "negative-number"
  | "invalid-satisfaction"
  | "invalid-status"
  | "invalid-grade"
  | "invalid-boolean"
  | "install-before-purchase"
  | "lost-without-date"
  | "date-before-purchase"
  | "phone-no-area-code";

export interface SkippedRow {
  row: number;
  /** `continuation of row N`: the row below a customer whose code cell is merged down over it (one customer). */
  reason: "blank" | "totals" | "repeated-header" | `continuation of row ${number}`;
}

/** 合作状态: whether the customer is still served (在合作) or lost (已流失). */
export type RelationshipStatus = "active" | "lost";

/**
 * The customer archive's fields (客户状况记录表, domain §2). The Chinese names and header variants live in
 * `fields.ts`; this is the typed record the rest of the core works on.
 */
export interface CustomerRecord {
  /** Excel row number the record came from. */
  row: number;
  code: string;
  name: string;
  address?: string;
  legalRepresentative?: string;
  generalManager?: string;
  contactPerson?: string;
  /**
   * Normalised: mobile `13812345678`, landline `010-12345678` (area code, dash, number), an extension as
   * `0571-88886666转801`, a local number without area code as typed (`88886666`); several numbers joined by `、`.
   */
  phone?: string;
  email?: string;
  mainBusiness?: string;
  employees?: number;
  operatingCondition?: string;
  bank?: string;
  loans?: string;
  cashFlow?: string;
  payer?: string;
  paymentAttitude?: string;
  cheques?: string;
  /** Yuan. */
  largestPurchase?: number;
  /** Yuan per month. */
  monthlyPurchase?: number;
  channel?: string;
  frequency?: string;
  potential?: string;
  /** On the 0–100 scale (see `parse/satisfaction.ts` for how scores, percentages and labels map). */
  satisfaction?: number;
  category?: string;
  owner?: string;
  birthday?: Birthday;
  purchaseDate?: IsoDate;
  installDate?: IsoDate;
  lastRepairDate?: IsoDate;
  repairOverdue?: boolean;
  lastComplaintDate?: IsoDate;
  lastProposalDate?: IsoDate;
  lastContactDate?: IsoDate;
  complaintCount?: number;
  status?: RelationshipStatus;
  lostDate?: IsoDate;
  lostReason?: string;
  /** 等级调整: a manual grade that wins over the computed one. */
  gradeOverride?: string;
  /** The user's own columns Rapport does not know, by header text; kept, never interpreted. */
  extra: Record<string, CellValue>;
}

export type FieldKey = Exclude<keyof CustomerRecord, "row" | "extra">;

/** Where each recognised field sits on the sheet. */
export interface HeaderMap {
  headerRow: number;
  /** Field → 0-based index into the grid row. */
  columns: Partial<Record<FieldKey, number>>;
  /** Headers Rapport did not recognise, or naming a field a column before already names: index → header text. */
  unknown: Record<number, string>;
  /** Further columns of a phone or e-mail field (联系电话 and 手机): checked too, used when the first is empty. */
  more?: Partial<Record<FieldKey, number[]>>;
}

/** What checking a customer sheet finds, without the records: all `rapport validate` needs (see `checkArchive`). */
export type ArchiveCheckResult = Omit<ArchiveReadResult, "records"> & {
  /** Customers read (rows that are neither skipped nor continuations). */
  customers: number;
};

export interface ArchiveReadResult {
  sheet: string;
  headerRow: number;
  header: HeaderMap;
  records: CustomerRecord[];
  /** Rows that had an error on a field: the field keys that could not be used, by Excel row. */
  unusable: Record<number, FieldKey[]>;
  skipped: SkippedRow[];
  issues: ValidationIssue[];
}

/** 客户等级: A 高价值 (high value), B 中等价值 (medium), C 潜在价值 (potential), D 低价值 (low value). */
export type Grade = "A" | "B" | "C" | "D";
