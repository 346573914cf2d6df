import { columnLetters, convertCell, hasFormula, parseRef, type CellMapping } from "./cells";
import {
  attr,
  attributes,
  childrenOf,
  openTag,
  prefixElements,
  rootElement,
  setAttr,
  splice,
  type XmlElement,
} from "./xml";

/** The children of a worksheet, in the order the schema (CT_Worksheet) requires. */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** The schema name of a worksheet child; for mc:AlternateContent, the element it offers. */
function childKind(xml: string, el: XmlElement): string {
  if (el.local !== "AlternateContent") return el.local;
  const choice = childrenOf(xml, el)[0];
  const inner = choice ? childrenOf(xml, choice)[0] : undefined;
  return inner?.local ?? el.local;
}

/** Where a new child `local` goes among the worksheet's children: before the first that must follow it. */
export function childPosition(xml: string, local: string): number {
  const root = rootElement(xml);
  const rank = WORKSHEET_ORDER.indexOf(local);
  for (const child of childrenOf(xml, root)) {
    const r = WORKSHEET_ORDER.indexOf(childKind(xml, child));
    if (r > rank) return child.start;
  }
  return root.closeStart;
}

/** The worksheet with a new child element (written unprefixed; prefixed like the document's elements). */
export function insertWorksheetChild(xml: string, local: string, fragment: string): string {
  const root = rootElement(xml);
  const at = childPosition(xml, local);
  return splice(xml, [{ start: at, end: at, text: prefixElements(fragment, root.prefix) }]);
}

interface CellInfo {
  col: number;
  el: XmlElement;
  hasRef: boolean;
}

interface RowInfo {
  row: number;
  el: XmlElement;
  hasRef: boolean;
  cells: CellInfo[];
  /** Children of the row that are not cells (an extLst), kept after the cells. */
  others: XmlElement[];
}

/** The rows of a sheetData element; rows and cells without `r` take the number after the previous one. */
export function readRows(xml: string, sheetData: XmlElement): RowInfo[] {
  const rows: RowInfo[] = [];
  let previousRow = 0;
  for (const el of childrenOf(xml, sheetData)) {
    if (el.local !== "row") continue;
    const r = attr(openTag(xml, el), "r");
    const row = r ? Number(r) : previousRow + 1;
    previousRow = row;
    const cells: CellInfo[] = [];
    const others: XmlElement[] = [];
    let previousCol = 0;
    for (const c of childrenOf(xml, el)) {
      if (c.local !== "c") {
        others.push(c);
        continue;
      }
      const ref = attr(openTag(xml, c), "r");
      const col = ref ? (parseRef(ref)?.col ?? previousCol + 1) : previousCol + 1;
      previousCol = col;
      cells.push({ col, el: c, hasRef: Boolean(ref) });
    }
    rows.push({ row, el, hasRef: Boolean(r), cells, others });
  }
  return rows;
}

function sheetDataOf(xml: string): XmlElement {
  const el = childrenOf(xml, rootElement(xml)).find((c) => c.local === "sheetData");
  if (!el) throw new Error("the worksheet has no sheetData");
  return el;
}

export interface OwnedCellsEdit {
  xml: string;
  /** Whether a formula was removed or written, so the calculation chain must go. */
  formulas: boolean;
  /** The rows and columns now holding Rapport's cells. */
  lastRow: number;
  lastCol: number;
  firstRow: number;
  firstCol: number;
}

/**
 * Replaces the cells of Rapport's columns, from the header row down, with those exceljs wrote there; every other
 * cell, row and element of the sheet stays as written. Rows exceljs has and the sheet lacks are inserted in order.
 */
export function replaceOwnedCells(
  original: string,
  exceljs: string,
  options: { headerRow: number; columns: readonly number[]; mapping: CellMapping },
): OwnedCellsEdit {
  const owned = new Set(options.columns);
  const prefix = rootElement(original).prefix;
  const isOwned = (row: number, col: number) => row >= options.headerRow && owned.has(col);

  // Rapport's cells as exceljs wrote them, converted for the original package.
  const incoming = new Map<number, { col: number; xml: string }[]>();
  let formulas = false;
  let [firstRow, lastRow, firstCol, lastCol] = [Infinity, 0, Infinity, 0];
  for (const row of readRows(exceljs, sheetDataOf(exceljs))) {
    const cells = row.cells.filter((c) => isOwned(row.row, c.col));
    if (!cells.length) continue;
    incoming.set(
      row.row,
      cells.map((c) => {
        const converted = convertCell(exceljs.slice(c.el.start, c.el.end), options.mapping);
        const tagEnd = converted.indexOf(">") + 1;
        const ref = `${columnLetters(c.col)}${row.row}`;
        const tag = converted.slice(0, tagEnd);
        const cell = attr(tag, "r") === ref ? converted : setAttr(tag, "r", ref) + converted.slice(tagEnd);
        if (hasFormula(cell)) formulas = true;
        [firstRow, lastRow] = [Math.min(firstRow, row.row), Math.max(lastRow, row.row)];
        [firstCol, lastCol] = [Math.min(firstCol, c.col), Math.max(lastCol, c.col)];
        return { col: c.col, xml: prefixElements(cell, prefix) };
      }),
    );
  }

  const sheetData = sheetDataOf(original);
  const rows = readRows(original, sheetData);
  const rowTag = prefix ? `${prefix}:row` : "row";
  const waiting = [...incoming.keys()].sort((a, b) => a - b);
  let next = 0;
  /** The rows only exceljs has, numbered below `r`, as new row elements. */
  const pendingBefore = (r: number) => {
    let text = "";
    for (; next < waiting.length && waiting[next] < r; next++) {
      const n = waiting[next];
      text += `<${rowTag} r="${n}">${(incoming.get(n) ?? []).map((c) => c.xml).join("")}</${rowTag}>`;
    }
    if (next < waiting.length && waiting[next] === r) next++;
    return text;
  };

  const edits: { start: number; end: number; text: string }[] = [];
  for (const row of rows) {
    const before = pendingBefore(row.row);
    const hasOwned = row.cells.some((c) => isOwned(row.row, c.col));
    const cells = incoming.get(row.row);
    if (!before && !hasOwned && !cells) continue;
    if (!hasOwned && !cells) {
      // Rows were inserted before this one: its number must not depend on the row before it any more.
      let tag = openTag(original, row.el);
      if (!row.hasRef) tag = setAttr(tag, "r", String(row.row));
      edits.push({ start: row.el.start, end: row.el.openEnd, text: before + tag });
      continue;
    }
    for (const c of row.cells) {
      if (isOwned(row.row, c.col) && hasFormula(original.slice(c.el.start, c.el.end))) formulas = true;
    }
    const kept = row.cells.filter((c) => !isOwned(row.row, c.col));
    const merged: { col: number; xml: string }[] = [
      ...kept.map((c) => {
        const end = original.indexOf(">", c.el.start) + 1;
        const tag = original.slice(c.el.start, end);
        const ref = `${columnLetters(c.col)}${row.row}`;
        return { col: c.col, xml: (c.hasRef ? tag : setAttr(tag, "r", ref)) + original.slice(end, c.el.end) };
      }),
      ...(cells ?? []),
    ].sort((a, b) => a.col - b.col);
    let tag = openTag(original, row.el);
    if (row.el.selfClosing) tag = tag.replace(/\s*\/>$/, ">");
    if (!row.hasRef) tag = setAttr(tag, "r", String(row.row));
    const spans = attr(tag, "spans");
    if (spans && merged.length) {
      const bounds = spans.split(/\s+/).flatMap((span) => span.split(":").map(Number));
      const lo = Math.min(...bounds, merged[0].col);
      const hi = Math.max(...bounds, merged[merged.length - 1].col);
      tag = setAttr(tag, "spans", `${lo}:${hi}`);
    }
    const others = row.others.map((o) => original.slice(o.start, o.end)).join("");
    edits.push({
      start: row.el.start,
      end: row.el.end,
      text: `${before}${tag}${merged.map((c) => c.xml).join("")}${others}</${row.el.name}>`,
    });
  }
  const after = pendingBefore(Infinity);
  if (after) {
    if (sheetData.selfClosing) {
      const open = openTag(original, sheetData).replace(/\s*\/>$/, ">");
      edits.push({ start: sheetData.start, end: sheetData.end, text: `${open}${after}</${sheetData.name}>` });
    } else {
      edits.push({ start: sheetData.closeStart, end: sheetData.closeStart, text: after });
    }
  }
  return { xml: splice(original, edits), formulas, firstRow, lastRow, firstCol, lastCol };
}

/** The `<col>` definitions exceljs wrote, by column number (attributes, min/max aside). */
export function columnDefinitions(xml: string): Map<number, Map<string, string>> {
  const out = new Map<number, Map<string, string>>();
  const cols = childrenOf(xml, rootElement(xml)).find((c) => c.local === "cols");
  if (!cols) return out;
  for (const col of childrenOf(xml, cols)) {
    const a = attributes(openTag(xml, col));
    const min = Number(a.get("min"));
    const max = Number(a.get("max"));
    for (let c = min; c <= max && c - min < 16384; c++) out.set(c, a);
  }
  return out;
}

/**
 * Sets the definitions of some columns (width, style…) in the sheet's `<cols>`, splitting any range that covers
 * them; the other columns' definitions (hidden columns' width 0, outline levels, styles) stay as written.
 */
export function setColumns(xml: string, defs: ReadonlyMap<number, string>): string {
  if (!defs.size) return xml;
  const root = rootElement(xml);
  const prefix = root.prefix;
  const cols = childrenOf(xml, root).find((c) => c.local === "cols");
  const entries: { min: number; max: number; xml: string }[] = [];
  if (cols) {
    for (const col of childrenOf(xml, cols)) {
      if (col.local !== "col") continue;
      const a = attributes(openTag(xml, col));
      entries.push({ min: Number(a.get("min")), max: Number(a.get("max")), xml: xml.slice(col.start, col.end) });
    }
  }
  let pieces = entries;
  for (const c of [...defs.keys()].sort((a, b) => a - b)) {
    const next: typeof pieces = [];
    for (const e of pieces) {
      if (c < e.min || c > e.max) {
        next.push(e);
        continue;
      }
      const tagEnd = e.xml.indexOf(">") + 1;
      const piece = (min: number, max: number) => {
        const tag = setAttr(setAttr(e.xml.slice(0, tagEnd), "min", String(min)), "max", String(max));
        return { min, max, xml: tag + e.xml.slice(tagEnd) };
      };
      if (e.min < c) next.push(piece(e.min, c - 1));
      if (e.max > c) next.push(piece(c + 1, e.max));
    }
    next.push({ min: c, max: c, xml: prefixElements(`<col min="${c}" max="${c}"${defs.get(c)}/>`, prefix) });
    pieces = next;
  }
  pieces.sort((a, b) => a.min - b.min);
  const body = pieces.map((p) => p.xml).join("");
  if (cols) {
    const open = cols.selfClosing ? openTag(xml, cols).replace(/\s*\/>$/, ">") : openTag(xml, cols);
    return splice(xml, [{ start: cols.start, end: cols.end, text: `${open}${body}</${cols.name}>` }]);
  }
  const colsTag = prefix ? `${prefix}:cols` : "cols";
  const at = childPosition(xml, "cols");
  return splice(xml, [{ start: at, end: at, text: `<${colsTag}>${body}</${colsTag}>` }]);
}

/** The sheet's `<dimension>` widened to take in a range (left alone when the sheet has none). */
export function widenDimension(
  xml: string,
  range: { firstRow: number; lastRow: number; firstCol: number; lastCol: number },
): string {
  if (!range.lastRow) return xml;
  const dim = childrenOf(xml, rootElement(xml)).find((c) => c.local === "dimension");
  if (!dim) return xml;
  const tag = openTag(xml, dim);
  const ref = attributes(tag).get("ref") ?? "";
  const [a, b] = ref.split(":");
  const p = parseRef(a ?? "");
  const q = parseRef(b ?? a ?? "");
  let [r1, c1, r2, c2] = [range.firstRow, range.firstCol, range.lastRow, range.lastCol];
  if (p && q) {
    [r1, c1] = [Math.min(r1, p.row, q.row), Math.min(c1, p.col, q.col)];
    [r2, c2] = [Math.max(r2, p.row, q.row), Math.max(c2, p.col, q.col)];
  }
  const next = `${columnLetters(c1)}${r1}${r1 === r2 && c1 === c2 ? "" : `:${columnLetters(c2)}${r2}`}`;
  if (next === ref) return xml;
  return splice(xml, [{ start: dim.start, end: dim.openEnd, text: setAttr(tag, "ref", next) }]);
}
