import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../../src/core/calendar";
import { DEFAULT_STANDARD } from "../../../src/core/grading/default-standard";
import { gradeCustomers, type GradeResult } from "../../../src/core/grading/grade-customers";
import { measureReader } from "../../../src/core/grading/measures";
import { compileRule } from "../../../src/core/grading/rules";
import { compileScorer, NEUTRAL_RATING, type CriterionScore, type ScoredRecord } from "../../../src/core/grading/score";
import type { GradingStandard } from "../../../src/core/grading/standard";
import type { CustomerRecord } from "../../../src/core/types";
import { customer, standardWith, TODAY, typical } from "./helpers";

// The scorer shares breakdown entries between customers and keeps its work in reused arrays; this is the plain
// reading of the rules it must agree with, entry for entry (`toEqual` tells 0 from -0).
function referenceScore(standard: GradingStandard, record: CustomerRecord): ScoredRecord {
  const round1 = (n: number) => Math.round(n * 10) / 10;
  const round2 = (n: number) => Math.round(n * 100) / 100;
  let addWeight = 0;
  let raw = 0;
  const rows = standard.criteria.map((spec) => {
    const sign = spec.effect === "add" ? 1 : -1;
    const value = measureReader(spec.measure, TODAY)(record);
    const missing = spec.missing === "exclude" ? null : spec.missing === "neutral" ? NEUTRAL_RATING : spec.missing;
    let rating = value === undefined ? undefined : compileRule(spec.rule)(value);
    let basis: CriterionScore["basis"] = "value";
    if (rating === undefined) {
      basis = missing === null ? "excluded" : value === undefined ? "missing" : "unmatched";
      rating = missing ?? 0;
    }
    if (basis !== "excluded") {
      if (sign === 1) addWeight += spec.weight;
      raw += sign * spec.weight * rating;
    }
    return { spec, sign, value, rating, basis };
  });
  const breakdown = rows.map(({ spec, sign, value, rating, basis }): CriterionScore => {
    const share = addWeight > 0 && basis !== "excluded" ? (spec.weight * rating) / addWeight : 0;
    return {
      criterion: spec.id,
      name: spec.name,
      effect: spec.effect,
      weight: spec.weight,
      value: value === undefined ? null : typeof value === "number" ? round2(value) : value,
      rating: round1(rating),
      points: sign === 1 ? round1(share) : -round1(share) || 0,
      basis,
    };
  });
  if (addWeight <= 0) return { score: null, breakdown };
  return { score: round1(Math.min(100, Math.max(0, raw / addWeight))), breakdown };
}

const LABELS = ["及时", "一般", "拖延", "良好", "紧张", "高", "中", "低", "较差", "稳定", "未知", " 及时 ", "ＡＢ"];
const blankOr = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const amount = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map((n) => n * 5_000),
  fc.double({ min: -1_000, max: 1_000_000, noNaN: true }),
  fc.constantFrom(0, -0, 0.005, 12_345.675),
);
const date = fc.integer({ min: -2_000, max: 30 }).map((d) => addDays(TODAY, d));

const customerArb = fc
  .record({
    monthlyPurchase: blankOr(amount),
    largestPurchase: blankOr(amount),
    satisfaction: blankOr(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }))),
    complaintCount: blankOr(fc.integer({ min: 0, max: 6 })),
    paymentAttitude: blankOr(fc.constantFrom(...LABELS)),
    cashFlow: blankOr(fc.constantFrom(...LABELS)),
    potential: blankOr(fc.constantFrom(...LABELS)),
    operatingCondition: blankOr(fc.constantFrom(...LABELS)),
    purchaseDate: blankOr(date),
    lastContactDate: blankOr(date),
    lastComplaintDate: blankOr(date),
    status: blankOr(fc.constantFrom("active" as const, "lost" as const)),
  })
  .map((fields) => {
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    return customer(defined as Partial<CustomerRecord>);
  });

/** Satisfaction and the labels left out when blank: customers then differ in the add weights they are scored on. */
const EXCLUDING = standardWith((s) => {
  for (const c of s.criteria) if (c.measure === "satisfaction" || c.rule.type === "lookup") c.missing = "exclude";
});
/** Every criterion left out when blank: some customers have no score. */
const ALL_EXCLUDED = standardWith((s) => {
  for (const c of s.criteria) c.missing = "exclude";
});

describe("the scorer agrees with the plain reading of the standard", () => {
  for (const [label, standard] of [
    ["default standard", DEFAULT_STANDARD],
    ["blanks excluded", EXCLUDING],
    ["every criterion excluded when blank", ALL_EXCLUDED],
  ] as const) {
    it(`on generated customers, one scorer for all of them (${label})`, () => {
      fc.assert(
        fc.property(fc.array(customerArb, { maxLength: 60 }), (records) => {
          const scorer = compileScorer(standard, TODAY);
          for (const record of records) expect(scorer.score(record)).toEqual(referenceScore(standard, record));
        }),
        { numRuns: 60 },
      );
    });
  }

  it("past the number of distinct values it shares", () => {
    const scorer = compileScorer(DEFAULT_STANDARD, TODAY);
    for (let i = 0; i < 6_000; i++) {
      // Distinct amounts, then the first ones again once the scorer has stopped sharing.
      const record = customer({ monthlyPurchase: (i % 5_000) * 7.5, largestPurchase: i % 3, satisfaction: 80 });
      expect(scorer.score(record)).toEqual(referenceScore(DEFAULT_STANDARD, record));
    }
  });

  it("keeps shared entries from being changed", () => {
    const [a, b] = gradeCustomers(
      [customer({ monthlyPurchase: 1_000 }), customer({ monthlyPurchase: 1_000 })],
      DEFAULT_STANDARD,
      { today: TODAY },
    ).results;
    expect(a.breakdown).toEqual(b.breakdown);
    expect(a.breakdown).not.toBe(b.breakdown);
    expect(Object.isFrozen(a.breakdown[0])).toBe(true);
  });
});

describe("grading many customers at once", () => {
  it("gives each the result it gets alone (apart from ABC, which ranks them together)", () => {
    const withoutAbc = (r: GradeResult) => ({ ...r, abc: null });
    fc.assert(
      fc.property(fc.array(customerArb, { maxLength: 60 }), (records) => {
        const together = gradeCustomers(records, DEFAULT_STANDARD, { today: TODAY }).results.map(withoutAbc);
        const alone = records.flatMap((r) => gradeCustomers([r], DEFAULT_STANDARD, { today: TODAY }).results);
        expect(together).toEqual(alone.map(withoutAbc));
      }),
      { numRuns: 60 },
    );
  });

  it("tells apart customers a hard rule lowered from different grades", () => {
    const records = [
      typical({ status: "lost", monthlyPurchase: 100_000, satisfaction: 100, potential: "高" }),
      typical({ status: "lost" }),
      typical({ status: "lost", monthlyPurchase: 100_000, satisfaction: 100, potential: "高" }),
      typical({ status: "lost", complaintCount: 3, lastComplaintDate: TODAY }),
    ];
    const together = gradeCustomers(records, DEFAULT_STANDARD, { today: TODAY }).results;
    expect(together.map((r) => r.decision.by === "rule" && r.decision.scoreGrade)).toEqual(["A", "B", "A", "C"]);
    expect(together.map((r) => r.rules.map((h) => h.id))).toEqual([
      ["lost"],
      ["lost"],
      ["lost"],
      ["many-complaints", "lost"],
    ]);
    const alone = records.flatMap((r) => gradeCustomers([r], DEFAULT_STANDARD, { today: TODAY }).results);
    expect(together.map((r) => ({ ...r, abc: null }))).toEqual(alone.map((r) => ({ ...r, abc: null })));
  });
});
