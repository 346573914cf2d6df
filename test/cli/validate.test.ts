import ExcelJS from "exceljs";
import { readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";
import { sha256, tempDir, writeWorkbook } from "../helpers/workbook";

const SAMPLE = "examples/customers.xlsx";
const REAL_WORLD = "../shared/fixtures/real-world";
process.env.RAPPORT_TODAY = "2026-11-25";

interface ValidationJson {
  sheet: string;
  headerRow: number;
  rows: number;
  skipped: { row: number; reason: string }[];
  issues: {
    row: number;
    column: string;
    field: string;
    severity: string;
    code: string;
    value: string;
    message: { zh: string; en: string };
  }[];
}

describe("rapport validate on the bundled sample", () => {
  let run: Awaited<ReturnType<typeof runCli>>;
  let json: ValidationJson;
  let before: string;
  beforeAll(async () => {
    before = await sha256(SAMPLE);
    run = await runCli("validate", SAMPLE, "--json");
    json = JSON.parse(run.stdout) as ValidationJson;
  });

  it("prints exactly the documented JSON", () => {
    expect(Object.keys(json)).toEqual(["sheet", "headerRow", "rows", "skipped", "issues"]);
    expect(Object.keys(json.issues[0])).toEqual(["row", "column", "field", "severity", "code", "value", "message"]);
    expect(json).toMatchObject({ sheet: "客户状况记录表", headerRow: 3, rows: 300 });
  });

  it("finds the deliberate mistakes where they are, and nothing else", () => {
    const found = json.issues.map((i) => `${i.row}${i.column} ${i.code} ${i.severity}`);
    expect(found).toEqual([
      "8H invalid-phone error",
      "13AA invalid-date error",
      "18A duplicate-code error",
      "23B required-missing error",
      "28I invalid-email error",
      "33S negative-number error",
      "38X invalid-satisfaction error",
      "43AA future-date error",
      "48AB install-before-purchase warning",
      "53K invalid-number error",
    ]);
  });

  it("reports blank and totals rows as skipped", () => {
    expect(json.skipped.filter((s) => s.reason === "blank").map((s) => s.row)).toEqual([54, 105, 156, 207, 258]);
    expect(json.skipped.filter((s) => s.reason === "totals")).toHaveLength(1);
  });

  it("exits 1 because there are errors, and leaves the file as it was", async () => {
    expect(run.code).toBe(1);
    expect(await sha256(SAMPLE)).toBe(before);
  });

  it("prints a bilingual table for people", async () => {
    const human = await runCli("validate", SAMPLE);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain("行 Row");
    expect(human.stdout).toContain("2024/13/01");
    expect(human.stdout).toContain("300 个客户，9 个错误，1 个警告");
    expect(human.stdout).toContain("300 customers, 9 errors, 1 warnings");
  });
});

describe("rapport validate on messy sheets", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });

  it("reads a realistic hand-made sheet with no false findings", async () => {
    const file = await writeWorkbook(join(dir, "messy.xlsx"), {}, (wb) => {
      const notes = wb.addWorksheet("填表说明");
      notes.addRow(["请按月更新"]);
      const ws = wb.addWorksheet("客户档案");
      ws.addRow(["客户资料管理档案"]);
      ws.mergeCells("A1:H1");
      ws.addRow(["日期：2026年11月1日"]);
      ws.addRow([]);
      ws.addRow([
        "客户编码",
        "客户名称 ",
        "联系方式",
        "最高购买金额（元）",
        "月均购买额(元)",
        "满意度",
        "购买日期",
        "员工 人数",
        "备注",
      ]);
      ws.addRow([
        "K001",
        "杭州瑞安贸易有限公司",
        "０５７１－８８８８６６６６",
        "¥120,000",
        8000,
        "非常满意",
        new Date(Date.UTC(2025, 2, 5)),
        "15人",
        "重点",
      ]);
      ws.addRow([
        "K002",
        "成都天博餐饮管理有限公司",
        "+86 138 1234 5678",
        "1.5万",
        { formula: "1000*6", result: 6000 },
        4,
        "2025年3月5日",
        40,
      ]);
      ws.addRow([]);
      ws.addRow([1003, "苏州金泰电子有限公司", 13912345678, 20000, "3,000", "88%", "2025.3.5", "120"]);
      ws.addRow(["K004", "武汉中联物流有限公司", "027-87654321", "20000元", "￥2,500.50", "一般", 45721, "8 人"]);
      ws.addRow(["合计", null, null, { formula: "SUM(D5:D9)", result: 175000 }]);
    });
    const run = await runCli("validate", file, "--json");
    const json = JSON.parse(run.stdout) as ValidationJson;
    expect(json.issues).toEqual([]);
    expect(run.code).toBe(0);
    expect(json).toMatchObject({ sheet: "客户档案", headerRow: 4, rows: 4 });
    expect(json.skipped).toEqual([
      { row: 7, reason: "blank" },
      { row: 10, reason: "totals" },
    ]);
  });

  it("maps headers from a YAML config and names the wrong key of a bad one", async () => {
    const file = await writeWorkbook(join(dir, "own-headers.xlsx"), {
      客户: [
        ["编号", "客户全称", "对接电话", "地址"],
        ["K1", "甲公司", "13812345678", "北京"],
      ],
    });
    const config = join(dir, "rapport.yaml");
    await writeFile(config, "headers:\n  客户全称: name\n  对接电话: 联系电话\n");
    const run = await runCli("validate", file, "--config", config, "--json");
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as ValidationJson).rows).toBe(1);

    await writeFile(config, "headers:\n  客户全称: 公司名\n");
    const bad = await runCli("validate", file, "--config", config);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("headers.客户全称");
    expect(bad.stderr).toContain('unknown field "公司名"');
  });

  it.each([
    ["missing.xlsx", null, "file not found"],
    ["empty.xlsx", "", "is empty"],
    ["notes.xlsx", "just text, not a workbook", "is not an .xlsx workbook"],
    ["broken.xlsx", "PK\u0003\u0004 truncated zip", "damaged or not a valid .xlsx"],
  ])("exits 2 with one clear line for %s", async (name, content, message) => {
    const file = join(dir, name);
    if (content !== null) await writeFile(file, content, "latin1");
    const run = await runCli("validate", file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  });

  it("tells the user to save a legacy .xls or .et as .xlsx", async () => {
    for (const name of ["wps_fn.xls", "wps_fn.et"]) {
      const run = await runCli("validate", join(REAL_WORLD, name));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("另存为");
      expect(run.stderr).toContain("save it as .xlsx");
    }
  });

  it("exits 2 when the named sheet is not there", async () => {
    const run = await runCli("validate", SAMPLE, "--sheet", "不存在");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("客户状况记录表、人员");
  });

  it("reads the same cells through the streaming reader as through the whole-file reader", async () => {
    const { streamWorkbookGrids, readWorkbookGrids } = await import("../../src/cli/xlsx/read");
    const streamed = await streamWorkbookGrids(SAMPLE);
    const whole = await readWorkbookGrids(SAMPLE);
    expect(streamed.map((s) => s.name)).toEqual(whole.map((s) => s.name));
    // Same cells row by row, trailing empty cells aside (the streaming reader cannot know the sheet's width).
    const trim = (row: unknown[]) => row.slice(0, row.findLastIndex((c) => c !== null) + 1);
    expect(streamed[0].values.map(trim)).toEqual(whole[0].values.map(trim));
  });
});

describe("rapport validate on workbooks written by other programs", () => {
  const files = readdirSync(REAL_WORLD).filter((f) => /\.(xlsx|xls|et)$/.test(f));
  it.each(files)("%s ends in a clear result", async (name) => {
    const run = await runCli("validate", join(REAL_WORLD, name), "--json");
    expect([0, 1, 2]).toContain(run.code);
    expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
    if (run.code === 2) {
      expect(run.stderr).toMatch(/^rapport: .+\nrapport: .+$/);
      expect(run.stdout).toBe("");
    } else {
      const json = JSON.parse(run.stdout) as ValidationJson;
      expect(json.rows).toBeGreaterThanOrEqual(0);
    }
  });

  it("reads a Chinese sheet saved by WPS and by LibreOffice", async () => {
    // These programs write their own XML; a customer sheet copied into such a file must still be found.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(REAL_WORLD, "artifacts_wps_write.xlsx"));
    const ws = workbook.addWorksheet("客户");
    ws.addRow(["客户编号", "客户名称", "联系电话", "购买日期"]);
    ws.addRow(["K1", "甲公司", "13812345678", "2025/3/5"]);
    const dir = await tempDir();
    const file = join(dir, "wps-plus.xlsx");
    await workbook.xlsx.writeFile(file);
    const run = await runCli("validate", file, "--json");
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as ValidationJson).sheet).toBe("客户");
  });
});
