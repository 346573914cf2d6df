// Generates examples/customers.xlsx: a realistic customer archive (客户状况记录表) as a Chinese customer-service
// team keeps it, with the mess real sheets have and a handful of deliberate mistakes for `rapport validate`.
// Deterministic: the same seed always writes the same customers.  Usage: npm run sample [-- OUT.xlsx [COUNT]]
import ExcelJS from "exceljs";
import { addMistakes, AS_OF, HEADERS, sampleRows } from "./sample-data";

const OUT = process.argv[2] ?? "examples/customers.xlsx";
const COUNT = Number(process.argv[3] ?? 300);

async function main(): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Rapport sample";
  workbook.created = new Date("2026-11-20T00:00:00Z");
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet("客户状况记录表", { views: [{ state: "frozen", ySplit: 3 }] });

  sheet.addRow(["客户状况记录表（客户资料管理档案）"]);
  sheet.mergeCells(1, 1, 1, HEADERS.length);
  sheet.getCell("A1").font = { bold: true, size: 16 };
  sheet.getCell("A1").alignment = { horizontal: "center" };
  sheet.addRow([`填表日期：${AS_OF.replace(/-/g, ".")}　　编号：KF-JL-001　　部门：客户服务部`]);
  sheet.mergeCells(2, 1, 2, 8);
  const header = sheet.addRow(HEADERS);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    c.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } };
  });

  const rows = sampleRows(COUNT);
  addMistakes(rows);
  rows.forEach((values, i) => {
    sheet.addRow(values);
    // People leave blank rows between blocks of customers.
    if ((i + 1) % 50 === 0 && i + 1 < rows.length) sheet.addRow([]);
  });
  const first = 4;
  const last = sheet.rowCount;
  sheet.addRow([
    "合计",
    `${COUNT} 户`,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    { formula: `SUM(R${first}:R${last})` },
    { formula: `SUM(S${first}:S${last})` },
    { formula: `SUM(T${first}:T${last})` },
  ]);
  sheet.lastRow!.font = { bold: true };

  const dateColumns = [
    "购买日期",
    "安装调试日期",
    "最近维修日期",
    "最近投诉日期",
    "最近提案日期",
    "最近联系日期",
    "流失日期",
  ];
  for (const name of dateColumns) sheet.getColumn(HEADERS.indexOf(name) + 1).numFmt = "yyyy-mm-dd";
  for (const name of ["最高购买金额（元）", "月均购买额（元）", "年购买额（元）"])
    sheet.getColumn(HEADERS.indexOf(name) + 1).numFmt = "#,##0";
  sheet.getColumn(HEADERS.indexOf("联系电话") + 1).numFmt = "@";
  HEADERS.forEach((h, i) => (sheet.getColumn(i + 1).width = Math.max(10, Math.min(36, h.length * 2.2))));
  sheet.getColumn(2).width = 30;
  sheet.getColumn(4).width = 32;
  sheet.getColumn(HEADERS.indexOf("合作状态") + 1).eachCell((cell, row) => {
    if (row > 3) cell.dataValidation = { type: "list", allowBlank: true, formulae: ['"在合作,已流失"'] };
  });

  // The team's staff list (人员), read by the callback scheduler.
  const staff = workbook.addWorksheet("人员");
  staff.addRow(["姓名", "电话", "在岗", "休假开始", "休假结束", "每日上限"]);
  staff.addRow(["王芳", "13900001111", "是", null, null, 25]);
  staff.addRow(["李强", "13900002222", "是", new Date("2026-12-21T00:00:00Z"), new Date("2026-12-25T00:00:00Z"), 25]);
  staff.addRow(["张敏", "13900003333", "是", null, null, 20]);
  staff.addRow(["刘洋", "13900004444", "是", null, null, 20]);
  staff.addRow(["陈静", "13900005555", "否", null, null, 20]);
  staff.getRow(1).font = { bold: true };

  await workbook.xlsx.writeFile(OUT);
  console.log(`wrote ${OUT}: ${COUNT} customers`);
}

await main();
