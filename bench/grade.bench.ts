// Grading speed: the pure core on 100,000 generated customers (target ≥ 300,000 customers/s), beside its peer in
// the same run, reading and validating the same customers, since the machines are too noisy for absolute figures.
// The two alternate, run by run, so both see the same load; the load average is printed with the results.
import type ExcelJS from "exceljs";
import { loadavg } from "node:os";
import { HEADERS, sampleRows } from "../scripts/sample-data";
import { readArchive } from "../src/core/archive";
import { DEFAULT_STANDARD } from "../src/core/grading/default-standard";
import { explainResult } from "../src/core/grading/explain";
import { gradeArchive } from "../src/core/grading/grade-customers";
import type { CellValue, SheetGrid } from "../src/core/types";
import { toCellValue } from "../src/cli/xlsx/cells";
import { medianMs, peakRssMiB, perSecond } from "./measure";

const RUNS = 7;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timed(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const TODAY = "2026-11-25";
const TARGET = 300_000;

export async function run(): Promise<void> {
  const values: CellValue[][] = [
    HEADERS,
    ...sampleRows(ROWS).map((r) => r.map((c) => toCellValue(c as ExcelJS.CellValue))),
  ];
  const grid: SheetGrid = { name: "客户", firstRow: 1, firstColumn: 1, values };
  const archive = readArchive(grid, { today: TODAY });
  if (!archive) throw new Error("the generated sheet has no customer header");
  const grade = () => gradeArchive(archive, DEFAULT_STANDARD, { today: TODAY });

  const validate = () => readArchive(grid, { today: TODAY });
  validate();
  const outcome = grade();
  const validateRuns: number[] = [];
  const gradeRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    validateRuns.push(timed(validate));
    gradeRuns.push(timed(grade));
  }
  const validateMs = median(validateRuns);
  const gradeMs = median(gradeRuns);
  const explainMs = await medianMs(5, () => outcome.results.map(explainResult));
  const rate = (ROWS / gradeMs) * 1000;
  const n = ROWS.toLocaleString("en-US");

  console.log(
    `core gradeCustomers: ${n} customers, median ${gradeMs.toFixed(0)} ms → ${perSecond(ROWS, gradeMs)} customers/s ` +
      `(target ≥ ${TARGET.toLocaleString("en-US")}: ${rate >= TARGET ? "met" : "NOT met"}); ` +
      `${outcome.results.length.toLocaleString("en-US")} graded, ${outcome.notGraded.length} not graded`,
  );
  console.log(
    `peer readArchive+validate, same rows: median ${validateMs.toFixed(0)} ms → ${perSecond(ROWS, validateMs)} rows/s; ` +
      `grading takes ${(gradeMs / validateMs).toFixed(2)}× the time of validating`,
  );
  console.log(
    `评级说明 for every graded customer (on demand, not part of grading): median ${explainMs.toFixed(0)} ms → ` +
      `${perSecond(outcome.results.length, explainMs)} lines/s`,
  );
  const d = outcome.distribution;
  console.log(
    `grades A/B/C/D: ${d.A.count}/${d.B.count}/${d.C.count}/${d.D.count}; peak RSS ${peakRssMiB()} MiB; ` +
      `load average ${loadavg()[0].toFixed(1)} on this machine`,
  );
}
