import { attr, childElements, childrenOf, innerXml, removeAttr, rootElement, setAttr, tagEnd } from "./xml";

/** Cell and row addresses, and the conversion of exceljs's cells to cells of the original package. */

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export function columnLetters(n: number): string {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** `AB12` → { col: 28, row: 12 }. */
export function parseRef(ref: string): { col: number; row: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  return m ? { col: columnNumber(m[1]), row: Number(m[2]) } : undefined;
}

/** The texts (`<si>` contents) of a shared-strings part, by index. */
export function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const root = rootElement(xml);
  return childrenOf(xml, root)
    .filter((e) => e.local === "si")
    .map((e) => innerXml(xml, e));
}

/** How exceljs's formats and strings become the original's: see StyleImporter. */
export interface CellMapping {
  xf(sourceIndex: number): number;
  strings: readonly string[];
}

/**
 * One exceljs cell made self-contained for the original package: its format index mapped, and a shared string
 * written inline (t="inlineStr", rich-text runs kept) so the original shared-strings part stays untouched.
 */
export function convertCell(cell: string, mapping: CellMapping): string {
  const openEnd = tagEnd(cell, 0);
  let tag = cell.slice(0, openEnd);
  const selfClosing = tag.endsWith("/>");
  const s = attr(tag, "s");
  if (s !== undefined) {
    const mapped = mapping.xf(Number(s));
    tag = mapped === 0 ? removeAttr(tag, "s") : setAttr(tag, "s", String(mapped));
  }
  if (selfClosing || attr(tag, "t") !== "s") return tag + cell.slice(openEnd);
  const el = childElements(cell)[0];
  const kids = childrenOf(cell, el);
  const v = kids.find((c) => c.local === "v");
  const text = mapping.strings[v ? Number(innerXml(cell, v)) : NaN];
  tag = setAttr(tag, "t", "inlineStr");
  const rest = kids
    .filter((c) => c.local !== "v")
    .map((c) => cell.slice(c.start, c.end))
    .join("");
  return `${tag}${rest}<is>${text ?? ""}</is></${el.name}>`;
}

/** Whether a piece of sheet XML holds a formula. */
export function hasFormula(xml: string): boolean {
  return /<(?:[\w.-]+:)?f[\s>/]/.test(xml);
}
