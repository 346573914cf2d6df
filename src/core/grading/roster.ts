import type { BilingualText, CellValue, CustomerRecord, Grade, IsoDate } from "../types";
import { explainResult } from "./explain";
import type { GradeResult, GradingOutcome } from "./grade-customers";
import { GRADE_NAMES, GRADES } from "./grades";
import { MEASURES } from "./measures";
import type { GradingStandard } from "./standard";

/** One grade's part of the graded roster (客户分级目录). */
export interface RosterGroup {
  grade: Grade;
  name: BilingualText;
  count: number;
  share: number;
  revenue: number;
  revenueShare: number;
  /** Highest score first; equal scores in sheet order. */
  customers: GradeResult[];
}

/** The graded roster: customers grouped by grade, each group with its count and revenue share. */
export function rosterGroups(outcome: GradingOutcome): RosterGroup[] {
  return GRADES.map((grade) => {
    const share = outcome.distribution[grade];
    return {
      grade,
      name: GRADE_NAMES[grade],
      count: share.count,
      share: share.share,
      revenue: share.revenue,
      revenueShare: share.revenueShare,
      customers: outcome.results.filter((r) => r.grade === grade).sort((a, b) => b.score - a.score || a.row - b.row),
    };
  });
}

/**
 * What a roster row is, so each face (exceljs, Office.js, a PDF) can style it its own way: a title or a band spans
 * the table's width; heads and totals are bold.
 */
export type RosterRowKind = "title" | "info" | "blank" | "head" | "summary" | "total" | "band" | "customer" | "reason";

export type RosterFormat = "percent" | "money" | "score";

export interface RosterRow {
  kind: RosterRowKind;
  cells: CellValue[];
  /** Number formats by 0-based cell index. */
  formats?: Record<number, RosterFormat>;
}

export interface RosterInfo {
  today: IsoDate;
  customerSheet: string;
  /** Where the standard came from, as shown to people (默认标准 / 工作表「评级标准」 / 配置文件 x.yaml). */
  standardSource: string;
  standard: GradingStandard;
  /** The archive's records, for each customer's owner and phone. */
  records: readonly CustomerRecord[];
}

/** The widest row of the roster; titles and bands span it. */
export const ROSTER_WIDTH = 10;

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const SUMMARY_FORMATS: Record<number, RosterFormat> = { 3: "percent", 4: "money", 5: "percent" };

/**
 * The graded roster (客户分级目录) as rows: a summary per grade with counts and revenue shares, then the customers
 * of each grade by score, then the rows not graded with their reasons. Chinese, as the sheet is.
 */
export function rosterRows(outcome: GradingOutcome, info: RosterInfo): RosterRow[] {
  const d = outcome.distribution;
  const revenue = MEASURES[info.standard.abc.measure];
  const revenueHeader = `${revenue.name.zh}${revenue.unit.zh ? `（${revenue.unit.zh}）` : ""}`;
  const byRow = new Map(info.records.map((r) => [r.row, r]));
  const groups = rosterGroups(outcome);
  const rows: RosterRow[] = [
    { kind: "title", cells: ["客户分级目录"] },
    {
      kind: "info",
      cells: [
        `评级日期：${info.today}　客户表：「${info.customerSheet}」　评级标准：${info.standardSource}　` +
          `共 ${d.graded} 个客户已评级${d.notGraded ? `，${d.notGraded} 行未评级` : ""}` +
          `${d.overridden ? `，${d.overridden} 个为手动调整` : ""}`,
      ],
    },
    { kind: "blank", cells: [] },
    { kind: "head", cells: ["等级", "名称", "客户数", "客户占比", `${revenueHeader}合计`, "金额占比"] },
    ...groups.map((g): RosterRow => ({
      kind: "summary",
      cells: [g.grade, g.name.zh, g.count, g.share, g.revenue, g.revenueShare],
      formats: SUMMARY_FORMATS,
    })),
    {
      kind: "total",
      cells: ["合计", null, d.graded, d.graded ? 1 : 0, d.revenue, d.revenue ? 1 : 0],
      formats: SUMMARY_FORMATS,
    },
  ];
  if (d.notGraded) rows.push({ kind: "summary", cells: ["未评级", null, d.notGraded] });

  const head = [
    "序号",
    "客户编号",
    "客户名称",
    "评分",
    "客户等级",
    "ABC分类",
    revenueHeader,
    "负责人",
    "联系电话",
    "评级说明",
  ];
  for (const g of groups) {
    rows.push(
      { kind: "blank", cells: [] },
      {
        kind: "band",
        cells: [
          `${g.grade} 级 · ${g.name.zh}：${g.count} 个客户，占 ${pct(g.share)}，${revenue.name.zh}占 ${pct(g.revenueShare)}`,
        ],
      },
      { kind: "head", cells: head },
    );
    g.customers.forEach((r, i) => {
      const record = byRow.get(r.row);
      rows.push({
        kind: "customer",
        cells: [
          i + 1,
          r.code,
          r.name,
          r.score,
          r.grade,
          r.abc,
          r.revenue,
          record?.owner ?? null,
          record?.phone ?? null,
          explainResult(r).zh,
        ],
        formats: { 3: "score", 6: "money" },
      });
    });
    if (!g.customers.length) rows.push({ kind: "customer", cells: [null, "（无）"] });
  }

  if (outcome.notGraded.length) {
    rows.push(
      { kind: "blank", cells: [] },
      { kind: "band", cells: [`未评级：${outcome.notGraded.length} 行（请按原因修改客户表后重新评级）`] },
      { kind: "head", cells: ["序号", "客户编号", "客户名称", "行号", "原因"] },
      ...outcome.notGraded.map((n, i): RosterRow => ({
        kind: "reason",
        cells: [i + 1, n.code, n.name, n.row, n.reasons.map((r) => r.message.zh).join("；")],
      })),
    );
  }
  return rows;
}
