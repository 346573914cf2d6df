import { isValidPhoneNumber, parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { CellValue } from "../types";
import { fail, ok, type Parsed } from "./result";
import { cellText, halfWidth } from "./text";

const EXPECTED_ZH = "中国手机号（11 位，如 13812345678）或座机号（区号-号码，如 010-12345678），可带 +86";
const EXPECTED_EN =
  "a Chinese mobile number (11 digits, e.g. 13812345678) or landline (area code and number, e.g. 010-12345678), +86 allowed";

const MOBILE = /^1[3-9]\d{9}$/;
/** Landline digits split by China's numbering plan: 010 and 02X are 3-digit area codes, other 0XXX are 4-digit. */
const LANDLINE = /^(0(?:10|2\d))-?([2-9]\d{7})$|^(0[3-9]\d{2})-?([2-9]\d{6,7})$/;

/**
 * A Chinese phone number, normalised to `13812345678` (mobile) or `010-12345678` (landline). Spaces, dashes,
 * brackets, full-width digits and a +86/0086 prefix are accepted. Mobiles, the common case, skip the phone library.
 */
export function parsePhone(value: CellValue): Parsed<string> {
  // Most cells already hold a plain mobile number.
  if (typeof value === "string" && value.length === 11 && MOBILE.test(value)) return ok(value);
  const text = halfWidth(cellText(value));
  const digits = text.replace(/[\s\-()（）.]/g, "").replace(/^(?:\+?86|0086)(?=1\d{10}$|0[1-9]\d{8,10}$)/, "");
  if (MOBILE.test(digits)) return ok(digits);
  const landline = LANDLINE.exec(digits);
  if (landline) {
    const area = landline[1] ?? landline[3];
    const local = landline[2] ?? landline[4];
    // The library decides which numbers exist; only its slower type detection and formatting are skipped.
    if (isValidPhoneNumber(digits, "CN")) return ok(`${area}-${local}`);
  }
  const parsed = parsePhoneNumberFromString(text, "CN");
  if (!parsed || parsed.countryCallingCode !== "86" || !parsed.isValid()) return fail(EXPECTED_ZH, EXPECTED_EN);
  if (parsed.getType() === "MOBILE") return ok(String(parsed.nationalNumber));
  const [area, ...rest] = parsed.formatNational().split(" ");
  return ok(`${area}-${rest.join("")}`);
}

// Deliberately simple: one @, a dot in the domain, no spaces. Stricter RFC parsing rejects addresses people use.
const EMAIL = /^[^\s@,;，；]+@[^\s@,;，；]+\.[a-z]{2,}$/i;

export function parseEmail(value: CellValue): Parsed<string> {
  const text = halfWidth(cellText(value));
  if (!EMAIL.test(text) || text.includes(".."))
    return fail("电子邮箱地址，如 li.ming@example.com", "an e-mail address such as li.ming@example.com");
  return ok(text.toLowerCase());
}
