import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { scheduleIcs } from "../../../src/core/schedule";
import { customer, plan } from "./helpers";

const customers = [
  customer({ owner: "王芳", contactPerson: "王伟", phone: "13812345678", installDate: "2026-12-03" }),
  // Commas, semicolons and a backslash in the name must survive the round trip.
  customer({ owner: "李强", name: "北京华恒科技有限公司, 分公司; 华东\\二部", lastComplaintDate: "2026-12-05" }),
  customer({ owner: "张敏", satisfaction: 0, birthday: { month: 12, day: 15, lunar: true } }),
];
const schedule = plan(customers, "2026-12-01", "2026-12-31", { rules: ["install", "complaint", "low-satisfaction"] });
const text = scheduleIcs(schedule.entries, { stamp: "2026-11-20" });

describe("the iCalendar file, read back by ical.js", () => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));

  it("has one all-day event per entry, on the planned date (DATE values, no time, no zone)", () => {
    expect(events).toHaveLength(schedule.entries.length);
    events.forEach((event, i) => {
      expect(event.startDate.isDate).toBe(true);
      expect(event.endDate.isDate).toBe(true);
      expect(event.startDate.toString()).toBe(schedule.entries[i].date);
      expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()).toBe(86_400_000);
    });
  });

  it("carries the customer, the kind, the owner and the script, escaped and unfolded correctly", () => {
    const complaint = schedule.entries.findIndex((e) => e.kind === "complaint");
    expect(events[complaint].summary).toBe(`回访 ${customers[1].name}（投诉回访） · 李强`);
    expect(events[complaint].description).toContain("负责人：李强");
    expect(events[complaint].description).toContain(schedule.entries[complaint].script);
    expect(events[complaint].description).toContain(schedule.entries[complaint].purpose.en);
    const install = schedule.entries.findIndex((e) => e.kind === "install");
    expect(events[install].description).toContain("联系人：王伟 13812345678");
  });

  it("gives every event a unique, stable UID and a DTSTAMP", () => {
    const uids = events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(scheduleIcs(schedule.entries, { stamp: "2026-11-20" })).toBe(text);
    for (const v of calendar.getAllSubcomponents("vevent"))
      expect(v.getFirstPropertyValue("dtstamp")?.toString()).toBe("2026-11-20T00:00:00Z");
  });

  it("follows the line rules Outlook and phones expect: CRLF, lines of at most 75 octets", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toContain("Rapport");
  });

  it("is a valid calendar with no events for an empty plan", () => {
    const empty = new ICAL.Component(ICAL.parse(scheduleIcs([], { stamp: "2026-11-20" })));
    expect(empty.name).toBe("vcalendar");
    expect(empty.getAllSubcomponents("vevent")).toEqual([]);
  });
});
