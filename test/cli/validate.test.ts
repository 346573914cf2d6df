import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { checkArchiveInput, readArchiveInput } from "../../src/cli/archive-input";
import { readWorkbookGrids, streamWorkbookGrids, tapMergeCells } from "../../src/cli/xlsx/read";
import { readCustomerSheet } from "../../src/core/customer-sheet";
import { percentCellKey } from "../../src/core/parse/number-format";
import type { MergedArea } from "../../src/core/types";
import { readWorkbook } from "../../src/excel/read";
import { detectCapabilities } from "../../src/excel/office";
import { FakeWorkbook } from "../helpers/fake-excel";
import { messyWorkbook } from "../helpers/messy-workbook";
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
    expect(human.stdout).toContain("300 customers, 9 errors, 1 warning, 6 rows skipped (blank/totals)");
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

/** What each real-world file must give: a reader regression changes one of these. */
type FixtureResult =
  | { kind: "legacy" }
  | { kind: "not-workbook" }
  /** No customer sheet: the sheets named in the message, and how many filled cells the whole-file reader sees. */
  | { kind: "no-header"; sheets: string; cells: number };
const LEGACY: FixtureResult = { kind: "legacy" };
const NOT_WORKBOOK: FixtureResult = { kind: "not-workbook" };
const noHeader = (sheets: string, cells: number): FixtureResult => ({ kind: "no-header", sheets, cells });

const FIXTURES: Record<string, FixtureResult> = {
  "Attendance.xlsx": noHeader("Attendance - Attendance", 223),
  "AutoFilter.xlsx": noHeader(
    "No Filter、Just Filter、One Cond、Two Cond、Top10、Bot10、Average、NE、GT、AND Bounding、OR Range",
    968,
  ),
  "DataTypesFormats.xlsx": noHeader("Sheet1", 12),
  "ErrorTypes.xlsx": noHeader("RawErrors", 108),
  "LONumbers-2010.xlsx": noHeader("Sheet1", 380),
  "LONumbers-2011.xlsx": noHeader("Sheet1", 380),
  "LONumbers.xlsx": noHeader("Sheet1", 372),
  "RkNumber.xlsx": noHeader("RkNumber", 15),
  "artifacts_wps_write.et": LEGACY,
  "artifacts_wps_write.xlsx": noHeader("Sheet1", 12),
  "author_snowman.xlsx": noHeader("Sheet1", 0),
  "cell_style_simple.xlsx": noHeader("Sheet1", 100),
  "column_width.xlsx": noHeader("Sheet1", 17),
  "comments_stress_test.xlsx": noHeader("Sheet2、Sheet1、Sheet3、Sheet4、Sheet7", 227),
  "custom_properties.xlsx": noHeader("Sheet1", 0),
  "defined_names_simple.xlsx": noHeader("Sheet1", 3),
  "defined_names_unicode.xlsx": noHeader(
    "NoContainsJapanese、日本語のみ、sheet日本語、日本語sheet、sheet日本語sheet",
    5,
  ),
  "formula_stress_test.xlsx": noHeader(
    "Database、Date、Engineering、Finance、Information、Logical、Lookup、Math、Statistical、Text",
    1854,
  ),
  "formulae_test_simple.xlsx": noHeader("Sheet1", 24),
  "freeze.xlsx": noHeader("B2、B3、A2、B1", 2),
  "hyperlink_no_rels.xlsx": noHeader("LeadSheet_Ext_COGS、23610_Accr_Ext_COGS", 1),
  "hyperlink_stress_test_2011.xlsx": noHeader("Sheet1", 7),
  "internal_link.xlsx": noHeader("Sheet1、Sheet2", 25),
  "interview.xlsx": noHeader("interview、tags", 69),
  "issue.xlsx": noHeader("test", 242),
  "large_strings.xlsx": noHeader("Large Strings、Simple、longwordslist", 56913),
  "merge_cells.xlsx": noHeader("Merge", 6),
  "metadata_2019.xlsx": noHeader("Sheet1", 35),
  "minimal_112.xlsx": noHeader("Sheet 1", 6),
  "mixed_sheets.xlsx": noHeader("survey、choices、settings", 17),
  "named_ranges_2011.xlsx": noHeader("Named Ranges、Cross-Sheet", 35),
  "number_format_entities.xlsx": noHeader("Sheet1", 2),
  "outline.xlsx": noHeader("Sheet1", 51),
  "page_margins_2016.xlsx": noHeader("Wide、Narrow、Normal、Custom 1 Inch Centered、1 Inch HF", 0),
  "phonetic_text.xlsx": noHeader("Sheet1", 2),
  "pivot_table_named_range.xlsx": noHeader("PTWithLabelFilter、FizzBuzzTable、PTTable、PTRange", 172),
  "rich_text_stress.xlsx": noHeader("Sheet1", 28),
  "row_height.xlsx": noHeader("Sheet1", 5),
  "sheet_visibility.xlsx": noHeader("Visible、Hidden、VeryHidden", 46),
  "sheet_visibility_strict.xlsx": noHeader("Visible、Hidden、VeryHidden", 46),
  "sized_boxen.xlsx": noHeader("Sheet1", 8),
  "smart_tags_2007.xlsx": noHeader("Sheet1、Sheet2、Sheet3", 7),
  "sushi.xlsx": noHeader("Sheet1", 1),
  "text_and_numbers.xlsx": noHeader("Sheet1、Sheet2、Sheet3", 9),
  "threaded_comments_none.xlsx": noHeader("Sheet1", 12),
  "wps_fn.et": LEGACY,
  "wps_fn.xls": LEGACY,
  "wps_fn.xlsx": noHeader("Sheet1", 9),
  "wps_image.xlsx": noHeader("Sheet1", 1),
  "write.xlsx": noHeader("SheetJS", 12),
  "wtf_path.xlsx": NOT_WORKBOOK,
  "xlsx-stream-d-date-cell.xlsx": noHeader("Sheet1", 32),
};

describe("rapport validate on workbooks written by other programs", () => {
  const files = readdirSync(REAL_WORLD).filter((f) => /\.(xlsx|xls|et)$/.test(f));

  it("has a pinned result for every real-world file", () => {
    expect(files.sort()).toEqual(Object.keys(FIXTURES).sort());
  });

  it.each(Object.entries(FIXTURES))("%s ends in its pinned result", async (name, expected) => {
    const run = await runCli("validate", join(REAL_WORLD, name), "--json");
    expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
    // None of these is a customer sheet: one clear line in each language naming the file, nothing on stdout.
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      new RegExp(`^rapport: ${name.replace(/[.]/g, "\\.")}.+\nrapport: ${name.replace(/[.]/g, "\\.")}.+$`),
    );
    if (expected.kind === "legacy") {
      expect(run.stderr).toContain("legacy Excel/WPS file (.xls/.et)");
    } else if (expected.kind === "not-workbook") {
      expect(run.stderr).toContain("不是有效的 .xlsx 文件");
      expect(run.stderr).toContain("is not a valid .xlsx file");
    } else {
      expect(run.stderr).toContain(`no customer header found (${expected.sheets})`);
      const grids = await readWorkbookGrids(join(REAL_WORLD, name));
      expect(grids.reduce((n, g) => n + g.values.flat().filter((c) => c !== null).length, 0)).toBe(expected.cells);
    }
  });

  // The original files, as WPS and LibreOffice wrote them, read as customer sheets through a header mapping.
  async function readAs(name: string, headers: string): Promise<ValidationJson & { code: number }> {
    const dir = await tempDir();
    const config = join(dir, "rapport.yaml");
    await writeFile(config, `headers:\n${headers}`);
    const before = await sha256(join(REAL_WORLD, name));
    const run = await runCli("validate", join(REAL_WORLD, name), "--config", config, "--json");
    expect(await sha256(join(REAL_WORLD, name))).toBe(before);
    return { ...(JSON.parse(run.stdout) as ValidationJson), code: run.code };
  }
  const found = (json: ValidationJson) => json.issues.map((i) => `${i.row}${i.column} ${i.code} ${i.value}`);

  it("reads a sheet WPS wrote: numbers, booleans, text, a date serial", async () => {
    const json = await readAs("artifacts_wps_write.xlsx", '  "1": code\n  "2": name\n  "3": purchaseDate\n');
    expect(json).toMatchObject({ code: 1, sheet: "Sheet1", headerRow: 1, rows: 3, skipped: [] });
    // Row 3's 41689 is a date (2014-02-19): no finding there.
    expect(found(json)).toEqual(["4B required-missing ", "4C invalid-date qux"]);
  });

  it("reads formulas and their cached errors as WPS wrote them", async () => {
    const json = await readAs("wps_fn.xlsx", "  Name: code\n  Example: name\n  Result: complaintCount\n");
    expect(json).toMatchObject({ code: 1, sheet: "Sheet1", headerRow: 1, rows: 2, skipped: [] });
    expect(found(json)).toEqual(["3C invalid-number #VALUE!"]);
  });

  it("reads the numbers LibreOffice wrote in every number format", async () => {
    const json = await readAs(
      "LONumbers.xlsx",
      '  General: code\n  "1": name\n  "-1.2": monthlyPurchase\n  "12.3": employees\n',
    );
    expect(json).toMatchObject({ code: 1, sheet: "Sheet1", headerRow: 1, rows: 36 });
    expect(json.skipped).toEqual([{ row: 2, reason: "repeated-header" }]);
    const counts: Record<string, number> = {};
    for (const line of found(json)) {
      const key = line.replace(/^\d+[A-Z]+ /, "");
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts).toEqual({
      "negative-number -1.2": 35,
      "invalid-number 12.3": 35,
      "duplicate-code a/p": 1,
      "duplicate-code am/pm": 1,
    });
  });
});

describe("the readers agree", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });

  // rapport validate checks without keeping records; grade, schedule and report read records. Same findings.
  it.each([
    ["the bundled sample", async () => SAMPLE],
    ["a messy workbook (merged customers, totals, repeated header)", async () => messyWorkbook(join(dir, "m.xlsx"))],
  ])("checking %s finds what reading it into records finds", async (_, make) => {
    const file = await make();
    const { archive } = await readArchiveInput(file, {});
    const { records, ...rest } = archive;
    const checked = await checkArchiveInput(file, {});
    expect(checked).toEqual({ ...rest, customers: records.length });
    expect(checked.customers).toBeGreaterThan(0);
    expect(checked.issues.length).toBeGreaterThan(0);
  });

  it("a customer over two rows (code and name merged down) gives the same findings through both readers", async () => {
    const file = await writeWorkbook(
      join(dir, "two-rows.xlsx"),
      {
        客户: [
          ["客户编号", "客户名称", "联系人", "联系电话"],
          ["K1", "甲公司", "王", "13812345678"],
          [null, null, "李", "1391234567"],
          ["K2", "乙公司", "赵", "13912345678"],
        ],
      },
      (wb) => {
        const ws = wb.getWorksheet("客户");
        ws?.mergeCells("A2:A3");
        ws?.mergeCells("B2:B3");
      },
    );
    const whole = await readWorkbookGrids(file);
    const streamed = await streamWorkbookGrids(file);
    expect(streamed[0].merges).toEqual(expect.arrayContaining(whole[0].merges as MergedArea[]));
    expect(streamed[0].merges).toHaveLength(2);
    const results = [whole, streamed].map((sheets) => {
      const result = readCustomerSheet(sheets, { today: "2026-11-25" });
      if (!result.ok) throw new Error(result.message.en);
      return result.archive;
    });
    expect(results[1].issues).toEqual(results[0].issues);
    expect(results[1].skipped).toEqual(results[0].skipped);
    expect(results[0].skipped).toEqual([{ row: 3, reason: "continuation of row 2" }]);
    expect(results[0].issues.map((i) => `${i.row}${i.column} ${i.code}`)).toEqual(["3D invalid-phone"]);
    expect(results.map((r) => r.records.map((c) => c.code))).toEqual([
      ["K1", "K2"],
      ["K1", "K2"],
    ]);
  });

  it("collects merged areas from the sheet XML wherever the chunks are cut", async () => {
    const xml =
      '<worksheet><sheetData><row r="1"/></sheetData><mergeCells count="3"><mergeCell ref="A2:A3"/>' +
      '<x:mergeCell ref="B2:C2"/><mergeCell  ref="$AA10:$AB12"/></mergeCells></worksheet>';
    const expected = [
      { top: 1, left: 0, bottom: 2, right: 0 },
      { top: 1, left: 1, bottom: 1, right: 2 },
      { top: 9, left: 26, bottom: 11, right: 27 },
    ];
    for (let cut = 1; cut < xml.length; cut += 3) {
      const merged = new Map<string, MergedArea>();
      const chunks = [
        Buffer.from(xml.slice(0, cut)),
        Buffer.from(xml.slice(cut, cut + 40)),
        Buffer.from(xml.slice(cut + 40)),
      ];
      const passed: Buffer[] = [];
      async function* source() {
        yield* chunks;
      }
      for await (const chunk of tapMergeCells(source(), merged)) passed.push(chunk as Buffer);
      expect(Buffer.concat(passed).toString()).toBe(xml);
      expect([...merged.values()], `cut at ${cut}`).toEqual(expected);
    }
  });

  it("both know which cells Excel shows as percentages (DataTypesFormats.xlsx, written by Excel)", async () => {
    const file = join(REAL_WORLD, "DataTypesFormats.xlsx");
    for (const grids of [await readWorkbookGrids(file), await streamWorkbookGrids(file)]) {
      const sheet = grids[0];
      const percentRow = sheet.values.findIndex((row) => row[0] === "Percentage");
      expect(sheet.values[percentRow][1]).toBe(0.9876);
      expect([...(sheet.percentCells ?? [])]).toEqual([percentCellKey(percentRow, 1)]);
    }
  });

  it("the Office.js adapter reads number formats of the 客户满意度 column only, and reads percentages as the CLI does", async () => {
    // A percent-formatted 满意度 (100 %, 0 %, 150 %, 92 %), a score, and a percent-formatted amount elsewhere.
    const rows: (string | number)[][] = [
      ["客户编号", "客户名称", "联系电话", "客户满意度", "最高购买金额"],
      ["K1", "甲", "13812345678", 1, 5000],
      ["K2", "乙", "13912345678", 0, -0.5],
      ["K3", "丙", "13712345678", 4, 6000],
      ["K4", "丁", "13612345678", 1.5, 7000],
      ["K5", "戊", "13512345678", 0.92, 8000],
    ];
    const percent = [
      [1, 3, "0%"],
      [2, 3, "0.0%"],
      [4, 3, "0%"],
      [5, 3, "0%"],
      [2, 4, "0%"],
    ] as const;
    const file = await writeWorkbook(join(dir, "percent-agree.xlsx"), {}, (wb) => {
      const ws = wb.addWorksheet("客户");
      for (const row of rows) ws.addRow(row);
      for (const [r, c, format] of percent) ws.getCell(r + 1, c + 1).numFmt = format;
    });
    const cli = (await readArchiveInput(file, {})).archive;

    const book = new FakeWorkbook({ 客户: rows });
    for (const [r, c, format] of percent) book.sheet("客户").numberFormats.set(`${r},${c}`, format);
    const capabilities = detectCapabilities((name, v) => book.isSetSupported(name, v));
    const read = await book.run((ctx) =>
      readWorkbook(ctx as unknown as Excel.RequestContext, {
        capabilities,
        customerSheet: "客户",
        knownSheets: ["客户"],
      }),
    );
    const pane = readCustomerSheet(read.grids, { today: "2026-11-25" });
    if (!pane.ok) throw new Error("no customer sheet");
    expect(pane.archive.records.map((r) => r.satisfaction)).toEqual([100, 0, 75, undefined, 92]);
    expect(pane.archive.records.map((r) => r.satisfaction)).toEqual(cli.records.map((r) => r.satisfaction));
    expect(pane.archive.issues).toEqual(cli.issues);
    // 150% is shown as Excel shows it; an amount is read and shown as the number it is, by both.
    expect(cli.issues.map((i) => `${i.row}${i.column} ${i.code} ${i.value}`)).toEqual([
      "3E negative-number -0.5",
      "5D invalid-satisfaction 150%",
    ]);
    // The values in one round-trip, then the number formats of D2:D6 alone.
    expect(read.syncs).toBe(2);
    expect(book.syncs[1].responseBytes).toBeLessThan(200);

    // No number in the 满意度 column: no formats to read.
    const labels = new FakeWorkbook({ 客户: rows.map((row, r) => (r ? [...row.slice(0, 3), "满意", row[4]] : row)) });
    const plain = await labels.run((ctx) =>
      readWorkbook(ctx as unknown as Excel.RequestContext, {
        capabilities,
        customerSheet: "客户",
        knownSheets: ["客户"],
      }),
    );
    expect(plain.syncs).toBe(1);
  });

  it("the Office.js adapter reads the number formats of the column the pane's mapping takes for 满意度", async () => {
    const book = new FakeWorkbook({
      客户: [
        ["客户编号", "客户名称", "联系电话", "评价", "满意度"],
        ["K1", "甲", "13812345678", 1, 4],
      ],
    });
    book.sheet("客户").numberFormats.set("1,3", "0%");
    const capabilities = detectCapabilities((name, v) => book.isSetSupported(name, v));
    const headers = { 评价: "satisfaction", 满意度: null } as const;
    const read = await book.run((ctx) =>
      readWorkbook(ctx as unknown as Excel.RequestContext, {
        capabilities,
        customerSheet: "客户",
        knownSheets: ["客户"],
        headers,
      }),
    );
    expect([...(read.grids[0].percentCells ?? [])]).toEqual([percentCellKey(1, 3)]);
  });
});

describe("rapport validate: what people type", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });

  it("reads satisfaction from percent-formatted cells, 100 % and 0 % included", async () => {
    const file = await writeWorkbook(join(dir, "percent.xlsx"), {}, (wb) => {
      const ws = wb.addWorksheet("客户");
      ws.addRow(["客户编号", "客户名称", "联系电话", "客户满意度"]);
      ws.addRow(["K1", "甲", "13812345678", 1]);
      ws.addRow(["K2", "乙", "13912345678", 0]);
      ws.addRow(["K3", "丙", "13712345678", 0.9]);
      ws.addRow(["K4", "丁", "13612345678", 1.5]);
      ws.addRow(["K5", "戊", "13512345678", "90分"]);
      for (let r = 2; r <= 5; r++) ws.getCell(`D${r}`).numFmt = "0%";
    });
    const { archive } = await readArchiveInput(file, {});
    expect(archive.records.map((r) => r.satisfaction)).toEqual([100, 0, 90, undefined, 90]);
    expect(archive.issues.map((i) => `${i.row}${i.column} ${i.code} ${i.value}`)).toEqual([
      "5D invalid-satisfaction 150%",
    ]);
  });

  it("says a year in a date column is no date, and shows what a date cell holds instead of NaN", async () => {
    const file = await writeWorkbook(join(dir, "dates.xlsx"), {}, (wb) => {
      const ws = wb.addWorksheet("客户");
      ws.addRow(["客户编号", "客户名称", "联系电话", "购买日期"]);
      ws.addRow(["K1", "甲", "13812345678", 2024]);
      ws.addRow(["K2", "乙", "13912345678", 13812345678]);
      ws.addRow(["K3", "丙", "13712345678", new Date(Date.UTC(2025, 2, 5))]);
      ws.getColumn(4).numFmt = "yyyy-mm-dd";
    });
    const run = await runCli("validate", file, "--json");
    const json = JSON.parse(run.stdout) as ValidationJson;
    expect(json.issues.map((i) => `${i.row}${i.column} ${i.code} ${i.value}`)).toEqual([
      "2D invalid-date 2024",
      "3D invalid-date 13812345678",
    ]);
    expect(json.issues[0].message.en).toContain("2024 looks like a year");
    expect(json.issues[1].message.en).toContain('found "13812345678"');
  });

  it("says a zip that holds no workbook is not a valid .xlsx", async () => {
    // A minimal zip (one stored file, no workbook inside), as a renamed .zip or .docx would be.
    const name = Buffer.from("a.txt");
    const data = Buffer.from("hi\n");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt32LE(0xd2f26b6a, 14); // CRC-32 of "hi\n"
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(10, 6);
    central.writeUInt32LE(0xd2f26b6a, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46 + name.length, 12);
    end.writeUInt32LE(30 + name.length + data.length, 16);
    const file = join(dir, "not-a-workbook.xlsx");
    await writeFile(file, Buffer.concat([local, name, data, central, name, end]));
    const run = await runCli("validate", file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("not-a-workbook.xlsx 不是有效的 .xlsx 文件");
    expect(run.stderr).toContain("not-a-workbook.xlsx is not a valid .xlsx file");
    expect(run.stderr).not.toContain("no customer header");
    await expect(streamWorkbookGrids(file)).rejects.toThrow("is not a valid .xlsx file");
  });

  it("prints every one of thousands of findings, each once, in order, with a count by kind", async () => {
    const rows: (string | null)[][] = [["客户编号", "客户名称", "联系电话", "电子邮箱", "购买日期"]];
    for (let i = 0; i < 1000; i++) rows.push([`K${i}`, `公司${i}`, `12345${i}`, `no-mail-${i}`, "2024/13/01"]);
    const file = await writeWorkbook(join(dir, "thousands.xlsx"), { 客户: rows });
    const json = JSON.parse((await runCli("validate", file, "--json")).stdout) as ValidationJson;
    expect(json.issues).toHaveLength(3000);
    const human = await runCli("validate", file);
    expect(human.code).toBe(1);
    // A finding's first line in the table starts with its row and column; the lines after it leave them blank.
    const printed = [...human.stdout.matchAll(/^│ (\d+) +│ ([A-Z]+) +│/gm)].map((m) => `${m[1]}${m[2]}`);
    expect(printed).toEqual(json.issues.map((i) => `${i.row}${i.column}`));
    for (const i of json.issues) expect(human.stdout).toContain(i.value);
    expect(human.stdout).toContain("各类问题 By code: invalid-phone 1000, invalid-email 1000, invalid-date 1000");
    expect(human.stdout.trimEnd().split("\n").at(-1)).toBe(
      'Sheet "客户", header on row 1: 1000 customers, 3000 errors, 0 warnings, 0 rows skipped (blank/totals)',
    );
  }, 60_000);

  it("counts in the summary in the singular when there is one", async () => {
    const file = await writeWorkbook(join(dir, "one.xlsx"), {
      客户: [["客户编号", "客户名称", "联系电话"], ["K1", "甲", "88886666"], [], ["K2", "乙", "13812345678"]],
    });
    const run = await runCli("validate", file);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("2 customers, 0 errors, 1 warning, 1 row skipped (blank)");
    expect(run.stdout).toContain("跳过 1 行（空行）");
    expect(run.stdout).toContain("没有区号");
  });
});

describe("rapport on the command line", () => {
  it.each([
    ["validate", "a.xlsx", "b.xlsx"],
    ["grade", "a.xlsx", "extra"],
    ["schedule", "a.xlsx", "extra", "--from", "2026-12-01", "--to", "2026-12-31"],
    ["report", "a.xlsx", "extra", "--template", "plan"],
    ["serve", "extra"],
  ])("refuses an argument too many: %s", async (...args) => {
    const run = await runCli(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("参数过多");
    expect(run.stderr).toContain("too many arguments");
  });

  it("ends quietly when the reader of its output goes away (| head)", async () => {
    const dir = await tempDir();
    const rows: (string | null)[][] = [["客户编号", "客户名称", "联系电话"]];
    for (let i = 0; i < 300; i++) rows.push([`K${i}`, `公司${i}`, "12345"]);
    const file = await writeWorkbook(join(dir, "many-findings.xlsx"), { 客户: rows });
    const { stdout, stderr } = await promisify(execFile)(
      "bash",
      ["-c", 'node bin/rapport.mjs validate "$1" | head -3; exit "${PIPESTATUS[0]}"', "--", file],
      { encoding: "utf8" },
    ).catch((e: { stdout: string; stderr: string; code: number }) => e);
    expect(stdout.split("\n")).toHaveLength(4);
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
  }, 60_000);
});
