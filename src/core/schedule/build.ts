// buildSchedule: the rules' windows for a period, placed on working days and given to people.
import { epochDay, isoFromEpochDay, ymdFromEpochDay } from "../calendar";
import type { BilingualText, CustomerRecord, Grade, IsoDate } from "../types";
import { assignOwners, type Jobs } from "./assign";
import type { ScheduleSettings } from "./config";
import { compileScript } from "./content";
import type { Candidates } from "./candidates";
import { collectCandidates } from "./rules";
import { sheetContacts, type ScheduleRow } from "./sheet";
import {
  CALLBACK_KINDS,
  type CallbackEntry,
  type CallbackKind,
  type ContentCategory,
  type ScheduleResult,
  type ScheduleWarning,
  type StaffMember,
} from "./types";
import { createWorkCalendar, type WorkCalendar } from "./workdays";

export interface ScheduleInput {
  /** The period to plan, inclusive. */
  from: IsoDate;
  to: IsoDate;
  /** 客户等级 by customer code, from grading or the sheet; customers not in it get `settings.defaultGrade`. */
  grades: ReadonlyMap<string, Grade>;
  /** Who can take calls; empty: calls go to each customer's 负责人 with no cap. */
  staff: readonly StaffMember[];
  settings: ScheduleSettings;
  /** A calendar to reuse across runs (it caches the holiday data per year). */
  calendar?: WorkCalendar;
  /**
   * The rows already on the 回访计划 sheet: calls made there, and calls planned for other periods, count as contact
   * for the `dormant` rule (the rows this plan will make again do not).
   */
  sheet?: readonly ScheduleRow[];
}

/** Between calls due the same day, the more urgent first (a complaint before a birthday). */
const PRIORITY: Record<CallbackKind, number> = {
  complaint: 0,
  "repair-overdue": 1,
  proposal: 2,
  "repair-dispatch": 3,
  install: 4,
  "repair-followup": 5,
  "low-satisfaction": 6,
  "purchase-4-6m": 7,
  "purchase-10-12m": 8,
  anniversary: 9,
  birthday: 10,
  holiday: 11,
  dormant: 12,
  periodic: 13,
  random: 14,
};

const PRIORITY_BY_NUMBER = CALLBACK_KINDS.map((k) => PRIORITY[k]);

/** Entries in the documented order: by date, then owner, then customer and kind. */
export function compareEntries(a: CallbackEntry, b: CallbackEntry): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.owner !== b.owner) return a.owner < b.owner ? -1 : 1;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return PRIORITY[a.kind] - PRIORITY[b.kind];
}

/**
 * The documented order (date, owner, customer, kind) for hundreds of thousands of entries, ties in the candidates'
 * order: a least-significant-first radix sort, one stable counting pass per key (kind, customer, owner, date), each
 * key a small integer rank, so nothing is compared and nothing is allocated per entry.
 */
function entryOrder(
  candidates: Candidates,
  records: readonly CustomerRecord[],
  dates: Int32Array,
  owner: Int32Array,
  names: readonly string[],
): Int32Array {
  const n = candidates.size;
  let order = new Int32Array(n);
  if (n === 0) return order;
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Int32Array(n);
  const key = new Int32Array(n);
  /** One stable pass: `order` sorted by `key` (0 ≤ key < buckets), keeping the order of equal keys. */
  const pass = (buckets: number) => {
    const starts = new Int32Array(buckets + 1);
    for (let i = 0; i < n; i++) starts[key[i] + 1]++;
    for (let b = 1; b <= buckets; b++) starts[b] += starts[b - 1];
    for (let k = 0; k < n; k++) {
      const i = order[k];
      spare[starts[key[i]]++] = i;
    }
    const t = order;
    order = spare;
    spare = t;
  };
  for (let i = 0; i < n; i++) key[i] = PRIORITY_BY_NUMBER[candidates.kind[i]];
  pass(16);
  const codeRank = codeRanks(records);
  let codeBuckets = 0;
  for (let r = 0; r < codeRank.length; r++) if (codeRank[r] >= codeBuckets) codeBuckets = codeRank[r] + 1;
  for (let i = 0; i < n; i++) key[i] = codeRank[candidates.index[i]];
  pass(codeBuckets);
  // Unassigned calls ("" as owner) sort first among a day's calls, as the empty text does.
  const nameRank = ranks(["", ...names]);
  const ownerRank = new Int32Array(names.length + 1);
  names.forEach((name, id) => (ownerRank[id + 1] = nameRank.get(name) as number));
  const owners = nameRank.size;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = dates[i];
    if (d < min) min = d;
    if (d > max) max = d;
  }
  const days = max - min + 1;
  if (days * owners <= n + 65_536) {
    // Date and owner as one key (a year's working days × the staff: tens of thousands of buckets), one pass for
    // the two: the same order as by owner, then by date.
    for (let i = 0; i < n; i++) key[i] = (dates[i] - min) * owners + ownerRank[owner[i] + 1];
    pass(days * owners);
    return order;
  }
  for (let i = 0; i < n; i++) key[i] = ownerRank[owner[i] + 1];
  pass(owners);
  for (let i = 0; i < n; i++) key[i] = dates[i] - min;
  pass(days);
  return order;
}

/**
 * The pair of texts for each window (from, to): windows shared by many entries (a month, the days before a
 * festival) are one pair. Looked up a million times a run, by the window's first day and length: in a flat table
 * when the windows span few enough of them (a year's: a few hundred thousand slots), else in a map.
 */
class WindowPairs {
  private readonly base: number;
  private readonly width: number;
  private readonly table: (readonly [IsoDate, IsoDate] | undefined)[] | null;
  private readonly map = new Map<number, readonly [IsoDate, IsoDate]>();

  constructor(candidates: Candidates) {
    const n = candidates.size;
    let base = Infinity;
    let last = -Infinity;
    let longest = 0;
    let shortest = 0;
    for (let i = 0; i < n; i++) {
      const a = candidates.from[i];
      const length = candidates.to[i] - a;
      if (a < base) base = a;
      if (a > last) last = a;
      if (length > longest) longest = length;
      if (length < shortest) shortest = length;
    }
    this.base = base;
    this.width = longest + 1;
    const slots = (last - base + 1) * this.width;
    // The table's slots and the map's keys name the same windows when lengths are 0 to 65,535 days (past that, a
    // map key runs into the next day's, and the map keeps doing what it did).
    const flat = n > 0 && shortest === 0 && this.width <= 65_536 && slots <= 4 * n + 65_536;
    this.table = flat ? new Array<readonly [IsoDate, IsoDate] | undefined>(slots) : null;
  }

  of(a: number, b: number): readonly [IsoDate, IsoDate] {
    const table = this.table;
    if (table) {
      const slot = (a - this.base) * this.width + (b - a);
      let w = table[slot];
      if (!w) {
        w = windowPair(a, b);
        table[slot] = w;
      }
      return w;
    }
    const key = (a - this.base) * 65_536 + (b - a);
    let w = this.map.get(key);
    if (!w) {
      w = windowPair(a, b);
      this.map.set(key, w);
    }
    return w;
  }
}

/** Ranks of strings in code-unit order (as `compareEntries` orders them), so sorting compares numbers. */
function ranks(values: readonly string[]): Map<string, number> {
  // The default sort compares strings by UTF-16 code units, exactly as `<` does, without calling back into JS.
  const unique = [...new Set(values)].sort();
  return new Map(unique.map((v, i) => [v, i]));
}

/** Each record's rank among the distinct customer codes, in code-unit order. */
function codeRanks(records: readonly CustomerRecord[]): Int32Array {
  const rank = new Int32Array(records.length);
  // Archives are usually kept in code order: then the ranks are the positions, with no sort and no map.
  let sorted = true;
  for (let i = 1; i < records.length && sorted; i++) sorted = records[i - 1].code < records[i].code;
  if (sorted) {
    for (let i = 0; i < records.length; i++) rank[i] = i;
    return rank;
  }
  const byCode = ranks(records.map((r) => r.code));
  for (let i = 0; i < records.length; i++) rank[i] = byCode.get(records[i].code) as number;
  return rank;
}

/**
 * One entry, every one made by this one literal at module level: the same properties in the same order (one
 * object shape), and one allocation site whose feedback lasts from one schedule to the next.
 */
function newEntry(
  r: CustomerRecord,
  date: IsoDate,
  kind: CallbackKind,
  window: readonly [IsoDate, IsoDate],
  owner: string,
  category: ContentCategory,
  purpose: BilingualText,
  script: string,
): CallbackEntry {
  return {
    code: r.code,
    name: r.name,
    row: r.row,
    date,
    kind,
    window,
    owner,
    category,
    purpose,
    script,
    contact: r.contactPerson,
    phone: r.phone,
  };
}

/**
 * The texts and pairs entries share (a day's text, a window's pair of texts, an opening per contact) are pure, so
 * they are kept from one schedule to the next, up to a bound. Besides the work saved, values kept are old objects
 * by the next run: V8 allocates the million entries in the old generation (it learns they live long), and storing
 * a young object into an old one costs a write barrier's slow path and a remembered-set slot for the next
 * scavenge to update, several per entry.
 */
const KEPT_LIMIT = 100_000;
const dayTexts = new Map<number, IsoDate>();
const windowPairs = new Map<number, readonly [IsoDate, IsoDate]>();
let keptScripts: { script: string; scriptNoContact: string; company: string; byContact: Map<string, string> } | null =
  null;

function dayText(day: number): IsoDate {
  let text = dayTexts.get(day);
  if (text === undefined) {
    if (dayTexts.size >= KEPT_LIMIT) dayTexts.clear();
    text = isoFromEpochDay(day);
    dayTexts.set(day, text);
  }
  return text;
}

/** Day numbers this far from 1970 (beyond the year 4800) are not kept: the key below holds two of them exactly. */
const KEPT_DAYS = 2 ** 20;

function windowPair(from: number, to: number): readonly [IsoDate, IsoDate] {
  if (Math.abs(from) >= KEPT_DAYS || Math.abs(to) >= KEPT_DAYS) return [dayText(from), dayText(to)];
  const key = (from + KEPT_DAYS) * 2 * KEPT_DAYS + (to + KEPT_DAYS);
  let pair = windowPairs.get(key);
  if (!pair) {
    if (windowPairs.size >= KEPT_LIMIT) windowPairs.clear();
    pair = [dayText(from), dayText(to)];
    windowPairs.set(key, pair);
  }
  return pair;
}

/** The openings by contact kept for these templates (a new map when the templates or the company change). */
function scriptsByContact(settings: ScheduleSettings): Map<string, string> {
  const { script, scriptNoContact, company } = settings;
  const kept = keptScripts;
  if (kept && kept.script === script && kept.scriptNoContact === scriptNoContact && kept.company === company) {
    if (kept.byContact.size >= KEPT_LIMIT) kept.byContact.clear();
    return kept.byContact;
  }
  keptScripts = { script, scriptNoContact, company, byContact: new Map() };
  return keptScripts.byContact;
}

/**
 * Makes the entries of one schedule from its candidates and where they were placed. A class rather than functions
 * made inside buildSchedule: V8 compiles its methods once and keeps them from run to run, where closures made anew
 * each run were compiled again every run, a million entries meanwhile made in the interpreter.
 */
class EntryMaker {
  /** A year of entries quotes a few hundred distinct dates: each day's text looked up by day number. */
  private readonly dayBase: number;
  private readonly days: (IsoDate | undefined)[] = [];
  private readonly windows: WindowPairs;
  private readonly owners: readonly string[];
  private readonly categories: readonly ContentCategory[];
  private readonly script: ReturnType<typeof compileScript>;
  /** Whether the opening names the caller: then it is made per entry. */
  private readonly perOwner: boolean;
  /** Each customer's opening, once made. */
  private readonly scripts: (string | undefined)[];
  /** When the opening with a contact does not name the customer, customers with the same contact share one text. */
  private readonly byContact: Map<string, string> | undefined;

  constructor(
    private readonly records: readonly CustomerRecord[],
    private readonly candidates: Candidates,
    private readonly dates: Int32Array,
    private readonly owner: Int32Array,
    names: readonly string[],
    settings: ScheduleSettings,
  ) {
    let dayBase = Infinity;
    for (let i = 0; i < candidates.size; i++) {
      if (candidates.from[i] < dayBase) dayBase = candidates.from[i];
      if (dates[i] < dayBase) dayBase = dates[i];
    }
    this.dayBase = dayBase;
    this.windows = new WindowPairs(candidates);
    this.owners = Array.from(names);
    this.categories = CALLBACK_KINDS.map((kind) => settings.rules[kind].category);
    this.script = compileScript(settings);
    this.perOwner = settings.script.includes("{owner}") || settings.scriptNoContact.includes("{owner}");
    this.scripts = new Array<string | undefined>(records.length);
    this.byContact = settings.script.includes("{customer}") ? undefined : scriptsByContact(settings);
  }

  entry(i: number): CallbackEntry {
    const { candidates } = this;
    const index = candidates.index[i];
    const kind = candidates.kind[i];
    const who = this.owner[i] < 0 ? "" : this.owners[this.owner[i]];
    return newEntry(
      this.records[index],
      this.iso(this.dates[i]),
      CALLBACK_KINDS[kind],
      this.windows.of(candidates.from[i], candidates.to[i]),
      who,
      this.categories[kind],
      candidates.purpose[i],
      this.scriptOf(index, who),
    );
  }

  private iso(day: number): IsoDate {
    const slot = day - this.dayBase;
    const days = this.days;
    let text = days[slot];
    if (text === undefined) {
      text = dayText(day);
      while (days.length < slot) days.push(undefined);
      days[slot] = text;
    }
    return text;
  }

  private scriptOf(index: number, owner: string): string {
    if (this.perOwner) return this.script(this.records[index], owner);
    let text = this.scripts[index];
    if (text === undefined) {
      const r = this.records[index];
      const byContact = this.byContact;
      if (byContact && r.contactPerson) {
        text = byContact.get(r.contactPerson);
        if (text === undefined) {
          text = this.script(r, owner);
          byContact.set(r.contactPerson, text);
        }
      } else text = this.script(r, owner);
      this.scripts[index] = text;
    }
    return text;
  }
}

export function buildSchedule(records: readonly CustomerRecord[], input: ScheduleInput): ScheduleResult {
  const calendar = input.calendar ?? createWorkCalendar();
  const { settings } = input;
  const from = epochDay(input.from);
  const to = epochDay(input.to);
  const contacts = input.sheet?.length ? sheetContacts(input.sheet, input, calendar) : undefined;
  const candidates = collectCandidates({ records, from, to, settings, calendar, grades: input.grades, contacts });
  // Owners as numbers: each customer's 负责人 (-1 for none) as an index into the distinct names.
  const jobNames: string[] = [];
  const nameId = new Map<string, number>();
  const ownerOf = new Int32Array(records.length);
  records.forEach((r, i) => {
    const name = r.owner?.trim() ?? "";
    let id = name ? nameId.get(name) : -1;
    if (id === undefined) {
      id = jobNames.push(name) - 1;
      nameId.set(name, id);
    }
    ownerOf[i] = id;
  });
  const n = candidates.size;
  const jobs: Jobs = {
    release: candidates.release.subarray(0, n),
    lastDay: candidates.lastDay.subarray(0, n),
    priority: new Uint8Array(n),
    owner: new Int32Array(n),
    names: jobNames,
  };
  for (let i = 0; i < n; i++) {
    jobs.priority[i] = PRIORITY_BY_NUMBER[candidates.kind[i]];
    jobs.owner[i] = ownerOf[candidates.index[i]];
  }
  const { dates, owner, names, warnings } = assignOwners(jobs, input.staff, settings.dailyCap, calendar);

  const order = entryOrder(candidates, records, dates, owner, names);
  const maker = new EntryMaker(records, candidates, dates, owner, names, settings);
  // Built in the candidates' own order (customer by customer, so the records are read in sequence), each
  // written to its sorted place. (An array made with a length keeps "holey" elements however it is filled, so
  // filling it with a placeholder first bought nothing: it was one more pass over a million slots.)
  const entries: CallbackEntry[] = new Array<CallbackEntry>(order.length);
  const place = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) place[order[k]] = k;
  for (let i = 0; i < n; i++) entries[place[i]] = maker.entry(i);
  // The years the plan depends on run to its last call and to the end of the last window it looked at.
  let lastDay = to;
  for (let i = 0; i < n; i++) if (dates[i] > lastDay) lastDay = dates[i];
  for (let i = 0; i < n; i++) if (candidates.to[i] > lastDay) lastDay = candidates.to[i];
  let lastBreak = -Infinity;
  const holiday = CALLBACK_KINDS.indexOf("holiday");
  for (let i = 0; i < n; i++) {
    if (candidates.kind[i] === holiday && candidates.to[i] + 1 > lastBreak) lastBreak = candidates.to[i] + 1;
  }
  return { entries, warnings: [...calendarWarnings(from, lastDay, lastBreak, calendar), ...warnings] };
}

/**
 * Years the plan depends on that the holiday data does not have yet: planned Monday–Friday, and said so. They are
 * the years from the period's start to its last planned call or the end of its last window (a call in December
 * 2026 that may be made until February 2027), and the year of the last greeting's break (元旦 2027 for a greeting
 * in late December 2026).
 */
function calendarWarnings(from: number, lastDay: number, lastBreak: number, calendar: WorkCalendar): ScheduleWarning[] {
  const years = new Set<number>();
  for (let y = ymdFromEpochDay(from)[0]; y <= ymdFromEpochDay(lastDay)[0]; y++) years.add(y);
  if (lastBreak > -Infinity) years.add(ymdFromEpochDay(lastBreak)[0]);
  const missing = [...years].filter((y) => !calendar.covers(y)).sort((a, b) => a - b);
  if (missing.length === 0) return [];
  const last = calendar.lastCoveredYear();
  const list = missing.join("、");
  return [
    {
      code: "calendar-not-covered",
      severity: "warning",
      message: {
        zh: `节假日数据（chinese-days）只收录到 ${last} 年：${list} 年按周一至周五为工作日排期，未计法定节假日和调休；国务院公布放假安排后请更新 chinese-days 并重新生成`,
        en: `the holiday data (chinese-days) reaches ${last} only: in ${missing.join(", ")} calls are planned Monday to Friday, without statutory holidays or make-up working days; update chinese-days once the State Council publishes the arrangement, and regenerate`,
      },
    },
  ];
}
