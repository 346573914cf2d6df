import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { addSheetTitles } from "../../../src/cli/xlsx/ooxml/app-properties";
import { convertCell, sharedStrings } from "../../../src/cli/xlsx/ooxml/cells";
import { setContentType, removeOverride, contentTypeOf } from "../../../src/cli/xlsx/ooxml/content-types";
import { relativeTarget, resolveTarget } from "../../../src/cli/xlsx/ooxml/rels";
import { forExceljs, transitionalRels } from "../../../src/cli/xlsx/ooxml/strict";
import { StyleImporter } from "../../../src/cli/xlsx/ooxml/styles";
import {
  insertWorksheetChild,
  replaceOwnedCells,
  setColumns,
  widenDimension,
} from "../../../src/cli/xlsx/ooxml/worksheet";
import {
  attributes,
  childElements,
  childrenOf,
  prefixElements,
  rootElement,
  setAttr,
} from "../../../src/cli/xlsx/ooxml/xml";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const identity = { xf: (i: number) => i, strings: ["<t>甲</t>", "<r><rPr><b/></rPr><t>粗</t></r><r><t>体</t></r>"] };

describe("XML scanning", () => {
  it("finds children by local name with prefixes, self-closing elements, comments and '>' in attributes", () => {
    const xml = `<?xml version="1.0"?><!-- a <row> in a comment --><x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a&gt;b</x:t></x:is></x:c></x:row><x:row/></x:sheetData><x:dataValidations><x:dataValidation sqref="A1" prompt="x > y"/></x:dataValidations></x:worksheet>`;
    const root = rootElement(xml);
    expect([root.prefix, root.local]).toEqual(["x", "worksheet"]);
    const kids = childrenOf(xml, root);
    expect(kids.map((k) => k.local)).toEqual(["sheetData", "dataValidations"]);
    const rows = childrenOf(xml, kids[0]);
    expect(rows.map((r) => [r.local, r.selfClosing])).toEqual([
      ["row", false],
      ["row", true],
    ]);
    const dv = childrenOf(xml, kids[1])[0];
    expect(attributes(xml.slice(dv.start, dv.openEnd)).get("prompt")).toBe("x > y");
  });

  it("sets attributes in place and prefixes a fragment's elements, leaving attributes alone", () => {
    expect(setAttr('<c r="A1" s="3"/>', "s", "7")).toBe('<c r="A1" s="7"/>');
    expect(setAttr('<c r="A1"/>', "t", "inlineStr")).toBe('<c r="A1" t="inlineStr"/>');
    expect(setAttr('<x:c r="A1">', "r", "B2")).toBe('<x:c r="B2">');
    expect(prefixElements('<c r="A1"><is><t xml:space="preserve">a</t></is></c>', "x")).toBe(
      '<x:c r="A1"><x:is><x:t xml:space="preserve">a</x:t></x:is></x:c>',
    );
    expect(childElements("<a/><b>t</b>").map((e) => e.local)).toEqual(["a", "b"]);
  });
});

describe("cells", () => {
  it("writes a shared string inline, keeping rich-text runs, and maps the format", () => {
    const mapping = { ...identity, xf: (i: number) => i + 10 };
    expect(convertCell('<c r="A1" s="2" t="s"><v>0</v></c>', mapping)).toBe(
      '<c r="A1" s="12" t="inlineStr"><is><t>甲</t></is></c>',
    );
    expect(convertCell('<c r="A2" t="s"><v>1</v></c>', mapping)).toBe(
      '<c r="A2" t="inlineStr"><is><r><rPr><b/></rPr><t>粗</t></r><r><t>体</t></r></is></c>',
    );
    expect(convertCell('<c r="A3" s="1"><f>SUM(A1:A2)</f><v>3</v></c>', mapping)).toBe(
      '<c r="A3" s="11"><f>SUM(A1:A2)</f><v>3</v></c>',
    );
    expect(sharedStrings(`<sst xmlns="${MAIN}"><si><t>a</t></si><si><r><t>b</t></r></si></sst>`)).toEqual([
      "<t>a</t>",
      "<r><t>b</t></r>",
    ]);
  });
});

describe("Rapport's columns on a sheet", () => {
  const exceljs = `<worksheet xmlns="${MAIN}"><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c><c r="D2" s="1" t="s"><v>0</v></c></row><row r="3"><c r="D3"><v>61.5</v></c></row><row r="5"><c r="D5"><v>7</v></c></row></sheetData></worksheet>`;

  it("edits a prefixed sheet whose rows and cells have no r, numbering what follows an insertion", () => {
    const original = `<x:worksheet xmlns:x="${MAIN}"><x:dimension ref="A1:C4"/><x:sheetData><x:row><x:c><x:v>1</x:v></x:c></x:row><x:row spans="1:3"><x:c><x:v>2</x:v></x:c><x:c/><x:c><x:v>3</x:v></x:c></x:row><x:row><x:c><x:v>4</x:v></x:c></x:row><x:row><x:c><x:v>5</x:v></x:c></x:row></x:sheetData><x:pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/></x:worksheet>`;
    const edit = replaceOwnedCells(original, exceljs, { headerRow: 2, columns: [4], mapping: identity });
    expect(edit.xml).toBe(
      `<x:worksheet xmlns:x="${MAIN}"><x:dimension ref="A1:C4"/><x:sheetData>` +
        "<x:row><x:c><x:v>1</x:v></x:c></x:row>" +
        '<x:row spans="1:4" r="2"><x:c r="A2"><x:v>2</x:v></x:c><x:c r="B2"/><x:c r="C2"><x:v>3</x:v></x:c><x:c r="D2" s="1" t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c></x:row>' +
        '<x:row r="3"><x:c r="A3"><x:v>4</x:v></x:c><x:c r="D3"><x:v>61.5</x:v></x:c></x:row>' +
        "<x:row><x:c><x:v>5</x:v></x:c></x:row>" +
        '<x:row r="5"><x:c r="D5"><x:v>7</x:v></x:c></x:row>' +
        '</x:sheetData><x:pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/></x:worksheet>',
    );
    expect([edit.firstRow, edit.lastRow, edit.firstCol, edit.lastCol]).toEqual([2, 5, 4, 4]);
    expect(widenDimension(edit.xml, edit)).toContain('<x:dimension ref="A1:D5"/>');
  });

  it("fills a self-closing sheetData and a self-closing row, removing the old cells of the columns", () => {
    const empty = `<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`;
    expect(replaceOwnedCells(empty, exceljs, { headerRow: 3, columns: [4], mapping: identity }).xml).toBe(
      `<worksheet xmlns="${MAIN}"><sheetData><row r="3"><c r="D3"><v>61.5</v></c></row><row r="5"><c r="D5"><v>7</v></c></row></sheetData></worksheet>`,
    );
    const old = `<worksheet xmlns="${MAIN}"><sheetData><row r="3" ht="20" customHeight="1"/><row r="4"><c r="D4"><f>1+1</f><v>2</v></c><c r="E4"><v>9</v></c></row></sheetData></worksheet>`;
    const edit = replaceOwnedCells(old, exceljs, { headerRow: 3, columns: [4], mapping: identity });
    expect(edit.xml).toBe(
      `<worksheet xmlns="${MAIN}"><sheetData><row r="3" ht="20" customHeight="1"><c r="D3"><v>61.5</v></c></row><row r="4"><c r="E4"><v>9</v></c></row><row r="5"><c r="D5"><v>7</v></c></row></sheetData></worksheet>`,
    );
    expect(edit.formulas).toBe(true);
  });

  it("splits column ranges around Rapport's columns and keeps the others' definitions", () => {
    const xml = `<worksheet xmlns="${MAIN}"><cols><col min="1" max="3" width="0" hidden="1" customWidth="1"/><col min="4" max="1024" width="11" style="2"/></cols><sheetData/></worksheet>`;
    const defs = new Map([
      [2, ' width="8" customWidth="1"'],
      [5, ' width="90" customWidth="1"'],
    ]);
    expect(setColumns(xml, defs)).toBe(
      `<worksheet xmlns="${MAIN}"><cols><col min="1" max="1" width="0" hidden="1" customWidth="1"/><col min="2" max="2" width="8" customWidth="1"/><col min="3" max="3" width="0" hidden="1" customWidth="1"/><col min="4" max="4" width="11" style="2"/><col min="5" max="5" width="90" customWidth="1"/><col min="6" max="1024" width="11" style="2"/></cols><sheetData/></worksheet>`,
    );
    const bare = `<x:worksheet xmlns:x="${MAIN}"><x:sheetFormatPr defaultRowHeight="15"/><x:sheetData/></x:worksheet>`;
    expect(setColumns(bare, new Map([[3, ' width="8"']]))).toBe(
      `<x:worksheet xmlns:x="${MAIN}"><x:sheetFormatPr defaultRowHeight="15"/><x:cols><x:col min="3" max="3" width="8"/></x:cols><x:sheetData/></x:worksheet>`,
    );
  });

  it("puts a new child where the schema wants it, looking inside mc:AlternateContent", () => {
    const xml =
      `<worksheet xmlns="${MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><sheetData/><pageMargins/><drawing r:id="rId1"/>` +
      '<mc:AlternateContent><mc:Choice Requires="x14"><controls/></mc:Choice></mc:AlternateContent><tableParts count="0"/><extLst/></worksheet>';
    const out = insertWorksheetChild(xml, "legacyDrawing", '<legacyDrawing r:id="rId9"/>');
    expect(out).toContain('<drawing r:id="rId1"/><legacyDrawing r:id="rId9"/><mc:AlternateContent>');
  });
});

describe("formats", () => {
  const exceljs =
    `<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>` +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b val="1"/><sz val="11.0"/><color rgb="ff000000"/><name val="Calibri"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment horizontal="center"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
    '<dxfs count="1"><dxf><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></dxf></dxfs></styleSheet>';

  it("reuses the original's equivalent entries and appends the rest, creating missing sections in order", () => {
    const original =
      `<x:styleSheet xmlns:x="${MAIN}"><x:numFmts count="1"><x:numFmt numFmtId="170" formatCode="0.0"/></x:numFmts>` +
      '<x:fonts count="2"><x:font><x:sz val="12"/><x:name val="宋体"/></x:font><x:font><x:b/><x:color rgb="FF000000"/><x:sz val="11"/><x:name val="Calibri"/></x:font></x:fonts>' +
      '<x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills>' +
      '<x:borders count="1"><x:border/></x:borders><x:cellXfs count="2"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><x:xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="3"/></x:cellXfs>' +
      '<x:cellStyles count="1"><x:cellStyle name="Normal" xfId="0" builtinId="0"/></x:cellStyles><x:tableStyles count="0"/></x:styleSheet>';
    const styles = new StyleImporter(original, exceljs);
    expect(styles.xf(0)).toBe(0); // exceljs's default: the original's default font
    expect(styles.xf(2)).toBe(1); // bold Calibri 11 exists (written differently)
    expect(styles.xf(1)).toBe(2); // a new format
    expect(styles.dxf(0)).toBe(0);
    const out = styles.result();
    expect(out).toContain(
      '<x:numFmts count="2"><x:numFmt numFmtId="170" formatCode="0.0"/><x:numFmt numFmtId="171" formatCode="yyyy-mm-dd"/></x:numFmts>',
    );
    expect(out).toContain(
      '<x:xf numFmtId="170" fontId="1" fillId="0" borderId="0" applyNumberFormat="1"><x:alignment horizontal="center"/></x:xf></x:cellXfs>',
    );
    expect(out).toContain(
      '</x:cellStyles><x:dxfs count="1"><x:dxf><x:numFmt numFmtId="171" formatCode="yyyy-mm-dd"/></x:dxf></x:dxfs><x:tableStyles',
    );
    // The same formats imported into the result find what the first import appended.
    const again = new StyleImporter(out, exceljs);
    expect([again.xf(0), again.xf(1), again.xf(2), again.dxf(0)]).toEqual([0, 2, 1, 0]);
    expect(again.result()).toBe(out);
  });

  it("leaves a styles part untouched when nothing new is needed", () => {
    const styles = new StyleImporter(exceljs, exceljs);
    expect([styles.xf(1), styles.xf(2), styles.dxf(0)]).toEqual([1, 2, 0]);
    expect(styles.result()).toBe(exceljs);
  });
});

describe("package plumbing", () => {
  it("resolves and writes relationship targets", () => {
    expect(resolveTarget("xl/worksheets/sheet1.xml", "../comments1.xml")).toBe("xl/comments1.xml");
    expect(resolveTarget("xl/workbook.xml", "/xl/worksheets/sheet2.xml")).toBe("xl/worksheets/sheet2.xml");
    expect(relativeTarget("xl/worksheets/sheet1.xml", "xl/drawings/vmlDrawing2.vml")).toBe(
      "../drawings/vmlDrawing2.vml",
    );
    expect(relativeTarget("xl/workbook.xml", "xl/worksheets/sheet3.xml")).toBe("worksheets/sheet3.xml");
  });

  it("types new parts by Override, a new extension by Default, and drops the Override of a removed part", () => {
    const ct =
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/calcChain.xml" ContentType="c"/></Types>';
    let out = setContentType(ct, "xl/comments2.xml", "comments");
    out = setContentType(out, "xl/drawings/vmlDrawing2.vml", "vml");
    out = setContentType(out, "xl/drawings/vmlDrawing3.vml", "vml");
    out = removeOverride(out, "xl/calcChain.xml");
    expect(out).toBe(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="vml"/><Override PartName="/xl/comments2.xml" ContentType="comments"/></Types>',
    );
    expect(contentTypeOf(out, "xl/drawings/vmlDrawing3.vml")).toBe("vml");
  });
});

describe("Strict Open XML for exceljs", () => {
  const STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships";
  const TRANSITIONAL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const rels = (type: string) =>
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${type}/comments" Target="../comments1.xml"/><Relationship Id="rId2" Type='${type}/extendedProperties' Target="x"/><Relationship Id="rId3" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="t"/></Relationships>`;

  it("makes the relationship types transitional and leaves everything else", () => {
    expect(transitionalRels(rels(STRICT))).toBe(
      rels(TRANSITIONAL).replace(`${TRANSITIONAL}/extendedProperties`, `${TRANSITIONAL}/extended-properties`),
    );
    expect(transitionalRels(rels(TRANSITIONAL))).toBe(rels(TRANSITIONAL));
  });

  it("gives a transitional package back as it is, and a Strict one with only its relationships changed", async () => {
    const make = async (type: string) => {
      const zip = new JSZip();
      zip.file("xl/worksheets/sheet1.xml", `<worksheet xmlns:r="${STRICT}"/>`);
      zip.file("xl/worksheets/_rels/sheet1.xml.rels", rels(type));
      return zip.generateAsync({ type: "uint8array" });
    };
    const transitional = await make(TRANSITIONAL);
    expect(await forExceljs(transitional)).toBe(transitional);
    const zip = await JSZip.loadAsync(await forExceljs(await make(STRICT)));
    expect(await zip.file("xl/worksheets/_rels/sheet1.xml.rels")?.async("string")).toBe(transitionalRels(rels(STRICT)));
    expect(await zip.file("xl/worksheets/sheet1.xml")?.async("string")).toBe(`<worksheet xmlns:r="${STRICT}"/>`);
  });
});

describe("docProps/app.xml", () => {
  const app = (groups: [string, string[]][], extra = "") => {
    const pairs = groups
      .map(
        ([g, t]) =>
          `<vt:variant><vt:lpstr>${g}</vt:lpstr></vt:variant><vt:variant><vt:i4>${t.length}</vt:i4></vt:variant>`,
      )
      .join("");
    const titles = groups.flatMap(([, t]) => t).map((t) => `<vt:lpstr>${t}</vt:lpstr>`);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      `<Application>Microsoft Excel</Application><HeadingPairs><vt:vector size="${groups.length * 2}" baseType="variant">${pairs}</vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="${titles.length}" baseType="lpstr">${titles.join("")}</vt:vector></TitlesOfParts>${extra}<AppVersion>16.0300</AppVersion></Properties>`
    );
  };

  it("adds sheets at the end of the worksheets group, before the named ranges, in any language", () => {
    const before = app([
      ["Worksheets", ["甲", "R&amp;D"]],
      ["Named Ranges", ["Print_Titles"]],
    ]);
    expect(addSheetTitles(before, ["甲", "R&D"], ["客户分级目录", "A&B"])).toBe(
      app([
        ["Worksheets", ["甲", "R&amp;D", "客户分级目录", "A&amp;B"]],
        ["Named Ranges", ["Print_Titles"]],
      ]),
    );
    expect(addSheetTitles(app([["工作表", ["Sheet1"]]]), ["Sheet1"], ["回访计划"])).toBe(
      app([["工作表", ["Sheet1", "回访计划"]]]),
    );
  });

  it("leaves a list it cannot place the sheets in: out of date, inconsistent, or nothing added", () => {
    const two = app([["Worksheets", ["甲", "乙"]]]);
    expect(addSheetTitles(two, ["甲", "乙", "丙"], ["回访计划"])).toBeUndefined();
    expect(addSheetTitles(two, ["乙", "甲"], ["回访计划"])).toBeUndefined();
    expect(addSheetTitles(two, ["甲", "乙"], [])).toBeUndefined();
    expect(
      addSheetTitles(two.replace('size="2" baseType="lpstr"', 'size="3" baseType="lpstr"'), ["甲", "乙"], ["x"]),
    ).toBeUndefined();
    expect(addSheetTitles(two.replace(/<HeadingPairs>.*<\/HeadingPairs>/, ""), ["甲", "乙"], ["x"])).toBeUndefined();
  });
});
