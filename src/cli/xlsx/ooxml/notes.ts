import { parseRef } from "./cells";
import { CONTENT_TYPES, type PackageEditor } from "./editor";
import { addRelationship, freeRelId, isRel, relativeTarget, resolveTarget } from "./rels";
import { MAIN_NS, relationshipsPrefix, RELATIONSHIPS_NS, relType, namespaceFlavor, toFlavor } from "./workbook";
import { insertWorksheetChild } from "./worksheet";
import {
  appendChild,
  attributes,
  childrenOf,
  escapeText,
  innerXml,
  openTag,
  outerXml,
  prefixElements,
  rootElement,
  setAttr,
  splice,
  unescapeXml,
  XML_DECLARATION,
} from "./xml";

/**
 * Legacy notes (comments part + VML shapes) on Rapport's header cells: added to the sheet's own comments and VML
 * drawing when it has them — so its other notes and Excel's threaded comments, whose legacy fallback lives in the
 * same comments part, stay — or created with their relationships and `<legacyDrawing>` when it has none.
 */

const VML_NS = {
  v: "urn:schemas-microsoft-com:vml",
  o: "urn:schemas-microsoft-com:office:office",
  x: "urn:schemas-microsoft-com:office:excel",
};

interface Note {
  ref: string;
  author: string;
  /** The `<comment>` element as exceljs wrote it. */
  comment: string;
  /** The VML shape exceljs wrote for it. */
  shape: string;
}

/** A `<comment>`'s ref and author index, and the authors of a comments part. */
function readComments(xml: string) {
  const root = rootElement(xml);
  const kids = childrenOf(xml, root);
  const authorsEl = kids.find((k) => k.local === "authors");
  const listEl = kids.find((k) => k.local === "commentList");
  const authors = authorsEl
    ? childrenOf(xml, authorsEl)
        .filter((a) => a.local === "author")
        .map((a) => unescapeXml(innerXml(xml, a)))
    : [];
  const comments = listEl
    ? childrenOf(xml, listEl)
        .filter((c) => c.local === "comment")
        .map((c) => ({ el: c, a: attributes(openTag(xml, c)) }))
    : [];
  return { root, authorsEl, listEl, authors, comments };
}

const SHAPE_RE = /<v:shape\b[\s\S]*?<\/v:shape>/g;

/** The cell (0-based row and column) a VML note shape is anchored to. */
function shapeCell(shape: string): string | undefined {
  if (!/ObjectType\s*=\s*["']Note["']/.test(shape)) return undefined;
  const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape);
  const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(shape);
  return row && col ? `${row[1]},${col[1]}` : undefined;
}

function cellKey(ref: string): string {
  const p = parseRef(ref);
  return p ? `${p.row - 1},${p.col - 1}` : "";
}

/** The notes exceljs wrote for `refs`. */
export function exceljsNotes(commentsXml: string, vml: string, refs: readonly string[]): Note[] {
  const { authors, comments } = readComments(commentsXml);
  const shapes = new Map<string, string>();
  for (const m of vml.matchAll(SHAPE_RE)) {
    const key = shapeCell(m[0]);
    if (key) shapes.set(key, m[0]);
  }
  return refs.map((ref) => {
    const c = comments.find((x) => x.a.get("ref") === ref);
    const shape = shapes.get(cellKey(ref));
    if (!c || !shape) throw new Error(`exceljs wrote no note for ${ref}`);
    return {
      ref,
      author: authors[Number(c.a.get("authorId") ?? 0)] ?? "",
      comment: outerXml(commentsXml, c.el),
      shape,
    };
  });
}

/** The `_x0000_t202` shape type (text box) VML notes refer to. */
export function noteShapeType(vml: string): string {
  const m = /<v:shapetype\b[^>]*id\s*=\s*["']_x0000_t202["'][\s\S]*?<\/v:shapetype>/.exec(vml);
  if (!m) throw new Error("exceljs wrote no note shape type");
  return m[0];
}

/** Adds or replaces the notes in a comments part. */
function upsertComments(xml: string, notes: readonly Note[]): string {
  let out = xml;
  for (const note of notes) {
    let { root, authorsEl, listEl, authors, comments } = readComments(out);
    if (!authorsEl) {
      const tag = root.prefix ? `${root.prefix}:authors` : "authors";
      out = splice(out, [{ start: root.openEnd, end: root.openEnd, text: `<${tag}></${tag}>` }]);
      ({ root, authorsEl, listEl, authors, comments } = readComments(out));
    }
    let authorId = authors.indexOf(note.author);
    if (authorId < 0 && authorsEl) {
      authorId = authors.length;
      out = appendChild(out, authorsEl, prefixElements(`<author>${escapeText(note.author)}</author>`, root.prefix));
      ({ root, listEl, comments } = readComments(out));
    }
    const comment = prefixElements(
      setAttr(note.comment.slice(0, note.comment.indexOf(">") + 1), "authorId", String(authorId)) +
        note.comment.slice(note.comment.indexOf(">") + 1),
      root.prefix,
    );
    const existing = comments.find((c) => c.a.get("ref") === note.ref);
    if (existing) {
      out = splice(out, [{ start: existing.el.start, end: existing.el.end, text: comment }]);
    } else if (listEl) {
      out = appendChild(out, listEl, comment);
    } else {
      const tag = root.prefix ? `${root.prefix}:commentList` : "commentList";
      out = appendChild(out, root, `<${tag}>${comment}</${tag}>`);
    }
  }
  return out;
}

function newComments(notes: readonly Note[], flavor: "transitional" | "strict"): string {
  const authors = [...new Set(notes.map((n) => n.author))];
  const comments = notes.map((n) => {
    const tagEnd = n.comment.indexOf(">") + 1;
    return setAttr(n.comment.slice(0, tagEnd), "authorId", String(authors.indexOf(n.author))) + n.comment.slice(tagEnd);
  });
  return (
    `${XML_DECLARATION}<comments xmlns="${MAIN_NS[flavor]}"><authors>` +
    authors.map((a) => `<author>${escapeText(a)}</author>`).join("") +
    `</authors><commentList>${comments.join("")}</commentList></comments>`
  );
}

const shapeIdNumbers = (vml: string) => [...vml.matchAll(/\bid\s*=\s*["']_x0000_s(\d+)["']/g)].map((m) => Number(m[1]));

/** The VML shape ranges (`<o:idmap data>`) of every VML part but `except`. */
export async function usedIdMaps(editor: PackageEditor, except?: string): Promise<Set<number>> {
  const used = new Set<number>();
  for (const name of editor.liveNames()) {
    if (!name.toLowerCase().endsWith(".vml") || name === except) continue;
    const vml = await editor.text(name);
    for (const m of vml.matchAll(/<o:idmap\b[^>]*\bdata\s*=\s*["']([^"']*)["']/g)) {
      for (const n of m[1].split(/[\s,]+/)) if (n) used.add(Number(n));
    }
  }
  return used;
}

export function freeIdMap(used: ReadonlySet<number>): number {
  for (let n = 1; ; n++) if (!used.has(n)) return n;
}

/** A VML drawing made to use shape range `idmap`: its `<o:idmap>` and its shapes' ids renumbered in order. */
export function renumberVml(vml: string, idmap: number): string {
  let k = 0;
  return vml
    .replace(/(<o:idmap\b[^>]*\bdata\s*=\s*["'])[^"']*(["'])/, `$1${idmap}$2`)
    .replace(
      /(\bid\s*=\s*["'])_x0000_s\d+(["'])/g,
      (_, a: string, b: string) => `${a}_x0000_s${idmap * 1024 + ++k}${b}`,
    );
}

/** Adds or replaces the notes' shapes in a VML drawing. */
function upsertShapes(vml: string, notes: readonly Note[], shapeType: string): string {
  let out = vml;
  const rootTag = /<xml\b[^>]*>/.exec(out)?.[0] ?? "";
  const missingNs = Object.entries(VML_NS)
    .filter(([p]) => !new RegExp(`xmlns:${p}\\s*=`).test(rootTag))
    .map(([p, uri]) => ` xmlns:${p}="${uri}"`)
    .join("");
  if (!/id\s*=\s*["']_x0000_t202["']/.test(out)) {
    const at = out.search(/<v:shape\b/);
    const end = at >= 0 ? at : out.lastIndexOf("</");
    const type = missingNs ? shapeType.replace(/^<v:shapetype\b/, `<v:shapetype${missingNs}`) : shapeType;
    out = out.slice(0, end) + type + out.slice(end);
  }
  for (const note of notes) {
    const key = cellKey(note.ref);
    const existing = [...out.matchAll(SHAPE_RE)].find((m) => shapeCell(m[0]) === key);
    let shape = note.shape;
    if (missingNs) shape = shape.replace(/^<v:shape\b/, `<v:shape${missingNs}`);
    if (existing && existing.index !== undefined) {
      // Keep the shape's id, so nothing that refers to it changes.
      const id = /\bid\s*=\s*["']([^"']*)["']/.exec(existing[0])?.[1];
      if (id) shape = shape.replace(/(\bid\s*=\s*["'])[^"']*(["'])/, `$1${id}$2`);
      out = out.slice(0, existing.index) + shape + out.slice(existing.index + existing[0].length);
      continue;
    }
    const ids = shapeIdNumbers(out);
    const idmap = Number(/<o:idmap\b[^>]*\bdata\s*=\s*["'](\d+)/.exec(out)?.[1] ?? 1);
    const next = ids.length ? Math.max(...ids) + 1 : idmap * 1024 + 1;
    shape = shape.replace(/(\bid\s*=\s*["'])[^"']*(["'])/, `$1_x0000_s${next}$2`);
    const end = out.lastIndexOf("</");
    out = out.slice(0, end) + shape + out.slice(end);
  }
  return out;
}

function newVml(notes: readonly Note[], shapeType: string, idmap: number): string {
  const ns = Object.entries(VML_NS)
    .map(([p, uri]) => ` xmlns:${p}="${uri}"`)
    .join("");
  const body =
    `<xml${ns}><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap}"/></o:shapelayout>` +
    shapeType +
    notes.map((n) => n.shape).join("") +
    "</xml>";
  return renumberVml(body, idmap);
}

/**
 * Writes the notes on the sheet `sheetPart` (whose XML is `sheetXml`); returns the sheet XML, with a new
 * `<legacyDrawing>` when the sheet had no VML drawing.
 */
export async function writeNotes(
  editor: PackageEditor,
  sheetPart: string,
  sheetXml: string,
  notes: readonly Note[],
  shapeType: string,
): Promise<string> {
  if (!notes.length) return sheetXml;
  const flavor = editor.flavor;
  const root = rootElement(sheetXml);
  const rootTag = openTag(sheetXml, root);
  let sheetRels = await editor.rels(sheetPart);
  const legacy = childrenOf(sheetXml, root).find((c) => c.local === "legacyDrawing");
  const legacyId = legacy ? [...attributes(openTag(sheetXml, legacy))].find(([n]) => /^[^:]+:id$/.test(n))?.[1] : "";
  const vmlRel = sheetRels.rels.find((r) => r.id === legacyId && !r.external);
  const commentsRel = sheetRels.rels.find((r) => isRel(r, "comments") && !r.external);

  const addRel = (kind: "comments" | "vmlDrawing", part: string): string => {
    const id = freeRelId(sheetRels.rels);
    const rel = { id, type: relType(kind, flavor), target: relativeTarget(sheetPart, part), external: false };
    const xml = addRelationship(sheetRels.xml, rel);
    sheetRels = { ...sheetRels, xml, rels: [...sheetRels.rels, rel] };
    return id;
  };

  if (commentsRel) {
    const part = resolveTarget(sheetPart, commentsRel.target);
    editor.write(part, upsertComments(await editor.text(part), notes));
  } else {
    const part = editor.allocate(editor.folder, "comments", ".xml");
    editor.write(part, newComments(notes, namespaceFlavor(rootTag)), CONTENT_TYPES.comments);
    addRel("comments", part);
  }

  let xml = sheetXml;
  if (vmlRel) {
    const part = resolveTarget(sheetPart, vmlRel.target);
    editor.write(part, upsertShapes(await editor.text(part), notes, shapeType));
  } else {
    const part = editor.allocate(`${editor.folder}drawings/`, "vmlDrawing", ".vml");
    editor.write(part, newVml(notes, shapeType, freeIdMap(await usedIdMaps(editor))), CONTENT_TYPES.vmlDrawing);
    const id = addRel("vmlDrawing", part);
    const prefix = relationshipsPrefix(rootTag);
    const idAttr = prefix ? `${prefix}:id="${id}"` : `xmlns:r="${RELATIONSHIPS_NS[flavor]}" r:id="${id}"`;
    if (legacy) {
      // A <legacyDrawing> pointing nowhere: point it at the new drawing.
      xml = splice(xml, [
        { start: legacy.start, end: legacy.end, text: prefixElements(`<legacyDrawing ${idAttr}/>`, root.prefix) },
      ]);
    } else {
      xml = insertWorksheetChild(xml, "legacyDrawing", `<legacyDrawing ${idAttr}/>`);
    }
  }
  if (sheetRels.xml !== undefined) editor.write(sheetRels.part, toFlavor(sheetRels.xml, "transitional"));
  return xml;
}
