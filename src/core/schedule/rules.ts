// The callback rules (domain §4): each turns a customer's row into due windows, and the windows whose first
// working day falls in the period become candidates for the schedule. A year of 100,000 customers means
// millions of windows looked at, so the hot loop allocates nothing for windows that are not planned.
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { addMonthsToEpochDay, epochDay, epochDayFromYmd, isoFromEpochDay, ymdFromEpochDay } from "../calendar";
import type { BilingualText, CustomerRecord, Grade } from "../types";
import { Candidates, KIND } from "./candidates";
import type { ScheduleSettings } from "./config";
import { purposeOf } from "./content";
import { FESTIVALS, greetingWindows } from "./festivals";
import type { CallbackKind } from "./types";
import type { WorkCalendar } from "./workdays";

export interface RuleContext {
  records: readonly CustomerRecord[];
  /** The period, day numbers, inclusive. */
  from: number;
  to: number;
  settings: ScheduleSettings;
  calendar: WorkCalendar;
  grades: ReadonlyMap<string, Grade>;
  /** Calls on the 回访计划 sheet that count as contact (done, or planned for other periods), by customer code. */
  contacts?: ReadonlyMap<string, readonly number[]>;
}

const GRADES: readonly Grade[] = ["A", "B", "C", "D"];

/** Missed calls caught up may spread over the period's first week rather than all land on its first day. */
const CATCH_UP_SPREAD_DAYS = 6;

/** When a planned window's call may be made: filled by `Planner.admit`. */
interface Plan {
  release: number;
  lastDay: number;
}

/** A window shared by many customers (a month for the selection rules, the days before a festival). */
interface SharedWindow extends Plan {
  from: number;
  to: number;
}

class Planner {
  readonly plan: Plan = { release: 0, lastDay: 0 };
  private readonly catchUp: number;
  /** The period's first month as year × 12 + month, for counting months to it. */
  readonly firstMonth: number;

  constructor(private readonly ctx: RuleContext) {
    this.catchUp = ctx.settings.catchUpDays;
    const [y, m] = ymdFromEpochDay(ctx.from);
    this.firstMonth = y * 12 + m;
  }

  /**
   * Whether a window's call belongs to the period, filling `plan`: its first working day must fall in the period.
   * A one-off service callback whose window opened before the period and closed less than `catchUpDays` before
   * it, with no contact since, was missed: it is planned on the period's first working day. A service callback
   * counts as done when the customer was contacted on or after `doneFrom` (最近联系日期; NaN: not a service call).
   */
  admit(from: number, to: number, lastContact: number, doneFrom: number, oneOff: boolean): boolean {
    const { ctx, plan } = this;
    // Most windows of most customers are nowhere near the period: leave before asking the calendar.
    if (from > ctx.to || to + this.catchUp + 60 < ctx.from) return false;
    const first = ctx.calendar.nextWorkday(from);
    let release: number;
    if (first >= ctx.from && first <= ctx.to) release = first;
    else if (oneOff && first < ctx.from && to + this.catchUp >= ctx.from) {
      release = ctx.calendar.nextWorkday(ctx.from);
      if (release > ctx.to) return false;
    } else return false;
    if (lastContact >= doneFrom) return false;
    // A window with no working day in it is made up on the first working day after it.
    let last = ctx.calendar.previousWorkday(to);
    if (release > first) last = Math.max(last, ctx.calendar.previousWorkday(release + CATCH_UP_SPREAD_DAYS));
    plan.release = release;
    plan.lastDay = last >= release ? last : release;
    return true;
  }

  shared(from: number, to: number): SharedWindow {
    const release = this.ctx.calendar.nextWorkday(from);
    const last = this.ctx.calendar.previousWorkday(to);
    return { from, to, release, lastDay: last >= release ? last : release };
  }
}

/** Calendar-aligned cycles (months, quarters, half-years…) whose first working day falls in the period. */
function cycles(ctx: RuleContext, planner: Planner, months: number): SharedWindow[] {
  const [fy, fm] = ymdFromEpochDay(ctx.from);
  const [ty, tm] = ymdFromEpochDay(ctx.to);
  const result: SharedWindow[] = [];
  for (let c = Math.floor((fy * 12 + fm - 1) / months); c <= Math.floor((ty * 12 + tm - 1) / months); c++) {
    const start = epochDayFromYmd(Math.floor((c * months) / 12), ((c * months) % 12) + 1, 1);
    const w = planner.shared(start, addMonthsToEpochDay(start, months) - 1);
    if (w.release >= ctx.from && w.release <= ctx.to) result.push(w);
  }
  return result;
}

/** Greeting windows in the period, each with its purpose line per grade (null: that grade gets nothing). */
function greetings(
  ctx: RuleContext,
  planner: Planner,
): (SharedWindow & { purpose: Record<Grade, BilingualText | null> })[] {
  const h = ctx.settings.rules.holiday;
  if (!h.enabled) return [];
  const [fromYear] = ymdFromEpochDay(ctx.from);
  const [toYear] = ymdFromEpochDay(ctx.to);
  const years: number[] = [];
  for (let y = fromYear; y <= toYear + 1; y++) years.push(y);
  return greetingWindows(h.festivals, years, h.leadDays, ctx.calendar)
    .map((w) => {
      const festival = {
        zh: w.festivals.map((f) => FESTIVALS[f].name.zh).join("、"),
        en: w.festivals.map((f) => FESTIVALS[f].name.en).join(" and "),
      };
      const purpose = {} as Record<Grade, BilingualText | null>;
      for (const g of GRADES) {
        const call = h.call.includes(g);
        const gift = h.gift.includes(g);
        const card = h.card.includes(g);
        purpose[g] =
          call || gift || card
            ? keptPurpose(`holiday ${festival.zh} ${festival.en} ${+call}${+gift}${+card}`, () =>
                purposeOf("holiday", { festival, call, gift, card }),
              )
            : null;
      }
      return { ...planner.shared(w.from, w.to), purpose };
    })
    .filter((w) => w.release >= ctx.from && w.release <= ctx.to);
}

/**
 * Purpose lines are pure (the same facts make the same line) and shared by many entries, so they are kept from
 * one schedule to the next, up to a bound. Besides the work saved, a line kept is an old object by the next run:
 * V8 allocates the million entries in the old generation (it learns they live long), and storing a young object
 * into an old one costs a write barrier's slow path and a remembered-set slot for the next scavenge to update.
 */
const keptPurposes = new Map<string, BilingualText>();

/** The line kept under `key` (which names every fact the line quotes), made by `make` the first time. */
function keptPurpose(key: string, make: () => BilingualText): BilingualText {
  let purpose = keptPurposes.get(key);
  if (!purpose) {
    if (keptPurposes.size >= 100_000) keptPurposes.clear();
    purpose = make();
    keptPurposes.set(key, purpose);
  }
  return purpose;
}

/**
 * Purpose lines that quote a date (安装 2025-03-02), made once per kind and date: customers bought, had things
 * installed and repaired on the same few hundred days, and the line is the same for all of them.
 */
const datedPurposes = new Map<CallbackKind, Map<string | undefined, BilingualText>>();
let datedPurposeCount = 0;

function datedPurpose(kind: CallbackKind, date: string | undefined): BilingualText {
  // One map per kind, keyed by the date text itself: no key text is made per call.
  let byDate = datedPurposes.get(kind);
  if (!byDate) {
    byDate = new Map();
    datedPurposes.set(kind, byDate);
  }
  let purpose = byDate.get(date);
  if (!purpose) {
    purpose = purposeOf(kind, { date });
    if (datedPurposeCount >= 100_000) {
      for (const m of datedPurposes.values()) m.clear();
      datedPurposeCount = 0;
    }
    byDate.set(date, purpose);
    datedPurposeCount++;
  }
  return purpose;
}

/** The two rules counting months from the purchase, and their kinds' numbers: one list for every customer. */
const PURCHASE_RULES = (["purchase-4-6m", "purchase-10-12m"] as const).map((kind) => ({ kind, number: KIND[kind] }));

const day = (date: string | undefined) => (date ? dayOf(date) : NaN);

/**
 * A date's day number, as epochDay gives it. The records hold ISO dates (YYYY-MM-DD): read digit by digit here,
 * rather than through three slices and Number() each, half a million times a run; any other text goes the long way.
 */
function dayOf(date: string): number {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const y = digits(date, 0, 4);
    const m = digits(date, 5, 2);
    const d = digits(date, 8, 2);
    if (y >= 0 && m >= 0 && d >= 0) return epochDayFromYmd(y, m, d);
  }
  return epochDay(date);
}

/** The number written with `count` ASCII digits from `at`; -1 if any of them is not a digit. */
function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let k = at; k < at + count; k++) {
    const c = text.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export function collectCandidates(ctx: RuleContext): Candidates {
  const { records, settings } = ctx;
  const rules = settings.rules;
  // About a call a month per customer: room enough that the columns rarely need copying.
  const out = new Candidates(records.length * Math.ceil(1 + (ctx.to - ctx.from) / 30));
  const planner = new Planner(ctx);
  const plan = planner.plan;
  const [fromYear] = ymdFromEpochDay(ctx.from);
  const [toYear] = ymdFromEpochDay(ctx.to);

  // Purpose lines many entries share are made once (one object for every A customer's greeting).
  const greetingList = greetings(ctx, planner);
  const lowCycles = rules["low-satisfaction"].enabled
    ? cycles(ctx, planner, rules["low-satisfaction"].cycleMonths)
    : [];
  const lowPurpose = new Map<number, BilingualText>();
  const periodicPurpose = new Map<Grade, BilingualText>();
  const dormantCycles = rules.dormant.enabled ? cycles(ctx, planner, rules.dormant.cycleMonths) : [];
  const eligible: number[] = [];
  /** For 情感选择法: each customer's last contact (or purchase) on file, and their run of candidates. */
  const touched = new Float64Array(records.length).fill(NaN);
  const firstCandidate = new Int32Array(records.length + 1);

  for (let i = 0; i < records.length; i++) {
    firstCandidate[i] = out.size;
    const r = records[i];
    if (r.status === "lost" && !settings.includeLost) continue;
    eligible.push(i);
    const grade = ctx.grades.get(r.code) ?? settings.defaultGrade;
    const purchase = day(r.purchaseDate);
    const install = day(r.installDate);
    const contact = day(r.lastContactDate);

    if (rules.install.enabled && install === install) {
      const [a, b] = rules.install.days;
      if (planner.admit(install + a, install + b, contact, Math.max(install + a, install + 1), true)) {
        out.push(
          i,
          KIND.install,
          install + a,
          install + b,
          plan.release,
          plan.lastDay,
          datedPurpose("install", r.installDate),
        );
      }
    }
    if (purchase === purchase) {
      // The purchase date as year, month and day once, for the three rules counting months from it.
      const [py, pm, pd] = ymdFromEpochDay(purchase);
      for (const { kind, number } of PURCHASE_RULES) {
        if (!rules[kind].enabled) continue;
        const [a, b] = rules[kind].months;
        const from = monthsFrom(py, pm, pd, a);
        const to = monthsFrom(py, pm, pd, b);
        if (planner.admit(from, to, contact, from, true)) {
          out.push(i, number, from, to, plan.release, plan.lastDay, datedPurpose(kind, r.purchaseDate));
        }
      }
      if (rules.anniversary.enabled) {
        const from = monthsFrom(py, pm, pd, rules.anniversary.months);
        const to = from + rules.anniversary.days;
        if (planner.admit(from, to, contact, from, true)) {
          out.push(
            i,
            KIND.anniversary,
            from,
            to,
            plan.release,
            plan.lastDay,
            datedPurpose("anniversary", r.purchaseDate),
          );
        }
      }
    }
    const anchor = purchase === purchase ? purchase : install;
    const interval = rules.periodic.months[grade];
    if (rules.periodic.enabled && anchor === anchor && interval > 0) {
      // The interval is the grade's for the whole run: one line per grade, looked up without making a key text.
      let purpose = periodicPurpose.get(grade);
      if (!purpose) {
        purpose = keptPurpose(`periodic ${grade} ${interval}`, () =>
          purposeOf("periodic", { grade, months: interval }),
        );
        periodicPurpose.set(grade, purpose);
      }
      periodic(ctx, planner, out, i, anchor, interval, contact, purpose);
    }
    if (r.lastComplaintDate) event(ctx, planner, out, i, contact, "complaint", r.lastComplaintDate);
    if (r.lastProposalDate) event(ctx, planner, out, i, contact, "proposal", r.lastProposalDate);
    if (r.lastRepairDate) {
      event(ctx, planner, out, i, contact, "repair-dispatch", r.lastRepairDate);
      if (r.repairOverdue === true) event(ctx, planner, out, i, contact, "repair-overdue", r.lastRepairDate);
      if (rules["repair-followup"].enabled) {
        const d = dayOf(r.lastRepairDate);
        const [a, b] = rules["repair-followup"].days;
        if (planner.admit(d + a, d + b, contact, d + a, true)) {
          const purpose = datedPurpose("repair-followup", r.lastRepairDate);
          out.push(i, KIND["repair-followup"], d + a, d + b, plan.release, plan.lastDay, purpose);
        }
      }
    }
    if (lowCycles.length > 0 && r.satisfaction !== undefined && r.satisfaction < rules["low-satisfaction"].below) {
      const satisfaction = r.satisfaction;
      let purpose = lowPurpose.get(satisfaction);
      if (!purpose) {
        purpose = keptPurpose(`low-satisfaction ${satisfaction}`, () =>
          purposeOf("low-satisfaction", { satisfaction }),
        );
        lowPurpose.set(satisfaction, purpose);
      }
      for (const c of lowCycles) out.push(i, KIND["low-satisfaction"], c.from, c.to, c.release, c.lastDay, purpose);
    }
    for (const w of greetingList) {
      const purpose = w.purpose[grade];
      if (purpose) out.push(i, KIND.holiday, w.from, w.to, w.release, w.lastDay, purpose);
    }
    if (rules.birthday.enabled && r.birthday && rules.birthday.grades.includes(grade)) {
      birthdays(ctx, planner, out, i, r, fromYear, toYear);
    }
    const touch = contact === contact ? contact : purchase === purchase ? purchase : install;
    if (touch === touch) touched[i] = touch;
    else if (ctx.contacts?.has(r.code)) touched[i] = -Infinity; // known only from the sheet
  }
  firstCandidate[records.length] = out.size;
  const regular = out.size;
  if (rules.random.enabled && rules.random.size > 0)
    randomSample(ctx, out, eligible, cycles(ctx, planner, rules.random.cycleMonths));
  if (dormantCycles.length > 0) dormantCalls(ctx, out, regular, touched, firstCandidate, dormantCycles);
  return out;
}

/**
 * Complaints, proposals, repair staff sent, repairs overrun: "at once", on the day or the next working day. (A
 * function of its own rather than a closure made per customer: closures made in the hot loop cost.)
 */
function event(
  ctx: RuleContext,
  planner: Planner,
  out: Candidates,
  i: number,
  contact: number,
  kind: CallbackKind,
  date: string,
): void {
  if (!ctx.settings.rules[kind].enabled) return;
  const d = dayOf(date);
  const to = ctx.calendar.nextWorkday(d + 1);
  if (planner.admit(d, to, contact, d + 1, true)) {
    out.push(i, KIND[kind], d, to, planner.plan.release, planner.plan.lastDay, datedPurpose(kind, date));
  }
}

/** Months from an anchor's month, clamped to the month's end as addMonthsToEpochDay does, from its y/m/d. */
function monthsFrom(ay: number, am: number, ad: number, months: number): number {
  const index = ay * 12 + am - 1 + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return epochDayFromYmd(y, m, Math.min(ad, monthLength(y, m)));
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** daysInMonth, from a table made once (the windows ask it about a million times a run). */
function monthLength(y: number, m: number): number {
  return m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_LENGTHS[m - 1];
}

/**
 * After the first year (`afterMonths`), one call every N months by grade; the k-th window runs from
 * anchor + afterMonths + k·N months to the day before the next one, k ≥ 1 (k = 0 is the anniversary call).
 */
function periodic(
  ctx: RuleContext,
  planner: Planner,
  out: Candidates,
  i: number,
  anchor: number,
  interval: number,
  contact: number,
  purpose: BilingualText,
): void {
  const after = ctx.settings.rules.periodic.afterMonths;
  const [ay, am, ad] = ymdFromEpochDay(anchor);
  const monthsToPeriod = planner.firstMonth - (ay * 12 + am) - after;
  let k = Math.max(1, Math.floor(monthsToPeriod / interval) - 1);
  let from = monthsFrom(ay, am, ad, after + k * interval);
  while (from <= ctx.to) {
    const next = monthsFrom(ay, am, ad, after + (k + 1) * interval);
    if (planner.admit(from, next - 1, contact, from, false)) {
      out.push(i, KIND.periodic, from, next - 1, planner.plan.release, planner.plan.lastDay, purpose);
    }
    from = next;
    k++;
  }
}

/**
 * 情感选择法: a call for customers not contacted for longer than `days` at the start of a cycle. The calls this
 * plan makes count as contact (a customer called in March is not cold in April), and so do the last one on file
 * and the calls on the 回访计划 sheet (`ctx.contacts`: made, or planned by earlier plans); a customer with another
 * call in the same cycle needs no extra one. The answer does not depend on how the year is cut into periods.
 */
function dormantCalls(
  ctx: RuleContext,
  out: Candidates,
  regular: number,
  touched: Float64Array,
  firstCandidate: Int32Array,
  cycleList: readonly SharedWindow[],
): void {
  // The random sample came after the customer-by-customer pass: its calls count as contact too.
  const sampled = new Map<number, number[]>();
  for (let k = regular; k < out.size; k++) {
    const list = sampled.get(out.index[k]);
    if (list) list.push(out.release[k]);
    else sampled.set(out.index[k], [out.release[k]]);
  }
  const pass = new DormantPass(ctx, out, cycleList);
  for (let index = 0; index < touched.length; index++) {
    const last = touched[index];
    if (last !== last) continue;
    const onSheet = ctx.contacts?.get(ctx.records[index].code);
    pass.customer(index, last, firstCandidate[index], firstCandidate[index + 1], sampled.get(index), onSheet);
  }
}

/**
 * The dormant rule, one customer at a time. A class rather than a loop inside dormantCalls: V8 compiles the
 * method once and keeps it from run to run, where the loop was compiled anew each run (and ran in the interpreter
 * meanwhile).
 */
class DormantPass {
  private readonly limit: number;
  /** Customers last touched the same day share the line. */
  private readonly purposes = new Map<number, BilingualText>();
  /** The first and last day of the cycles, and each day's cycle (-1: between cycles). */
  private readonly first: number;
  private readonly end: number;
  private readonly cycleOf: Int16Array;
  /** For the customer being looked at: which cycles hold a call, and the latest call in each. */
  private readonly busy: Uint8Array;
  private readonly latest: Float64Array;

  constructor(
    ctx: RuleContext,
    private readonly out: Candidates,
    private readonly cycleList: readonly SharedWindow[],
  ) {
    this.limit = ctx.settings.rules.dormant.days;
    this.first = cycleList[0].from;
    this.end = cycleList[cycleList.length - 1].to;
    const cycleOf = new Int16Array(this.end - this.first + 1).fill(-1);
    cycleList.forEach((c, k) => cycleOf.fill(k, c.from - this.first, c.to - this.first + 1));
    this.cycleOf = cycleOf;
    this.busy = new Uint8Array(cycleList.length);
    this.latest = new Float64Array(cycleList.length);
  }

  /**
   * Each planned call marks its cycle busy and is the latest contact for the cycles after it: one pass over the
   * customer's calls (its run of candidates, then any sampled or on the sheet), then one over the cycles, with a
   * day → cycle table instead of searching. `last`: the latest contact on file.
   */
  customer(
    index: number,
    last: number,
    from: number,
    to: number,
    extra: readonly number[] | undefined,
    onSheet: readonly number[] | undefined,
  ): void {
    const { out, busy, latest, cycleList } = this;
    busy.fill(0);
    latest.fill(-Infinity);
    for (let k = from; k < to; k++) last = this.see(out.release[k], last);
    if (extra) for (const d of extra) last = this.see(d, last);
    if (onSheet) for (const d of onSheet) last = this.see(d, last);
    for (let k = 0; k < cycleList.length; k++) {
      const c = cycleList[k];
      const days = c.from - last;
      // -Infinity: no contact known before this cycle (only calls on the sheet, later ones): nothing to judge by.
      if (!busy[k] && days > this.limit && last > -Infinity) {
        out.push(index, KIND.dormant, c.from, c.to, c.release, c.lastDay, this.purpose(last, days));
        last = c.release;
      }
      if (latest[k] > last) last = latest[k];
    }
  }

  /** One call on day `d`, seen with `last` the customer's latest contact before the cycles; returns it, updated. */
  private see(d: number, last: number): number {
    if (d < this.first) return d > last ? d : last;
    if (d <= this.end) {
      const k = this.cycleOf[d - this.first];
      if (k >= 0) {
        this.busy[k] = 1;
        if (d > this.latest[k]) this.latest[k] = d;
      }
    }
    return last;
  }

  private purpose(last: number, days: number): BilingualText {
    const key = last * 4096 + Math.min(days, 4095);
    let purpose = this.purposes.get(key);
    if (!purpose) {
      purpose = keptPurpose(`dormant ${last} ${days}`, () =>
        purposeOf("dormant", { date: isoFromEpochDay(last), days }),
      );
      this.purposes.set(key, purpose);
    }
    return purpose;
  }
}

const LUNAR_MONTHS = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"];
const LUNAR_DAYS = (d: number) =>
  d === 10
    ? "初十"
    : d === 20
      ? "二十"
      : d === 30
        ? "三十"
        : ["初", "十", "廿"][Math.floor(d / 10)] + "〇一二三四五六七八九"[d % 10];

/** Birthday lines by calendar, month and day: the same for everyone born that day, and pure, so kept across runs. */
const birthdayPurposes = new Map<number, BilingualText>();

/** Birthdays in the period: solar ones each year (29 February on the 28th), lunar ones converted year by year. */
function birthdays(
  ctx: RuleContext,
  planner: Planner,
  out: Candidates,
  i: number,
  r: CustomerRecord,
  fromYear: number,
  toYear: number,
): void {
  const b = r.birthday;
  if (!b) return;
  const lead = ctx.settings.rules.birthday.leadDays;
  // A lunar date of one lunar year falls in that solar year or early in the next.
  for (let y = b.lunar ? fromYear - 1 : fromYear; y <= toYear + 1; y++) {
    const d = b.lunar
      ? ctx.calendar.lunarToSolar(y, b.month, b.day)
      : epochDayFromYmd(y, b.month, Math.min(b.day, monthLength(y, b.month)));
    if (d === null || !planner.admit(d - lead, d, NaN, NaN, false)) continue;
    const key = (b.lunar ? 1000 : 0) + b.month * 32 + b.day;
    let purpose = birthdayPurposes.get(key);
    if (!purpose) {
      const label: BilingualText = b.lunar
        ? { zh: `农历${LUNAR_MONTHS[b.month - 1]}月${LUNAR_DAYS(b.day)}`, en: `lunar ${b.month}/${b.day}` }
        : { zh: `${b.month}月${b.day}日`, en: `${b.month}/${b.day}` };
      purpose = purposeOf("birthday", { birthday: label });
      birthdayPurposes.set(key, purpose);
    }
    out.push(i, KIND.birthday, d - lead, d, planner.plan.release, planner.plan.lastDay, purpose);
  }
}

/** 32-bit mix of the seed with the cycle, so each month draws its own sample and every run draws the same one. */
function cycleSeed(seed: number, cycleStart: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ cycleStart;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** 随机选择法: a seeded sample of the configured size from the customers (optionally only some categories). */
function randomSample(
  ctx: RuleContext,
  out: Candidates,
  eligible: readonly number[],
  cycleList: readonly SharedWindow[],
): void {
  const rule = ctx.settings.rules.random;
  const pool = rule.categories.length
    ? eligible.filter((i) => rule.categories.includes(ctx.records[i].category ?? ""))
    : eligible;
  if (pool.length === 0) return;
  const purpose = keptPurpose("random", () => purposeOf("random", {}));
  for (const c of cycleList) {
    const rng = xoroshiro128plus(cycleSeed(rule.seed, c.from));
    const size = Math.min(rule.size, pool.length);
    // A partial Fisher–Yates shuffle over a sparse map of swaps: `size` draws, whatever the number of customers.
    const swaps = new Map<number, number>();
    const picked: number[] = [];
    for (let k = 0; k < size; k++) {
      const j = uniformInt(rng, k, pool.length - 1);
      const at = swaps.get(j) ?? j;
      swaps.set(j, swaps.get(k) ?? k);
      picked.push(pool[at]);
    }
    picked.sort((a, b) => a - b);
    for (const i of picked) out.push(i, KIND.random, c.from, c.to, c.release, c.lastDay, purpose);
  }
}
