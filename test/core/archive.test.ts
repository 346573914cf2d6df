import { describe, expect, it } from "vitest";
import { checkArchive, isTotalsLabel, readArchive } from "../../src/core/archive";
import { checkCustomerSheet, readCustomerSheet } from "../../src/core/customer-sheet";
import { findHeaderRow } from "../../src/core/header";
import { percentCellKey } from "../../src/core/parse/number-format";
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

/**
 * Reads the rows into records, and checks that `checkArchive` (rapport validate, no records) finds exactly the same
 * on them: every test below is a test of both.
 */
function read(rows: CellValue[][]) {
  const result = readArchive(sheet([HEADER, ...rows]), { today: TODAY });
  if (!result) throw new Error("no header");
  expect(checkArchive(sheet([HEADER, ...rows]), { today: TODAY })).toEqual(withoutRecords(result));
  return result;
}

function withoutRecords({ records, ...rest }: NonNullable<ReturnType<typeof readArchive>>) {
  return { ...rest, customers: records.length };
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

  it("does not take a parts list with generic English headers for a customer header", () => {
    // issue.xlsx (real world): a parts list naming the customer's part code; 3 fields, but only one of them specific.
    const parts = [
      "Pos.",
      "Designation",
      null,
      "Qty.",
      "Unit",
      "Customer code",
      null,
      "Name",
      "Type",
      "Technical Description",
    ];
    expect(findHeaderRow([parts, [10, null, null, 1, "PC", "test", null, "testtest", null, "test"]])).toBeNull();
    expect(findHeaderRow([["ID", "Name", "Type", "Status", "Owner"]])).toBeNull();
    expect(findHeaderRow([["编号", "客户", "类型", "状态", "负责人"]])).toBeNull();
  });

  it("still finds customer headers that name two fields of the form", () => {
    expect(findHeaderRow([["Name", "Phone", "Address"]])?.map.columns).toEqual({ name: 0, phone: 1, address: 2 });
    expect(findHeaderRow([["编号", "客户名称", "类型", "联系电话"]])?.map.columns).toMatchObject({ code: 0, name: 1 });
    expect(findHeaderRow([["Customer code", "Name", "Type", "Phone"]])?.index).toBe(0);
    // Headers the user mapped in the config count as the form's own.
    expect(findHeaderRow([["ID", "Name", "Kind"]], { headers: { Kind: "category", Name: "name" } })?.index).toBe(0);
  });

  it("recognises a combined header such as 联系电话/手机, and a second phone column", () => {
    const found = findHeaderRow([["客户编号", "客户名称", "联系电话/手机", "电话、手机", "手机", "备注/说明"]]);
    expect(found?.map.columns).toEqual({ code: 0, name: 1, phone: 2 });
    expect(found?.map.more).toEqual({ phone: [3, 4] });
    expect(found?.map.unknown).toEqual({ 3: "电话、手机", 4: "手机", 5: "备注/说明" });
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

  it("skips a repeated English header, and takes codes holding t or T for customers", () => {
    const values = [
      ["Customer Code", "Customer Name", "Phone"],
      ["KT001", "Tianjin Total Trading", "13812345678"],
      ["customer code", "CUSTOMER NAME", "phone"],
      ["kt002", "甲公司", "13912345678"],
    ];
    const result = readArchive(sheet(values), { today: TODAY });
    expect(result?.records.map((r) => r.code)).toEqual(["KT001", "kt002"]);
    expect(result?.skipped).toEqual([{ row: 3, reason: "repeated-header" }]);
  });

  it("never takes a customer whose name starts with a totals word for a totals row", () => {
    const names = [
      "Total Solutions 有限公司",
      "TotalEnergies China",
      "合计宝科技有限公司",
      "小计划科技有限公司",
      "总计划咨询",
    ];
    const result = read(names.map((name, i) => withCell(withCell(GOOD, "客户名称", name), "客户编号", `KH00${i}`)));
    expect(result.records.map((r) => r.name)).toEqual(names);
    expect(result.skipped).toEqual([]);
    expect(result.issues).toEqual([]);
    // Without a code it is still a customer (missing its code), not a totals row.
    const noCode = read([withCell(withCell(GOOD, "客户编号", null), "客户名称", "合计宝科技有限公司")]);
    expect(noCode.records).toHaveLength(1);
    expect(noCode.issues.map((i) => i.code)).toEqual(["required-missing"]);
  });

  it.each([
    ["合计"],
    ["合 计"],
    ["总计："],
    ["小计:"],
    ["Grand total"],
    ["Total"],
    ["ＴＯＴＡＬ"],
    ["合计：3户"],
    ["Subtotal"],
  ])("skips a totals row labelled %s", (label) => {
    expect(isTotalsLabel(label)).toBe(true);
    const inCode = read([GOOD, [label, null, null, null, null, null, 12000]]);
    const inName = read([GOOD, [null, label, null, null, null, null, 12000]]);
    for (const result of [inCode, inName]) {
      expect(result.records).toHaveLength(1);
      expect(result.skipped).toEqual([{ row: 3, reason: "totals" }]);
      expect(result.issues).toEqual([]);
    }
  });

  it("reads a customer over two rows, code and name merged down, as one customer", () => {
    const values: CellValue[][] = [
      ["客户编号", "客户名称", "联系人", "联系电话", "月均购买额"],
      ["K1", "甲公司", "王", null, 1000],
      [null, null, "李", "13812345678", null],
      ["K2", "乙公司", "赵", "13912345678", 2000],
      ["K3", "丙公司", "钱", null, 3000],
      [null, null, null, "1391234567", null],
    ];
    const merges = [
      { top: 1, left: 0, bottom: 2, right: 0 },
      { top: 1, left: 1, bottom: 2, right: 1 },
      { top: 4, left: 0, bottom: 5, right: 0 },
      { top: 4, left: 1, bottom: 5, right: 1 },
    ];
    const result = readArchive({ ...sheet(values), merges }, { today: TODAY });
    expect(result?.records.map((r) => [r.row, r.code, r.contactPerson, r.phone])).toEqual([
      [2, "K1", "王", "13812345678"],
      [4, "K2", "赵", "13912345678"],
      [5, "K3", "钱", undefined],
    ]);
    expect(result?.skipped).toEqual([
      { row: 3, reason: "continuation of row 2" },
      { row: 6, reason: "continuation of row 5" },
    ]);
    // A mistake on the continuation row is shown where it is.
    expect(result?.issues.map((i) => `${i.row}${i.column} ${i.code} ${i.value}`)).toEqual([
      "6D invalid-phone 1391234567",
    ]);
    expect(result?.unusable).toEqual({ 5: ["phone"] });
  });

  it("catches duplicate codes in a sheet numbered past KH9999, in order and out of it", () => {
    const codes = ["KH9998", "KH9999", "KH10000", "KH10001", "kh9999", "KH10000", "KH100000", "KH10001", "KH0001"];
    const result = read(codes.map((code) => withCell(GOOD, "客户编号", code)));
    expect(result.issues.map((i) => `${i.row} ${i.code} ${i.value}`)).toEqual([
      "6 duplicate-code kh9999",
      "7 duplicate-code KH10000",
      "9 duplicate-code KH10001",
    ]);
    expect(result.issues[1].message.en).toContain("repeats row 4");
  });

  it("catches duplicate codes that differ only in width or case", () => {
    const result = read([GOOD, withCell(GOOD, "客户编号", "ＫＨ001"), withCell(GOOD, "客户编号", " kh001 ")]);
    expect(result.issues.map((i) => `${i.row}${i.column} ${i.code} ${i.value}`)).toEqual([
      "3A duplicate-code ＫＨ001",
      "4A duplicate-code kh001",
    ]);
    expect(result.issues[0].message.zh).toContain("与第 2 行的 “KH001” 重复");
    expect(result.issues[1].message.en).toContain('repeats "KH001" on row 2');
    expect(result.issues[1].message.en).toContain("width or case");
  });

  it("reads satisfaction from percent-formatted cells: 100 % and 0 % included", () => {
    const col = HEADER.indexOf("客户满意度");
    const rows = [1, 0, 0.9, 1.5, 4].map((v, i) => withCell(withCell(GOOD, "客户满意度", v), "客户编号", `K${i}`));
    const percentCells = new Set([1, 2, 3, 4].map((r) => percentCellKey(r, col)));
    const result = readArchive({ ...sheet([HEADER, ...rows]), percentCells }, { today: TODAY });
    expect(result?.records.map((r) => r.satisfaction)).toEqual([100, 0, 90, undefined, 75]);
    expect(result?.issues.map((i) => `${i.row} ${i.code} ${i.value}`)).toEqual(["5 invalid-satisfaction 150%"]);
    // Without the formats (a reader that does not know them) 1 is the lowest score.
    expect(read(rows).records[0].satisfaction).toBe(0);
  });

  it("says a year typed into a date column is not a date", () => {
    const [issue] = read([withCell(GOOD, "购买日期", 2024)]).issues;
    expect(issue).toMatchObject({ code: "invalid-date", value: "2024", severity: "error" });
    expect(issue.message.zh).toContain("2024 像是年份");
    expect(issue.message.en).toContain("2024 looks like a year");
  });

  it("warns about a local number without area code, and keeps the row usable", () => {
    const result = read([withCell(GOOD, "联系电话", "88886666")]);
    expect(result.issues.map((i) => [i.row, i.column, i.code, i.severity, i.value])).toEqual([
      [2, "D", "phone-no-area-code", "warning", "88886666"],
    ]);
    expect(result.issues[0].message.zh).toContain("第 2 行 D 列（联系电话）");
    expect(result.unusable).toEqual({});
    expect(result.records[0].phone).toBe("88886666");
  });

  it("checks a second phone column too, and uses it when the first is empty", () => {
    const values = [
      ["客户编号", "客户名称", "联系电话", "手机"],
      ["K1", "甲", "0571-88886666", "13812345678"],
      ["K2", "乙", null, "13912345678"],
      ["K3", "丙", "010-12345678", "1391234567"],
    ];
    const result = readArchive(sheet(values), { today: TODAY });
    expect(result?.records.map((r) => r.phone)).toEqual(["0571-88886666", "13912345678", "010-12345678"]);
    expect(result?.records[0].extra).toEqual({ 手机: "13812345678" });
    expect(result?.issues.map((i) => `${i.row}${i.column} ${i.code}`)).toEqual(["4D invalid-phone"]);
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

describe("checkArchive", () => {
  it("finds what readArchive finds, duplicates across width and case included, and keeps no records", () => {
    const rows: CellValue[][] = [
      HEADER,
      GOOD,
      withCell(GOOD, "客户编号", "ＫＨ001"),
      [],
      withCell(withCell(GOOD, "客户编号", "KH002"), "联系电话", "12345"),
      withCell(withCell(GOOD, "客户编号", "kh002"), "购买日期", "2030-01-01"),
      withCell(GOOD, "客户编号", " KH003 "),
      ["合计", null, null, null, null, null, 36000],
    ];
    const read = readArchive(sheet(rows), { today: TODAY });
    const checked = checkArchive(sheet(rows), { today: TODAY });
    expect(read).not.toBeNull();
    expect(checked).toEqual(withoutRecords(read as NonNullable<typeof read>));
    expect(checked).not.toHaveProperty("records");
    expect(checked?.customers).toBe(5);
    expect(checked?.issues.map((i) => `${i.row}${i.column} ${i.code}`)).toEqual([
      "3A duplicate-code",
      "5D invalid-phone",
      "6A duplicate-code",
      "6I future-date",
    ]);
    expect(checked?.issues[0].message.en).toContain('repeats "KH001" on row 2');
    expect(checked?.issues[2].message.en).toContain('repeats "KH002" on row 5');
    expect(checked?.skipped).toEqual([
      { row: 4, reason: "blank" },
      { row: 8, reason: "totals" },
    ]);
  });

  it("picks and checks the customer sheet as readCustomerSheet reads it", () => {
    const notes = sheet([["说明"], ["本表记录客户信息"]], "说明");
    const customers = sheet([HEADER, GOOD, withCell(GOOD, "电子邮箱", "wang@")], "Sheet1");
    const read = readCustomerSheet([notes, customers], { today: TODAY });
    const checked = checkCustomerSheet([notes, customers], { today: TODAY });
    expect(read.ok && checked.ok).toBe(true);
    if (read.ok && checked.ok) expect(checked.archive).toEqual(withoutRecords(read.archive));
    const missing = checkCustomerSheet([notes], { today: TODAY });
    expect(missing).toEqual(readCustomerSheet([notes], { today: TODAY }));
  });
});
