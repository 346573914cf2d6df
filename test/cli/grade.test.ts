import ExcelJS from "exceljs";
import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_STANDARD } from "../../src/core/grading/default-standard";
import { standardToGrid } from "../../src/core/grading/standard-template";
import { runCli } from "../helpers/cli";
import { snapshotWorkbook, withoutColumns, type WorkbookSnapshot } from "../helpers/snapshot";
import { messyWorkbook } from "../helpers/messy-workbook";
import { sha256, tempDir, writeWorkbook } from "../helpers/workbook";

const SAMPLE = "examples/customers.xlsx";
process.env.RAPPORT_TODAY = "2026-11-25";

interface GradeJson {
  customers: {
    row: number;
    code: string;
    name: string;
    score: number;
    grade: string;
    abc: string | null;
    override: { manual: string; computed: string } | null;
    breakdown: {
      criterion: string;
      value: number | string | null;
      points: number;
      weight: number;
      missing?: "blank" | "unlisted";
    }[];
  }[];
  distribution: Record<string, unknown> & { graded: number; notGraded: number; overridden: number };
  standard: Record<string, unknown> & { source: string; where?: string };
  notGraded: {
    row: number;
    code: string;
    name: string;
    reasons: { field: string; column: string; message: { zh: string; en: string } }[];
  }[];
}

/** The letters of the columns whose header cell carries Rapport's note. */
async function rapportColumns(file: string, sheetName: string, headerRow: number): Promise<Record<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const found: Record<string, string> = {};
  wb.getWorksheet(sheetName)
    ?.getRow(headerRow)
    .eachCell((cell) => {
      const note = typeof cell.note === "string" ? cell.note : "";
      if (note.startsWith("Rapport 评级结果")) found[String(cell.value)] = cell.address.replace(/\d+$/, "");
    });
  return found;
}

/** Everything of the user's: every sheet but the roster, and the customer sheet without Rapport's columns. */
function usersPart(snap: WorkbookSnapshot, customerSheet: string, owned: string[]): WorkbookSnapshot {
  const sheets = { ...snap.sheets };
  delete sheets["客户分级目录"];
  sheets[customerSheet] = withoutColumns(sheets[customerSheet], owned);
  return { ...snap, order: snap.order.filter((n) => n !== "客户分级目录"), sheets };
}

describe("rapport grade on the bundled sample", () => {
  let run: Awaited<ReturnType<typeof runCli>>;
  let json: GradeJson;
  let before: string;
  beforeAll(async () => {
    before = await sha256(SAMPLE);
    run = await runCli("grade", SAMPLE, "--json");
    json = JSON.parse(run.stdout) as GradeJson;
  });

  it("prints exactly the documented JSON", () => {
    expect(Object.keys(json)).toEqual(["customers", "distribution", "standard", "notGraded"]);
    expect(Object.keys(json.customers[0])).toEqual([
      "row",
      "code",
      "name",
      "score",
      "grade",
      "abc",
      "override",
      "breakdown",
    ]);
    expect(Object.keys(json.customers[0].breakdown[0])).toEqual(["criterion", "value", "points", "weight"]);
    expect(json.customers[0]).toMatchObject({ row: 4, code: "KH0001", override: null });
    expect(json.customers[0].breakdown.map((b) => b.criterion)).toEqual(DEFAULT_STANDARD.criteria.map((c) => c.id));
    expect(json.standard).toMatchObject({ source: "default", grades: DEFAULT_STANDARD.grades });
    expect(Object.keys(json.distribution)).toEqual([
      "A",
      "B",
      "C",
      "D",
      "graded",
      "notGraded",
      "overridden",
      "revenue",
      "abc",
    ]);
  });

  it("grades every customer whose needed fields are usable, and says why the others are not graded", () => {
    expect(json.distribution.graded).toBe(296);
    expect(json.customers).toHaveLength(296);
    expect(json.notGraded.map((n) => `${n.row} ${n.reasons.map((r) => r.column + " " + r.field).join(",")}`)).toEqual([
      "13 AA purchaseDate",
      "33 S monthlyPurchase",
      "38 X satisfaction",
      "43 AA purchaseDate",
    ]);
    expect(json.notGraded[1].reasons[0].message.en).toContain('found "-3000"');
    // A wrong phone, e-mail or employee count does not stop grading; a duplicate code does not either.
    expect(json.customers.map((c) => c.row)).toEqual(expect.arrayContaining([8, 18, 23, 28, 53]));
  });

  it("exits 1 as validate does, because the sample has errors, and leaves the file alone", async () => {
    expect(run.code).toBe(1);
    expect(await sha256(SAMPLE)).toBe(before);
  });

  it("prints a bilingual summary for people", async () => {
    const human = await runCli("grade", SAMPLE);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain("等级 Grade");
    expect(human.stdout).toContain("A 高价值 high value");
    expect(human.stdout).toContain("未评级 Not graded (4)");
    expect(human.stdout).toContain("296 个客户已评级，4 行未评级");
    expect(human.stdout).toContain("296 customers graded, 4 rows not graded");
  });
});

describe("rapport grade --out on the sample", () => {
  let dir: string;
  let first: string;
  let owned: Record<string, string>;
  beforeAll(async () => {
    dir = await tempDir();
    first = join(dir, "graded.xlsx");
    const run = await runCli("grade", SAMPLE, "--out", first);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`wrote ${first}`);
    owned = await rapportColumns(first, "客户状况记录表", 3);
  });

  it("appends Rapport's columns after the last used column and fills them", async () => {
    expect(owned).toEqual({ 评分: "AL", 客户等级: "AM", ABC分类: "AN", 评级说明: "AO" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(first);
    const sheet = wb.getWorksheet("客户状况记录表") as ExcelJS.Worksheet;
    const json = JSON.parse((await runCli("grade", SAMPLE, "--json")).stdout) as GradeJson;
    const kh1 = json.customers[0];
    expect([sheet.getCell("AL4").value, sheet.getCell("AM4").value, sheet.getCell("AN4").value]).toEqual([
      kh1.score,
      kh1.grade,
      kh1.abc,
    ]);
    expect(String(sheet.getCell("AO4").value)).toMatch(new RegExp(`^${kh1.grade} `));
    expect(String(sheet.getCell("AO13").value)).toMatch(/^未评级：.*2024\/13\/01/);
    expect(sheet.getCell("AM13").value).toBeNull();
    // Short enough for a cell comment or a task-pane row.
    const explanations = json.customers.map((c) => String(sheet.getCell(`AO${c.row}`).value));
    expect(Math.max(...explanations.map((t) => [...t].length))).toBeLessThanOrEqual(160);
    // Blank rows and the totals row stay empty in Rapport's columns.
    expect(sheet.getCell("AM54").value).toBeNull();
    expect(sheet.getCell("AL3").style.font?.bold).toBe(true);
  });

  it("keeps every cell, formula, style, merge, width and validation of the user's as it was", async () => {
    const input = await snapshotWorkbook(SAMPLE);
    const output = await snapshotWorkbook(first);
    expect(usersPart(output, "客户状况记录表", Object.values(owned))).toEqual(input);
    expect(output.order).toEqual(["客户状况记录表", "人员", "客户分级目录"]);
  });

  it("writes the graded roster grouped by grade, with counts and revenue shares", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(first);
    const roster = wb.getWorksheet("客户分级目录") as ExcelJS.Worksheet;
    const values = (r: number) => Array.from({ length: 6 }, (_, i) => roster.getRow(r).getCell(i + 1).value);
    expect(values(1)[0]).toBe("客户分级目录");
    expect(values(4)).toEqual(["等级", "名称", "客户数", "客户占比", "月均购买额（元）合计", "金额占比"]);
    const counts = [5, 6, 7, 8].map((r) => values(r)[2] as number);
    expect(counts.reduce((a, b) => a + b)).toBe(296);
    expect(values(9).slice(0, 3)).toEqual(["合计", null, 296]);
    const texts: string[] = [];
    roster.eachRow((row) => texts.push(String(row.getCell(1).value)));
    expect(texts.filter((t) => / 级 · /.test(t)).map((t) => t.split("：")[0])).toEqual([
      "A 级 · 高价值",
      "B 级 · 中等价值",
      "C 级 · 潜在价值",
      "D 级 · 低价值",
    ]);
    expect(texts.some((t) => t.startsWith("未评级：4 行"))).toBe(true);
  });

  it("gives the same workbook when run again on its own output, and when run again on the input", async () => {
    const second = join(dir, "graded-again.xlsx");
    expect((await runCli("grade", first, "--out", second)).code).toBe(1);
    expect(await snapshotWorkbook(second)).toEqual(await snapshotWorkbook(first));
    const twice = join(dir, "graded-twice.xlsx");
    await runCli("grade", SAMPLE, "--out", twice);
    expect(await snapshotWorkbook(twice)).toEqual(await snapshotWorkbook(first));
  });
});

describe("rapport grade --out on a messy workbook", () => {
  let dir: string;
  let input: string;
  let out: string;
  let run: Awaited<ReturnType<typeof runCli>>;
  let owned: Record<string, string>;
  beforeAll(async () => {
    dir = await tempDir();
    input = await messyWorkbook(join(dir, "客户.xlsx"));
    out = join(dir, "客户-评级.xlsx");
    run = await runCli("grade", input, "--out", out, "--json");
    owned = await rapportColumns(out, "客户档案", 3);
  });

  it("keeps the user's own 客户等级 column and appends Rapport's after the last used column", async () => {
    expect(owned).toEqual({ 评分: "P", 客户等级: "Q", ABC分类: "R", 评级说明: "S" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet("客户档案") as ExcelJS.Worksheet;
    expect([sheet.getCell("N3").value, sheet.getCell("N4").value, sheet.getCell("N5").value]).toEqual([
      "客户等级",
      "甲",
      "乙",
    ]);
    expect(sheet.getCell("Q5").value).toBe("A");
    expect(sheet.getCell("P3").style.fill).toEqual(sheet.getCell("O3").style.fill);
  });

  it("applies 等级调整, refuses one that is not a grade, and skips rows with a wrong needed field", () => {
    const json = JSON.parse(run.stdout) as GradeJson;
    expect(json.customers.map((c) => [c.code, c.override?.manual ?? null])).toEqual([
      ["K001", null],
      ["K002", "A"],
      ["K003", null],
      ["K006", null],
    ]);
    expect(json.customers[1].grade).toBe("A");
    expect(json.notGraded.map((n) => [n.code, n.reasons.map((r) => `${r.column} ${r.field}`)])).toEqual([
      ["K004", ["G satisfaction"]],
      ["K005", ["M gradeOverride"]],
    ]);
    expect(json.notGraded[1].reasons[0].message.zh).toBe(
      "工作表「客户档案」第 9 行 M 列（等级调整）：填写的是 “特级”，应为 A、B、C、D（也可写 A级、高价值 等）或留空",
    );
    expect(run.code).toBe(1);
  });

  it("agrees with validate, which flags the same 等级调整 with the same message and exit code", async () => {
    const validate = await runCli("validate", input, "--json");
    expect(validate.code).toBe(1);
    const json = JSON.parse(validate.stdout) as { issues: { field: string; severity: string; message: unknown }[] };
    const found = json.issues.filter((i) => i.field === "gradeOverride");
    expect(found).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "invalid-grade",
        message: {
          zh: "工作表「客户档案」第 9 行 M 列（等级调整）：填写的是 “特级”，应为 A、B、C、D（也可写 A级、高价值 等）或留空",
          en: 'Sheet "客户档案", row 9, column M (Grade override): found "特级", expected A, B, C or D (A级, 高价值… also work) or blank',
        },
      }),
    ]);
  });

  it("keeps every cell, formula, style, merge, width, validation, note and sheet of the user's as it was", async () => {
    const before = await snapshotWorkbook(input);
    const after = await snapshotWorkbook(out);
    expect(usersPart(after, "客户档案", Object.values(owned))).toEqual(before);
    expect(after.order).toEqual(["填表说明", "客户档案", "人员", "客户分级目录"]);
    // The snapshot sees what matters: formulas, merges, validations and notes are in it.
    expect(before.sheets["客户档案"].cells.C11.formula).toBe("SUM(C4:C10)");
    expect(before.sheets["客户档案"].merges).toEqual(["A1:O1", "A2:C2"]);
    expect(before.sheets["客户档案"].cells.L4.validation).toMatchObject({ type: "list" });
    expect(before.sheets["填表说明"].cells.A2.note).toBe("主管批注：请核对");
  });

  it("gives the same workbook when run again on its output", async () => {
    const again = join(dir, "again.xlsx");
    await runCli("grade", out, "--out", again);
    expect(await snapshotWorkbook(again)).toEqual(await snapshotWorkbook(out));
  });

  it("puts the roster back where the user moved it among the sheets", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const roster = wb.getWorksheet("客户分级目录") as unknown as { orderNo: number };
    const staff = wb.getWorksheet("人员") as unknown as { orderNo: number };
    [roster.orderNo, staff.orderNo] = [staff.orderNo, roster.orderNo];
    const moved = join(dir, "moved.xlsx");
    await wb.xlsx.writeFile(moved);
    const regraded = join(dir, "moved-graded.xlsx");
    await runCli("grade", moved, "--out", regraded);
    expect((await snapshotWorkbook(regraded)).order).toEqual(["填表说明", "客户档案", "客户分级目录", "人员"]);
  });
});

describe("the grading standard", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });

  const gradeJson = async (...args: string[]) => {
    const run = await runCli("grade", ...args, "--json");
    return { run, json: run.stdout ? (JSON.parse(run.stdout) as GradeJson) : undefined };
  };

  it("is read from a 评级标准 sheet in the workbook", async () => {
    const grid = standardToGrid(DEFAULT_STANDARD);
    // Row 5 is the first criterion (月均购买额): weight in column F.
    grid[4][5] = 50;
    const file = await messyWorkbook(join(dir, "with-standard.xlsx"), (wb) => {
      const sheet = wb.addWorksheet("评级标准");
      for (const row of grid) sheet.addRow(row);
    });
    const { run, json } = await gradeJson(file);
    expect(run.stderr).toBe("");
    expect(json?.standard).toMatchObject({ source: "sheet", where: "评级标准" });
    expect(json?.customers[0].breakdown[0]).toMatchObject({ criterion: "monthly-purchase", weight: 50 });
  });

  it("names the cell of a wrong 评级标准 sheet and exits 2", async () => {
    const grid = standardToGrid(DEFAULT_STANDARD);
    grid[4][5] = "很重";
    const file = await messyWorkbook(join(dir, "bad-standard.xlsx"), (wb) => {
      const sheet = wb.addWorksheet("评级标准");
      for (const row of grid) sheet.addRow(row);
    });
    const { run } = await gradeJson(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("评级标准!F5：权重应为数字");
    expect(run.stderr).toContain('评级标准!F5: weight must be a number, found "很重"');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("is read from the config file's grading section, which wins over the sheet", async () => {
    const file = await messyWorkbook(join(dir, "config-standard.xlsx"), (wb) => {
      const sheet = wb.addWorksheet("评级标准");
      for (const row of standardToGrid(DEFAULT_STANDARD)) sheet.addRow(row);
    });
    const config = join(dir, "rapport.yaml");
    await writeFile(config, "grading:\n  grades: { A: 99, B: 90, C: 85 }\n  abc: { a: 50 }\n");
    const { json } = await gradeJson(file, "--config", config);
    expect(json?.standard).toMatchObject({ source: "config", where: config, grades: { A: 99, B: 90, C: 85 } });
    expect(json?.standard.abc).toEqual({ measure: "monthlyPurchase", a: 50, b: 95 });
    expect(json?.customers.every((c) => c.grade !== "A" || c.override)).toBe(true);
  });

  it("names the key of a wrong config and exits 2", async () => {
    const file = await messyWorkbook(join(dir, "c.xlsx"));
    const config = join(dir, "bad.yaml");
    await writeFile(
      config,
      "grading:\n  criteria:\n    - { id: x, measure: monthlyPurchase, weight: heavy, rule: { type: linear } }\n",
    );
    const { run } = await gradeJson(file, "--config", config);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("grading.criteria.0.weight");
  });

  it.each([
    [
      "rapport.yaml",
      "grading:\n  criteria:\n    - id: pay\n      measure: paymentAttitude\n      weight: 40\n      rule:\n        type: lookup\n        labels:\n          偶有拖延、有时拖延: 30\n          偶有拖延、有时拖延: 0\n",
      "grading.criteria.0.rule.labels.偶有拖延、有时拖延",
      "第 10 行第 11 列",
    ],
    [
      "rapport.json",
      '{"grading": {"grades": {"A": 80, "B": 60, "C": 40, "A": 90}}}',
      "grading.grades.A",
      "第 1 行第 52 列",
    ],
  ])("refuses a key written twice in %s, naming it, and exits 2", async (name, text, path, position) => {
    const file = await messyWorkbook(join(dir, `dup-${name}.xlsx`));
    const config = join(dir, name);
    await writeFile(config, text);
    const { run } = await gradeJson(file, "--config", config);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`中有重复的键（同一层的键只能出现一次）：${path}（${position}）`);
    expect(run.stderr).toContain(`repeats a key (each key may appear once at its level): ${path} (line`);
  });
});

describe("the JSON breakdown", () => {
  it("flags the points that came from the missing policy: a blank, or a label the standard does not list", async () => {
    const dir = await tempDir();
    const file = await writeWorkbook(join(dir, "labels.xlsx"), {
      客户: [
        ["客户编号", "客户名称", "月均购买额", "客户满意度", "付款态度"],
        ["K1", "甲公司", 50_000, null, "马马虎虎"],
        ["K2", "乙公司", 50_000, 80, "及时"],
      ],
    });
    const run = await runCli("grade", file, "--json");
    const json = JSON.parse(run.stdout) as GradeJson;
    const entry = (code: string, criterion: string) =>
      json.customers.find((c) => c.code === code)?.breakdown.find((b) => b.criterion === criterion);
    expect(entry("K1", "payment-attitude")).toEqual({
      criterion: "payment-attitude",
      value: "马马虎虎",
      points: 7.5,
      weight: 15,
      missing: "unlisted",
    });
    expect(entry("K1", "satisfaction")).toMatchObject({ value: null, missing: "blank" });
    expect(entry("K2", "payment-attitude")).toEqual({
      criterion: "payment-attitude",
      value: "及时",
      points: 15,
      weight: 15,
    });
    expect(Object.keys(entry("K1", "monthly-purchase") ?? {})).toEqual(["criterion", "value", "points", "weight"]);
  });
});

describe("rapport grade refuses what it must not do", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });

  it("never writes over its input", async () => {
    const file = join(dir, "same.xlsx");
    await copyFile(SAMPLE, file);
    const before = await sha256(file);
    const run = await runCli("grade", file, "--out", file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--out cannot be the input file itself");
    expect(await sha256(file)).toBe(before);
  });

  it("does not replace a 客户分级目录 sheet the user wrote", async () => {
    const file = await messyWorkbook(join(dir, "own-roster.xlsx"), (wb) => {
      wb.addWorksheet("客户分级目录").addRow(["我们自己的分级名册"]);
    });
    const run = await runCli("grade", file, "--out", join(dir, "x.xlsx"));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("rename it so it is not overwritten");
  });

  it("exits 0 on a sheet without errors, and 2 on a file that is not there", async () => {
    const file = await writeWorkbook(join(dir, "clean.xlsx"), {
      客户: [
        ["客户编号", "客户名称", "月均购买额", "客户满意度", "付款态度"],
        ["K1", "甲公司", 50_000, "满意", "及时"],
      ],
    });
    expect((await runCli("grade", file)).code).toBe(0);
    const missing = await runCli("grade", join(dir, "nope.xlsx"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("file not found");
  });
});
