// Local numbers without an area code, and landlines with one, in the masking of documents meant for circulation.
// (Mobiles, e-mails and the rest of masking: test/render/figures.test.ts.)
import { describe, expect, it } from "vitest";
import { maskData, maskText } from "../../../src/core/report/mask";

describe("masking landlines", () => {
  it.each([
    // With an area code: the area code and the last four stay.
    ["010-88886666", "010-****6666"],
    ["0755 8888 6666", "0755 **** 6666"],
    ["(021)62345678", "(021)****5678"],
    ["（021）62345678", "（021）****5678"],
    ["01088886666", "010****6666"],
    ["+86 10 8888 6666", "+86 10 **** 6666"],
    // Without one, alone in the text (a phone cell): all but the last four go.
    ["88886666", "****6666"],
    ["8888-6666", "****-6666"],
    ["8888 6666", "**** 6666"],
    ["6234567", "***4567"],
    ["８８８８６６６６", "****６６６６"],
    ["88886666转801", "****6666转801"],
    ["88886666、13812345678", "****6666、138****5678"],
    ["13812345678、88886666", "138****5678、****6666"],
    ["88886666,88886667", "****6666,****6667"],
    // In running Chinese or English text, after a phone word or before an extension.
    ["电话88886666转123", "电话****6666转123"],
    ["联系电话：8888-6666，传真：8888-6667", "联系电话：****-6666，传真：****-6667"],
    ["客户说座机 62345678 白天有人", "客户说座机 ****5678 白天有人"],
    ["请拨打6234567联系前台", "请拨打***4567联系前台"],
    ["电话号码是 88886666", "电话号码是 ****6666"],
    ["备注：88886666转801找王经理", "备注：****6666转801找王经理"],
    ["Tel. 88886666.", "Tel. ****6666."],
    ["联系电话 88886666、88886667", "联系电话 ****6666、****6667"],
    ["座机010-88886666、88886667", "座机010-****6666、****6667"],
    // Masked text stays as it is.
    ["****6666", "****6666"],
    ["电话****-6666转123", "电话****-6666转123"],
  ])("%s → %s", (text, masked) => {
    expect(maskText(text)).toBe(masked);
  });

  it.each([
    // Amounts: currency signs, thousands groups, decimals, 元 and 万.
    "¥12,345,678",
    "￥23456789",
    "¥ 23456789",
    "12,345,678",
    "金额23456789元",
    "2345.6789万",
    "0.23456789",
    "年购买额（元）：23456789",
    // Dates, alone or in text, and date ranges.
    "20261201",
    "日期20261201",
    "20261201-20261231",
    "2026-12-01",
    "2026年12月01日",
    // Codes, order numbers, IDs and numbers with no sign of a phone.
    "KH88886666",
    "客户编号88886666",
    "订单号 23456789",
    "合同 A-23456789",
    "身份证110101199003074518",
    "邮编 518000",
    "12345678",
    "95588",
    "数量 23456789 件",
  ])("leaves %s as it is", (text) => {
    expect(maskText(text)).toBe(text);
  });

  it("masks every number in a phone field, and no bare number in a code, a document number or a user's column", () => {
    const data = {
      customers: [
        { code: "23456789", phone: "88886666", note: "88886666" },
        { code: "20240001", phone: "20261201（前台）", note: "电话 20261201" },
      ],
      callbacks: [{ customerCode: "23456789", contactPhone: "8888-6666" }],
      document: { number: "23456789", date: "2026-12-01" },
      extra: [
        { header: "合同号", value: "23456789", kind: "text" },
        { header: "年购买额（元）", value: "23456789", kind: "money" },
        { header: "备用电话", value: "23456789", kind: "text" },
      ],
    };
    expect(maskData(data)).toEqual({
      customers: [
        { code: "23456789", phone: "****6666", note: "****6666" },
        { code: "20240001", phone: "****1201（前台）", note: "电话 ****1201" },
      ],
      callbacks: [{ customerCode: "23456789", contactPhone: "****-6666" }],
      document: { number: "23456789", date: "2026-12-01" },
      extra: [
        { header: "合同号", value: "23456789", kind: "text" },
        { header: "年购买额（元）", value: "23456789", kind: "money" },
        { header: "备用电话", value: "****6789", kind: "text" },
      ],
    });
  });
});
