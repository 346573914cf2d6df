import type { CellValue, RelationshipStatus } from "../types";
import { fail, ok, type Parsed } from "./result";
import { halfWidth } from "./text";

const YES = new Set(["是", "有", "超时", "已超时", "y", "yes", "true", "1", "√", "✓"]);
const NO = new Set(["否", "无", "没有", "未超时", "正常", "n", "no", "false", "0", "×", "✗"]);

export function parseBoolean(value: CellValue): Parsed<boolean> {
  if (typeof value === "boolean") return ok(value);
  const text = halfWidth(String(value)).toLowerCase();
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  return fail("是 或 否", "yes or no (是/否)");
}

const ACTIVE = new Set(["在合作", "合作中", "正常", "活跃", "active", "current"]);
const LOST = new Set(["已流失", "流失", "终止合作", "停止合作", "lost", "churned", "inactive"]);

/** 合作状态: 在合作 (active) or 已流失 (lost). */
export function parseStatus(value: CellValue): Parsed<RelationshipStatus> {
  const text = halfWidth(String(value)).toLowerCase();
  if (ACTIVE.has(text)) return ok("active");
  if (LOST.has(text)) return ok("lost");
  return fail("在合作 或 已流失", "active (在合作) or lost (已流失)");
}
