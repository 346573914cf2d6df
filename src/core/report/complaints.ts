import type { BilingualText, CustomerRecord, IsoDate } from "../types";
import { STATUS_LABELS } from "./labels";
import { inPeriod } from "./period";
import type { CallbackRow, Period } from "./types";

/** One complaint and how it was handled (投诉记录 and the complaint callback's result). */
export interface ComplaintLine {
  code: string;
  name: string;
  /**
   * When the customer complained: the archive's 最近投诉日期. Absent for a complaint callback whose complaint the
   * archive does not date (or dates after the call, i.e. a newer complaint); it was made before the call.
   */
  date?: IsoDate;
  /** 投诉次数 on the archive (all time). */
  count?: number;
  owner?: string;
  /** The complaint callback's planned date, when one is planned. */
  callbackDate?: IsoDate;
  /** State of the complaint callback: 已回访 means the customer was called back. */
  status: BilingualText;
  solved: boolean;
  /** 回访结果: what was done, as staff recorded it. */
  result?: string;
}

export interface ComplaintFigures {
  /** Complaints received in the period: customers whose 最近投诉日期 falls in it. */
  customers: number;
  /** Complaint callbacks due in the period (for complaints of the period or before). */
  callbacks: number;
  /** Of the complaints received in the period: closed by a done callback, and still open. */
  solved: number;
  open: number;
  /** solved ÷ (solved + open), null when there were none. */
  solvedRate: number | null;
  /** The complaints received in the period, by complaint date. */
  lines: ComplaintLine[];
  /**
   * Complaints made before the period whose callback fell in it: handled this period, not received in it, so
   * they are not in `customers`, `solved` or `open`.
   */
  earlier: ComplaintLine[];
  /** Of `earlier`: called back (已回访), and not. */
  earlierSolved: number;
  earlierOpen: number;
}

const NOT_CALLED: BilingualText = { zh: "未安排回访", en: "No callback planned" };

/** The callback that answers a complaint: done ones first, then the earliest. */
function better(a: CallbackRow | undefined, b: CallbackRow): boolean {
  if (!a) return true;
  if ((a.status === "done") !== (b.status === "done")) return b.status === "done";
  return b.date < a.date;
}

function byDate(a: ComplaintLine, b: ComplaintLine): number {
  const x = a.date ?? a.callbackDate ?? "";
  const y = b.date ?? b.callbackDate ?? "";
  return x === y ? (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) : x < y ? -1 : 1;
}

/**
 * Complaints of the period from the archive's 最近投诉日期 (the complaint date decides the period, never the
 * callback's), each with its `complaint` callback: the first planned on or after the complaint. A complaint
 * counts as solved once that callback is done (已回访); its result says how. Complaint callbacks of the period
 * that answer an older complaint are listed apart, as handled this period.
 */
export function complaintFigures(
  records: readonly CustomerRecord[],
  rows: readonly CallbackRow[],
  period: Period,
): ComplaintFigures {
  const callsOf = new Map<string, CallbackRow[]>();
  for (const row of rows) {
    if (row.kind !== "complaint" || row.status === "cancelled") continue;
    const list = callsOf.get(row.code);
    if (list) list.push(row);
    else callsOf.set(row.code, [row]);
  }
  const recordOf = new Map<string, CustomerRecord>();
  for (const r of records) if (!recordOf.has(r.code)) recordOf.set(r.code, r);

  const lines: ComplaintLine[] = [];
  const answered = new Set<CallbackRow>();
  for (const r of records) {
    const date = r.lastComplaintDate;
    if (!date || !inPeriod(date, period)) continue;
    let call: CallbackRow | undefined;
    // The callback for a complaint may fall just after the period; it still tells how the complaint went.
    for (const row of callsOf.get(r.code) ?? []) if (row.date >= date && better(call, row)) call = row;
    if (call) answered.add(call);
    lines.push({
      code: r.code,
      name: r.name,
      date,
      count: r.complaintCount,
      owner: call?.owner ?? r.owner,
      callbackDate: call?.date,
      status: call ? STATUS_LABELS[call.status] : NOT_CALLED,
      solved: call?.status === "done",
      result: call?.result,
    });
  }

  // Callbacks of the period for complaints made before it (or not dated on the archive): one line per customer.
  const earlierCalls = new Map<string, CallbackRow>();
  for (const [code, calls] of callsOf) {
    const received = recordOf.get(code)?.lastComplaintDate;
    const thisPeriods = received !== undefined && inPeriod(received, period) ? received : undefined;
    for (const row of calls) {
      if (!inPeriod(row.date, period)) continue;
      // Every call on or after a complaint of the period (a second try, say) belongs to that complaint.
      if (answered.has(row) || (thisPeriods !== undefined && row.date >= thisPeriods)) continue;
      if (better(earlierCalls.get(code), row)) earlierCalls.set(code, row);
    }
  }
  const earlier: ComplaintLine[] = [];
  for (const [code, call] of earlierCalls) {
    const r = recordOf.get(code);
    // Only a complaint date before the period can be the one this call answers; a later one is a newer complaint.
    const date = r?.lastComplaintDate && r.lastComplaintDate < period.from ? r.lastComplaintDate : undefined;
    earlier.push({
      code,
      name: r?.name ?? call.name,
      date,
      count: r?.complaintCount,
      owner: call.owner,
      callbackDate: call.date,
      status: STATUS_LABELS[call.status],
      solved: call.status === "done",
      result: call.result,
    });
  }
  lines.sort(byDate);
  earlier.sort(byDate);

  const solved = lines.filter((l) => l.solved).length;
  const earlierSolved = earlier.filter((l) => l.solved).length;
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
    earlier,
    earlierSolved,
    earlierOpen: earlier.length - earlierSolved,
  };
}
