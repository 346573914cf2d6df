import { overrideProblem, parseGradeText } from "./grading/grades";
import type { BilingualText, CustomerRecord, FieldKey, IsoDate, IssueCode, Severity } from "./types";

/** A finding about one field of a parsed record; `archive.ts` adds the sheet, row and column. */
export interface RecordFinding {
  field: FieldKey;
  severity: Severity;
  code: IssueCode;
  message: BilingualText;
}

/** An event date checked against today and the purchase. */
interface EventDate {
  key: FieldKey;
  zh: string;
  en: string;
}

const INSTALL: EventDate = { key: "installDate", zh: "安装调试日期", en: "installation date" };
const REPAIR: EventDate = { key: "lastRepairDate", zh: "维修日期", en: "repair date" };
const COMPLAINT: EventDate = { key: "lastComplaintDate", zh: "投诉日期", en: "complaint date" };
const PROPOSAL: EventDate = { key: "lastProposalDate", zh: "提案日期", en: "proposal date" };
const CONTACT: EventDate = { key: "lastContactDate", zh: "联系日期", en: "contact date" };
const LOST: EventDate = { key: "lostDate", zh: "流失日期", en: "date lost" };

/** What `checkRecord` returns for the usual record (shared, frozen: no findings array per record). */
const NO_FINDINGS: readonly RecordFinding[] = Object.freeze([]);

/** What `checkRecord` looks at: the dates of events, the relationship status and the manual grade. */
export type CheckedFields = Pick<
  CustomerRecord,
  | "purchaseDate"
  | "installDate"
  | "lastRepairDate"
  | "lastComplaintDate"
  | "lastProposalDate"
  | "lastContactDate"
  | "lostDate"
  | "status"
  | "gradeOverride"
>;

/**
 * Checks across a record's parsed fields. A purchase in the future is an error (it would drive callbacks that
 * cannot be right); other future dates and impossible orders of events are warnings: the person may know better.
 */
export function checkRecord(record: CheckedFields, today: IsoDate): readonly RecordFinding[] {
  let findings: RecordFinding[] | undefined;
  if (record.purchaseDate && record.purchaseDate > today) {
    (findings ??= []).push({
      field: "purchaseDate",
      severity: "error",
      code: "future-date",
      message: {
        zh: `购买日期 ${record.purchaseDate} 晚于今天（${today}）；应为已发生的日期`,
        en: `purchase date ${record.purchaseDate} is after today (${today}); expected a date that has happened`,
      },
    });
  }
  // A purchase date that is itself wrong would only produce follow-on warnings.
  const comparable = record.purchaseDate && record.purchaseDate <= today ? record.purchaseDate : undefined;
  // Each date read by its own name (one fast property read each, where record[key] with the key changing was slow).
  findings = checkEventDate(findings, INSTALL, record.installDate, today, comparable);
  findings = checkEventDate(findings, REPAIR, record.lastRepairDate, today, comparable);
  findings = checkEventDate(findings, COMPLAINT, record.lastComplaintDate, today, comparable);
  findings = checkEventDate(findings, PROPOSAL, record.lastProposalDate, today, comparable);
  findings = checkEventDate(findings, CONTACT, record.lastContactDate, today, comparable);
  findings = checkEventDate(findings, LOST, record.lostDate, today, comparable);
  // A 等级调整 that is not a grade leaves the row ungraded (rapport grade): an error here too, so both agree.
  if (record.gradeOverride !== undefined && parseGradeText(record.gradeOverride) === undefined) {
    (findings ??= []).push({
      field: "gradeOverride",
      severity: "error",
      code: "invalid-grade",
      message: overrideProblem(record.gradeOverride),
    });
  }
  if (record.status === "lost" && !record.lostDate) {
    (findings ??= []).push({
      field: "status",
      severity: "warning",
      code: "lost-without-date",
      message: {
        zh: "客户已流失，但没有填写流失日期；流失率按期间统计需要该日期",
        en: "the customer is marked lost but has no date lost; churn per period needs it",
      },
    });
  }
  return findings ?? NO_FINDINGS;
}

/** An event in the future, or an installation or repair before the purchase: a warning (the findings so far, plus it). */
function checkEventDate(
  findings: RecordFinding[] | undefined,
  { key, zh, en }: EventDate,
  date: IsoDate | undefined,
  today: IsoDate,
  comparable: IsoDate | undefined,
): RecordFinding[] | undefined {
  if (!date) return findings;
  if (date > today) {
    (findings ??= []).push({
      field: key,
      severity: "warning",
      code: "future-date",
      message: { zh: `${zh} ${date} 晚于今天（${today}）`, en: `${en} ${date} is after today (${today})` },
    });
  } else if (comparable && date < comparable && (key === "installDate" || key === "lastRepairDate")) {
    (findings ??= []).push({
      field: key,
      severity: "warning",
      code: key === "installDate" ? "install-before-purchase" : "date-before-purchase",
      message: {
        zh: `${zh} ${date} 早于购买日期 ${comparable}；请核对`,
        en: `${en} ${date} is before the purchase date ${comparable}; please check`,
      },
    });
  }
  return findings;
}
