import type { BilingualText, CustomerRecord, Grade, IsoDate } from "../types";
import { betterGrade, worseGrade } from "./grades";
import { measureReader, type MeasureReader } from "./measures";
import { normalizeLabel, splitLabels, type GradingStandard, type HardRule, type Thresholds } from "./standard";

/** A hard rule that held for a customer. */
export interface RuleHit {
  id: string;
  name: BilingualText;
  limit: "atMost" | "atLeast";
  grade: Grade;
}

/** What decided the final grade: the score against a threshold, a hard rule, or 等级调整. */
export type GradeDecision =
  | { by: "score"; grade: Grade; threshold: number | null }
  | { by: "rule"; grade: Grade; rule: RuleHit; scoreGrade: Grade }
  | { by: "override"; grade: Grade; computed: Grade };

/** Grade by score alone. D has no threshold: it is everything below C. */
export function gradeForScore(score: number, grades: Thresholds): Grade {
  return score >= grades.A ? "A" : score >= grades.B ? "B" : score >= grades.C ? "C" : "D";
}

type Test = (record: CustomerRecord) => boolean;

function compileCondition(cond: HardRule["when"][number], read: MeasureReader): Test {
  if (cond.labels) {
    const set = new Set(cond.labels.flatMap(splitLabels).map(normalizeLabel));
    const seen = new Map<string, boolean>();
    return (r) => {
      const v = read(r);
      if (typeof v !== "string") return false;
      let held = seen.get(v);
      if (held === undefined) {
        held = set.has(normalizeLabel(v));
        if (seen.size < 10_000) seen.set(v, held);
      }
      return held;
    };
  }
  const min = cond.min ?? -Infinity;
  const max = cond.max ?? Infinity;
  return (r) => {
    const v = read(r);
    return typeof v === "number" && v >= min && v <= max;
  };
}

function holds(tests: readonly Test[], record: CustomerRecord): boolean {
  for (const test of tests) if (!test(record)) return false;
  return true;
}

interface CompiledRule {
  hit: RuleHit;
  tests: Test[];
}

export interface Decider {
  /** The grade by score and hard rules, before any 等级调整; `hits` lists every rule that held. */
  decide(record: CustomerRecord, score: number): { decision: GradeDecision; hits: readonly RuleHit[] };
}

/**
 * Floors (atLeast) lift the score's grade, then caps (atMost) lower it: when both hold, the cap wins, the careful
 * choice for a customer who is, say, both strategic and complaining.
 */
export function compileDecider(standard: GradingStandard, today: IsoDate): Decider {
  const readers = new Map<string, MeasureReader>();
  const reader = (key: HardRule["when"][number]["measure"]) => {
    let r = readers.get(key);
    if (!r) readers.set(key, (r = measureReader(key, today)));
    return r;
  };
  const rules: CompiledRule[] = standard.hardRules.map((rule) => ({
    hit: {
      id: rule.id,
      name: rule.name,
      limit: rule.atMost !== undefined ? "atMost" : "atLeast",
      grade: (rule.atMost ?? rule.atLeast) as Grade,
    },
    tests: rule.when.map((cond) => compileCondition(cond, reader(cond.measure))),
  }));
  const floors = rules.filter((r) => r.hit.limit === "atLeast");
  const caps = rules.filter((r) => r.hit.limit === "atMost");
  const ordered = [...floors, ...caps];
  // Most customers are graded by their score alone: they share these four frozen decisions and one empty list.
  const { A, B, C } = standard.grades;
  const byScore: Record<Grade, GradeDecision> = {
    A: Object.freeze({ by: "score", grade: "A", threshold: A }),
    B: Object.freeze({ by: "score", grade: "B", threshold: B }),
    C: Object.freeze({ by: "score", grade: "C", threshold: C }),
    D: Object.freeze({ by: "score", grade: "D", threshold: null }),
  };
  const none: readonly RuleHit[] = Object.freeze([]);

  // Rule decisions and lists of hits recur too (the same rule lowering the same grade): shared, frozen, by key.
  const hitLists = new Map<number, readonly RuleHit[]>();
  const ruleDecisions = new Map<string, GradeDecision>();

  return {
    decide(record, score) {
      const scoreGrade = gradeForScore(score, standard.grades);
      let decision = byScore[scoreGrade];
      let hits: RuleHit[] | readonly RuleHit[] = none;
      let mask = 0;
      for (let i = 0; i < ordered.length; i++) {
        const rule = ordered[i];
        if (!holds(rule.tests, record)) continue;
        if (i < 30) mask |= 1 << i;
        hits = [...hits, rule.hit];
        const next: Grade =
          rule.hit.limit === "atLeast"
            ? betterGrade(decision.grade, rule.hit.grade)
            : worseGrade(decision.grade, rule.hit.grade);
        if (next === decision.grade) continue;
        const key = `${i} ${next} ${scoreGrade}`;
        let shared = ruleDecisions.get(key);
        if (shared === undefined) {
          shared = Object.freeze({ by: "rule" as const, grade: next, rule: rule.hit, scoreGrade });
          ruleDecisions.set(key, shared);
        }
        decision = shared;
      }
      if (hits.length && ordered.length <= 30) {
        const known = hitLists.get(mask);
        if (known) hits = known;
        else hitLists.set(mask, (hits = Object.freeze(hits)));
      }
      return { decision, hits };
    },
  };
}
