import type { BilingualText, CustomerRecord, IsoDate } from "../types";
import { measureReader, type MeasureReader, type MeasureValue } from "./measures";
import { compileRule, type Rating } from "./rules";
import type { Criterion, GradingStandard } from "./standard";

/**
 * How a criterion's points came about: from the value, from the missing-value policy (blank cell, or a label the
 * standard does not list), or not at all (excluded: the criterion is left out of this customer's score).
 */
export type Basis = "value" | "missing" | "unmatched" | "excluded";

export interface CriterionScore {
  criterion: string;
  name: BilingualText;
  effect: "add" | "deduct";
  weight: number;
  /** The measure's value as the rule saw it (rounded for display); null when blank. */
  value: number | string | null;
  /** What the rule gave, 0–100. */
  rating: number;
  /** Signed share of the 0–100 score: positive for add criteria, negative for deductions; 1 decimal. */
  points: number;
  basis: Basis;
}

export interface ScoredRecord {
  /** 0–100, 1 decimal; null when no add criterion could be scored (all excluded). */
  score: number | null;
  breakdown: CriterionScore[];
}

/** Points a missing value scores: "neutral" is the middle of the scale. */
export const NEUTRAL_RATING = 50;

interface CompiledCriterion {
  spec: Criterion;
  sign: 1 | -1;
  read: MeasureReader;
  rate: Rating;
  /** null: excluded from the score when missing. */
  missingRating: number | null;
  /**
   * Breakdown entries by the measure's value, for customers scored on every add criterion (the usual case): an
   * entry is then a function of the value alone, so customers with the same value share one frozen entry. A
   * criterion whose values are nearly all different (a continuous amount) drops its cache once it is full.
   */
  seen: Map<number | string, CriterionScore> | null;
  /** The shared entry for a blank value, under the same condition. */
  blank: CriterionScore | null;
}

export interface Scorer {
  score(record: CustomerRecord): ScoredRecord;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Distinct values kept per criterion; past this a criterion's values are too varied to be worth sharing. */
const SEEN_LIMIT = 4096;

const BASIS_VALUE = 0;
const BASIS_MISSING = 1;
const BASIS_UNMATCHED = 2;
const BASIS_EXCLUDED = 3;
const BASES: readonly Basis[] = ["value", "missing", "unmatched", "excluded"];

/** A criterion's breakdown entry, its points a share of the add weights the customer was scored on. */
function entry(c: CompiledCriterion, value: MeasureValue, rating: number, basis: number, addWeight: number) {
  const weight = c.spec.weight;
  const share = addWeight > 0 && basis !== BASIS_EXCLUDED ? (weight * rating) / addWeight : 0;
  const score: CriterionScore = {
    criterion: c.spec.id,
    name: c.spec.name,
    effect: c.spec.effect,
    weight,
    value: value === undefined ? null : typeof value === "number" ? round2(value) : value,
    rating: round1(rating),
    points: c.sign === 1 ? round1(share) : -round1(share) || 0,
    basis: BASES[basis],
  };
  return score;
}

/**
 * Compiles the standard's criteria once. A customer's score is the weighted mean of the add criteria's points
 * (0–100) minus the deductions, each deduction weighed against the same total, clamped to 0–100: with add weights
 * totalling 100, a weight is simply the most points a criterion can add or take away.
 */
export function compileScorer(standard: GradingStandard, today: IsoDate): Scorer {
  const criteria: CompiledCriterion[] = standard.criteria.map((spec) => ({
    spec,
    sign: spec.effect === "add" ? 1 : -1,
    read: measureReader(spec.measure, today),
    rate: compileRule(spec.rule),
    missingRating: spec.missing === "exclude" ? null : spec.missing === "neutral" ? NEUTRAL_RATING : spec.missing,
    seen: new Map(),
    blank: null,
  }));
  const count = criteria.length;
  let fullAddWeight = 0;
  for (const c of criteria) if (c.sign === 1) fullAddWeight += c.spec.weight;
  // Per customer, reused: the values, ratings and bases, kept until the add weights are known.
  const values: MeasureValue[] = new Array<MeasureValue>(count).fill(undefined);
  const ratings = new Float64Array(count);
  const bases = new Uint8Array(count);
  return {
    score(record) {
      let addWeight = 0;
      let raw = 0;
      for (let i = 0; i < count; i++) {
        const c = criteria[i];
        const value = c.read(record);
        let rating = value === undefined ? undefined : c.rate(value);
        let basis = BASIS_VALUE;
        if (rating === undefined) {
          basis = c.missingRating === null ? BASIS_EXCLUDED : value === undefined ? BASIS_MISSING : BASIS_UNMATCHED;
          rating = c.missingRating ?? 0;
        }
        if (basis !== BASIS_EXCLUDED) {
          if (c.sign === 1) addWeight += c.spec.weight;
          raw += c.sign * c.spec.weight * rating;
        }
        values[i] = value;
        ratings[i] = rating;
        bases[i] = basis;
      }
      // Points are shares of the add weights, known only once every criterion is read.
      const breakdown: CriterionScore[] = new Array<CriterionScore>(count);
      const shared = addWeight === fullAddWeight;
      for (let i = 0; i < count; i++) {
        const c = criteria[i];
        const value = values[i];
        values[i] = undefined;
        if (!shared) {
          breakdown[i] = entry(c, value, ratings[i], bases[i], addWeight);
        } else if (value === undefined) {
          breakdown[i] = c.blank ??= Object.freeze(entry(c, value, ratings[i], bases[i], addWeight));
        } else if (c.seen === null || Object.is(value, -0)) {
          breakdown[i] = entry(c, value, ratings[i], bases[i], addWeight);
        } else {
          let e = c.seen.get(value);
          if (e === undefined) {
            e = entry(c, value, ratings[i], bases[i], addWeight);
            if (c.seen.size < SEEN_LIMIT) c.seen.set(value, Object.freeze(e));
            else c.seen = null;
          }
          breakdown[i] = e;
        }
      }
      if (addWeight <= 0) return { score: null, breakdown };
      return { score: round1(Math.min(100, Math.max(0, raw / addWeight))), breakdown };
    },
  };
}
