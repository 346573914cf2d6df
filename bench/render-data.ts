// Deterministic data for the render benchmark: n customers with grades and a quarter of callbacks, as the CLI would
// gather them from a workbook, turned into the templates' data by the same core builders.
import { addDays } from "../src/core/calendar";
import {
  buildCustomerPages,
  buildReportData,
  type CustomerPagesData,
  type ReportData,
  type ReportSources,
} from "../src/core/report/documents";
import type { CallbackRow, CallbackStatus, DocumentInfo, GradeInfo, Period } from "../src/core/report/types";
import type { CustomerRecord, Grade } from "../src/core/types";

const CITIES = ["上海", "北京", "广州", "深圳", "苏州", "杭州", "南京", "成都", "天津", "武汉"];
const TRADES = ["机电设备", "科技", "餐饮管理", "物业管理", "贸易", "制造", "实业", "电子"];
const SURNAMES = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"];
const GIVEN = ["敏", "强", "芳", "伟", "娜", "磊", "静", "洋", "军", "丽"];
const OWNERS = ["张敏", "李强", "王芳", "刘洋", "陈静", "杨磊", "黄丽", "周军"];
const KINDS = [
  "periodic",
  "install",
  "purchase-4-6m",
  "anniversary",
  "complaint",
  "low-satisfaction",
  "dormant",
  "holiday",
];
const REASONS = ["价格原因", "服务态度", "竞争对手", "产品质量", "人员变动"];

/** A tiny deterministic generator (mulberry32): the same data on every run and machine. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const BENCH_TODAY = "2026-11-25";
export const BENCH_PERIOD: Period = { from: "2026-09-01", to: "2026-11-30" };

export function benchSources(n: number): ReportSources {
  const rnd = random(20261125);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const records: CustomerRecord[] = [];
  const grades = new Map<string, GradeInfo>();
  const callbacks: CallbackRow[] = [];
  for (let i = 0; i < n; i++) {
    const code = `KH${String(i + 1).padStart(5, "0")}`;
    const lost = rnd() < 0.06;
    const complained = rnd() < 0.08;
    const owner = pick(OWNERS);
    const record: CustomerRecord = {
      row: i + 4,
      code,
      name: `${pick(CITIES)}${pick(["金信", "联远", "鑫泰", "安华", "永盛", "华通", "恒达"])}${pick(TRADES)}有限公司`,
      category: pick(["商贸", "制造", "服务", "物业"]),
      address: `${pick(CITIES)}市${pick(["浦东新区", "天河区", "海淀区", "工业园区"])}${pick(["张江路", "中山路", "人民路"])}${1 + Math.floor(rnd() * 999)}号`,
      legalRepresentative: pick(SURNAMES) + pick(GIVEN),
      generalManager: pick(SURNAMES) + pick(GIVEN),
      contactPerson: pick(SURNAMES) + pick(GIVEN),
      phone: `1${pick(["38", "39", "58", "86"])}${String(Math.floor(rnd() * 1e8)).padStart(8, "0")}`,
      email: `contact${i}@example.com`,
      mainBusiness: pick(TRADES),
      employees: 10 + Math.floor(rnd() * 800),
      operatingCondition: pick(["良好", "一般", "较差"]),
      bank: pick(["工商银行", "建设银行", "交通银行", "招商银行"]),
      loans: pick(["无贷款", "贷款较少", "贷款较多"]),
      cashFlow: pick(["良好", "一般", "紧张"]),
      payer: pick(SURNAMES) + pick(GIVEN),
      paymentAttitude: pick(["积极", "一般", "拖延"]),
      cheques: pick(["是", "否"]),
      largestPurchase: Math.round(rnd() * 500) * 1000,
      monthlyPurchase: Math.round(rnd() * 100) * 500,
      channel: pick(["电话", "微信", "电子邮件", "上门拜访"]),
      frequency: pick(["每月", "每季度", "每半年"]),
      potential: pick(["高", "中", "低"]),
      satisfaction: pick([100, 75, 75, 75, 50, 25]),
      owner,
      purchaseDate: addDays("2024-01-01", Math.floor(rnd() * 900)),
      lastContactDate: addDays("2026-01-01", Math.floor(rnd() * 300)),
      lastComplaintDate: complained ? addDays(BENCH_PERIOD.from, Math.floor(rnd() * 90)) : undefined,
      complaintCount: complained ? 1 + Math.floor(rnd() * 3) : 0,
      status: lost ? "lost" : "active",
      lostDate: lost ? addDays(BENCH_PERIOD.from, Math.floor(rnd() * 90)) : undefined,
      lostReason: lost ? pick(REASONS) : undefined,
      extra: {},
    };
    records.push(record);
    const score = Math.round(rnd() * 1000) / 10;
    const grade: Grade = score >= 80 ? "A" : score >= 60 ? "B" : score >= 45 ? "C" : "D";
    grades.set(code, {
      code,
      score,
      grade,
      abc: pick(["A", "B", "C"] as const),
      override: false,
      rule: { zh: `${grade} 类；评分 ${score}`, en: `${grade}; score ${score}` },
      breakdown: [
        "月均购买额",
        "最高购买额",
        "付款态度",
        "资金周转",
        "满意度",
        "发展潜力",
        "合作年限",
        "经营状况",
        "联系近况",
        "投诉",
      ].map((name, k) => ({
        criterion: { zh: name, en: name },
        value: String(Math.round(rnd() * 100)),
        weight: k < 2 ? 0.2 : 0.075,
        points: Math.round(rnd() * 150) / 10,
      })),
    });
    for (let k = 0; k < 4; k++) {
      const date = addDays(BENCH_PERIOD.from, Math.floor(rnd() * 100));
      const past = date < BENCH_TODAY;
      const status: CallbackStatus = past
        ? pick(["done", "done", "done", "no-answer", "planned", "refused"])
        : "planned";
      callbacks.push({
        code,
        name: record.name,
        date,
        kind: complained && k === 0 ? "complaint" : pick(KINDS),
        owner,
        category: pick(["relationship", "guidance", "mediation", "promotion"]),
        purpose: { zh: "了解产品使用情况，听取意见", en: "how the product runs" },
        contact: record.contactPerson,
        phone: record.phone,
        status,
        result: status === "done" ? pick(["客户满意", "已解决", "需上门检修", "提出改进建议"]) : undefined,
        satisfaction: status === "done" ? pick([100, 75, 75, 50]) : undefined,
        actualDate: status === "done" ? date : undefined,
      });
    }
  }
  return { records, grades, callbacks, today: BENCH_TODAY };
}

const doc = (title: string, number: string): DocumentInfo => ({
  title,
  number,
  date: BENCH_TODAY,
  company: "示例公司",
  author: "客户服务部",
  controlStatus: "受控",
});

export function benchData(n: number): { record: CustomerPagesData; report: ReportData } {
  const sources = benchSources(n);
  return {
    record: buildCustomerPages(sources, doc("客户状况记录表", "KHDA-JL-202611")),
    report: buildReportData(sources, BENCH_PERIOD, doc("客户关系维护报告", "KHWH-BG-202611")),
  };
}
