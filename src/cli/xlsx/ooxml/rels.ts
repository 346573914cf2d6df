import { appendChild, attributes, childrenOf, escapeAttr, openTag, rootElement, splice, XML_DECLARATION } from "./xml";

/** One relationship of a part. */
export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

const PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/**
 * The relationship types Rapport looks for, by their last segment (the same in transitional and strict files, but
 * for the extended properties: `extended-properties`, Strict `extendedProperties`).
 */
export type RelKind =
  | "officeDocument"
  | "worksheet"
  | "styles"
  | "sharedStrings"
  | "calcChain"
  | "comments"
  | "vmlDrawing"
  | "table"
  | "extended-properties"
  | "extendedProperties";

export function isRel(rel: Relationship, kind: RelKind): boolean {
  return rel.type.endsWith(`/${kind}`);
}

/** The relationships part of a part: `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

export function folderOf(part: string): string {
  return part.slice(0, part.lastIndexOf("/") + 1);
}

/** The part a relationship of `source` points at (package names carry no leading slash). */
export function resolveTarget(source: string, target: string): string {
  const raw = target.split("#")[0];
  const joined = raw.startsWith("/") ? raw.slice(1) : folderOf(source) + raw;
  const out: string[] = [];
  for (const seg of joined.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  let name = out.join("/");
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not percent-encoded after all.
  }
  return name;
}

/** The target to write in `source`'s relationships for `part`. */
export function relativeTarget(source: string, part: string): string {
  const from = folderOf(source).split("/").filter(Boolean);
  const to = part.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

export function parseRels(xml: string): Relationship[] {
  const root = rootElement(xml);
  return childrenOf(xml, root)
    .filter((e) => e.local === "Relationship")
    .map((e) => {
      const a = attributes(openTag(xml, e));
      return {
        id: a.get("Id") ?? "",
        type: a.get("Type") ?? "",
        target: a.get("Target") ?? "",
        external: a.get("TargetMode") === "External",
      };
    });
}

/** An id no relationship of the part has yet: `rId` and the smallest free number. */
export function freeRelId(rels: readonly Relationship[]): string {
  const taken = new Set(rels.map((r) => r.id));
  for (let i = 1; ; i++) if (!taken.has(`rId${i}`)) return `rId${i}`;
}

function relationshipXml(rel: Relationship, prefix: string): string {
  const name = prefix ? `${prefix}:Relationship` : "Relationship";
  const mode = rel.external ? ' TargetMode="External"' : "";
  return `<${name} Id="${escapeAttr(rel.id)}" Type="${escapeAttr(rel.type)}" Target="${escapeAttr(rel.target)}"${mode}/>`;
}

export function newRelsXml(rels: readonly Relationship[]): string {
  return `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELS_NS}">${rels.map((r) => relationshipXml(r, "")).join("")}</Relationships>`;
}

export function addRelationship(xml: string | undefined, rel: Relationship): string {
  if (xml === undefined) return newRelsXml([rel]);
  const root = rootElement(xml);
  return appendChild(xml, root, relationshipXml(rel, root.prefix));
}

export function removeRelationship(xml: string, id: string): string {
  const root = rootElement(xml);
  const el = childrenOf(xml, root).find(
    (e) => e.local === "Relationship" && attributes(openTag(xml, e)).get("Id") === id,
  );
  return el ? splice(xml, [{ start: el.start, end: el.end, text: "" }]) : xml;
}
