import { overrideProblem, parseGradeText } from "./grading/grades";
import type { BilingualText, CustomerRecord, FieldKey, IsoDate, IssueCode, Severity } from "./types";

/** A finding about one field of a parsed record; `archive.ts` adds the sheet, row and column. */
export interface RecordFinding {
  field: FieldKey;
  severity: Severity;
  code: IssueCode;
  message: BilingualText;
}

/**
 * The event dates checked against today and the purchase, each with a reader of its own: one property read per
 * call site is fast, where `record[key]` with the key changing made V8 look every one up the slow way.
 */
const EVENT_DATES: readonly {
  key: FieldKey;
  zh: string;
  en: string;
  of: (r: CustomerRecord) => IsoDate | undefined;
}[] = [
  { key: "installDate", zh: "安装调试日期", en: "installation date", of: (r) => r.installDate },
  { key: "lastRepairDate", zh: "维修日期", en: "repair date", of: (r) => r.lastRepairDate },
  { key: "lastComplaintDate", zh: "投诉日期", en: "complaint date", of: (r) => r.lastComplaintDate },
  { key: "lastProposalDate", zh: "提案日期", en: "proposal date", of: (r) => r.lastProposalDate },
  { key: "lastContactDate", zh: "联系日期", en: "contact date", of: (r) => r.lastContactDate },
  { key: "lostDate", zh: "流失日期", en: "date lost", of: (r) => r.lostDate },
];

/** What `checkRecord` returns for the usual record (shared, frozen: no findings array per record). */
const NO_FINDINGS: readonly RecordFinding[] = Object.freeze([]);

/**
 * Checks across a record's parsed fields. A purchase in the future is an error (it would drive callbacks that
 * cannot be right); other future dates and impossible orders of events are warnings: the person may know better.
 */
export function checkRecord(record: CustomerRecord, today: IsoDate): readonly RecordFinding[] {
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
  for (const { key, zh, en, of } of EVENT_DATES) {
    const date = of(record);
    if (!date) continue;
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
  }
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
