import type { BilingualText, CustomerRecord, IsoDate } from "../types";
import { STATUS_LABELS } from "./labels";
import { inPeriod } from "./period";
import type { CallbackRow, Period } from "./types";

/** One complaint of the period and how it was handled (投诉记录 and the complaint callback's result). */
export interface ComplaintLine {
  code: string;
  name: string;
  date: IsoDate;
  /** 投诉次数 on the archive (all time). */
  count?: number;
  owner?: string;
  /** State of the complaint callback: 已回访 means the customer was called back. */
  status: BilingualText;
  solved: boolean;
  /** 回访结果: what was done, as staff recorded it. */
  result?: string;
}

export interface ComplaintFigures {
  /** Customers whose last complaint falls in the period. */
  customers: number;
  /** Complaint callbacks due in the period. */
  callbacks: number;
  solved: number;
  open: number;
  /** solved ÷ (solved + open), null when there were none. */
  solvedRate: number | null;
  lines: ComplaintLine[];
}

const NOT_CALLED: BilingualText = { zh: "未安排回访", en: "No callback planned" };

/**
 * Complaints of the period: from the archive's 最近投诉日期 and the `complaint` callbacks. A complaint counts as
 * solved once its callback is done (已回访); the callback's result says how.
 */
export function complaintFigures(
  records: readonly CustomerRecord[],
  rows: readonly CallbackRow[],
  period: Period,
): ComplaintFigures {
  const calls = new Map<string, CallbackRow>();
  for (const row of rows) {
    if (row.kind !== "complaint" || row.status === "cancelled") continue;
    // The callback for a complaint may fall just after the period; it still tells how the complaint went.
    const previous = calls.get(row.code);
    if (!previous || (previous.status !== "done" && row.status === "done")) calls.set(row.code, row);
  }
  const lines: ComplaintLine[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    if (!inPeriod(r.lastComplaintDate, period)) continue;
    const call = calls.get(r.code);
    seen.add(r.code);
    lines.push({
      code: r.code,
      name: r.name,
      date: r.lastComplaintDate as IsoDate,
      count: r.complaintCount,
      owner: call?.owner ?? r.owner,
      status: call ? STATUS_LABELS[call.status] : NOT_CALLED,
      solved: call?.status === "done",
      result: call?.result,
    });
  }
  // Complaint callbacks for customers whose archive row does not (yet) carry the complaint date.
  for (const call of calls.values()) {
    if (seen.has(call.code) || !inPeriod(call.date, period)) continue;
    lines.push({
      code: call.code,
      name: call.name,
      date: call.date,
      owner: call.owner,
      status: STATUS_LABELS[call.status],
      solved: call.status === "done",
      result: call.result,
    });
  }
  lines.sort((a, b) => (a.date === b.date ? (a.code < b.code ? -1 : 1) : a.date < b.date ? -1 : 1));
  const solved = lines.filter((l) => l.solved).length;
  const callbacks = rows.filter(
    (r) => r.kind === "complaint" && r.status !== "cancelled" && inPeriod(r.date, period),
  ).length;
  return {
    customers: lines.length,
    callbacks,
    solved,
    open: lines.length - solved,
    solvedRate: lines.length ? solved / lines.length : null,
    lines,
  };
}
