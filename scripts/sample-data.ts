// Deterministic customer data for the bundled sample, tests and benchmarks: Chinese companies, people and
// addresses, with the variety of formats people really type.
import type ExcelJS from "exceljs";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { addDays } from "../src/core/calendar";

let rng = xoroshiro128plus(20261125);
const int = (min: number, max: number) => uniformInt(rng, min, max);
const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];

const CITIES = [
  ["北京市", "朝阳区", "建国路"],
  ["上海市", "浦东新区", "世纪大道"],
  ["广州市", "天河区", "天河路"],
  ["深圳市", "南山区", "科技园路"],
  ["杭州市", "西湖区", "文三路"],
  ["成都市", "高新区", "天府大道"],
  ["武汉市", "洪山区", "珞喻路"],
  ["南京市", "鼓楼区", "中山北路"],
  ["苏州市", "工业园区", "星湖街"],
  ["天津市", "河西区", "友谊路"],
] as const;
const AREA: Record<string, string> = {
  北京市: "010",
  上海市: "021",
  广州市: "020",
  深圳市: "0755",
  杭州市: "0571",
  成都市: "028",
  武汉市: "027",
  南京市: "025",
  苏州市: "0512",
  天津市: "022",
};
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈";
const GIVEN = [
  "伟",
  "芳",
  "娜",
  "敏",
  "静",
  "丽",
  "强",
  "磊",
  "军",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "秀英",
  "霞",
  "平",
  "刚",
  "桂英",
  "建华",
  "晓东",
  "海燕",
  "志强",
];
const PREFIX = [
  "华",
  "恒",
  "盛",
  "鑫",
  "瑞",
  "嘉",
  "宏",
  "金",
  "永",
  "泰",
  "安",
  "德",
  "信",
  "联",
  "新",
  "中",
  "天",
  "博",
  "远",
  "东",
];
const SUFFIX = [
  "科技有限公司",
  "贸易有限公司",
  "机电设备有限公司",
  "实业有限公司",
  "制造有限公司",
  "物业管理有限公司",
  "餐饮管理有限公司",
  "电子有限公司",
];
const BUSINESS = [
  "机电设备销售",
  "食品加工",
  "物业管理",
  "电子元器件",
  "餐饮连锁",
  "建材批发",
  "医疗器械",
  "物流运输",
  "软件开发",
  "纺织服装",
];
const CATEGORY = ["制造业", "商贸", "服务业", "物业", "餐饮"];
const BANKS = ["中国工商银行", "中国建设银行", "中国银行", "招商银行", "中国农业银行", "交通银行"];
const CONDITION = ["良好", "良好", "一般", "稳定增长", "较差"];
const LOANS = ["无贷款", "少量贷款", "贷款较多"];
const CASHFLOW = ["良好", "一般", "紧张"];
const ATTITUDE = ["及时", "及时", "一般", "拖延"];
const CHANNEL = ["电话", "微信", "电子邮件", "上门拜访"];
const FREQUENCY = ["每月", "每季度", "每半年"];
const POTENTIAL = ["高", "中", "低"];
const SATISFACTION = ["非常满意", "满意", "满意", "一般", "不满意", 5, 4, 4, 3, "90%", "85%"];
const OWNERS = ["王芳", "李强", "张敏", "刘洋"];

const person = () => pick([...SURNAMES]) + pick(GIVEN);
const mobile = () =>
  `1${pick(["38", "39", "58", "86", "37", "50", "89", "77"])}${String(int(0, 99_999_999)).padStart(8, "0")}`;

/** The day the sample describes; its dates are all on or before it. */
export const AS_OF = "2026-11-20";

export type SampleRow = (string | number | null | Date | ExcelJS.CellFormulaValue)[];

/** Restarts the generator, so the same calls give the same customers. */
export function reseed(seed = 20261125): void {
  rng = xoroshiro128plus(seed);
}

/** `count` customers numbered from 1, deterministic for a seed; formula rows refer to the sample's layout. */
export function sampleRows(count: number, seed?: number): SampleRow[] {
  reseed(seed);
  return Array.from({ length: count }, (_, i) => customerRow(i + 1));
}

export function customerRow(i: number): SampleRow {
  const [city, district, road] = pick(CITIES);
  const purchase = addDays(AS_OF, -int(20, 900));
  const install = addDays(purchase, int(1, 10));
  const repaired = int(0, 3) === 0 ? addDays(purchase, int(30, 400)) : null;
  const complaints = int(0, 9) < 7 ? 0 : int(1, 4);
  const lost = int(0, 19) === 0;
  const lostDate = lost ? addDays(AS_OF, -int(5, 200)) : null;
  const monthly = int(2, 400) * 500;
  const largest = monthly * int(2, 8);
  const phone = int(0, 4) === 0 ? `${AREA[city]}-${int(2, 8)}${String(int(0, 9_999_999)).padStart(7, "0")}` : mobile();
  const company = `${city.replace("市", "")}${pick(PREFIX)}${pick(PREFIX)}${pick(SUFFIX)}`;
  const contact = person();
  const dateCell = (iso: string | null) => (iso === null || iso > AS_OF ? null : new Date(`${iso}T00:00:00Z`));
  return [
    `KH${String(i).padStart(4, "0")}`,
    company,
    pick(CATEGORY),
    `${city}${district}${road}${int(1, 999)}号`,
    person(),
    person(),
    contact,
    // Phones as text, as Excel users type them (a number would lose the leading 0 of a landline).
    int(0, 9) === 0 ? `+86 ${phone}` : phone,
    `${["info", "service", "sales", "admin"][int(0, 3)]}${i}@${pick(["163.com", "qq.com", "126.com", "sina.com"])}`,
    pick(BUSINESS),
    int(0, 5) === 0 ? `${int(10, 500)}人` : int(10, 500),
    pick(CONDITION),
    pick(BANKS),
    pick(LOANS),
    pick(CASHFLOW),
    person(),
    pick(ATTITUDE),
    int(0, 6) === 0 ? `¥${largest.toLocaleString("en-US")}` : largest,
    monthly,
    // 年购买额: the user's own formula column, kept and never touched by Rapport.
    { formula: `S${i + 3}*12`, result: monthly * 12 } as ExcelJS.CellFormulaValue,
    pick(CHANNEL),
    pick(FREQUENCY),
    pick(POTENTIAL),
    pick(SATISFACTION),
    int(0, 4) === 0 ? "" : pick(OWNERS),
    int(0, 3) === 0
      ? `农历${pick(["正", "二", "三", "五", "八", "十"])}月初${pick(["一", "三", "六", "八"])}`
      : `${int(1, 12)}月${int(1, 28)}日`,
    dateCell(purchase),
    dateCell(install),
    dateCell(repaired),
    repaired ? pick(["否", "否", "否", "是"]) : null,
    complaints,
    complaints ? dateCell(addDays(AS_OF, -int(1, 120))) : null,
    int(0, 9) === 0 ? dateCell(addDays(AS_OF, -int(1, 200))) : null,
    dateCell(addDays(AS_OF, -int(1, 300))),
    lost ? "已流失" : "在合作",
    dateCell(lostDate),
    lost ? pick(["价格原因", "转向竞争对手", "经营不善", "服务不满意"]) : null,
  ];
}

export const HEADERS = [
  "客户编号",
  "客户名称",
  "类别",
  "地址",
  "法人",
  "总经理",
  "联系人",
  "联系电话",
  "电子邮箱",
  "主营业务",
  "员工人数",
  "经营状况",
  "往来银行",
  "贷款状况",
  "资金周转",
  "承办付款人",
  "付款态度",
  "最高购买金额（元）",
  "月均购买额（元）",
  "年购买额（元）",
  "沟通方式",
  "沟通频率",
  "发展潜力",
  "客户满意度",
  "负责人",
  "生日",
  "购买日期",
  "安装调试日期",
  "最近维修日期",
  "维修是否超时",
  "投诉次数",
  "最近投诉日期",
  "最近提案日期",
  "最近联系日期",
  "合作状态",
  "流失日期",
  "流失原因",
];

/** Deliberate mistakes, each one a validation finding the README and tests refer to. */
export function addMistakes(rows: SampleRow[]): void {
  const col = (name: string) => HEADERS.indexOf(name);
  rows[4][col("联系电话")] = "1381234567"; // 10 digits
  rows[9][col("购买日期")] = "2024/13/01"; // no 13th month
  rows[14][col("客户编号")] = rows[13][col("客户编号")]; // duplicate code
  rows[19][col("客户名称")] = null; // required
  rows[24][col("电子邮箱")] = "wang.li#163.com";
  rows[29][col("月均购买额（元）")] = -3000;
  rows[34][col("客户满意度")] = "120%";
  rows[39][col("购买日期")] = new Date("2030-01-15T00:00:00Z"); // in the future
  rows[44][col("安装调试日期")] = new Date("2024-01-02T00:00:00Z");
  rows[44][col("购买日期")] = new Date("2024-02-01T00:00:00Z"); // installed before bought: a warning
  rows[49][col("员工人数")] = "约五十人";
}
