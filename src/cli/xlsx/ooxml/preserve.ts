import { listAddedSheets } from "./app-properties";
import { columnLetters, sharedStrings, type CellMapping } from "./cells";
import { CONTENT_TYPES, PackageEditor } from "./editor";
import { exceljsNotes, noteShapeType, writeNotes } from "./notes";
import {
  addRelationship,
  freeRelId,
  isRel,
  parseRels,
  relativeTarget,
  relsPartOf,
  removeRelationship,
  resolveTarget,
} from "./rels";
import { StyleImporter, type Formats } from "./styles";
import { readExceljsOutput, transplantSheet } from "./transplant";
import { readWorkbook, relType } from "./workbook";
import { columnDefinitions, replaceOwnedCells, setColumns, widenDimension } from "./worksheet";
import { escapeAttr } from "./xml";
import { Package } from "./zip";

/** What of exceljs's output is Rapport's, to be moved into the original package. */
export interface PreserveOptions {
  /** Rapport's columns on the customer sheet: their cells from the header row down, widths and header notes. */
  customer?: {
    sheet: string;
    headerRow: number;
    columns: readonly number[];
    /** Whether the header cells carry Rapport's note (exceljs wrote it). */
    notes: boolean;
    /** Each column's width, for those exceljs leaves out of its `<cols>` (it omits its default width, 9). */
    widths?: readonly (number | undefined)[];
  };
  /** Rapport's own sheets, written whole. */
  ownedSheets: readonly string[];
}

const IDENTITY: Formats = { xf: (i) => i, dxf: (i) => i };

/**
 * The original package with Rapport's parts taken from exceljs's output of the same workbook: every other part
 * of the original stays byte for byte, so what exceljs does not model (pivot tables, charts, threaded comments,
 * x14 validations, custom properties…) is kept.
 */
export async function preservingCopy(
  original: Uint8Array,
  exceljsOutput: Uint8Array,
  options: PreserveOptions,
): Promise<Buffer> {
  const pkg = await Package.load(original);
  const editor = await new PackageEditor(pkg).open();
  const exceljs = await readExceljsOutput(await Package.load(exceljsOutput));
  const exWorkbook = await readWorkbook(exceljs.pkg);
  const exPart = (kind: "styles" | "sharedStrings") => {
    const rel = exWorkbook.rels.find((r) => isRel(r, kind) && !r.external);
    return rel ? exceljs.pkg.find(resolveTarget(exWorkbook.part, rel.target)) : undefined;
  };
  const exStyles = exPart("styles");
  const exStrings = exPart("sharedStrings");

  const wb = editor.workbook;
  let wbXml = wb.xml;
  const wbRelsName = editor.pkg.find(wb.relsPart);
  let wbRels = wbRelsName ? await editor.text(wbRelsName) : undefined;

  // Formats: the original's styles part gains what Rapport's cells need; a package without one takes exceljs's.
  const stylesRel = wb.rels.find((r) => isRel(r, "styles") && !r.external);
  const stylesPart = stylesRel ? editor.pkg.find(resolveTarget(wb.part, stylesRel.target)) : undefined;
  let importer: StyleImporter | undefined;
  let formats: Formats = IDENTITY;
  if (exStyles && stylesPart) {
    importer = new StyleImporter(await editor.text(stylesPart), await exceljs.pkg.text(exStyles));
    formats = importer;
  } else if (exStyles) {
    const part = editor.allocate(editor.folder, "styles", ".xml");
    editor.write(part, await exceljs.pkg.text(exStyles), CONTENT_TYPES.styles);
    const rels = wb.rels;
    wbRels = addRelationship(wbRels, {
      id: freeRelId(rels),
      type: relType("styles", editor.flavor),
      target: relativeTarget(wb.part, part),
      external: false,
    });
  }
  const mapping: CellMapping = {
    xf: (i) => formats.xf(i),
    strings: sharedStrings(exStrings ? await exceljs.pkg.text(exStrings) : undefined),
  };

  let formulas = false;
  const customer = options.customer;
  if (customer && customer.columns.length) {
    const sheet = wb.sheets.find((s) => s.name === customer.sheet);
    const exSheet = exceljs.sheets.find((s) => s.name === customer.sheet);
    const part = sheet ? editor.pkg.find(sheet.part) : undefined;
    if (!part || !exSheet) throw new Error(`worksheet ${customer.sheet} not found in the package`);
    const exXml = await exceljs.pkg.text(exSheet.part);
    const edit = replaceOwnedCells(await editor.text(part), exXml, {
      headerRow: customer.headerRow,
      columns: customer.columns,
      mapping,
    });
    formulas ||= edit.formulas;
    let xml = edit.xml;

    const widths = columnDefinitions(exXml);
    const defs = new Map<number, string>();
    customer.columns.forEach((c, i) => {
      const a = widths.get(c);
      const width = customer.widths?.[i];
      if (!a) {
        if (width !== undefined) defs.set(c, ` width="${width}" customWidth="1"`);
        return;
      }
      let text = "";
      for (const [name, value] of a) {
        if (name === "min" || name === "max") continue;
        text += ` ${name}="${escapeAttr(name === "style" ? String(formats.xf(Number(value))) : value)}"`;
      }
      defs.set(c, text);
    });
    xml = setColumns(xml, defs);
    xml = widenDimension(xml, edit);

    if (customer.notes) {
      const exRelsName = exceljs.pkg.find(relsPartOf(exSheet.part));
      const exRels = exRelsName ? parseRels(await exceljs.pkg.text(exRelsName)) : [];
      const target = (kind: "comments" | "vmlDrawing") => {
        const rel = exRels.find((r) => isRel(r, kind) && !r.external);
        return rel ? exceljs.pkg.find(resolveTarget(exSheet.part, rel.target)) : undefined;
      };
      const comments = target("comments");
      const vml = target("vmlDrawing");
      if (!comments || !vml) throw new Error("exceljs wrote no notes for Rapport's columns");
      const vmlXml = await exceljs.pkg.text(vml);
      const refs = customer.columns.map((c) => `${columnLetters(c)}${customer.headerRow}`);
      const notes = exceljsNotes(await exceljs.pkg.text(comments), vmlXml, refs);
      xml = await writeNotes(editor, part, xml, notes, noteShapeType(vmlXml));
    }
    editor.write(part, xml);
  }

  const sheetsBefore = [...wb.sheets];
  for (const name of options.ownedSheets) {
    const result = await transplantSheet(editor, exceljs, name, mapping, formats, { xml: wbXml, rels: wbRels });
    wbXml = result.xml;
    wbRels = result.rels;
    formulas ||= result.formulas;
  }
  await listAddedSheets(editor, sheetsBefore);
  if (importer && stylesPart) editor.write(stylesPart, importer.result());

  // Excel reports a workbook whose calculation chain names cells without formulas as damaged; it rebuilds one.
  const calcChain = wb.rels.find((r) => isRel(r, "calcChain") && !r.external);
  if (formulas && calcChain && wbRels !== undefined) {
    wbRels = removeRelationship(wbRels, calcChain.id);
    editor.remove(resolveTarget(wb.part, calcChain.target));
  }
  editor.write(wb.part, wbXml);
  if (wbRels !== undefined) editor.write(wbRelsName ?? wb.relsPart, wbRels);
  editor.finish();
  return pkg.write();
}
