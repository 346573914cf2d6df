import JSZip from "jszip";
import { readFile } from "node:fs/promises";

/**
 * Test helpers that look at workbooks as packages (zip entries and XML text), below what exceljs shows: a
 * customer sheet added to a real-world workbook by editing its zip (every other byte left as it was), and the
 * pieces a comparison needs.
 */

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships";

export const CUSTOMER_SHEET = "客户";
/** exceljs finds worksheets by their part name (`sheetN.xml`). */
export const CUSTOMER_PART_NAME = "sheet99.xml";

/** Title row, header row, customers; text as inline strings (this helper does not touch sharedStrings). */
export const CUSTOMER_ROWS: (string | number)[][] = [
  ["客户档案"],
  ["客户编号", "客户名称", "联系人", "联系电话", "购买日期", "月均购买额", "客户满意度", "付款态度", "负责人"],
  ["K001", "甲公司", "张三", "13800000001", "2026-07-06", 50000, "满意", "及时", "王芳"],
  ["K002", "乙公司", "李四", "13800000002", "2026-01-10", 20000, "一般", "拖延", "王芳"],
  ["K003", "丙公司", "王五", "13800000003", "2025-12-08", 90000, "非常满意", "及时", "李强"],
  ["K004", "丁公司", "赵六", "13800000004", "2026-06-20", 8000, "不满意", "拖延", "李强"],
];

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const letter = (i: number) => String.fromCharCode(65 + i);

export interface InjectOptions {
  /** An Excel 2010 (x14) list validation on the sheet, reading its list from another sheet. */
  x14ListFrom?: string;
}

/** The customer sheet's XML: widths with a hidden column, a merged title, a validation, an outline row. */
export function customerSheetXml(strict: boolean, options: InjectOptions = {}): string {
  const main = strict ? STRICT_MAIN_NS : MAIN_NS;
  const rel = strict ? STRICT_REL_NS : REL_NS;
  const rows = CUSTOMER_ROWS.map((cells, r) => {
    const row = r + 1;
    const xml = cells
      .map((v, c) =>
        typeof v === "number"
          ? `<c r="${letter(c)}${row}"><v>${v}</v></c>`
          : `<c r="${letter(c)}${row}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`,
      )
      .join("");
    return `<row r="${row}">${xml}</row>`;
  }).join("");
  const x14 = options.x14ListFrom
    ? '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
      '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
      '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1">' +
      `<x14:formula1><xm:f>'${esc(options.x14ListFrom.replace(/'/g, "''"))}'!$A$1:$A$3</xm:f></x14:formula1>` +
      "<xm:sqref>H3:H100</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
    : "";
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${main}" xmlns:r="${rel}">` +
    '<dimension ref="A1:I6"/>' +
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="1"/>' +
    '<cols><col min="1" max="2" width="14" customWidth="1"/><col min="4" max="4" width="0" hidden="1" customWidth="1"/>' +
    '<col min="5" max="16384" width="11"/></cols>' +
    `<sheetData>${rows}<row r="9" outlineLevel="1" hidden="1"/></sheetData>` +
    '<mergeCells count="1"><mergeCell ref="A1:I1"/></mergeCells>' +
    '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="G3:G100">' +
    "<formula1>&quot;非常满意,满意,一般,不满意&quot;</formula1></dataValidation></dataValidations>" +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `${x14}</worksheet>`
  );
}

/** The workbook part of a package, through its root relationships. */
async function workbookPartOf(zip: JSZip): Promise<string> {
  const rels = (await zip.file("_rels/.rels")?.async("string")) ?? "";
  const m = /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(rels);
  const target = m ? (/Target="([^"]*)"/.exec(m[0])?.[1] ?? "") : "xl/workbook.xml";
  return target.replace(/^\//, "");
}

/** The names of a workbook's sheets, in order. */
export function sheetNames(workbookXml: string): string[] {
  return [...workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) =>
    m[1]
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'"),
  );
}

/** The names of the sheets that are not very hidden (those Excel lists in docProps/app.xml), in order. */
export function visibleSheetNames(workbookXml: string): string[] {
  const tags = [...workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => m[0]);
  const names = sheetNames(workbookXml);
  return names.filter((_, i) => !/\bstate="veryHidden"/.test(tags[i]));
}

/** The sheet names docProps/app.xml lists in its first group (Excel's worksheets), or undefined. */
export function listedSheets(appXml: string): string[] | undefined {
  const count =
    /<HeadingPairs>\s*<vt:vector\b[^>]*>\s*<vt:variant>\s*<vt:lpstr>[^<]*<\/vt:lpstr>\s*<\/vt:variant>\s*<vt:variant>\s*<vt:i4>(\d+)<\/vt:i4>/.exec(
      appXml,
    )?.[1];
  const titles = /<TitlesOfParts>\s*<vt:vector\b[^>]*>([\s\S]*?)<\/vt:vector>/.exec(appXml)?.[1];
  if (count === undefined || titles === undefined) return undefined;
  return sheetNames(titles.replace(/<vt:lpstr>([^<]*)<\/vt:lpstr>/g, '<sheet name="$1"/>')).slice(0, Number(count));
}

/**
 * docProps/app.xml with `name` added to its first group when that lists `before` (as Excel writes it, with `vt:`
 * vectors; any other layout gives undefined). Written apart from Rapport's own code on purpose: it prepares inputs.
 */
function listSheet(appXml: string, before: string[], name: string): string | undefined {
  const listed = listedSheets(appXml);
  if (!listed || listed.join("\n") !== before.join("\n") || !before.length) return undefined;
  const titles =
    /(<TitlesOfParts>\s*<vt:vector\b[^>]*size=")(\d+)("[^>]*>)((?:\s*<vt:lpstr>[^<]*<\/vt:lpstr>){0,10000})/.exec(
      appXml,
    );
  if (!titles) return undefined;
  const items = [...titles[4].matchAll(/<vt:lpstr>[^<]*<\/vt:lpstr>/g)];
  const last = items[before.length - 1];
  const at =
    (titles.index ?? 0) + titles[1].length + titles[2].length + titles[3].length + (last.index ?? 0) + last[0].length;
  let out = `${appXml.slice(0, at)}<vt:lpstr>${esc(name)}</vt:lpstr>${appXml.slice(at)}`;
  out = out.replace(
    /(<TitlesOfParts>\s*<vt:vector\b[^>]*size=")(\d+)"/,
    (_, head: string, n: string) => `${head}${Number(n) + 1}"`,
  );
  return out.replace(
    /(<HeadingPairs>\s*<vt:vector\b[^>]*>\s*<vt:variant>\s*<vt:lpstr>[^<]*<\/vt:lpstr>\s*<\/vt:variant>\s*<vt:variant>\s*<vt:i4>)(\d+)/,
    (_, head: string, n: string) => `${head}${Number(n) + 1}`,
  );
}

/**
 * The workbook with a customer sheet 客户 added at the end: a new worksheet part, its relationship, its content
 * type and its entry in the sheet list, and in docProps/app.xml's list of sheets when it is one Excel wrote that
 * lists the others. Nothing else changes.
 */
export async function injectCustomerSheet(data: Uint8Array, options: InjectOptions = {}): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  const wbPart = await workbookPartOf(zip);
  const folder = wbPart.slice(0, wbPart.lastIndexOf("/") + 1);
  const relsPart = `${folder}_rels/${wbPart.slice(folder.length)}.rels`;
  let wb = (await zip.file(wbPart)?.async("string")) ?? "";
  let rels = (await zip.file(relsPart)?.async("string")) ?? "";
  let ct = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  const strict = wb.includes(STRICT_MAIN_NS);
  const rel = strict ? STRICT_REL_NS : REL_NS;
  const ids = [...wb.matchAll(/sheetId="(\d+)"/g)].map((m) => Number(m[1]));
  const sheetId = Math.max(0, ...ids) + 1;
  const part = `${folder}worksheets/${CUSTOMER_PART_NAME}`;
  const first = options.x14ListFrom ?? sheetNames(wb)[0];
  zip.file(part, customerSheetXml(strict, { ...options, x14ListFrom: first }));
  rels = rels.replace(
    /<\/(\w+:)?Relationships>/,
    (close) =>
      `<Relationship Id="rIdCustomers" Type="${rel}/worksheet" Target="worksheets/${CUSTOMER_PART_NAME}"/>${close}`,
  );
  const rPrefix =
    /xmlns:(\w+)="http:\/\/(?:schemas\.openxmlformats\.org\/officeDocument\/2006|purl\.oclc\.org\/ooxml\/officeDocument)\/relationships"/.exec(
      wb.slice(0, wb.indexOf(">", wb.indexOf("<workbook")) + 1),
    )?.[1];
  const idAttr = rPrefix ? `${rPrefix}:id="rIdCustomers"` : `xmlns:r="${rel}" r:id="rIdCustomers"`;
  wb = wb.replace(
    /<\/(\w+:)?sheets>/,
    (close, p: string | undefined) =>
      `<${p ?? ""}sheet name="${CUSTOMER_SHEET}" sheetId="${sheetId}" ${idAttr}/>${close}`,
  );
  ct = ct.replace(
    "</Types>",
    `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
  );
  zip.file(wbPart, wb);
  zip.file(relsPart, rels);
  zip.file("[Content_Types].xml", ct);
  const app = await zip.file("docProps/app.xml")?.async("string");
  const listed = app === undefined ? undefined : listSheet(app, visibleSheetNames(wb).slice(0, -1), CUSTOMER_SHEET);
  if (listed !== undefined) zip.file("docProps/app.xml", listed);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A package's parts: name → bytes, in order. */
export async function readParts(path: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) {
    if (!zip.files[name].dir) out.set(name, await zip.files[name].async("nodebuffer"));
  }
  return out;
}

export const text = (parts: Map<string, Buffer>, name: string): string => parts.get(name)?.toString("utf8") ?? "";

/** The package's workbook part. */
export async function workbookPart(path: string): Promise<string> {
  return workbookPartOf(await JSZip.loadAsync(await readFile(path)));
}

/** The `<c>` elements of a sheet by address, with the column letters of each. */
export function cellsOf(sheetXml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of sheetXml.matchAll(/<(?:\w+:)?c\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?c>)/g)) {
    const ref = /\br="([A-Z]+\d+)"/.exec(m[0])?.[1];
    if (ref) out.set(ref, m[0]);
  }
  return out;
}

/** The worksheet's top-level children other than sheetData, by local name (repeated ones joined). */
export function sheetChildren(sheetXml: string): Map<string, string> {
  const out = new Map<string, string>();
  const body = sheetXml.replace(/<(\w+:)?sheetData\b[\s\S]*?<\/(\w+:)?sheetData>|<(\w+:)?sheetData\/>/, "");
  const inner = body.slice(body.indexOf(">", body.indexOf("<worksheet")) + 1, body.lastIndexOf("</"));
  let depth = 0;
  let start = 0;
  let name = "";
  for (const m of inner.matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
    const [tag, close, qname, self] = m;
    const at = m.index ?? 0;
    if (!close && depth === 0) {
      start = at;
      name = qname.replace(/^\w+:/, "");
    }
    if (!close && !self) depth++;
    if (close) depth--;
    if (depth === 0) out.set(name, (out.get(name) ?? "") + inner.slice(start, at + tag.length));
  }
  return out;
}

/** The items of a styles section (fonts, fills, borders, cellXfs, dxfs, numFmts) as XML strings. */
export function styleItems(stylesXml: string, section: string): string[] {
  const m = new RegExp(`<(\\w+:)?${section}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(\\w+:)?${section}>)`).exec(stylesXml);
  if (!m || !m[2]) return [];
  const item = { numFmts: "numFmt", fonts: "font", fills: "fill", borders: "border", cellXfs: "xf", dxfs: "dxf" }[
    section
  ];
  return [...m[2].matchAll(new RegExp(`<(?:\\w+:)?${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</(?:\\w+:)?${item}>)`, "g"))].map(
    (x) => x[0],
  );
}

/** A package with some parts replaced (text or a function of the old text) or added; others keep their bytes. */
export async function editParts(
  data: Uint8Array,
  edits: Record<string, string | ((old: string) => string)>,
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  for (const [name, edit] of Object.entries(edits)) {
    const old = (await zip.file(name)?.async("string")) ?? "";
    zip.file(name, typeof edit === "string" ? edit : edit(old));
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
