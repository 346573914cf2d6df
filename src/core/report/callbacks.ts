import type { BilingualText, IsoDate } from "../types";
import { categoryLabel, kindLabel, STATUS_LABELS } from "./labels";
import { bucketIndex, inPeriod, isoWeek, weekStart, weeksOf } from "./period";
import type { CallbackRow, Period } from "./types";

/**
 * Callbacks in a period by their state. `planned` counts every call due in the period except cancelled ones;
 * `done` 已回访; `refused` 拒绝回访 (closed without a call); the rest are still open: `overdue` when due before
 * `asOf` (today), `pending` otherwise. `noAnswer` (未接通) calls are open too and also counted apart.
 */
export interface CallbackCounts {
  planned: number;
  done: number;
  refused: number;
  overdue: number;
  pending: number;
  noAnswer: number;
  /** done ÷ planned, 0–1; null when nothing was planned. */
  rate: number | null;
}

export interface CallbackFigures {
  total: CallbackCounts;
  byOwner: ({ owner: string } & CallbackCounts)[];
  byKind: ({ kind: string; label: BilingualText } & CallbackCounts)[];
  /** Monday–Sunday weeks of the period, for the "callbacks by week" chart. */
  byWeek: ({ key: string; from: IsoDate; to: IsoDate } & CallbackCounts)[];
}

function emptyCounts(): CallbackCounts {
  return { planned: 0, done: 0, refused: 0, overdue: 0, pending: 0, noAnswer: 0, rate: null };
}

function add(counts: CallbackCounts, row: CallbackRow, asOf: IsoDate): void {
  counts.planned++;
  if (row.status === "done") counts.done++;
  else if (row.status === "refused") counts.refused++;
  else if (row.date < asOf) counts.overdue++;
  else counts.pending++;
  if (row.status === "no-answer") counts.noAnswer++;
}

function finish<T extends CallbackCounts>(counts: T): T {
  counts.rate = counts.planned ? counts.done / counts.planned : null;
  return counts;
}

/** Owners' names as sorted on a Chinese form: by pinyin where the runtime knows it, then code points. */
export function compareNames(a: string, b: string): number {
  return a.localeCompare(b, "zh-CN");
}

export const NO_OWNER: BilingualText = { zh: "（未分配）", en: "(unassigned)" };

/** Planned / done / overdue callbacks in the period, by owner, by kind and by week. */
export function callbackFigures(rows: readonly CallbackRow[], period: Period, asOf: IsoDate): CallbackFigures {
  const total = emptyCounts();
  const owners = new Map<string, CallbackCounts>();
  const kinds = new Map<string, CallbackCounts>();
  const weeks = weeksOf(period);
  const byWeek = weeks.map((w) => ({ key: w.key, from: w.from, to: w.to, ...emptyCounts() }));
  for (const row of rows) {
    if (row.status === "cancelled" || !inPeriod(row.date, period)) continue;
    add(total, row, asOf);
    const owner = row.owner || NO_OWNER.zh;
    if (!owners.has(owner)) owners.set(owner, emptyCounts());
    add(owners.get(owner) as CallbackCounts, row, asOf);
    if (!kinds.has(row.kind)) kinds.set(row.kind, emptyCounts());
    add(kinds.get(row.kind) as CallbackCounts, row, asOf);
    const w = bucketIndex(weeks, row.date);
    if (w >= 0) add(byWeek[w], row, asOf);
  }
  return {
    total: finish(total),
    byOwner: [...owners]
      .sort(([a], [b]) => compareNames(a, b))
      .map(([owner, counts]) => ({ owner, ...finish(counts) })),
    byKind: [...kinds]
      .sort(([, a], [, b]) => b.planned - a.planned)
      .map(([kind, counts]) => ({ kind, label: kindLabel(kind), ...finish(counts) })),
    byWeek: byWeek.map(finish),
  };
}

/** One line of the printable callback plan (电话回访计划表). */
export interface CallbackSheetLine {
  date: IsoDate;
  code: string;
  name: string;
  contact?: string;
  phone?: string;
  kind: BilingualText;
  category?: BilingualText;
  purpose?: BilingualText;
  status: BilingualText;
  result?: string;
}

export interface CallbackSheetWeek {
  /** ISO week number, e.g. 47. */
  week: number;
  from: IsoDate;
  to: IsoDate;
  lines: CallbackSheetLine[];
}

export interface CallbackSheetOwner {
  owner: string;
  count: number;
  weeks: CallbackSheetWeek[];
}

/** The period's calls grouped by owner, then by week, each sorted by date and customer: one section per caller. */
export function callbackSheet(rows: readonly CallbackRow[], period: Period): CallbackSheetOwner[] {
  const byOwner = new Map<string, CallbackRow[]>();
  for (const row of rows) {
    if (row.status === "cancelled" || !inPeriod(row.date, period)) continue;
    const owner = row.owner || NO_OWNER.zh;
    if (!byOwner.has(owner)) byOwner.set(owner, []);
    (byOwner.get(owner) as CallbackRow[]).push(row);
  }
  return [...byOwner]
    .sort(([a], [b]) => compareNames(a, b))
    .map(([owner, list]) => {
      list.sort((a, b) =>
        a.date === b.date ? (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) : a.date < b.date ? -1 : 1,
      );
      const weeks: CallbackSheetWeek[] = [];
      for (const row of list) {
        const start = weekStart(row.date);
        let week = weeks[weeks.length - 1];
        // Rows are sorted, so a new week starts whenever the row's Monday is past the current section's start.
        if (!week || start > week.from) {
          const clippedFrom = start < period.from ? period.from : start;
          const end = weeksOf({ from: clippedFrom, to: period.to })[0].to;
          week = { week: isoWeek(row.date).week, from: clippedFrom, to: end, lines: [] };
          weeks.push(week);
        }
        week.lines.push({
          date: row.date,
          code: row.code,
          name: row.name,
          contact: row.contact,
          phone: row.phone,
          kind: kindLabel(row.kind),
          category: categoryLabel(row.category),
          purpose: row.purpose,
          status: STATUS_LABELS[row.status],
          result: row.result,
        });
      }
      return { owner, count: list.length, weeks };
    });
}
