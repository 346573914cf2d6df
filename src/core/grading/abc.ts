import type { AbcSettings } from "./standard";

export type AbcClass = "A" | "B" | "C";

/**
 * ABC analysis by revenue (domain §3): rank by value, largest first, and cut on the cumulative share. A customer
 * is A while the customers ranked before it hold less than `a` % of the total (so the one crossing the line is
 * still A), B up to `b` %, C after. Equal values share the class of the first of them, so a larger value never
 * gets a worse class and the result does not depend on the order of the rows. Blank values get no class; zero
 * is C.
 */
export function abcClasses(values: readonly (number | undefined)[], settings: AbcSettings): (AbcClass | null)[] {
  let count = 0;
  for (const v of values) if (v !== undefined) count++;
  const sorted = new Float64Array(count);
  let n = 0;
  for (const v of values) if (v !== undefined) sorted[n++] = v;
  // The class depends on the value alone (equal values share one), so two cut values decide every customer; a
  // numeric sort of the values finds them without sorting the customers.
  sorted.sort();
  let total = 0;
  for (let i = count - 1; i >= 0; i--) total += sorted[i];
  const aLimit = (settings.a / 100) * total;
  const bLimit = (settings.b / 100) * total;
  let cutA = Infinity;
  let cutB = Infinity;
  let before = 0;
  for (let i = count - 1; i >= 0; i--) {
    const v = sorted[i];
    if (i === count - 1 || v !== sorted[i + 1]) {
      if (v > 0 && before < aLimit) cutA = v;
      else if (v > 0 && before < bLimit) cutB = v;
    }
    before += v;
  }
  cutB = Math.min(cutB, cutA);
  return values.map((v) => (v === undefined ? null : v > 0 && v >= cutA ? "A" : v > 0 && v >= cutB ? "B" : "C"));
}
