import { describe, expect, it } from "vitest";
import { epochDay, isoFromEpochDay } from "../../../src/core/calendar";
import { assignOwners, createWorkCalendar, jobsFrom, type StaffMember } from "../../../src/core/schedule";
import { customer, plan } from "./helpers";

const calendar = createWorkCalendar();
const d = epochDay;
const person = (name: string, dailyCap: number | null, extra: Partial<StaffMember> = {}): StaffMember => ({
  name,
  active: true,
  dailyCap,
  leave: [],
  ...extra,
});

/** Where each job went, as `date owner`. */
function placed(jobs: Parameters<typeof jobsFrom>[0], staff: StaffMember[], defaultCap = 30) {
  const a = assignOwners(jobsFrom(jobs), staff, defaultCap, calendar);
  return {
    at: Array.from(a.dates, (date, i) => `${isoFromEpochDay(date)} ${a.owner[i] < 0 ? "-" : a.names[a.owner[i]]}`),
    warnings: a.warnings,
  };
}

describe("daily caps", () => {
  it("shares calls with no 负责人 among colleagues by lowest load, within their caps", () => {
    // Mon 12-07 to Wed 12-09.
    const job = { release: d("2026-12-07"), lastDay: d("2026-12-09") };
    const r = placed([job, job, job, job, job], [person("甲", 2), person("乙", 1)]);
    // On the 8th both start at 0; 乙 has had fewer calls overall, so goes first.
    expect(r.at).toEqual(["2026-12-07 甲", "2026-12-07 乙", "2026-12-07 甲", "2026-12-08 乙", "2026-12-08 甲"]);
    expect(r.warnings).toEqual([]);
  });

  it("moves a 负责人's overflow to the next working day inside the window (over the weekend)", () => {
    // Fri 12-04 to Tue 12-08, a cap of 2.
    const job = { release: d("2026-12-04"), lastDay: d("2026-12-08"), owner: "王芳" };
    const r = placed([job, job, job, job, job], [person("王芳", 2)]);
    expect(r.at).toEqual([
      "2026-12-04 王芳",
      "2026-12-04 王芳",
      "2026-12-07 王芳",
      "2026-12-07 王芳",
      "2026-12-08 王芳",
    ]);
  });

  it("reports calls that cannot fit in their window, and still plans them", () => {
    const job = { release: d("2026-12-07"), lastDay: d("2026-12-07"), owner: "王芳" };
    const r = placed([job, job, job], [person("王芳", 2)]);
    expect(r.at).toEqual(["2026-12-07 王芳", "2026-12-07 王芳", "2026-12-07 王芳"]);
    expect(r.warnings).toEqual([
      expect.objectContaining({
        code: "over-capacity",
        severity: "error",
        owner: "王芳",
        date: "2026-12-07",
        count: 1,
      }),
    ]);
    expect(r.warnings[0].message.zh).toContain("每日上限 2");
  });

  it("places the most urgent first: a call due today is not pushed out by one that can wait", () => {
    const later = { release: d("2026-12-07"), lastDay: d("2026-12-31"), owner: "王芳" };
    const today = { release: d("2026-12-07"), lastDay: d("2026-12-07"), owner: "王芳", priority: 5 };
    const r = placed([later, later, today], [person("王芳", 1)]);
    expect(r.at).toEqual(["2026-12-08 王芳", "2026-12-09 王芳", "2026-12-07 王芳"]);
    expect(r.warnings).toEqual([]);
  });

  it("uses the default cap when a person has none", () => {
    const job = { release: d("2026-12-07"), lastDay: d("2026-12-08") };
    const r = placed([job, job, job], [person("甲", null)], 2);
    expect(r.at).toEqual(["2026-12-07 甲", "2026-12-07 甲", "2026-12-08 甲"]);
  });
});

describe("leave and duty", () => {
  it("waits for a 负责人 back from leave inside the window", () => {
    const job = { release: d("2026-12-21"), lastDay: d("2026-12-31"), owner: "李强" };
    const r = placed(
      [job],
      [person("李强", 25, { leave: [{ from: "2026-12-21", to: "2026-12-25" }] }), person("王芳", 25)],
    );
    expect(r.at).toEqual(["2026-12-28 李强"]);
  });

  it("gives a colleague the calls of a 负责人 on leave for the whole window, and says so", () => {
    const job = { release: d("2026-12-21"), lastDay: d("2026-12-23"), owner: "李强" };
    const r = placed(
      [job, job],
      [person("李强", 25, { leave: [{ from: "2026-12-21", to: "2026-12-25" }] }), person("王芳", 25)],
    );
    expect(r.at).toEqual(["2026-12-21 王芳", "2026-12-21 王芳"]);
    expect(r.warnings).toEqual([expect.objectContaining({ code: "owner-unavailable", owner: "李强", count: 2 })]);
  });

  it("never gives calls to people off duty (在岗 否) or on leave that day", () => {
    const job = { release: d("2026-12-21"), lastDay: d("2026-12-22") };
    const r = placed(
      [job, job, job],
      [
        person("陈静", 25, { active: false }),
        person("李强", 25, { leave: [{ from: "2026-12-21", to: "2026-12-21" }] }),
        person("王芳", 2),
      ],
    );
    expect(r.at).toEqual(["2026-12-21 王芳", "2026-12-21 王芳", "2026-12-22 李强"]);
  });

  it("the 负责人 not on the staff list keeps the calls, with no cap, and is named", () => {
    const job = { release: d("2026-12-07"), lastDay: d("2026-12-07"), owner: "赵六" };
    const r = placed([job, job, job], [person("王芳", 1)]);
    expect(r.at).toEqual(["2026-12-07 赵六", "2026-12-07 赵六", "2026-12-07 赵六"]);
    expect(r.warnings).toEqual([expect.objectContaining({ code: "unknown-owner", severity: "warning", count: 3 })]);
    expect(r.warnings[0].message.zh).toContain("赵六");
  });

  it("with nobody on duty, calls with no 负责人 stay unassigned and are reported", () => {
    const job = { release: d("2026-12-07"), lastDay: d("2026-12-07") };
    const r = placed([job], [person("陈静", 25, { active: false })]);
    expect(r.at).toEqual(["2026-12-07 -"]);
    expect(r.warnings).toEqual([expect.objectContaining({ code: "no-staff", severity: "error", count: 1 })]);
  });

  it("without a staff list, calls go to the 负责人 with no cap", () => {
    const r = placed([{ release: d("2026-12-07"), lastDay: d("2026-12-07"), owner: "王芳" }], []);
    expect(r.at).toEqual(["2026-12-07 王芳"]);
    expect(r.warnings).toEqual([]);
  });
});

describe("through buildSchedule", () => {
  it("a sample-like team: leave, caps, and the customers' own 负责人", () => {
    const staff = [
      person("王芳", 2),
      person("李强", 2, { leave: [{ from: "2026-12-21", to: "2026-12-25" }] }),
      person("陈静", 20, { active: false }),
    ];
    const customers = [
      ...Array.from({ length: 3 }, () => customer({ owner: "王芳", satisfaction: 25 })),
      ...Array.from({ length: 3 }, () => customer({ satisfaction: 25 })),
      customer({ owner: "李强", birthday: { month: 12, day: 22, lunar: false } }),
    ];
    const r = plan(customers, "2026-12-01", "2026-12-31", { rules: ["low-satisfaction", "birthday"], staff });
    const perDay = new Map<string, number>();
    for (const e of r.entries) perDay.set(`${e.date} ${e.owner}`, (perDay.get(`${e.date} ${e.owner}`) ?? 0) + 1);
    for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(2);
    expect(r.entries.some((e) => e.owner === "陈静")).toBe(false);
    expect(r.entries.find((e) => e.kind === "birthday")).toMatchObject({ date: "2026-12-22", owner: "王芳" });
    expect(
      r.entries
        .filter((e) => e.kind === "low-satisfaction" && customers.slice(0, 3).some((c) => c.code === e.code))
        .every((e) => e.owner === "王芳"),
    ).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(["owner-unavailable"]);
  });
});
