import Table from "cli-table3";
import { gradingConfigSchema, type GradingConfig } from "../../core/grading/config";
import { gradeArchive, type GradingOutcome } from "../../core/grading/grade-customers";
import { GRADES } from "../../core/grading/grades";
import { notGradedCells, RESULT_COLUMN_NOTE, RESULT_COLUMNS, resultCells } from "../../core/grading/result-columns";
import { OWNED_SHEETS } from "../../core/owned";
import type { CellValue } from "../../core/types";
import { readArchiveInput, type ArchiveInput, type ArchiveInputOptions } from "../archive-input";
import { standardOfInput, type CliStandard } from "../grading-standard";
import { today } from "../today";
import { writeOwnedColumns, type OwnedColumn } from "../xlsx/owned-columns";
import { writeRosterSheet } from "../xlsx/roster-sheet";
import { saveWorkbookPreserving } from "../xlsx/write";

export interface GradeCommandOptions extends ArchiveInputOptions {
  out?: string;
  json?: boolean;
}

type GradeInput = ArchiveInput<GradingConfig>;

/** The `--json` shape, exactly as documented. */
export function gradingJson(outcome: GradingOutcome, { standard, source }: CliStandard, configFile?: string) {
  return {
    customers: outcome.results.map((r) => ({
      row: r.row,
      code: r.code,
      name: r.name,
      score: r.score,
      grade: r.grade,
      abc: r.abc,
      override: r.override,
      breakdown: r.breakdown.map((b) => ({
        criterion: b.criterion,
        value: b.value,
        points: b.points,
        weight: b.weight,
        // Points from the criterion's missing policy, not from a value the standard scores: a blank cell, or a
        // label the standard does not list.
        ...(b.basis === "value" ? {} : { missing: b.value === null ? ("blank" as const) : ("unlisted" as const) }),
      })),
    })),
    distribution: outcome.distribution,
    standard: {
      source: source.kind,
      ...(source.kind === "sheet" ? { where: source.sheet } : source.kind === "config" ? { where: configFile } : {}),
      ...standard,
    },
    notGraded: outcome.notGraded,
  };
}

const RESULT_STYLE: Record<(typeof RESULT_COLUMNS)[number], OwnedColumn> = {
  评分: { header: "评分", width: 8, style: { numFmt: "0.0", alignment: { horizontal: "center" } } },
  客户等级: { header: "客户等级", width: 10, style: { alignment: { horizontal: "center" } } },
  ABC分类: { header: "ABC分类", width: 9, style: { alignment: { horizontal: "center" } } },
  评级说明: { header: "评级说明", width: 90 },
};

async function writeGradedCopy(input: GradeInput, outcome: GradingOutcome, picked: CliStandard, out: string) {
  const workbook = input.workbook;
  const sheet = workbook?.getWorksheet(input.archive.sheet);
  if (!workbook || !sheet) throw new Error(`worksheet ${input.archive.sheet} not loaded`);
  const cells = new Map<number, readonly CellValue[]>();
  for (const r of outcome.results) cells.set(r.row, resultCells(r));
  for (const n of outcome.notGraded) cells.set(n.row, notGradedCells(n));
  const note = `${RESULT_COLUMN_NOTE.zh}\n${RESULT_COLUMN_NOTE.en}`;
  const owned = writeOwnedColumns(
    sheet,
    input.archive.headerRow,
    RESULT_COLUMNS.map((c) => RESULT_STYLE[c]),
    note,
    cells,
  );
  writeRosterSheet(workbook, outcome, {
    today: today(),
    customerSheet: input.archive.sheet,
    standardSource: picked.described.zh,
    standard: picked.standard,
    records: input.archive.records,
  });
  await saveWorkbookPreserving(workbook, out, {
    original: input.file,
    customerSheet: input.archive.sheet,
    headerRow: input.archive.headerRow,
    ownedColumns: owned,
    ownedColumnNote: note,
    ownedSheets: [OWNED_SHEETS.roster],
  });
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

function summary(outcome: GradingOutcome, described: CliStandard["described"], sheet: string): string {
  const d = outcome.distribution;
  const table = new Table({
    head: ["等级 Grade", "客户数 Customers", "占比 Share", "金额 Revenue", "金额占比 Revenue share"],
    style: { head: [], border: [] },
  });
  for (const g of GRADES) {
    table.push([
      `${g} ${d[g].name.zh} ${d[g].name.en}`,
      d[g].count,
      pct(d[g].share),
      d[g].revenue.toLocaleString("en-US"),
      pct(d[g].revenueShare),
    ]);
  }
  const lines = [table.toString()];
  if (outcome.notGraded.length) {
    lines.push(`未评级 Not graded (${outcome.notGraded.length}):`);
    for (const n of outcome.notGraded) {
      for (const r of n.reasons) lines.push(`  ${r.message.zh}\n  ${r.message.en}`);
    }
  }
  const src = described;
  lines.push(
    `工作表「${sheet}」：${d.graded} 个客户已评级，${d.notGraded} 行未评级，${d.overridden} 个手动调整；评级标准：${src.zh}\n` +
      `Sheet "${sheet}": ${d.graded} customers graded, ${d.notGraded} rows not graded, ${d.overridden} overridden; standard: ${src.en}`,
  );
  return lines.join("\n");
}

/**
 * `rapport grade`: exit 0 when the sheet has no errors, 1 when it has (rows whose needed fields are wrong are
 * left ungraded and listed); input problems throw InputError → 2.
 */
export async function runGrade(
  file: string,
  options: GradeCommandOptions,
  out: (text: string) => void,
): Promise<number> {
  const input = await readArchiveInput(file, {
    ...options,
    withWorkbook: Boolean(options.out),
    schema: gradingConfigSchema,
  });
  const picked = standardOfInput(input, options.config);
  const outcome = gradeArchive(input.archive, picked.standard, { today: today() });
  if (options.out) await writeGradedCopy(input, outcome, picked, options.out);
  if (options.json) {
    out(JSON.stringify(gradingJson(outcome, picked, options.config), null, 2));
  } else {
    out(summary(outcome, picked.described, input.archive.sheet));
    if (options.out) out(`已写入 ${options.out} / wrote ${options.out}`);
  }
  const errors = input.archive.issues.some((i) => i.severity === "error");
  const badOverride = outcome.notGraded.some((n) => n.reasons.some((r) => r.field === "gradeOverride"));
  return errors || badOverride ? 1 : 0;
}
