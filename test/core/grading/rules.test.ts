import { describe, expect, it } from "vitest";
import { abcClasses } from "../../../src/core/grading/abc";
import { compileRule } from "../../../src/core/grading/rules";
import { normalizeLabel, ruleDirection, splitLabels, type Rule } from "../../../src/core/grading/standard";

describe("bands rule (分段)", () => {
  const rule: Rule = {
    type: "bands",
    bands: [
      { from: 0, points: 0 },
      { from: 10_000, points: 30 },
      { from: 50_000, points: 60 },
      { from: 200_000, points: 100 },
    ],
  };
  const rate = compileRule(rule);

  it.each([
    [0, 0],
    [9_999.99, 0],
    [10_000, 30],
    [49_999, 30],
    [50_000, 60],
    [199_999, 60],
    [200_000, 100],
    [5_000_000, 100],
  ])("scores %d as %d: a value from a band's start on takes its points", (value, points) => {
    expect(rate(value)).toBe(points);
  });

  it("gives values below the first band the first band's points", () => {
    const rate2 = compileRule({
      type: "bands",
      bands: [
        { from: 5, points: 40 },
        { from: 10, points: 80 },
      ],
    });
    expect(rate2(-3)).toBe(40);
    expect(rate2(4.9)).toBe(40);
  });

  it("works falling as well as rising (fewer complaints, more points)", () => {
    const falling = compileRule({
      type: "bands",
      bands: [
        { from: 0, points: 100 },
        { from: 1, points: 60 },
        { from: 3, points: 0 },
      ],
    });
    expect([0, 1, 2, 3, 9].map((v) => falling(v))).toEqual([100, 60, 60, 0, 0]);
  });

  it("has a direction", () => {
    expect(ruleDirection(rule)).toBe(1);
    expect(
      ruleDirection({
        type: "bands",
        bands: [
          { from: 0, points: 100 },
          { from: 1, points: 0 },
        ],
      }),
    ).toBe(-1);
    expect(ruleDirection({ type: "bands", bands: [{ from: 0, points: 50 }] })).toBe(0);
  });
});

describe("linear rule (线性)", () => {
  it("scales between two points and clamps outside them", () => {
    const rate = compileRule({ type: "linear", from: { value: 0, points: 0 }, to: { value: 100_000, points: 100 } });
    expect(rate(0)).toBe(0);
    expect(rate(25_000)).toBe(25);
    expect(rate(100_000)).toBe(100);
    expect(rate(250_000)).toBe(100);
    expect(rate(-5)).toBe(0);
  });

  it("can fall: contacted within 30 days scores 100, after a year 0", () => {
    const rate = compileRule({ type: "linear", from: { value: 30, points: 100 }, to: { value: 365, points: 0 } });
    expect(rate(0)).toBe(100);
    expect(rate(30)).toBe(100);
    expect(rate(197.5)).toBeCloseTo(50, 10);
    expect(rate(365)).toBe(0);
    expect(rate(1000)).toBe(0);
    expect(ruleDirection({ type: "linear", from: { value: 30, points: 100 }, to: { value: 365, points: 0 } })).toBe(-1);
  });

  it("may run between any two scores", () => {
    const rate = compileRule({ type: "linear", from: { value: 1, points: 20 }, to: { value: 5, points: 80 } });
    expect(rate(3)).toBe(50);
    expect(rate(0)).toBe(20);
    expect(rate(9)).toBe(80);
  });
});

describe("lookup rule (对照)", () => {
  const rate = compileRule({
    type: "lookup",
    labels: { "及时、按时": 100, "一般/尚可": 60, "Late, 拖延": 0 },
  });

  it.each([
    ["及时", 100],
    ["按时", 100],
    [" 及 时 ", 100],
    ["一般", 60],
    ["尚可", 60],
    ["拖延", 0],
    ["late", 0],
    ["LATE", 0],
  ])("scores %s as %d", (label, points) => {
    expect(rate(label)).toBe(points);
  });

  it("does not know labels the standard does not list", () => {
    expect(rate("很好")).toBeUndefined();
    expect(rate("不及时")).toBeUndefined();
    // Asked twice: the memo must remember "unknown" as well.
    expect(rate("很好")).toBeUndefined();
  });

  it("folds full-width text", () => {
    const r = compileRule({ type: "lookup", labels: { A: 100 } });
    expect(r("Ａ")).toBe(100);
    expect(normalizeLabel("Ａ Ｂ")).toBe("ab");
  });

  it("splits a key into its labels on 、 / , ， ; ；", () => {
    expect(splitLabels("及时、按时/准时,好，良;优；佳")).toEqual(["及时", "按时", "准时", "好", "良", "优", "佳"]);
  });
});

describe("ABC analysis", () => {
  const cuts = { measure: "monthlyPurchase" as const, a: 80, b: 95 };

  it("cuts on the cumulative share, the customer crossing a line still inside it", () => {
    // Total 100: 50 (0 before → A), 30 (50 before → A), 10 (80 before → B), 6 (90 → B), 4 (96 → C).
    expect(abcClasses([10, 50, 4, 30, 6], cuts)).toEqual(["B", "A", "C", "A", "B"]);
  });

  it("gives equal values the same class, whatever their order", () => {
    expect(abcClasses([40, 40, 10, 10], cuts)).toEqual(["A", "A", "B", "B"]);
    expect(abcClasses([10, 40, 10, 40], cuts)).toEqual(["B", "A", "B", "A"]);
  });

  it("leaves blanks without a class and makes zero C", () => {
    expect(abcClasses([undefined, 100, 0], cuts)).toEqual([null, "A", "C"]);
    expect(abcClasses([0, 0], cuts)).toEqual(["C", "C"]);
    expect(abcClasses([], cuts)).toEqual([]);
  });

  it("follows configured cuts", () => {
    expect(abcClasses([50, 30, 20], { ...cuts, a: 50, b: 60 })).toEqual(["A", "B", "C"]);
  });
});
