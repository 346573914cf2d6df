import { describe, expect, it } from "vitest";
import { excelSerialFromIso } from "../../../src/core/calendar";
import {
  CALLBACK_STATUSES,
  SCHEDULE_COLUMNS,
  entryToRow,
  isWorked,
  mergeSchedule,
  readScheduleSheet,
  scheduleColumnLetter,
  scheduleSheetRows,
  type CallbackEntry,
} from "../../../src/core/schedule";
import type { CellValue, SheetGrid } from "../../../src/core/types";

function entry(fields: Partial<CallbackEntry> = {}): CallbackEntry {
  return {
    code: "KH0001",
    name: "北京华恒科技有限公司",
    row: 4,
    date: "2026-12-07",
    kind: "complaint",
    window: ["2026-12-05", "2026-12-07"],
    owner: "王芳",
    category: "mediation",
    purpose: { zh: "投诉回访（投诉 2026-12-05）：立即致电确认投诉的问题", en: "Complaint received" },
    script: "您好！请问是王伟先生（女士）吗？",
    contact: "王伟",
    phone: "13812345678",
    ...fields,
  };
}

const grid = (values: CellValue[][], name = "回访计划"): SheetGrid => ({ name, firstRow: 1, firstColumn: 1, values });

/** The sheet as Rapport writes it, then a person's edits on top. */
function written(entries: CallbackEntry[], edit?: (rows: CellValue[][]) => void): SheetGrid {
  const { header, values } = scheduleSheetRows(entries.map(entryToRow));
  edit?.(values);
  return grid([header, ...values]);
}

const col = (key: (typeof SCHEDULE_COLUMNS)[number]["key"]) => SCHEDULE_COLUMNS.findIndex((c) => c.key === key);

describe("the 回访计划 sheet's layout", () => {
  it("has the documented columns, A to Q and the hidden fingerprint R, and the status list", () => {
    expect(SCHEDULE_COLUMNS.map((c) => c.header)).toEqual([
      "计划日期",
      "客户编号",
      "客户名称",
      "联系人",
      "联系电话",
      "回访类型",
      "窗口开始",
      "窗口结束",
      "回访内容",
      "负责人",
      "回访目的",
      "开场白",
      "回访状态",
      "回访结果",
      "回访满意度",
      "实际回访日期",
      "备注",
      "Rapport校验",
    ]);
    expect(SCHEDULE_COLUMNS.filter((c) => c.hidden).map((c) => scheduleColumnLetter(c.key))).toEqual(["R"]);
    expect(scheduleColumnLetter("status")).toBe("M");
    expect(Object.values(CALLBACK_STATUSES).map((s) => s.zh)).toEqual([
      "待回访",
      "已回访",
      "未接通",
      "已改期",
      "拒绝回访",
      "已取消",
    ]);
  });

  it("writes planned entries as values, dates as Excel serials", () => {
    const { values } = scheduleSheetRows([entryToRow(entry())]);
    expect(values[0]).toEqual([
      excelSerialFromIso("2026-12-07"),
      "KH0001",
      "北京华恒科技有限公司",
      "王伟",
      "13812345678",
      "投诉回访",
      excelSerialFromIso("2026-12-05"),
      excelSerialFromIso("2026-12-07"),
      "调解回访",
      "王芳",
      "投诉回访（投诉 2026-12-05）：立即致电确认投诉的问题",
      "您好！请问是王伟先生（女士）吗？",
      "待回访",
      null,
      null,
      null,
      null,
      expect.stringMatching(/^r1:[0-9a-z]+$/),
    ]);
  });
});

describe("readScheduleSheet: what the report counts", () => {
  it("reads statuses, results, satisfaction on the 0–100 scale and actual dates", () => {
    const sheet = written([entry(), entry({ code: "KH0002" }), entry({ code: "KH0003" })], (rows) => {
      rows[0][col("status")] = "已回访";
      rows[0][col("result")] = "问题已解决";
      rows[0][col("satisfaction")] = 4;
      rows[0][col("actualDate")] = excelSerialFromIso("2026-12-08");
      rows[1][col("status")] = "未接通";
      rows[1][col("satisfaction")] = "满意";
      rows[2][col("actualDate")] = "2026/12/9";
    });
    const read = readScheduleSheet(sheet);
    expect(read?.issues).toEqual([]);
    expect(read?.rows.map((r) => [r.status, r.result, r.satisfaction, r.actualDate, r.kind, r.window])).toEqual([
      ["done", "问题已解决", 75, "2026-12-08", "complaint", ["2026-12-05", "2026-12-07"]],
      ["no-answer", "", 75, null, "complaint", ["2026-12-05", "2026-12-07"]],
      ["planned", "", null, "2026-12-09", "complaint", ["2026-12-05", "2026-12-07"]],
    ]);
    expect(read?.rows[0]).toMatchObject({ date: "2026-12-07", code: "KH0001", owner: "王芳", sourceRow: 2 });
  });

  it("reports what it cannot read, naming the cell, and keeps it as typed", () => {
    const sheet = written([entry()], (rows) => {
      rows[0][col("status")] = "打了两次";
      rows[0][col("satisfaction")] = "120%";
    });
    const read = readScheduleSheet(sheet);
    expect(read?.issues.map((i) => `${i.column}${i.row} ${i.field}`)).toEqual(["M2 status", "O2 satisfaction"]);
    expect(read?.issues[0].message.zh).toContain("待回访");
    expect(read?.rows[0]).toMatchObject({ status: null, satisfaction: null });
    expect(read && isWorked(read.rows[0])).toBe(true);
  });

  it("accepts English headers and columns in another order, and keeps the user's own columns", () => {
    const sheet = grid([
      ["Status", "Customer code", "Kind", "Window from", "Window to", "Date", "跟进人"],
      ["done", "KH0001", "complaint", "2026-12-05", "2026-12-07", "2026-12-07", "小李"],
    ]);
    const read = readScheduleSheet(sheet);
    expect(read?.rows[0]).toMatchObject({
      status: "done",
      code: "KH0001",
      kind: "complaint",
      extra: { 跟进人: "小李" },
    });
    expect(read?.extraColumns).toEqual([{ header: "跟进人", index: 6 }]);
  });

  it("returns null for a sheet that is not a schedule", () => {
    expect(readScheduleSheet(grid([["随便写的"], ["笔记"]]))).toBeNull();
  });
});

describe("mergeSchedule: regeneration never erases what a person typed", () => {
  const period = { from: "2026-12-01", to: "2026-12-31" };

  it("keeps worked rows exactly, refreshes unworked ones, adds new calls", () => {
    const sheet = written(
      [
        entry({ code: "KH0001" }),
        entry({ code: "KH0002" }),
        entry({ code: "KH0003", kind: "proposal", window: ["2026-12-08", "2026-12-09"] }),
      ],
      (rows) => {
        rows[0][col("status")] = "已回访";
        rows[0][col("result")] = "客户满意";
        rows[0][col("notes")] = "下周再跟进";
        rows[2][col("notes")] = "客户出差";
      },
    );
    const before = readScheduleSheet(sheet);
    if (!before) throw new Error("not read");
    const fresh = [
      entry({ code: "KH0001", date: "2026-12-09", owner: "李强" }), // worked: kept as it was
      entry({ code: "KH0002", date: "2026-12-09", owner: "李强" }), // not worked: refreshed
      entry({ code: "KH0003", kind: "proposal", window: ["2026-12-08", "2026-12-09"], owner: "李强" }), // notes: worked
      entry({ code: "KH0004" }), // new
    ];
    const merged = mergeSchedule(before.rows, fresh, period);
    expect(merged).toMatchObject({ kept: 2, updated: 1, added: 1, removed: 0, untouched: 0 });
    const byCode = new Map(merged.rows.map((r) => [r.code, r]));
    expect(byCode.get("KH0001")).toBe(before.rows[0]);
    expect(byCode.get("KH0001")).toMatchObject({
      date: "2026-12-07",
      owner: "王芳",
      status: "done",
      result: "客户满意",
    });
    expect(byCode.get("KH0002")).toMatchObject({ date: "2026-12-09", owner: "李强", status: "planned" });
    expect(byCode.get("KH0002")?.sourceRow).toBeUndefined();
    expect(byCode.get("KH0003")).toBe(before.rows[2]);
    // The worked rows' cells come back exactly as they were read.
    const { values } = scheduleSheetRows(merged.rows);
    const kept = values.find((v) => v[col("code")] === "KH0001");
    expect(kept).toEqual(sheet.values[1]);
  });

  it("drops unworked rows of the period no rule plans any more; keeps other periods and rows staff added", () => {
    const sheet = written(
      [
        entry({ code: "KH0001" }), // in the period, no longer planned, unworked: stale
        entry({ code: "KH0002", date: "2026-11-20", window: ["2026-11-20", "2026-11-20"] }), // another period
        entry({ code: "KH0003" }),
      ],
      (rows) => {
        rows[2][col("kind")] = "客户要求回电"; // a kind Rapport does not know: typed by a person
      },
    );
    const before = readScheduleSheet(sheet);
    if (!before) throw new Error("not read");
    const merged = mergeSchedule(before.rows, [], period);
    expect(merged).toMatchObject({ kept: 0, updated: 0, added: 0, removed: 1, untouched: 2 });
    expect(merged.rows.map((r) => r.code)).toEqual(["KH0002", "KH0003"]);
  });

  it("a call the previous period pushed into this one is not this plan's to remove", () => {
    // December's periodic call, moved into January (owner on leave, caps): January's plan does not make it, as its
    // window opened in December, so it must stay; December's plan made it, so it is stale there.
    const pushed = entry({ kind: "periodic", date: "2027-01-04", window: ["2026-12-28", "2027-01-27"] });
    const before = readScheduleSheet(written([pushed, entry({ code: "KH0002" })]));
    if (!before) throw new Error("not read");
    const january = mergeSchedule(before.rows, [], { from: "2027-01-01", to: "2027-01-31" });
    expect(january.rows.map((r) => r.code)).toEqual(["KH0002", "KH0001"]);
    expect(january).toMatchObject({ removed: 0, untouched: 2 });
    const december = mergeSchedule(before.rows, [], period);
    expect(december).toMatchObject({ removed: 2, untouched: 0 });
    // A birthday on a Saturday (11-28) is November's call, whatever its date says.
    const birthday = entry({ kind: "birthday", date: "2026-12-01", window: ["2026-11-28", "2026-11-28"] });
    const read = readScheduleSheet(written([birthday]));
    expect(mergeSchedule(read?.rows ?? [], [], period).removed).toBe(0);
    expect(mergeSchedule(read?.rows ?? [], [], { from: "2026-11-01", to: "2026-11-30" }).removed).toBe(1);
  });

  it("keeps a 待回访 row whose 负责人 or 计划日期 a person changed, and rows a person added", () => {
    const sheet = written([entry({ code: "KH0001" }), entry({ code: "KH0002" }), entry({ code: "KH0003" })], (rows) => {
      rows[0][col("owner")] = "赵敏"; // reassigned by the supervisor
      rows[1][col("date")] = excelSerialFromIso("2026-12-10"); // moved by hand
      // A row typed in by a person, as Rapport would have written it but without Rapport's fingerprint.
      rows.push([...rows[2].slice(0, col("fingerprint")), null]);
      rows[3][col("code")] = "KH0004";
    });
    const before = readScheduleSheet(sheet);
    if (!before) throw new Error("not read");
    expect(before.rows.map((r) => [r.code, r.status, r.touched, isWorked(r)])).toEqual([
      ["KH0001", "planned", true, true],
      ["KH0002", "planned", true, true],
      ["KH0003", "planned", false, false],
      ["KH0004", "planned", true, true],
    ]);
    const merged = mergeSchedule(
      before.rows,
      [entry({ code: "KH0001" }), entry({ code: "KH0002" }), entry({ code: "KH0003", owner: "李强" })],
      period,
    );
    expect(merged).toMatchObject({ kept: 2, updated: 1, removed: 0, untouched: 1 });
    const byCode = new Map(merged.rows.map((r) => [r.code, r]));
    expect(byCode.get("KH0001")).toBe(before.rows[0]);
    expect(byCode.get("KH0002")).toBe(before.rows[1]);
    expect(byCode.get("KH0003")?.owner).toBe("李强");
    // Kept rows keep their fingerprint as read, so they stay the person's on every later run.
    const again = readScheduleSheet(grid([sheet.values[0], ...scheduleSheetRows(merged.rows).values]));
    expect(again?.rows.map((r) => [r.code, r.touched]).sort()).toEqual([
      ["KH0001", true],
      ["KH0002", true],
      ["KH0003", false],
      ["KH0004", true],
    ]);
  });

  it("keeps rows a person annotated (notes the adapter reports)", () => {
    const sheet = written([entry({ code: "KH0001" })]);
    const read = readScheduleSheet(sheet, { annotatedRows: new Set([2]) });
    expect(read?.rows[0].touched).toBe(true);
    expect(mergeSchedule(read?.rows ?? [], [], period).removed).toBe(0);
  });

  it("a sheet written before the fingerprint column: unworked rows are refreshed and get one", () => {
    const old = written([entry({ code: "KH0001" }), entry({ code: "KH0002" })]);
    const legacy = grid(old.values.map((r) => r.slice(0, col("fingerprint"))));
    const before = readScheduleSheet(legacy);
    if (!before) throw new Error("not read");
    expect(before.rows.map((r) => isWorked(r))).toEqual([false, false]);
    const merged = mergeSchedule(before.rows, [entry({ code: "KH0001", owner: "李强" })], {
      from: "2026-11-01",
      to: "2026-11-30",
    });
    // KH0002 belongs to December: kept, now with a fingerprint of what is on it.
    const written2 = scheduleSheetRows(merged.rows).values;
    const again = readScheduleSheet(grid([old.values[0], ...written2]));
    expect(again?.rows.map((r) => [r.code, r.touched])).toEqual([
      ["KH0001", false],
      ["KH0002", false],
    ]);
  });

  it("keeps the user's own columns on a refreshed row", () => {
    const sheet = grid([
      [...SCHEDULE_COLUMNS.map((c) => c.header), "跟进人"],
      [...(scheduleSheetRows([entryToRow(entry())]).values[0] as CellValue[]), "小李"],
    ]);
    const before = readScheduleSheet(sheet);
    if (!before) throw new Error("not read");
    const merged = mergeSchedule(before.rows, [entry({ date: "2026-12-08" })], period);
    expect(merged.rows[0]).toMatchObject({ date: "2026-12-08", extra: { 跟进人: "小李" } });
    expect(scheduleSheetRows(merged.rows, ["跟进人"]).values[0].at(-1)).toBe("小李");
  });

  it("sorts by date, then owner, then customer; rows without a date last", () => {
    const sheet = written([entry({ code: "KH0009" })], (rows) => {
      rows[0][col("date")] = null;
      rows[0][col("status")] = "已取消";
    });
    const before = readScheduleSheet(sheet);
    if (!before) throw new Error("not read");
    const merged = mergeSchedule(
      before.rows,
      [
        entry({ code: "KH0002", owner: "王芳" }),
        entry({ code: "KH0001", owner: "李强" }),
        entry({ code: "KH0003", date: "2026-12-01" }),
      ],
      period,
    );
    expect(merged.rows.map((r) => r.code)).toEqual(["KH0003", "KH0001", "KH0002", "KH0009"]);
  });
});
