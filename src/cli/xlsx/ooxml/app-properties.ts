import { isRel, parseRels, resolveTarget } from "./rels";
import type { PackageEditor } from "./editor";
import type { SheetEntry } from "./workbook";
import {
  attributes,
  childNamed,
  childrenOf,
  escapeText,
  innerXml,
  openTag,
  rootElement,
  setAttr,
  splice,
  unescapeXml,
  type XmlElement,
} from "./xml";

/**
 * The sheet names in the extended properties (`docProps/app.xml`): TitlesOfParts lists them, grouped by
 * HeadingPairs (`Worksheets` 3, `Named Ranges` 2…, the group names in the writer's language). Excel writes the
 * part again on every save and nothing reads it to open a workbook, but file browsers show it: the sheets Rapport
 * appends are added at the end of the worksheets group. Only when that group is recognisable — the one whose
 * titles are, in order, the workbook's sheets but the very hidden ones (Excel leaves those out) — and the part is
 * consistent; otherwise (a chart sheet, a list already out of date, another writer's layout) it is left as it is.
 */

/** The part's `<vector>` children of `name`, or undefined. */
function vectorOf(xml: string, root: XmlElement, name: string): XmlElement | undefined {
  const el = childNamed(xml, root, name);
  const vector = el ? childrenOf(xml, el) : [];
  return vector.length === 1 && vector[0].local === "vector" ? vector[0] : undefined;
}

/** `app.xml` with `added` listed after the sheets `listed`, or undefined when it cannot be done safely. */
export function addSheetTitles(xml: string, listed: readonly string[], added: readonly string[]): string | undefined {
  if (!added.length || !listed.length) return undefined;
  const root = rootElement(xml);
  const pairs = vectorOf(xml, root, "HeadingPairs");
  const titles = vectorOf(xml, root, "TitlesOfParts");
  if (!pairs || !titles) return undefined;
  const variants = childrenOf(xml, pairs);
  const items = childrenOf(xml, titles);
  if (variants.length % 2 || items.some((i) => i.local !== "lpstr" || i.selfClosing)) return undefined;
  const size = (v: XmlElement) => attributes(openTag(xml, v)).get("size");
  if (size(pairs) !== String(variants.length) || size(titles) !== String(items.length)) return undefined;
  const names = items.map((i) => unescapeXml(innerXml(xml, i)));
  let offset = 0;
  for (let g = 0; g < variants.length; g += 2) {
    const count = childrenOf(xml, variants[g + 1]);
    if (count.length !== 1 || count[0].local !== "i4") return undefined;
    const n = Number(innerXml(xml, count[0]).trim());
    if (!Number.isInteger(n) || n < 0) return undefined;
    const group = names.slice(offset, offset + n);
    if (n === listed.length && group.every((name, i) => name === listed[i])) {
      const last = items[offset + n - 1];
      const tag = last.name;
      const inserted = added.map((name) => `<${tag}>${escapeText(name)}</${tag}>`).join("");
      const total = names.length + added.length;
      return splice(xml, [
        { start: count[0].openEnd, end: count[0].closeStart, text: String(n + added.length) },
        { start: titles.start, end: titles.openEnd, text: setAttr(openTag(xml, titles), "size", String(total)) },
        { start: last.end, end: last.end, text: inserted },
      ]);
    }
    offset += n;
  }
  return undefined;
}

/** Lists the sheets appended to the workbook (after `before`) in the package's extended properties, if it can. */
export async function listAddedSheets(editor: PackageEditor, before: readonly SheetEntry[]): Promise<void> {
  const added = editor.workbook.sheets.slice(before.length).map((s) => s.name);
  if (!added.length) return;
  const root = editor.pkg.find("_rels/.rels");
  if (!root) return;
  const rel = parseRels(await editor.text(root)).find(
    (r) => !r.external && (isRel(r, "extended-properties") || isRel(r, "extendedProperties")),
  );
  const part = rel ? editor.pkg.find(resolveTarget("", rel.target)) : undefined;
  if (!part) return;
  const listed = before.filter((s) => s.state !== "veryHidden").map((s) => s.name);
  let xml: string | undefined;
  try {
    xml = addSheetTitles(await editor.text(part), listed, added);
  } catch {
    return; // Not XML Rapport can read: left as it is.
  }
  if (xml !== undefined) editor.write(part, xml);
}
