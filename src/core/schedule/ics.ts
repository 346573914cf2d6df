// The schedule as an iCalendar file (RFC 5545) that Outlook and phone calendars import: one all-day event per call,
// with DATE values only, so no calendar can move a call to another day by time zone. Written here rather than with
// a library so the task pane can offer the same file, and the same input always gives the same bytes.
import type { IsoDate } from "../types";
import { CATEGORY_LABELS, KIND_LABELS } from "./content";
import type { CallbackEntry } from "./types";
import { addDays } from "../calendar";

export interface IcsOptions {
  /** The DTSTAMP of every event (required by RFC 5545): the day the file was made, at 00:00 UTC. */
  stamp: IsoDate;
  calendarName?: string;
}

/** TEXT values: backslash, semicolon, comma and line breaks are escaped. */
function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0) as number);
    // Continuation lines begin with a space, which counts towards their 75.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + n > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const compact = (date: IsoDate) => date.replace(/-/g, "");

function uid(entry: CallbackEntry): string {
  return `${encodeURIComponent(entry.code)}-${entry.kind}-${compact(entry.window[0])}-${compact(entry.window[1])}@rapport`;
}

export function scheduleIcs(entries: readonly CallbackEntry[], options: IcsOptions): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Rapport//Callback schedule 电话回访计划//ZH",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.calendarName ?? "电话回访计划")}`,
  ];
  for (const e of entries) {
    const who = e.contact ? `${e.contact}${e.phone ? ` ${e.phone}` : ""}` : (e.phone ?? "");
    const description = [
      `${KIND_LABELS[e.kind].zh}（${CATEGORY_LABELS[e.category].zh}）`,
      e.purpose.zh,
      who ? `联系人：${who}` : "",
      `负责人：${e.owner || "未分配"}`,
      `回访窗口：${e.window[0]} 至 ${e.window[1]}`,
      `开场白：${e.script}`,
      "",
      e.purpose.en,
    ].filter((l, i, all) => l !== "" || (i > 0 && all[i - 1] !== ""));
    lines.push(
      "BEGIN:VEVENT",
      `UID:${uid(e)}`,
      `DTSTAMP:${compact(options.stamp)}T000000Z`,
      `DTSTART;VALUE=DATE:${compact(e.date)}`,
      `DTEND;VALUE=DATE:${compact(addDays(e.date, 1))}`,
      `SUMMARY:${escapeText(`回访 ${e.name}（${KIND_LABELS[e.kind].zh}）${e.owner ? ` · ${e.owner}` : ""}`)}`,
      `DESCRIPTION:${escapeText(description.join("\n"))}`,
      `CATEGORIES:${escapeText(CATEGORY_LABELS[e.category].zh)}`,
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
