import { describe, expect, it } from "vitest";
import { describeConfigError } from "../../../src/core/config";
import {
  defaultScheduleSettings,
  readScheduleSettingsSheet,
  readStaffSheet,
  resolveScheduleSettings,
  scheduleConfigSchema,
  scheduleSectionSchema,
} from "../../../src/core/schedule";
import type { CellValue, SheetGrid } from "../../../src/core/types";

const grid = (name: string, values: CellValue[][]): SheetGrid => ({ name, firstRow: 1, firstColumn: 1, values });

function configError(data: unknown) {
  const parsed = scheduleConfigSchema.safeParse(data);
  if (parsed.success) throw new Error("expected an error");
  return describeConfigError(parsed.error, "rapport.yaml");
}

describe("the schedule section of the config file", () => {
  it("is optional: the defaults are documented values", () => {
    const settings = resolveScheduleSettings(scheduleConfigSchema.parse({}).schedule);
    expect(settings).toEqual(defaultScheduleSettings());
    expect(settings.rules.periodic.months).toEqual({ A: 1, B: 3, C: 6, D: 12 });
    expect(settings.rules.holiday.festivals).toEqual(["springFestival", "midAutumn", "nationalDay"]);
  });

  it("accepts Chinese names and lists written as text", () => {
    const section = scheduleSectionSchema.parse({
      defaultGrade: "B级",
      rules: {
        holiday: { festivals: "春节、国庆", call: "A,B", gift: ["a"] },
        complaint: { category: "建议回访" },
        install: { days: "0,2" },
      },
    });
    const settings = resolveScheduleSettings(section);
    expect(settings.defaultGrade).toBe("B");
    expect(settings.rules.holiday).toMatchObject({
      festivals: ["springFestival", "nationalDay"],
      call: ["A", "B"],
      gift: ["A"],
    });
    expect(settings.rules.complaint.category).toBe("advice");
    expect(settings.rules.install.days).toEqual([0, 2]);
    // Untouched parts keep their defaults.
    expect(settings.rules.holiday.card).toEqual(["B"]);
  });

  it("names the key of every mistake, in Chinese and English", () => {
    const error = configError({
      schedule: {
        rules: { dormant: { days: -5 }, periodic: { months: { E: 1 } }, install: { days: [3, 1] }, holidays: {} },
        defaultGrade: "Z",
      },
    });
    expect(error.en).toContain("schedule.rules.dormant.days");
    expect(error.en).toContain("must be at least 1");
    expect(error.zh).toContain("不能小于 1");
    expect(error.en).toContain("schedule.rules.periodic.months");
    expect(error.en).toContain("unknown key E");
    expect(error.en).toContain("schedule.rules.install.days");
    expect(error.en).toContain("unknown key holidays");
    expect(error.en).toContain("schedule.defaultGrade");
    expect(error.zh).toContain("应为等级 A、B、C 或 D");
  });

  it("takes staff from the config, leave included", () => {
    const settings = resolveScheduleSettings(
      scheduleSectionSchema.parse({
        staff: [
          { name: "王芳", dailyCap: 25, leave: [{ from: "2026-12-21", to: "2026-12-25" }] },
          { name: "陈静", active: false },
        ],
      }),
    );
    expect(settings.staff).toEqual([
      { name: "王芳", phone: undefined, active: true, dailyCap: 25, leave: [{ from: "2026-12-21", to: "2026-12-25" }] },
      { name: "陈静", phone: undefined, active: false, dailyCap: null, leave: [] },
    ]);
    expect(
      configError({ schedule: { staff: [{ name: "王芳", leave: [{ from: "2026-02-30", to: "x" }] }] } }).en,
    ).toContain("schedule.staff.0.leave.0.from");
  });

  it("layers: defaults, then the 设置 sheet, then the config file", () => {
    const sheet = scheduleSectionSchema.parse({ dailyCap: 20, rules: { dormant: { days: 60, cycleMonths: 3 } } });
    const file = scheduleSectionSchema.parse({ rules: { dormant: { days: 120 } } });
    const settings = resolveScheduleSettings(sheet, file);
    expect(settings.dailyCap).toBe(20);
    expect(settings.rules.dormant).toMatchObject({ days: 120, cycleMonths: 3, enabled: true });
  });
});

describe("the 设置 sheet", () => {
  it("reads `schedule.` rows, typed values and lists, and leaves other rows alone", () => {
    const sheet = grid("设置", [
      ["设置项", "值", "说明"],
      ["grading.thresholds.A", 85, "another feature's row"],
      ["schedule.rules.dormant.days", "120", "久未联系天数"],
      ["schedule.rules.random.enabled", "否", null],
      ["schedule.rules.holiday.festivals", "春节，中秋", null],
      ["schedule.company", "华恒科技", null],
      ["schedule.rules.birthday.leadDays", null, "empty: the default"],
    ]);
    const { section, problems } = readScheduleSettingsSheet(sheet);
    expect(problems).toEqual([]);
    const settings = resolveScheduleSettings(section);
    expect(settings.rules.dormant.days).toBe(120);
    expect(settings.rules.random.enabled).toBe(false);
    expect(settings.rules.holiday.festivals).toEqual(["springFestival", "midAutumn"]);
    expect(settings.company).toBe("华恒科技");
    expect(settings.rules.birthday.leadDays).toBe(0);
  });

  it("names the cell of a bad value or an unknown key, in both languages", () => {
    const sheet = grid("设置", [
      ["schedule.rules.dormant.days", "很久"],
      ["schedule.rules.dormantt.days", 30],
      ["schedule.dailyCap", 0],
    ]);
    const { problems } = readScheduleSettingsSheet(sheet);
    expect(problems.map((p) => p.cell).sort()).toEqual(["设置!B1", "设置!B2", "设置!B3"]);
    const days = problems.find((p) => p.cell === "设置!B1");
    expect(days?.message.zh).toContain("schedule.rules.dormant.days：应为数字");
    expect(days?.message.en).toContain("expected a number");
    expect(problems.find((p) => p.cell === "设置!B2")?.message.en).toContain("unknown key dormantt");
  });

  it("names the row's value cell for a bad item of a list, and the item as typed (not zod's index)", () => {
    const sheet = grid("设置", [
      ["设置项", "值"],
      ["grading.x", 1],
      ["说明", "节日用顿号分隔"],
      ["schedule.rules.dormant.days", 120],
      ["schedule.rules.holiday.festivals", "春节、圣诞"],
      ["schedule.rules.holiday.call", "A、E"],
    ]);
    const { problems } = readScheduleSettingsSheet(sheet);
    expect(problems.map((p) => p.cell).sort()).toEqual(["设置!B5", "设置!B6"]);
    const festivals = problems.find((p) => p.cell === "设置!B5");
    expect(festivals?.message.zh).toMatch(/^schedule\.rules\.holiday\.festivals：第 2 项“圣诞”：/);
    expect(festivals?.message.en).toMatch(/^schedule\.rules\.holiday\.festivals: item 2 "圣诞": /);
    for (const p of problems) expect(p.message.zh + p.message.en).not.toMatch(/\.\d/);
    expect(problems.find((p) => p.cell === "设置!B6")?.message.zh).toContain("第 2 项“E”");
  });

  it("a sheet with no `schedule.` rows changes nothing", () => {
    expect(readScheduleSettingsSheet(grid("设置", [["grading.x", 1]]))).toEqual({ problems: [] });
  });
});

describe("the 人员 sheet", () => {
  it("reads duty, caps and leave; several rows per person add leave periods", () => {
    const sheet = grid("人员", [
      ["姓名", "电话", "在岗", "休假开始", "休假结束", "每日上限"],
      ["王芳", "13900001111", "是", null, null, 25],
      ["李强", "13900002222", "是", 46377, 46381, "25个"], // 2026-12-21..2026-12-25 as Excel dates
      ["李强", null, null, "2027-01-04", "2027-01-05", null],
      ["陈静", "13900005555", "否", null, null, null],
      [null, null, null, null, null, null],
    ]);
    const { staff, problems } = readStaffSheet(sheet);
    expect(problems).toEqual([]);
    expect(staff).toEqual([
      { name: "王芳", phone: "13900001111", active: true, dailyCap: 25, leave: [] },
      {
        name: "李强",
        phone: "13900002222",
        active: true,
        dailyCap: 25,
        leave: [
          { from: "2026-12-21", to: "2026-12-25" },
          { from: "2027-01-04", to: "2027-01-05" },
        ],
      },
      { name: "陈静", phone: "13900005555", active: false, dailyCap: null, leave: [] },
    ]);
  });

  it("names the cells it cannot use", () => {
    const sheet = grid("人员", [
      ["姓名", "在岗", "休假开始", "休假结束", "每日上限"],
      ["王芳", "也许", null, null, "二十"],
      ["李强", "是", "2026-12-25", "2026-12-21", null],
      ["张敏", "是", "2026-12-25", null, null],
    ]);
    const { problems } = readStaffSheet(sheet);
    expect(problems.map((p) => p.cell)).toEqual(["人员!B2", "人员!E2", "人员!D3", "人员!D4"]);
    expect(problems[2].message.en).toContain("before it starts");
    expect(problems[3].message.zh).toContain("开始和结束");
  });

  it("asks for a 姓名 header", () => {
    expect(readStaffSheet(grid("人员", [["名单"], ["王芳"]])).problems[0].message.en).toContain("姓名");
  });
});
