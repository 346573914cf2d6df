// The pure parts behind the PDFs: report figures, masking, periods, helpers' formats and browser discovery.
import { describe, expect, it } from "vitest";
import { callbackFigures, callbackSheet } from "../../src/core/report/callbacks";
import { churnFigures } from "../../src/core/report/churn";
import { complaintFigures } from "../../src/core/report/complaints";
import { buildPlanData, buildReportData, recordCustomer } from "../../src/core/report/documents";
import { gradeDistribution, roster } from "../../src/core/report/grades";
import { maskData, maskText } from "../../src/core/report/mask";
import { isoWeek, monthOf, previousPeriod, weeksOf } from "../../src/core/report/period";
import { satisfactionFigures } from "../../src/core/report/satisfaction";
import { improvements, targetResults } from "../../src/core/report/targets";
import type { CallbackRow } from "../../src/core/report/types";
import { browserCandidates, findBrowser } from "../../src/render/browser";
import { RenderError } from "../../src/render/errors";
import { formatBirthday, formatDate, formatField, formatMoney, formatPercent } from "../../src/render/helpers";
import { customerFileName } from "../../src/cli/commands/report";
import { customer, doc, grades, PERIOD, sources, TODAY } from "./fixtures";

const row = (patch: Partial<CallbackRow>): CallbackRow => ({
  code: "KH0001",
  name: "甲",
  date: "2026-11-10",
  kind: "periodic",
  owner: "张敏",
  status: "planned",
  ...patch,
});

describe("callback figures", () => {
  const rows: CallbackRow[] = [
    row({ status: "done" }),
    row({ status: "planned", date: "2026-11-20" }),
    row({ status: "no-answer", date: "2026-11-24", owner: "李强" }),
    row({ status: "planned", date: "2026-11-28", owner: "李强", kind: "complaint" }),
    row({ status: "refused", date: "2026-11-12" }),
    row({ status: "cancelled", date: "2026-11-12" }),
    row({ status: "planned", date: "2026-12-01" }),
  ];
  const f = callbackFigures(rows, PERIOD, TODAY);

  it("counts planned, done, refused, overdue and pending; cancelled and out-of-period calls are left out", () => {
    expect(f.total).toEqual({ planned: 5, done: 1, refused: 1, overdue: 2, pending: 1, noAnswer: 1, rate: 0.2 });
  });

  it("splits them by owner (sorted as a Chinese list), kind and week", () => {
    expect(f.byOwner.map((o) => [o.owner, o.planned, o.overdue])).toEqual([
      ["李强", 2, 1],
      ["张敏", 3, 1],
    ]);
    expect(f.byKind.map((k) => [k.kind, k.label.zh, k.planned])).toEqual([
      ["periodic", "定期回访", 4],
      ["complaint", "投诉回访", 1],
    ]);
    expect(f.byWeek.map((w) => [w.key, w.planned])).toEqual([
      ["11/1", 0],
      ["11/2", 0],
      ["11/9", 2],
      ["11/16", 1],
      ["11/23", 2],
      ["11/30", 0],
    ]);
  });

  it("groups the printable plan by owner, then ISO week", () => {
    const sheet = callbackSheet(rows, PERIOD);
    expect(sheet.map((o) => [o.owner, o.count])).toEqual([
      ["李强", 2],
      ["张敏", 3],
    ]);
    expect(sheet[1].weeks.map((w) => [w.week, w.from, w.to, w.lines.length])).toEqual([
      [46, "2026-11-09", "2026-11-15", 2],
      [47, "2026-11-16", "2026-11-22", 1],
    ]);
  });
});

describe("satisfaction, complaints, churn and targets", () => {
  const s = sources(5);

  it("measures satisfaction from the calls when there are any, else from the archive", () => {
    const fig = satisfactionFigures(s.records, s.callbacks, PERIOD);
    // Calls: two done with 100.
    expect(fig.calls).toEqual({ count: 2, average: 100, satisfiedRate: 1 });
    expect(fig.source).toBe("calls");
    expect(fig.rate).toBe(1);
    // Archive, customers still served (the lost fourth left out): 100, 75, 50, 75.
    expect(fig.archive.count).toBe(4);
    expect(fig.archive.satisfiedRate).toBe(0.75);
    expect(fig.levels.map((l) => l.count)).toEqual([1, 2, 1, 0, 0]);
    const none = satisfactionFigures(s.records, [], PERIOD);
    expect(none.source).toBe("archive");
    expect(none.rate).toBe(0.75);
  });

  it("lists the period's complaints with how their callback went", () => {
    const fig = complaintFigures(s.records, s.callbacks, PERIOD);
    expect(fig.customers).toBe(1);
    expect(fig.lines[0]).toMatchObject({ code: "KH0002", solved: true, result: "已解决，客户满意", count: 2 });
    expect(fig.solvedRate).toBe(1);
  });

  it("counts a complaint in the period of its complaint date, never of its callback's", () => {
    // KH0074 complained on 22 October and was called back on 2 November; KH0080 complained in November.
    const records = [
      customer(0, { code: "KH0074", name: "甲", lastComplaintDate: "2026-10-22", complaintCount: 3 }),
      customer(1, { code: "KH0080", name: "乙", lastComplaintDate: "2026-11-20", complaintCount: 1 }),
      customer(2, { code: "KH0090", name: "丙", lastComplaintDate: "2026-11-03", complaintCount: 2 }),
    ];
    const rows = [
      row({ code: "KH0074", name: "甲", kind: "complaint", date: "2026-11-02", status: "done", result: "已换货" }),
      // KH0080's callback for an older complaint, then the one for November's: only the later answers it.
      row({ code: "KH0080", name: "乙", kind: "complaint", date: "2026-11-04", status: "done", result: "旧投诉" }),
      row({ code: "KH0080", name: "乙", kind: "complaint", date: "2026-11-23", status: "planned" }),
      // KH0090: a first try not answered, then done — both belong to November's complaint.
      row({ code: "KH0090", name: "丙", kind: "complaint", date: "2026-11-04", status: "no-answer" }),
      row({ code: "KH0090", name: "丙", kind: "complaint", date: "2026-11-05", status: "done", result: "已退款" }),
    ];
    const fig = complaintFigures(records, rows, PERIOD);
    expect(fig.customers).toBe(2);
    expect(fig.lines.map((l) => [l.code, l.date, l.count, l.callbackDate, l.solved])).toEqual([
      ["KH0090", "2026-11-03", 2, "2026-11-05", true],
      ["KH0080", "2026-11-20", 1, "2026-11-23", false],
    ]);
    expect(fig).toMatchObject({ solved: 1, open: 1, solvedRate: 0.5, callbacks: 5 });
    // Handled this period, received before it: listed apart with the real complaint date, not counted above.
    expect(fig.earlier.map((l) => [l.code, l.date, l.count, l.callbackDate, l.solved, l.result])).toEqual([
      ["KH0074", "2026-10-22", 3, "2026-11-02", true, "已换货"],
      ["KH0080", undefined, 1, "2026-11-04", true, "旧投诉"],
    ]);
    expect(fig).toMatchObject({ earlierSolved: 2, earlierOpen: 0 });
    // October's report counts KH0074's complaint, answered by November's callback.
    const october = complaintFigures(records, rows, { from: "2026-10-01", to: "2026-10-31" });
    expect(october.lines.map((l) => [l.code, l.date, l.callbackDate, l.solved])).toEqual([
      ["KH0074", "2026-10-22", "2026-11-02", true],
    ]);
    expect(october.earlier).toEqual([]);
  });

  it("computes churn as lost ÷ served, and retention as kept ÷ served", () => {
    const fig = churnFigures(s.records, PERIOD);
    expect(fig).toMatchObject({ served: 5, lost: 1, kept: 4, churnRate: 0.2, retentionRate: 0.8 });
    expect(fig.reasons).toEqual([{ reason: "价格原因", count: 1 }]);
    // Lost before the period: not served in it.
    const earlier = churnFigures([customer(3, { lostDate: "2026-10-01" })], PERIOD);
    expect(earlier.served).toBe(0);
    // 已流失 without a date counts as lost now.
    expect(churnFigures([customer(3, { lostDate: undefined })], PERIOD).lost).toBe(1);
  });

  it("compares results with the plan's targets and suggests improvements for the gaps", () => {
    const sat = satisfactionFigures(s.records, [], PERIOD);
    const churn = churnFigures(s.records, PERIOD);
    const lines = targetResults({ satisfaction: 0.9, loyalty: 0.8, churn: 0.05 }, sat, churn);
    expect(lines.map((l) => [l.key, l.actual, l.met])).toEqual([
      ["satisfaction", 0.75, false],
      ["loyalty", 0.8, true],
      ["churn", 0.2, false],
    ]);
    const cb = callbackFigures(s.callbacks, PERIOD, TODAY);
    const ideas = improvements(lines, cb, complaintFigures(s.records, s.callbacks, PERIOD), churn);
    expect(ideas.map((i) => i.zh).join("\n")).toMatch(/逾期未回访 3 次/);
    expect(ideas.map((i) => i.zh).join("\n")).toMatch(/流失率超出目标（主要原因：价格原因）/);
  });

  it("builds the report and the plan with the handbook's default targets and a budget total", () => {
    const report = buildReportData(s, PERIOD, doc("客户关系维护报告"));
    expect(report.targets.map((t) => t.target)).toEqual([0.9, 0.8, 0.05]);
    const plan = buildPlanData(s, PERIOD, doc("客户关系维护方案"), { measures: { A: { budget: 1000 } } });
    const a = plan.measures.find((m) => m.grade === "A");
    expect(a).toMatchObject({ budget: 1000, customers: 2, subtotal: 2000 });
    expect(plan.budgetTotal).toBe(plan.measures.reduce((n, m) => n + m.subtotal, 0));
    // A whole month is preceded by the whole month before, not by as many days.
    expect(plan.situation.lastPeriod).toEqual({ from: "2026-10-01", to: "2026-10-31" });
  });
});

describe("the user's own columns on the record", () => {
  it("are money when a number sits under a header that names an amount, text otherwise", () => {
    const r = customer(0, {
      extra: { "年购买额（元）": 180000, 预算: "3000.5", 客户代码: "20240305", 备注: "待定", 空: "" },
    });
    expect(recordCustomer(r).extra).toEqual([
      { header: "年购买额（元）", value: "180000", kind: "money" },
      { header: "预算", value: "3000.5", kind: "money" },
      { header: "客户代码", value: "20240305", kind: "text" },
      { header: "备注", value: "待定", kind: "text" },
    ]);
  });
});

describe("grades and the roster", () => {
  const records = [customer(0), customer(1), customer(2), customer(3, { status: "active" })];
  const g = grades(records);

  it("counts customers served by grade with revenue shares", () => {
    const d = gradeDistribution(records, g);
    expect(d.map((x) => [x.grade, x.count])).toEqual([
      ["A", 1],
      ["B", 1],
      ["C", 1],
      ["D", 1],
    ]);
    expect(d[3].revenueShare).toBeCloseTo(40_000 / 100_000);
  });

  it("lists every customer under its grade, ungraded last", () => {
    const r = roster([...records, customer(9)], g);
    expect(r.groups.map((x) => x.label.zh)).toEqual([
      "A 类（高价值）",
      "B 类（中等价值）",
      "C 类（潜在价值）",
      "D 类（低价值）",
      "未评级",
    ]);
    expect(r.total.count).toBe(5);
  });
});

describe("masking personal data", () => {
  it.each([
    // Mobiles, written every way people write them.
    ["13812348000", "138****8000"],
    ["139-1234-5678", "139-****-5678"],
    ["138 0013 8000", "138 **** 8000"],
    ["+86 138 1234 8000", "+86 138 **** 8000"],
    ["0086 138 1234 8000", "0086 138 **** 8000"],
    ["138.1234.8000", "138.****.8000"],
    ["１３８１２３４８０００", "１３８****８０００"],
    // Landlines: area code and the last four stay.
    ["010-12345678", "010-****5678"],
    ["010 12345678", "010 ****5678"],
    ["(010)12345678", "(010)****5678"],
    ["0755-8888-6666", "0755-****-6666"],
    ["电话：021 5888 6666", "电话：021 **** 6666"],
    ["021-58886666转8001", "021-****6666转8001"],
    // Service numbers.
    ["400-820-8820", "400-***-8820"],
    // E-mails, ASCII or not.
    ["zhang.san@example.com", "z***@example.com"],
    ["李@例子.cn", "李***@例子.cn"],
    ["邮箱 王小明@公司.中国", "邮箱 王***@公司.中国"],
    ["发邮件至li@corp.cn", "发邮件至l***@corp.cn"],
    // In running text, several at once.
    [
      "联系人离职，新号码 139-1234-5678，座机 010 12345678，邮箱 李@例子.cn",
      "联系人离职，新号码 139-****-5678，座机 010 ****5678，邮箱 李***@例子.cn",
    ],
    ["已换货，客户留手机 138 0013 8000 备用", "已换货，客户留手机 138 **** 8000 备用"],
    // Not phones or e-mails: dates, amounts, codes, IDs and plain numbers stay exactly as they are.
    ["2026-12-01", "2026-12-01"],
    ["2026年12月1日", "2026年12月1日"],
    ["¥12,000.00", "¥12,000.00"],
    ["¥1,381,234.00", "¥1,381,234.00"],
    ["KH0001", "KH0001"],
    ["KH13812348000", "KH13812348000"],
    ["20240305", "20240305"],
    ["订单号 202611250001", "订单号 202611250001"],
    ["邮编 518000", "邮编 518000"],
    ["身份证 44030119900101123X", "身份证 44030119900101123X"],
    ["2026-11-25 13:45", "2026-11-25 13:45"],
    ["年购买额（元）：180000", "年购买额（元）：180000"],
    ["@张三 请回电", "@张三 请回电"],
    // Masked text stays as it is.
    ["138****8000", "138****8000"],
    ["0755-****-6666", "0755-****-6666"],
    ["z***@example.com", "z***@example.com"],
  ])("%s → %s", (text, masked) => {
    expect(maskText(text)).toBe(masked);
  });

  it("masks mobiles, landlines and e-mails wherever they appear", () => {
    expect(maskText("13812348000")).toBe("138****8000");
    expect(maskText("+86 13812348000")).toBe("+86 138****8000");
    expect(maskText("010-12345678")).toBe("010-****5678");
    expect(maskText("zhang.san@example.com")).toBe("z***@example.com");
    expect(maskText("请致电13812348000或发邮件至li@corp.cn")).toBe("请致电138****8000或发邮件至l***@corp.cn");
    expect(maskText("KH0001 2026-11-25 ¥12,000")).toBe("KH0001 2026-11-25 ¥12,000");
    expect(maskText(maskText("13812348000"))).toBe("138****8000");
  });

  it("masks a deep copy and leaves numbers and the original alone", () => {
    const data = { customers: [{ phone: "13812348000", monthlyPurchase: 13812348000 }] };
    const masked = maskData(data);
    expect(masked.customers[0]).toEqual({ phone: "138****8000", monthlyPurchase: 13812348000 });
    expect(data.customers[0].phone).toBe("13812348000");
  });
});

describe("periods", () => {
  it("knows ISO weeks, months and the period before", () => {
    expect(isoWeek("2026-01-01")).toEqual({ year: 2026, week: 1 });
    expect(isoWeek("2027-01-01")).toEqual({ year: 2026, week: 53 });
    expect(monthOf("2026-02-11")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(previousPeriod({ from: "2026-11-01", to: "2026-11-30" })).toEqual({ from: "2026-10-01", to: "2026-10-31" });
    expect(weeksOf({ from: "2026-11-04", to: "2026-11-10" }).map((w) => [w.from, w.to])).toEqual([
      ["2026-11-04", "2026-11-08"],
      ["2026-11-09", "2026-11-10"],
    ]);
  });
});

describe("the period before (上期)", () => {
  it.each([
    // Whole calendar months: as many whole months before.
    ["2026-12-01", "2026-12-31", "2026-11-01", "2026-11-30"],
    ["2026-03-01", "2026-03-31", "2026-02-01", "2026-02-28"],
    ["2024-03-01", "2024-03-31", "2024-02-01", "2024-02-29"],
    ["2026-01-01", "2026-01-31", "2025-12-01", "2025-12-31"],
    ["2026-01-01", "2026-03-31", "2025-10-01", "2025-12-31"],
    ["2026-07-01", "2026-12-31", "2026-01-01", "2026-06-30"],
    ["2026-01-01", "2026-12-31", "2025-01-01", "2025-12-31"],
    // Anything else: as many days, ending the day before.
    ["2026-11-05", "2026-11-20", "2026-10-20", "2026-11-04"],
    ["2026-03-01", "2026-03-15", "2026-02-14", "2026-02-28"],
    ["2026-11-02", "2026-11-08", "2026-10-26", "2026-11-01"],
  ])("%s..%s follows %s..%s", (from, to, prevFrom, prevTo) => {
    expect(previousPeriod({ from, to })).toEqual({ from: prevFrom, to: prevTo });
  });

  it("is what a December plan prints as 上期", () => {
    const plan = buildPlanData(sources(5), { from: "2026-12-01", to: "2026-12-31" }, doc("客户关系维护方案"));
    expect(plan.situation.lastPeriod).toEqual({ from: "2026-11-01", to: "2026-11-30" });
  });
});

describe("helpers' formats", () => {
  it("prints dates, money, percentages and birthdays as a Chinese form does, and in English", () => {
    expect(formatDate("2026-11-25", "long", "zh-CN")).toBe("2026年11月25日");
    expect(formatDate("2026-11-25", "long", "en")).toBe("25 Nov 2026");
    expect(formatMoney(1234, "zh-CN")).toBe("¥1,234.00");
    expect(formatPercent(0.925, "zh-CN")).toBe("92.5%");
    expect(formatPercent(null, "zh-CN")).toBe("—");
    expect(formatBirthday({ month: 3, day: 5, lunar: true }, "zh-CN")).toBe("农历三月初五");
    expect(formatBirthday({ month: 12, day: 21, lunar: true }, "zh-CN")).toBe("农历腊月廿一");
    expect(formatField({ repairOverdue: true }, "repairOverdue", "zh-CN")).toBe("是");
    expect(formatField({ satisfaction: 75 }, "satisfaction", "zh-CN")).toBe("75（满意）");
  });

  it("refuses a value it cannot print instead of guessing", () => {
    expect(() => formatDate("2026-02-30", "long", "zh-CN")).toThrow(/无法识别的日期/);
    expect(() => formatMoney("abc", "zh-CN")).toThrow(/not a number/);
  });
});

describe("per-customer file names", () => {
  it("are code and name, safe on every file system", () => {
    expect(customerFileName("KH0001", "上海金信科技有限公司")).toBe("KH0001_上海金信科技有限公司.pdf");
    expect(customerFileName("A/1", 'x:y*"z"<>|')).toBe("A_1_x_y__z____.pdf");
    expect(customerFileName("CON", "")).toBe("_CON.pdf");
  });
});

describe("browser discovery", () => {
  const found = (paths: string[], env: Record<string, string> = {}, platform: NodeJS.Platform = "linux") =>
    findBrowser({ env, platform, exists: (p) => paths.includes(p) });

  it("prefers RAPPORT_CHROME, then Chrome, then Edge, then Chromium", () => {
    expect(found(["/opt/x/chrome", "/usr/bin/chromium"], { RAPPORT_CHROME: "/opt/x/chrome" })).toEqual({
      kind: "env",
      path: "/opt/x/chrome",
    });
    expect(found(["/usr/bin/chromium", "/usr/bin/google-chrome"]).kind).toBe("chrome");
    expect(found(["/usr/bin/chromium", "/usr/bin/microsoft-edge"]).kind).toBe("edge");
    expect(found(["/usr/bin/chromium"]).path).toBe("/usr/bin/chromium");
  });

  it("finds Edge where Windows always has it", () => {
    const edge = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe";
    const env = { PROGRAMFILES: "C:\\Program Files", "PROGRAMFILES(X86)": "C:\\Program Files (x86)" };
    expect(found([edge], env, "win32")).toEqual({ kind: "edge", path: edge });
    expect(browserCandidates("darwin", {})[0].path).toBe(
      "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    );
  });

  it("says clearly, in both languages, when there is none or RAPPORT_CHROME is wrong", () => {
    const none = (() => {
      try {
        found([]);
      } catch (e) {
        return e;
      }
    })() as RenderError;
    expect(none.code).toBe("browser-not-found");
    expect(none.text.zh).toContain("RAPPORT_CHROME");
    expect(none.text.en).toContain("No Chrome, Edge or Chromium found");
    expect(() => found(["/usr/bin/chromium"], { RAPPORT_CHROME: "/nope" })).toThrow(/RAPPORT_CHROME/);
  });
});
