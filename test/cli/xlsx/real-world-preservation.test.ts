import ExcelJS from "exceljs";
import { execFile, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { noteText } from "../../../src/cli/xlsx/owned-columns";
import { loadWorkbook } from "../../../src/cli/xlsx/read";
import { runCli } from "../../helpers/cli";
import { tempDir } from "../../helpers/workbook";
import {
  cellsOf,
  CUSTOMER_PART_NAME,
  CUSTOMER_SHEET,
  injectCustomerSheet,
  listedSheets,
  readParts,
  sheetChildren,
  sheetNames,
  styleItems,
  text,
  workbookPart,
} from "./packages";

/**
 * Every real-world workbook (written by Excel, LibreOffice, WPS) with a customer sheet added goes through
 * `rapport grade --out` and `rapport schedule --out`; the copies are checked at the package level: the parts
 * Rapport did not write are the original's bytes, the customer sheet is edited only in Rapport's columns, and the
 * result is well-formed, opens in exceljs and (where installed) in LibreOffice, and is the same when written again.
 */

const FIXTURES = "/work/shared/fixtures/real-world";
const PERIOD = ["--from", "2026-12-01", "--to", "2026-12-31"];
const OWNED_HEADERS = ["评分", "客户等级", "ABC分类", "评级说明"];
process.env.RAPPORT_TODAY = "2026-11-25";

const fixtures = existsSync(FIXTURES)
  ? readdirSync(FIXTURES)
      .filter((f) => f.endsWith(".xlsx"))
      .sort()
  : [];

/** Why a fixture cannot be used, or null when exceljs reads it and sees the added customer sheet. */
async function unusable(file: string, injected: Buffer): Promise<string | null> {
  try {
    await new ExcelJS.Workbook().xlsx.readFile(join(FIXTURES, file));
  } catch (e) {
    return `exceljs cannot load it (${e instanceof Error ? e.message : String(e)})`;
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(injected as unknown as ExcelJS.Buffer);
  return wb.getWorksheet(CUSTOMER_SHEET) ? null : "exceljs does not see its sheets (workbook not under xl/)";
}

const prepared = await (async () => {
  const dir = await tempDir("rapport-realworld-");
  const out: { file: string; input: string; skip: string | null }[] = [];
  for (const file of fixtures) {
    const injected = await injectCustomerSheet(await readFile(join(FIXTURES, file)));
    const input = join(dir, file);
    await writeFile(input, injected);
    out.push({ file, input, skip: await unusable(file, injected) });
  }
  return { dir, list: out };
})();

const hasXmllint = spawnSync("xmllint", ["--version"]).status === 0;
const soffice = ["soffice", "libreoffice"].find((c) => spawnSync(c, ["--version"]).status === 0);

/** Outputs checked by LibreOffice at the end, in one run. */
const forLibreOffice: { file: string; path: string }[] = [];

const folderOf = (part: string) => part.slice(0, part.lastIndexOf("/") + 1);
const relsOf = (part: string) => `${folderOf(part)}_rels/${part.slice(folderOf(part).length)}.rels`;

function resolve(source: string, target: string): string {
  const joined = target.startsWith("/") ? target.slice(1) : folderOf(source) + target;
  const out: string[] = [];
  for (const seg of joined.split("/")) {
    if (seg === "..") out.pop();
    else if (seg && seg !== ".") out.push(seg);
  }
  return decodeURIComponent(out.join("/"));
}

function relTargets(parts: Map<string, Buffer>, part: string): { type: string; target: string }[] {
  const xml = text(parts, relsOf(part));
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)]
    .filter((m) => !/TargetMode="External"/.test(m[0]))
    .map((m) => ({
      type: /Type="([^"]*)"/.exec(m[0])?.[1] ?? "",
      target: resolve(part, /Target="([^"]*)"/.exec(m[0])?.[1] ?? ""),
    }));
}

/** The parts a sheet owns through its relationships (comments, VML, tables) with their relationships parts. */
function sheetParts(parts: Map<string, Buffer>, sheet: string): string[] {
  const out = [sheet, relsOf(sheet)];
  for (const r of relTargets(parts, sheet)) out.push(r.target, relsOf(r.target));
  return out;
}

function sheetPart(parts: Map<string, Buffer>, wbPart: string, name: string): string {
  const wb = text(parts, wbPart);
  const entry = [...wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].find((m) => m[0].includes(`name="${name}"`))?.[0] ?? "";
  const id = /\b\w+:id="([^"]*)"/.exec(entry)?.[1];
  const rel = [...text(parts, relsOf(wbPart)).matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].find((m) =>
    m[0].includes(`Id="${id}"`),
  )?.[0];
  return rel ? resolve(wbPart, /Target="([^"]*)"/.exec(rel)?.[1] ?? "") : "";
}

/** Parts that are the original's unless listed as Rapport's: compares bytes. */
function expectKept(before: Map<string, Buffer>, after: Map<string, Buffer>, mayChange: ReadonlySet<string>) {
  const changed: string[] = [];
  for (const [name, bytes] of before) {
    if (mayChange.has(name)) continue;
    const now = after.get(name);
    if (!now || !now.equals(bytes)) changed.push(name);
  }
  expect(changed).toEqual([]);
}

/** Every XML part Rapport wrote is well-formed (xmllint), every relationship of them resolves, every part is typed. */
async function expectSound(dir: string, before: Map<string, Buffer>, after: Map<string, Buffer>) {
  const written = [...after.keys()].filter((n) => !before.get(n)?.equals(after.get(n) as Buffer));
  const types = text(after, "[Content_Types].xml");
  for (const name of written) {
    if (name === "[Content_Types].xml") continue;
    if (name.endsWith(".rels")) {
      const source = name.replace(/_rels\/([^/]*)\.rels$/, "$1");
      for (const r of relTargets(after, source)) expect(after.has(r.target), `${name} → ${r.target}`).toBe(true);
    } else {
      const ext = name.slice(name.lastIndexOf(".") + 1);
      const typed = types.includes(`PartName="/${name}"`) || types.includes(`Extension="${ext}"`);
      expect(typed, `content type of ${name}`).toBe(true);
    }
  }
  for (const m of types.matchAll(/PartName="\/([^"]*)"/g)) expect(after.has(m[1]), `override ${m[1]}`).toBe(true);
  if (!hasXmllint) return;
  const xmlDir = join(dir, `xml-${Math.random().toString(36).slice(2)}`);
  await mkdir(xmlDir);
  const files: string[] = [];
  for (const [i, name] of written.entries()) {
    if (!/\.(xml|rels|vml)$/.test(name)) continue;
    const path = join(xmlDir, `${i}-${basename(name)}`);
    await writeFile(path, after.get(name) as Buffer);
    files.push(path);
  }
  if (files.length) {
    const lint = spawnSync("xmllint", ["--noout", ...files], { encoding: "utf8" });
    expect(lint.stderr).toBe("");
  }
}

/** The original items of each styles section are the first items of the copy's. */
function expectStylesPrefix(before: string, after: string) {
  for (const section of ["numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"]) {
    const old = styleItems(before, section);
    expect(styleItems(after, section).slice(0, old.length), section).toEqual(old);
  }
}

const APP = "docProps/app.xml";
const allTitles = (app: string) =>
  [...(/<TitlesOfParts>([\s\S]*?)<\/TitlesOfParts>/.exec(app)?.[1] ?? "").matchAll(/<vt:lpstr>([^<]*)</g)].map(
    (m) => m[1],
  );

const ownedColumn = (ref: string) => /^(J|K|L|M)(\d+)$/.exec(ref);

describe.each(prepared.list)("$file", ({ file, input, skip }) => {
  const run = skip ? it.skip : it;
  const dir = join(prepared.dir, `${file}.out`);
  const graded = join(dir, "graded.xlsx");
  const scheduled = join(dir, "scheduled.xlsx");
  let before: Map<string, Buffer>;
  let afterGrade: Map<string, Buffer>;
  let afterSchedule: Map<string, Buffer>;
  let wbPart: string;
  let customer: string;
  let strict = false;
  const codes: number[] = [];

  beforeAll(async () => {
    if (skip) return;
    await mkdir(dir, { recursive: true });
    const g = await runCli("grade", input, "--sheet", CUSTOMER_SHEET, "--out", graded);
    const s = await runCli("schedule", graded, "--sheet", CUSTOMER_SHEET, ...PERIOD, "--out", scheduled);
    codes.push(g.code, s.code);
    if (g.code > 1 || s.code > 1) throw new Error(`${file}: ${g.stderr} ${s.stderr}`);
    before = await readParts(input);
    afterGrade = await readParts(graded);
    afterSchedule = await readParts(scheduled);
    wbPart = await workbookPart(input);
    customer = `${folderOf(wbPart)}worksheets/${CUSTOMER_PART_NAME}`;
    strict = text(before, wbPart).includes("http://purl.oclc.org/ooxml/spreadsheetml/main");
    forLibreOffice.push({ file, path: scheduled });
  });

  if (skip) it.skip(`is not used: ${skip}`, () => {});

  run("grades and schedules it (exit 0 or 1)", () => {
    expect(codes.every((c) => c <= 1)).toBe(true);
  });

  run("grade keeps every part but the workbook's, the styles' and the customer sheet's byte for byte", () => {
    const mayChange = new Set([
      wbPart,
      relsOf(wbPart),
      "[Content_Types].xml",
      APP,
      ...[...before.keys()].filter((n) => /calcChain\.xml$|styles\.xml$/.test(n)),
      ...sheetParts(afterGrade, customer),
    ]);
    expectKept(before, afterGrade, mayChange);
    const roster = sheetPart(afterGrade, wbPart, "客户分级目录");
    const added = [...afterGrade.keys()].filter((n) => !before.has(n));
    const allowed = new Set([...sheetParts(afterGrade, customer), ...sheetParts(afterGrade, roster)]);
    expect(added.filter((n) => !allowed.has(n))).toEqual([]);
  });

  run("schedule keeps every part of the graded copy but the workbook's and the styles'", () => {
    const mayChange = new Set([
      wbPart,
      relsOf(wbPart),
      "[Content_Types].xml",
      APP,
      ...[...afterGrade.keys()].filter((n) => /calcChain\.xml$|styles\.xml$/.test(n)),
    ]);
    expectKept(afterGrade, afterSchedule, mayChange);
    const plan = sheetPart(afterSchedule, wbPart, "回访计划");
    const added = [...afterSchedule.keys()].filter((n) => !afterGrade.has(n));
    expect(added.filter((n) => !sheetParts(afterSchedule, plan).includes(n))).toEqual([]);
  });

  run("lists the sheets it adds in docProps/app.xml when that lists the workbook's sheets, else keeps it", () => {
    if (!before.has(APP)) return;
    const listed = listedSheets(text(before, APP));
    if (!listed?.includes(CUSTOMER_SHEET)) {
      expect(afterSchedule.get(APP)?.equals(before.get(APP) as Buffer)).toBe(true);
      return;
    }
    const titles = allTitles(text(before, APP));
    const at = listed.length;
    expect(listedSheets(text(afterGrade, APP))).toEqual([...listed, "客户分级目录"]);
    expect(allTitles(text(afterGrade, APP))).toEqual([...titles.slice(0, at), "客户分级目录", ...titles.slice(at)]);
    const all = [...titles.slice(0, at), "客户分级目录", "回访计划", ...titles.slice(at)];
    expect(allTitles(text(afterSchedule, APP))).toEqual(all);
    const app = text(afterSchedule, APP);
    expect(/<TitlesOfParts>\s*<vt:vector\b[^>]*\bsize="(\d+)"/.exec(app)?.[1]).toBe(String(all.length));
    const counts = [...(/<HeadingPairs>([\s\S]*?)<\/HeadingPairs>/.exec(app)?.[1] ?? "").matchAll(/<vt:i4>(\d+)</g)];
    expect(counts.reduce((n, m) => n + Number(m[1]), 0)).toBe(all.length);
    const rest = (xml: string) => xml.replace(/<HeadingPairs>[\s\S]*<\/TitlesOfParts>/, "");
    expect(rest(app)).toBe(rest(text(before, APP)));
  });

  run("keeps what exceljs drops: pivot tables, drawings, threaded comments, in-cell images, custom properties", () => {
    const notable = [...before.keys()].filter((n) =>
      /pivot|drawings\/drawing|charts\/|threadedComment|persons|cellimages|richData|metadata\.xml|custom\.xml|media\//.test(
        n,
      ),
    );
    for (const name of notable) expect(afterSchedule.get(name)?.equals(before.get(name) as Buffer), name).toBe(true);
  });

  run("appends to the styles: the original formats are the first ones of the copy", () => {
    const stylesName = [...before.keys()].find((n) => n.endsWith("styles.xml"));
    if (!stylesName) return;
    expectStylesPrefix(text(before, stylesName), text(afterGrade, stylesName));
    expectStylesPrefix(text(afterGrade, stylesName), text(afterSchedule, stylesName));
  });

  run("edits the customer sheet only in Rapport's columns; its x14 validation, merges, widths stay", () => {
    const old = text(before, customer);
    const now = text(afterGrade, customer);
    const keep = (cells: Map<string, string>) => [...cells].filter(([ref]) => !ownedColumn(ref));
    expect(keep(cellsOf(now))).toEqual(keep(cellsOf(old)));
    const headers = [...cellsOf(now)].filter(([ref]) => /^[J-M]2$/.test(ref)).map(([, c]) => c);
    expect(headers.map((c) => /<t[^>]*>([^<]*)<\/t>/.exec(c)?.[1])).toEqual(OWNED_HEADERS);
    const a = sheetChildren(old);
    const b = sheetChildren(now);
    for (const name of ["cols", "dimension", "legacyDrawing"]) {
      a.delete(name);
      b.delete(name);
    }
    expect(b).toEqual(a);
    expect(now).toContain("<x14:dataValidation ");
    const cols = sheetChildren(now).get("cols") ?? "";
    expect(cols).toContain('<col min="4" max="4" width="0" hidden="1" customWidth="1"/>');
    expect(cols).toContain('<col min="5" max="9" width="11"/>');
    expect(cols).toContain('<col min="14" max="16384" width="11"/>');
    expect(cols).toMatch(/<col min="13" max="13" width="90" customWidth="1"\/>/);
    expect(text(afterSchedule, customer)).toBe(now);
  });

  run("is well-formed, its relationships resolve and its parts are typed", async () => {
    await expectSound(dir, before, afterGrade);
    await expectSound(dir, afterGrade, afterSchedule);
  });

  run("opens in exceljs with Rapport's columns, the roster and the callback table", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(scheduled);
    const sheet = wb.getWorksheet(CUSTOMER_SHEET) as ExcelJS.Worksheet;
    expect([10, 11, 12, 13].map((c) => sheet.getRow(2).getCell(c).value)).toEqual(OWNED_HEADERS);
    expect(typeof sheet.getCell("J3").value).toBe("number");
    expect(String(sheet.getCell("K3").value)).toMatch(/^[ABCD]$/);
    // exceljs reads no notes from a Strict Open XML package (it knows only the transitional relationship types).
    if (!strict) expect(JSON.stringify(sheet.getCell("J2").note)).toContain("Rapport");
    expect(wb.getWorksheet("客户分级目录")?.getCell("A1").value).toBe("客户分级目录");
    const plan = wb.getWorksheet("回访计划") as ExcelJS.Worksheet;
    expect(plan.getCell("A1").value).toBe("计划日期");
    expect(sheetNames(text(afterSchedule, wbPart)).slice(-2)).toEqual(["客户分级目录", "回访计划"]);
  });

  run("is read back by Rapport with its marks: the header notes, the roster's note, the callback table", async () => {
    const wb = await loadWorkbook(scheduled);
    const sheet = wb.getWorksheet(CUSTOMER_SHEET) as ExcelJS.Worksheet;
    for (const c of [10, 11, 12, 13]) expect(noteText(sheet.getRow(2).getCell(c).note)).toContain("Rapport");
    expect(noteText(wb.getWorksheet("客户分级目录")?.getCell("A1").note)).toContain("Rapport");
    const plan = wb.getWorksheet("回访计划") as ExcelJS.Worksheet;
    expect(plan.getTables()).toHaveLength(1);
  });

  run("gives the same bytes when run again, and when run again on its own output", async () => {
    const again = join(dir, "graded-again.xlsx");
    await runCli("grade", input, "--sheet", CUSTOMER_SHEET, "--out", again);
    expect((await readFile(again)).equals(await readFile(graded))).toBe(true);
    // Rapport finds its columns and roster by their notes: in a Strict package too (the regression it once had).
    const regraded = join(dir, "regraded.xlsx");
    const r = await runCli("grade", graded, "--sheet", CUSTOMER_SHEET, "--out", regraded);
    expect(r.code, r.stderr).toBeLessThanOrEqual(1);
    expect((await readFile(regraded)).equals(await readFile(graded))).toBe(true);
    const rescheduled = join(dir, "rescheduled.xlsx");
    const s = await runCli("schedule", scheduled, "--sheet", CUSTOMER_SHEET, ...PERIOD, "--out", rescheduled);
    expect(s.code, s.stderr).toBeLessThanOrEqual(1);
    expect((await readFile(rescheduled)).equals(await readFile(scheduled))).toBe(true);
  });
});

describe.runIf(soffice && prepared.list.some((p) => !p.skip))("LibreOffice", () => {
  it("opens every scheduled copy and reads Rapport's columns and sheets", async () => {
    const out = join(prepared.dir, "libreoffice");
    const profile = `file://${join(prepared.dir, "lo-profile")}`;
    const paths = forLibreOffice.map((f) => f.path);
    expect(paths.length).toBeGreaterThan(0);
    // One CSV per sheet (LibreOffice 7.2+: the last filter option -1 exports every sheet), all copies in one run.
    const copies: string[] = [];
    for (const [i, f] of forLibreOffice.entries()) {
      const copy = join(prepared.dir, `lo-${i}.xlsx`);
      await writeFile(copy, await readFile(f.path));
      copies.push(copy);
    }
    const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
    const args = [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", filter, "--outdir", out];
    await promisify(execFile)(soffice as string, [...args, ...copies], { timeout: 540_000 });
    const failed: string[] = [];
    for (const [i, f] of forLibreOffice.entries()) {
      const csv = (name: string) => join(out, `lo-${i}-${name}.csv`);
      if (!existsSync(csv(CUSTOMER_SHEET)) || !existsSync(csv("回访计划")) || !existsSync(csv("客户分级目录"))) {
        failed.push(`${f.file}: sheets missing`);
        continue;
      }
      const header = (await readFile(csv(CUSTOMER_SHEET), "utf8")).split("\n")[1] ?? "";
      if (!OWNED_HEADERS.every((h) => header.includes(h))) failed.push(`${f.file}: ${header}`);
    }
    expect(failed).toEqual([]);
  }, 600_000);
});
