import type { ArchiveCheckResult, ValidationIssue } from "../../core/types";
import { checkArchiveInput, type ArchiveInputOptions } from "../archive-input";
import { drawTable } from "../text-table";

export interface ValidateOptions extends ArchiveInputOptions {
  json?: boolean;
}

/** The `--json` shape, exactly as documented. */
export function validationJson(archive: ArchiveCheckResult) {
  return {
    sheet: archive.sheet,
    headerRow: archive.headerRow,
    rows: archive.customers,
    skipped: archive.skipped,
    issues: archive.issues,
  };
}

const SEVERITY = { error: "错误 error", warning: "警告 warning" } as const;

/** Inside widths of the columns: row, column, level, value, message. */
const WIDTHS = [6, 6, 10, 18, 68];

/**
 * Every finding, one table row each, in the order found. Drawn by drawTable rather than cli-table3, whose word wrap
 * took minutes for a few thousand findings.
 */
function issueTable(issues: readonly ValidationIssue[]): string {
  // The message repeats sheet, row and column for the JSON reader; the table has them in their own columns.
  const strip = (text: string) => text.replace(/^[^：:]*?[）)][：:]\s*|^.*?\):\s*/, "");
  const rows = issues.map((i) => [
    String(i.row),
    i.column || "—",
    SEVERITY[i.severity],
    i.value,
    `${strip(i.message.zh)}\n${strip(i.message.en)}`,
  ]);
  return drawTable(["行 Row", "列 Col", "级别 Level", "值 Value", "说明 Message"], WIDTHS, rows);
}

/** Past this many findings the table runs off the screen: a count by kind is printed after it. */
const LONG_LIST = 20;

/** `各类问题 By code: invalid-phone 1000, invalid-date 12` (most frequent first), for a long list of findings. */
function codeCountLine(issues: readonly ValidationIssue[]): string {
  const counts = new Map<string, number>();
  for (const i of issues) counts.set(i.code, (counts.get(i.code) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`);
  return `各类问题 By code: ${parts.join(", ")}`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const SKIP_KINDS: Record<string, { zh: string; en: string }> = {
  blank: { zh: "空行", en: "blank" },
  totals: { zh: "合计行", en: "totals" },
  "repeated-header": { zh: "重复表头", en: "repeated header" },
  continuation: { zh: "同一客户的续行", en: "continuation" },
};

export function summaryLine(archive: ArchiveCheckResult): string {
  const errors = archive.issues.filter((i) => i.severity === "error").length;
  const warnings = archive.issues.length - errors;
  const skipped = archive.skipped.length;
  // What was skipped, by kind, in the order first met: (空行/合计行) (blank/totals).
  const kinds = [
    ...new Set(archive.skipped.map((s) => (s.reason.startsWith("continuation") ? "continuation" : s.reason))),
  ];
  const shown = (kinds.length ? kinds : ["blank", "totals"]).map((k) => SKIP_KINDS[k] ?? { zh: k, en: k });
  return (
    `工作表「${archive.sheet}」，表头在第 ${archive.headerRow} 行：${archive.customers} 个客户，` +
    `${errors} 个错误，${warnings} 个警告，跳过 ${skipped} 行（${shown.map((k) => k.zh).join("/")}）\n` +
    `Sheet "${archive.sheet}", header on row ${archive.headerRow}: ${count(archive.customers, "customer", "customers")}, ` +
    `${count(errors, "error", "errors")}, ${count(warnings, "warning", "warnings")}, ` +
    `${count(skipped, "row", "rows")} skipped (${shown.map((k) => k.en).join("/")})`
  );
}

/**
 * What `rapport validate` prints for people: every finding in a table, a count by kind when the list is long, and
 * the summary line last.
 */
export function humanReport(archive: ArchiveCheckResult): string {
  const parts: string[] = [];
  if (archive.issues.length) parts.push(issueTable(archive.issues));
  if (archive.issues.length > LONG_LIST) parts.push(codeCountLine(archive.issues));
  parts.push(summaryLine(archive));
  return parts.join("\n");
}

/** `rapport validate`: exit 0 when no errors, 1 when there are errors (input problems throw InputError → 2). */
export async function runValidate(
  file: string,
  options: ValidateOptions,
  out: (text: string) => void,
): Promise<number> {
  const archive = await checkArchiveInput(file, options);
  if (options.json) {
    out(JSON.stringify(validationJson(archive), null, 2));
  } else {
    out(humanReport(archive));
  }
  return archive.issues.some((i) => i.severity === "error") ? 1 : 0;
}
