// The Office.js adapter against a faithful fake Excel: what each action writes, that it never touches the user's
// cells, its round-trips and request sizes, and every refusal (protection, cell-edit mode, not a customer sheet).
// Everything runs twice: on the newest Excel and on ExcelApi 1.7 (the manifest's minimum), where the fake fails
// any newer call with ApiNotFound as Excel does.
import { beforeAll, describe, expect, it } from "vitest";
import { readCustomerSheet } from "../../src/core/customer-sheet";
import { DEFAULT_STANDARD, gradeArchive, notGradedCells, resultCells } from "../../src/core/grading";
import { rosterRows } from "../../src/core/grading/roster";
import { OWNED_SHEETS } from "../../src/core/owned";
import { mergeSchedule, readScheduleSheet, scheduleSheetRows, SCHEDULE_COLUMNS } from "../../src/core/schedule";
import type { SheetGrid } from "../../src/core/types";
import { describeActionError, type ActionError } from "../../src/excel";
import { clearMarks, MAX_SINGLE_RANGE_MARKS, validateWorkbook } from "../../src/excel/validate";
import { gradeWorkbook, RESULT_NOTE } from "../../src/excel/grade";
import { fillCallbacks } from "../../src/excel/schedule";
import { detectArchive } from "../../src/excel/detect";
import { detectCapabilities, MIN_CAPABILITIES, type ExcelCapabilities } from "../../src/excel/office";
import { NOTE_MARK } from "../../src/excel/findings";
import type { ActionOptions } from "../../src/excel/common";
import {
  FakeSheet,
  FakeWorkbook,
  LATEST_EXCEL_API,
  MIN_EXCEL_API,
  parseAddress,
  RESPONSE_LIMIT_BYTES,
  type FakeCell,
  type FakeRequestContext,
  type FakeWorkbookOptions,
} from "../helpers/fake-excel";
import { fakeFromGrids as fakeAt, grownGrids, sampleGrids, snapshotCells } from "../helpers/excel-fixtures";

const TODAY = "2026-11-25";
const SHEET = "客户状况记录表";
let grids: SheetGrid[];

beforeAll(async () => {
  grids = await sampleGrids();
});

/** The ExcelApi minor version of the Excel the tests of the current block run on. */
let api = LATEST_EXCEL_API;
let caps: ExcelCapabilities;

/** What the pane detects on that Excel. */
function capabilitiesAt(version: number): ExcelCapabilities {
  const probe = new FakeWorkbook({}, { excelApi: version });
  return detectCapabilities((name, v) => probe.isSetSupported(name, v));
}

function fakeFromGrids(list: readonly SheetGrid[], extra: FakeWorkbookOptions = {}): FakeWorkbook {
  return fakeAt(list, { excelApi: api, ...extra });
}

function newBook(sheets: Record<string, readonly (readonly (FakeCell | null)[])[]>): FakeWorkbook {
  return new FakeWorkbook(sheets, { excelApi: api });
}

function options(extra: Partial<ActionOptions> = {}): ActionOptions {
  return { today: TODAY, capabilities: caps, ...extra };
}

function run<T>(book: FakeWorkbook, action: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
  return book.run((ctx: FakeRequestContext) => action(ctx as unknown as Excel.RequestContext));
}

async function failure(promise: Promise<unknown>): Promise<ActionError> {
  try {
    await promise;
  } catch (e) {
    return describeActionError(e);
  }
  throw new Error("expected the action to fail");
}

/** Every cell of the customer sheet except Rapport's own columns (given 0-based), to compare before and after. */
function userCells(sheet: FakeSheet, ownColumns: number[] = []): unknown[][] {
  return trimmed(snapshotCells(sheet).map((row) => row.filter((_, c) => !ownColumns.includes(c))));
}

function trimmed(rows: unknown[][]): unknown[][] {
  return rows.map((r) => {
    const out = r.map((v) => (v === "" ? null : v));
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  });
}

describe.each([
  { label: "the newest Excel", version: LATEST_EXCEL_API },
  { label: "ExcelApi 1.7", version: MIN_EXCEL_API },
])("on $label", ({ version }) => {
  beforeAll(() => {
    api = version;
    caps = capabilitiesAt(version);
  });

  describe("validate", () => {
    it("marks invalid cells with Rapport's conditional formats and notes, lists every finding, touches no user cell", async () => {
      const book = fakeFromGrids(grids);
      const before = userCells(book.sheet(SHEET));
      const out = await run(book, (ctx) => validateWorkbook(ctx, options()));
      expect(out.sheet).toBe(SHEET);
      expect(out.headerRow).toBe(3);
      expect(out.rows).toBe(300);
      const core = readCustomerSheet(grids, { today: TODAY });
      if (!core.ok) throw new Error("sample has no customer sheet");
      expect(out.issues).toEqual(core.archive.issues);
      expect(out.errors).toBeGreaterThan(0);

      const sheet = book.sheet(SHEET);
      expect(userCells(sheet)).toEqual(before);
      const marks = sheet.conditionalFormats;
      expect(marks.length).toBeGreaterThan(0);
      // One conditional format per severity where Excel takes many areas at once (1.9); else one per run of cells.
      if (caps.rangeAreas) expect(marks.length).toBeLessThanOrEqual(2);
      else expect(marks.length).toBe(new Set(marks.map((m) => m.ranges)).size);
      expect(out.unmarked).toBe(0);
      const marked = marks.flatMap((m) => m.ranges.split(","));
      for (const issue of core.archive.issues.filter((i) => i.column)) {
        expect(marked).toContain(`${issue.column}${issue.row}`);
      }
      expect(sheet.notes.size).toBe(out.notes);
      for (const content of sheet.notes.values()) expect(content.startsWith(NOTE_MARK)).toBe(true);

      const findings = book.sheet(OWNED_SHEETS.findings);
      expect(findings.values.length).toBe(core.archive.issues.length + 1);
      const first = core.archive.issues.find((i) => i.column) as (typeof core.archive.issues)[number];
      const row = findings.values.findIndex((r) => r[0] === `${first.column}${first.row}`);
      expect(findings.formulas.get(`${row},0`)).toBe(
        `=HYPERLINK("#'${SHEET}'!${first.column}${first.row}","${first.column}${first.row}")`,
      );
      // Request count does not depend on the data: read (2, and 1 for the 客户满意度 column's number formats), write
      // (1), remember the marks (1).
      expect(out.syncs).toBe(book.syncCount);
      expect(book.syncCount).toBeLessThanOrEqual(5);
    });

    it("a second run replaces its own marks and notes and never a note the user wrote", async () => {
      const book = fakeFromGrids(grids);
      const first = await run(book, (ctx) => validateWorkbook(ctx, options()));
      const sheet = book.sheet(SHEET);
      const marks = sheet.conditionalFormats.length;
      // The user's own conditional format stays through every run.
      sheet.conditionalFormats.push({
        id: "{USER}",
        type: "Custom",
        ranges: "B4:B9",
        formula: "=B4>0",
        fill: "#00FF00",
        fontColor: null,
      });
      const cells = [...sheet.notes.keys()];
      // The user writes their own note on a cell Rapport had noted (Excel with notes), and another elsewhere.
      if (caps.notes) sheet.notes.set(cells[0], "客户说下周补资料");
      sheet.notes.set("A1", "标题备注");
      const second = await run(book, (ctx) => validateWorkbook(ctx, options()));
      expect(second.issues).toEqual(first.issues);
      expect(sheet.conditionalFormats.length).toBe(marks + 1);
      expect(sheet.conditionalFormats.filter((c) => c.id === "{USER}").length).toBe(1);
      if (caps.notes) {
        expect(sheet.notes.get(cells[0])).toBe("客户说下周补资料");
        expect([...sheet.notes.values()].filter((n) => n.startsWith(NOTE_MARK)).length).toBe(first.notes - 1);
      }
      expect(sheet.notes.get("A1")).toBe("标题备注");

      const removed = await run(book, (ctx) => clearMarks(ctx, options()));
      expect(removed).toBe(marks);
      expect(sheet.conditionalFormats.map((c) => c.id)).toEqual(["{USER}"]);
      expect([...sheet.notes.values()].sort()).toEqual(
        caps.notes ? ["客户说下周补资料", "标题备注"].sort() : ["标题备注"],
      );
    });

    it("writes findings whose values look like formulas, numbers or dates as text", async () => {
      const book = newBook({
        客户: [
          ["客户编号", "客户名称", "联系电话", "购买日期", "联系人"],
          ["C1", "甲公司", "+86 123", "2024-13-01", "张三"],
          ["C2", "乙公司", "=1+1", "0099", "李四"],
        ],
      });
      const out = await run(book, (ctx) => validateWorkbook(ctx, options()));
      const findings = book.sheet(OWNED_SHEETS.findings);
      const values = findings.values.slice(1).map((r) => r[6]);
      expect(values).toEqual(expect.arrayContaining(["+86 123", "2024-13-01", "=1+1"]));
      expect(out.issues.length).toBe(findings.values.length - 1);
      for (let r = 1; r < findings.values.length; r++) {
        const value = String(findings.values[r][6]);
        if (/^[=+0-9]/.test(value)) expect(findings.numberFormats.get(`${r},6`)).toBe("@");
        expect(findings.formulas.has(`${r},6`)).toBe(false);
      }
    });

    it("works without notes, merged areas and multi-area ranges (older Excel)", async () => {
      const old: ExcelCapabilities = MIN_CAPABILITIES;
      const book = fakeFromGrids(grids);
      const out = await run(book, (ctx) => validateWorkbook(ctx, options({ capabilities: old })));
      const sheet = book.sheet(SHEET);
      expect(sheet.notes.size).toBe(0);
      expect(out.notes).toBe(0);
      // One conditional format per range when Excel cannot take several ranges at once.
      expect(sheet.conditionalFormats.length).toBe(out.marked);
    });
  });

  describe("grade", () => {
    it("writes 评分/客户等级/ABC分类/评级说明 and the 客户分级目录 exactly as the core lays them out", async () => {
      const book = fakeFromGrids(grids);
      const before = userCells(book.sheet(SHEET));
      const out = await run(book, (ctx) => gradeWorkbook(ctx, options()));
      expect(out.columns).toEqual(["AL", "AM", "AN", "AO"]);
      expect(out.standard).toBe("default");

      const core = readCustomerSheet(grids, { today: TODAY });
      if (!core.ok) throw new Error("sample has no customer sheet");
      const outcome = gradeArchive(core.archive, DEFAULT_STANDARD, { today: TODAY });
      const sheet = book.sheet(SHEET);
      expect(sheet.grid({ row: 2, col: 37, rows: 1, cols: 4 })[0]).toEqual(["评分", "客户等级", "ABC分类", "评级说明"]);
      for (const r of outcome.results) {
        expect(sheet.grid({ row: r.row - 1, col: 37, rows: 1, cols: 4 })[0]).toEqual(resultCells(r));
      }
      for (const n of outcome.notGraded) {
        expect(sheet.grid({ row: n.row - 1, col: 37, rows: 1, cols: 4 })[0]).toEqual(
          notGradedCells(n).map((v) => v ?? ""),
        );
      }
      expect(userCells(sheet, [37, 38, 39, 40])).toEqual(before);
      // Rapport's note on its headers needs ExcelApi 1.18.
      expect(sheet.notes.get("AL3")).toBe(caps.notes ? RESULT_NOTE : undefined);

      const roster = book.sheet(OWNED_SHEETS.roster);
      const expected = rosterRows(outcome, {
        today: TODAY,
        customerSheet: SHEET,
        standardSource: "默认标准",
        standard: DEFAULT_STANDARD,
        records: core.archive.records,
      });
      expect(trimmed(roster.values)).toEqual(trimmed(expected.map((r) => r.cells)));
      // The 评级说明 went as references and became text inside Excel: nothing on the roster refers back.
      expect(roster.formulas.size).toBe(0);
      expect(roster.notes.get("A1")?.startsWith("由 Rapport 生成") ?? !caps.notes).toBe(true);
      // Read (1), the 客户满意度 column's number formats (1), write (1), copy the explanations into the roster (1).
      expect(book.syncCount).toBeLessThanOrEqual(4);
    });

    it("finds its columns again on a second run, and leaves a 客户等级 column the user fills by hand alone", async () => {
      const book = fakeFromGrids(grids);
      await run(book, (ctx) => gradeWorkbook(ctx, options()));
      const again = await run(book, (ctx) => gradeWorkbook(ctx, options()));
      expect(again.columns).toEqual(["AL", "AM", "AN", "AO"]);

      // A workbook where the user keeps their own 客户等级 column (filled) and prepared an empty 评分 column.
      const rows: (FakeCell | null)[][] = [
        ["客户编号", "客户名称", "联系人", "联系电话", "月均购买额", "客户等级", "评分"],
        ["C1", "甲公司", "张三", "13812345678", 50000, "A", null],
        ["C2", "乙公司", "李四", "13912345678", 1000, "C", null],
      ];
      const own = newBook({ 客户: rows });
      const out = await run(own, (ctx) => gradeWorkbook(ctx, options()));
      expect(out.columns).toEqual(["G", "H", "I", "J"]);
      const sheet = own.sheet("客户");
      expect(sheet.grid({ row: 1, col: 5, rows: 2, cols: 1 })).toEqual([["A"], ["C"]]);
      expect(sheet.text("H1")).toBe("客户等级");
    });

    it("recognises columns a CLI run marked with its note", async () => {
      const rows: (FakeCell | null)[][] = [
        ["客户编号", "客户名称", "联系人", "联系电话", "月均购买额", "评分", "客户等级", "ABC分类", "评级说明"],
        ["C1", "甲公司", "张三", "13812345678", 50000, 80, "A", "A", "旧说明"],
      ];
      const book = newBook({ 客户: rows });
      for (const c of ["F1", "G1", "H1", "I1"]) book.sheet("客户").notes.set(c, RESULT_NOTE);
      const out = await run(book, (ctx) => gradeWorkbook(ctx, options()));
      if (caps.notes) {
        expect(out.columns).toEqual(["F", "G", "H", "I"]);
        expect(book.sheet("客户").text("I2")).not.toBe("旧说明");
      } else {
        // Without notes (before ExcelApi 1.18) the filled columns cannot be told from the user's: left alone.
        expect(out.columns).toEqual(["J", "K", "L", "M"]);
        expect(book.sheet("客户").text("I2")).toBe("旧说明");
      }
    });

    it("reads the 评级标准 sheet, and says which cell is wrong when it cannot", async () => {
      const book = fakeFromGrids([
        ...grids,
        { name: "评级标准", firstRow: 1, firstColumn: 1, values: [["评分项目", "名称"], ["x"]] },
      ]);
      const error = await failure(run(book, (ctx) => gradeWorkbook(ctx, options())));
      expect(error.code).toBe("standard-invalid");
      expect(error.text.zh).toContain("评级标准");
      expect(book.findSheet(OWNED_SHEETS.roster)).toBeUndefined();
    });

    it("keeps the number of round-trips constant and every request under the limit as the rows grow", async () => {
      const sizes: number[] = [];
      for (const copies of [1, 20]) {
        const sheet = grids[0];
        const body = sheet.values.slice(3);
        const values = [...sheet.values.slice(0, 3)];
        for (let i = 0; i < copies; i++) {
          for (const row of body) values.push(row.map((v, c) => (c === 0 && typeof v === "string" ? `${v}-${i}` : v)));
        }
        const book = fakeFromGrids([{ ...sheet, values }], { requestLimitBytes: 1024 * 1024 });
        const known = [sheet.name];
        if (copies > 1) {
          // Everything in one request is refused by Excel on the web, with a message saying why.
          const error = await failure(
            run(book, (ctx) =>
              gradeWorkbook(ctx, options({ sheet: sheet.name, knownSheets: known, budgetBytes: 8 << 20 })),
            ),
          );
          expect(error.code).toBe("too-large");
        }
        const fresh = fakeFromGrids([{ ...sheet, values }], { requestLimitBytes: 1024 * 1024 });
        await run(fresh, (ctx) =>
          gradeWorkbook(ctx, options({ sheet: sheet.name, knownSheets: known, budgetBytes: 800 * 1024 })),
        );
        expect(fresh.largestRequestBytes).toBeLessThan(1024 * 1024);
        sizes.push(fresh.syncCount);
        // With a desktop-sized budget the count is the same whatever the rows: one read, the 客户满意度 column's
        // number formats, one write.
        const desktop = fakeFromGrids([{ ...sheet, values }], { requestLimitBytes: Infinity });
        await run(desktop, (ctx) =>
          gradeWorkbook(ctx, options({ sheet: sheet.name, knownSheets: known, budgetBytes: 1 << 30 })),
        );
        expect(desktop.syncCount).toBe(3);
      }
      expect(sizes[1]).toBeGreaterThan(sizes[0]);
    });
  });

  describe("formatting by range, never by cell", () => {
    it("Validate and Grade make as many format operations on 10,000 rows as on 1,000", async () => {
      const counts: Record<string, number[]> = { validate: [], grade: [], marks: [] };
      for (const rows of [1_000, 10_000]) {
        const list = await grownGrids(rows);
        const known = list.map((g) => g.name);
        const opts = options({ sheet: list[0].name, knownSheets: known });
        const v = fakeFromGrids(list);
        const out = await run(v, (ctx) => validateWorkbook(ctx, opts));
        const ops = (book: FakeWorkbook) => book.sheets.reduce((n, sh) => n + sh.formatOps.length, 0);
        counts.validate.push(ops(v));
        counts.marks.push(v.sheet(SHEET).conditionalFormats.length);
        // Many invalid cells, each marked (or, on older Excel, counted as left unmarked).
        expect(out.marked + out.unmarked).toBeGreaterThan(rows / 100);
        const g = fakeFromGrids(list);
        await run(g, (ctx) => gradeWorkbook(ctx, opts));
        counts.grade.push(ops(g));
      }
      expect(counts.validate[1]).toBe(counts.validate[0]);
      expect(counts.grade[1]).toBe(counts.grade[0]);
      expect(counts.validate[0]).toBeLessThan(50);
      expect(counts.grade[0]).toBeLessThan(200);
      // Conditional formats: a few multi-area ones (ExcelApi 1.9), or at most MAX_SINGLE_RANGE_MARKS.
      expect(Math.max(...counts.marks)).toBeLessThanOrEqual(caps.rangeAreas ? 60 : MAX_SINGLE_RANGE_MARKS);
    });
  });

  describe("many separate wrong cells", () => {
    it("marks them with few conditional formats, or at most MAX_SINGLE_RANGE_MARKS before ExcelApi 1.9", async () => {
      const rows: (FakeCell | null)[][] = [["客户编号", "客户名称", "联系人", "联系电话"]];
      // 600 wrong phone numbers, each alone in its column (every other row): 600 separate runs of cells.
      for (let i = 0; i < 1200; i++) rows.push([`C${i}`, `客户${i}`, "张三", i % 2 ? "13812345678" : "12345"]);
      const book = newBook({ 客户: rows });
      const out = await run(book, (ctx) => validateWorkbook(ctx, options()));
      const marks = book.sheet("客户").conditionalFormats.length;
      expect(out.marked + out.unmarked).toBe(600);
      if (caps.rangeAreas) {
        expect(out.unmarked).toBe(0);
        expect(marks).toBeLessThanOrEqual(5);
      } else {
        expect(marks).toBe(MAX_SINGLE_RANGE_MARKS);
        expect(out.unmarked).toBe(600 - MAX_SINGLE_RANGE_MARKS);
      }
      // Every finding is on the 校验结果 sheet all the same.
      expect(book.sheet(OWNED_SHEETS.findings).values.length - 1).toBe(out.issues.length);
    });
  });

  describe("marks on another sheet", () => {
    it("Validate on another customer sheet removes the marks and notes of the first; Clear marks removes all", async () => {
      const second = { ...grids[0], name: "客户2" };
      const book = fakeFromGrids([...grids, second]);
      const first = await run(book, (ctx) => validateWorkbook(ctx, options({ sheet: SHEET })));
      const a = book.sheet(SHEET);
      expect(a.conditionalFormats.length).toBeGreaterThan(0);
      expect(a.notes.size).toBe(first.notes);
      a.notes.set("A1", "用户的批注");
      await run(book, (ctx) => validateWorkbook(ctx, options({ sheet: "客户2" })));
      expect(a.conditionalFormats).toEqual([]);
      expect([...a.notes.values()]).toEqual(["用户的批注"]);
      const b = book.sheet("客户2");
      expect(b.conditionalFormats.length).toBe(first.marked && caps.rangeAreas ? 2 : b.conditionalFormats.length);
      expect(b.conditionalFormats.length).toBeGreaterThan(0);

      // The marked sheet renamed: its marks are still found (by the worksheet's id) and replaced, not doubled.
      b.name = "客户 二";
      const count = b.conditionalFormats.length;
      await run(book, (ctx) => validateWorkbook(ctx, options({ sheet: "客户 二" })));
      expect(b.conditionalFormats.length).toBe(count);
      b.name = "客户三";
      const removed = await run(book, (ctx) => clearMarks(ctx, options()));
      expect(removed).toBe(count);
      expect(b.conditionalFormats).toEqual([]);
      expect([...b.notes.values()].filter((n) => n.startsWith(NOTE_MARK))).toEqual([]);
      expect(JSON.parse(String(book.settings.get("rapport.state")))).toEqual({});
    });

    it("removes marks remembered by an earlier version (one sheet, no id)", async () => {
      const book = fakeFromGrids(grids);
      const out = await run(book, (ctx) => validateWorkbook(ctx, options()));
      const ids = book.sheet(SHEET).conditionalFormats.map((c) => c.id);
      const cells = [...book.sheet(SHEET).notes.keys()];
      book.settings.set(
        "rapport.state",
        JSON.stringify({ marks: { sheet: SHEET, ids }, notes: { sheet: SHEET, cells } }),
      );
      expect(await run(book, (ctx) => clearMarks(ctx, options()))).toBe(ids.length);
      expect(book.sheet(SHEET).conditionalFormats).toEqual([]);
      expect(book.sheet(SHEET).notes.size).toBe(0);
      expect(out.marked).toBeGreaterThan(0);
    });

    it("leaves the marks on a sheet protected since, and remembers them", async () => {
      const second = { ...grids[0], name: "客户2" };
      const book = fakeFromGrids([...grids, second]);
      await run(book, (ctx) => validateWorkbook(ctx, options({ sheet: SHEET })));
      const before = book.sheet(SHEET).conditionalFormats.length;
      book.sheet(SHEET).protected = true;
      await run(book, (ctx) => validateWorkbook(ctx, options({ sheet: "客户2" })));
      expect(book.sheet(SHEET).conditionalFormats.length).toBe(before);
      book.sheet(SHEET).protected = false;
      await run(book, (ctx) => clearMarks(ctx, options()));
      expect(book.sheet(SHEET).conditionalFormats).toEqual([]);
      expect(book.sheet("客户2").conditionalFormats).toEqual([]);
    });
  });

  describe("Excel on the web's 5 MB answers", () => {
    it("reads a large sheet in blocks sized from the first answer, each under the limit", async () => {
      const list = await grownGrids(20_000);
      const opts = options({ sheet: list[0].name, knownSheets: list.map((g) => g.name) });
      const desktop = fakeFromGrids(list);
      const expected = await run(desktop, (ctx) => validateWorkbook(ctx, opts));
      const web = fakeFromGrids(list, { responseLimitBytes: RESPONSE_LIMIT_BYTES });
      const out = await run(web, (ctx) => validateWorkbook(ctx, opts));
      expect(out.issues).toEqual(expected.issues);
      const answered = web.syncs.filter((x) => !x.refused);
      expect(Math.max(...answered.map((x) => x.responseBytes))).toBeLessThan(RESPONSE_LIMIT_BYTES);
      // One refused request, one for the dimensions, a first block sized by a guess, then blocks of close to the
      // 4 MiB read budget sized by what the first weighed.
      const values = answered.reduce((n, x) => n + x.responseBytes, 0);
      expect(values).toBeGreaterThan(RESPONSE_LIMIT_BYTES);
      expect(web.syncs.filter((x) => x.refused).length).toBe(1);
      expect(web.syncCount - desktop.syncCount).toBeLessThanOrEqual(3 + Math.ceil(values / (3.5 * 1024 * 1024)));
    });
  });

  describe("fill callbacks", () => {
    it("writes the 回访计划 table as the core merges it and keeps what staff typed, formulas and formats included", async () => {
      const book = fakeFromGrids(grids);
      const period = { from: "2026-12-01", to: "2026-12-31" };
      const first = await run(book, (ctx) => fillCallbacks(ctx, { ...options(), ...period }));
      expect(first.planned).toBeGreaterThan(0);
      const plan = book.sheet(OWNED_SHEETS.schedule);
      expect(plan.values[0]).toEqual(SCHEDULE_COLUMNS.map((c) => c.header));
      expect(book.tables.map((t) => [t.name, t.sheet])).toEqual([["CallbackPlan", OWNED_SHEETS.schedule]]);
      // The status drop-down needs ExcelApi 1.8.
      if (caps.dataValidation) expect(plan.dataValidations[0].address).toBe(`M2:M${plan.values.length}`);
      else expect(plan.dataValidations).toEqual([]);

      // Staff work on two rows: a status and result, a formula, a phone typed as text.
      plan.set(1, 12, "已回访");
      plan.set(1, 13, "客户满意");
      plan.formulas.set("1,16", "=B2");
      plan.set(1, 16, plan.get(1, 1));
      plan.set(2, 16, "+86 138 0000 0000");
      plan.numberFormats.set("2,16", "@");
      const worked = [...plan.values[1]];
      const before = readScheduleSheet({
        name: plan.name,
        firstRow: 1,
        firstColumn: 1,
        values: plan.values.map((r) => r.map((v) => (v === "" ? null : v))),
      });
      if (!before) throw new Error("the plan must read back");

      const second = await run(book, (ctx) => fillCallbacks(ctx, { ...options(), ...period }));
      expect(second.merge.kept).toBe(2);
      expect(book.tables.length).toBe(1);
      const kept = plan.values.findIndex((r) => r[12] === "已回访");
      expect(plan.values[kept]).toEqual(worked);
      expect(plan.formulas.get(`${kept},16`)).toBe("=B2");
      const phoneRow = plan.values.findIndex((r) => r[16] === "+86 138 0000 0000");
      expect(phoneRow).toBeGreaterThan(0);
      expect(plan.numberFormats.get(`${phoneRow},16`)).toBe("@");

      // The same rows the core's merge gives (what `rapport schedule --out` writes).
      const core = readCustomerSheet(grids, { today: TODAY });
      if (!core.ok) throw new Error("no customer sheet");
      expect(second.merge.rows).toBe(plan.values.length - 1);
      const merged = mergeSchedule(before.rows, [], period);
      expect(scheduleSheetRows(merged.rows).header).toEqual(plan.values[0]);
    });

    it("keeps a row someone put a note or comment on, and leaves what is typed below the table as the user's", async () => {
      const book = fakeFromGrids(grids);
      await run(book, (ctx) => fillCallbacks(ctx, { ...options(), from: "2026-12-01", to: "2026-12-31" }));
      const plan = book.sheet(OWNED_SHEETS.schedule);
      // Rapport's fingerprint column (R) is hidden, as the CLI hides it.
      expect([...plan.hiddenColumns]).toEqual([17]);
      const tableRows = plan.values.length;
      // A note on row 3's 负责人, a comment on row 4's 回访目的; nothing else of these rows is changed.
      const call = (row: readonly unknown[]) => [row[1], row[5], row[6], row[7]].join("|");
      const noted = call(plan.values[2]);
      const commented = call(plan.values[3]);
      plan.notes.set("J3", "这位客户由张经理亲自回访");
      plan.comments.set("K4", "等合同签完再打");
      // A supervisor's remark two rows under the table: the user's text, not a call.
      const remark = "主管：本月回访务必在 20 日前完成";
      plan.set(tableRows + 1, 0, remark);

      // A longer period: more calls, the table grows over where the remark was.
      const second = await run(book, (ctx) =>
        fillCallbacks(ctx, { ...options(), from: "2026-12-01", to: "2027-01-31" }),
      );
      const annotated = Number(caps.notes) + Number(caps.comments);
      expect(second.merge.kept).toBe(annotated);
      const [table] = book.tables;
      const bottom = parseAddress(table.address).rect;
      expect(bottom.rows).toBe(second.merge.rows + 1);
      expect(bottom.rows).toBeGreaterThan(tableRows);
      // Not read as a row: it moved down with the table, two rows under it, as Excel (and the CLI) move it.
      const remarkAt = plan.values.findIndex((row) => row.includes(remark));
      expect(remarkAt).toBe(bottom.row + bottom.rows + 1);
      expect(plan.values.flat().filter((v) => v === remark)).toHaveLength(1);
      // Notes and comments went with their rows, kept as they were.
      const at = (key: string) => plan.values.findIndex((row, r) => r > 0 && r < bottom.rows && call(row) === key);
      if (caps.notes) expect(plan.notes.get(`J${at(noted) + 1}`)).toBe("这位客户由张经理亲自回访");
      if (caps.comments) expect(plan.comments.get(`K${at(commented) + 1}`)).toBe("等合同签完再打");

      // Planned again, the kept rows stay kept and the remark stays the user's.
      const third = await run(book, (ctx) =>
        fillCallbacks(ctx, { ...options(), from: "2026-12-01", to: "2027-01-31" }),
      );
      expect(third.merge.kept).toBe(annotated);
      expect(third.merge.rows).toBe(second.merge.rows);
      expect(plan.values.findIndex((row) => row.includes(remark))).toBe(remarkAt);
      expect(plan.values.flat().filter((v) => v === remark)).toHaveLength(1);
    });

    it("refuses a 回访计划 sheet Rapport cannot read, and a period that is not one", async () => {
      const book = fakeFromGrids([...grids, { name: "回访计划", firstRow: 1, firstColumn: 1, values: [["我的笔记"]] }]);
      const error = await failure(
        run(book, (ctx) => fillCallbacks(ctx, { ...options(), from: "2026-12-01", to: "2026-12-31" })),
      );
      expect(error.code).toBe("not-schedule-sheet");
      expect(book.sheet("回访计划").values).toEqual([["我的笔记"]]);
      const bad = await failure(
        run(book, (ctx) => fillCallbacks(ctx, { ...options(), from: "2026-12-31", to: "2026-12-01" })),
      );
      expect(bad.code).toBe("settings-invalid");
      expect(bad.text.en).toContain("before the start date");
    });
  });

  describe("refusals", () => {
    it("says so before writing anything when the customer sheet is protected", async () => {
      const book = fakeFromGrids(grids);
      book.sheet(SHEET).protected = true;
      const before = snapshotCells(book.sheet(SHEET));
      const error = await failure(run(book, (ctx) => gradeWorkbook(ctx, options())));
      expect(error.code).toBe("protected-sheet");
      expect(error.text.zh).toContain("受保护");
      expect(error.text.en).toContain("protected");
      expect(snapshotCells(book.sheet(SHEET))).toEqual(before);
      expect(book.findSheet(OWNED_SHEETS.roster)).toBeUndefined();
    });

    it("never overwrites a sheet of Rapport's name that Rapport did not write", async () => {
      const book = fakeFromGrids([
        ...grids,
        { name: "校验结果", firstRow: 1, firstColumn: 1, values: [["我自己的检查清单"]] },
        { name: "客户分级目录", firstRow: 1, firstColumn: 1, values: [["我的分级"]] },
      ]);
      expect((await failure(run(book, (ctx) => validateWorkbook(ctx, options())))).code).toBe("foreign-sheet");
      expect((await failure(run(book, (ctx) => gradeWorkbook(ctx, options())))).code).toBe("foreign-sheet");
      expect(book.sheet("校验结果").values).toEqual([["我自己的检查清单"]]);
      expect(book.sheet("客户分级目录").values).toEqual([["我的分级"]]);
    });

    it("says so when the workbook structure is protected and a sheet must be added", async () => {
      const book = fakeFromGrids(grids);
      book.structureProtected = true;
      const error = await failure(run(book, (ctx) => validateWorkbook(ctx, options())));
      expect(error.code).toBe("protected-workbook");
      expect(book.sheet(SHEET).conditionalFormats).toEqual([]);
    });

    it("asks to finish editing the cell when Excel is in cell-edit mode", async () => {
      const book = fakeFromGrids(grids);
      book.cellEditMode = true;
      const error = await failure(run(book, (ctx) => validateWorkbook(ctx, options())));
      expect(error.code).toBe("cell-edit");
      expect(error.text.zh).toContain("正在编辑单元格");
      expect(error.text.en).toContain("Press Enter");
    });

    it("explains a workbook with no customer sheet", async () => {
      const book = newBook({
        预算: [
          ["项目", "金额"],
          ["差旅", 1000],
        ],
      });
      const error = await failure(run(book, (ctx) => detectArchive(ctx, options())));
      expect(error.code).toBe("not-customer-sheet");
      expect(error.text.zh).toContain("这不是客户表");
      expect(error.text.en).toContain("not a customer sheet");
    });

    it("reads in blocks when Excel on the web refuses a response over its limit, with the same result", async () => {
      const plain = fakeFromGrids(grids);
      const expected = await run(plain, (ctx) => validateWorkbook(ctx, options()));
      const web = fakeFromGrids(grids, { responseLimitBytes: 40_000 });
      const out = await run(web, (ctx) => validateWorkbook(ctx, options()));
      expect(out.issues).toEqual(expected.issues);
      expect(web.syncCount).toBeGreaterThan(plain.syncCount);
      const answered = web.syncs.filter((s) => !s.refused);
      expect(Math.max(...answered.map((s) => s.responseBytes))).toBeLessThan(40_000);
    });

    it("falls back to a full read when the sheets changed since the pane looked", async () => {
      const book = fakeFromGrids(grids);
      const out = await run(book, (ctx) =>
        gradeWorkbook(ctx, options({ sheet: SHEET, knownSheets: ["客户状况记录表", "已删除的表"] })),
      );
      expect(out.graded).toBeGreaterThan(0);
      const renamed = await failure(
        run(book, (ctx) => gradeWorkbook(ctx, options({ sheet: "旧名字", knownSheets: ["旧名字"] }))),
      );
      expect(renamed.code).toBe("not-customer-sheet");
    });
  });
});
