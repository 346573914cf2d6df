// What Validate writes, as pure data: the 校验结果 sheet's rows, the cells to mark and the notes to put on them.
import { columnNumber } from "../core/a1";
import { FIELD_BY_KEY } from "../core/fields";
import type { ArchiveReadResult, BilingualText, ValidationIssue } from "../core/types";
import { quoteSheetName, type WriteCell } from "./cells";

/** The first line of every note Rapport puts on a cell: how the next run knows the note is its own. */
export const NOTE_MARK = "Rapport 校验 / check";

export const FINDINGS_HEADER = [
  "单元格 Cell",
  "行 Row",
  "列 Column",
  "字段 Field",
  "级别 Severity",
  "代码 Code",
  "填写内容 Value",
  "说明",
  "Message",
] as const;

/** Widths in characters, for the adapter. */
export const FINDINGS_WIDTHS = [10, 7, 7, 16, 12, 22, 20, 60, 60];

const SEVERITY: Record<ValidationIssue["severity"], BilingualText> = {
  error: { zh: "错误", en: "error" },
  warning: { zh: "警告", en: "warning" },
};

/** The sheet, row and column are in their own columns; the message is left with what is wrong and what to do. */
export function shortMessage(text: string): string {
  return text
    .replace(/^[^：]*?[）)]：\s*/, "")
    .replace(/^Sheet "[^"]*", row \d+(?:, column [A-Z]+)?(?: \([^)]*\))?:\s*/, "");
}

/** One row per finding, in the order the core reports them; the first cell links to the user's cell. */
export function findingsRows(archive: Pick<ArchiveReadResult, "sheet" | "issues">): WriteCell[][] {
  const sheet = quoteSheetName(archive.sheet);
  return archive.issues.map((issue) => {
    const cell = issue.column ? `${issue.column}${issue.row}` : `${issue.row}:${issue.row}`;
    const label = issue.column ? `${issue.column}${issue.row}` : `${issue.row}`;
    const field = issue.field ? FIELD_BY_KEY[issue.field] : undefined;
    return [
      { formula: `=HYPERLINK("#${sheet.replace(/"/g, '""')}!${cell}","${label}")` },
      issue.row,
      issue.column || null,
      field ? `${field.zh} ${field.en}` : null,
      `${SEVERITY[issue.severity].zh} ${SEVERITY[issue.severity].en}`,
      issue.code,
      issue.value === "" ? null : issue.value,
      shortMessage(issue.message.zh),
      shortMessage(issue.message.en),
    ];
  });
}

export interface MarkedCells {
  errors: { row: number; column: number }[];
  warnings: { row: number; column: number }[];
}

/** Cells to mark: one mark per cell, an error winning over a warning on the same cell. */
export function markedCells(issues: readonly ValidationIssue[]): MarkedCells {
  const severity = new Map<string, { row: number; column: number; error: boolean }>();
  for (const issue of issues) {
    if (!issue.column) continue;
    const key = `${issue.column}${issue.row}`;
    const seen = severity.get(key);
    if (seen) seen.error ||= issue.severity === "error";
    else severity.set(key, { row: issue.row, column: columnNumber(issue.column), error: issue.severity === "error" });
  }
  const errors: MarkedCells["errors"] = [];
  const warnings: MarkedCells["warnings"] = [];
  for (const cell of severity.values()) (cell.error ? errors : warnings).push({ row: cell.row, column: cell.column });
  return { errors, warnings };
}

/** A note per marked cell (all its findings), errors first; at most `limit`, the rest are on the findings sheet. */
export function findingNotes(issues: readonly ValidationIssue[], limit: number): { cell: string; content: string }[] {
  const byCell = new Map<string, ValidationIssue[]>();
  for (const issue of issues) {
    if (!issue.column) continue;
    const key = `${issue.column}${issue.row}`;
    const list = byCell.get(key);
    if (list) list.push(issue);
    else byCell.set(key, [issue]);
  }
  const cells = [...byCell.entries()].sort(
    ([, a], [, b]) => Number(b.some((i) => i.severity === "error")) - Number(a.some((i) => i.severity === "error")),
  );
  return cells.slice(0, limit).map(([cell, list]) => ({
    cell,
    content: [
      NOTE_MARK,
      ...list.map((i) => `${SEVERITY[i.severity].zh}：${shortMessage(i.message.zh)}\n${shortMessage(i.message.en)}`),
    ].join("\n"),
  }));
}
