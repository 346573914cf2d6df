import type { CellValue } from "../types";
import { fail, ok, type Parsed } from "./result";
import { halfWidth } from "./text";

/**
 * Satisfaction (客户满意度) on one scale, 0–100, so that 1–5 scores, percentages and labels compare:
 * - a score 1–5 (stars, `4分`) maps linearly: 1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100;
 * - a percentage (`92%`, `90分` from 11分 up, or a number from 6 to 100, or a fraction 0–1 from a percent-formatted cell) is
 *   itself; a number between 5 and 6 (5.5) could be either and is rejected;
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

function ambiguous(n: number): Parsed<number> {
  return fail(
    `1–5 分或 6–100 的百分数（${n} 介于 5 分制和百分制之间，无法判断；5 分制请填 1–5，百分制请填 6–100 或带 %，如 90%）`,
    `a score of 1–5 or a percentage of 6–100 (${n} lies between the 5-point and the 100-point scale and cannot be read; write 1–5, or a percentage such as 90%)`,
  );
}

function fromNumber(n: number, isPercent: boolean): Parsed<number> {
  if (!Number.isFinite(n) || n < 0) return fail(EXPECTED_ZH, EXPECTED_EN);
  if (isPercent) return n <= 100 ? ok(n) : fail(EXPECTED_ZH, EXPECTED_EN);
  if (n > 0 && n < 1) return ok(Math.round(n * 1000) / 10); // a percent-formatted cell holds 0.92
  if (n >= 1 && n <= 5) return ok((n - 1) * 25);
  if (n > 5 && n < 6) return ambiguous(n);
  if (n >= 6 && n <= 100) return ok(n);
  return fail(EXPECTED_ZH, EXPECTED_EN);
}

/**
 * A number from a cell formatted as a percentage (`0%`): Excel holds 1 for 100 % and 0 for 0 %. Only readers that
 * know the cell's format (see `SheetGrid.percentCells`) can tell; a plain 1 is a score of 1.
 */
export function parseSatisfactionPercentCell(fraction: number): Parsed<number> {
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) return fail(EXPECTED_ZH, EXPECTED_EN);
  return ok(Math.round(fraction * 1000) / 10);
}

export function parseSatisfaction(value: CellValue): Parsed<number> {
  if (typeof value === "number") return fromNumber(value, false);
  if (typeof value !== "string") return fail(EXPECTED_ZH, EXPECTED_EN);
  const text = halfWidth(value).toLowerCase();
  // Own keys only: "constructor" or "toString" typed in the cell is not a label.
  const label = Object.hasOwn(SATISFACTION_LABELS, text) ? SATISFACTION_LABELS[text] : undefined;
  if (label !== undefined) return ok(label);
  const m = /^(\d+(?:\.\d+)?)\s*(%|分|星)?$/.exec(text);
  if (!m) return fail(EXPECTED_ZH, EXPECTED_EN);
  const n = Number(m[1]);
  // 星 is always a 1–5 rating; 分 is a 1–5 score or points out of 100 (90分).
  if (m[2] === "星" && (n < 1 || n > 5)) return fail(EXPECTED_ZH, EXPECTED_EN);
  if (m[2] === "分" && n < 1) return fail(EXPECTED_ZH, EXPECTED_EN);
  if (m[2] === "分" && n > 5 && n < 11) {
    // 6分–10分 may be out of 10 as well as out of 100.
    return fail(
      `1–5 分或百分制分数（${m[1]}分 可能是 10 分制，也可能是百分制，无法判断；5 分制请填 1–5，百分制请写 90分 或 90%）`,
      `a score of 1–5 or points out of 100 (${m[1]}分 may be out of 10 or out of 100 and cannot be read; write 1–5, or points such as 90分 or 90%)`,
    );
  }
  return fromNumber(n, m[2] === "%");
}
