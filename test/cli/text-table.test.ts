import { describe, expect, it } from "vitest";
import { displayWidth, drawTable, printable, wrapText } from "../../src/cli/text-table";

describe("terminal tables", () => {
  it("counts Chinese and full-width characters as two columns", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("错误 error")).toBe(10);
    expect(displayWidth("０５７１，（）")).toBe(14);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("𠀀")).toBe(2);
  });

  it("wraps English at spaces and Chinese between characters, never before closing punctuation", () => {
    expect(wrapText("found a wrong value here", 10)).toEqual(["found a", "wrong", "value here"]);
    expect(wrapText("应为中国手机号码", 6)).toEqual(["应为中", "国手机", "号码"]);
    expect(wrapText("应为手机，或座机", 10)).toEqual(["应为手机，", "或座机"]);
    expect(wrapText("应为手机，或座机", 8)).toEqual(["应为手", "机，或座", "机"]);
    expect(wrapText("号码13812345678或", 8)).toEqual(["号码1381", "2345678", "或"]);
    expect(wrapText("第一行\nsecond", 20)).toEqual(["第一行", "second"]);
    for (const line of wrapText("填写的是 “123450abc”，应为中国手机号（11 位，如 13812345678）或座机", 20)) {
      expect(displayWidth(line)).toBeLessThanOrEqual(20);
    }
  });

  it("keeps control characters out of the terminal", () => {
    expect(printable("a\tb\u001b[31mc\r\nd")).toBe("a b\ufffd[31mc\nd");
    expect(wrapText("\u001b[2J", 10)).toEqual(["\ufffd[2J"]);
  });

  it("draws every row with every line the same width", () => {
    const table = drawTable(
      ["行 Row", "说明 Message"],
      [6, 12],
      [
        ["2", "填写的是 “abc”，应为日期"],
        ["1048576", "short"],
      ],
    );
    const lines = table.split("\n");
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
    expect(lines[0]).toBe("┌────────┬──────────────┐");
    expect(lines[1]).toBe("│ 行 Row │ 说明 Message │");
    expect(lines.filter((l) => l.startsWith("├"))).toHaveLength(2);
    expect(lines.at(-1)).toBe("└────────┴──────────────┘");
    expect(table).toContain("│ 104857 │ short        │\n│ 6      │              │");
  });
});
