import type { CellValue, RelationshipStatus } from "../types";
import { fail, ok, type Parsed } from "./result";
import { halfWidth } from "./text";

const YES = new Set(["是", "有", "超时", "已超时", "y", "yes", "true", "1", "√", "✓"]);
const NO = new Set(["否", "无", "没有", "未超时", "正常", "n", "no", "false", "0", "×", "✗"]);

// Results shared by every cell that reads the same (frozen: nobody may change one).
const TRUE: Parsed<boolean> = Object.freeze(ok(true));
const FALSE: Parsed<boolean> = Object.freeze(ok(false));
const ACTIVE_STATUS: Parsed<RelationshipStatus> = Object.freeze(ok<RelationshipStatus>("active"));
const LOST_STATUS: Parsed<RelationshipStatus> = Object.freeze(ok<RelationshipStatus>("lost"));

export function parseBoolean(value: CellValue): Parsed<boolean> {
  if (typeof value === "boolean") return value ? TRUE : FALSE;
  // The words as listed need no folding (half-width, trimmed, lower case): most cells are one of them as typed.
  const text =
    typeof value === "string" && (YES.has(value) || NO.has(value)) ? value : halfWidth(String(value)).toLowerCase();
  if (YES.has(text)) return TRUE;
  if (NO.has(text)) return FALSE;
  return fail("是 或 否", "yes or no (是/否)");
}

const ACTIVE = new Set(["在合作", "合作中", "正常", "活跃", "active", "current"]);
const LOST = new Set(["已流失", "流失", "终止合作", "停止合作", "lost", "churned", "inactive"]);

/** 合作状态: 在合作 (active) or 已流失 (lost). */
export function parseStatus(value: CellValue): Parsed<RelationshipStatus> {
  const text =
    typeof value === "string" && (ACTIVE.has(value) || LOST.has(value))
      ? value
      : halfWidth(String(value)).toLowerCase();
  if (ACTIVE.has(text)) return ACTIVE_STATUS;
  if (LOST.has(text)) return LOST_STATUS;
  return fail("在合作 或 已流失", "active (在合作) or lost (已流失)");
}
