import { describe, expect, it } from "vitest";
import { isValidYmd } from "../../../src/core/calendar";
import { parseBirthday } from "../../../src/core/parse/birthday";
import { parseDate } from "../../../src/core/parse/date";
import { parseBoolean, parseStatus } from "../../../src/core/parse/flags";
import { parseCount, parseMoney } from "../../../src/core/parse/number";
import { emailShape, parseEmail, parsePhone } from "../../../src/core/parse/phone";
import { isPercentFormat } from "../../../src/core/parse/number-format";
import { parseSatisfaction, parseSatisfactionPercentCell } from "../../../src/core/parse/satisfaction";
import { halfWidth, trimmed } from "../../../src/core/parse/text";

const value = <T>(p: { ok: true; value: T } | { ok: false }) => (p.ok ? p.value : "FAIL");

describe("parseDate", () => {
  it.each([
    ["2024-03-05", "2024-03-05"],
    ["2024/3/5", "2024-03-05"],
    ["2024.03.05", "2024-03-05"],
    ["2024年3月5日", "2024-03-05"],
    ["2024年03月05", "2024-03-05"],
    ["２０２４／３／５", "2024-03-05"],
    ["2024-03-05 14:30", "2024-03-05"],
    ["20240305", "2024-03-05"],
    [45356, "2024-03-05"],
    [45356.75, "2024-03-05"],
    ["45356", "2024-03-05"],
    [20240305, "2024-03-05"],
    ["2024-02-29", "2024-02-29"],
  ])("reads %s", (input, expected) => {
    expect(value(parseDate(input))).toBe(expected);
  });

  it.each(["2024/13/01", "2023-02-29", "2024-04-31", "明天", "3/5/2024", "", 12, -5])("rejects %s", (input) => {
    const parsed = parseDate(input);
    expect(parsed.ok).toBe(false);
  });

  it.each([2024, "2024", 1999, 2100, "２０２４"])("says %s looks like a year, not a date", (input) => {
    const parsed = parseDate(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.expected.zh).toContain("像是年份");
      expect(parsed.expected.en).toContain("looks like a year");
    }
  });

  it.each([
    [500, "1901-05-14"],
    [7305, "1919-12-31"],
    [73416, "2101-01-01"],
  ])("says serial %s (%s) is not a plausible date", (input, shown) => {
    const parsed = parseDate(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.expected.en).toContain(`is ${shown} in Excel, which is not a likely date`);
  });

  it("keeps real Excel dates at both ends of the plausible range", () => {
    expect(value(parseDate(7306))).toBe("1920-01-01");
    expect(value(parseDate(73415))).toBe("2100-12-31");
    expect(parseDate(Number.NaN).ok).toBe(false);
  });

  it("says a date does not exist", () => {
    const parsed = parseDate("2024/13/01");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.expected.en).toContain("does not exist");
  });

  it("knows which days exist as Date does, for every year, month and day (the years it reads as 19xx included)", () => {
    const byDate = (y: number, m: number, d: number) =>
      Number.isInteger(y) &&
      Number.isInteger(m) &&
      Number.isInteger(d) &&
      m >= 1 &&
      m <= 12 &&
      d >= 1 &&
      d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
    const years = [-0, 99.5, 275_760, 275_761, -271_821, Number.NaN, Infinity];
    for (let y = -500; y <= 10_500; y++) years.push(y);
    const differ: string[] = [];
    for (const y of years)
      for (let m = 0; m <= 13; m++)
        for (const d of [0, 1, 28, 29, 30, 31, 32, 1.5])
          if (isValidYmd(y, m, d) !== byDate(y, m, d)) differ.push(`${y}-${m}-${d}`);
    expect(differ).toEqual([]);
  });
});

describe("parseMoney", () => {
  it.each([
    [12000, 12000],
    ["12000", 12000],
    ["¥12,000.00", 12000],
    ["￥12,000", 12000],
    ["１２０００元", 12000],
    ["1.2万", 12000],
    ["1.2万元", 12000],
    ["3,456,789.125", 3456789.13],
    ["0", 0],
  ])("reads %s", (input, expected) => {
    expect(value(parseMoney(input))).toBe(expected);
  });

  it.each(["十二万", "12,00", "abc", "1.2.3", "¥"])("rejects %s", (input) => {
    expect(parseMoney(input).ok).toBe(false);
  });

  it("reports negative amounts as such", () => {
    for (const input of [-3000, "-3000", "¥-3,000", "-1.5万"]) {
      const parsed = parseMoney(input);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.code).toBe("negative");
    }
  });
});

describe("parseCount", () => {
  it.each([
    [15, 15],
    ["15", 15],
    ["15人", 15],
    ["15 人", 15],
    ["３次", 3],
    ["1,200", 1200],
  ])("reads %s", (input, expected) => {
    expect(value(parseCount(input))).toBe(expected);
  });
  it.each(["约五十人", "15.5", 2.5, "many"])("rejects %s", (input) => {
    expect(parseCount(input).ok).toBe(false);
  });
  it("reports negative counts", () => {
    const parsed = parseCount(-2);
    expect(!parsed.ok && parsed.code).toBe("negative");
  });
});

describe("parsePhone", () => {
  it.each([
    ["13812345678", "13812345678"],
    [13812345678, "13812345678"],
    ["138 1234 5678", "13812345678"],
    ["138-1234-5678", "13812345678"],
    ["+86 138 1234 5678", "13812345678"],
    ["+8613812345678", "13812345678"],
    ["008613812345678", "13812345678"],
    ["１３８１２３４５６７８", "13812345678"],
    ["010-12345678", "010-12345678"],
    ["(010)12345678", "010-12345678"],
    ["0755 8888 6666", "0755-88886666"],
    ["+86 10 1234 5678", "010-12345678"],
    ["0571-88886666", "0571-88886666"],
  ])("reads %s", (input, expected) => {
    expect(value(parsePhone(input))).toBe(expected);
  });
  it.each(["1381234567", "138123456789", "12345", "020-1234", "phone", "+1 415 555 0100"])("rejects %s", (input) => {
    expect(parsePhone(input).ok).toBe(false);
  });
});

describe("parseEmail", () => {
  it.each(["li.ming@example.com", "service@163.com", "Ｓales@qq.com"])("reads %s", (input) => {
    expect(parseEmail(input).ok).toBe(true);
  });
  it.each(["wang.li#163.com", "a@b", "a b@c.com", "a@@b.com", "a@b..com"])("rejects %s", (input) => {
    expect(parseEmail(input).ok).toBe(false);
  });
});

describe("emailShape", () => {
  it("takes what the regular expression takes (and no ..), for every character anywhere in an address", () => {
    const EMAIL = /^[^\s@,;，；]+@[^\s@,;，；]+\.[a-z]{2,}$/i;
    const differ: string[] = [];
    const check = (text: string) => {
      const shape = emailShape(text);
      const expected = EMAIL.test(text) && !text.includes("..");
      if ((shape !== "invalid") !== expected) differ.push(text);
      if (shape === "lower" && text.toLowerCase() !== text) differ.push(`lower ${text}`);
    };
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const text of [`${c}a@b.com`, `a${c}@b.com`, `a@${c}b.com`, `a@b${c}.com`, `a@b.${c}om`, `a@b.co${c}`])
        check(text);
      for (const text of [`${c}@b.cn`, `a@${c}.cn`, `a@b${c}cn`, `a${c}b.cn`, `a@b.${c}${c}`, `a@b.c${c}m`])
        check(text);
    }
    for (const text of ["", "@", "a@b", "a@b.c", "a@.cc", "@b.cc", "a@b..cc", "a..b@c.cc", "a@@b.cc", "a@b.cc."])
      check(text);
    for (const text of ["a@b.c.cc", "a.@b.cc", "a@b.cc1", "A@B.CC", "a@b.ccc", "x@y.zz.ww", "a@b.c..d"]) check(text);
    expect(differ).toEqual([]);
  });
});

describe("parseSatisfaction (0–100 scale)", () => {
  it.each([
    [5, 100],
    [1, 0],
    [3, 50],
    ["4分", 75],
    ["92%", 92],
    [0.92, 92],
    [88, 88],
    ["非常满意", 100],
    ["满意", 75],
    ["一般", 50],
    ["不满意", 25],
    ["很不满意", 0],
    ["Satisfied", 75],
  ])("reads %s", (input, expected) => {
    expect(value(parseSatisfaction(input))).toBe(expected);
  });
  it.each([
    ["90分", 90],
    ["６０分", 60],
    ["11分", 11],
    ["100分", 100],
    ["4.5分", 87.5],
    ["5星", 100],
    [6, 6],
  ])("reads %s", (input, expected) => {
    expect(value(parseSatisfaction(input))).toBe(expected);
  });
  it.each(["120%", 150, -1, "6分", "10分", "0分", "101分", "6星", "还行吧", "constructor", "toString", "__proto__"])(
    "rejects %s",
    (input) => {
      expect(parseSatisfaction(input).ok).toBe(false);
    },
  );
  it.each([5.5, "5.5", 5.01, 5.99])("rejects %s as between the 5-point and the 100-point scale", (input) => {
    const parsed = parseSatisfaction(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.expected.zh).toContain("介于 5 分制和百分制之间");
      expect(parsed.expected.en).toContain("between the 5-point and the 100-point scale");
    }
  });
  it("reads a percent-formatted cell's fraction, 0 % and 100 % included", () => {
    expect(value(parseSatisfactionPercentCell(1))).toBe(100);
    expect(value(parseSatisfactionPercentCell(0))).toBe(0);
    expect(value(parseSatisfactionPercentCell(0.925))).toBe(92.5);
    expect(parseSatisfactionPercentCell(1.5).ok).toBe(false);
    // Without the format, 1 is the lowest score.
    expect(value(parseSatisfaction(1))).toBe(0);
  });
});

describe("isPercentFormat", () => {
  it.each(["0%", "0.00%", "#,##0.0%;[Red]-0.0%", "[Blue]0%", "0%_);(0%)"])("%s shows a percentage", (format) => {
    expect(isPercentFormat(format)).toBe(true);
  });
  it.each(["General", "0.00", '0"%"', "0\\%", "yyyy-mm-dd", "", null, undefined, '0;"%"0%'])(
    "%s does not",
    (format) => {
      expect(isPercentFormat(format)).toBe(false);
    },
  );
});

describe("flags", () => {
  it("reads relationship status", () => {
    expect(value(parseStatus("在合作"))).toBe("active");
    expect(value(parseStatus("已流失"))).toBe("lost");
    expect(parseStatus("暂停").ok).toBe(false);
  });
  it("reads yes/no", () => {
    expect(value(parseBoolean("是"))).toBe(true);
    expect(value(parseBoolean("否"))).toBe(false);
    expect(value(parseBoolean(true))).toBe(true);
    expect(parseBoolean("也许").ok).toBe(false);
  });
});

describe("parseBirthday", () => {
  it("reads solar and lunar birthdays", () => {
    expect(value(parseBirthday("1980-03-05"))).toEqual({ year: 1980, month: 3, day: 5, lunar: false });
    expect(value(parseBirthday("3月5日"))).toEqual({ month: 3, day: 5, lunar: false });
    expect(value(parseBirthday("农历三月初五"))).toEqual({ month: 3, day: 5, lunar: true });
    expect(value(parseBirthday("农历正月十五"))).toEqual({ month: 1, day: 15, lunar: true });
    expect(value(parseBirthday("腊月廿三（农历）"))).toEqual({ month: 12, day: 23, lunar: true });
    expect(value(parseBirthday("1980-03-05（农历）"))).toEqual({ year: 1980, month: 3, day: 5, lunar: true });
    expect(value(parseBirthday(29285))).toEqual({ year: 1980, month: 3, day: 5, lunar: false });
  });
  it("rejects what is not a birthday", () => {
    expect(parseBirthday("2月30日").ok).toBe(false);
    expect(parseBirthday("下个月").ok).toBe(false);
  });
  it("says a bare year is not a birthday", () => {
    const parsed = parseBirthday(1985);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.expected.en).toContain("1985 looks like a year");
  });
});

describe("parsePhone's landline shortcut", () => {
  it("agrees with the phone library on every landline it sees", async () => {
    const fc = await import("fast-check");
    const { parsePhoneNumberFromString } = await import("libphonenumber-js/max");
    const area = fc.oneof(
      fc.constantFrom(
        "010",
        "020",
        "021",
        "022",
        "023",
        "024",
        "025",
        "027",
        "028",
        "029",
        "0571",
        "0755",
        "0512",
        "0898",
      ),
      fc.integer({ min: 300, max: 999 }).map((n) => `0${n}`),
    );
    const local = fc.tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 9_999_999 }), fc.boolean());
    fc.assert(
      fc.property(area, local, (code, [first, rest, eight]) => {
        const number = `${code}-${first}${String(rest)
          .padStart(eight ? 7 : 6, "0")
          .slice(0, eight ? 7 : 6)}`;
        const library = parsePhoneNumberFromString(number, "CN");
        const expected = Boolean(library?.isValid() && library.getType() !== "MOBILE");
        expect(parsePhone(number).ok, number).toBe(expected);
      }),
      { numRuns: 3000, seed: 42 },
    );
  });
});

describe("parsePhone tolerance", () => {
  it("accepts +86 written before a landline's trunk 0", () => {
    expect(value(parsePhone("+86 010-12345678"))).toBe("010-12345678");
  });
  it("rejects numbers the numbering plan does not have, even when shaped like one", () => {
    expect(parsePhone("021-80079440").ok).toBe(false);
  });
});

describe("parsePhone: extensions, several numbers, local numbers", () => {
  it.each([
    ["0571-88886666转801", "0571-88886666转801"],
    ["0571-88886666-801", "0571-88886666转801"],
    ["0571-88886666 ext. 801", "0571-88886666转801"],
    ["0571 8888 6666 x801", "0571-88886666转801"],
    ["010-12345678分机23", "010-12345678转23"],
    ["０５７１－８８８８６６６６转８０１", "0571-88886666转801"],
  ])("reads the extension of %s", (input, expected) => {
    const parsed = parsePhone(input);
    expect(value(parsed)).toBe(expected);
    expect(parsed.ok && parsed.warning).toBeFalsy();
  });

  it.each([
    ["13812345678、13912345678", "13812345678、13912345678"],
    ["13812345678,13912345678", "13812345678、13912345678"],
    ["13812345678， 13912345678", "13812345678、13912345678"],
    ["13812345678/13912345678", "13812345678、13912345678"],
    ["13812345678；0571-88886666", "13812345678、0571-88886666"],
    ["138 1234 5678 / 010-12345678转8", "13812345678、010-12345678转8"],
  ])("reads every number of %s", (input, expected) => {
    expect(value(parsePhone(input))).toBe(expected);
  });

  it("names the wrong number of a list", () => {
    const parsed = parsePhone("13812345678、1391234567");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.expected.zh).toContain("第 2 个 “1391234567” 不是");
      expect(parsed.expected.en).toContain('number 2, "1391234567", is not');
    }
  });

  it.each(["88886666", "8888-6666", "2345678", 88886666])("keeps the local number %s with a warning", (input) => {
    const parsed = parsePhone(input);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.value).toBe(String(input).replace("-", ""));
      expect(parsed.warning?.code).toBe("phone-no-area-code");
      expect(parsed.warning?.message.zh).toContain("没有区号");
      expect(parsed.warning?.message.en).toContain("has no area code");
    }
  });

  it.each(["13812345678-801", "88886666-801", "1234567", "0571-8888666", "13812345678、"])(
    "still rejects %s",
    (input) => {
      const parsed = parsePhone(input);
      // A trailing separator leaves one number, which is fine on its own.
      if (input.endsWith("、")) expect(value(parsed)).toBe("13812345678");
      else expect(parsed.ok).toBe(false);
    },
  );
});

describe("text", () => {
  it("trims as String.prototype.trim does, and folds as NFKC does, whatever the first and last characters", () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const text of [c, `${c}甲`, `甲${c}`, `${c}a${c}`, `${c}${c}`]) {
        if (trimmed(text) !== text.trim()) differ.push(`trimmed ${code}`);
        const folded = /[\u3000\uFF01-\uFF65\uFFE0-\uFFE6]/.test(text) ? text.normalize("NFKC").trim() : text.trim();
        if (halfWidth(text) !== folded) differ.push(`halfWidth ${code}`);
      }
    }
    expect(differ).toEqual([]);
    expect(trimmed("")).toBe("");
    expect(halfWidth(" ＫＨ００１ ")).toBe("KH001");
  });
});
