import { readFileSync } from "node:fs";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { gradingConfigSchema, parseStandard } from "../../../src/core/grading/config";
import { DEFAULT_STANDARD } from "../../../src/core/grading/default-standard";
import { parseGradeText } from "../../../src/core/grading/grades";
import { MEASURE_KEYS, MEASURES, measureByName } from "../../../src/core/grading/measures";
import { standardSchema } from "../../../src/core/grading/standard";
import { describeConfigError } from "../../../src/core/config";
import { standardWith } from "./helpers";

function problemsOf(data: unknown): string[] {
  const result = parseStandard(data);
  return result.ok ? [] : result.problems.map((p) => `${p.where}: ${p.message.en}`);
}

describe("the default standard", () => {
  it("is valid and frozen", () => {
    expect(standardSchema.safeParse(DEFAULT_STANDARD).success).toBe(true);
    expect(Object.isFrozen(DEFAULT_STANDARD.criteria[0].rule)).toBe(true);
  });

  it("has add weights totalling 100, so a weight is the points a criterion can add", () => {
    const add = DEFAULT_STANDARD.criteria.filter((c) => c.effect === "add").reduce((s, c) => s + c.weight, 0);
    expect(add).toBe(100);
  });

  it("scores what the issue asks for: purchases, credit, satisfaction, potential, tenure, complaints, operations, contact", () => {
    expect(DEFAULT_STANDARD.criteria.map((c) => c.measure)).toEqual([
      "monthlyPurchase",
      "largestPurchase",
      "paymentAttitude",
      "cashFlow",
      "satisfaction",
      "potential",
      "relationshipYears",
      "operatingCondition",
      "daysSinceContact",
      "complaintCount",
    ]);
    expect(DEFAULT_STANDARD.criteria.find((c) => c.measure === "complaintCount")?.effect).toBe("deduct");
  });

  it("is what an empty grading section gives", () => {
    expect(parseStandard({})).toEqual({ ok: true, standard: DEFAULT_STANDARD });
    expect(parseStandard(undefined)).toEqual({ ok: true, standard: DEFAULT_STANDARD });
  });
});

describe("a standard from the config file (grading)", () => {
  it("replaces only the parts given", () => {
    const result = parseStandard({ grades: { A: 90, B: 70, C: 50 } });
    expect(result.ok && result.standard.grades).toEqual({ A: 90, B: 70, C: 50 });
    expect(result.ok && result.standard.criteria).toEqual(DEFAULT_STANDARD.criteria);
  });

  it("fills a criterion's name, effect and missing policy", () => {
    const result = parseStandard({
      criteria: [
        {
          id: "m",
          measure: "monthlyPurchase",
          weight: 1,
          rule: { type: "linear", from: { value: 0, points: 0 }, to: { value: 10, points: 100 } },
        },
      ],
    });
    expect(result.ok && result.standard.criteria[0]).toMatchObject({
      name: { zh: "月均购买额", en: "Average monthly purchase" },
      effect: "add",
      missing: "neutral",
    });
  });

  it.each([
    [{ grades: { A: 60, B: 70, C: 50 } }, "grades.B: thresholds must fall A > B > C (now 60, 70, 50)"],
    [{ grades: { A: 80, B: 70, C: 75 } }, "grades.C: thresholds must fall A > B > C (now 80, 70, 75)"],
    [{ grades: { A: 120, B: 70, C: 50 } }, "grades.A: points cannot be above 100"],
    [{ abc: { a: 90, b: 85 } }, "abc.b: b must be above a (90%)"],
    [{ abc: { measure: "paymentAttitude" } }, "abc.measure: the ABC analysis needs a numeric measure"],
    [{ weights: {} }, '(root): unrecognized key(s) "weights"'],
  ])("names the key of a wrong standard: %j", (data, message) => {
    expect(problemsOf(data).join("\n")).toContain(message);
  });

  it("names the criterion and field of a wrong value", () => {
    const bad = standardWith((s) => {
      s.criteria[0].weight = -1;
      s.criteria[3].measure = "nope" as never;
      s.criteria[4].rule = { type: "steps" } as never;
    });
    const problems = problemsOf(bad).join("\n");
    expect(problems).toContain("criteria.0.weight: weight cannot be below 0");
    expect(problems).toContain("criteria.3.measure: unknown measure");
    expect(problems).toContain("criteria.4.rule.type: rule type must be bands, lookup or linear");
  });

  it("checks bands rise, once every value has the right form", () => {
    const bad = standardWith((s) => {
      s.criteria[1].rule = {
        type: "bands",
        bands: [
          { from: 0, points: 0 },
          { from: 0, points: 10 },
        ],
      };
    });
    expect(problemsOf(bad).join("\n")).toContain("criteria.1.rule.bands.1.from: bands must rise (0 is not above 0)");
  });

  it("rejects a text measure with a numeric rule and the reverse", () => {
    const bad = standardWith((s) => {
      s.criteria[2].rule = { type: "linear", from: { value: 0, points: 0 }, to: { value: 1, points: 100 } };
      s.criteria[0].rule = { type: "lookup", labels: { 高: 100 } };
    });
    const problems = problemsOf(bad).join("\n");
    expect(problems).toContain("criteria.0.rule.type: monthlyPurchase is a number: use bands or linear");
    expect(problems).toContain("criteria.2.rule.type: paymentAttitude is text: use a lookup rule");
  });

  it("rejects band points that go up and down, which would break 'better never scores less'", () => {
    const bad = standardWith((s) => {
      s.criteria[1].rule = {
        type: "bands",
        bands: [
          { from: 0, points: 0 },
          { from: 10, points: 80 },
          { from: 20, points: 40 },
        ],
      };
    });
    expect(problemsOf(bad).join("\n")).toContain(
      "criteria.1.rule.bands.2.points: band points must all rise or all fall",
    );
  });

  it("rejects a linear rule whose two values are the same, a label listed twice, and duplicate ids", () => {
    const bad = standardWith((s) => {
      s.criteria[0].rule = { type: "linear", from: { value: 5, points: 0 }, to: { value: 5, points: 100 } };
      s.criteria[2].rule = { type: "lookup", labels: { "及时、按时": 100, 按时: 50 } };
      s.criteria[3].id = s.criteria[4].id;
    });
    const problems = problemsOf(bad).join("\n");
    expect(problems).toContain("criteria.0.rule.to.value: the two values of a linear rule must differ");
    expect(problems).toContain('criteria.2.rule.labels.按时: the label "按时" appears twice');
    expect(problems).toContain(`criteria.4.id: criterion id ${bad.criteria[4].id} is used twice`);
  });

  it("needs some add weight", () => {
    const bad = standardWith((s) => s.criteria.forEach((c) => (c.weight = c.effect === "add" ? 0 : c.weight)));
    expect(problemsOf(bad).join("\n")).toContain("criteria: the add criteria's weights must total more than 0");
  });

  it("checks hard rules: one limit, conditions that fit the measure, and caps on the worse side", () => {
    const problems = problemsOf({
      hardRules: [
        { id: "both", name: "x", when: [{ measure: "complaintCount", min: 3 }], atMost: "C", atLeast: "A" },
        { id: "neither", name: "x", when: [{ measure: "complaintCount", min: 3 }] },
        { id: "text", name: "x", when: [{ measure: "status", min: 1 }], atMost: "D" },
        { id: "number", name: "x", when: [{ measure: "monthlyPurchase", labels: ["高"] }], atLeast: "B" },
        // More purchase is better, so capping the big buyers would punish better customers.
        { id: "wrong-side", name: "x", when: [{ measure: "monthlyPurchase", min: 100_000 }], atMost: "C" },
        { id: "floor-wrong-side", name: "x", when: [{ measure: "complaintCount", min: 2 }], atLeast: "B" },
        { id: "fine", name: "x", when: [{ measure: "monthlyPurchase", min: 150_000 }], atLeast: "B" },
      ],
    }).join("\n");
    expect(problems).toContain("hardRules.0: each hard rule needs exactly one of atMost or atLeast");
    expect(problems).toContain("hardRules.1: each hard rule needs exactly one of atMost or atLeast");
    expect(problems).toContain("hardRules.2.when.0: status is text: use labels");
    expect(problems).toContain("hardRules.3.when.0: monthlyPurchase is a number: use min or max");
    expect(problems).toContain("hardRules.4.when.0: an atMost rule must select the worse values");
    expect(problems).toContain("hardRules.5.when.0: an atLeast rule must select the better values");
    expect(problems).not.toContain("hardRules.6");
  });

  it("gives Chinese and English for Rapport's own messages", () => {
    const result = parseStandard({ grades: { A: 60, B: 70, C: 50 } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0].message.zh).toContain("等级分数线须 A > B > C");
      expect(result.problems[0].message.en).toContain("thresholds must fall");
    }
  });

  it("extends the archive config: headers still work, and errors name grading.…", () => {
    const ok = gradingConfigSchema.safeParse({
      headers: { 客户全称: "name" },
      grading: { grades: { A: 80, B: 60, C: 40 } },
    });
    expect(ok.success && ok.data.headers).toEqual({ 客户全称: "name" });
    expect(ok.success && ok.data.grading?.grades).toEqual({ A: 80, B: 60, C: 40 });
    const none = gradingConfigSchema.parse({});
    expect(none.grading).toBeUndefined();
    const bad = gradingConfigSchema.safeParse({
      grading: {
        criteria: [
          {
            id: "x",
            measure: "monthlyPurchase",
            weight: "heavy",
            rule: { type: "bands", bands: [{ from: 0, points: 1 }] },
          },
        ],
      },
    });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(describeConfigError(bad.error, "rapport.yaml").en).toContain("grading.criteria.0.weight");
  });
});

describe("config errors", () => {
  function configError(data: unknown) {
    const parsed = gradingConfigSchema.safeParse(data);
    if (parsed.success) throw new Error("expected an error");
    return describeConfigError(parsed.error, "rapport.yaml");
  }

  it("give a Chinese line and an English line, zod's own messages translated, with their key paths", () => {
    const error = configError({
      headers: { 客户全称: "nope" },
      grading: {
        grades: { A: 80, B: 60, C: 40, D: 0 },
        abc: { measure: "turnover", a: 0 },
        criteria: [
          { id: "m", measure: "monthlyPurchase", weight: "60", rule: { type: "lookup", labels: {} } },
          { id: "p", measure: "potential", effect: "both", weight: 10, rule: { type: "lookup", labels: { 高: 100 } } },
        ],
        hardRules: [{ id: "r", name: "", when: [], atMost: "C" }],
        extra: 1,
      },
    });
    const zhPart = error.zh.slice(error.zh.indexOf("："));
    // No English in the Chinese line, no Chinese in the English line (key paths and values aside).
    expect(zhPart).not.toMatch(/[a-z]{3,} [a-z]{3,}/i);
    expect(error.en).not.toMatch(/[应不缺须]/);
    expect(error.zh).toContain("grading.criteria.0.weight：应为数字，填写的是文字");
    expect(error.en).toContain("grading.criteria.0.weight: expected a number, received text");
    expect(error.zh).toContain("grading.grades：不认识的键 “D”");
    expect(error.en).toContain('grading.grades: unrecognized key(s) "D"');
    expect(error.zh).toContain("grading：不认识的键 “extra”");
    expect(error.zh).toContain("grading.abc.a：应大于 0");
    expect(error.en).toContain("grading.abc.a: must be above 0");
    expect(error.zh).toContain("grading.criteria.1.effect：应为 add、deduct 之一，填写的是 “both”");
    expect(error.en).toContain('grading.criteria.1.effect: expected one of add, deduct, found "both"');
    expect(error.zh).toContain("grading.hardRules.0.when：至少需要 1 项");
    expect(error.en).toContain("grading.hardRules.0.when: needs at least 1 item(s)");
    expect(error.zh).toContain("grading.abc.measure：未知的数据项");
    expect(error.en).toContain("grading.abc.measure: unknown measure");
    expect(error.zh).toContain("headers.客户全称：未知的字段“nope”");
    expect(error.en).toContain('headers.客户全称: unknown field "nope"');
  });

  it("report the checks across fields together with the type errors of other parts", () => {
    const error = configError({
      grading: {
        grades: { A: 50, B: 60, C: 40 },
        abc: { a: 95, b: 80 },
        criteria: [
          { id: "m", measure: "monthlyPurchase", weight: "heavy", rule: { type: "linear" } },
          {
            id: "big",
            measure: "largestPurchase",
            weight: 10,
            rule: {
              type: "bands",
              bands: [
                { from: 0, points: 0 },
                { from: 100, points: 50 },
                { from: 200, points: 20 },
              ],
            },
          },
        ],
        hardRules: [{ id: "vip", name: "VIP", when: [{ measure: "potential", min: 3 }], atLeast: "A" }],
      },
    });
    expect(error.en).toContain("grading.criteria.0.weight: expected a number, received text");
    expect(error.en).toContain("grading.criteria.1.rule.bands.2.points: band points must all rise or all fall");
    expect(error.en).toContain("grading.grades.B: thresholds must fall A > B > C (now 50, 60, 40)");
    expect(error.en).toContain("grading.abc.b: b must be above a (95%)");
    expect(error.en).toContain("grading.hardRules.0.when.0: potential is text: use labels");
    expect(error.zh).toContain("grading.grades.B：等级分数线须 A > B > C（现为 50、60、40）");
  });
});

describe("measures and grades by name", () => {
  it("finds every measure by key, Chinese and English name, with no two sharing a name", () => {
    for (const key of MEASURE_KEYS) {
      expect(measureByName(key)).toBe(key);
      expect(measureByName(MEASURES[key].name.zh)).toBe(key);
      expect(measureByName(MEASURES[key].name.en)).toBe(key);
    }
    expect(measureByName("最高购买金额（元）")).toBe("largestPurchase");
    expect(measureByName("合作年限")).toBe("relationshipYears");
    expect(measureByName("不存在的列")).toBeUndefined();
  });

  it.each([
    ["A", "A"],
    ["b", "B"],
    ["Ｃ", "C"],
    ["D级", "D"],
    ["A类", "A"],
    [" B 等 ", "B"],
    ["高价值", "A"],
    ["潜在价值客户", "C"],
    ["low value", "D"],
    ["E", undefined],
    ["AB", undefined],
    ["优", undefined],
  ])("reads the grade override %j as %s", (text, grade) => {
    expect(parseGradeText(text)).toBe(grade);
  });
});

describe("the README", () => {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("## Grading (`rapport grade`)"), readme.indexOf("## Development"));

  it("documents the default criteria, weights and thresholds as they are", () => {
    const rows = [...section.matchAll(/^\| \S+ `([a-z-]+)`.*\| (\d+) +\|$/gm)].map((m) => [m[1], Number(m[2])]);
    expect(rows).toEqual(DEFAULT_STANDARD.criteria.map((c) => [c.id, c.weight]));
    const { A, B, C } = DEFAULT_STANDARD.grades;
    expect(section).toContain(`**A** from ${A}, **B** from ${B}, **C** from ${C}`);
  });

  it("shows a config example that is a valid standard", () => {
    const start = section.indexOf("```yaml\n") + 8;
    const parsed = gradingConfigSchema.safeParse(YAML.parse(section.slice(start, section.indexOf("```", start))));
    expect(parsed.success).toBe(true);
  });
});
