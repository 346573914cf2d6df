import holidayData from "chinese-days/dist/chinese-days.json";
import { describe, expect, it } from "vitest";
import { epochDay, isoFromEpochDay } from "../../../src/core/calendar";
import { createWorkCalendar } from "../../../src/core/schedule";
import { customer, lines, plan } from "./helpers";

const calendar = createWorkCalendar();
const isWorkday = (date: string) => calendar.isWorkday(epochDay(date));
/** What the chinese-days data itself calls the day (holiday or make-up working day), so the tests rest on it. */
const dataName = (date: string) => {
  const data = holidayData as { holidays: Record<string, string>; workdays: Record<string, string> };
  return data.holidays[date] ?? data.workdays[date] ?? "";
};

describe("the working calendar from chinese-days", () => {
  it("Spring Festival 2026: 02-15 to 02-23 off, make-up Saturdays 02-14 and 02-28 worked", () => {
    for (let d = epochDay("2026-02-15"); d <= epochDay("2026-02-23"); d++) {
      expect(isWorkday(isoFromEpochDay(d))).toBe(false);
      expect(dataName(isoFromEpochDay(d))).toContain("春节");
    }
    for (const makeUp of ["2026-02-14", "2026-02-28"]) {
      expect(isWorkday(makeUp)).toBe(true);
      expect(dataName(makeUp)).toContain("春节");
    }
    expect(isWorkday("2026-02-24")).toBe(true);
  });

  it("National Day 2026: 10-01 to 10-07 off, make-up Sunday 09-20 and Saturday 10-10 worked", () => {
    for (let d = epochDay("2026-10-01"); d <= epochDay("2026-10-07"); d++)
      expect(isWorkday(isoFromEpochDay(d))).toBe(false);
    for (const makeUp of ["2026-09-20", "2026-10-10"]) {
      expect(isWorkday(makeUp)).toBe(true);
      expect(dataName(makeUp)).toContain("国庆");
    }
    expect(isWorkday("2026-10-11")).toBe(false);
  });

  it("moves forward to the first working day, make-up days included", () => {
    expect(isoFromEpochDay(calendar.nextWorkday(epochDay("2026-02-15")))).toBe("2026-02-24");
    expect(isoFromEpochDay(calendar.nextWorkday(epochDay("2026-09-19")))).toBe("2026-09-20");
    expect(isoFromEpochDay(calendar.previousWorkday(epochDay("2026-10-07")))).toBe("2026-09-30");
  });

  it("knows which years the data covers", () => {
    const last = calendar.lastCoveredYear();
    expect(last).toBeGreaterThanOrEqual(2026);
    expect(calendar.covers(last)).toBe(true);
    expect(calendar.covers(last + 1)).toBe(false);
  });

  it("converts lunar dates (正月初一 2026 = 2026-02-17, 八月十五 = 2026-09-25)", () => {
    expect(isoFromEpochDay(calendar.lunarToSolar(2026, 1, 1) as number)).toBe("2026-02-17");
    expect(isoFromEpochDay(calendar.lunarToSolar(2026, 8, 15) as number)).toBe("2026-09-25");
    expect(calendar.lunarToSolar(2200, 1, 1)).toBeNull();
  });
});

describe("callbacks across the 2026 breaks", () => {
  it("Spring Festival: into a make-up Saturday, or past the whole break", () => {
    const r = plan(
      [
        customer({ installDate: "2026-02-13" }), // window 02-14..02-16: the make-up Saturday
        customer({ installDate: "2026-02-14" }), // window 02-15..02-17, all off: the first working day after
        customer({ installDate: "2026-02-27" }), // window 02-28..03-02: the make-up Saturday
      ],
      "2026-02-01",
      "2026-03-15",
      { rules: ["install"] },
    );
    expect(lines(r)).toEqual([
      "2026-02-14 install 2026-02-14..2026-02-16",
      "2026-02-24 install 2026-02-15..2026-02-17",
      "2026-02-28 install 2026-02-28..2026-03-02",
    ]);
  });

  it("Mid-Autumn and National Day: make-up Sunday 09-20, the break, make-up Saturday 10-10", () => {
    const r = plan(
      [
        customer({ installDate: "2026-09-18" }), // 09-19..09-21: Saturday off, Sunday 09-20 worked
        customer({ installDate: "2026-09-24" }), // 09-25..09-27: Mid-Autumn and a weekend
        customer({ installDate: "2026-09-30" }), // 10-01..10-03: National Day
        customer({ installDate: "2026-10-09" }), // 10-10..10-12: the make-up Saturday
        customer({ lastComplaintDate: "2026-09-19" }), // a Saturday complaint: the make-up Sunday
      ],
      "2026-09-15",
      "2026-10-31",
      { rules: ["install", "complaint"] },
    );
    // Same day and owner: by customer code.
    expect(lines(r)).toEqual([
      "2026-09-20 install 2026-09-19..2026-09-21",
      "2026-09-20 complaint 2026-09-19..2026-09-20",
      "2026-09-28 install 2026-09-25..2026-09-27",
      "2026-10-08 install 2026-10-01..2026-10-03",
      "2026-10-10 install 2026-10-10..2026-10-12",
    ]);
  });
});

describe("beyond the data", () => {
  const next = calendar.lastCoveredYear() + 1;

  it("plans Monday to Friday and says so", () => {
    // The first Saturday of January of the year the data does not have.
    let saturday = epochDay(`${next}-01-01`);
    while (new Date(saturday * 86_400_000).getUTCDay() !== 6) saturday++;
    // Installed on the Friday: the window opens on the Saturday and is made on the Monday, whatever the year holds.
    const r = plan(
      [customer({ owner: "王芳", installDate: isoFromEpochDay(saturday - 1) })],
      `${next}-01-01`,
      `${next}-01-31`,
      {
        rules: ["install"],
      },
    );
    expect(r.entries.map((e) => e.date)).toEqual([isoFromEpochDay(saturday + 2)]);
    expect(r.warnings).toEqual([
      expect.objectContaining({
        code: "calendar-not-covered",
        severity: "warning",
        message: {
          zh: expect.stringContaining(`${next}`),
          en: expect.stringContaining(`reaches ${next - 1} only`),
        },
      }),
    ]);
  });

  it("warns when a greeting depends on a break the data does not have (元旦 of the next year)", () => {
    const r = plan([customer({ owner: "王芳" })], `${next - 1}-12-01`, `${next - 1}-12-31`, {
      rules: ["holiday"],
      section: { rules: { holiday: { festivals: ["元旦"] } } },
    });
    expect(r.entries).toHaveLength(1);
    expect(r.warnings.map((w) => w.code)).toEqual(["calendar-not-covered"]);
  });

  it("warns when a window planned in a covered year ends in one the data does not have", () => {
    const r = plan(
      [customer({ owner: "王芳", purchaseDate: `${next - 2}-06-10` })],
      `${next - 1}-12-01`,
      `${next - 1}-12-31`,
      {
        rules: ["periodic"],
      },
    );
    expect(lines(r)).toEqual([`${next - 1}-12-10 periodic ${next - 1}-12-10..${next}-06-09`]);
    expect(r.warnings.map((w) => w.code)).toEqual(["calendar-not-covered"]);
  });

  it("gives no such warning when the period, its calls and their windows are covered", () => {
    const r = plan(
      [customer({ owner: "王芳", lastComplaintDate: "2026-12-08", satisfaction: 0 })],
      "2026-12-01",
      "2026-12-31",
    );
    expect(r.entries.length).toBeGreaterThan(0);
    expect(r.warnings).toEqual([]);
  });
});
