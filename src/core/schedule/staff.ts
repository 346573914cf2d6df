// The 人员 sheet: who takes calls, whether they are on duty, their leave and their daily cap.
import { columnLetter } from "../a1";
import { normalizeHeader } from "../fields";
import { parseDate } from "../parse/date";
import { parseBoolean } from "../parse/flags";
import { parseCount } from "../parse/number";
import { cellText } from "../parse/text";
import type { BilingualText, CellValue, SheetGrid } from "../types";
import type { StaffMember } from "./types";

/** A settings cell that cannot be used, named the way the user finds it (`人员!F3`). */
export interface SheetProblem {
  cell: string;
  message: BilingualText;
}

type StaffColumn = "name" | "phone" | "active" | "leaveFrom" | "leaveTo" | "dailyCap";

const HEADERS: Record<StaffColumn, string[]> = {
  name: ["姓名", "人员", "员工", "客服", "name"],
  phone: ["电话", "联系电话", "手机", "phone"],
  active: ["在岗", "在职", "是否在岗", "active", "on duty"],
  leaveFrom: ["休假开始", "休假起", "假期开始", "leave from", "leave start"],
  leaveTo: ["休假结束", "休假止", "假期结束", "leave to", "leave end"],
  dailyCap: ["每日上限", "每日回访上限", "日上限", "daily cap", "cap"],
};

const ACTIVE_WORDS: Record<string, boolean> = { 在岗: true, 在职: true, 离职: false, 离岗: false, 停用: false };

function findHeader(grid: SheetGrid): { row: number; columns: Partial<Record<StaffColumn, number>> } | null {
  for (let r = 0; r < Math.min(grid.values.length, 20); r++) {
    const columns: Partial<Record<StaffColumn, number>> = {};
    grid.values[r].forEach((cell, c) => {
      const text = normalizeHeader(cellText(cell));
      for (const [key, names] of Object.entries(HEADERS) as [StaffColumn, string[]][]) {
        if (columns[key] === undefined && names.some((n) => normalizeHeader(n) === text)) columns[key] = c;
      }
    });
    if (columns.name !== undefined) return { row: r, columns };
  }
  return null;
}

/**
 * Reads the staff list. A person may have several rows, one per leave period; their other cells are read from
 * the first row that fills them. Empty 在岗 means on duty; empty 每日上限 takes the configured default.
 */
export function readStaffSheet(grid: SheetGrid): { staff: StaffMember[]; problems: SheetProblem[] } {
  const problems: SheetProblem[] = [];
  const header = findHeader(grid);
  if (!header) {
    return {
      staff: [],
      problems: [
        {
          cell: `${grid.name}!A1`,
          message: {
            zh: `「${grid.name}」表没有“姓名”表头：应有 姓名、电话、在岗、休假开始、休假结束、每日上限 列`,
            en: `sheet "${grid.name}" has no 姓名 (name) header: expected columns 姓名, 电话, 在岗, 休假开始, 休假结束, 每日上限`,
          },
        },
      ],
    };
  }
  const byName = new Map<string, StaffMember>();
  const at = (r: number, c: number) => `${grid.name}!${columnLetter(grid.firstColumn + c)}${grid.firstRow + r}`;
  const { columns } = header;
  for (let r = header.row + 1; r < grid.values.length; r++) {
    const row = grid.values[r];
    const cell = (key: StaffColumn): CellValue => (columns[key] === undefined ? null : (row[columns[key]] ?? null));
    const name = cellText(cell("name"));
    if (!name) continue;
    let member = byName.get(name);
    if (!member) {
      member = { name, active: true, dailyCap: null, leave: [] };
      byName.set(name, member);
    }
    const phone = cellText(cell("phone"));
    if (phone && !member.phone) member.phone = phone;
    const activeText = cellText(cell("active"));
    if (activeText) {
      const word = ACTIVE_WORDS[activeText];
      const parsed = word !== undefined ? { ok: true as const, value: word } : parseBoolean(cell("active"));
      if (parsed.ok) member.active = member.active && parsed.value;
      else problems.push({ cell: at(r, columns.active as number), message: expected(activeText, parsed.expected) });
    }
    const capText = cellText(cell("dailyCap"));
    if (capText) {
      const parsed = parseCount(cell("dailyCap"));
      if (parsed.ok) member.dailyCap ??= parsed.value;
      else problems.push({ cell: at(r, columns.dailyCap as number), message: expected(capText, parsed.expected) });
    }
    const fromText = cellText(cell("leaveFrom"));
    const toText = cellText(cell("leaveTo"));
    if (fromText || toText) {
      const from = fromText ? parseDate(cell("leaveFrom")) : null;
      const to = toText ? parseDate(cell("leaveTo")) : null;
      if (from && !from.ok)
        problems.push({ cell: at(r, columns.leaveFrom as number), message: expected(fromText, from.expected) });
      if (to && !to.ok)
        problems.push({ cell: at(r, columns.leaveTo as number), message: expected(toText, to.expected) });
      if (from?.ok && to?.ok) {
        if (to.value < from.value) {
          problems.push({
            cell: at(r, columns.leaveTo as number),
            message: {
              zh: `休假结束 ${to.value} 早于休假开始 ${from.value}`,
              en: `leave ends (${to.value}) before it starts (${from.value})`,
            },
          });
        } else member.leave.push({ from: from.value, to: to.value });
      } else if (from === null || to === null) {
        // One end only: a single day off is the likeliest meaning, but guessing a leave's length is not safe.
        const missing = from === null ? "leaveFrom" : "leaveTo";
        problems.push({
          cell: at(r, (columns[missing] ?? columns.name) as number),
          message: {
            zh: "休假需同时填写开始和结束日期（一天的假两格填同一天）",
            en: "leave needs both a start and an end date (for one day, give the same date twice)",
          },
        });
      }
    }
  }
  return { staff: [...byName.values()], problems };
}

function expected(value: string, what: BilingualText): BilingualText {
  return { zh: `“${value}”无法识别，应为${what.zh}`, en: `"${value}" is not understood; expected ${what.en}` };
}
