import type { BilingualText, Grade } from "../types";
import type { AbcClass } from "./abc";
import { GRADE_NAMES, GRADES } from "./grades";

export interface GradeShare {
  name: BilingualText;
  count: number;
  /** Share of the graded customers, 0–1. */
  share: number;
  /** Sum of the revenue measure (月均购买额 by default) of these customers. */
  revenue: number;
  /** Share of the graded customers' revenue, 0–1. */
  revenueShare: number;
}

export interface Distribution extends Record<Grade, GradeShare> {
  graded: number;
  notGraded: number;
  /** Customers whose grade came from 等级调整. */
  overridden: number;
  revenue: number;
  /**
   * Per ABC class, over every row with a usable revenue measure, graded or not (shares of their total revenue);
   * `none`: rows without a class.
   */
  abc: Record<AbcClass, { count: number; revenue: number; revenueShare: number }> & { none: number };
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);
const money = (n: number) => Math.round(n * 100) / 100;

interface Graded {
  grade: Grade;
  abc: AbcClass | null;
  revenue: number | null;
  override: unknown;
}

type Classified = Pick<Graded, "abc" | "revenue">;

/**
 * Counts and revenue shares per grade (graded rows) and per ABC class (graded rows and `ungraded`, the rows not
 * graded with their class), shares rounded to 4 decimals.
 */
export function distributionOf(
  results: readonly Graded[],
  notGraded: number,
  ungraded: readonly Classified[] = [],
): Distribution {
  const count = { A: 0, B: 0, C: 0, D: 0 };
  const revenue = { A: 0, B: 0, C: 0, D: 0 };
  const abcCount = { A: 0, B: 0, C: 0 };
  const abcRevenue = { A: 0, B: 0, C: 0 };
  let none = 0;
  let total = 0;
  let overridden = 0;
  let abcTotal = 0;
  const classify = (r: Classified) => {
    const v = r.revenue ?? 0;
    abcTotal += v;
    if (r.abc) {
      abcCount[r.abc]++;
      abcRevenue[r.abc] += v;
    } else none++;
  };
  for (const r of results) {
    const v = r.revenue ?? 0;
    count[r.grade]++;
    revenue[r.grade] += v;
    total += v;
    if (r.override) overridden++;
    classify(r);
  }
  for (const r of ungraded) classify(r);
  const graded = results.length;
  const perGrade = Object.fromEntries(
    GRADES.map((g) => [
      g,
      {
        name: GRADE_NAMES[g],
        count: count[g],
        share: ratio(count[g], graded),
        revenue: money(revenue[g]),
        revenueShare: ratio(revenue[g], total),
      },
    ]),
  ) as Record<Grade, GradeShare>;
  const abc = (c: AbcClass) => ({
    count: abcCount[c],
    revenue: money(abcRevenue[c]),
    revenueShare: ratio(abcRevenue[c], abcTotal),
  });
  return {
    ...perGrade,
    graded,
    notGraded,
    overridden,
    revenue: money(total),
    abc: { A: abc("A"), B: abc("B"), C: abc("C"), none },
  };
}
