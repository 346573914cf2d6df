import { convertCell, hasFormula, type CellMapping } from "./cells";
import { CONTENT_TYPES, type PackageEditor } from "./editor";
import { freeIdMap, renumberVml, usedIdMaps } from "./notes";
import { contentTypeOf, CONTENT_TYPES_PART } from "./content-types";
import {
  addRelationship,
  folderOf,
  freeRelId,
  newRelsXml,
  parseRels,
  relativeTarget,
  relsPartOf,
  resolveTarget,
  type Relationship,
} from "./rels";
import type { Formats } from "./styles";
import { appendSheet, readWorkbook, relType, toFlavor, type SheetEntry } from "./workbook";
import { readRows } from "./worksheet";
import { attr, attributes, childrenOf, openTag, removeAttr, rootElement, setAttr, splice } from "./xml";
import type { Package } from "./zip";

/**
 * Rapport's own sheets (客户分级目录, 回访计划) moved from exceljs's output into the original package: the sheet with
 * its tables, comments and VML, formats and strings made the original's own. A previous sheet of the same name is
 * replaced in place (same position, part and relationship id) and its parts nobody else uses are removed; a new
 * one is appended to the sheet list.
 */

/** exceljs's output, read once. */
export interface ExceljsOutput {
  pkg: Package;
  sheets: SheetEntry[];
  contentTypes: string;
}

export async function readExceljsOutput(pkg: Package): Promise<ExceljsOutput> {
  const wb = await readWorkbook(pkg);
  return { pkg, sheets: wb.sheets, contentTypes: await pkg.text(CONTENT_TYPES_PART) };
}

const DXF_ATTRS = [
  "dxfId",
  "headerRowDxfId",
  "dataDxfId",
  "totalsRowDxfId",
  "headerRowBorderDxfId",
  "tableBorderDxfId",
  "totalsRowBorderDxfId",
];

/** Every `dxfId`-like attribute of the XML's tags mapped to the original's dxfs. */
function mapDxfIds(xml: string, styles: Formats): string {
  return xml.replace(/<[^!?/][^>]*\b(?:[a-zA-Z]*DxfId|dxfId)\s*=\s*["'][^>]*>/g, (tag) => {
    let out = tag;
    const a = attributes(tag);
    for (const name of DXF_ATTRS) {
      const v = a.get(name);
      if (v !== undefined) out = setAttr(out, name, String(styles.dxf(Number(v))));
    }
    return out;
  });
}

/** An exceljs worksheet made the original's: cells, row and column formats, conditional formats; no tab selected. */
function convertSheet(xml: string, mapping: CellMapping, styles: Formats): string {
  const root = rootElement(xml);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const child of childrenOf(xml, root)) {
    if (child.local === "sheetData") {
      for (const row of readRows(xml, child)) {
        const rowTag = openTag(xml, row.el);
        const s = attr(rowTag, "s");
        if (s !== undefined)
          edits.push({
            start: row.el.start,
            end: row.el.openEnd,
            text: setAttr(rowTag, "s", String(mapping.xf(Number(s)))),
          });
        for (const c of row.cells) {
          edits.push({ start: c.el.start, end: c.el.end, text: convertCell(xml.slice(c.el.start, c.el.end), mapping) });
        }
      }
    } else if (child.local === "cols") {
      for (const col of childrenOf(xml, child)) {
        const tag = openTag(xml, col);
        const style = attributes(tag).get("style");
        if (style !== undefined)
          edits.push({
            start: col.start,
            end: col.openEnd,
            text: setAttr(tag, "style", String(mapping.xf(Number(style)))),
          });
      }
    } else if (child.local === "sheetViews") {
      const inner = xml.slice(child.start, child.end);
      // No tab selected (the workbook's own stays so). exceljs reads a sheet back with the default zoom written
      // out; dropped, so a sheet written again from Rapport's own output comes out the same.
      const text = inner.replace(/<sheetView\b[^>]*>/g, (tag) => {
        let out = removeAttr(tag, "tabSelected");
        for (const zoom of ["zoomScale", "zoomScaleNormal"])
          if (attributes(out).get(zoom) === "100") out = removeAttr(out, zoom);
        return out;
      });
      if (text !== inner) edits.push({ start: child.start, end: child.end, text });
    } else if (child.local === "pageSetup") {
      // exceljs reads a page setup back with copies="1", the default; dropped for the same reason.
      const tag = openTag(xml, child);
      if (attributes(tag).get("copies") === "1")
        edits.push({ start: child.start, end: child.openEnd, text: removeAttr(tag, "copies") });
    } else if (child.local === "conditionalFormatting") {
      edits.push({ start: child.start, end: child.end, text: mapDxfIds(xml.slice(child.start, child.end), styles) });
    }
  }
  return splice(xml, edits);
}

/** The ids of the tables in the package (they must be unique in a workbook). */
async function tableIds(editor: PackageEditor): Promise<Set<number>> {
  const ids = new Set<number>();
  for (const name of editor.liveNames()) {
    if (!name.endsWith(".xml") || !/table\+xml$/.test(editor.typeOf(name) ?? "")) continue;
    const xml = await editor.text(name);
    const id = attributes(openTag(xml, rootElement(xml))).get("id");
    if (id) ids.add(Number(id));
  }
  return ids;
}

interface CopyContext {
  editor: PackageEditor;
  exceljs: ExceljsOutput;
  styles: Formats;
  takenTableIds: Set<number>;
  takenIdMaps: Set<number>;
}

/** `xl/tables/table1.xml` of exceljs → a free name in the same folder of the original (`xl/` being its folder). */
function targetName(editor: PackageEditor, source: string): string {
  const folder = editor.folder + folderOf(source).replace(/^xl\//, "");
  const file = source.slice(source.lastIndexOf("/") + 1);
  const m = /^(.*?)(\d*)(\.[^.]*)$/.exec(file);
  return editor.allocate(folder, m ? m[1] : file, m ? m[3] : "");
}

/** Copies a part exceljs wrote (and the parts it refers to) into the original package; returns its new name. */
async function copyPart(ctx: CopyContext, source: string): Promise<string> {
  const { editor, exceljs } = ctx;
  const name = targetName(editor, source);
  const type = contentTypeOf(exceljs.contentTypes, source);
  let content: string | Uint8Array = await exceljs.pkg.bytes(source);
  if (type?.endsWith("table+xml")) {
    let xml = await exceljs.pkg.text(source);
    const root = rootElement(xml);
    let id = 1;
    while (ctx.takenTableIds.has(id)) id++;
    ctx.takenTableIds.add(id);
    xml = splice(xml, [{ start: root.start, end: root.openEnd, text: setAttr(openTag(xml, root), "id", String(id)) }]);
    content = toFlavor(mapDxfIds(xml, ctx.styles), editor.flavor);
  } else if (type === CONTENT_TYPES.vmlDrawing) {
    const idmap = freeIdMap(ctx.takenIdMaps);
    ctx.takenIdMaps.add(idmap);
    content = renumberVml(await exceljs.pkg.text(source), idmap);
  } else if (type?.endsWith("+xml")) {
    content = toFlavor(await exceljs.pkg.text(source), editor.flavor);
  }
  await copyRels(ctx, source, name);
  editor.write(name, content, type);
  return name;
}

/** The relationships of an exceljs part, pointing at the copies of their targets. */
async function copyRels(ctx: CopyContext, source: string, target: string): Promise<void> {
  const rels = ctx.exceljs.pkg.find(relsPartOf(source));
  if (!rels) return;
  const out: Relationship[] = [];
  for (const r of parseRels(await ctx.exceljs.pkg.text(rels))) {
    const type = toFlavor(r.type, ctx.editor.flavor);
    if (r.external) out.push({ ...r, type });
    else out.push({ ...r, type, target: relativeTarget(target, await copyPart(ctx, resolveTarget(source, r.target))) });
  }
  ctx.editor.write(relsPartOf(target), newRelsXml(out));
}

export interface TransplantResult {
  formulas: boolean;
}

/**
 * Puts exceljs's sheet `name` into the original package. `workbookXml`/`workbookRels` are edited in memory and
 * returned, for the caller to write once.
 */
export async function transplantSheet(
  editor: PackageEditor,
  exceljs: ExceljsOutput,
  name: string,
  mapping: CellMapping,
  styles: Formats,
  workbook: { xml: string; rels: string | undefined },
): Promise<TransplantResult & { xml: string; rels: string | undefined }> {
  const source = exceljs.sheets.find((s) => s.name === name);
  if (!source) throw new Error(`exceljs wrote no sheet ${name}`);
  let formulas = false;
  let { xml: wbXml, rels: wbRels } = workbook;
  const previous = editor.workbook.sheets.find((s) => s.name === name && s.part);
  let part: string;
  if (previous) {
    part = editor.pkg.find(previous.part) ?? previous.part;
    if (editor.pkg.has(part) && hasFormula(await editor.text(part))) formulas = true;
    await editor.removeTree(part);
  } else {
    part = editor.allocate(`${editor.folder}worksheets/`, "sheet", ".xml");
    const rels = wbRels === undefined ? [] : parseRels(wbRels);
    const id = freeRelId(rels);
    wbRels = addRelationship(wbRels, {
      id,
      type: relType("worksheet", editor.flavor),
      target: relativeTarget(editor.workbook.part, part),
      external: false,
    });
    const sheetId = Math.max(0, ...editor.workbook.sheets.map((s) => s.sheetId)) + 1;
    editor.workbook.sheets.push({ name, sheetId, relId: id, part });
    wbXml = appendSheet(wbXml, name, sheetId, id);
  }

  const ctx: CopyContext = {
    editor,
    exceljs,
    styles,
    takenTableIds: await tableIds(editor),
    takenIdMaps: await usedIdMaps(editor),
  };
  const xml = toFlavor(convertSheet(await exceljs.pkg.text(source.part), mapping, styles), editor.flavor);
  if (hasFormula(xml)) formulas = true;
  await copyRels(ctx, source.part, part);
  editor.write(part, xml, CONTENT_TYPES.worksheet);
  return { formulas, xml: wbXml, rels: wbRels };
}
