// Make PDF in the pane and `rapport report` print from the same data: for one workbook, the grades (with the
// evaluation form's deductions and the reasons a customer has no grade), the callbacks and whether they were
// recorded or only planned must agree, whichever face gathered them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadReportSources } from "../../src/cli/report-sources";
import { OWNED_SHEETS } from "../../src/core/owned";
import { buildReportData } from "../../src/core/report";
import type { SheetGrid } from "../../src/core/types";
import { collectSources, templateData } from "../../src/excel/report-data";
import { detectCapabilities } from "../../src/excel/office";
import { fakeFromGrids, SAMPLE, sampleGrids } from "../helpers/excel-fixtures";
import { FakeWorkbook, LATEST_EXCEL_API, type FakeRequestContext } from "../helpers/fake-excel";

const TODAY = "2026-11-25";
const PERIOD = { from: "2026-11-01", to: "2026-11-30" };
let grids: SheetGrid[];
const pinned = process.env.RAPPORT_TODAY;

beforeAll(async () => {
  process.env.RAPPORT_TODAY = TODAY;
  grids = await sampleGrids();
});

afterAll(() => {
  if (pinned === undefined) delete process.env.RAPPORT_TODAY;
  else process.env.RAPPORT_TODAY = pinned;
});

async function pane(list: readonly SheetGrid[]) {
  const book = fakeFromGrids(list, { excelApi: LATEST_EXCEL_API });
  const probe = new FakeWorkbook({}, { excelApi: LATEST_EXCEL_API });
  const capabilities = detectCapabilities((name, v) => probe.isSetSupported(name, v));
  return book.run((ctx: FakeRequestContext) =>
    collectSources(ctx as unknown as Excel.RequestContext, { today: TODAY, capabilities }, PERIOD),
  );
}

describe("Make PDF's data", () => {
  it("is what rapport report gathers from the same workbook: grades, deductions, reasons, planned callbacks", async () => {
    expect(grids.some((g) => g.name === OWNED_SHEETS.schedule)).toBe(false);
    const fromPane = await pane(grids);
    const fromCli = await loadReportSources(SAMPLE, {}, PERIOD);

    expect([...fromPane.sources.grades.entries()]).toEqual([...fromCli.sources.grades.entries()]);
    expect(fromPane.sources.callbacks).toEqual(fromCli.sources.callbacks);
    expect(fromPane.sources.callbacks.length).toBeGreaterThan(0);
    // No 回访计划 sheet: the callbacks are the rules' plan, and both faces say nothing was recorded.
    expect(fromPane.sources.callbacksRecorded).toBe(false);
    expect(fromCli.sources.callbacksRecorded).toBe(false);

    const infos = [...fromPane.sources.grades.values()];
    // The complaints criterion is a deduction: the evaluation form prints its weight with a minus sign.
    const deductions = infos.flatMap((g) => g.breakdown.filter((c) => c.deduct));
    expect(deductions.length).toBeGreaterThan(0);
    expect(deductions.every((c) => c.maxPoints !== undefined && c.maxPoints < 0)).toBe(true);
    // The sample has rows the grading cannot use: the pane keeps the reasons, as the CLI does.
    const ungraded = infos.filter((g) => g.notGraded?.length);
    expect(ungraded.length).toBeGreaterThan(0);
    expect(ungraded.every((g) => g.grade === undefined && g.notGraded?.every((r) => r.zh && r.en))).toBe(true);
  });

  it("tells the report there are no call results when the callbacks were only planned", async () => {
    const fromPane = await pane(grids);
    const data = templateData("report", fromPane.sources, PERIOD, TODAY) as ReturnType<typeof buildReportData>;
    expect(data.callbacksRecorded).toBe(false);
  });
});
