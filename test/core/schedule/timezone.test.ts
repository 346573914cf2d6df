// chinese-days reads dates with the machine's local clock; Rapport's dates must not move with it. This file runs in
// its own process (vitest forks), so changing the time zone here affects no other test.
import { describe, expect, it } from "vitest";
import { epochDay, isoFromEpochDay } from "../../../src/core/calendar";
import { createWorkCalendar } from "../../../src/core/schedule";

describe.each(["America/Los_Angeles", "Pacific/Kiritimati", "Asia/Shanghai"])("in %s", (zone) => {
  it("gives the same working days and lunar dates", () => {
    process.env.TZ = zone;
    const calendar = createWorkCalendar();
    expect(calendar.isWorkday(epochDay("2026-02-14"))).toBe(true);
    expect(calendar.isWorkday(epochDay("2026-02-15"))).toBe(false);
    expect(calendar.isWorkday(epochDay("2026-10-10"))).toBe(true);
    expect(calendar.isWorkday(epochDay("2026-10-01"))).toBe(false);
    expect(isoFromEpochDay(calendar.lunarToSolar(2026, 1, 1) as number)).toBe("2026-02-17");
    expect(isoFromEpochDay(calendar.lunarToSolar(2026, 12, 30) as number)).toBe("2027-02-05");
    expect(calendar.covers(2026)).toBe(true);
  });
});
