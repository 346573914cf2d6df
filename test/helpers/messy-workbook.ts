import type ExcelJS from "exceljs";
import { writeWorkbook } from "./workbook";

/** A customer file as people really keep one: several sheets, merges, formulas, styles, validations, notes. */
export async function messyWorkbook(path: string, extra?: (wb: ExcelJS.Workbook) => void): Promise<string> {
  return writeWorkbook(path, {}, (wb) => {
    wb.creator = "王芳";
    wb.created = new Date(Date.UTC(2026, 0, 5));
    wb.modified = new Date(Date.UTC(2026, 10, 1));
    const notes = wb.addWorksheet("填表说明", { properties: { tabColor: { argb: "FFFF0000" } } });
    notes.addRow(["填表说明"]).font = { bold: true, size: 14 };
    notes.mergeCells("A1:D1");
    notes.addRow(["金额单位：元", { text: "制度", hyperlink: "https://example.com/rules" }]);
    notes.addRow([{ richText: [{ text: "重点", font: { bold: true } }, { text: "客户请每月回访" }] }]);
    notes.addRow([{ formula: "COUNTA(客户档案!A4:A20)", result: 6 }]);
    notes.getColumn(1).width = 40;
    notes.getRow(3).height = 30;
    notes.getCell("A2").note = "主管批注：请核对";

    const ws = wb.addWorksheet("客户档案", { views: [{ state: "frozen", xSplit: 2, ySplit: 3 }] });
    ws.addRow(["客户资料管理档案（2026 年）"]);
    ws.mergeCells("A1:O1");
    ws.getCell("A1").alignment = { horizontal: "center" };
    ws.addRow(["编号：KF-01", null, null, "部门：客户服务部"]);
    ws.mergeCells("A2:C2");
    const header = ws.addRow([
      "客户编号",
      "客户名称",
      "月均购买额（元）",
      "最高购买金额",
      "付款态度",
      "资金周转",
      "客户满意度",
      "发展潜力",
      "购买日期",
      "最近联系日期",
      "投诉次数",
      "合作状态",
      "等级调整",
      "客户等级",
      "备注",
    ]);
    header.eachCell((c) => {
      c.font = { bold: true, color: { argb: "FF1F4E79" } };
      c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
      c.border = { bottom: { style: "medium" } };
    });
    const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const rows: ExcelJS.CellValue[][] = [
      [
        "K001",
        "杭州瑞安贸易有限公司",
        90_000,
        "¥600,000",
        "及时",
        "良好",
        "非常满意",
        "高",
        d("2021-03-05"),
        d("2026-11-01"),
        0,
        "在合作",
        null,
        "甲",
        "老客户",
      ],
      [
        "K002",
        "成都天博餐饮管理有限公司",
        "1.5万",
        40_000,
        "一般",
        "一般",
        4,
        "中",
        "2024年3月5日",
        d("2026-06-01"),
        1,
        "在合作",
        "A",
        "乙",
      ],
      [],
      [
        "K003",
        "苏州金泰电子有限公司",
        3_000,
        8_000,
        "拖延",
        "紧张",
        "不满意",
        "低",
        d("2026-01-10"),
        d("2025-12-01"),
        4,
        "在合作",
        null,
        null,
        "多次投诉",
      ],
      [
        "K004",
        "武汉中联物流有限公司",
        20_000,
        50_000,
        "及时",
        "一般",
        "120%",
        "中",
        d("2025-05-05"),
        d("2026-10-10"),
        0,
        "在合作",
      ],
      [
        "K005",
        "天津宏信实业有限公司",
        8_000,
        20_000,
        "一般",
        "良好",
        "满意",
        "高",
        d("2023-08-08"),
        d("2026-09-09"),
        0,
        "已流失",
        "特级",
      ],
      [
        "K006",
        "南京新远科技有限公司",
        { formula: "5000*3", result: 15_000 },
        30_000,
        "及时",
        "良好",
        "90%",
        "中",
        d("2024-02-02"),
        d("2026-11-20"),
        0,
        "在合作",
      ],
      ["合计", null, { formula: "SUM(C4:C10)", result: 151_000 }],
    ];
    for (const row of rows) ws.addRow(row);
    ws.getColumn(2).width = 28;
    ws.getColumn(15).width = 20;
    ws.getColumn(15).hidden = true;
    ws.getColumn(3).numFmt = "#,##0";
    for (const c of ["I", "J"]) ws.getColumn(c).numFmt = "yyyy-mm-dd";
    ws.getRow(11).font = { bold: true };
    ws.getCell("G7").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };
    ws.getCell("B4").note = "大客户，总经理亲自对接";
    for (let r = 4; r <= 10; r++)
      ws.getCell(`L${r}`).dataValidation = { type: "list", allowBlank: true, formulae: ['"在合作,已流失"'] };
    ws.addConditionalFormatting({
      ref: "K4:K10",
      rules: [
        {
          type: "cellIs",
          operator: "greaterThan",
          formulae: ["2"],
          priority: 1,
          style: { font: { color: { argb: "FF9C0006" } } },
        },
      ],
    });
    ws.autoFilter = "A3:O3";

    const staff = wb.addWorksheet("人员");
    staff.addRow(["姓名", "电话"]);
    staff.addRow(["王芳", "13900001111"]);
    staff.state = "hidden";
    extra?.(wb);
  });
}
