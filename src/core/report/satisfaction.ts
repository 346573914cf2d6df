import type { BilingualText, CustomerRecord, IsoDate } from "../types";
import { bucketIndex, inPeriod, trendBuckets } from "./period";
import type { CallbackRow, Period } from "./types";

/** 满意 or better on the 0–100 scale (满意 = 75): what "satisfaction rate" counts, as Chinese surveys do. */
export const SATISFIED_FROM = 75;

export interface SatisfactionSample {
  /** How many values were measured. */
  count: number;
  /** Mean score 0–100, null when nothing was measured. */
  average: number | null;
  /** Share with 满意 or better, 0–1, null when nothing was measured. */
  satisfiedRate: number | null;
}

export interface SatisfactionFigures {
  /** The archive's 客户满意度 column, customers still served. */
  archive: SatisfactionSample;
  /** Satisfaction given on the period's calls (回访满意度). */
  calls: SatisfactionSample;
  /** The rate compared with the plan's target: the calls' when any were measured, else the archive's. */
  rate: number | null;
  source: "calls" | "archive" | "none";
  /** Archive customers by answer (非常满意 … 很不满意). */
  levels: { label: BilingualText; count: number }[];
  /** Calls' mean satisfaction by week (periods up to a quarter) or month. */
  trend: { key: string; from: IsoDate; to: IsoDate; average: number | null; count: number }[];
}

function sample(values: readonly number[]): SatisfactionSample {
  if (!values.length) return { count: 0, average: null, satisfiedRate: null };
  let sum = 0;
  let satisfied = 0;
  for (const v of values) {
    sum += v;
    if (v >= SATISFIED_FROM) satisfied++;
  }
  return { count: values.length, average: sum / values.length, satisfiedRate: satisfied / values.length };
}

const LEVELS: readonly { from: number; label: BilingualText }[] = [
  { from: 87.5, label: { zh: "非常满意", en: "Very satisfied" } },
  { from: 62.5, label: { zh: "满意", en: "Satisfied" } },
  { from: 37.5, label: { zh: "一般", en: "Neutral" } },
  { from: 12.5, label: { zh: "不满意", en: "Dissatisfied" } },
  { from: -Infinity, label: { zh: "很不满意", en: "Very dissatisfied" } },
];

export function satisfactionFigures(
  records: readonly CustomerRecord[],
  rows: readonly CallbackRow[],
  period: Period,
): SatisfactionFigures {
  const archiveValues: number[] = [];
  const levels = LEVELS.map((l) => ({ label: l.label, count: 0 }));
  for (const r of records) {
    if (r.status === "lost" || r.satisfaction === undefined) continue;
    archiveValues.push(r.satisfaction);
    levels[LEVELS.findIndex((l) => (r.satisfaction as number) >= l.from)].count++;
  }
  const buckets = trendBuckets(period);
  const trendValues: number[][] = buckets.map(() => []);
  const callValues: number[] = [];
  for (const row of rows) {
    if (row.satisfaction === undefined || row.status !== "done") continue;
    const when = row.actualDate ?? row.date;
    if (!inPeriod(when, period)) continue;
    callValues.push(row.satisfaction);
    const b = bucketIndex(buckets, when);
    if (b >= 0) trendValues[b].push(row.satisfaction);
  }
  const archive = sample(archiveValues);
  const calls = sample(callValues);
  const source = calls.count ? "calls" : archive.count ? "archive" : "none";
  return {
    archive,
    calls,
    rate: source === "calls" ? calls.satisfiedRate : archive.satisfiedRate,
    source,
    levels,
    trend: buckets.map((b, i) => ({ key: b.key, from: b.from, to: b.to, ...pick(sample(trendValues[i])) })),
  };
}

function pick(s: SatisfactionSample): { average: number | null; count: number } {
  return { average: s.average, count: s.count };
}
