import { describe, expect, it } from "vitest";
import {
  buildSchedule,
  compareEntries,
  entryToRow,
  readScheduleSheet,
  scheduleSheetRows,
  type CallbackEntry,
  type ScheduleRow,
} from "../../../src/core/schedule";
import type { Grade } from "../../../src/core/types";
import { customer, lines, only, plan, settingsOf } from "./helpers";

const DEC = ["2026-12-01", "2026-12-31"] as const;

describe("install: within 3 days after installation", () => {
  it("plans the first working day of the 3 days after", () => {
    const r = plan([customer({ installDate: "2026-12-03" }), customer({ installDate: "2026-12-04" })], ...DEC, {
      rules: ["install"],
    });
    // 12-04 is a Friday; the window of the Friday installation starts on a weekend and moves to Monday.
    expect(lines(r)).toEqual([
      "2026-12-04 install 2026-12-04..2026-12-06",
      "2026-12-07 install 2026-12-05..2026-12-07",
    ]);
    expect(r.entries[0]).toMatchObject({ category: "guidance", purpose: { zh: expect.stringContaining("安装人员") } });
  });

  it("is retuned by config", () => {
    const r = plan([customer({ installDate: "2026-12-03" })], ...DEC, {
      rules: ["install"],
      section: { rules: { install: { days: [0, 2] } } },
    });
    expect(lines(r)).toEqual(["2026-12-03 install 2026-12-03..2026-12-05"]);
  });
});

describe("purchase windows", () => {
  it("4–6 months after purchase", () => {
    const r = plan([customer({ purchaseDate: "2026-08-15" })], ...DEC, { rules: ["purchase-4-6m"] });
    expect(lines(r)).toEqual(["2026-12-15 purchase-4-6m 2026-12-15..2027-02-15"]);
    expect(r.entries[0].category).toBe("explanation");
  });

  it("10–12 months after purchase", () => {
    const r = plan([customer({ purchaseDate: "2026-02-10" })], ...DEC, { rules: ["purchase-10-12m"] });
    expect(lines(r)).toEqual(["2026-12-10 purchase-10-12m 2026-12-10..2027-02-10"]);
    expect(r.entries[0].category).toBe("advice");
  });

  it("anniversary: one year after purchase, a week's window (12-12 is a Saturday)", () => {
    const r = plan([customer({ purchaseDate: "2025-12-12" })], ...DEC, { rules: ["anniversary"] });
    expect(lines(r)).toEqual(["2026-12-14 anniversary 2026-12-12..2026-12-19"]);
  });

  it("clamps month ends (07-31 + 4 months = 11-30) and catches up a window opened before the period", () => {
    const missed = customer({ purchaseDate: "2026-07-31" });
    const done = customer({ purchaseDate: "2026-07-31", lastContactDate: "2026-11-30" });
    const r = plan([missed, done], ...DEC, { rules: ["purchase-4-6m"] });
    expect(r.entries.map((e) => `${e.code} ${e.date} ${e.window.join("..")}`)).toEqual([
      `${missed.code} 2026-12-01 2026-11-30..2027-01-31`,
    ]);
  });
});

describe("periodic: after the first year, by grade", () => {
  const grades = (g: Grade | undefined, code: string) => new Map(g ? [[code, g]] : []);

  it.each([
    ["A", "2026-12-10..2027-01-09"],
    ["B", "2026-12-10..2027-03-09"],
    ["C", "2026-12-10..2027-06-09"],
    [undefined, "2026-12-10..2027-06-09"], // no grade: the default C
  ] as const)("grade %s", (grade, window) => {
    const c = customer({ purchaseDate: "2025-06-10" });
    const r = plan([c], ...DEC, { rules: ["periodic"], grades: grades(grade, c.code) });
    expect(lines(r)).toEqual([`2026-12-10 periodic ${window}`]);
    expect(r.entries[0].purpose.zh).toContain(`${grade ?? "C"} 类客户`);
  });

  it("grade D is yearly: nothing in this December", () => {
    const c = customer({ purchaseDate: "2025-06-10" });
    expect(plan([c], ...DEC, { rules: ["periodic"], grades: grades("D", c.code) }).entries).toEqual([]);
  });

  it("intervals are configurable, 0 switches a grade off", () => {
    const a = customer({ purchaseDate: "2025-06-10" });
    const d = customer({ purchaseDate: "2025-06-10" });
    const r = plan([a, d], ...DEC, {
      rules: ["periodic"],
      grades: new Map([
        [a.code, "A"],
        [d.code, "D"],
      ]),
      section: { rules: { periodic: { months: { A: 2, D: 0 } } } },
    });
    expect(lines(r)).toEqual(["2026-12-10 periodic 2026-12-10..2027-02-09"]);
  });

  it("a year's plan calls a grade A customer every month", () => {
    const c = customer({ purchaseDate: "2024-03-15" });
    const r = plan([c], "2026-01-01", "2026-12-31", { rules: ["periodic"], grades: grades("A", c.code) });
    expect(r.entries.map((e) => e.window[0])).toEqual(
      ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => `2026-${m}-15`),
    );
  });
});

describe("special callbacks: at once", () => {
  it("a complaint: on its day, or the next working day", () => {
    const r = plan(
      [customer({ lastComplaintDate: "2026-12-05" }), customer({ lastComplaintDate: "2026-12-08" })],
      ...DEC,
      { rules: ["complaint"] },
    );
    expect(lines(r)).toEqual([
      "2026-12-07 complaint 2026-12-05..2026-12-07",
      "2026-12-08 complaint 2026-12-08..2026-12-09",
    ]);
    expect(r.entries[0].category).toBe("mediation");
  });

  it("the contact that brought the complaint is not the callback; a later contact is", () => {
    const same = customer({ lastComplaintDate: "2026-12-08", lastContactDate: "2026-12-08" });
    const later = customer({ lastComplaintDate: "2026-12-08", lastContactDate: "2026-12-09" });
    const r = plan([same, later], ...DEC, { rules: ["complaint"] });
    expect(r.entries.map((e) => e.code)).toEqual([same.code]);
  });

  it("a complaint missed shortly before the period is caught up on its first day; an old one is not", () => {
    const recent = customer({ lastComplaintDate: "2026-11-25" });
    const old = customer({ lastComplaintDate: "2026-11-10" });
    const r = plan([recent, old], ...DEC, { rules: ["complaint"] });
    expect(r.entries.map((e) => `${e.code} ${e.date}`)).toEqual([`${recent.code} 2026-12-01`]);
  });

  it("a proposal", () => {
    const r = plan([customer({ lastProposalDate: "2026-12-08" })], ...DEC, { rules: ["proposal"] });
    expect(lines(r)).toEqual(["2026-12-08 proposal 2026-12-08..2026-12-09"]);
    expect(r.entries[0].purpose.zh).toContain("提案已收到");
  });

  it("repairs: staff sent, overrun (only when marked), and 3–5 days after", () => {
    const overrun = customer({ lastRepairDate: "2026-12-03", repairOverdue: true });
    const onTime = customer({ lastRepairDate: "2026-12-03", repairOverdue: false });
    const r = plan([overrun, onTime], ...DEC, { rules: ["repair-dispatch", "repair-overdue", "repair-followup"] });
    expect(r.entries.map((e) => `${e.code} ${e.date} ${e.kind}`)).toEqual([
      `${overrun.code} 2026-12-03 repair-overdue`,
      `${overrun.code} 2026-12-03 repair-dispatch`,
      `${onTime.code} 2026-12-03 repair-dispatch`,
      `${overrun.code} 2026-12-07 repair-followup`,
      `${onTime.code} 2026-12-07 repair-followup`,
    ]);
    expect(r.entries.find((e) => e.kind === "repair-followup")?.window).toEqual(["2026-12-06", "2026-12-08"]);
  });
});

describe("selection rules", () => {
  it("low satisfaction: below the threshold, once per month", () => {
    const low = customer({ satisfaction: 50 });
    const fine = customer({ satisfaction: 75 });
    expect(lines(plan([low, fine], ...DEC, { rules: ["low-satisfaction"] }))).toEqual([
      "2026-12-01 low-satisfaction 2026-12-01..2026-12-31",
    ]);
    const r = plan([low, fine], ...DEC, {
      rules: ["low-satisfaction"],
      section: { rules: { "low-satisfaction": { below: 80 } } },
    });
    expect(r.entries).toHaveLength(2);
    expect(r.entries[1].purpose.zh).toContain("75/100");
  });

  it("dormant: no contact for longer than the configured days", () => {
    const cold = customer({ lastContactDate: "2026-08-01" });
    const warm = customer({ lastContactDate: "2026-10-01" });
    const r = plan([cold, warm], ...DEC, { rules: ["dormant"] });
    expect(r.entries.map((e) => e.code)).toEqual([cold.code]);
    expect(r.entries[0]).toMatchObject({ category: "relationship", date: "2026-12-01" });
    expect(r.entries[0].purpose.zh).toContain("2026-08-01");
    expect(r.entries[0].purpose.zh).toContain("122 天");
  });

  it("dormant: a customer with another call in the month is not called again for it", () => {
    const c = customer({ lastContactDate: "2026-08-01", satisfaction: 25 });
    expect(plan([c], ...DEC, { rules: ["dormant", "low-satisfaction"] }).entries.map((e) => e.kind)).toEqual([
      "low-satisfaction",
    ]);
  });

  it("dormant over a year: the plan's own calls count as contact", () => {
    // May 1–5 2026 is the Labour Day break: May's call is on the 6th.
    const c = customer({ lastContactDate: "2026-01-01" });
    const r = plan([c], "2026-01-01", "2026-12-31", { rules: ["dormant"] });
    expect(r.entries.map((e) => e.date)).toEqual(["2026-05-06", "2026-09-01", "2026-12-01"]);
  });

  /** Entries as Rapport writes them on the 回访计划 sheet, read back (with a person's edits). */
  const onSheet = (entries: CallbackEntry[], edit?: (row: ScheduleRow) => void): ScheduleRow[] => {
    const { header, values } = scheduleSheetRows(entries.map(entryToRow));
    const read = readScheduleSheet({ name: "回访计划", firstRow: 1, firstColumn: 1, values: [header, ...values] });
    if (!read) throw new Error("not read");
    read.rows.forEach((r) => edit?.(r));
    return read.rows;
  };

  it("dormant: calls made on the 回访计划 sheet count as contact", () => {
    const called = customer({ lastContactDate: "2026-06-01" });
    const done = customer({ lastContactDate: "2026-06-01" });
    const cancelled = customer({ lastContactDate: "2026-06-01" });
    const template = plan([customer({ lastContactDate: "2026-01-01" })], ...DEC, { rules: ["dormant"] }).entries[0];
    const row = (c: typeof called, fields: Partial<ScheduleRow>): ScheduleRow => ({
      ...entryToRow({ ...template, code: c.code, name: c.name, date: "2026-10-20" }),
      window: ["2026-10-01", "2026-10-31"],
      ...fields,
    });
    const sheet = [
      row(called, { status: "no-answer", actualDate: "2026-11-10" }),
      row(done, { status: "done" }),
      row(cancelled, { status: "cancelled" }),
    ];
    const r = plan([called, done, cancelled], ...DEC, { rules: ["dormant"], sheet });
    expect(r.entries.map((e) => e.code)).toEqual([cancelled.code]);
    // A customer known only from the sheet is judged by it.
    const unknown = customer({});
    const long = row(unknown, { status: "done", actualDate: "2026-06-01" });
    expect(plan([unknown], ...DEC, { rules: ["dormant"], sheet: [long] }).entries).toHaveLength(1);
    expect(plan([unknown], ...DEC, { rules: ["dormant"] }).entries).toHaveLength(0);
  });

  it("dormant: the answer does not depend on how the period is cut (calls planned earlier count)", () => {
    const customers = Array.from({ length: 40 }, (_, i) =>
      customer({
        lastContactDate: `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, "0")}`,
        satisfaction: i % 3 ? 90 : 40,
      }),
    );
    const rules = { rules: ["dormant", "low-satisfaction"], section: { rules: { dormant: { days: 60 } } } };
    const together = plan(customers, "2026-10-01", "2026-12-31", rules).entries;
    const october = plan(customers, "2026-10-01", "2026-10-31", rules).entries;
    const november = plan(customers, "2026-11-01", "2026-11-30", { ...rules, sheet: onSheet(october) }).entries;
    const december = plan(customers, ...DEC, { ...rules, sheet: onSheet([...october, ...november]) }).entries;
    const dormant = (list: CallbackEntry[]) =>
      lines({ entries: list.filter((e) => e.kind === "dormant"), warnings: [] });
    expect(dormant([...october, ...november, ...december])).toEqual(dormant(together));
    expect(dormant(december).length).toBeGreaterThan(0);
    // Planning December again over its own rows gives the same December: the rows this plan makes are not contact.
    const again = plan(customers, ...DEC, { ...rules, sheet: onSheet([...october, ...november, ...december]) });
    expect(again.entries).toEqual(december);
  });

  it("random: a seeded sample of the configured size, the same every run", () => {
    const customers = Array.from({ length: 20 }, () => customer());
    const sample = (seed: number, from: string = DEC[0], to: string = DEC[1]) =>
      plan(customers, from, to, { rules: ["random"], section: { rules: { random: { size: 3, seed } } } }).entries.map(
        (e) => e.code,
      );
    const first = sample(7);
    expect(first).toHaveLength(3);
    expect(new Set(first).size).toBe(3);
    expect(sample(7)).toEqual(first);
    expect(sample(8)).not.toEqual(first);
    // Each month draws its own sample.
    expect(sample(7, "2027-01-01", "2027-01-31")).not.toEqual(first);
  });

  it("random: only the configured categories", () => {
    const food = Array.from({ length: 5 }, () => customer({ category: "餐饮" }));
    const others = Array.from({ length: 5 }, () => customer({ category: "制造业" }));
    const r = plan([...food, ...others], ...DEC, {
      rules: ["random"],
      section: { rules: { random: { size: 10, categories: ["餐饮"] } } },
    });
    expect(r.entries.map((e) => e.code).sort()).toEqual(food.map((c) => c.code).sort());
  });
});

describe("holiday greetings before statutory holidays, by grade", () => {
  const graded = () => {
    const cs = (["A", "B", "C", "D"] as const).map(() => customer({ contactPerson: "王伟" }));
    const grades = new Map<string, Grade>(cs.map((c, i) => [c.code, (["A", "B", "C", "D"] as const)[i]]));
    return { cs, grades };
  };

  it("Spring Festival 2026: a week before the break that starts 02-15; D gets nothing by default", () => {
    const { grades, cs } = graded();
    const r = plan(cs, "2026-02-01", "2026-02-28", { rules: ["holiday"], grades });
    expect(lines(r)).toEqual([
      "2026-02-09 holiday 2026-02-08..2026-02-14",
      "2026-02-09 holiday 2026-02-08..2026-02-14",
      "2026-02-09 holiday 2026-02-08..2026-02-14",
    ]);
    expect(r.entries.map((e) => e.purpose.zh)).toEqual([
      "春节前电话问候，并赠送小礼品",
      "春节前电话问候，并寄送贺卡",
      "春节前电话问候",
    ]);
  });

  it("a one-day lead lands on the make-up Saturday 02-14", () => {
    const { grades, cs } = graded();
    const r = plan(cs.slice(0, 1), "2026-02-01", "2026-02-28", {
      rules: ["holiday"],
      grades,
      section: { rules: { holiday: { leadDays: 1 } } },
    });
    expect(lines(r)).toEqual(["2026-02-14 holiday 2026-02-14..2026-02-14"]);
  });

  it("National Day and Mid-Autumn 2026 are separate breaks; in 2025 they share one greeting", () => {
    const c = customer();
    const section = { rules: { holiday: { festivals: ["中秋", "国庆"] } } } as const;
    expect(lines(plan([c], "2026-09-01", "2026-09-30", { rules: ["holiday"], section }))).toEqual([
      "2026-09-18 holiday 2026-09-18..2026-09-24",
      "2026-09-24 holiday 2026-09-24..2026-09-30",
    ]);
    const shared = plan([c], "2025-09-01", "2025-09-30", { rules: ["holiday"], section });
    expect(lines(shared)).toEqual(["2025-09-24 holiday 2025-09-24..2025-09-30"]);
    expect(shared.entries[0].purpose.zh).toBe("中秋节、国庆节前电话问候");
  });

  it("who gets a call, a gift or a card is configurable (a card only is a task, not a call)", () => {
    const { grades, cs } = graded();
    const r = plan(cs, "2026-02-01", "2026-02-28", {
      rules: ["holiday"],
      grades,
      section: { rules: { holiday: { call: ["A"], gift: [], card: ["D"] } } },
    });
    expect(r.entries.map((e) => e.purpose.zh)).toEqual(["春节前电话问候", "春节前寄送贺卡"]);
  });
});

describe("birthdays, solar and lunar", () => {
  it("on the day, or the next working day", () => {
    const r = plan(
      [
        customer({ birthday: { month: 12, day: 15, lunar: false } }),
        customer({ birthday: { month: 12, day: 19, lunar: false } }),
      ],
      ...DEC,
      { rules: ["birthday"] },
    );
    expect(lines(r)).toEqual([
      "2026-12-15 birthday 2026-12-15..2026-12-15",
      "2026-12-21 birthday 2026-12-19..2026-12-19",
    ]);
    expect(r.entries[0].purpose.zh).toBe("生日问候（12月15日）");
  });

  it("29 February on the 28th in other years (2026-02-28 is a make-up working Saturday)", () => {
    const r = plan([customer({ birthday: { month: 2, day: 29, lunar: false } })], "2026-02-01", "2026-02-28", {
      rules: ["birthday"],
    });
    expect(lines(r)).toEqual(["2026-02-28 birthday 2026-02-28..2026-02-28"]);
  });

  it("lunar birthdays are converted with the chinese-days tables", () => {
    // 农历2026年十一月初七 = 2026-12-15.
    const r = plan([customer({ birthday: { month: 11, day: 7, lunar: true } })], ...DEC, { rules: ["birthday"] });
    expect(lines(r)).toEqual(["2026-12-15 birthday 2026-12-15..2026-12-15"]);
    expect(r.entries[0].purpose.zh).toBe("生日问候（农历冬月初七）");
  });

  it("a lunar 30th in a 29-day month is taken as the 29th (腊月 2026 has 29 days: 2027-02-05)", () => {
    const r = plan([customer({ birthday: { month: 12, day: 30, lunar: true } })], "2027-02-01", "2027-02-28", {
      rules: ["birthday"],
    });
    expect(r.entries.map((e) => e.date)).toEqual(["2027-02-05"]);
  });

  it("a lead of days calls before the birthday", () => {
    const r = plan([customer({ birthday: { month: 12, day: 15, lunar: false } })], ...DEC, {
      rules: ["birthday"],
      section: { rules: { birthday: { leadDays: 2 } } },
    });
    // 12-13 is a Sunday.
    expect(lines(r)).toEqual(["2026-12-14 birthday 2026-12-13..2026-12-15"]);
  });
});

describe("every entry", () => {
  it("carries category, purpose and the 回访规范 opening with the contact's name", () => {
    const withContact = customer({ contactPerson: "王伟", satisfaction: 0, phone: "13812345678" });
    const without = customer({ satisfaction: 0 });
    const r = plan([withContact, without], ...DEC, {
      rules: ["low-satisfaction"],
      section: { company: "华恒科技" },
    });
    expect(r.entries[0]).toMatchObject({
      code: withContact.code,
      name: withContact.name,
      kind: "low-satisfaction",
      category: "mediation",
      contact: "王伟",
      phone: "13812345678",
      script: "您好！请问是王伟先生（女士）吗？我是华恒科技的客户服务员，想向您做个回访，不知您现在接电话方便吗？",
    });
    expect(r.entries[1].script).toBe(
      `您好！请问是${without.name}吗？我是华恒科技的客户服务员，想向您做个回访，不知您现在接电话方便吗？`,
    );
  });

  it("openings, purposes and windows kept from one schedule to the next follow the settings of each", () => {
    const c = customer({ contactPerson: "王伟", satisfaction: 0, purchaseDate: "2024-12-07" });
    const run = (company: string, script?: string) =>
      plan([c], ...DEC, {
        rules: ["low-satisfaction", "periodic"],
        section: { company, ...(script ? { script } : {}) },
        grades: new Map([[c.code, "B"]]),
      }).entries;
    const first = run("华恒科技");
    const again = run("华恒科技");
    expect(again).toEqual(first);
    expect(again[0].window).toBe(first[0].window);
    const other = run("远达贸易");
    expect(other.map((e) => e.script)).toEqual(first.map((e) => e.script.replace("华恒科技", "远达贸易")));
    const own = run("华恒科技", "{contact}您好，{company}回访");
    expect(own.map((e) => e.script)).toEqual(own.map(() => "王伟您好，华恒科技回访"));
    expect(run("华恒科技").map((e) => e.script)).toEqual(first.map((e) => e.script));
    expect(first.map((e) => e.purpose.zh)).toEqual([
      expect.stringContaining("满意度回访（客户满意度 0/100）"),
      expect.stringContaining("定期回访（B 类客户，每 3 个月）"),
    ]);
  });

  it("lost customers get no calls unless the config includes them", () => {
    const lost = customer({ status: "lost", satisfaction: 0 });
    expect(plan([lost], ...DEC, { rules: ["low-satisfaction"] }).entries).toEqual([]);
    expect(plan([lost], ...DEC, { rules: ["low-satisfaction"], section: { includeLost: true } }).entries).toHaveLength(
      1,
    );
  });

  it("switched-off rules plan nothing; the category can be retuned", () => {
    const c = customer({ satisfaction: 0, lastComplaintDate: "2026-12-08" });
    const settings = settingsOf({
      rules: { "low-satisfaction": { enabled: false }, complaint: { category: "建议回访" } },
    });
    for (const [name, rule] of Object.entries(settings.rules))
      if (name !== "complaint" && name !== "low-satisfaction") rule.enabled = false;
    const r = buildSchedule([c], { from: DEC[0], to: DEC[1], grades: new Map(), staff: [], settings });
    expect(r.entries.map((e) => `${e.kind} ${e.category}`)).toEqual(["complaint advice"]);
  });

  it("are sorted by date, then owner, then customer", () => {
    const cs = [
      customer({ owner: "张敏", satisfaction: 0 }),
      customer({ owner: "王芳", satisfaction: 0 }),
      customer({ owner: "张敏", lastComplaintDate: "2026-11-30" }),
      customer({ owner: "李强", installDate: "2026-12-03" }),
    ];
    const r = plan(cs, ...DEC, { rules: ["low-satisfaction", "complaint", "install"] });
    const keys = r.entries.map((e) => `${e.date} ${e.owner} ${e.code}`);
    expect(keys).toEqual([...keys].sort());
    expect(r.entries.map((e) => e.date)).toEqual(["2026-12-01", "2026-12-01", "2026-12-01", "2026-12-04"]);
  });

  it("uses only the rules it is given: the settings object is not changed", () => {
    const settings = only(["complaint"]);
    const before = JSON.stringify(settings);
    buildSchedule([customer({ lastComplaintDate: "2026-12-08" })], {
      from: DEC[0],
      to: DEC[1],
      grades: new Map(),
      staff: [],
      settings,
    });
    expect(JSON.stringify(settings)).toBe(before);
  });
});

describe("a busy year", () => {
  it("comes out in exactly the documented order, whatever the mix", () => {
    const owners = ["王芳", "李强", "张敏", "", "刘洋", "赵六"];
    const customers = Array.from({ length: 400 }, (_, i) =>
      customer({
        owner: owners[i % owners.length] || undefined,
        purchaseDate: `2025-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`,
        satisfaction: (i * 7) % 101,
        lastContactDate: `2025-${String((i % 9) + 1).padStart(2, "0")}-15`,
        birthday: { month: (i % 12) + 1, day: (i % 28) + 1, lunar: i % 3 === 0 },
        lastComplaintDate: i % 5 === 0 ? "2026-03-02" : undefined,
      }),
    );
    const staff = ["王芳", "李强", "张敏", "刘洋"].map((name) => ({ name, active: true, dailyCap: 12, leave: [] }));
    const grades = new Map<string, Grade>(customers.map((c, i) => [c.code, (["A", "B", "C", "D"] as const)[i % 4]]));
    const r = plan(customers, "2026-01-01", "2026-12-31", { staff, grades });
    expect(r.entries.length).toBeGreaterThan(3000);
    expect(r.entries.map((e) => `${e.date} ${e.owner} ${e.code} ${e.kind}`)).toEqual(
      [...r.entries].sort(compareEntries).map((e) => `${e.date} ${e.owner} ${e.code} ${e.kind}`),
    );
    // Every call on a working day, in or after its window's first working day, within the caps unless reported.
    const overCap = new Set(r.warnings.filter((w) => w.code === "over-capacity").map((w) => w.owner));
    const perDay = new Map<string, number>();
    for (const e of r.entries) {
      expect(e.date >= e.window[0] || e.kind === "holiday").toBe(true);
      perDay.set(`${e.date} ${e.owner}`, (perDay.get(`${e.date} ${e.owner}`) ?? 0) + 1);
    }
    for (const [key, n] of perDay) {
      const owner = key.split(" ")[1];
      if (staff.some((s) => s.name === owner) && !overCap.has(owner)) expect(n).toBeLessThanOrEqual(12);
    }
  });

  it("keeps the documented order with hundreds of owners (too many days × owners to sort by both at once)", () => {
    const customers = Array.from({ length: 600 }, (_, i) =>
      customer({
        owner: i % 7 === 0 ? undefined : `员工${(i * 13) % 400}`,
        purchaseDate: `2025-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`,
        satisfaction: (i * 11) % 101,
      }),
    );
    const staff = Array.from({ length: 300 }, (_, i) => ({ name: `员工${i}`, active: true, dailyCap: 3, leave: [] }));
    const r = plan(customers.reverse(), "2026-01-01", "2026-12-31", { staff });
    expect(new Set(r.entries.map((e) => e.owner)).size).toBeGreaterThan(300);
    const key = (e: { date: string; owner: string; code: string; kind: string }) =>
      `${e.date} ${e.owner} ${e.code} ${e.kind}`;
    expect(r.entries.map(key)).toEqual([...r.entries].sort(compareEntries).map(key));
  });

  it("keeps the documented order when the archive is not in code order, or repeats a code", () => {
    const owners = ["王芳", "", "李强", "不在名单", "张敏"];
    const customers = Array.from({ length: 300 }, (_, i) =>
      customer({
        owner: owners[i % owners.length] || undefined,
        purchaseDate: `2025-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`,
        satisfaction: (i * 11) % 101,
        birthday: { month: (i % 12) + 1, day: (i % 28) + 1, lunar: i % 4 === 0 },
        lastRepairDate: i % 7 === 0 ? "2026-02-10" : undefined,
      }),
    );
    // Codes out of order (a fixed shuffle), and some customers filed twice under one code.
    const shuffled = customers.map((c, i) => customers[(i * 37) % customers.length]);
    for (let i = 0; i < 10; i++) shuffled[i * 20 + 1] = { ...shuffled[i * 20 + 1], code: shuffled[i * 20].code };
    const staff = ["王芳", "李强", "张敏"].map((name) => ({ name, active: true, dailyCap: 10, leave: [] }));
    const r = plan(shuffled, "2026-01-01", "2026-12-31", { staff });
    expect(r.entries.length).toBeGreaterThan(2000);
    const key = (e: { date: string; owner: string; code: string; kind: string }) =>
      `${e.date} ${e.owner} ${e.code} ${e.kind}`;
    expect(r.entries.map(key)).toEqual([...r.entries].sort(compareEntries).map(key));
  });
});
