// What each call is about and how it opens (回访内容, 回访规范): the words staff read on the schedule.
import type { BilingualText, Grade } from "../types";
import type { ScheduleSettings } from "./config";
import type { CallbackKind, ContentCategory } from "./types";

export const CATEGORY_LABELS: Record<ContentCategory, BilingualText> = {
  explanation: { zh: "解释回访", en: "explanation" },
  promotion: { zh: "宣传回访", en: "promotion" },
  relationship: { zh: "情感回访", en: "relationship" },
  mediation: { zh: "调解回访", en: "mediation" },
  advice: { zh: "建议回访", en: "advice" },
  guidance: { zh: "指导回访", en: "guidance" },
};

/** How each kind of callback is named on the 回访计划 sheet (the sheet is read back by these names). */
export const KIND_LABELS: Record<CallbackKind, BilingualText> = {
  install: { zh: "安装调试回访", en: "after installation" },
  "purchase-4-6m": { zh: "购买后4-6个月回访", en: "4–6 months after purchase" },
  "purchase-10-12m": { zh: "购买后10-12个月回访", en: "10–12 months after purchase" },
  anniversary: { zh: "购买一周年回访", en: "one year after purchase" },
  periodic: { zh: "定期回访", en: "periodic" },
  complaint: { zh: "投诉回访", en: "complaint" },
  proposal: { zh: "提案回访", en: "proposal" },
  "repair-dispatch": { zh: "派修回访", en: "repair staff sent" },
  "repair-overdue": { zh: "维修超时回访", en: "repair overran" },
  "repair-followup": { zh: "维修后回访", en: "after repair" },
  "low-satisfaction": { zh: "满意度回访", en: "low satisfaction" },
  dormant: { zh: "久未联系回访", en: "no recent contact" },
  random: { zh: "随机抽访", en: "random sample" },
  holiday: { zh: "节日问候", en: "holiday greeting" },
  birthday: { zh: "生日问候", en: "birthday greeting" },
};

const fixed = (zh: string, en: string): BilingualText => ({ zh, en });

/** The facts a purpose line quotes (dates as the user wrote them, counts). */
export interface PurposeFacts {
  date?: string;
  grade?: Grade;
  months?: number;
  satisfaction?: number;
  days?: number;
  festival?: BilingualText;
  gift?: boolean;
  card?: boolean;
  call?: boolean;
  birthday?: BilingualText;
}

/** One line on why the call is made. */
export function purposeOf(kind: CallbackKind, f: PurposeFacts): BilingualText {
  switch (kind) {
    case "install":
      return fixed(
        `安装调试后回访（安装 ${f.date}）：了解客户对安装人员的满意度`,
        `After installation (${f.date}): ask how satisfied the customer is with the installer`,
      );
    case "purchase-4-6m":
      return fixed(
        `购买后4-6个月回访（购买 ${f.date}）：了解产品运行情况`,
        `4–6 months after purchase (${f.date}): how is the product running?`,
      );
    case "purchase-10-12m":
      return fixed(
        `购买后10-12个月回访（购买 ${f.date}）：是否需要上门检查或保养`,
        `10–12 months after purchase (${f.date}): is an on-site inspection or maintenance needed?`,
      );
    case "anniversary":
      return fixed(
        `购买一周年回访（购买 ${f.date}）：是否已习惯使用产品，解答疑问`,
        `One year after purchase (${f.date}): is the customer used to the product? Answer questions`,
      );
    case "periodic":
      return fixed(
        `定期回访（${f.grade} 类客户，每 ${f.months} 个月）：了解客户需求的变化`,
        `Regular callback (grade ${f.grade}, every ${f.months} months): track the customer's changing needs`,
      );
    case "complaint":
      return fixed(
        `投诉回访（投诉 ${f.date}）：立即致电确认投诉的问题`,
        `Complaint received (${f.date}): call at once to confirm the problem`,
      );
    case "proposal":
      return fixed(
        `提案回访（提案 ${f.date}）：告知提案已收到并致谢`,
        `Proposal received (${f.date}): say it arrived and thank the customer`,
      );
    case "repair-dispatch":
      return fixed(
        `派修回访（维修 ${f.date}）：告知客户维修人员的联系方式`,
        `Repair staff sent (${f.date}): give the customer the repair staff's contact`,
      );
    case "repair-overdue":
      return fixed(
        `维修超时回访（维修 ${f.date}）：了解维修超时的情况`,
        `The repair of ${f.date} overran its allowed time: find out what happened`,
      );
    case "repair-followup":
      return fixed(
        `维修后回访（维修 ${f.date}）：确认维修效果`,
        `After the repair of ${f.date}: confirm the repair worked`,
      );
    case "low-satisfaction":
      return fixed(
        `满意度回访（客户满意度 ${f.satisfaction}/100）：了解不满意的原因，化解不满`,
        `Low satisfaction (${f.satisfaction}/100): learn why and calm the dissatisfaction`,
      );
    case "dormant":
      return fixed(
        `久未联系回访（最近联系 ${f.date}，已 ${f.days} 天）：联络感情，了解近况`,
        `No contact since ${f.date} (${f.days} days): warm the relationship, hear how things are`,
      );
    case "random":
      return fixed("随机抽访：了解客户对产品和服务的满意度", "Random sample: ask how satisfied the customer is");
    case "holiday":
      return holidayPurpose(f);
    case "birthday":
      return fixed(`生日问候（${f.birthday?.zh}）`, `Birthday greeting (${f.birthday?.en})`);
  }
}

function holidayPurpose(f: PurposeFacts): BilingualText {
  const name = f.festival ?? { zh: "节日", en: "holiday" };
  if (!f.call) {
    const zh = [f.gift ? "小礼品" : "", f.card ? "贺卡" : ""].filter(Boolean).join("和");
    const en = [f.gift ? "a small gift" : "", f.card ? "a card" : ""].filter(Boolean).join(" and ");
    return fixed(`${name.zh}前寄送${zh}`, `Send ${en} for ${name.en}`);
  }
  const extraZh = f.gift && f.card ? "，并赠送小礼品和贺卡" : f.gift ? "，并赠送小礼品" : f.card ? "，并寄送贺卡" : "";
  const extraEn =
    f.gift && f.card
      ? ", with a small gift and a card"
      : f.gift
        ? ", with a small gift"
        : f.card
          ? ", with a card"
          : "";
  return fixed(`${name.zh}前电话问候${extraZh}`, `${name.en} greeting call${extraEn}`);
}

/** The 回访规范 opening, filled with the contact's name (or the customer's when no contact is on file). */
export function openingScript(
  settings: Pick<ScheduleSettings, "script" | "scriptNoContact" | "company">,
  customer: { name: string; contactPerson?: string },
  owner: string,
): string {
  return compileScript(settings)(customer, owner);
}

type Script = (customer: { name: string; contactPerson?: string }, owner: string) => string;

/** Splits a template at its placeholders once, so filling it for a hundred thousand customers is concatenation. */
function compileTemplate(
  template: string,
  company: string,
): (contact: string, customer: string, owner: string) => string {
  const parts = template.split(/(\{contact\}|\{customer\}|\{company\}|\{owner\})/);
  return (contact, customer, owner) => {
    let text = "";
    for (const part of parts) {
      text +=
        part === "{contact}"
          ? contact
          : part === "{customer}"
            ? customer
            : part === "{company}"
              ? company
              : part === "{owner}"
                ? owner
                : part;
    }
    return text;
  };
}

/** The opening script for many customers: the templates compiled once. */
export function compileScript(settings: Pick<ScheduleSettings, "script" | "scriptNoContact" | "company">): Script {
  const withContact = compileTemplate(settings.script, settings.company);
  const withoutContact = compileTemplate(settings.scriptNoContact, settings.company);
  return (customer, owner) =>
    customer.contactPerson
      ? withContact(customer.contactPerson, customer.name, owner)
      : withoutContact("", customer.name, owner);
}
