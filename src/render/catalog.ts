import type { BilingualText } from "../core/types";

/** The six built-in templates; the local server accepts exactly these names (never paths). */
export const TEMPLATE_NAMES = ["plan", "report", "record", "roster", "callbacks", "evaluation"] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name);
}

export interface TemplateSpec {
  name: TemplateName;
  /** The form's name, printed in the header and used as the PDF title. */
  title: BilingualText;
  /** PDF subject metadata. */
  subject: BilingualText;
  /** One page (or file) per customer: data is `CustomerPagesData`. */
  perCustomer: boolean;
  landscape: boolean;
  /** Phones and e-mails masked unless asked otherwise: documents that circulate beyond the callers. */
  maskByDefault: boolean;
  /** 编号 prefix when the data gives no document number (pinyin initials, as paper forms are numbered). */
  numberPrefix: string;
}

export const TEMPLATES: Readonly<Record<TemplateName, TemplateSpec>> = {
  plan: {
    name: "plan",
    title: { zh: "客户关系维护方案", en: "Customer relationship maintenance plan" },
    subject: {
      zh: "客户关系维护方案：目标、分级维护措施、预算与审批",
      en: "Maintenance plan: targets, measures by grade, budget, approval",
    },
    perCustomer: false,
    landscape: false,
    maskByDefault: true,
    numberPrefix: "KHWH-FA",
  },
  report: {
    name: "report",
    title: { zh: "客户关系维护报告", en: "Customer relationship maintenance report" },
    subject: {
      zh: "客户关系维护报告：回访、满意度、投诉、流失与目标达成",
      en: "Maintenance report: callbacks, satisfaction, complaints, churn, targets",
    },
    perCustomer: false,
    landscape: false,
    maskByDefault: true,
    numberPrefix: "KHWH-BG",
  },
  record: {
    name: "record",
    title: { zh: "客户状况记录表", en: "Customer status record" },
    subject: {
      zh: "客户状况记录表：客户档案、等级与回访安排",
      en: "Customer record: archive fields, grade and upcoming callbacks",
    },
    perCustomer: true,
    landscape: false,
    maskByDefault: false,
    numberPrefix: "KHDA-JL",
  },
  roster: {
    name: "roster",
    title: { zh: "客户分级目录", en: "Graded customer roster" },
    subject: {
      zh: "客户分级目录：按等级分组的客户、数量与收入占比",
      en: "Customers by grade with counts and revenue shares",
    },
    perCustomer: false,
    landscape: false,
    maskByDefault: true,
    numberPrefix: "KHFJ-ML",
  },
  callbacks: {
    name: "callbacks",
    title: { zh: "电话回访计划表", en: "Phone callback plan" },
    subject: {
      zh: "电话回访计划表：按负责人和周排列，留有结果栏",
      en: "Callbacks by owner and week, with columns for the results",
    },
    perCustomer: false,
    landscape: true,
    maskByDefault: false,
    numberPrefix: "DHHF-JH",
  },
  evaluation: {
    name: "evaluation",
    title: { zh: "客户关系评估表", en: "Customer relationship evaluation" },
    subject: {
      zh: "客户关系评估表：评价项目、权重、得分与等级",
      en: "Evaluation: criteria, weights, points and grade",
    },
    perCustomer: true,
    landscape: false,
    maskByDefault: false,
    numberPrefix: "KHGX-PG",
  },
};
