import type { BilingualText, CustomerRecord, Grade } from "../types";
import { GRADE_LABELS, GRADES, UNGRADED_LABEL } from "./labels";
import type { GradeInfo } from "./types";

/**
 * Revenue for the shares: what grading measured for its ABC analysis (月均购买额 by default), else the archive's
 * 月均购买额 — a running measure of what a customer buys, where 最高购买金额 would favour single large orders.
 */
export function revenueOf(record: CustomerRecord, info?: GradeInfo): number {
  return info?.revenue ?? record.monthlyPurchase ?? 0;
}

export interface GradeShare {
  grade: Grade | null;
  label: BilingualText;
  count: number;
  /** Of all customers counted, 0–1. */
  share: number;
  revenue: number;
  revenueShare: number;
}

function shares(
  groups: Map<Grade | null, { count: number; revenue: number }>,
  count: number,
  revenue: number,
): GradeShare[] {
  const order: (Grade | null)[] = [...GRADES, null];
  return order
    .filter((g) => g !== null || groups.has(null))
    .map((grade) => {
      const g = groups.get(grade) ?? { count: 0, revenue: 0 };
      return {
        grade,
        label: grade ? GRADE_LABELS[grade] : UNGRADED_LABEL,
        count: g.count,
        share: count ? g.count / count : 0,
        revenue: g.revenue,
        revenueShare: revenue ? g.revenue / revenue : 0,
      };
    });
}

/** Customers still served by grade, with counts and revenue shares (A–D always listed, 未评级 when any). */
export function gradeDistribution(
  records: readonly CustomerRecord[],
  grades: ReadonlyMap<string, GradeInfo>,
): GradeShare[] {
  const groups = new Map<Grade | null, { count: number; revenue: number }>();
  let count = 0;
  let revenue = 0;
  for (const r of records) {
    if (r.status === "lost") continue;
    const info = grades.get(r.code);
    const grade = info?.grade ?? null;
    const g = groups.get(grade) ?? { count: 0, revenue: 0 };
    g.count++;
    g.revenue += revenueOf(r, info);
    groups.set(grade, g);
    count++;
    revenue += revenueOf(r, info);
  }
  return shares(groups, count, revenue);
}

export interface RosterCustomer {
  code: string;
  name: string;
  category?: string;
  owner?: string;
  contactPerson?: string;
  phone?: string;
  score?: number;
  abc?: "A" | "B" | "C";
  override: boolean;
  /** 已流失: still listed with its grade, as on the workbook's 客户分级目录 sheet, and marked. */
  lost: boolean;
  revenue: number;
  /** Of all customers' revenue, 0–1. */
  revenueShare: number;
}

export interface RosterGroup extends GradeShare {
  customers: RosterCustomer[];
}

export interface Roster {
  groups: RosterGroup[];
  total: { count: number; revenue: number };
}

/**
 * 客户分级目录: every customer of the archive grouped by grade (未评级 last), highest score first, as the workbook's
 * roster sheet lists them; counts and revenue shares per grade.
 */
export function roster(records: readonly CustomerRecord[], grades: ReadonlyMap<string, GradeInfo>): Roster {
  let total = 0;
  for (const r of records) total += revenueOf(r, grades.get(r.code));
  const byGrade = new Map<Grade | null, { customer: RosterCustomer; row: number }[]>();
  const counts = new Map<Grade | null, { count: number; revenue: number }>();
  for (const r of records) {
    const info = grades.get(r.code);
    const grade = info?.grade ?? null;
    const revenue = revenueOf(r, info);
    if (!byGrade.has(grade)) byGrade.set(grade, []);
    (byGrade.get(grade) as { customer: RosterCustomer; row: number }[]).push({
      row: r.row,
      customer: {
        code: r.code,
        name: r.name,
        category: r.category,
        owner: r.owner,
        contactPerson: r.contactPerson,
        phone: r.phone,
        score: info?.score,
        abc: info?.abc,
        override: info?.override ?? false,
        lost: r.status === "lost",
        revenue,
        revenueShare: total ? revenue / total : 0,
      },
    });
    const c = counts.get(grade) ?? { count: 0, revenue: 0 };
    c.count++;
    c.revenue += revenue;
    counts.set(grade, c);
  }
  return {
    groups: shares(counts, records.length, total).map((share) => ({
      ...share,
      customers: (byGrade.get(share.grade) ?? [])
        .sort((a, b) => (b.customer.score ?? -1) - (a.customer.score ?? -1) || a.row - b.row)
        .map((x) => x.customer),
    })),
    total: { count: records.length, revenue: total },
  };
}
