import type { BilingualText, CustomerRecord, IsoDate } from "../types";
import { measureReader, type MeasureReader } from "./measures";
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
}

export interface Scorer {
  score(record: CustomerRecord): ScoredRecord;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

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
  }));
  const count = criteria.length;
  return {
    score(record) {
      let addWeight = 0;
      let raw = 0;
      const breakdown: CriterionScore[] = new Array(count);
      for (let i = 0; i < count; i++) {
        const c = criteria[i];
        const value = c.read(record);
        let rating = value === undefined ? undefined : c.rate(value);
        let basis: Basis = "value";
        if (rating === undefined) {
          basis = c.missingRating === null ? "excluded" : value === undefined ? "missing" : "unmatched";
          rating = c.missingRating ?? 0;
        }
        if (basis !== "excluded") {
          if (c.sign === 1) addWeight += c.spec.weight;
          raw += c.sign * c.spec.weight * rating;
        }
        breakdown[i] = {
          criterion: c.spec.id,
          name: c.spec.name,
          effect: c.spec.effect,
          weight: c.spec.weight,
          value: value === undefined ? null : typeof value === "number" ? round2(value) : value,
          rating: round1(rating),
          points: rating,
          basis,
        };
      }
      // Points are shares of the add weights, known only once every criterion is read.
      for (let i = 0; i < count; i++) {
        const b = breakdown[i];
        const share = addWeight > 0 && b.basis !== "excluded" ? (b.weight * b.points) / addWeight : 0;
        b.points = criteria[i].sign === 1 ? round1(share) : -round1(share) || 0;
      }
      if (addWeight <= 0) return { score: null, breakdown };
      return { score: round1(Math.min(100, Math.max(0, raw / addWeight))), breakdown };
    },
  };
}
