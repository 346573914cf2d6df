import { standardSchema, type GradingStandard, type GradingStandardInput } from "./standard";

/**
 * The standard Rapport ships (documented in README): add weights total 100, so each criterion's weight is the
 * points it can add. Labels list the words people really type in these columns of 客户状况记录表.
 */
const DEFAULT_INPUT: GradingStandardInput = {
  criteria: [
    {
      id: "monthly-purchase",
      name: { zh: "月均购买额", en: "Monthly purchase" },
      measure: "monthlyPurchase",
      weight: 25,
      rule: { type: "linear", from: { value: 0, points: 0 }, to: { value: 100_000, points: 100 } },
    },
    {
      id: "largest-purchase",
      name: { zh: "最高购买额", en: "Largest purchase" },
      measure: "largestPurchase",
      weight: 10,
      rule: {
        type: "bands",
        bands: [
          { from: 0, points: 0 },
          { from: 10_000, points: 30 },
          { from: 50_000, points: 60 },
          { from: 200_000, points: 80 },
          { from: 500_000, points: 100 },
        ],
      },
    },
    {
      id: "payment-attitude",
      name: { zh: "付款态度", en: "Payment attitude" },
      measure: "paymentAttitude",
      weight: 15,
      rule: {
        type: "lookup",
        labels: {
          "及时、按时、准时、付款及时、良好、好": 100,
          "一般、较及时、基本及时、尚可": 60,
          "偶有拖延、有时拖延": 30,
          "拖延、拖欠、较差、差、经常拖欠": 0,
        },
      },
    },
    {
      id: "cash-flow",
      name: { zh: "资金周转", en: "Cash flow" },
      measure: "cashFlow",
      weight: 10,
      rule: {
        type: "lookup",
        labels: { "良好、充足、宽裕、好": 100, "一般、正常、尚可": 60, "紧张、困难、较差、差": 10 },
      },
    },
    {
      id: "satisfaction",
      name: { zh: "满意度", en: "Satisfaction" },
      measure: "satisfaction",
      weight: 15,
      rule: { type: "linear", from: { value: 0, points: 0 }, to: { value: 100, points: 100 } },
    },
    {
      id: "potential",
      name: { zh: "发展潜力", en: "Potential" },
      measure: "potential",
      weight: 10,
      rule: {
        type: "lookup",
        labels: { "高、大、很大、较高": 100, "中、一般、较大、中等": 60, "低、小、较小、较低": 20 },
      },
    },
    {
      id: "relationship",
      name: { zh: "合作年限", en: "Years as customer" },
      measure: "relationshipYears",
      weight: 5,
      rule: {
        type: "bands",
        bands: [
          { from: 0, points: 20 },
          { from: 1, points: 50 },
          { from: 2, points: 75 },
          { from: 3, points: 100 },
        ],
      },
    },
    {
      id: "operating-condition",
      name: { zh: "经营状况", en: "Operating condition" },
      measure: "operatingCondition",
      weight: 5,
      rule: {
        type: "lookup",
        labels: { "良好、稳定增长、增长、优秀、好": 100, "稳定、正常、一般": 60, "较差、差、亏损、困难": 10 },
      },
    },
    {
      id: "contact-recency",
      name: { zh: "联系近况", en: "Contact recency" },
      measure: "daysSinceContact",
      weight: 5,
      // Contacted within a month: full points; not for a year: none.
      rule: { type: "linear", from: { value: 30, points: 100 }, to: { value: 365, points: 0 } },
    },
    {
      id: "complaints",
      name: { zh: "投诉", en: "Complaints" },
      measure: "complaintCount",
      effect: "deduct",
      weight: 15,
      rule: {
        type: "bands",
        bands: [
          { from: 0, points: 0 },
          { from: 1, points: 30 },
          { from: 2, points: 60 },
          { from: 3, points: 100 },
        ],
      },
      // A blank complaint count on these forms means none were received.
      missing: 0,
    },
  ],
  grades: { A: 75, B: 60, C: 45 },
  hardRules: [
    {
      id: "many-complaints",
      name: { zh: "一年内投诉 3 次及以上", en: "3 or more complaints within a year" },
      when: [
        { measure: "complaintCount", min: 3 },
        { measure: "daysSinceComplaint", max: 365 },
      ],
      atMost: "C",
    },
    {
      id: "lost",
      name: { zh: "已流失", en: "lost customer" },
      when: [{ measure: "status", labels: ["已流失"] }],
      atMost: "D",
    },
  ],
  abc: { measure: "monthlyPurchase", a: 80, b: 95 },
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Frozen: callers that want a variant copy it (`structuredClone`) and change the copy. */
export const DEFAULT_STANDARD: GradingStandard = deepFreeze(standardSchema.parse(DEFAULT_INPUT));
