// The Office.js adapter on 50,000 customer rows, against a fake Excel that counts round-trips and measures each
// request as Office.js sends it, twice: as desktop Excel (no limit on an answer's size) and as Excel on the web
// (answers over 5 MB refused, so a large sheet is read in blocks). On the desktop Validate and Grade must stay
// within 6 `context.sync()` calls each; on both, no request may pass Excel on the web's 5 MB limit. The actions are called as the pane calls them, knowing the customer
// sheet and the workbook's sheets from when it opened (or from the previous action). Times are compared with the pure core doing the same work on the same
// rows (what the adapter adds: building requests, formats, the fake's own bookkeeping).
import { readCustomerSheet } from "../src/core/customer-sheet";
import { DEFAULT_STANDARD, gradeArchive } from "../src/core/grading";
import type { SheetGrid } from "../src/core/types";
import { gradeWorkbook } from "../src/excel/grade";
import { ALL_CAPABILITIES } from "../src/excel/office";
import { validateWorkbook } from "../src/excel/validate";
import {
  REQUEST_LIMIT_BYTES,
  RESPONSE_LIMIT_BYTES,
  type FakeRequestContext,
  type FakeWorkbook,
  type FakeWorkbookOptions,
} from "../test/helpers/fake-excel";
import { fakeFromGrids, grownGrids } from "../test/helpers/excel-fixtures";

const ROWS = 50_000;
const RUNS = 3;
const TODAY = "2026-11-25";
const MiB = 1024 * 1024;

/** The sample's customer sheet grown to `rows` customers (codes kept unique), the sample's mistakes included. */
export const bigGrids = grownGrids;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timeAction(
  grids: SheetGrid[],
  action: (context: Excel.RequestContext, known: string[]) => Promise<unknown>,
  prepare?: (book: FakeWorkbook) => Promise<string[]>,
  bookOptions: FakeWorkbookOptions = {},
): Promise<{ ms: number; book: FakeWorkbook }> {
  const samples: number[] = [];
  let last: FakeWorkbook | null = null;
  for (let i = 0; i <= RUNS; i++) {
    const book = fakeFromGrids(grids, bookOptions);
    const known = prepare ? await prepare(book) : grids.map((g) => g.name);
    book.resetStats();
    const start = performance.now();
    await book.run((ctx: FakeRequestContext) => action(ctx as unknown as Excel.RequestContext, known));
    if (i > 0) samples.push(performance.now() - start);
    last = book;
  }
  return { ms: median(samples), book: last as FakeWorkbook };
}

function line(name: string, book: FakeWorkbook, ms: number, coreMs: number): string {
  const req = book.largestRequestBytes / MiB;
  const res = book.largestResponseBytes / MiB;
  return (
    `${name.padEnd(16)} syncs ${String(book.syncCount).padStart(2)}  largest request ${req.toFixed(2)} MiB  ` +
    `largest response ${res.toFixed(2)} MiB  median ${ms.toFixed(0)} ms  ×${(ms / coreMs).toFixed(2)} of core`
  );
}

export async function run(): Promise<void> {
  const grids = await bigGrids(ROWS);
  // As the pane calls the actions: it found the customer sheet when it opened.
  const options = { today: TODAY, capabilities: ALL_CAPABILITIES, sheet: grids[0].name };

  const core = { validate: [] as number[], grade: [] as number[] };
  for (let i = 0; i <= RUNS; i++) {
    let t = performance.now();
    const read = readCustomerSheet(grids, { today: TODAY });
    const validateMs = performance.now() - t;
    if (!read.ok) throw new Error("no customer sheet");
    t = performance.now();
    gradeArchive(read.archive, DEFAULT_STANDARD, { today: TODAY });
    const gradeMs = performance.now() - t + validateMs;
    if (i > 0) {
      core.validate.push(validateMs);
      core.grade.push(gradeMs);
    }
  }
  const coreValidate = median(core.validate);
  const coreGrade = median(core.grade);
  console.log(`${ROWS.toLocaleString("en-US")} customer rows × ${grids[0].values[3].length} columns; ${RUNS} runs`);
  console.log(`core      validate ${coreValidate.toFixed(0)} ms, validate + grade ${coreGrade.toFixed(0)} ms`);

  const results: { platform: string; books: FakeWorkbook[] }[] = [];
  for (const [platform, bookOptions] of [
    ["desktop", {}],
    ["web", { responseLimitBytes: RESPONSE_LIMIT_BYTES }],
  ] as const) {
    const v = await timeAction(
      grids,
      (ctx, knownSheets) => validateWorkbook(ctx, { ...options, knownSheets }),
      undefined,
      bookOptions,
    );
    console.log(line(`validate ${platform}`, v.book, v.ms, coreValidate));
    const g = await timeAction(
      grids,
      (ctx, knownSheets) => gradeWorkbook(ctx, { ...options, knownSheets }),
      undefined,
      bookOptions,
    );
    console.log(line(`grade ${platform}`, g.book, g.ms, coreGrade));
    // Grading a second time: Rapport's columns are found again and rewritten in place.
    const again = await timeAction(
      grids,
      (ctx, knownSheets) => gradeWorkbook(ctx, { ...options, knownSheets }),
      async (book) => (await book.run((ctx) => gradeWorkbook(ctx as unknown as Excel.RequestContext, options))).sheets,
      bookOptions,
    );
    console.log(line(`regrade ${platform}`, again.book, again.ms, coreGrade));
    results.push({ platform, books: [v.book, g.book, again.book] });
  }

  for (const { platform, books } of results) {
    const worst = Math.max(...books.map((b) => b.syncCount));
    const largest = Math.max(...books.map((b) => b.largestRequestBytes));
    const refused = books.reduce((n, b) => n + b.syncs.filter((x) => x.refused).length, 0);
    const syncsOk = platform === "web" || worst <= 6;
    const ok = syncsOk && largest < REQUEST_LIMIT_BYTES;
    console.log(
      `${platform}: ${platform === "web" ? "every request < 5 MiB, every answer read < 5 MiB" : "≤ 6 syncs per action and every request < 5 MiB"} — ${ok ? "met" : "NOT MET"} (worst ${worst} syncs, largest request ${(largest / MiB).toFixed(2)} MiB${platform === "web" ? `, ${refused} answers refused and read again in blocks` : ""})`,
    );
  }
}
