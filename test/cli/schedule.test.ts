import ExcelJS from "exceljs";
import ICAL from "ical.js";
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CALLBACK_KINDS, SCHEDULE_COLUMNS } from "../../src/core/schedule";
import { runCli } from "../helpers/cli";
import { snapshotWorkbook } from "../helpers/snapshot";
import { sha256, tempDir, writeWorkbook } from "../helpers/workbook";

const SAMPLE = "examples/customers.xlsx";
process.env.RAPPORT_TODAY = "2026-11-20";
const PERIOD = ["--from", "2026-12-01", "--to", "2026-12-31"];

interface ScheduleJson {
  entries: {
    code: string;
    name: string;
    date: string;
    kind: string;
    window: [string, string];
    owner: string;
    category: string;
    purpose: { zh: string; en: string };
    script: string;
  }[];
  warnings: { code: string; severity: string; message: { zh: string; en: string } }[];
}

async function load(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

const statusColumn = SCHEDULE_COLUMNS.findIndex((c) => c.key === "status") + 1;
const column = (key: string) => SCHEDULE_COLUMNS.findIndex((c) => c.key === key) + 1;

describe("rapport schedule on the bundled sample", () => {
  let dir: string;
  let json: ScheduleJson;
  let code: number;
  let before: string;
  beforeAll(async () => {
    dir = await tempDir();
    before = await sha256(SAMPLE);
    const run = await runCli(
      "schedule",
      SAMPLE,
      ...PERIOD,
      "--json",
      "--out",
      join(dir, "schedule.xlsx"),
      "--ics",
      join(dir, "callbacks.ics"),
    );
    code = run.code;
    json = JSON.parse(run.stdout) as ScheduleJson;
  });

  it("prints exactly the documented JSON, sorted by date then owner", () => {
    expect(code).toBe(0);
    expect(Object.keys(json)).toEqual(["entries", "warnings"]);
    expect(json.entries.length).toBeGreaterThan(100);
    for (const e of json.entries) {
      expect(Object.keys(e)).toEqual([
        "code",
        "name",
        "date",
        "kind",
        "window",
        "owner",
        "category",
        "purpose",
        "script",
      ]);
      expect(CALLBACK_KINDS).toContain(e.kind);
      expect(e.date >= "2026-12-01").toBe(true);
      expect(e.category).toMatch(/^(解释|宣传|情感|调解|建议|指导)回访$/);
      expect(e.script).toMatch(/^您好！请问是/);
    }
    const keys = json.entries.map((e) => `${e.date}\u0000${e.owner}`);
    expect(keys).toEqual([...keys].sort());
  });

  it("plans on working days only, within the caps of the 人员 sheet, and not for 李强 during his leave", () => {
    const perDay = new Map<string, number>();
    for (const e of json.entries) {
      const day = new Date(`${e.date}T00:00:00Z`).getUTCDay();
      expect(day === 0 || day === 6).toBe(false);
      perDay.set(`${e.date} ${e.owner}`, (perDay.get(`${e.date} ${e.owner}`) ?? 0) + 1);
      if (e.owner === "李强") expect(e.date < "2026-12-21" || e.date > "2026-12-25").toBe(true);
      expect(e.owner).not.toBe("陈静"); // not on duty
    }
    const caps: Record<string, number> = { 王芳: 25, 李强: 25, 张敏: 20, 刘洋: 20 };
    for (const [key, n] of perDay) expect(n).toBeLessThanOrEqual(caps[key.split(" ")[1]]);
  });

  it("warns about the sample's rows with errors, in both languages", () => {
    expect(json.warnings.map((w) => w.code)).toContain("archive-errors");
    for (const w of json.warnings) expect(w.message.zh && w.message.en).toBeTruthy();
  });

  it("leaves the input file as it was", async () => {
    expect(await sha256(SAMPLE)).toBe(before);
  });

  it("writes the 回访计划 sheet as a table with a status list and conditional formatting", async () => {
    const workbook = await load(join(dir, "schedule.xlsx"));
    const sheet = workbook.getWorksheet("回访计划");
    if (!sheet) throw new Error("no 回访计划 sheet");
    expect(sheet.getRow(1).values).toEqual([undefined, ...SCHEDULE_COLUMNS.map((c) => c.header)]);
    expect(sheet.rowCount).toBe(json.entries.length + 1);
    const tables = sheet.getTables() as unknown as { table: { name: string; tableRef: string } }[];
    expect(tables.map((t) => t.table.name)).toEqual(["CallbackPlan"]);
    expect(tables[0].table.tableRef).toBe(`A1:R${json.entries.length + 1}`);
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model;
    const status = Object.entries(validations).find(([address]) => address.startsWith("M2"));
    expect(status?.[1]).toMatchObject({ type: "list", formulae: ['"待回访,已回访,未接通,已改期,拒绝回访,已取消"'] });
    const cf = (sheet as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] })
      .conditionalFormattings;
    expect(cf[0].ref).toBe(`A2:R${json.entries.length + 1}`);
    // Only open calls are coloured: not those already 已回访, 拒绝回访 or 已取消.
    expect(cf[0].rules.map((r) => r.formulae[0])).toEqual([
      'AND(ISNUMBER($A2),$A2<TODAY(),OR($M2="",$M2="待回访",$M2="未接通",$M2="已改期"))',
      'AND(ISNUMBER($A2),$A2=TODAY(),OR($M2="",$M2="待回访",$M2="未接通",$M2="已改期"))',
    ]);
    // Rapport's fingerprint column is there, hidden.
    expect(sheet.getCell(1, column("fingerprint")).value).toBe("Rapport校验");
    expect(sheet.getColumn(column("fingerprint")).hidden).toBe(true);
    expect(String(sheet.getCell(2, column("fingerprint")).value)).toMatch(/^r1:/);
    // No per-cell paint: the rows carry no fill of their own.
    for (const address of ["A2", "M2", `Q${json.entries.length + 1}`]) {
      const fill = sheet.getCell(address).fill as ExcelJS.FillPattern | undefined;
      expect(fill?.pattern ?? "none").toBe("none");
    }
    expect(sheet.getCell(2, column("date")).numFmt).toBe("yyyy-mm-dd");
    expect(sheet.getCell(2, statusColumn).value).toBe("待回访");
  });

  it("keeps every other sheet exactly: cells, formulas, styles, merges, widths, validations, page setup", async () => {
    const input = await snapshotWorkbook(SAMPLE);
    const output = await snapshotWorkbook(join(dir, "schedule.xlsx"));
    expect(output.order).toEqual([...input.order, "回访计划"]);
    const { 回访计划: plan, ...others } = output.sheets;
    expect(plan).toBeDefined();
    expect({ ...output, order: input.order, sheets: others }).toEqual(input);
    // The sample's sheets have no first page number of their own: exceljs must not make one up.
    for (const name of input.order) {
      expect((output.sheets[name].pageSetup as { useFirstPageNumber?: boolean }).useFirstPageNumber).toBe(false);
    }
  });

  it("writes an iCalendar file ical.js reads back: one all-day event per entry", async () => {
    const text = await readFile(join(dir, "callbacks.ics"), "utf8");
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(json.entries.length);
    expect(events.map((e) => e.startDate.toString())).toEqual(json.entries.map((e) => e.date));
    expect(events.every((e) => e.startDate.isDate)).toBe(true);
  });
});

describe("regenerating over a worked schedule", () => {
  it("keeps what staff typed exactly, refreshes the rest, and keeps the sheet's place", async () => {
    const dir = await tempDir();
    const first = join(dir, "first.xlsx");
    expect((await runCli("schedule", SAMPLE, ...PERIOD, "--out", first)).code).toBe(0);

    // Staff work on the first three rows; a user adds a sheet after the schedule and a column to it.
    const workbook = await load(first);
    const sheet = workbook.getWorksheet("回访计划");
    if (!sheet) throw new Error("no sheet");
    const worked = [2, 3, 4].map((r) => {
      sheet.getCell(r, statusColumn).value = ["已回访", "未接通", "已回访"][r - 2];
      sheet.getCell(r, column("result")).value = `结果${r}`;
      sheet.getCell(r, column("satisfaction")).value = 4;
      sheet.getCell(r, column("actualDate")).value = new Date("2026-12-01T00:00:00Z");
      sheet.getCell(r, column("notes")).value = {
        richText: [{ text: "加粗", font: { bold: true } }, { text: "备注" }],
      };
      sheet.getCell(r, column("result")).font = { italic: true };
      return sheet.getRow(r).values;
    });
    workbook.addWorksheet("我的笔记").addRow(["留着"]);
    const edited = join(dir, "edited.xlsx");
    await workbook.xlsx.writeFile(edited);

    const second = join(dir, "second.xlsx");
    const run = await runCli("schedule", edited, ...PERIOD, "--out", second);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("保留已回访 3");
    const again = await load(second);
    expect(again.worksheets.map((s) => s.name)).toEqual(["客户状况记录表", "人员", "回访计划", "我的笔记"]);
    const rows = again.getWorksheet("回访计划");
    if (!rows) throw new Error("no sheet");
    expect(rows.rowCount).toBe(sheet.rowCount);
    const kept: unknown[] = [];
    rows.eachRow((row, r) => {
      if (r > 1 && row.getCell(statusColumn).value !== "待回访") kept.push(row.values);
    });
    expect(kept).toEqual(worked);
    const italic: number[] = [];
    rows.eachRow((row) => {
      if (row.getCell(column("result")).font?.italic) italic.push(row.number);
    });
    expect(italic).toHaveLength(3);
  });

  it("refuses to overwrite a 回访计划 sheet it cannot read", async () => {
    const dir = await tempDir();
    const file = join(dir, "other.xlsx");
    await copyFile(SAMPLE, file);
    const workbook = await load(file);
    workbook.addWorksheet("回访计划").addRow(["我自己的回访记录，不是 Rapport 写的"]);
    await workbook.xlsx.writeFile(file);
    const run = await runCli("schedule", file, ...PERIOD, "--out", join(dir, "out.xlsx"));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("改名");
    expect(run.stderr).toContain("rename it first");
  });
});

describe("regeneration never erases what a person typed", () => {
  it("keeps notes, hand edits of Rapport's cells, text around the table, widths and tab colour", async () => {
    const dir = await tempDir();
    const first = join(dir, "first.xlsx");
    expect((await runCli("schedule", SAMPLE, "--from", "2026-12-01", "--to", "2026-12-15", "--out", first)).code).toBe(
      0,
    );
    const workbook = await load(first);
    const sheet = workbook.getWorksheet("回访计划");
    if (!sheet) throw new Error("no sheet");
    const last = sheet.rowCount;
    const key = (r: number) =>
      ["code", "kind", "windowFrom"].map((k) => JSON.stringify(sheet.getCell(r, column(k)).value)).join(" ");
    // Row 2 worked, with a note; row 3 only annotated; rows 4 and 5 reassigned and moved by hand.
    sheet.getCell(2, statusColumn).value = "已回访";
    sheet.getCell(2, column("result")).value = "已联系";
    sheet.getCell(2, column("result")).note = "客户要求下次上午打";
    sheet.getCell(3, column("name")).note = "新的联系人：李四";
    sheet.getCell(4, column("owner")).value = "赵敏";
    sheet.getCell(5, column("date")).value = new Date("2026-12-14T00:00:00Z");
    const edited = [2, 3, 4, 5].map(key);
    sheet.getCell("T3").value = "主管批注：本周优先投诉回访";
    sheet.getCell(`A${last + 3}`).value = "合计见上表";
    sheet.getColumn(column("name")).width = 40;
    sheet.properties.tabColor = { argb: "FFFF0000" };
    const path = join(dir, "edited.xlsx");
    await workbook.xlsx.writeFile(path);

    // A longer period: the table grows past what was typed below it.
    const second = join(dir, "second.xlsx");
    const run = await runCli("schedule", path, ...PERIOD, "--out", second);
    expect(run.code).toBe(0);
    const again = await load(second);
    const plan = again.getWorksheet("回访计划");
    if (!plan) throw new Error("no sheet");
    const rows = new Map<string, ExcelJS.Row>();
    plan.eachRow((row, r) => {
      if (r > 1)
        rows.set(
          ["code", "kind", "windowFrom"].map((k) => JSON.stringify(row.getCell(column(k)).value)).join(" "),
          row,
        );
    });
    const [worked, annotated, reassigned, moved] = edited.map((k) => rows.get(k));
    expect(worked?.getCell(column("result")).note).toBe("客户要求下次上午打");
    expect(annotated?.getCell(column("name")).note).toBe("新的联系人：李四");
    expect(annotated?.getCell(statusColumn).value).toBe("待回访");
    expect(reassigned?.getCell(column("owner")).value).toBe("赵敏");
    expect(moved?.getCell(column("date")).value).toEqual(new Date("2026-12-14T00:00:00Z"));
    expect(plan.getCell("T3").value).toBe("主管批注：本周优先投诉回访");
    const below: string[] = [];
    plan.eachRow((row, r) => {
      if (row.getCell(1).value === "合计见上表") below.push(String(r));
    });
    expect(below).toEqual([String(plan.rowCount)]);
    expect(plan.rowCount).toBeGreaterThan(last + 3);
    expect(plan.getColumn(column("name")).width).toBe(40);
    expect(plan.getColumn(column("fingerprint")).hidden).toBe(true);
    expect(plan.properties.tabColor).toEqual({ argb: "FFFF0000" });
    const tables = plan.getTables() as unknown as { table: { tableRef: string } }[];
    expect(tables.map((t) => t.table.tableRef)).toEqual([`A1:R${plan.rowCount - 3}`]);
  });

  it("the dormant rule counts calls on the sheet: December planned alone gives December planned with November", async () => {
    const dir = await tempDir();
    const november = join(dir, "november.xlsx");
    expect(
      (await runCli("schedule", SAMPLE, "--from", "2026-11-01", "--to", "2026-11-30", "--out", november)).code,
    ).toBe(0);
    const dormant = (run: { stdout: string }) =>
      (JSON.parse(run.stdout) as ScheduleJson).entries
        .filter((e) => e.kind === "dormant" && e.window[0] >= "2026-12-01")
        .map((e) => `${e.code} ${e.window.join("..")}`)
        .sort();
    const both = dormant(await runCli("schedule", SAMPLE, "--from", "2026-11-01", "--to", "2026-12-31", "--json"));
    const december = dormant(await runCli("schedule", november, ...PERIOD, "--json"));
    expect(december).toEqual(both);
    expect(dormant(await runCli("schedule", SAMPLE, ...PERIOD, "--json")).length).toBeGreaterThan(both.length);
  });
});

describe("options, settings and exit codes", () => {
  const customers = [
    ["客户编号", "客户名称", "负责人", "投诉次数", "最近投诉日期", "客户满意度"],
    ["KH001", "北京华恒科技有限公司", "王芳", 1, "2026-12-08", "不满意"],
    ["KH002", "上海恒盛贸易有限公司", "王芳", 1, "2026-12-08", "不满意"],
    ["KH003", "广州鑫瑞实业有限公司", "王芳", 1, "2026-12-08", "满意"],
  ];

  it.each([
    [["--from", "2026-13-01", "--to", "2026-12-31"], "--from"],
    [["--from", "2026-12-31", "--to", "2026-12-01"], "--to"],
    [["--from", "2026-01-01", "--to", "2030-01-01"], "3"],
  ])("bad periods exit 2 with a message in both languages (%s)", async (period, word) => {
    const run = await runCli("schedule", SAMPLE, ...period);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(word);
    expect(run.stderr.split("\n")).toHaveLength(2);
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("a missing --to is a usage error (exit 2)", async () => {
    expect((await runCli("schedule", SAMPLE, "--from", "2026-12-01")).code).toBe(2);
  });

  it("--out cannot be the input", async () => {
    const dir = await tempDir();
    const file = join(dir, "in.xlsx");
    await copyFile(SAMPLE, file);
    const run = await runCli("schedule", file, ...PERIOD, "--out", file);
    expect(run.code).toBe(2);
    expect(await sha256(file)).toBe(await sha256(SAMPLE));
  });

  it("a config mistake exits 2 naming the key", async () => {
    const dir = await tempDir();
    const config = join(dir, "rapport.yaml");
    await writeFile(config, "schedule:\n  rules:\n    dormant:\n      days: -1\n");
    const run = await runCli("schedule", SAMPLE, ...PERIOD, "--config", config);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("schedule.rules.dormant.days");
  });

  it("a 设置 or 人员 sheet mistake exits 2 naming the cell", async () => {
    const dir = await tempDir();
    const settings = await writeWorkbook(join(dir, "settings.xlsx"), {
      客户: customers,
      设置: [
        ["设置项", "值"],
        ["schedule.rules.dormant.days", "很久"],
      ],
    });
    const run = await runCli("schedule", settings, ...PERIOD);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("设置!B2");
    const staff = await writeWorkbook(join(dir, "staff.xlsx"), {
      客户: customers,
      人员: [
        ["姓名", "每日上限"],
        ["王芳", "二十"],
      ],
    });
    const bad = await runCli("schedule", staff, ...PERIOD);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("人员!B2");
  });

  it("calls that do not fit the caps exit 1 and say so; staff in the config replace the 人员 sheet", async () => {
    const dir = await tempDir();
    const file = await writeWorkbook(join(dir, "tight.xlsx"), {
      客户: customers,
      人员: [
        ["姓名", "每日上限"],
        ["王芳", 1],
      ],
      设置: [["schedule.rules.low-satisfaction.enabled", "否"]],
    });
    const run = await runCli("schedule", file, "--from", "2026-12-08", "--to", "2026-12-08", "--json");
    const out = JSON.parse(run.stdout) as ScheduleJson;
    expect(out.entries.map((e) => `${e.code} ${e.kind} ${e.date}`)).toEqual([
      "KH001 complaint 2026-12-08",
      "KH002 complaint 2026-12-09",
      "KH003 complaint 2026-12-09",
    ]);
    expect(run.code).toBe(1);
    expect(out.warnings.map((w) => w.code)).toEqual(["over-capacity"]);

    const config = join(dir, "rapport.json");
    await writeFile(config, JSON.stringify({ schedule: { dailyCap: 5, staff: [{ name: "王芳" }] } }));
    const roomy = await runCli(
      "schedule",
      file,
      "--from",
      "2026-12-08",
      "--to",
      "2026-12-08",
      "--json",
      "--config",
      config,
    );
    expect(roomy.code).toBe(0);
    expect((JSON.parse(roomy.stdout) as ScheduleJson).entries.map((e) => e.date)).toEqual([
      "2026-12-08",
      "2026-12-08",
      "2026-12-08",
    ]);
  });

  it("prints a summary table without --json", async () => {
    const run = await runCli("schedule", SAMPLE, ...PERIOD);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("回访计划 2026-12-01 至 2026-12-31");
    expect(run.stdout).toContain("Callback schedule 2026-12-01 to 2026-12-31");
    expect(run.stdout).toContain("王芳");
  });
});
