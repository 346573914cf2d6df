import ExcelJS from "exceljs";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli";
import { tempDir } from "../../helpers/workbook";
import { CUSTOMER_SHEET, editParts, injectCustomerSheet, readParts, text } from "./packages";

/** Edge cases of writing into the original package, on real-world workbooks made to show them. */

const FIXTURES = "/work/shared/fixtures/real-world";
const PERIOD = ["--from", "2026-12-01", "--to", "2026-12-31"];
process.env.RAPPORT_TODAY = "2026-11-25";

const fixture = (name: string) => join(FIXTURES, name);
const have = (...names: string[]) => names.every((n) => existsSync(fixture(n)));

const GUID = "{11111111-2222-3333-4444-555555555555}";
const PERSON = "{54EE7950-7262-4200-6969-000000000001}";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CUSTOMER = "xl/worksheets/sheet99.xml";

function vmlShape(id: number, row: number, col: number): string {
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style='position:absolute;visibility:hidden' fillcolor="#ffffe1">` +
    `<v:textbox><div style='text-align:left'></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/>` +
    `<x:Anchor>\n 2, 15, 1, 5, 4, 15, 5, 5</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
  );
}

/** The customer sheet with a note of a colleague on C3 and an Excel threaded comment on B3. */
const ANNOTATED: Record<string, string | ((old: string) => string)> = {
  [CUSTOMER]: (xml) => xml.replace("<extLst>", '<legacyDrawing r:id="rIdVml"/><extLst>'),
  "xl/worksheets/_rels/sheet99.xml.rels":
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rIdT" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment9.xml"/>` +
    `<Relationship Id="rIdC" Type="${REL}/comments" Target="../comments9.xml"/>` +
    `<Relationship Id="rIdVml" Type="${REL}/vmlDrawing" Target="../drawings/vmlDrawing9.vml"/></Relationships>`,
  "xl/comments9.xml":
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision">' +
    `<authors><author>tc=${GUID}</author><author>王芳</author></authors><commentList>` +
    `<comment ref="B3" authorId="0" shapeId="0" xr:uid="${GUID}"><text><t>[Threaded comment]\n\nComment:\n    先打电话确认地址</t></text></comment>` +
    '<comment ref="C3" authorId="1" shapeId="0"><text><r><t>请核对</t></r></text></comment></commentList></comments>',
  "xl/drawings/vmlDrawing9.vml":
    '<xml xmlns:v="urn:schemas-microsoft-com:vml"\n xmlns:o="urn:schemas-microsoft-com:office:office"\n xmlns:x="urn:schemas-microsoft-com:office:excel">\n' +
    ' <o:shapelayout v:ext="edit">\n  <o:idmap v:ext="edit" data="9"/>\n </o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"\n  path="m,l,21600r21600,l21600,xe">\n' +
    '  <v:stroke joinstyle="miter"/>\n  <v:path gradientshapeok="t" o:connecttype="rect"/>\n </v:shapetype>' +
    vmlShape(9217, 2, 1) +
    vmlShape(9218, 2, 2) +
    "</xml>",
  "xl/threadedComments/threadedComment9.xml":
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<threadedComment ref="B3" dT="2026-11-02T10:07:02.61" personId="${PERSON}" id="${GUID}"><text>先打电话确认地址</text></threadedComment></ThreadedComments>`,
  "[Content_Types].xml": (xml) =>
    xml.replace(
      "</Types>",
      '<Override PartName="/xl/comments9.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>' +
        '<Override PartName="/xl/threadedComments/threadedComment9.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/></Types>',
    ),
};

describe.runIf(have("threaded_comments_none.xlsx"))("a customer sheet with notes and a threaded comment", () => {
  it("gets Rapport's header notes added to its own comments and drawing; the threaded comment stays", async () => {
    const dir = await tempDir();
    const input = join(dir, "annotated.xlsx");
    const base = await injectCustomerSheet(await readFile(fixture("threaded_comments_none.xlsx")));
    await writeFile(input, await editParts(base, ANNOTATED));
    const out = join(dir, "graded.xlsx");
    expect((await runCli("grade", input, "--sheet", CUSTOMER_SHEET, "--out", out)).code).toBeLessThan(2);

    const before = await readParts(input);
    const after = await readParts(out);
    for (const name of ["xl/threadedComments/threadedComment9.xml", "xl/persons/person.xml", "xl/comments1.xml"]) {
      expect(after.get(name)?.equals(before.get(name) as Buffer), name).toBe(true);
    }
    expect(text(after, "xl/worksheets/_rels/sheet99.xml.rels")).toBe(
      text(before, "xl/worksheets/_rels/sheet99.xml.rels"),
    );

    const comments = text(after, "xl/comments9.xml");
    const old = text(before, "xl/comments9.xml");
    expect(comments).toContain(old.slice(old.indexOf("<comment "), old.indexOf("</commentList>")));
    expect(comments).toContain(
      `<authors><author>tc=${GUID}</author><author>王芳</author><author>Author</author></authors>`,
    );
    expect([...comments.matchAll(/<comment ref="([A-Z]+\d+)" authorId="(\d)"/g)].map((m) => `${m[1]}:${m[2]}`)).toEqual(
      ["B3:0", "C3:1", "J2:2", "K2:2", "L2:2", "M2:2"],
    );

    const vml = text(after, "xl/drawings/vmlDrawing9.vml");
    expect(vml).toContain(vmlShape(9217, 2, 1) + vmlShape(9218, 2, 2));
    expect(
      [...vml.matchAll(/id="_x0000_s(\d+)"[\s\S]*?<x:Row>(\d+)<\/x:Row><x:Column>(\d+)</g)].map((m) =>
        m.slice(1).join(":"),
      ),
    ).toEqual(["9217:2:1", "9218:2:2", "9219:1:9", "9220:1:10", "9221:1:11", "9222:1:12"]);
    // No second comments part or drawing for the sheet: the new ones are the roster's (A1's note).
    expect([...after.keys()].filter((n) => !before.has(n) && /comments|vmlDrawing/.test(n))).toEqual([
      "xl/comments2.xml",
      "xl/drawings/vmlDrawing2.vml",
    ]);
    expect(text(after, "xl/drawings/vmlDrawing2.vml")).toContain('<o:idmap v:ext="edit" data="2"/>');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet(CUSTOMER_SHEET) as ExcelJS.Worksheet;
    expect(JSON.stringify(sheet.getCell("C3").note)).toContain("请核对");
    expect(JSON.stringify(sheet.getCell("J2").note)).toContain("Rapport 评级结果");

    const again = join(dir, "again.xlsx");
    expect((await runCli("grade", out, "--sheet", CUSTOMER_SHEET, "--out", again)).code).toBeLessThan(2);
    expect((await readFile(again)).equals(await readFile(out))).toBe(true);
  });
});

/** The 回访计划 sheet's part, through the workbook. */
function planPart(parts: Map<string, Buffer>): string {
  const wb = text(parts, "xl/workbook.xml");
  const id = /<sheet name="回访计划" sheetId="\d+" r:id="([^"]+)"/.exec(wb)?.[1];
  const rel = new RegExp(`<Relationship Id="${id}" Type="[^"]*" Target="([^"]+)"`).exec(
    text(parts, "xl/_rels/workbook.xml.rels"),
  );
  return `xl/${rel?.[1]}`;
}

describe.runIf(have("pivot_table_named_range.xlsx"))("a schedule planned again over a worked one", () => {
  it("replaces the sheet in place, keeps a worked row's formula, gives its table a free id and drops calcChain", async () => {
    const dir = await tempDir();
    const input = join(dir, "pivot.xlsx");
    await writeFile(input, await injectCustomerSheet(await readFile(fixture("pivot_table_named_range.xlsx"))));
    const first = join(dir, "first.xlsx");
    expect((await runCli("schedule", input, "--sheet", CUSTOMER_SHEET, ...PERIOD, "--out", first)).code).toBeLessThan(
      2,
    );
    const one = await readParts(first);
    const plan = planPart(one);
    const table = /Target="\.\.\/tables\/(table\d+\.xml)"/.exec(
      text(one, plan.replace("worksheets/", "worksheets/_rels/") + ".rels"),
    )?.[1];
    expect(table).toBe("table2.xml");
    expect(/ id="(\d+)"/.exec(text(one, "xl/tables/table2.xml"))?.[1]).not.toBe(
      / id="(\d+)"/.exec(text(one, "xl/tables/table1.xml"))?.[1],
    );
    expect(one.has("xl/calcChain.xml")).toBe(true);

    // Staff mark the first call done and write a formula in its 备注 (Q).
    const worked = join(dir, "worked.xlsx");
    await writeFile(
      worked,
      await editParts(await readFile(first), {
        [plan]: (xml) =>
          xml
            .replace(/<c r="M2"[^>]*?(\/>|>[\s\S]*?<\/c>)/, '<c r="M2" t="inlineStr"><is><t>已回访</t></is></c>')
            .replace(
              /(<row r="2"[\s\S]*?)(<\/row>)/,
              (_, row: string, end: string) =>
                `${row.replace(/<c r="Q2"[^>]*?(\/>|>[\s\S]*?<\/c>)/, "")}<c r="Q2"><f>1+1</f><v>2</v></c>${end}`,
            ),
      }),
    );
    const second = join(dir, "second.xlsx");
    const run = await runCli("schedule", worked, "--sheet", CUSTOMER_SHEET, ...PERIOD, "--out", second);
    expect(run.code).toBeLessThan(2);
    const two = await readParts(second);
    expect(planPart(two)).toBe(plan);
    expect([...two.keys()].filter((n) => !one.has(n))).toEqual([]);
    expect(text(two, plan)).toMatch(/<c r="Q2"[^>]*><f>1\+1<\/f>/);
    expect(two.has("xl/calcChain.xml")).toBe(false);
    expect(text(two, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(text(two, "[Content_Types].xml")).not.toContain("calcChain");
    for (const name of [...one.keys()].filter((n) => /pivot|table1\.xml/.test(n))) {
      expect(two.get(name)?.equals(one.get(name) as Buffer), name).toBe(true);
    }
  });
});
