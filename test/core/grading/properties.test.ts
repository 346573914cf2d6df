import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../../src/core/calendar";
import { abcClasses } from "../../../src/core/grading/abc";
import { parseStandard } from "../../../src/core/grading/config";
import { DEFAULT_STANDARD } from "../../../src/core/grading/default-standard";
import { gradeCustomers, type GradeResult } from "../../../src/core/grading/grade-customers";
import { gradeRank } from "../../../src/core/grading/grades";
import { measureReader, type MeasureKey } from "../../../src/core/grading/measures";
import type { GradingStandard } from "../../../src/core/grading/standard";
import type { CustomerRecord } from "../../../src/core/types";
import { customer, standardWith, TODAY } from "./helpers";

// Each field as a "goodness" level: a higher level is a better customer by the default standard's own direction
// (more purchase, better labels, longer relationship, more recent contact, fewer and older complaints, active).
// A better customer has the same fields filled in, each at least as good.
const LEVELS = {
  monthlyPurchase: 300_000,
  largestPurchase: 1_000_000,
  satisfaction: 100,
  paymentAttitude: 3,
  cashFlow: 2,
  potential: 2,
  operatingCondition: 2,
  relationship: 3_000,
  contact: 800,
  complaints: 6,
  complaintAge: 800,
  status: 1,
} as const;
type Field = keyof typeof LEVELS;
type Levels = Partial<Record<Field, number>>;

const ATTITUDE = ["拖延", "偶有拖延", "一般", "及时"];
const THREE = {
  cashFlow: ["紧张", "一般", "良好"],
  potential: ["低", "中", "高"],
  operatingCondition: ["较差", "一般", "良好"],
};

function toRecord(levels: Levels, row: number): CustomerRecord {
  const c: Partial<CustomerRecord> = { row };
  const l = levels;
  if (l.monthlyPurchase !== undefined) c.monthlyPurchase = l.monthlyPurchase;
  if (l.largestPurchase !== undefined) c.largestPurchase = l.largestPurchase;
  if (l.satisfaction !== undefined) c.satisfaction = l.satisfaction;
  if (l.paymentAttitude !== undefined) c.paymentAttitude = ATTITUDE[l.paymentAttitude];
  if (l.cashFlow !== undefined) c.cashFlow = THREE.cashFlow[l.cashFlow];
  if (l.potential !== undefined) c.potential = THREE.potential[l.potential];
  if (l.operatingCondition !== undefined) c.operatingCondition = THREE.operatingCondition[l.operatingCondition];
  if (l.relationship !== undefined) c.purchaseDate = addDays(TODAY, -l.relationship);
  if (l.contact !== undefined) c.lastContactDate = addDays(TODAY, -(LEVELS.contact - l.contact));
  if (l.complaints !== undefined) c.complaintCount = LEVELS.complaints - l.complaints;
  if (l.complaintAge !== undefined) c.lastComplaintDate = addDays(TODAY, -l.complaintAge);
  if (l.status !== undefined) c.status = l.status ? "active" : "lost";
  return customer(c);
}

const fields = Object.keys(LEVELS) as Field[];

/** The measure each numeric field is scored by; the other fields are labels, every level a step of its own. */
const MEASURE_OF: Partial<Record<Field, MeasureKey>> = {
  monthlyPurchase: "monthlyPurchase",
  largestPurchase: "largestPurchase",
  satisfaction: "satisfaction",
  relationship: "relationshipYears",
  contact: "daysSinceContact",
  complaints: "complaintCount",
  complaintAge: "daysSinceComplaint",
};

/** The values where a standard's rules change their mind about a measure: band starts, linear ends, rule limits. */
function edgeValues(standard: GradingStandard, measure: MeasureKey): number[] {
  const values: number[] = [];
  for (const c of standard.criteria) {
    if (c.measure !== measure) continue;
    if (c.rule.type === "bands") values.push(...c.rule.bands.map((b) => b.from));
    if (c.rule.type === "linear") values.push(c.rule.from.value, c.rule.to.value);
  }
  for (const rule of standard.hardRules) {
    for (const cond of rule.when) {
      if (cond.measure !== measure) continue;
      if (cond.min !== undefined) values.push(cond.min);
      if (cond.max !== undefined) values.push(cond.max);
    }
  }
  return values;
}

/**
 * For each field, the levels L at which the standard's view of the field may change between L − 1 and L: where
 * the measure reaches or passes one of the standard's edges, found on the records the test builds; for a label
 * field every level is such a step. A broken band or rule shows between such neighbours, which a uniform draw
 * over the whole range rarely makes.
 */
function boundaryLevels(standard: GradingStandard): Record<Field, number[]> {
  const out = {} as Record<Field, number[]>;
  for (const field of fields) {
    const key = MEASURE_OF[field];
    const max: number = LEVELS[field];
    if (!key) {
      out[field] = Array.from({ length: max }, (_, i) => i + 1);
      continue;
    }
    const read = measureReader(key, TODAY);
    const measure = (level: number) => read(toRecord({ [field]: level }, 2)) as number;
    const found = new Set<number>();
    for (const edge of edgeValues(standard, key)) {
      for (const holds of [(m: number) => m >= edge, (m: number) => m > edge]) {
        // The measure is monotone in the level, so each test changes its answer at most once: find where.
        const first = holds(measure(0));
        if (holds(measure(max)) === first) continue;
        let lo = 0;
        let hi = max;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (holds(measure(mid)) === first) lo = mid;
          else hi = mid;
        }
        found.add(hi);
      }
    }
    out[field] = [...found].sort((a, b) => a - b);
  }
  return out;
}

const BOUNDARIES = boundaryLevels(DEFAULT_STANDARD);
const clampLevel = (field: Field, level: number) => Math.min(LEVELS[field], Math.max(0, level));

/** A field's pair of levels (worse, better) across one of its boundaries: just below it, then at or just past it. */
const acrossArb = (field: Field) =>
  fc
    .tuple(fc.constantFrom(...BOUNDARIES[field]), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 1 }))
    .map(([level, back, on]) => [clampLevel(field, level - back), clampLevel(field, level + on)] as const);

/** Any pair (worse, better) for a field: far apart, across a boundary, a small step, or the same. */
const fieldPairArb = (field: Field) =>
  fc.oneof(
    fc
      .tuple(fc.integer({ min: 0, max: LEVELS[field] }), fc.integer({ min: 0, max: LEVELS[field] }))
      .map(([base, gain]) => [base, clampLevel(field, base + gain)] as const),
    acrossArb(field),
    fc
      .tuple(fc.integer({ min: 0, max: LEVELS[field] }), fc.integer({ min: 0, max: 2 }))
      .map(([base, step]) => [base, clampLevel(field, base + step)] as const),
    fc.integer({ min: 0, max: LEVELS[field] }).map((level) => [level, level] as const),
  );

/** Every filled-in field of the two customers drawn on its own. */
const independentArb = fc.tuple(...fields.map((f) => fc.option(fieldPairArb(f), { nil: undefined }))).map((entries) => {
  const worse: Levels = {};
  const better: Levels = {};
  entries.forEach((entry, i) => {
    if (!entry) return;
    worse[fields[i]] = entry[0];
    better[fields[i]] = entry[1];
  });
  return { worse, better };
});

/**
 * Two customers alike but for one field, which the better one has across one of its boundaries: no gain elsewhere
 * can make up for a rule that scores the better side lower, so such a rule shows.
 */
const oneStepArb = fc.constantFrom(...fields).chain((field) =>
  fc
    .tuple(
      acrossArb(field),
      fc.tuple(...fields.map((f) => fc.option(fc.integer({ min: 0, max: LEVELS[f] }), { nil: undefined }))),
    )
    .map(([[w, b], rest]) => {
      const same: Levels = {};
      rest.forEach((level, i) => {
        if (level !== undefined) same[fields[i]] = level;
      });
      return { worse: { ...same, [field]: w }, better: { ...same, [field]: b } };
    }),
);

/** A customer's levels and, for the same filled-in fields, a customer at least as good on every one. */
const pairArb = fc.oneof({ weight: 1, arbitrary: independentArb }, { weight: 2, arbitrary: oneStepArb });

const fullArb = fc.tuple(...fields.map((f) => fc.integer({ min: 0, max: LEVELS[f] }))).map((values) => {
  const levels: Levels = {};
  values.forEach((v, i) => (levels[fields[i]] = v));
  return levels;
});

function gradeOne(record: CustomerRecord, standard: GradingStandard): GradeResult {
  const outcome = gradeCustomers([record], standard, { today: TODAY });
  expect(outcome.notGraded).toEqual([]);
  return outcome.results[0];
}

/** The default standard with other weights and thresholds, as a company might set them. */
const standardArb = fc
  .record({
    weights: fc.array(fc.integer({ min: 0, max: 50 }), {
      minLength: DEFAULT_STANDARD.criteria.length,
      maxLength: DEFAULT_STANDARD.criteria.length,
    }),
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ weights, cuts }) => {
    const [A, B, C] = [...cuts].sort((a, b) => b - a);
    return parseStandard({
      criteria: DEFAULT_STANDARD.criteria.map((c, i) => ({ ...c, weight: weights[i] })),
      grades: { A, B, C },
    });
  })
  .filter((r) => r.ok)
  .map((r) => (r.ok ? r.standard : DEFAULT_STANDARD));

function expectDominance(worse: Levels, better: Levels, standard: GradingStandard): void {
  const w = gradeOne(toRecord(worse, 2), standard);
  const b = gradeOne(toRecord(better, 3), standard);
  expect(b.score).toBeGreaterThanOrEqual(w.score);
  expect(gradeRank(b.grade)).toBeLessThanOrEqual(gradeRank(w.grade));
}

describe("properties of grading", () => {
  it("draws neighbours across the edges of the standard's own bands, lines, rules and labels", () => {
    expect(BOUNDARIES.largestPurchase).toEqual([1, 10_000, 10_001, 50_000, 50_001, 200_000, 200_001, 500_000, 500_001]);
    expect(BOUNDARIES.monthlyPurchase).toEqual([1, 100_000, 100_001]);
    // Complaint levels count down from 6: level 5 is one complaint, level 4 two.
    expect(BOUNDARIES.complaints).toEqual([3, 4, 5, 6]);
    // 1, 2 and 3 years (of 365.25 days) as a customer.
    expect(BOUNDARIES.relationship).toEqual([1, 366, 731, 1096]);
    expect(BOUNDARIES.paymentAttitude).toEqual([1, 2, 3]);
    expect(BOUNDARIES.status).toEqual([1]);
  });

  it("never gives a customer at least as good on every field a lower score or a worse grade", () => {
    fc.assert(
      fc.property(pairArb, ({ worse, better }) => expectDominance(worse, better, DEFAULT_STANDARD)),
      { numRuns: 500 },
    );
  });

  it("keeps that for any weights and thresholds", () => {
    fc.assert(
      fc.property(pairArb, standardArb, ({ worse, better }, standard) => expectDominance(worse, better, standard)),
      { numRuns: 300 },
    );
  });

  it("gives the same results every time and whatever the order of the rows", () => {
    fc.assert(
      fc.property(fc.array(fullArb, { minLength: 1, maxLength: 30 }), fc.integer(), (all, seed) => {
        const records = all.map((levels, i) => toRecord(levels, i + 2));
        const first = gradeCustomers(records, DEFAULT_STANDARD, { today: TODAY });
        expect(gradeCustomers(records, DEFAULT_STANDARD, { today: TODAY })).toEqual(first);
        const shuffled = [...records].sort((a, b) => ((a.row * 7919 + seed) % 97) - ((b.row * 7919 + seed) % 97));
        const again = gradeCustomers(shuffled, DEFAULT_STANDARD, { today: TODAY });
        const byRow = (rs: GradeResult[]) => [...rs].sort((a, b) => a.row - b.row);
        expect(byRow(again.results)).toEqual(byRow(first.results));
        expect(again.distribution).toEqual(first.distribution);
      }),
      { numRuns: 100 },
    );
  });

  it("moves the score toward an add criterion's points when its weight rises", () => {
    const adds = DEFAULT_STANDARD.criteria.flatMap((c, i) => (c.effect === "add" ? [i] : []));
    fc.assert(
      fc.property(fullArb, fc.constantFrom(...adds), fc.integer({ min: 1, max: 100 }), (levels, i, extra) => {
        const before = gradeOne(toRecord(levels, 2), DEFAULT_STANDARD);
        const heavier = standardWith((s) => (s.criteria[i].weight += extra));
        const after = gradeOne(toRecord(levels, 2), heavier);
        const rating = before.breakdown[i].rating;
        if (rating > before.score + 0.2) expect(after.score).toBeGreaterThanOrEqual(before.score);
        if (rating < before.score - 0.2) expect(after.score).toBeLessThanOrEqual(before.score);
        expect(after.breakdown[i].weight).toBe(before.breakdown[i].weight + extra);
      }),
      { numRuns: 300 },
    );
  });

  it("never raises the score when a deduction weighs more", () => {
    const deduct = DEFAULT_STANDARD.criteria.findIndex((c) => c.effect === "deduct");
    fc.assert(
      fc.property(fullArb, fc.integer({ min: 1, max: 100 }), (levels, extra) => {
        const before = gradeOne(toRecord(levels, 2), DEFAULT_STANDARD);
        const after = gradeOne(
          toRecord(levels, 2),
          standardWith((s) => (s.criteria[deduct].weight += extra)),
        );
        expect(after.score).toBeLessThanOrEqual(before.score);
        if (before.breakdown[deduct].rating === 0) expect(after.score).toBe(before.score);
      }),
      { numRuns: 200 },
    );
  });

  it("changes nothing when every weight is scaled alike, or a weight-0 criterion is dropped", () => {
    fc.assert(
      fc.property(
        fullArb,
        fc.constantFrom(0.5, 2, 4),
        fc.nat(DEFAULT_STANDARD.criteria.length - 2),
        (levels, k, drop) => {
          const record = toRecord(levels, 2);
          const base = gradeOne(record, DEFAULT_STANDARD);
          const scaled = gradeOne(
            record,
            standardWith((s) => s.criteria.forEach((c) => (c.weight *= k))),
          );
          expect(scaled.score).toBe(base.score);
          expect(scaled.grade).toBe(base.grade);
          const zeroed = standardWith((s) => (s.criteria[drop].weight = 0));
          const removed = standardWith((s) => s.criteria.splice(drop, 1));
          expect(gradeOne(record, zeroed).score).toBe(gradeOne(record, removed).score);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never gives more revenue a worse ABC class", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }), { maxLength: 60 }),
        (values) => {
          const classes = abcClasses(values, DEFAULT_STANDARD.abc);
          const rank = { A: 0, B: 1, C: 2 };
          values.forEach((v, i) =>
            values.forEach((u, j) => {
              const ci = classes[i];
              const cj = classes[j];
              if (v === undefined || u === undefined || ci === null || cj === null) return;
              if (v >= u) expect(rank[ci]).toBeLessThanOrEqual(rank[cj]);
            }),
          );
          expect(classes.filter((c) => c === null)).toHaveLength(values.filter((v) => v === undefined).length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
