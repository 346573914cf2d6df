import { overrideProblem, parseGradeText } from "./grading/grades";
import type { BilingualText, CustomerRecord, FieldKey, IsoDate, IssueCode, Severity } from "./types";

/** A finding about one field of a parsed record; `archive.ts` adds the sheet, row and column. */
export interface RecordFinding {
  field: FieldKey;
  severity: Severity;
  code: IssueCode;
  message: BilingualText;
}

const EVENT_DATES: readonly { key: FieldKey; zh: string; en: string }[] = [
  { key: "installDate", zh: "安装调试日期", en: "installation date" },
  { key: "lastRepairDate", zh: "维修日期", en: "repair date" },
  { key: "lastComplaintDate", zh: "投诉日期", en: "complaint date" },
  { key: "lastProposalDate", zh: "提案日期", en: "proposal date" },
  { key: "lastContactDate", zh: "联系日期", en: "contact date" },
  { key: "lostDate", zh: "流失日期", en: "date lost" },
];

/**
 * Checks across a record's parsed fields. A purchase in the future is an error (it would drive callbacks that
 * cannot be right); other future dates and impossible orders of events are warnings: the person may know better.
 */
export function checkRecord(record: CustomerRecord, today: IsoDate): RecordFinding[] {
  const findings: RecordFinding[] = [];
  const dates = record as unknown as Partial<Record<FieldKey, IsoDate>>;
  if (record.purchaseDate && record.purchaseDate > today) {
    findings.push({
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
  for (const { key, zh, en } of EVENT_DATES) {
    const date = dates[key];
    if (!date) continue;
    if (date > today) {
      findings.push({
        field: key,
        severity: "warning",
        code: "future-date",
        message: { zh: `${zh} ${date} 晚于今天（${today}）`, en: `${en} ${date} is after today (${today})` },
      });
    } else if (comparable && date < comparable && (key === "installDate" || key === "lastRepairDate")) {
      findings.push({
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
    findings.push({
      field: "gradeOverride",
      severity: "error",
      code: "invalid-grade",
      message: overrideProblem(record.gradeOverride),
    });
  }
  if (record.status === "lost" && !record.lostDate) {
    findings.push({
      field: "status",
      severity: "warning",
      code: "lost-without-date",
      message: {
        zh: "客户已流失，但没有填写流失日期；流失率按期间统计需要该日期",
        en: "the customer is marked lost but has no date lost; churn per period needs it",
      },
    });
  }
  return findings;
}
