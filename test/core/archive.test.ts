import { describe, expect, it } from "vitest";
import { readArchive } from "../../src/core/archive";
import { readCustomerSheet } from "../../src/core/customer-sheet";
import { findHeaderRow } from "../../src/core/header";
import type { CellValue, IssueCode, SheetGrid } from "../../src/core/types";

const TODAY = "2026-11-25";
const HEADER = [
  "客户编号",
  "客户名称",
  "联系人",
  "联系电话",
  "电子邮箱",
  "员工人数",
  "月均购买额",
  "客户满意度",
  "购买日期",
  "安装调试日期",
  "最近维修日期",
  "合作状态",
  "流失日期",
  "维修是否超时",
];
const GOOD: CellValue[] = [
  "KH001",
  "北京华恒科技有限公司",
  "王伟",
  "13812345678",
  "wang@163.com",
  "15人",
  "¥12,000",
  "满意",
  "2025-03-05",
  "2025-03-08",
  null,
  "在合作",
  null,
  "否",
];

function sheet(rows: CellValue[][], name = "客户"): SheetGrid {
  return { name, firstRow: 1, firstColumn: 1, values: rows };
}

function withCell(row: CellValue[], header: string, value: CellValue): CellValue[] {
  const copy = row.slice();
  copy[HEADER.indexOf(header)] = value;
  return copy;
}

function read(rows: CellValue[][]) {
  const result = readArchive(sheet([HEADER, ...rows]), { today: TODAY });
  if (!result) throw new Error("no header");
  return result;
}

describe("header detection", () => {
  it("finds the header below a merged title and a date line", () => {
    const values: CellValue[][] = [
      ["客户状况记录表", null, null],
      ["填表日期：2026.11.20　编号：KF-001", null, null],
      [null, null, null],
      [" 客户 编号 ", "客户名称*", "联系方式", "最高购买金额（元）", "ＥＭＡＩＬ", "我们自己的备注"],
    ];
    const found = findHeaderRow(values);
    expect(found?.index).toBe(3);
    expect(found?.map.columns).toMatchObject({ code: 0, name: 1, phone: 2, largestPurchase: 3, email: 4 });
    expect(found?.map.unknown).toEqual({ 5: "我们自己的备注" });
  });

  it("reads English headers", () => {
    const found = findHeaderRow([["Customer Code", "Customer Name", "Phone", "E-mail", "Satisfaction"]]);
    expect(found?.map.columns).toMatchObject({ code: 0, name: 1, phone: 2, email: 3, satisfaction: 4 });
  });

  it("takes the user's own header names from the config", () => {
    const row = ["客户全称", "客户编号", "对接电话", "地址"];
    expect(findHeaderRow([row])?.map.columns.name).toBeUndefined();
    const mapped = findHeaderRow([row], { headers: { 客户全称: "name", 对接电话: "phone" } });
    expect(mapped?.map.columns).toMatchObject({ name: 0, code: 1, phone: 2, address: 3 });
  });

  it("does not take a title or a two-column list for a header", () => {
    expect(
      findHeaderRow([
        ["客户名称", "备注"],
        ["甲公司", "x"],
      ]),
    ).toBeNull();
    expect(findHeaderRow([["Name", "Age", "City"]])).toBeNull();
  });
});

describe("readArchive", () => {
  it("reads a fine row with no finding", () => {
    const result = read([GOOD]);
    expect(result.issues).toEqual([]);
    expect(result.records[0]).toMatchObject({
      row: 2,
      code: "KH001",
      phone: "13812345678",
      employees: 15,
      monthlyPurchase: 12000,
      satisfaction: 75,
      purchaseDate: "2025-03-05",
      installDate: "2025-03-08",
      status: "active",
      repairOverdue: false,
    });
  });

  it("skips blank, totals and repeated header rows and says so", () => {
    const result = read([
      GOOD,
      [null, "", "  "],
      withCell(GOOD, "客户编号", "KH002"),
      HEADER,
      ["合计", "2 户", null, null, null, null, 24000],
    ]);
    expect(result.records.map((r) => r.code)).toEqual(["KH001", "KH002"]);
    expect(result.skipped).toEqual([
      { row: 3, reason: "blank" },
      { row: 5, reason: "repeated-header" },
      { row: 6, reason: "totals" },
    ]);
    expect(result.issues).toEqual([]);
  });

  it("keeps unknown columns as extras", () => {
    const values = [
      [...HEADER, "内部备注"],
      [...GOOD, "老客户"],
    ];
    const result = readArchive(sheet(values), { today: TODAY });
    expect(result?.records[0].extra).toEqual({ 内部备注: "老客户" });
  });

  it("reads numbers stored as text and text stored as numbers", () => {
    const row = withCell(withCell(withCell(GOOD, "客户编号", 1001), "联系电话", 13812345678), "员工人数", "15");
    const result = read([withCell(row, "购买日期", 45721)]);
    expect(result.issues).toEqual([]);
    expect(result.records[0]).toMatchObject({
      code: "1001",
      phone: "13812345678",
      employees: 15,
      purchaseDate: "2025-03-05",
    });
  });

  it("fills merged cells down, as a person reads them", () => {
    const values = [
      ["客户编号", "客户名称", "类别", "联系人"],
      ["K1", "甲", "制造业", "王"],
      ["K2", "乙", null, "李"],
    ];
    const result = readArchive(
      { ...sheet(values), merges: [{ top: 1, left: 2, bottom: 2, right: 2 }] },
      { today: TODAY },
    );
    expect(result?.records.map((r) => r.category)).toEqual(["制造业", "制造业"]);
  });

  const cases: [string, CellValue, IssueCode, "error" | "warning"][] = [
    ["联系电话", "1381234567", "invalid-phone", "error"],
    ["电子邮箱", "wang.li#163.com", "invalid-email", "error"],
    ["购买日期", "2024/13/01", "invalid-date", "error"],
    ["购买日期", "2030-01-15", "future-date", "error"],
    ["最近维修日期", "2027-01-01", "future-date", "warning"],
    ["月均购买额", -3000, "negative-number", "error"],
    ["员工人数", -2, "negative-number", "error"],
    ["月均购买额", "很多", "invalid-number", "error"],
    ["员工人数", "约五十人", "invalid-number", "error"],
    ["客户满意度", "120%", "invalid-satisfaction", "error"],
    ["合作状态", "暂停", "invalid-status", "error"],
    ["维修是否超时", "也许", "invalid-boolean", "error"],
    ["安装调试日期", "2025-03-01", "install-before-purchase", "warning"],
    ["最近维修日期", "2025-01-01", "date-before-purchase", "warning"],
    ["客户名称", null, "required-missing", "error"],
    ["客户编号", "", "required-missing", "error"],
  ];
  it.each(cases)("reports %s = %s as %s (%s)", (header, value, code, severity) => {
    const result = read([withCell(GOOD, header, value)]);
    expect(result.issues).toHaveLength(1);
    const [issue] = result.issues;
    const letter = String.fromCharCode(65 + HEADER.indexOf(header));
    expect(issue).toMatchObject({ row: 2, column: letter, code, severity });
    expect(issue.message.zh).toContain(`第 2 行 ${letter} 列`);
    expect(issue.message.en).toContain(`row 2, column ${letter}`);
    if (severity === "error") expect(result.unusable[2]).toContain(issue.field);
    else expect(result.unusable[2]).toBeUndefined();
  });

  it("says what was found and what was expected, in both languages", () => {
    const [issue] = read([withCell(GOOD, "联系电话", "1381234567")]).issues;
    expect(issue.value).toBe("1381234567");
    expect(issue.message.zh).toContain("“1381234567”");
    expect(issue.message.zh).toContain("手机号");
    expect(issue.message.en).toContain('found "1381234567", expected a Chinese mobile number');
  });

  it("reports a duplicate code on the later row only", () => {
    const result = read([GOOD, withCell(GOOD, "客户名称", "另一家"), withCell(GOOD, "客户编号", "KH002")]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ row: 3, column: "A", code: "duplicate-code", value: "KH001" });
    expect(result.issues[0].message.en).toContain("repeats row 2");
  });

  it("warns when a lost customer has no date lost", () => {
    const result = read([withCell(GOOD, "合作状态", "已流失")]);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([["lost-without-date", "warning"]]);
  });

  it("reports a missing required column once, on the header row", () => {
    const values = [
      ["客户名称", "联系人", "联系电话"],
      ["甲公司", "王", "13812345678"],
      ["乙公司", "李", "13912345678"],
    ];
    const result = readArchive(sheet(values), { today: TODAY });
    expect(result?.issues).toHaveLength(1);
    expect(result?.issues[0]).toMatchObject({ row: 1, column: "", field: "code", code: "required-missing" });
  });

  it("does not warn about event order when the purchase date is itself wrong", () => {
    const result = read([withCell(withCell(GOOD, "购买日期", "2030-01-15"), "安装调试日期", "2025-01-01")]);
    expect(result.issues.map((i) => i.code)).toEqual(["future-date"]);
  });
});

describe("readCustomerSheet", () => {
  const customers = sheet([HEADER, GOOD], "Sheet1");
  const notes = sheet([["说明"], ["本表记录客户信息"]], "说明");

  it("picks the sheet that holds the customers", () => {
    const result = readCustomerSheet([notes, customers], { today: TODAY });
    expect(result.ok && result.archive.sheet).toBe("Sheet1");
  });

  it("never takes Rapport's own sheets for the archive", () => {
    const roster = sheet([HEADER, GOOD, GOOD], "客户分级目录");
    const result = readCustomerSheet([roster, customers], { today: TODAY });
    expect(result.ok && result.archive.sheet).toBe("Sheet1");
  });

  it("reads the named sheet, and names the sheets there are when it is missing", () => {
    const result = readCustomerSheet([notes, customers], { today: TODAY, sheet: "客户档案" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message.zh).toContain("说明、Sheet1");
      expect(result.message.en).toContain('no sheet named "客户档案"');
    }
  });

  it("says when no sheet has a customer header", () => {
    const result = readCustomerSheet([notes], { today: TODAY });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.en).toContain("no customer header found");
  });
});
