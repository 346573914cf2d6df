import type { FieldKey } from "./types";

/** How a field's cell text is parsed. */
export type FieldKind =
  "text" | "date" | "money" | "count" | "phone" | "email" | "satisfaction" | "boolean" | "status" | "birthday";

export interface FieldSpec {
  key: FieldKey;
  kind: FieldKind;
  /** The name on the paper form (客户状况记录表), also the header Rapport suggests. */
  zh: string;
  en: string;
  required?: boolean;
  /** Other headers people use for the same column, Chinese and English. Compared after `normalizeHeader`. */
  aliases: string[];
}

/** The archive's columns (客户状况记录表, domain §2), in the paper form's order. */
export const FIELDS: readonly FieldSpec[] = [
  {
    key: "code",
    kind: "text",
    zh: "客户编号",
    en: "Customer code",
    required: true,
    aliases: ["客户编码", "客户代码", "编号", "客户号", "code", "customer code", "customer id", "customer no", "id"],
  },
  {
    key: "name",
    kind: "text",
    zh: "客户名称",
    en: "Customer name",
    required: true,
    aliases: [
      "客户名",
      "客户",
      "单位名称",
      "公司名称",
      "企业名称",
      "客户姓名",
      "name",
      "customer",
      "customer name",
      "company",
    ],
  },
  {
    key: "category",
    kind: "text",
    zh: "类别",
    en: "Category",
    aliases: ["客户类别", "客户类型", "类型", "行业", "category", "type", "customer type"],
  },
  {
    key: "address",
    kind: "text",
    zh: "地址",
    en: "Address",
    aliases: ["客户地址", "公司地址", "联系地址", "通讯地址", "address"],
  },
  {
    key: "legalRepresentative",
    kind: "text",
    zh: "法人",
    en: "Legal representative",
    aliases: ["法人代表", "法定代表人", "legal representative", "legal rep"],
  },
  {
    key: "generalManager",
    kind: "text",
    zh: "总经理",
    en: "General manager",
    aliases: ["经理", "general manager", "gm"],
  },
  {
    key: "contactPerson",
    kind: "text",
    zh: "联系人",
    en: "Contact person",
    aliases: ["联系人姓名", "对接人", "contact", "contact person", "contact name"],
  },
  {
    key: "phone",
    kind: "phone",
    zh: "联系电话",
    en: "Phone",
    aliases: [
      "联系方式",
      "电话",
      "手机",
      "手机号",
      "手机号码",
      "电话号码",
      "联系手机",
      "phone",
      "telephone",
      "tel",
      "mobile",
      "phone number",
    ],
  },
  {
    key: "email",
    kind: "email",
    zh: "电子邮箱",
    en: "E-mail",
    aliases: ["邮箱", "电子邮件", "email", "e-mail", "mail"],
  },
  {
    key: "mainBusiness",
    kind: "text",
    zh: "主营业务",
    en: "Main business",
    aliases: ["主要业务", "经营范围", "main business", "business"],
  },
  {
    key: "employees",
    kind: "count",
    zh: "员工人数",
    en: "Employees",
    aliases: ["人数", "职工人数", "员工数", "employees", "staff", "headcount"],
  },
  {
    key: "operatingCondition",
    kind: "text",
    zh: "经营状况",
    en: "Operating condition",
    aliases: ["经营情况", "operating condition", "operations"],
  },
  { key: "bank", kind: "text", zh: "往来银行", en: "Bank", aliases: ["开户银行", "开户行", "银行", "bank"] },
  { key: "loans", kind: "text", zh: "贷款状况", en: "Loans", aliases: ["贷款情况", "贷款", "loans", "loan status"] },
  {
    key: "cashFlow",
    kind: "text",
    zh: "资金周转",
    en: "Cash flow",
    aliases: ["资金周转情况", "资金状况", "cash flow"],
  },
  { key: "payer", kind: "text", zh: "承办付款人", en: "Payer", aliases: ["付款人", "payer"] },
  {
    key: "paymentAttitude",
    kind: "text",
    zh: "付款态度",
    en: "Payment attitude",
    aliases: ["付款情况", "payment attitude"],
  },
  { key: "cheques", kind: "text", zh: "使用支票", en: "Cheques", aliases: ["付款支票", "支票", "cheques", "checks"] },
  {
    key: "largestPurchase",
    kind: "money",
    zh: "最高购买金额",
    en: "Largest purchase",
    aliases: ["最高购买额", "最大购买金额", "largest purchase", "max purchase"],
  },
  {
    key: "monthlyPurchase",
    kind: "money",
    zh: "月均购买额",
    en: "Average monthly purchase",
    aliases: ["月均购买金额", "月平均购买额", "月购买额", "average monthly purchase", "monthly purchase"],
  },
  {
    key: "channel",
    kind: "text",
    zh: "沟通方式",
    en: "Communication channel",
    aliases: ["客户服务沟通方式", "服务沟通方式", "channel", "communication channel"],
  },
  {
    key: "frequency",
    kind: "text",
    zh: "沟通频率",
    en: "Communication frequency",
    aliases: ["客户服务沟通频率", "服务沟通频率", "frequency", "communication frequency"],
  },
  {
    key: "potential",
    kind: "text",
    zh: "发展潜力",
    en: "Development potential",
    aliases: ["客户关系发展潜力", "关系发展潜力", "potential", "development potential"],
  },
  {
    key: "satisfaction",
    kind: "satisfaction",
    zh: "客户满意度",
    en: "Satisfaction",
    aliases: ["满意度", "satisfaction"],
  },
  {
    key: "owner",
    kind: "text",
    zh: "负责人",
    en: "Owner",
    aliases: ["客服负责人", "负责人员", "客户经理", "跟进人", "owner", "account manager"],
  },
  {
    key: "birthday",
    kind: "birthday",
    zh: "生日",
    en: "Birthday",
    aliases: ["出生日期", "联系人生日", "birthday", "date of birth"],
  },
  {
    key: "purchaseDate",
    kind: "date",
    zh: "购买日期",
    en: "Purchase date",
    aliases: ["购买时间", "首次购买日期", "成交日期", "purchase date"],
  },
  {
    key: "installDate",
    kind: "date",
    zh: "安装调试日期",
    en: "Installation date",
    aliases: ["安装日期", "调试日期", "安装时间", "installation date", "install date"],
  },
  {
    key: "lastRepairDate",
    kind: "date",
    zh: "最近维修日期",
    en: "Last repair date",
    aliases: ["维修日期", "上次维修日期", "last repair date", "repair date"],
  },
  {
    key: "repairOverdue",
    kind: "boolean",
    zh: "维修是否超时",
    en: "Repair overran",
    aliases: ["维修超时", "是否超时", "repair overdue", "repair overran"],
  },
  {
    key: "lastComplaintDate",
    kind: "date",
    zh: "最近投诉日期",
    en: "Last complaint date",
    aliases: ["投诉日期", "上次投诉日期", "last complaint date", "complaint date"],
  },
  {
    key: "complaintCount",
    kind: "count",
    zh: "投诉次数",
    en: "Complaints",
    aliases: ["投诉数", "累计投诉次数", "complaints", "complaint count"],
  },
  {
    key: "lastProposalDate",
    kind: "date",
    zh: "最近提案日期",
    en: "Last proposal date",
    aliases: ["提案日期", "last proposal date", "proposal date"],
  },
  {
    key: "lastContactDate",
    kind: "date",
    zh: "最近联系日期",
    en: "Last contact date",
    aliases: ["上次联系日期", "最后联系日期", "最近回访日期", "last contact date", "last contact"],
  },
  {
    key: "status",
    kind: "status",
    zh: "合作状态",
    en: "Status",
    aliases: ["客户状态", "状态", "status", "relationship status"],
  },
  {
    key: "lostDate",
    kind: "date",
    zh: "流失日期",
    en: "Date lost",
    aliases: ["流失时间", "date lost", "lost date", "churn date"],
  },
  {
    key: "lostReason",
    kind: "text",
    zh: "流失原因",
    en: "Reason lost",
    aliases: ["reason lost", "lost reason", "churn reason"],
  },
  { key: "gradeOverride", kind: "text", zh: "等级调整", en: "Grade override", aliases: ["手动等级", "grade override"] },
];

export const FIELD_BY_KEY: Readonly<Record<FieldKey, FieldSpec>> = Object.fromEntries(
  FIELDS.map((f) => [f.key, f]),
) as Record<FieldKey, FieldSpec>;

/**
 * Header text as compared: NFKC (full-width letters, digits and brackets become ASCII), units in brackets
 * dropped (`最高购买金额（元）` → `最高购买金额`), spaces, colons, asterisks and line breaks removed, lower case.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[([{【<].*?[)\]}】>]/g, "")
    .replace(/[\s:*：_]/g, "")
    .toLowerCase();
}
