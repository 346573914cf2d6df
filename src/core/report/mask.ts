// Personal data in documents meant for circulation is masked, as Chinese personal-information practice expects
// (个人信息去标识化): 138****8000, 010-****5678, 0755-****-6666, z***@example.com, 李***@例子.cn.
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

function maskPhones(text: string): string {
  if (!MAY_HOLD_PHONE.test(text)) return text;
  // The library's default (VALID) leniency: only numbers China's numbering plan allows, so dates, amounts, codes
  // and IDs stay as they are.
  const found = findPhoneNumbersInText(text, { defaultCountry: "CN" });
  if (!found.length) return text;
  let out = "";
  let at = 0;
  for (const match of found) {
    out += text.slice(at, match.startsAt);
    out += maskPhone(text.slice(match.startsAt, match.endsAt), String(match.number.nationalNumber));
    at = match.endsAt;
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

/** Masks every phone number and e-mail address inside a text, leaving the rest as it was. */
export function maskText(text: string): string {
  return maskEmails(maskPhones(text));
}

/**
 * A deep copy of template data with phones and e-mails masked in every string, not only in the phone and e-mail
 * fields: people type numbers into notes and addresses too. Numbers, dates and structure are untouched.
 */
export function maskData<T>(data: T): T {
  return walk(data) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === "string") return maskText(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v);
    return out;
  }
  return value;
}
