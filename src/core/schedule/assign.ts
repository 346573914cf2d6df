// Who calls, and on which working day: the customer's 负责人 if set, otherwise the least-loaded colleague on duty,
// with a daily cap per person. A call that does not fit on its first day moves to the next working day inside
// its window; calls with the earliest deadline are placed first, which fits everything whenever anything can.
import { epochDay, isoFromEpochDay } from "../calendar";
import { PairHeap } from "./heap";
import type { ScheduleWarning, StaffMember } from "./types";
import type { WorkCalendar } from "./workdays";

/** The calls to place, one column per field (a year can hold a million calls). */
export interface Jobs {
  /** First working day each call may be made (day number). */
  release: Int32Array;
  /** Last working day it should be made (≥ release). */
  lastDay: Int32Array;
  /** Lower is more urgent, between calls due the same day (0–15). */
  priority: Uint8Array;
  /** The customer's 负责人, as an index into `names`; -1 to assign a colleague. */
  owner: Int32Array;
  names: readonly string[];
}

/** Jobs from a list of calls, for small inputs and tests. */
export function jobsFrom(
  list: readonly { release: number; lastDay: number; priority?: number; owner?: string }[],
): Jobs {
  const names = [...new Set(list.map((j) => j.owner ?? "").filter(Boolean))];
  return {
    release: Int32Array.from(list, (j) => j.release),
    lastDay: Int32Array.from(list, (j) => j.lastDay),
    priority: Uint8Array.from(list, (j) => j.priority ?? 0),
    owner: Int32Array.from(list, (j) => (j.owner ? names.indexOf(j.owner) : -1)),
    names,
  };
}

/** Where each job went, by job number: the day and the person (an index into `names`; -1: nobody could take it). */
export interface Assignment {
  dates: Int32Array;
  owner: Int32Array;
  /** The jobs' names, then the staff's not among them. */
  names: string[];
  warnings: ScheduleWarning[];
}

/**
 * Job numbers in the order added, in room kept from one day to the next: a JS array emptied with `length = 0`
 * gives its room back and grows again from nothing, a million pushes a run.
 */
class JobList {
  private items = new Int32Array(16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(job: number): void {
    if (this.count === this.items.length) {
      const items = new Int32Array(this.count * 2);
      items.set(this.items);
      this.items = items;
    }
    this.items[this.count++] = job;
  }

  forEach(take: (job: number) => void): void {
    for (let i = 0; i < this.count; i++) take(this.items[i]);
  }

  clear(): void {
    this.count = 0;
  }
}

/**
 * One person on the staff list while calls are placed. A class, every field set in the constructor with the kind
 * of value it keeps: the objects of one run and the next share one shape, so code compiled for one run still
 * fits the next.
 */
class StaffState {
  /** In work at all (在岗), and a cap from 0 to 4095. */
  readonly active: boolean;
  readonly cap: number;
  /** Days off as day numbers, two per leave (first, last). */
  readonly leave: Int32Array;
  /** The day being filled, that day's calls, and whether the person works that day. */
  day = 0;
  today = 0;
  onDuty = false;
  total = 0;
  /** Own calls waiting, by key (see `keyOf`). */
  readonly heap = new PairHeap();
  /** Calls released today, not yet in the heap: on a day everything fits they never need to be. */
  readonly incoming = new JobList();
  /** Days on which this person got more calls than the cap: day → calls over. */
  readonly over = new Map<number, number>();

  constructor(
    readonly member: StaffMember,
    /** Index of the name in the assignment's names. */
    readonly id: number,
    readonly position: number,
    defaultCap: number,
  ) {
    this.active = member.active;
    this.cap = Math.min(member.dailyCap ?? defaultCap, 4095);
    this.leave = Int32Array.from(member.leave.flatMap((l) => [epochDay(l.from), epochDay(l.to)]));
  }

  onLeave(day: number): boolean {
    const leave = this.leave;
    for (let k = 0; k < leave.length; k += 2) if (day >= leave[k] && day <= leave[k + 1]) return true;
    return false;
  }

  /** Whether some leave overlaps the days from `from` to `to`. */
  leaveWithin(from: number, to: number): boolean {
    const leave = this.leave;
    for (let k = 0; k < leave.length; k += 2) if (leave[k] <= to && leave[k + 1] >= from) return true;
    return false;
  }
}

const KEY_PRIORITY = 4_294_967_296;
const KEY_DAY = 16 * KEY_PRIORITY;

/**
 * Jobs renumbered by release day, a counting sort (the heaps order jobs released the same day): `order[p]` is the
 * job at place p. The columns are copied to their places in the same pass, reading the caller's columns front to
 * back (scattered writes cost less than scattered reads).
 */
function byRelease(jobs: Jobs): {
  order: Int32Array;
  release: Int32Array;
  lastDay: Int32Array;
  priority: Uint8Array;
  jobOwner: Int32Array;
} {
  const n = jobs.release.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = jobs.release[i];
    if (d < min) min = d;
    if (d > max) max = d;
  }
  const starts = new Int32Array(max - min + 2);
  for (let i = 0; i < n; i++) starts[jobs.release[i] - min + 1]++;
  for (let d = 1; d < starts.length; d++) starts[d] += starts[d - 1];
  const order = new Int32Array(n);
  const release = new Int32Array(n);
  const lastDay = new Int32Array(n);
  const priority = new Uint8Array(n);
  const jobOwner = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const d = jobs.release[i];
    const p = starts[d - min]++;
    order[p] = i;
    release[p] = d;
    lastDay[p] = jobs.lastDay[i];
    priority[p] = jobs.priority[i];
    jobOwner[p] = jobs.owner[i];
  }
  return { order, release, lastDay, priority, jobOwner };
}

/** Fewest calls today, then fewest overall, then list order: one number (≤ 4095 a day, < 2^31 overall, < 1024 people). */
const loadKey = (s: StaffState) => (s.today * 2_147_483_648 + s.total) * 1024 + (s.position % 1024);

export function assignOwners(
  jobs: Jobs,
  staff: readonly StaffMember[],
  defaultCap: number,
  calendar: WorkCalendar,
): Assignment {
  const n = jobs.release.length;
  const names = jobs.names.slice();
  if (n === 0) return { dates: new Int32Array(0), owner: new Int32Array(0), names, warnings: [] };
  if (staff.length === 0) return withoutStaff(jobs);
  // Jobs are renumbered in the order they are released, so the loops below read their columns front to back
  // instead of jumping about arrays of a million; the results are put back in the caller's order at the end.
  const { order, release, lastDay, priority, jobOwner } = byRelease(jobs);
  const nameId = new Map(names.map((name, i) => [name, i]));
  const idOf = (name: string) => {
    let id = nameId.get(name);
    if (id === undefined) {
      id = names.push(name) - 1;
      nameId.set(name, id);
    }
    return id;
  };
  const states = staff.map((member, position) => new StaffState(member, idOf(member.name), position, defaultCap));
  // Each job's 负责人 as a person on the staff list (or none: not on the list).
  const stateOf: (StaffState | undefined)[] = names.map(() => undefined);
  for (const s of states) stateOf[s.id] = s;
  const placer = new Placer(release, lastDay, priority, jobOwner, states, stateOf, names, calendar);
  placer.run();
  const { dates, owner } = placer;
  // Back in the caller's order, into the room of the release-ordered columns (no longer needed).
  const datesOut = release;
  const ownerOut = lastDay;
  for (let p = 0; p < n; p++) {
    datesOut[order[p]] = dates[p];
    ownerOut[order[p]] = owner[p];
  }
  const warnings = warningsOf(states, placer.reassigned, placer.unknownOwners, placer.unplaced);
  return { dates: datesOut, owner: ownerOut, names, warnings };
}

/**
 * The placing of one set of jobs, numbered by release (see assignOwners). A class rather than functions made
 * inside assignOwners: V8 compiles its methods once and keeps them from run to run, where closures made anew each
 * run (and each day) were compiled again every run, their calls meanwhile running in the interpreter.
 */
class Placer {
  /** Where each job went: the day, and the person as an index into the names (-1 until placed). */
  readonly dates: Int32Array;
  readonly owner: Int32Array;
  readonly unknownOwners = new Map<string, number>();
  readonly reassigned = new Map<string, number>();
  unplaced = 0;
  /** Jobs released and not yet placed. */
  private pending = 0;
  /** The first deadline: keys count days from it. */
  private readonly keyBase: number;
  /** Calls with no 负责人 (or one away for their whole window), waiting, by key; and those released today. */
  private readonly pool = new PairHeap();
  private readonly poolIncoming = new JobList();
  /** While a day is filled: people by their most urgent own call, and by load (see fillDay). */
  private readonly own = new PairHeap();
  private readonly load = new PairHeap();
  /** Load keys are distinct while positions are (below 1024 people): then an outdated one may be raised in place. */
  private readonly distinctLoads: boolean;

  constructor(
    private readonly release: Int32Array,
    private readonly lastDay: Int32Array,
    private readonly priority: Uint8Array,
    private readonly jobOwner: Int32Array,
    private readonly states: readonly StaffState[],
    private readonly stateOf: readonly (StaffState | undefined)[],
    private readonly names: readonly string[],
    private readonly calendar: WorkCalendar,
  ) {
    const n = release.length;
    this.dates = new Int32Array(n);
    this.owner = new Int32Array(n).fill(-1);
    let keyBase = Infinity;
    for (let p = 0; p < n; p++) if (lastDay[p] < keyBase) keyBase = lastDay[p];
    this.keyBase = keyBase;
    this.distinctLoads = states.length <= 1024;
  }

  /**
   * Earliest deadline first, then urgency, then the order given: one number per job, so the heaps compare numbers
   * (made when a job goes into a heap, rather than kept for every job). Deadlines are days from the earliest one
   * (< 2^16 for any period Rapport accepts), jobs fewer than 2^32: distinct jobs have distinct keys.
   */
  private keyOf(job: number): number {
    return (this.lastDay[job] - this.keyBase) * KEY_DAY + this.priority[job] * KEY_PRIORITY + job;
  }

  run(): void {
    const { release, states, pool } = this;
    const n = release.length;
    let next = 0;
    let day = release[0];
    while (next < n || this.pending > 0) {
      if (this.pending === 0) day = Math.max(day, release[next]);
      while (next < n && release[next] <= day) this.admit(next++);
      this.fillDay(day);
      // Keys start with the deadline: every key below this one is a call due today at the latest.
      const dueBy = (day + 1 - this.keyBase) * KEY_DAY;
      // Calls whose window ends today cannot wait any longer: over the cap, and reported.
      for (const s of states) {
        while (s.heap.size > 0 && s.heap.topKey() < dueBy) {
          const j = s.heap.take();
          if (s.onDuty && s.cap > 0) this.place(j, s);
          else this.force(j, day);
        }
      }
      while (pool.size > 0 && pool.topKey() < dueBy) this.force(pool.take(), day);
      day = this.calendar.nextWorkday(day + 1);
    }
  }

  /** A job on its release day: to its 负责人's list, to the pool, or (owner not on the staff list) placed. */
  private admit(j: number): void {
    const id = this.jobOwner[j];
    this.pending++;
    if (id < 0) {
      this.poolIncoming.push(j);
      return;
    }
    const s = this.stateOf[id];
    if (!s) {
      // Not on the staff list: the company gave this person no cap or leave, so none applies.
      this.dates[j] = this.release[j];
      this.owner[j] = id;
      this.pending--;
      const name = this.names[id];
      this.unknownOwners.set(name, (this.unknownOwners.get(name) ?? 0) + 1);
    } else if (!this.availableWithin(s, this.release[j], this.lastDay[j])) {
      const name = this.names[id];
      this.reassigned.set(name, (this.reassigned.get(name) ?? 0) + 1);
      this.poolIncoming.push(j);
    } else s.incoming.push(j);
  }

  private availableWithin(s: StaffState, from: number, to: number): boolean {
    // A cap of 0 is someone who takes no calls, like a person off duty.
    if (!s.active || s.cap === 0) return false;
    if (!s.leaveWithin(from, to)) return true;
    const calendar = this.calendar;
    for (let d = calendar.nextWorkday(from); d <= to; d = calendar.nextWorkday(d + 1)) if (!s.onLeave(d)) return true;
    return false;
  }

  private place(job: number, s: StaffState): void {
    s.today++;
    s.total++;
    if (s.today > s.cap) s.over.set(s.day, (s.over.get(s.day) ?? 0) + 1);
    this.dates[job] = s.day;
    this.owner[job] = s.id;
    this.pending--;
  }

  /** A call that cannot wait: to the person on duty with the fewest calls today, whatever the cap. */
  private force(job: number, day: number): void {
    let best: StaffState | undefined;
    for (const s of this.states) {
      if (s.onDuty && s.cap > 0 && (!best || loadKey(s) < loadKey(best))) best = s;
    }
    if (best) this.place(job, best);
    else {
      this.dates[job] = day;
      this.owner[job] = this.jobOwner[job];
      this.pending--;
      this.unplaced++;
    }
  }

  /**
   * Fills one day's capacity with the most urgent calls first, across everyone's own customers and the customers
   * with no 负责人 alike (who go to the least-loaded colleague), so a call due today is never pushed over the cap by
   * one that could still wait. Each person has one entry in each heap; keys only grow during a day, so an entry
   * found outdated at the top is put back with its current key (a lazy update), and a full person's is dropped.
   */
  private fillDay(day: number): void {
    const { own, load } = this;
    own.clear();
    load.clear();
    for (const s of this.states) {
      s.day = day;
      s.today = 0;
      s.onDuty = s.active && !s.onLeave(day);
      if (!s.onDuty || s.cap === 0) continue;
      load.push(loadKey(s), s.position);
    }
    if (this.everythingFits()) this.placeAll();
    else this.placeByUrgency();
  }

  private everythingFits(): boolean {
    let spare = 0;
    for (const s of this.states) {
      if (!s.onDuty || s.cap === 0) continue;
      const waiting = s.heap.size + s.incoming.size;
      if (waiting > s.cap) return false;
      spare += s.cap - waiting;
    }
    return this.pool.size + this.poolIncoming.size <= spare;
  }

  /** On most days every call waiting can be made: no order to keep, so no heap to pop one call at a time. */
  private placeAll(): void {
    for (const s of this.states) {
      if (s.onDuty && s.cap > 0) {
        s.heap.drain((job) => this.place(job, s));
        s.incoming.forEach((job) => this.place(job, s));
      } else s.incoming.forEach((job) => s.heap.push(this.keyOf(job), job)); // off today: they wait, or are forced
      s.incoming.clear();
    }
    const take = (job: number) => this.place(job, this.loadTop() as StaffState);
    this.pool.drain(take);
    this.poolIncoming.forEach(take);
    this.poolIncoming.clear();
  }

  /** Some calls must wait: today's go into the heaps, which give them out most urgent first. */
  private placeByUrgency(): void {
    const { own, pool, poolIncoming } = this;
    for (const s of this.states) {
      s.incoming.forEach((job) => s.heap.push(this.keyOf(job), job));
      s.incoming.clear();
      if (s.onDuty && s.cap > 0 && s.heap.size > 0) own.push(s.heap.topKey(), s.position);
    }
    poolIncoming.forEach((job) => pool.push(this.keyOf(job), job));
    poolIncoming.clear();
    for (;;) {
      const s = this.ownTop();
      const ownKey = s ? s.heap.topKey() : Infinity;
      if (pool.size > 0 && pool.topKey() < ownKey) {
        const t = this.loadTop();
        if (t) {
          this.place(pool.take(), t);
          continue;
        }
      }
      if (!s) return;
      this.place(s.heap.take(), s);
    }
  }

  /**
   * The person whose most urgent own call comes first, with room today. An outdated key is raised in place (one
   * sift down, not a pop and a push): the keys in `own` are distinct jobs' keys, so the top is the same either way.
   */
  private ownTop(): StaffState | undefined {
    const own = this.own;
    while (own.size > 0) {
      const s = this.states[own.topId()];
      const key = own.topKey();
      if (s.today >= s.cap || s.heap.size === 0) own.pop();
      else if (key === s.heap.topKey()) return s;
      else own.raiseTop(s.heap.topKey());
    }
    return undefined;
  }

  /** The least-loaded person with room today. */
  private loadTop(): StaffState | undefined {
    const load = this.load;
    while (load.size > 0) {
      const s = this.states[load.topId()];
      const key = load.topKey();
      if (s.today >= s.cap) load.pop();
      else if (key === loadKey(s)) return s;
      else if (this.distinctLoads) load.raiseTop(loadKey(s));
      else {
        load.pop();
        load.push(loadKey(s), s.position);
      }
    }
    return undefined;
  }
}

function warningsOf(
  states: readonly StaffState[],
  reassigned: ReadonlyMap<string, number>,
  unknownOwners: ReadonlyMap<string, number>,
  unplaced: number,
): ScheduleWarning[] {
  const warnings: ScheduleWarning[] = [];
  for (const s of states) {
    if (s.over.size === 0) continue;
    const days = [...s.over.keys()].sort((a, b) => a - b);
    const extra = [...s.over.values()].reduce((a, b) => a + b, 0);
    const first = isoFromEpochDay(days[0]);
    warnings.push({
      code: "over-capacity",
      severity: "error",
      owner: s.member.name,
      date: first,
      count: extra,
      message: {
        zh: `${s.member.name}：有 ${days.length} 天的回访超过每日上限 ${s.cap} 个（共多出 ${extra} 个，最早 ${first}），在回访窗口内排不开：请增加人手或调整上限`,
        en: `${s.member.name}: on ${days.length} day(s) more calls than the daily cap of ${s.cap} (${extra} over in all, first on ${first}); they do not fit inside their windows: add staff or raise the cap`,
      },
    });
  }
  for (const [owner, n] of reassigned) {
    warnings.push({
      code: "owner-unavailable",
      severity: "warning",
      owner,
      count: n,
      message: {
        zh: `${owner} 在回访窗口内休假或不在岗：${n} 个回访改由同事负责`,
        en: `${owner} is on leave or off duty for the whole window: ${n} call(s) given to colleagues`,
      },
    });
  }
  if (unknownOwners.size > 0) {
    const names = [...unknownOwners.keys()];
    const n = [...unknownOwners.values()].reduce((a, b) => a + b, 0);
    warnings.push({
      code: "unknown-owner",
      severity: "warning",
      count: n,
      message: {
        zh: `负责人 ${names.join("、")} 不在人员名单中：他们的 ${n} 个回访不受每日上限和休假限制`,
        en: `owner(s) ${names.join(", ")} are not on the staff list: their ${n} call(s) have no daily cap or leave applied`,
      },
    });
  }
  if (unplaced > 0) warnings.push(nobodyWarning(unplaced));
  return warnings;
}

function nobodyWarning(n: number): ScheduleWarning {
  return {
    code: "no-staff",
    severity: "error",
    count: n,
    message: {
      zh: `${n} 个回访没有负责人，也没有在岗的人员可以分配：请填写负责人，或在人员表/配置中列出人员`,
      en: `${n} call(s) have no owner and nobody on duty to take them: fill in 负责人, or list staff in the 人员 sheet or the config`,
    },
  };
}

/** Without a staff list there are no caps or leave: calls go to the 负责人 on their first working day. */
function withoutStaff(jobs: Jobs): Assignment {
  const dates = Int32Array.from(jobs.release);
  const owner = Int32Array.from(jobs.owner);
  let unassigned = 0;
  for (const id of owner) if (id < 0) unassigned++;
  return { dates, owner, names: jobs.names.slice(), warnings: unassigned > 0 ? [nobodyWarning(unassigned)] : [] };
}
