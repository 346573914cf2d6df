import type { CellValue } from "../types";
import { fail, ok, type Parsed } from "./result";
import { halfWidth } from "./text";

/**
 * Satisfaction (客户满意度) on one scale, 0–100, so that 1–5 scores, percentages and labels compare:
 * - a score 1–5 (stars, `4分`) maps linearly: 1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100;
 * - a percentage (`92%`, or a number from 6 to 100, or a fraction 0–1 from a percent-formatted cell) is itself;
 * - a label maps to its point on the five-step scale below.
 */
export const SATISFACTION_LABELS: Readonly<Record<string, number>> = {
  非常满意: 100,
  很满意: 100,
  满意: 75,
  比较满意: 75,
  较满意: 75,
  基本满意: 50,
  一般: 50,
  不太满意: 25,
  较不满意: 25,
  不满意: 25,
  很不满意: 0,
  非常不满意: 0,
  "very satisfied": 100,
  satisfied: 75,
  neutral: 50,
  average: 50,
  dissatisfied: 25,
  unsatisfied: 25,
  "very dissatisfied": 0,
};

const EXPECTED_ZH = "1–5 分、0–100% 或 非常满意/满意/一般/不满意/很不满意";
const EXPECTED_EN = "a score of 1–5, a percentage 0–100%, or a label 非常满意/满意/一般/不满意/很不满意";

function fromNumber(n: number, isPercent: boolean): Parsed<number> {
  if (!Number.isFinite(n) || n < 0) return fail(EXPECTED_ZH, EXPECTED_EN);
  if (isPercent) return n <= 100 ? ok(n) : fail(EXPECTED_ZH, EXPECTED_EN);
  if (n > 0 && n < 1) return ok(Math.round(n * 1000) / 10); // a percent-formatted cell holds 0.92
  if (n >= 1 && n <= 5) return ok((n - 1) * 25);
  if (n > 5 && n <= 100) return ok(n);
  return fail(EXPECTED_ZH, EXPECTED_EN);
}

export function parseSatisfaction(value: CellValue): Parsed<number> {
  if (typeof value === "number") return fromNumber(value, false);
  if (typeof value !== "string") return fail(EXPECTED_ZH, EXPECTED_EN);
  const text = halfWidth(value).toLowerCase();
  const label = SATISFACTION_LABELS[text];
  if (label !== undefined) return ok(label);
  const m = /^(\d+(?:\.\d+)?)\s*(%|分|星)?$/.exec(text);
  if (!m) return fail(EXPECTED_ZH, EXPECTED_EN);
  const n = Number(m[1]);
  if ((m[2] === "分" || m[2] === "星") && (n < 1 || n > 5)) return fail(EXPECTED_ZH, EXPECTED_EN);
  return fromNumber(n, m[2] === "%");
}
