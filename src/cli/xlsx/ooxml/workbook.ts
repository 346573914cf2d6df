import { isRel, parseRels, relsPartOf, resolveTarget, type Relationship } from "./rels";
import { appendChild, attributes, childNamed, childrenOf, escapeAttr, openTag, rootElement } from "./xml";
import type { Package } from "./zip";

/** The workbook part and its sheet list (names, ids and the parts they live in). */

export interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  /** The worksheet part, resolved through the workbook's relationships. */
  part: string;
  /** `hidden`, `veryHidden`, or undefined for a visible sheet. */
  state?: string;
}

export interface WorkbookInfo {
  part: string;
  xml: string;
  relsPart: string;
  rels: Relationship[];
  sheets: SheetEntry[];
}

/** The workbook part, found as the package's officeDocument (it need not be `xl/workbook.xml`). */
export async function workbookPart(pkg: Package): Promise<string> {
  const root = pkg.find("_rels/.rels");
  if (root) {
    const rel = parseRels(await pkg.text(root)).find((r) => isRel(r, "officeDocument") && !r.external);
    if (rel) {
      const part = pkg.find(resolveTarget("", rel.target));
      if (part) return part;
    }
  }
  const fallback = pkg.find("xl/workbook.xml");
  if (!fallback) throw new Error("the package has no workbook part");
  return fallback;
}

/** The `r:id` of a `<sheet>`, whatever prefix the relationships namespace has. */
function relIdOf(a: Map<string, string>): string {
  for (const [name, value] of a) if (/^[^:]+:id$/.test(name)) return value;
  return "";
}

export async function readWorkbook(pkg: Package): Promise<WorkbookInfo> {
  const part = await workbookPart(pkg);
  const xml = await pkg.text(part);
  const relsPart = relsPartOf(part);
  const relsName = pkg.find(relsPart);
  const rels = relsName ? parseRels(await pkg.text(relsName)) : [];
  const sheetsEl = childNamed(xml, rootElement(xml), "sheets");
  const sheets = sheetsEl
    ? childrenOf(xml, sheetsEl)
        .filter((e) => e.local === "sheet")
        .map((e) => {
          const a = attributes(openTag(xml, e));
          const relId = relIdOf(a);
          const rel = rels.find((r) => r.id === relId);
          return {
            name: a.get("name") ?? "",
            sheetId: Number(a.get("sheetId") ?? 0),
            relId,
            part: rel ? resolveTarget(part, rel.target) : "",
            state: a.get("state"),
          };
        })
    : [];
  return { part, xml, relsPart: relsName ?? relsPart, rels, sheets };
}

/** The workbook with a sheet appended to its sheet list (so no sheet index in definedNames changes). */
export function appendSheet(xml: string, name: string, sheetId: number, relId: string): string {
  const root = rootElement(xml);
  const sheets = childNamed(xml, root, "sheets");
  if (!sheets) throw new Error("the workbook has no sheet list");
  const rootTag = openTag(xml, root);
  const tag = root.prefix ? `${root.prefix}:sheet` : "sheet";
  const prefix = relationshipsPrefix(rootTag);
  const id = prefix
    ? `${prefix}:id="${escapeAttr(relId)}"`
    : `xmlns:r="${RELATIONSHIPS_NS[namespaceFlavor(rootTag)]}" r:id="${escapeAttr(relId)}"`;
  return appendChild(xml, sheets, `<${tag} name="${escapeAttr(name)}" sheetId="${sheetId}" ${id}/>`);
}

export const MAIN_NS = {
  transitional: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  strict: "http://purl.oclc.org/ooxml/spreadsheetml/main",
} as const;

export const RELATIONSHIPS_NS = {
  transitional: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  strict: "http://purl.oclc.org/ooxml/officeDocument/relationships",
} as const;

export type Flavor = keyof typeof MAIN_NS;

/** Whether a part's root tag is in Strict Open XML's namespaces or the usual transitional ones. */
export function namespaceFlavor(rootTag: string): Flavor {
  return rootTag.includes(MAIN_NS.strict) ? "strict" : "transitional";
}

/** The prefix the root binds to the relationships namespace, if any. */
export function relationshipsPrefix(rootTag: string): string | undefined {
  for (const [name, value] of attributes(rootTag)) {
    if (name.startsWith("xmlns:") && (value === RELATIONSHIPS_NS.transitional || value === RELATIONSHIPS_NS.strict))
      return name.slice(6);
  }
  return undefined;
}

/** A part written by exceljs (transitional) made to match the package's flavour. */
export function toFlavor(xml: string, flavor: Flavor): string {
  if (flavor === "transitional") return xml;
  return xml
    .split(MAIN_NS.transitional)
    .join(MAIN_NS.strict)
    .split(RELATIONSHIPS_NS.transitional)
    .join(RELATIONSHIPS_NS.strict);
}

/** A relationship type in the package's flavour. */
export function relType(kind: string, flavor: Flavor): string {
  return `${RELATIONSHIPS_NS[flavor]}/${kind}`;
}
