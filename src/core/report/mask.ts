// Personal data in documents meant for circulation is masked, as Chinese personal-information practice expects
// (个人信息去标识化): 138****8000, 010-****5678, 0755-****-6666, ****6666, z***@example.com, 李***@例子.cn.
import { findPhoneNumbersInText } from "libphonenumber-js/max";

/** Seven digits, possibly split by spaces, dashes, dots or brackets: the least a phone number has. */
const MAY_HOLD_PHONE = /(?:[0-9０-９][\s\-.()（）]{0,2}){7}/;
const DIGIT = /[0-9０-９]/;

/**
 * Text before the @: letters (any script), digits and . _ % + -. When Chinese text runs straight into an ASCII
 * address (发邮件至li@corp.cn) only the ASCII run is the address; an all-Chinese one (李@例子.cn) is kept whole.
 */
const LOCAL = /[\p{L}\p{N}._%+-]+$/u;
const ASCII_TAIL = /[A-Za-z0-9._%+-]+$/;
/** A domain: labels of letters (any script), digits and hyphens, ending in an ASCII or Chinese top-level domain. */
const DOMAIN = /^@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(?:[A-Za-z]{2,}|\p{Script=Han}+)/u;

/**
 * How many leading digits of a national number stay readable: the mobile prefix (138), the area code (10, 21,
 * 755) or the service prefix (400, 800). The last four always stay, the rest become `*`.
 */
function keptPrefix(national: string): number {
  if (/^1[3-9]\d{9}$/.test(national)) return 3;
  if (/^(?:10|2\d)/.test(national)) return 2;
  return 3;
}

/** One phone number masked in place: its separators, country code and trunk 0 are kept as written. */
function maskPhone(text: string, national: string): string {
  const positions: number[] = [];
  let digits = "";
  for (let i = 0; i < text.length; i++) {
    if (DIGIT.test(text[i])) {
      positions.push(i);
      digits += String.fromCharCode(text.charCodeAt(i) >= 0xff10 ? text.charCodeAt(i) - 0xfee0 : text.charCodeAt(i));
    }
  }
  const start = digits.indexOf(national);
  if (start < 0 || national.length < 7) return text;
  const chars = text.split("");
  const from = start + keptPrefix(national);
  const to = start + national.length - 4;
  for (let d = from; d < to; d++) chars[positions[d]] = "*";
  return chars.join("");
}

/**
 * What a string is, by the name of the field that holds it: a phone field (`phone`, `mobile`, `tel`, `fax`, or a
 * user's column headed 电话/手机/座机/传真) holds nothing but phone numbers; an `other` field is known to hold
 * something else (`code`, `number`, `id`, a user's column under any other header: a code, an amount), where a number
 * standing alone is not taken for a phone; anything else is free text.
 */
export type MaskField = "text" | "phone" | "other";

function maskPhones(text: string, field: MaskField): string {
  if (!MAY_HOLD_PHONE.test(text)) return text;
  // The library's default (VALID) leniency: only numbers China's numbering plan allows, so dates, amounts, codes
  // and IDs stay as they are.
  const found = findPhoneNumbersInText(text, { defaultCountry: "CN" });
  let out = "";
  let at = 0;
  for (const match of found) {
    out += text.slice(at, match.startsAt);
    out += maskPhone(text.slice(match.startsAt, match.endsAt), String(match.number.nationalNumber));
    at = match.endsAt;
  }
  return maskLocalNumbers(out + text.slice(at), field);
}

/*
 * Local numbers (no area code: 88886666, 8888-6666, 6234567). The library cannot tell them from any other 7–8 digit
 * number, so the rule is Rapport's own:
 *
 * - the shape: 7 or 8 digits, the first 2–8 (Chinese local numbers never start with 0, 1 or 9), optionally split once
 *   by a dash or space before the last four (888-6666, 8888 6666), half- or full-width;
 * - standing alone: not part of a longer run of digits or letters (KH88886666, 订单号 202611250001), not after a
 *   currency sign (¥ 23456789), not a decimal (0.23456789, 2345678.9) nor before a thousands group (2345678,000);
 * - and clearly a phone, by one of:
 *   1. a phone word just before it: 电话, 座机, 固话, 手机, 联系方式, 致电, 拨打, 来电, 热线, 传真, Tel, Phone, Fax
 *      (电话88886666, 联系电话：8888-6666, Tel. 88886666);
 *   2. an extension right after it: 转, 分机, ext. (88886666转123);
 *   3. a masked phone just before it in a list (010-****6666、88886667);
 *   4. the whole text is nothing but numbers, separators and extensions (a phone cell: 88886666, 88886666、13812345678)
 *      and the number is not a date: a bare 8-digit 19000101–20991231 that is a real day (20261201) stays;
 *   5. the field is a phone field: there every such number is a phone, date-shaped or not.
 *   Rule 4 does not apply to `other` fields (a customer code 20240001, an amount 23456789 in the user's column).
 *
 * So amounts (¥12,345,678, 金额23456789元), dates (20261201, 2026-12-01), codes and order numbers stay as written.
 * All digits but the last four become `*`: ****6666, ****-6666, ***6666.
 */
const D = "0-9０-９";
const LOCAL_NUMBER = new RegExp(
  `(?<![${D}A-Za-zＡ-Ｚａ-ｚ_*＊#＃]|[${D}][.．]|[¥￥$＄]\\s?)` +
    `[2-8２-８][${D}]{2,3}[-－\\s]?[${D}]{4}` +
    `(?![${D}A-Za-zＡ-Ｚａ-ｚ_*＊%％元万亿]|[.．][${D}]|[,，][${D}]{3}(?![${D}]))`,
  "gu",
);
const PHONE_WORD_BEFORE =
  /(?:电话|座机|固话|手机|联系方式|致电|拨打|来电|热线|传真|(?<![A-Za-z])(?:tel|phone|fax))(?:号码?)?[是为.]?\s*[:：]?\s*$/iu;
const EXTENSION_AFTER = /^\s*(?:转|分机|ext\.?)\s*[0-9０-９]/iu;
const MASKED_PHONE_BEFORE = /[*＊][-－\s]?[0-9０-９]{4}(?:\s*(?:转|分机|ext\.?)\s*[0-9０-９]+)?\s*[、,，;；/／]\s*$/iu;
const EXTENSION = /(?:转|分机|ext\.?)\s*[0-9０-９]+/giu;
const ONLY_NUMBERS = /^[0-9０-９*＊\s\-－()（）+、,，;；/／]+$/u;
const DATE_8 = /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/;

function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

function maskLocalNumbers(text: string, field: MaskField): string {
  const onlyNumbers = field === "text" && ONLY_NUMBERS.test(text.replace(EXTENSION, ""));
  let out = "";
  let at = 0;
  for (const match of text.matchAll(LOCAL_NUMBER)) {
    const start = match.index;
    const number = match[0];
    out += text.slice(at, start);
    at = start + number.length;
    const isPhone =
      field === "phone" ||
      PHONE_WORD_BEFORE.test(out.slice(-16)) ||
      EXTENSION_AFTER.test(text.slice(at, at + 16)) ||
      MASKED_PHONE_BEFORE.test(out.slice(-40)) ||
      (onlyNumbers && !DATE_8.test(asciiDigits(number)));
    if (!isPhone) {
      out += number;
      continue;
    }
    let keep = 4;
    let masked = "";
    for (const char of [...number].reverse()) {
      const digit = /[0-9０-９]/.test(char);
      masked = (digit && keep-- <= 0 ? "*" : char) + masked;
    }
    out += masked;
  }
  return out + text.slice(at);
}

function maskEmails(text: string): string {
  if (!text.includes("@")) return text;
  let out = "";
  let at = 0;
  for (let i = text.indexOf("@"); i >= 0; i = text.indexOf("@", i + 1)) {
    const domain = DOMAIN.exec(text.slice(i));
    const before = text.slice(at, i);
    let local = LOCAL.exec(before)?.[0];
    if (!domain || !local) continue;
    const ascii = ASCII_TAIL.exec(local)?.[0];
    if (ascii && ascii.length < local.length && /[A-Za-z0-9]/.test(ascii)) local = ascii;
    const first = [...local][0];
    out += before.slice(0, before.length - local.length) + `${first}***`;
    at = i;
  }
  return out + text.slice(at);
}

/**
 * Masks every phone number and e-mail address inside a text, leaving the rest as it was. `field` says what holds the
 * text (see MaskField): local numbers without an area code are masked by the rule above.
 */
export function maskText(text: string, field: MaskField = "text"): string {
  return maskEmails(maskPhones(text, field));
}

/**
 * A deep copy of template data with phones and e-mails masked in every string, not only in the phone and e-mail
 * fields: people type numbers into notes and addresses too. Numbers, dates and structure are untouched.
 */
export function maskData<T>(data: T): T {
  return walk(data) as T;
}

const PHONE_KEY = /phone|mobile|^tel$|fax/i;
const OTHER_KEY = /code|number|^id$/i;
const OTHER_SUFFIX = /[a-z]Id$/;
/** A user's own column (`{ header, value }`, the record's extra fields) is what its header says. */
const PHONE_HEADER = /电话|手机|座机|固话|传真|联系方式|phone|mobile|^tel|fax/i;

function fieldOf(key: string, siblings: Record<string, unknown>): MaskField {
  if (PHONE_KEY.test(key)) return "phone";
  if (OTHER_KEY.test(key) || OTHER_SUFFIX.test(key)) return "other";
  if (key === "value" && typeof siblings.header === "string") {
    return PHONE_HEADER.test(siblings.header) ? "phone" : "other";
  }
  return "text";
}

/** Strings are masked as their key says (an array's items as the array's key: `phones: [...]`). */
function walk(value: unknown, field: MaskField = "text"): unknown {
  if (typeof value === "string") return maskText(value, field);
  if (Array.isArray(value)) return value.map((v) => walk(v, field));
  if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(object)) out[k] = walk(v, fieldOf(k, object));
    return out;
  }
  return value;
}
