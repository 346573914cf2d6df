import type { CustomerRecord, IsoDate } from "../types";
import { inPeriod } from "./period";
import type { Period } from "./types";

export interface LostCustomer {
  code: string;
  name: string;
  /** Missing when 已流失 was marked without a date (counted as lost in the period). */
  lostDate?: IsoDate;
  reason?: string;
  owner?: string;
}

/**
 * Churn and retention (domain §5): churn rate = customers lost ÷ customers served × 100 %, retention = customers
 * kept ÷ customers served. Served: customers who had bought by the period's end and were not lost before it began.
 */
export interface ChurnFigures {
  served: number;
  lost: number;
  kept: number;
  churnRate: number | null;
  retentionRate: number | null;
  /** 流失原因 with how many customers gave each, most frequent first. */
  reasons: { reason: string; count: number }[];
  customers: LostCustomer[];
}

export const UNKNOWN_REASON = "未注明";

export function churnFigures(records: readonly CustomerRecord[], period: Period): ChurnFigures {
  let served = 0;
  const customers: LostCustomer[] = [];
  const reasons = new Map<string, number>();
  for (const r of records) {
    if (r.purchaseDate !== undefined && r.purchaseDate > period.to) continue;
    if (r.status === "lost" && r.lostDate !== undefined && r.lostDate < period.from) continue;
    served++;
    // A loss without a date cannot be placed; counting it in the period keeps the churn rate on the safe side.
    const lostNow = r.status === "lost" && (r.lostDate === undefined || inPeriod(r.lostDate, period));
    if (!lostNow) continue;
    customers.push({ code: r.code, name: r.name, lostDate: r.lostDate, reason: r.lostReason, owner: r.owner });
    const reason = r.lostReason?.trim() || UNKNOWN_REASON;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const lost = customers.length;
  return {
    served,
    lost,
    kept: served - lost,
    churnRate: served ? lost / served : null,
    retentionRate: served ? (served - lost) / served : null,
    reasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    customers: customers.sort((a, b) => ((a.lostDate ?? "") < (b.lostDate ?? "") ? -1 : 1)),
  };
}
