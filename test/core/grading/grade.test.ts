import { describe, expect, it } from "vitest";
import { readArchive } from "../../../src/core/archive";
import { DEFAULT_STANDARD } from "../../../src/core/grading/default-standard";
import { explainResult, scorePulls } from "../../../src/core/grading/explain";
import { gradeArchive, gradeCustomers, neededFields } from "../../../src/core/grading/grade-customers";
import { notGradedCells, resultCells } from "../../../src/core/grading/result-columns";
import { rosterGroups, rosterRows } from "../../../src/core/grading/roster";
import type { GradingStandard } from "../../../src/core/grading/standard";
import type { CustomerRecord } from "../../../src/core/types";
import { customer, standardWith, TODAY, typical } from "./helpers";

const grade = (records: CustomerRecord[], standard: GradingStandard = DEFAULT_STANDARD) =>
  gradeCustomers(records, standard, { today: TODAY });
const one = (record: CustomerRecord, standard?: GradingStandard) => {
  const outcome = grade([record], standard);
  expect(outcome.notGraded).toEqual([]);
  return outcome.results[0];
};

/** Two criteria, easy to compute by hand: monthly purchase 0–100,000 linear (weight 60), satisfaction (40). */
const SIMPLE: GradingStandard = standardWith((s) => {
  s.criteria = [
    { ...s.criteria[0], weight: 60 },
    { ...s.criteria[4], weight: 40 },
  ];
  s.hardRules = [];
});

describe("the score", () => {
  it("is the weighted mean of the criteria's points", () => {
    const r = one(customer({ monthlyPurchase: 50_000, satisfaction: 100 }), SIMPLE);
    // 60 × 50 + 40 × 100 over 100.
    expect(r.score).toBe(70);
    expect(r.breakdown.map((b) => [b.criterion, b.value, b.rating, b.points, b.weight, b.basis])).toEqual([
      ["monthly-purchase", 50_000, 50, 30, 60, "value"],
      ["satisfaction", 100, 100, 40, 40, "value"],
    ]);
  });

  it("scores a blank as neutral (50 points) and says so", () => {
    const r = one(customer({ monthlyPurchase: 100_000 }), SIMPLE);
    expect(r.score).toBe(80);
    expect(r.breakdown[1]).toMatchObject({ value: null, rating: 50, points: 20, basis: "missing" });
    // Named once, under 缺失: a neutral blank pulls the score neither up nor down.
    expect(explainResult(r)).toEqual({
      zh: "A 高价值；评分 80.0 ≥ 75；拉高 月均购买额 +30.0；缺失 满意度（空白，按 50 分计）",
      en: "A high value; score 80.0 ≥ 75; up: Monthly purchase +30.0; missing: Satisfaction (blank, scored 50)",
    });
  });

  it("scores a label the standard does not list like a blank, naming the label", () => {
    const r = one(typical({ paymentAttitude: "很好" }));
    expect(r.breakdown.find((b) => b.criterion === "payment-attitude")).toMatchObject({
      value: "很好",
      rating: 50,
      basis: "unmatched",
    });
    expect(explainResult(r).zh).toContain("付款态度（“很好”未列入标准，按 50 分计）");
  });

  it("can leave a blank out, or give it set points", () => {
    const exclude = standardWith((s) => {
      s.criteria = [{ ...SIMPLE.criteria[0] }, { ...SIMPLE.criteria[1], missing: "exclude" }];
      s.hardRules = [];
    });
    const r = one(customer({ monthlyPurchase: 100_000 }), exclude);
    expect(r.score).toBe(100);
    expect(r.breakdown[1]).toMatchObject({ points: 0, basis: "excluded" });
    expect(explainResult(r).zh).toContain("满意度（空白，未计入）");

    const zero = standardWith((s) => {
      s.criteria = [{ ...SIMPLE.criteria[0] }, { ...SIMPLE.criteria[1], missing: 0 }];
      s.hardRules = [];
    });
    expect(one(customer({ monthlyPurchase: 100_000 }), zero).score).toBe(60);
  });

  it("is not given when every criterion is blank and left out", () => {
    const exclude = standardWith((s) => {
      s.criteria = SIMPLE.criteria.map((c) => ({ ...c, missing: "exclude" as const }));
      s.hardRules = [];
    });
    const outcome = grade([customer({ row: 9 })], exclude);
    expect(outcome.results).toEqual([]);
    expect(outcome.notGraded[0].reasons[0].message.en).toContain("row 9: every scoring criterion is blank");
  });

  it("subtracts deductions, weighed against the add criteria, and keeps them apart in the explanation", () => {
    const withComplaints = standardWith((s) => {
      s.criteria = [...SIMPLE.criteria, s.criteria[9]];
      s.hardRules = [];
    });
    // Complaints: 2 → 60 of 100 deduction points, weight 15 → −9.
    const r = one(customer({ monthlyPurchase: 50_000, satisfaction: 100, complaintCount: 2 }), withComplaints);
    expect(r.score).toBe(61);
    expect(r.breakdown[2]).toMatchObject({ effect: "deduct", rating: 60, points: -9 });
    const text = explainResult(r);
    // Against a neutral customer (50): satisfaction 100 adds 40 × 50 / 100, the purchase at 50 points adds nothing,
    // complaints take 9 — 50 + 20 − 9 = 61.
    expect(text.zh).toBe("B 中等价值；评分 61.0 ≥ 60；拉高 满意度 +20.0；拉低 投诉 -9.0");
    expect(text.en).toBe("B medium value; score 61.0 ≥ 60; up: Satisfaction +20.0; down: Complaints -9.0");
    // A blank complaint count is none (the default says so), and is not mentioned.
    const none = one(customer({ monthlyPurchase: 50_000, satisfaction: 100 }), withComplaints);
    expect(none.score).toBe(70);
    expect(explainResult(none).zh).not.toContain("投诉");
  });

  it("names what pulled the score down: criteria below neutral as well as deductions, strongest first", () => {
    const r = one(
      typical({ paymentAttitude: "拖延", cashFlow: "紧张", complaintCount: 1, monthlyPurchase: 0, largestPurchase: 0 }),
    );
    const text = explainResult(r);
    // 付款态度 0 of 100, weight 15: 15 × (0 − 50) / 100 = −7.5; 资金周转 10 of 100, weight 10: −4.
    expect(text.zh).toContain("拉低 月均购买额 -12.5、付款态度 -7.5、最高购买额 -5.0 等 5 项");
    expect(text.en).toContain("down: Monthly purchase -12.5, Payment attitude -7.5, Largest purchase -5.0 and 2 more");
    const { down } = scorePulls(r.breakdown);
    expect(down.map((p) => [p.name.zh, p.points])).toEqual([
      ["月均购买额", -12.5],
      ["付款态度", -7.5],
      ["最高购买额", -5],
      ["投诉", -4.5],
      ["资金周转", -4],
    ]);
    expect(text.zh).toContain("；拉高 满意度 +3.8、经营状况 +2.5、联系近况 +2.1 等 4 项；");
  });

  it("explains pulls that add up to the score: 50 plus every pull", () => {
    for (const record of [
      typical(),
      typical({ paymentAttitude: "拖延", satisfaction: 20, complaintCount: 2 }),
      typical({ monthlyPurchase: 90_000, potential: "低", lastContactDate: "2025-01-01" }),
    ]) {
      const r = one(record);
      const { up, down } = scorePulls(r.breakdown);
      const sum = [...up, ...down].reduce((n, p) => n + p.points, 50);
      expect(Math.abs(sum - r.score)).toBeLessThanOrEqual(0.05 * r.breakdown.length + 0.05);
    }
  });

  it("groups blanks scored alike under 缺失", () => {
    const r = one(customer({ monthlyPurchase: 20_000, paymentAttitude: "很好" }));
    expect(explainResult(r).zh).toMatch(
      /；缺失 最高购买额、资金周转、满意度、发展潜力、合作年限、经营状况、联系近况（空白，按 50 分计）、付款态度（“很好”未列入标准，按 50 分计）$/,
    );
  });

  it("stays within 0–100", () => {
    const harsh = standardWith((s) => {
      s.criteria = [...SIMPLE.criteria, { ...s.criteria[9], weight: 500 }];
      s.hardRules = [];
    });
    expect(one(customer({ monthlyPurchase: 0, satisfaction: 0, complaintCount: 5 }), harsh).score).toBe(0);
    expect(one(customer({ monthlyPurchase: 900_000, satisfaction: 100 }), SIMPLE).score).toBe(100);
  });

  it("counts years as a customer and days since contact up to today", () => {
    const r = one(typical({ purchaseDate: "2023-11-25", lastContactDate: "2026-11-20" }));
    expect(r.breakdown.find((b) => b.criterion === "relationship")).toMatchObject({ value: 3, rating: 100 });
    expect(r.breakdown.find((b) => b.criterion === "contact-recency")).toMatchObject({ value: 5, rating: 100 });
    const later = one(typical({ lastContactDate: "2027-01-01" }));
    expect(later.breakdown.find((b) => b.criterion === "contact-recency")).toMatchObject({ value: 0 });
  });
});

describe("the grade", () => {
  const at = (score: number) => {
    // Monthly purchase alone, so the score is the purchase in thousands.
    const s = standardWith((st) => {
      st.criteria = [{ ...st.criteria[0], weight: 1 }];
      st.hardRules = [];
    });
    return one(customer({ monthlyPurchase: score * 1000 }), s);
  };

  it.each([
    [100, "A", 75],
    [75, "A", 75],
    [74.9, "B", 60],
    [60, "B", 60],
    [45, "C", 45],
    [44.9, "D", null],
    [0, "D", null],
  ])("score %d is grade %s by the threshold %s", (score, g, threshold) => {
    const r = at(score);
    expect(r.grade).toBe(g);
    expect(r.decision).toEqual({ by: "score", grade: g, threshold });
  });

  it("is capped by a hard rule that holds, which the explanation names", () => {
    const r = one(typical({ monthlyPurchase: 100_000, complaintCount: 3, lastComplaintDate: "2026-06-01" }));
    expect(r.score).toBeGreaterThanOrEqual(60);
    expect(r.grade).toBe("C");
    expect(r.decision).toMatchObject({ by: "rule", rule: { id: "many-complaints", limit: "atMost", grade: "C" } });
    expect(explainResult(r).zh).toMatch(/^C 潜在价值；一年内投诉 3 次及以上 → 最高 C（按评分 \d+\.\d 为 [AB]）/);
    // The same complaints longer ago than a year: the rule does not hold.
    const old = one(typical({ monthlyPurchase: 100_000, complaintCount: 3, lastComplaintDate: "2025-06-01" }));
    expect(old.rules).toEqual([]);
    expect(old.grade).not.toBe("C");
    // No date of the last complaint: a condition on a blank never holds.
    expect(one(typical({ monthlyPurchase: 100_000, complaintCount: 3 })).rules).toEqual([]);
  });

  it("makes a lost customer D", () => {
    const r = one(typical({ monthlyPurchase: 100_000, status: "lost", lostDate: "2026-10-01" }));
    expect(r.grade).toBe("D");
    expect(r.computed).toBe("D");
    expect(r.rules.map((h) => h.id)).toEqual(["lost"]);
  });

  it("records a rule that held without changing the grade", () => {
    const r = one(typical({ monthlyPurchase: 0, satisfaction: 0, paymentAttitude: "拖延", status: "lost" }));
    expect(r.grade).toBe("D");
    expect(r.decision.by).toBe("score");
    expect(r.rules.map((h) => h.id)).toEqual(["lost"]);
  });

  it("lifts by a floor, and a cap wins over a floor", () => {
    const s = standardWith((st) => {
      st.hardRules.unshift({
        id: "big",
        name: { zh: "大客户", en: "key account" },
        when: [{ measure: "monthlyPurchase", min: 150_000 }],
        atLeast: "A",
      });
    });
    const poor = { satisfaction: 0, paymentAttitude: "拖延", cashFlow: "紧张", potential: "低" };
    const lifted = one(typical({ ...poor, monthlyPurchase: 200_000 }), s);
    expect(lifted.grade).toBe("A");
    expect(lifted.decision).toMatchObject({ by: "rule", rule: { id: "big" } });
    expect(explainResult(lifted).zh).toContain("大客户 → 至少 A");
    const both = one(typical({ ...poor, monthlyPurchase: 200_000, status: "lost" }), s);
    expect(both.grade).toBe("D");
    expect(both.rules.map((h) => h.id)).toEqual(["big", "lost"]);
  });

  it("takes 等级调整 over the computed grade, and records it as an override", () => {
    const r = one(typical({ monthlyPurchase: 0, gradeOverride: "A级" }));
    expect(r.grade).toBe("A");
    expect(r.override).toEqual({ manual: "A", computed: r.computed });
    expect(r.decision).toEqual({ by: "override", grade: "A", computed: r.computed });
    expect(explainResult(r).zh).toContain(`等级调整为 A（计算为 ${r.computed}`);
    expect(grade([typical({ gradeOverride: "B" })]).distribution.overridden).toBe(1);
  });

  it("does not grade a row whose 等级调整 is not a grade, and says which cell", () => {
    const outcome = gradeCustomers([typical({ row: 7, gradeOverride: "优" })], DEFAULT_STANDARD, {
      today: TODAY,
      columns: { gradeOverride: "AM" },
      sheet: "客户档案",
    });
    expect(outcome.results).toEqual([]);
    expect(outcome.notGraded[0].reasons).toEqual([
      {
        field: "gradeOverride",
        column: "AM",
        value: "优",
        message: {
          zh: "工作表「客户档案」第 7 行 AM 列（等级调整）：填写的是 “优”，应为 A、B、C、D（也可写 A级、高价值 等）或留空",
          en: 'Sheet "客户档案", row 7, column AM (Grade override): found "优", expected A, B, C or D (A级, 高价值… also work) or blank',
        },
      },
    ]);
  });

  it("reports a 等级调整 that is not a grade as a validation error, and gives that one reason for the row", () => {
    const archive = readArchive(
      {
        name: "客户档案",
        firstRow: 1,
        firstColumn: 1,
        values: [
          ["客户编号", "客户名称", "等级调整", "月均购买额"],
          ["K1", "甲", "A级", 10_000],
          ["K2", "乙", "优", 10_000],
        ],
      },
      { today: TODAY },
    );
    if (!archive) throw new Error("no archive");
    const message = {
      zh: "工作表「客户档案」第 3 行 C 列（等级调整）：填写的是 “优”，应为 A、B、C、D（也可写 A级、高价值 等）或留空",
      en: 'Sheet "客户档案", row 3, column C (Grade override): found "优", expected A, B, C or D (A级, 高价值… also work) or blank',
    };
    expect(archive.issues).toEqual([
      expect.objectContaining({ row: 3, column: "C", field: "gradeOverride", code: "invalid-grade", message }),
    ]);
    expect(archive.issues[0].severity).toBe("error");
    expect(archive.unusable).toEqual({ 3: ["gradeOverride"] });
    const outcome = gradeArchive(archive, DEFAULT_STANDARD, { today: TODAY });
    expect(outcome.results.map((r) => r.code)).toEqual(["K1"]);
    expect(outcome.notGraded[0].reasons).toEqual([{ field: "gradeOverride", column: "C", value: "优", message }]);
  });
});

describe("rows with errors", () => {
  it("are graded when the wrong field is not one the standard needs", () => {
    const outcome = gradeCustomers([typical({ row: 5 })], DEFAULT_STANDARD, {
      today: TODAY,
      unusable: { 5: ["phone", "email", "code"] },
    });
    expect(outcome.results).toHaveLength(1);
  });

  it("are not graded when a needed field is wrong, with the validation message as the reason", () => {
    const outcome = gradeCustomers([typical({ row: 5 }), typical({ row: 6 })], DEFAULT_STANDARD, {
      today: TODAY,
      unusable: { 5: ["satisfaction", "phone"], 6: ["purchaseDate"] },
      issues: [
        {
          row: 5,
          column: "X",
          field: "satisfaction",
          severity: "error",
          code: "invalid-satisfaction",
          value: "120%",
          message: { zh: "第 5 行 X 列：满意度有误", en: "row 5, column X: bad satisfaction" },
        },
      ],
    });
    expect(outcome.results).toEqual([]);
    expect(outcome.notGraded).toEqual([
      {
        row: 5,
        code: "K5",
        name: "客户5",
        abc: "A",
        reasons: [
          {
            field: "satisfaction",
            column: "X",
            value: "120%",
            message: { zh: "第 5 行 X 列：满意度有误", en: "row 5, column X: bad satisfaction" },
          },
        ],
      },
      {
        row: 6,
        code: "K6",
        name: "客户6",
        abc: "A",
        reasons: [
          {
            field: "purchaseDate",
            column: "",
            value: "",
            message: {
              zh: "第 6 行（购买日期）：填写有误，评级需要该列",
              en: "row 6 (Purchase date): has an error, and grading needs it",
            },
          },
        ],
      },
    ]);
    expect(outcome.distribution.notGraded).toBe(2);
    expect(notGradedCells(outcome.notGraded[0])).toEqual([null, null, "A", "未评级：第 5 行 X 列：满意度有误"]);
  });

  it("still get their ABC class, and count in the revenue ranking, when the revenue is usable", () => {
    const outcome = gradeCustomers(
      [
        typical({ row: 2, monthlyPurchase: 80_000 }),
        typical({ row: 3, monthlyPurchase: 15_000 }),
        typical({ row: 4, monthlyPurchase: 5_000 }),
        typical({ row: 5, monthlyPurchase: 50_000 }),
      ],
      DEFAULT_STANDARD,
      // Row 3 has a wrong purchase date: not graded, but its 15,000 is real revenue. Row 5's amount is wrong itself.
      { today: TODAY, unusable: { 3: ["purchaseDate"], 5: ["monthlyPurchase"] } },
    );
    expect(outcome.results.map((r) => [r.row, r.abc])).toEqual([
      [2, "A"],
      // 80,000 + 15,000 before it: 95 % of the 100,000 total, so C (B if row 3's revenue were left out).
      [4, "C"],
    ]);
    expect(outcome.notGraded.map((n) => [n.row, n.abc])).toEqual([
      [3, "B"],
      [5, null],
    ]);
    expect(outcome.distribution.abc).toEqual({
      A: { count: 1, revenue: 80_000, revenueShare: 0.8 },
      B: { count: 1, revenue: 15_000, revenueShare: 0.15 },
      C: { count: 1, revenue: 5_000, revenueShare: 0.05 },
      none: 1,
    });
    // Grade shares stay those of the graded customers.
    expect(outcome.distribution.revenue).toBe(85_000);
  });

  it("needs exactly the fields the standard reads, and the override", () => {
    expect(neededFields(DEFAULT_STANDARD).sort()).toEqual(
      [
        "cashFlow",
        "complaintCount",
        "gradeOverride",
        "largestPurchase",
        "lastComplaintDate",
        "lastContactDate",
        "monthlyPurchase",
        "operatingCondition",
        "paymentAttitude",
        "potential",
        "purchaseDate",
        "satisfaction",
        "status",
      ].sort(),
    );
  });
});

describe("a whole sheet", () => {
  const grid = {
    name: "客户",
    firstRow: 1,
    firstColumn: 1,
    values: [
      ["客户编号", "客户名称", "月均购买额", "客户满意度", "付款态度", "等级调整"],
      ["K1", "甲", 90_000, "非常满意", "及时", null],
      ["K2", "乙", 1_000, "不满意", "拖延", null],
      ["K3", "丙", "不详", "满意", "及时", null],
      ["K4", "丁", 40_000, "一般", "一般", "X"],
      ["K5", "戊", 9_000, "满意", "一般", "A"],
    ],
  };

  it("grades the sheet's records with its validation findings and column letters", () => {
    const archive = readArchive(grid, { today: TODAY });
    expect(archive).not.toBeNull();
    if (!archive) return;
    const outcome = gradeArchive(archive, DEFAULT_STANDARD, { today: TODAY });
    // K4 is not graded (its 等级调整 is not a grade), but its 40,000 is ranked; K3's amount is wrong, so it is not.
    expect(outcome.results.map((r) => [r.code, r.grade, r.abc])).toEqual([
      ["K1", "A", "A"],
      ["K2", "D", "C"],
      ["K5", "A", "B"],
    ]);
    expect(outcome.notGraded.map((n) => [n.code, n.abc])).toEqual([
      ["K3", null],
      ["K4", "A"],
    ]);
    expect(outcome.notGraded.map((n) => [n.row, n.reasons.map((r) => `${r.column} ${r.field}`)])).toEqual([
      [4, ["C monthlyPurchase"]],
      [5, ["F gradeOverride"]],
    ]);
    expect(outcome.distribution).toMatchObject({
      A: { count: 2, share: 0.6667, revenue: 99_000, revenueShare: 0.99 },
      B: { count: 0, share: 0, revenue: 0, revenueShare: 0 },
      D: { count: 1, share: 0.3333, revenue: 1_000, revenueShare: 0.01 },
      graded: 3,
      notGraded: 2,
      overridden: 1,
      revenue: 100_000,
      abc: { A: { count: 2, revenue: 130_000, revenueShare: 0.9286 }, B: { count: 1 }, C: { count: 1 }, none: 1 },
    });
    const [a] = rosterGroups(outcome);
    expect(a.customers.map((r) => r.code)).toEqual(["K1", "K5"]);
    const rows = rosterRows(outcome, {
      today: TODAY,
      customerSheet: "客户",
      standardSource: "默认标准",
      standard: DEFAULT_STANDARD,
      records: archive.records,
    });
    expect(rows.map((r) => r.kind).slice(0, 11)).toEqual([
      "title",
      "info",
      "blank",
      "head",
      "summary",
      "summary",
      "summary",
      "summary",
      "total",
      "summary",
      "blank",
    ]);
    expect(rows[1].cells[0]).toBe(
      "评级日期：2026-11-25　客户表：「客户」　评级标准：默认标准　共 3 个客户已评级，2 行未评级，1 个为手动调整",
    );
    expect(rows.filter((r) => r.kind === "band").map((r) => String(r.cells[0]).split("：")[0])).toEqual([
      "A 级 · 高价值",
      "B 级 · 中等价值",
      "C 级 · 潜在价值",
      "D 级 · 低价值",
      "未评级",
    ]);
    expect(rows.filter((r) => r.kind === "customer").map((r) => r.cells[1])).toEqual([
      "K1",
      "K5",
      "（无）",
      "（无）",
      "K2",
    ]);
    expect(rows.filter((r) => r.kind === "reason").map((r) => r.cells[3])).toEqual([4, 5]);
    expect(resultCells(outcome.results[0]).slice(0, 3)).toEqual([outcome.results[0].score, "A", "A"]);
  });

  it("is deterministic", () => {
    const archive = readArchive(grid, { today: TODAY });
    if (!archive) throw new Error("no archive");
    expect(gradeArchive(archive, DEFAULT_STANDARD, { today: TODAY })).toEqual(
      gradeArchive(archive, DEFAULT_STANDARD, { today: TODAY }),
    );
  });
});
