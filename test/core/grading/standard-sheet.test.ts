import { describe, expect, it } from "vitest";
import { DEFAULT_STANDARD } from "../../../src/core/grading/default-standard";
import { pickStandard } from "../../../src/core/grading/pick-standard";
import { standardFromSheet } from "../../../src/core/grading/standard-sheet";
import { standardToGrid } from "../../../src/core/grading/standard-template";
import type { CellValue, SheetGrid } from "../../../src/core/types";
import { standardWith } from "./helpers";

const sheet = (values: CellValue[][], firstRow = 1, firstColumn = 1): SheetGrid => ({
  name: "评级标准",
  firstRow,
  firstColumn,
  values,
});

function problems(values: CellValue[][]): string[] {
  const result = standardFromSheet(sheet(values));
  return result.ok ? [] : result.problems.map((p) => `${p.where} ${p.message.en}`);
}

describe("the 评级标准 sheet", () => {
  it("reads back the template of the default standard as the default standard", () => {
    expect(standardFromSheet(sheet(standardToGrid(DEFAULT_STANDARD)))).toEqual({
      ok: true,
      standard: DEFAULT_STANDARD,
    });
  });

  it("reads back a changed standard, wherever the table starts on the sheet", () => {
    const changed = standardWith((s) => {
      s.criteria[0].weight = 40;
      s.criteria[0].missing = "exclude";
      s.criteria[1].missing = 20;
      s.grades = { A: 85, B: 70, C: 40 };
      s.hardRules.push({
        id: "strategic",
        name: { zh: "战略客户", en: "strategic customer" },
        when: [
          { measure: "monthlyPurchase", min: 150_000 },
          { measure: "employees", min: 50, max: 500 },
        ],
        atLeast: "B",
      });
      s.abc = { measure: "largestPurchase", a: 70, b: 90 };
    });
    const result = standardFromSheet(sheet(standardToGrid(changed), 3, 2));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // A range is written as two rows and read back as two conditions that must both hold: the same rule.
    const strategic = result.standard.hardRules[2];
    expect(strategic.when).toEqual([
      { measure: "monthlyPurchase", min: 150_000 },
      { measure: "employees", min: 50 },
      { measure: "employees", max: 500 },
    ]);
    expect({ ...result.standard, hardRules: result.standard.hardRules.slice(0, 2) }).toEqual({
      ...changed,
      hardRules: changed.hardRules.slice(0, 2),
    });
  });

  it("keeps the default for the parts the sheet leaves out, and understands what people type", () => {
    const result = standardFromSheet(
      sheet([
        ["客户分级标准（2026 年版）"],
        [],
        ["评分项目", "数据", "权重", "规则", "取值", "得分", "加/扣分", "备注"],
        ["采购规模", "月均购买额（元）", 60, "线性", 0, 0, null, "按月均"],
        [null, null, null, null, "10万", 100],
        ["付款", "付款态度", "40", "对照", "及时、按时", 100],
        [null, null, null, null, "拖延", 0],
        ["投诉", "投诉次数", 20, "分段", 0, 0, "扣分"],
        [null, null, null, null, 2, 100],
        [],
        ["等级", "最低分", "说明"],
        ["A级", 80, "重点维护"],
        ["B级", 60],
        ["C级", 30],
        ["D级", "其余"],
        [],
        ["ABC分类", "设置"],
        ["A类累计占比至", 0.7],
        ["B类累计占比至", "90%"],
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = result.standard;
    expect(s.criteria.map((c) => [c.id, c.name.zh, c.measure, c.effect, c.weight, c.rule.type, c.missing])).toEqual([
      ["monthlyPurchase", "采购规模", "monthlyPurchase", "add", 60, "linear", "neutral"],
      ["paymentAttitude", "付款", "paymentAttitude", "add", 40, "lookup", "neutral"],
      ["complaintCount", "投诉", "complaintCount", "deduct", 20, "bands", "neutral"],
    ]);
    expect(s.criteria[0].rule).toEqual({
      type: "linear",
      from: { value: 0, points: 0 },
      to: { value: 100_000, points: 100 },
    });
    expect(s.criteria[1].rule).toEqual({ type: "lookup", labels: { "及时、按时": 100, 拖延: 0 } });
    expect(s.grades).toEqual({ A: 80, B: 60, C: 30 });
    expect(s.abc).toEqual({ measure: "monthlyPurchase", a: 70, b: 90 });
    expect(s.hardRules).toEqual(DEFAULT_STANDARD.hardRules);
  });

  it("names the cell of each problem in the sheet's own form", () => {
    const found = problems([
      ["评分项目", "数据", "权重", "规则", "取值", "得分", "缺失时"],
      ["购买", "月均购买额", "很重", "线性", 0, 0],
      [null, null, null, null, 100_000, 100],
      ["态度", "付款心情", 10, "对照", "好", 100],
      ["潜力", "发展潜力", 10, "打分", "高", 100],
      ["满意", "客户满意度", 10, "线性", 0, 0, "看情况"],
      [null, null, null, null, "满分", 100],
      ["等级", "最低分"],
      ["A", 80],
      ["B", null],
    ]);
    expect(found).toEqual([
      '评级标准!C2 weight must be a number, found "很重"',
      expect.stringMatching(/^评级标准!B4 unknown measure "付款心情"/),
      expect.stringMatching(/^评级标准!D5 rule "打分" is not understood; expected 分段、对照、线性/),
      expect.stringMatching(/^评级标准!G6 missing "看情况" is not understood/),
      '评级标准!E7 the value must be a number, found "满分"',
      "评级标准!B10 minimum score cannot be blank",
      "评级标准!A8 the grades part has no minimum score for C",
    ]);
  });

  it("names the cell of a label listed twice instead of keeping the last one", () => {
    const result = standardFromSheet(
      sheet([
        ["评分项目", "数据", "权重", "规则", "取值", "得分"],
        ["付款", "付款态度", 10, "对照", "及时", 100],
        [null, null, null, null, "偶有拖延、有时拖延", 30],
        [null, null, null, null, "偶有拖延、有时拖延", 0],
      ]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        where: "评级标准!E4",
        message: {
          zh: "选项“偶有拖延、有时拖延”重复（已在 评级标准!E3 列出）；每个选项只能列一次",
          en: 'the label "偶有拖延、有时拖延" is listed twice (already at 评级标准!E3); list each label once',
        },
      },
    ]);
  });

  it("reports the checks on the parts read well along with the cells it could not read, and no echo of those", () => {
    const found = problems([
      ["评分项目", "数据", "权重", "规则", "取值", "得分"],
      ["购买", "最高购买金额", "很重", "分段", 0, 0],
      ["投诉", "投诉次数", 10, "分段", 0, 0],
      [null, null, null, null, 5, 50],
      [null, null, null, null, 3, 80],
      ["等级", "最低分"],
      ["A", 50],
      ["B", 60],
      ["C", 40],
      ["硬性规则", "数据", "条件", "取值", "限制", "等级"],
      ["投诉多", "投诉次数", "大于", 3, "最高", "C"],
    ]);
    expect(found).toEqual([
      '评级标准!C2 weight must be a number, found "很重"',
      expect.stringMatching(/^评级标准!C11 condition "大于" is not understood/),
      expect.stringMatching(/^评级标准!E5 bands must rise \(3 is not above 5\)/),
      expect.stringMatching(/^评级标准!B8 thresholds must fall A > B > C/),
    ]);
  });

  it("points the schema's findings at the cell they came from", () => {
    const found = problems([
      ["评分项目", "数据", "权重", "规则", "取值", "得分"],
      ["购买", "最高购买金额", 10, "分段", 0, 0],
      [null, null, null, null, 50_000, 60],
      [null, null, null, null, 20_000, 80],
      ["潜力", "发展潜力", 10, "对照", "高", 120],
      ["等级", "最低分"],
      ["A", 50],
      ["B", 60],
      ["C", 40],
    ]);
    // A wrong value and the checks across the other parts are reported together, each at its own cell.
    expect(found).toEqual([
      expect.stringMatching(/^评级标准!F5 points cannot be above 100/),
      expect.stringMatching(/^评级标准!E4 bands must rise \(20000 is not above 50000\)/),
      expect.stringMatching(/^评级标准!B8 thresholds must fall A > B > C/),
    ]);
    const order = problems([
      ["评分项目", "数据", "权重", "规则", "取值", "得分"],
      ["购买", "最高购买金额", 10, "分段", 0, 0],
      [null, null, null, null, 50_000, 60],
      [null, null, null, null, 20_000, 80],
      ["等级", "最低分"],
      ["A", 50],
      ["B", 60],
      ["C", 40],
    ]);
    expect(order).toEqual([
      expect.stringMatching(/^评级标准!E4 bands must rise \(20000 is not above 50000\)/),
      // The threshold out of order (B's cell), not the part's header.
      expect.stringMatching(/^评级标准!B7 thresholds must fall A > B > C/),
    ]);
  });

  it("names the default part when the sheet's criteria clash with the default hard rules", () => {
    const found = problems([
      ["评分项目", "数据", "权重", "规则", "取值", "得分"],
      // Scoring complaints upwards makes the default rule "3 complaints → at most C" punish better customers.
      ["投诉", "投诉次数", 10, "分段", 0, 0],
      [null, null, null, null, 3, 100],
    ]);
    expect(found).toEqual([expect.stringMatching(/^评级标准（默认的硬性规则 \/ default hardRules） an atMost rule/)]);
  });

  it("reads hard rules with several conditions, and says what is wrong with one", () => {
    const ok = standardFromSheet(
      sheet([
        ["硬性规则", "数据", "条件", "取值", "限制", "等级"],
        ["重点投诉", "投诉次数", "≥", 2, "最高", "B"],
        [null, "距上次投诉天数", "<=", 90],
        ["流失", "合作状态", "属于", "已流失、停止合作", "最高", "D级"],
      ]),
    );
    expect(ok.ok && ok.standard.hardRules).toEqual([
      {
        id: "rule1",
        name: { zh: "重点投诉", en: "重点投诉" },
        when: [
          { measure: "complaintCount", min: 2 },
          { measure: "daysSinceComplaint", max: 90 },
        ],
        atMost: "B",
      },
      {
        id: "rule2",
        name: { zh: "流失", en: "流失" },
        when: [{ measure: "status", labels: ["已流失", "停止合作"] }],
        atMost: "D",
      },
    ]);
    expect(
      problems([
        ["硬性规则", "数据", "条件", "取值", "限制", "等级"],
        ["投诉", "投诉次数", "大约", 2, "最高", "E"],
        ["流失", "合作状态", "属于", null, "上限", "D"],
      ]),
    ).toEqual([
      expect.stringMatching(/^评级标准!F2 grade must be A, B, C or D, found "E"/),
      expect.stringMatching(/^评级标准!C2 condition "大约" is not understood/),
      expect.stringMatching(/^评级标准!E3 limit "上限" is not understood/),
      "评级标准!D3 value cannot be blank",
    ]);
  });

  it("says so when the sheet holds no standard, or a part twice", () => {
    expect(problems([["随便写的"], ["a", "b"]])[0]).toContain("holds no grading standard");
    expect(
      problems([
        ["等级", "最低分"],
        ["A", 80],
        ["B", 60],
        ["C", 40],
        ["等级", "最低分"],
      ]),
    ).toEqual(["评级标准!A5 this part appears twice; keep one"]);
  });
});

describe("picking the standard", () => {
  const customers: SheetGrid = { name: "客户", firstRow: 1, firstColumn: 1, values: [["客户编号", "客户名称"]] };
  const given = standardWith((s) => (s.grades = { A: 90, B: 80, C: 70 }));

  it("takes a given standard first, then a 评级标准 sheet, then the default", () => {
    const withSheet = [customers, sheet(standardToGrid(given))];
    expect(pickStandard(withSheet, DEFAULT_STANDARD)).toEqual({
      ok: true,
      standard: DEFAULT_STANDARD,
      source: { kind: "config" },
    });
    expect(pickStandard(withSheet)).toEqual({
      ok: true,
      standard: given,
      source: { kind: "sheet", sheet: "评级标准" },
    });
    expect(pickStandard([customers])).toEqual({ ok: true, standard: DEFAULT_STANDARD, source: { kind: "default" } });
  });

  it("passes on the sheet's problems", () => {
    const result = pickStandard([
      customers,
      sheet([
        ["等级", "最低分"],
        ["A", "高"],
      ]),
    ]);
    expect(result.ok).toBe(false);
  });
});
