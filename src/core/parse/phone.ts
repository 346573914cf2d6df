import { Metadata } from "libphonenumber-js/core";
import { isValidPhoneNumber, parsePhoneNumberFromString } from "libphonenumber-js/max";
import metadataJson from "libphonenumber-js/max/metadata";
import type { CellValue } from "../types";
import { fail, ok, type Parsed, type ParseWarning } from "./result";
import { cellText, codeAt, halfWidth, lengthOf } from "./text";

const EXPECTED_ZH = "中国手机号（11 位，如 13812345678）或座机号（区号-号码，如 010-12345678），可带 +86";
const EXPECTED_EN =
  "a Chinese mobile number (11 digits, e.g. 13812345678) or landline (area code and number, e.g. 010-12345678), +86 allowed";

const MOBILE = /^1[3-9]\d{9}$/;
/** Landline digits split by China's numbering plan: 010 and 02X are 3-digit area codes, other 0XXX are 4-digit. */
const LANDLINE = /^(0(?:10|2\d))-?([2-9]\d{7})$|^(0[3-9]\d{2})-?([2-9]\d{6,7})$/;
/** A landline followed by an extension: `转801`, `分机801`, `ext. 801`, `x801`, `#801` or `-801`. */
const EXTENSION = /^(.+?)\s*(?:转|分机|ext\.?|x|#|-)\s*(\d{1,6})$/i;
/** A local number as dialled inside its own city: 7 or 8 digits, no area code. */
const LOCAL = /^[2-9]\d{6,7}$/;
/** Several numbers in one cell: `13812345678、13912345678`, `,` `;` `/` (full-width forms fold to these). */
const SEPARATORS = /\s*[、,;/]\s*/;

/** `MOBILE.test(text)` by reading the characters: most phone cells are a mobile as typed, and this runs per row. */
function isMobile(text: string): boolean {
  if (lengthOf(text) !== 11 || codeAt(text, 0) !== 0x31) return false;
  const second = codeAt(text, 1);
  if (second < 0x33 || second > 0x39) return false;
  for (let i = 2; i < 11; i++) {
    const c = codeAt(text, i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** The parts of libphonenumber-js's numbering plan (present at run time, not in its typings) the fast path reads. */
interface PlanInternals {
  nationalNumberPattern(): string;
  possibleLengths(): number[];
  type(type: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

/**
 * China's fixed-line numbers as libphonenumber-js knows them, compiled once: its own patterns (national number,
 * FIXED_LINE) and lengths. The library compiles these per call, which made a landline cost about 15 µs. A national
 * number (the digits after the trunk 0) that matches both patterns at a possible length is exactly one the library
 * parses to that national number and calls valid (a fixed line); anything else still goes to the library. Null, and
 * the library always asked, if its internals ever change shape.
 */
const FIXED_LINE = ((): ((national: string) => boolean) | null => {
  try {
    const metadata = new Metadata(metadataJson);
    metadata.selectNumberingPlan("CN");
    const plan = metadata.numberingPlan as unknown as PlanInternals;
    const fixed = plan.type("FIXED_LINE");
    const lengths = plan.possibleLengths();
    const fixedLengths = fixed?.possibleLengths() ?? lengths;
    if (!fixed?.pattern()) return null;
    const general = new RegExp(`^(?:${plan.nationalNumberPattern()})$`);
    const pattern = new RegExp(`^(?:${fixed.pattern()})$`);
    return (national) =>
      lengths.includes(national.length) &&
      fixedLengths.includes(national.length) &&
      general.test(national) &&
      pattern.test(national);
  } catch {
    return null;
  }
})();

/**
 * Whether the digits of a landline with its area code (0 and 9–11 more) are a fixed line by the library's compiled
 * patterns; false says nothing (the library is asked then). Exported for the test proving it agrees with the library.
 */
export function isKnownFixedLine(digits: string): boolean {
  return FIXED_LINE?.(digits.slice(1)) === true;
}

function noAreaCode(local: string): ParseWarning {
  return {
    code: "phone-no-area-code",
    message: {
      zh: `“${local}” 没有区号；号码可能没错，但无法确认是哪个城市的，应写成 区号-号码，如 0571-${local}`,
      en: `"${local}" has no area code; the number may be right but its city is unknown, expected area code and number, e.g. 0571-${local}`,
    },
  };
}

/** One number: mobile, landline (with or without an extension), or a local number without its area code. */
function parseOne(text: string): Parsed<string> {
  const digits = text.replace(/[\s\-()（）.]/g, "").replace(/^(?:\+?86|0086)(?=1\d{10}$|0[1-9]\d{8,10}$)/, "");
  if (MOBILE.test(digits)) return ok(digits);
  const landline = LANDLINE.exec(digits);
  if (landline) {
    const area = landline[1] ?? landline[3];
    const local = landline[2] ?? landline[4];
    // The library decides which numbers exist; only its slower type detection and formatting are skipped.
    if (isKnownFixedLine(digits) || isValidPhoneNumber(digits, "CN")) return ok(`${area}-${local}`);
  }
  const parsed = parsePhoneNumberFromString(text, "CN");
  if (parsed && parsed.countryCallingCode === "86" && parsed.isValid() && !parsed.ext) {
    if (parsed.getType() === "MOBILE") return ok(String(parsed.nationalNumber));
    const [area, ...rest] = parsed.formatNational().split(" ");
    return ok(`${area}-${rest.join("")}`);
  }
  const extension = EXTENSION.exec(text);
  if (extension) {
    const main = parseOne(extension[1]);
    // Only landlines have extensions (a mobile followed by digits is a mistyped number).
    if (main.ok && !main.warning && main.value.startsWith("0")) return ok(`${main.value}转${extension[2]}`);
  }
  if (LOCAL.test(digits)) return { ok: true, value: digits, warning: noAreaCode(digits) };
  return fail(EXPECTED_ZH, EXPECTED_EN);
}

/**
 * A Chinese phone number, normalised to `13812345678` (mobile), `010-12345678` (landline) or
 * `0571-88886666转801` (extension). Spaces, dashes, brackets, full-width digits and a +86/0086 prefix are accepted;
 * several numbers in one cell (`、` `,` `;` `/`) are each checked and kept joined by `、`. A local number without
 * its area code is kept with a warning. libphonenumber-js decides which numbers exist; mobiles, the common case,
 * skip it.
 */
export function parsePhone(value: CellValue): Parsed<string> {
  // Most cells already hold a plain mobile number.
  if (typeof value === "string" && isMobile(value)) return ok(value);
  const text = halfWidth(cellText(value));
  const single = parseOne(text);
  if (single.ok) return single;
  const parts = text.split(SEPARATORS).filter((p) => p !== "");
  if (parts.length < 2) return single;
  const numbers: string[] = [];
  let warning: ParseWarning | undefined;
  for (const [i, part] of parts.entries()) {
    const one = parseOne(part);
    if (!one.ok) {
      return fail(
        `${EXPECTED_ZH}；多个号码用 、 分隔时每个都要正确（第 ${i + 1} 个 “${part}” 不是）`,
        `${EXPECTED_EN}; with several numbers separated by 、 each must be one (number ${i + 1}, "${part}", is not)`,
      );
    }
    numbers.push(one.value);
    warning ??= one.warning;
  }
  const joined = numbers.join("、");
  return warning ? { ok: true, value: joined, warning } : ok(joined);
}

// Deliberately simple: one @, a dot in the domain, no spaces. Stricter RFC parsing rejects addresses people use.
// As a regular expression: /^[^\s@,;，；]+@[^\s@,;，；]+\.[a-z]{2,}$/i, and no "..". `emailShape` checks the same in
// one pass over the text (a test holds it to the expression for every character); it runs once per row.

/** Characters an address holds nowhere: white space (as `\s` has it), `@` (but its one), `,` `;` `，` `；`. */
function isEmailBreak(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x80) return c === 0x40 || c === 0x2c || c === 0x3b;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff ||
    c === 0xff0c ||
    c === 0xff1b
  );
}

/**
 * Whether the text is an address: not one; one in lower case already (ASCII with no capital); or one to lower-case.
 * Exported for the test holding it to the regular expression.
 */
export function emailShape(text: string): "invalid" | "lower" | "mixed" {
  const length = lengthOf(text);
  let at = -1;
  let lastDot = -1;
  let previous = 0;
  let lower = true;
  for (let i = 0; i < length; i++) {
    const c = codeAt(text, i);
    if (c === 0x40) {
      if (at !== -1) return "invalid";
      at = i;
    } else if (isEmailBreak(c) || (c === 0x2e && previous === 0x2e)) {
      return "invalid";
    } else if (c === 0x2e && at !== -1) {
      lastDot = i;
    }
    if (c >= 0x80 || (c >= 0x41 && c <= 0x5a)) lower = false;
    previous = c;
  }
  // Something before the @, something between it and the domain's last dot, two letters or more after that.
  if (at < 1 || lastDot < at + 2 || length - lastDot - 1 < 2) return "invalid";
  for (let i = lastDot + 1; i < length; i++) {
    const letter = codeAt(text, i) | 0x20; // A–Z to a–z; nothing else lands there
    if (letter < 0x61 || letter > 0x7a) return "invalid";
  }
  return lower ? "lower" : "mixed";
}

export function parseEmail(value: CellValue): Parsed<string> {
  const text = halfWidth(cellText(value));
  const shape = emailShape(text);
  if (shape === "invalid")
    return fail("电子邮箱地址，如 li.ming@example.com", "an e-mail address such as li.ming@example.com");
  return ok(shape === "lower" ? text : text.toLowerCase());
}
