// Validation speed: the pure core on 100,000 generated customers (checked as rapport validate checks them, and read
// into records as grade and schedule read them, in the same process), the human table of 3,000 findings, and the .xlsx
// readers on the same rows written to a file, the streaming reader beside the whole-file reader. Each reader runs in a
// child process of its own so its peak memory is its own.
import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HEADERS, sampleRows, type SampleRow } from "../scripts/sample-data";
import { checkArchive, readArchive } from "../src/core/archive";
import type { CellValue, SheetGrid } from "../src/core/types";
import { humanReport } from "../src/cli/commands/validate";
import { toCellValue } from "../src/cli/xlsx/cells";
import { medianMs, peakRssMiB, perSecond } from "./measure";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const TODAY = "2026-11-25";

function toGrid(rows: SampleRow[]): SheetGrid {
  const values: CellValue[][] = [HEADERS, ...rows.map((r) => r.map((c) => toCellValue(c as ExcelJS.CellValue)))];
  return { name: "客户", firstRow: 1, firstColumn: 1, values };
}

async function writeXlsx(rows: SampleRow[], path: string): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = writer.addWorksheet("客户");
  sheet.addRow(HEADERS).commit();
  for (const row of rows) sheet.addRow(row).commit();
  await writer.commit();
}

interface ReaderRun {
  ms: number;
  rows: number;
  peakMiB: number;
}

function readerRun(mode: "stream" | "whole", file: string): ReaderRun {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "reader-child.ts"), mode, file],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out) as ReaderRun;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(): Promise<void> {
  const rows = sampleRows(ROWS);
  const grid = toGrid(rows);

  // The first run in the process is what one `rapport validate` pays: the code is not yet optimised.
  const firstStart = performance.now();
  checkArchive(grid, { today: TODAY });
  const firstMs = performance.now() - firstStart;
  const coreMs = await medianMs(5, () => checkArchive(grid, { today: TODAY }));
  const result = checkArchive(grid, { today: TODAY });
  console.log(
    `core checkArchive (rapport validate): ${ROWS.toLocaleString("en-US")} rows, median ${coreMs.toFixed(0)} ms → ` +
      `${perSecond(ROWS, coreMs)} rows/s (target ≥ 300,000); first run in the process ${firstMs.toFixed(0)} ms → ` +
      `${perSecond(ROWS, firstMs)} rows/s; ${result?.issues.length} findings; peak RSS ${peakRssMiB()} MiB`,
  );
  // The same rows read into records (what grade, schedule and report read): the peer, same process, run after.
  const readMs = await medianMs(5, () => readArchive(grid, { today: TODAY }));
  const read = readArchive(grid, { today: TODAY });
  const same = read !== null && result !== null && read.issues.length === result.issues.length;
  console.log(
    `core readArchive (into records): median ${readMs.toFixed(0)} ms → ${perSecond(ROWS, readMs)} rows/s; ` +
      `checking takes ${(coreMs / readMs).toFixed(2)}× its time${same ? "" : " (FINDINGS DIFFER)"}; peak RSS ${peakRssMiB()} MiB`,
  );

  // The human table of `rapport validate` (--json aside) for 1,000 rows with three mistakes each: 3,000 findings
  // once took cli-table3 minutes to draw.
  const bad: CellValue[][] = [["客户编号", "客户名称", "联系电话", "电子邮箱", "购买日期"]];
  for (let i = 0; i < 1_000; i++)
    bad.push([`KH${i}`, `测试贸易有限公司${i}`, `12345${i}`, `no-mail-${i}`, "2024/13/01"]);
  const findings = checkArchive({ name: "客户", firstRow: 1, firstColumn: 1, values: bad }, { today: TODAY });
  if (findings) {
    const tableMs = await medianMs(5, () => humanReport(findings));
    console.log(
      `human validate output: ${findings.issues.length.toLocaleString("en-US")} findings, ` +
        `median ${tableMs.toFixed(0)} ms (target ≤ 1,000 ms)`,
    );
  }

  const dir = await mkdtemp(join(tmpdir(), "rapport-bench-"));
  const file = join(dir, "customers-100k.xlsx");
  await writeXlsx(rows, file);
  const runs = { stream: [] as ReaderRun[], whole: [] as ReaderRun[] };
  for (let i = 0; i < 3; i++) {
    runs.stream.push(readerRun("stream", file));
    runs.whole.push(readerRun("whole", file));
  }
  const summary = (mode: "stream" | "whole") => {
    const ms = median(runs[mode].map((r) => r.ms));
    const peak = median(runs[mode].map((r) => r.peakMiB));
    return { ms, peak, rate: perSecond(runs[mode][0].rows, ms) };
  };
  const stream = summary("stream");
  const whole = summary("whole");
  console.log(
    `xlsx streaming reader:   median ${stream.ms.toFixed(0)} ms → ${stream.rate} rows/s, peak RSS ${stream.peak} MiB`,
  );
  console.log(
    `xlsx whole-file reader:  median ${whole.ms.toFixed(0)} ms → ${whole.rate} rows/s, peak RSS ${whole.peak} MiB`,
  );
  console.log(
    `streaming / whole-file: ${(whole.ms / stream.ms).toFixed(2)}× the speed, ${(stream.peak / whole.peak).toFixed(2)}× the peak memory`,
  );
}
