import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../../src/core/calendar";
import { abcClasses } from "../../../src/core/grading/abc";
import { parseStandard } from "../../../src/core/grading/config";
import { DEFAULT_STANDARD } from "../../../src/core/grading/default-standard";
import { gradeCustomers, type GradeResult } from "../../../src/core/grading/grade-customers";
import { gradeRank } from "../../../src/core/grading/grades";
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

/** A customer's levels and, for the same filled-in fields, a customer at least as good on every one. */
const pairArb = fc
  .tuple(
    ...fields.map((f) =>
      fc.option(fc.tuple(fc.integer({ min: 0, max: LEVELS[f] }), fc.integer({ min: 0, max: LEVELS[f] })), {
        nil: undefined,
      }),
    ),
  )
  .map((entries) => {
    const worse: Levels = {};
    const better: Levels = {};
    entries.forEach((entry, i) => {
      if (!entry) return;
      const [base, gain] = entry;
      worse[fields[i]] = base;
      better[fields[i]] = Math.min(LEVELS[fields[i]], base + gain);
    });
    return { worse, better };
  });

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
