// Run in a child process with TZ set (see timezone.test.ts): prints what the working calendar and the scheduler
// say, so processes in different time zones can be compared byte for byte. The time zone must be set before the
// process starts: chinese-days builds its tables when it is loaded.
import { epochDay, epochDayFromYmd, isoFromEpochDay } from "../../../src/core/calendar";
import { createWorkCalendar } from "../../../src/core/schedule";
import { customer, lines, plan } from "./helpers";

const calendar = createWorkCalendar();
let workdays = "";
for (let d = epochDayFromYmd(2024, 1, 1); d < epochDayFromYmd(2028, 1, 1); d++)
  workdays += calendar.isWorkday(d) ? "1" : "0";
const lunar = [
  [2026, 1, 1],
  [2026, 8, 15],
  [2026, 12, 30],
  [2025, 6, 1],
].map(([y, m, d]) => isoFromEpochDay(calendar.lunarToSolar(y, m, d) as number));
const schedule = plan(
  [
    customer({ lastComplaintDate: "2026-02-13", owner: "王芳" }),
    customer({ lastComplaintDate: "2026-09-30", owner: "王芳" }),
    customer({ installDate: "2026-01-01", owner: "王芳" }),
    customer({ birthday: { month: 8, day: 15, lunar: true }, owner: "王芳" }),
  ],
  "2026-01-01",
  "2026-12-31",
  { rules: ["complaint", "install", "holiday", "birthday"] },
);
process.stdout.write(
  JSON.stringify({
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    makeUp: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-09-20", "2026-10-10"].map((d) =>
      calendar.isWorkday(epochDay(d)),
    ),
    workdays,
    lunar,
    covers: [2025, 2026, 2027].map((y) => calendar.covers(y)),
    schedule: lines(schedule),
  }),
);
