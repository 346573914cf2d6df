// Schedule settings kept in the workbook's 设置 sheet: rows of `schedule.<key path>` and a value beside it, e.g.
// `schedule.rules.dormant.days | 120`. Other rows (other features' settings, notes) are left alone.
import { columnLetter } from "../a1";
import { cellText, halfWidth } from "../parse/text";
import type { CellValue, SheetGrid } from "../types";
import { scheduleSectionSchema, splitList, type ScheduleSection } from "./config";
import type { SheetProblem } from "./staff";

const PREFIX = "schedule.";
const TRUE_WORDS = new Set(["是", "true", "yes", "开", "启用", "开启"]);
const FALSE_WORDS = new Set(["否", "false", "no", "关", "停用", "关闭"]);

/** A cell as the setting's value: numbers, 是/否 as booleans, other text as text (lists are split by the schema). */
function settingValue(value: CellValue): unknown {
  if (typeof value !== "string") return value;
  const text = halfWidth(value);
  const lower = text.toLowerCase();
  if (TRUE_WORDS.has(lower)) return true;
  if (FALSE_WORDS.has(lower)) return false;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== "object" || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/** Reads the `schedule.` rows of the 设置 sheet; each problem names the cell to fix. */
export function readScheduleSettingsSheet(grid: SheetGrid): { section?: ScheduleSection; problems: SheetProblem[] } {
  const raw: Record<string, unknown> = {};
  const cells = new Map<string, string>();
  grid.values.forEach((row, r) => {
    const c = row.findIndex((cell) => typeof cell === "string" && halfWidth(cell).startsWith(PREFIX));
    if (c < 0) return;
    const key = halfWidth(row[c] as string).slice(PREFIX.length);
    const value = row[c + 1] ?? null;
    if (value === null || cellText(value) === "") return;
    const path = key.split(".").filter(Boolean);
    if (path.length === 0) return;
    setPath(raw, path, settingValue(value));
    cells.set(path.join("."), `${grid.name}!${columnLetter(grid.firstColumn + c + 1)}${grid.firstRow + r}`);
  });
  if (cells.size === 0) return { problems: [] };
  const parsed = scheduleSectionSchema.safeParse(raw);
  if (parsed.success) return { section: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((issue): SheetProblem => {
    const path = issue.path.join(".");
    const keys = issue.code === "unrecognized_keys" ? issue.keys.map((k) => (path ? `${path}.${k}` : k)) : [path];
    // The row the issue is about: the row of that key; or, for an issue inside a row's value (the 2nd item of
    // `春节、圣诞`), the row whose key the path starts with; or, for an issue about a group (an unknown key inside
    // it), the first row under that group.
    const own = keys.find((k) => cells.has(k));
    const holder = own ?? [...cells.keys()].find((k) => keys.some((p) => p.startsWith(k + ".")));
    const cell =
      (holder && cells.get(holder)) ??
      [...cells.entries()].find(([k]) => keys.some((p) => k.startsWith(p + ".")))?.[1] ??
      `${grid.name}!A1`;
    let [zh, en] = splitMessage(issue.message);
    if (holder && !own) {
      // Name the item as the person typed it, not by the index zod counts from 0.
      const rest = keys[0].slice(holder.length + 1).split(".");
      const item = Number(rest[0]);
      if (rest.length === 1 && Number.isInteger(item)) {
        const typed = itemAt(raw, holder, item);
        const shownItem = typed === undefined ? "" : `“${String(typed)}”`;
        zh = `第 ${item + 1} 项${shownItem}：${zh}`;
        en = `item ${item + 1}${typed === undefined ? "" : ` "${String(typed)}"`}: ${en}`;
      }
    }
    const shown = holder && !own ? PREFIX + holder : keys.map((k) => PREFIX + k).join(", ");
    return { cell, message: { zh: `${shown}：${zh}`, en: `${shown}: ${en}` } };
  });
  return { problems };
}

/** The item of a list setting as read from the sheet (`春节、圣诞` is split the same way the schema splits it). */
function itemAt(raw: Record<string, unknown>, key: string, item: number): unknown {
  let node: unknown = raw;
  for (const k of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[k];
  const list = splitList(node);
  return Array.isArray(list) ? (list[item] as unknown) : undefined;
}

/** The schema's messages are `中文 / English`; zod's own (rare) ones are English only. */
function splitMessage(message: string): [string, string] {
  const i = message.indexOf(" / ");
  return i < 0 ? [message, message] : [message.slice(0, i), message.slice(i + 3)];
}
