import type { CellValue } from "../types";
import { fail, ok, type Parsed } from "./result";
import { halfWidth } from "./text";

const MONEY_ZH = "金额，如 12000、¥12,000.00、1.2万 或 12000元";
const MONEY_EN = "an amount such as 12000, ¥12,000.00, 1.2万 or 12000元";
const COUNT_ZH = "非负整数，如 15 或 15人";
const COUNT_EN = "a whole number such as 15 or 15人";

const MONEY = /^([-+]?)\s*[¥$]?\s*([-+]?)(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?\s*(万元|万|元|rmb|cny)?$/i;

/** Money in yuan: `¥`, `￥`, thousands separators, `万` (×10,000) and `元` accepted. Negative amounts are an error. */
export function parseMoney(value: CellValue): Parsed<number> {
  let amount: number;
  if (typeof value === "number") {
    amount = value;
  } else if (typeof value === "string") {
    // NFKC turns ￥ (full-width) into ¥ and full-width digits into ASCII.
    const m = MONEY.exec(halfWidth(value).replace(/\s+/g, ""));
    if (!m || (m[3] === undefined && m[4] === undefined)) return fail(MONEY_ZH, MONEY_EN);
    const sign = m[1] === "-" || m[2] === "-" ? -1 : 1;
    const magnitude = Number((m[3] ?? "0").replace(/,/g, "") + (m[4] ?? ""));
    amount = sign * magnitude * (m[5]?.startsWith("万") ? 10_000 : 1);
  } else {
    return fail(MONEY_ZH, MONEY_EN);
  }
  if (!Number.isFinite(amount)) return fail(MONEY_ZH, MONEY_EN);
  if (amount < 0) return fail("不小于 0 的金额", "an amount of 0 or more", "negative");
  return ok(Math.round(amount * 100) / 100);
}

const COUNT = /^([-+]?\d+)(?:\.0+)?\s*(人|名|次|个|件|people|persons|times)?$/i;

/** A count such as employees or complaints: `15`, `15人`, `3次`. */
export function parseCount(value: CellValue): Parsed<number> {
  let n: number;
  if (typeof value === "number") {
    n = value;
  } else if (typeof value === "string") {
    const m = COUNT.exec(halfWidth(value).replace(/,/g, ""));
    if (!m) return fail(COUNT_ZH, COUNT_EN);
    n = Number(m[1]);
  } else {
    return fail(COUNT_ZH, COUNT_EN);
  }
  if (!Number.isInteger(n)) return fail(COUNT_ZH, COUNT_EN);
  if (n < 0) return fail("不小于 0 的整数", "a whole number of 0 or more", "negative");
  return ok(n);
}
