// Small, readable data for the renderer tests: a handful of customers, their grades and callbacks, built through
// the same core builders the CLI uses.
import {
  buildCallbacksData,
  buildCustomerPages,
  buildPlanData,
  buildReportData,
  buildRosterData,
  type ReportSources,
} from "../../src/core/report/documents";
import type { CallbackRow, DocumentInfo, GradeInfo, Period } from "../../src/core/report/types";
import type { CustomerRecord, Grade } from "../../src/core/types";

export const TODAY = "2026-11-25";
export const PERIOD: Period = { from: "2026-11-01", to: "2026-11-30" };
export const XSS_NAME = "<img src=x onerror=alert(1)>";

const NAMES = [
  "上海金信科技有限公司",
  "广州联远制造有限公司",
  XSS_NAME,
  "苏州鑫泰餐饮管理有限公司",
  "北京安华物业管理有限公司",
];
const OWNERS = ["张敏", "李强", "王芳"];

export function customer(i: number, extra: Partial<CustomerRecord> = {}): CustomerRecord {
  return {
    row: i + 4,
    code: `KH${String(i + 1).padStart(4, "0")}`,
    name: NAMES[i % NAMES.length],
    category: "商贸",
    address: `上海市浦东新区张江路${100 + i}号`,
    contactPerson: "韩梅",
    phone: `138${String(12340000 + i).padStart(8, "0")}`,
    email: `zhang.san${i}@example.com`,
    owner: OWNERS[i % OWNERS.length],
    monthlyPurchase: 10_000 * (i + 1),
    largestPurchase: 50_000 * (i + 1),
    satisfaction: [100, 75, 50, 25, 75][i % 5],
    purchaseDate: "2025-06-01",
    status: i === 3 ? "lost" : "active",
    lostDate: i === 3 ? "2026-11-10" : undefined,
    lostReason: i === 3 ? "价格原因" : undefined,
    lastComplaintDate: i === 1 ? "2026-11-05" : undefined,
    complaintCount: i === 1 ? 2 : 0,
    extra: {},
    ...extra,
  };
}

export function grades(records: readonly CustomerRecord[]): Map<string, GradeInfo> {
  const letters: Grade[] = ["A", "B", "C", "D"];
  return new Map(
    records.map((r, i) => [
      r.code,
      {
        code: r.code,
        score: 90 - i * 7,
        grade: letters[i % 4],
        abc: (["A", "B", "C"] as const)[i % 3],
        override: false,
        rule: { zh: `评分 ${90 - i * 7} ≥ 阈值`, en: `score ${90 - i * 7} ≥ threshold` },
        breakdown: [
          { criterion: { zh: "月均购买额", en: "Monthly purchase" }, value: "¥10,000", weight: 0.25, points: 20 },
          { criterion: { zh: "客户满意度", en: "Satisfaction" }, value: "满意", weight: 0.15, points: 11.3 },
          { criterion: { zh: "投诉", en: "Complaints" }, value: "2次", weight: 0.15, points: -3, deduct: true },
        ],
      },
    ]),
  );
}

export function callbacks(records: readonly CustomerRecord[]): CallbackRow[] {
  const rows: CallbackRow[] = [];
  records.forEach((r, i) => {
    rows.push({
      code: r.code,
      name: r.name,
      date: "2026-11-10",
      kind: i === 1 ? "complaint" : "periodic",
      owner: r.owner ?? "",
      category: "relationship",
      purpose: { zh: "了解产品使用情况", en: "how the product runs" },
      contact: r.contactPerson,
      phone: r.phone,
      status: i % 2 ? "done" : "planned",
      result: i % 2 ? "已解决，客户满意" : undefined,
      satisfaction: i % 2 ? 100 : undefined,
      actualDate: i % 2 ? "2026-11-11" : undefined,
    });
    rows.push({
      code: r.code,
      name: r.name,
      date: "2026-12-02",
      kind: "anniversary",
      owner: r.owner ?? "",
      category: "guidance",
      purpose: { zh: "购买满一年回访", en: "first anniversary" },
      status: "planned",
    });
  });
  return rows;
}

export function sources(count = 5, patch?: (r: CustomerRecord, i: number) => CustomerRecord): ReportSources {
  const records = Array.from({ length: count }, (_, i) => (patch ? patch(customer(i), i) : customer(i)));
  return { records, grades: grades(records), callbacks: callbacks(records), today: TODAY };
}

export function doc(title: string, number = "TEST-0001"): DocumentInfo {
  return { title, number, date: TODAY, company: "测试公司", author: "客服部 王五", controlStatus: "受控" };
}

export function allData(s: ReportSources = sources()) {
  return {
    plan: buildPlanData(s, PERIOD, doc("客户关系维护方案", "FA-0001"), {
      approval: { preparedBy: "赵主管", preparedOn: TODAY },
    }),
    report: buildReportData(s, PERIOD, doc("客户关系维护报告", "BG-0001")),
    roster: buildRosterData(s, doc("客户分级目录", "ML-0001")),
    callbacks: buildCallbacksData(s, PERIOD, doc("电话回访计划表", "JH-0001")),
    record: buildCustomerPages(s, doc("客户状况记录表", "JL-0001")),
    evaluation: buildCustomerPages(s, doc("客户关系评估表", "PG-0001")),
  };
}

/**
 * A busy period: every customer complained in it (callback and all), every fifth left. The report's complaint and
 * churn tables then run over many pages.
 */
export function busySources(count: number): ReportSources {
  return sources(count, (c, i) => ({
    ...c,
    lastComplaintDate: `2026-11-${String((i % 28) + 1).padStart(2, "0")}`,
    complaintCount: (i % 4) + 1,
    ...(i % 5 === 3 ? { status: "lost" as const, lostDate: "2026-11-10", lostReason: "价格原因" } : {}),
  }));
}

/**
 * Callbacks whose purpose runs over several lines, each opening with `R<n>A` and closing with `R<n>Z`: a row split
 * across two pages would put the two markers on different pages.
 */
export function tallRowSources(count: number): ReportSources {
  const s = sources(count);
  const filler = "了解客户对产品与服务的意见，记录改进建议并约定下次回访时间。".repeat(3);
  const callbacks = s.records.map((r, i): CallbackRow => ({
    code: r.code,
    name: r.name,
    date: `2026-11-${String((i % 30) + 1).padStart(2, "0")}`,
    kind: "periodic",
    owner: "张敏",
    category: "relationship",
    purpose: { zh: `R${i}A ${filler} R${i}Z`, en: `R${i}A ${filler} R${i}Z` },
    contact: r.contactPerson,
    phone: r.phone,
    status: "planned",
  }));
  return { ...s, callbacks };
}
