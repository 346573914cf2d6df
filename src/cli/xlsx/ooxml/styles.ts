import {
  attributes,
  childElements,
  childrenOf,
  escapeAttr,
  openTag,
  outerXml,
  prefixElements,
  rootElement,
  setAttr,
  removeAttr,
  splice,
  type XmlElement,
} from "./xml";

/**
 * Moves the cell formats exceljs wrote for Rapport's cells into the ORIGINAL styles part: each exceljs format
 * (xf, with its font, fill, border and number format; or a conditional format's dxf) becomes the original's
 * equivalent entry when it has one, otherwise one appended at the end — so every index the workbook's own cells
 * use keeps its meaning, and writing the same cells again finds the entries the first run appended.
 */

/** The parts of a styles part, in the order the schema wants them. */
const SECTION_ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
] as const;
type SectionName = (typeof SECTION_ORDER)[number];

const ITEM: Partial<Record<SectionName, string>> = {
  numFmts: "numFmt",
  fonts: "font",
  fills: "fill",
  borders: "border",
  cellStyleXfs: "xf",
  cellXfs: "xf",
  dxfs: "dxf",
};

/** Numbers of the first custom number format; lower ones are Excel's built-in formats. */
const FIRST_CUSTOM_NUMFMT = 164;

const XF_IGNORED = new Set([
  "applyNumberFormat",
  "applyFont",
  "applyFill",
  "applyBorder",
  "applyAlignment",
  "applyProtection",
  "xfId",
]);
const TOGGLES = new Set(["b", "i", "strike", "outline", "shadow", "condense", "extend"]);

const localOf = (name: string) => name.slice(name.indexOf(":") + 1);

/** A canonical text of an element, equal for elements that mean the same (attribute and child order aside). */
function canon(xml: string, el: XmlElement, ignored: ReadonlySet<string> = new Set()): string {
  const attrs: string[] = [];
  for (const [name, raw] of attributes(openTag(xml, el))) {
    const local = localOf(name);
    if (name.startsWith("xmlns") || ignored.has(local)) continue;
    let value = raw;
    if (/^-?\d+(\.\d+)?$/.test(value)) value = String(Number(value));
    if (local === "rgb") value = value.toUpperCase();
    if (local === "val" && TOGGLES.has(el.local)) {
      if (value === "1" || value === "true") continue;
      if (value === "false") value = "0";
    }
    attrs.push(`${local}=${value}`);
  }
  if (el.local === "u" && !attrs.some((a) => a.startsWith("val="))) attrs.push("val=single");
  const kids = childrenOf(xml, el)
    .map((c) => canon(xml, c))
    .sort();
  return `<${el.local} ${attrs.sort().join(" ")}>${kids.join("")}</${el.local}>`;
}

function canonOf(item: string, ignored?: ReadonlySet<string>): string {
  return canon(item, childElements(item)[0], ignored);
}

interface Section {
  el?: XmlElement;
  items: string[];
  appended: string[];
  /** Canonical text → index, for the items already there. */
  index: Map<string, number>;
}

function readSections(xml: string, withIndex: boolean) {
  const root = rootElement(xml);
  const sections = new Map<SectionName, Section>();
  const children = childrenOf(xml, root);
  for (const name of SECTION_ORDER) {
    const el = children.find((c) => c.local === name);
    const item = ITEM[name];
    const items =
      el && item
        ? childrenOf(xml, el)
            .filter((c) => c.local === item)
            .map((c) => outerXml(xml, c))
        : [];
    const index = new Map<string, number>();
    if (withIndex && name !== "numFmts") {
      items.forEach((it, i) => {
        const key = canonOf(it, name === "cellXfs" ? XF_IGNORED : undefined);
        if (!index.has(key)) index.set(key, i);
      });
    }
    sections.set(name, { el, items, appended: [], index });
  }
  return { root, children, sections };
}

function numFmtCodes(section: Section): Map<number, string> {
  const out = new Map<number, string>();
  for (const it of section.items) {
    const a = attributes(openTag(it, childElements(it)[0]));
    out.set(Number(a.get("numFmtId")), a.get("formatCode") ?? "");
  }
  return out;
}

/** How exceljs's format indexes become the original's. */
export interface Formats {
  /** A cell format (`s`, `style`). */
  xf(sourceIndex: number): number;
  /** A differential format (`dxfId`). */
  dxf(sourceIndex: number): number;
}

export class StyleImporter implements Formats {
  private readonly target: ReturnType<typeof readSections>;
  private readonly source: ReturnType<typeof readSections>;
  private readonly sourceCodes: Map<number, string>;
  private readonly codeIds = new Map<string, number>();
  private nextNumFmt = FIRST_CUSTOM_NUMFMT;
  private readonly xfCache = new Map<number, number>();
  private readonly dxfCache = new Map<number, number>();

  /** `original` is the workbook's styles part; `exceljs` the one exceljs wrote beside Rapport's cells. */
  constructor(
    private readonly original: string,
    exceljs: string,
  ) {
    this.target = readSections(original, true);
    this.source = readSections(exceljs, false);
    this.sourceCodes = numFmtCodes(this.source.sections.get("numFmts") as Section);
    for (const [id, code] of numFmtCodes(this.section("numFmts"))) {
      if (!this.codeIds.has(code)) this.codeIds.set(code, id);
      this.nextNumFmt = Math.max(this.nextNumFmt, id + 1);
    }
  }

  private section(name: SectionName): Section {
    return this.target.sections.get(name) as Section;
  }

  /** The original's id for a number format code, appending a custom format when it has none. */
  private numFmtIdFor(code: string): number {
    const known = this.codeIds.get(code);
    if (known !== undefined) return known;
    const id = this.nextNumFmt++;
    this.codeIds.set(code, id);
    this.section("numFmts").appended.push(`<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  private numFmtId(sourceId: number): number {
    if (sourceId < FIRST_CUSTOM_NUMFMT) return sourceId;
    const code = this.sourceCodes.get(sourceId);
    return code === undefined ? 0 : this.numFmtIdFor(code);
  }

  /** The index in the original of an item equal to `item`, appended when there is none. */
  private place(name: SectionName, item: string, ignored?: ReadonlySet<string>): number {
    const section = this.section(name);
    const key = canonOf(item, ignored);
    const found = section.index.get(key);
    if (found !== undefined) return found;
    const index = section.items.length + section.appended.length;
    section.appended.push(item);
    section.index.set(key, index);
    return index;
  }

  private importPart(name: "fonts" | "fills" | "borders", sourceIndex: number): number {
    // The first entries are the workbook's defaults (its normal font, no fill, gray125, no border): exceljs's
    // defaults stand for "nothing set", which in the original means its own defaults.
    if (sourceIndex < (name === "fills" ? 2 : 1) && sourceIndex < this.section(name).items.length) return sourceIndex;
    const item = (this.source.sections.get(name) as Section).items[sourceIndex];
    return item === undefined ? 0 : this.place(name, item);
  }

  /** The original's cell format (`s`) equivalent to exceljs's format `sourceIndex`. */
  xf(sourceIndex: number): number {
    const cached = this.xfCache.get(sourceIndex);
    if (cached !== undefined) return cached;
    const item = (this.source.sections.get("cellXfs") as Section).items[sourceIndex];
    let result = 0;
    if (item !== undefined) {
      const el = childElements(item)[0];
      const a = attributes(openTag(item, el));
      let tag = openTag(item, el);
      tag = setAttr(tag, "numFmtId", String(this.numFmtId(Number(a.get("numFmtId") ?? 0))));
      tag = setAttr(tag, "fontId", String(this.importPart("fonts", Number(a.get("fontId") ?? 0))));
      tag = setAttr(tag, "fillId", String(this.importPart("fills", Number(a.get("fillId") ?? 0))));
      tag = setAttr(tag, "borderId", String(this.importPart("borders", Number(a.get("borderId") ?? 0))));
      tag = this.section("cellStyleXfs").items.length ? setAttr(tag, "xfId", "0") : removeAttr(tag, "xfId");
      result = this.place("cellXfs", tag + item.slice(el.openEnd), XF_IGNORED);
    }
    this.xfCache.set(sourceIndex, result);
    return result;
  }

  /** The original's differential format (conditional formats, table columns) equivalent to exceljs's `sourceIndex`. */
  dxf(sourceIndex: number): number {
    const cached = this.dxfCache.get(sourceIndex);
    if (cached !== undefined) return cached;
    let item = (this.source.sections.get("dxfs") as Section).items[sourceIndex] ?? "<dxf/>";
    item = item.replace(/<numFmt\b[^>]*>/g, (tag) =>
      setAttr(tag, "numFmtId", String(this.numFmtIdFor(attributes(tag).get("formatCode") ?? ""))),
    );
    const result = this.place("dxfs", item);
    this.dxfCache.set(sourceIndex, result);
    return result;
  }

  /** Whether anything had to be appended (otherwise the styles part stays byte for byte). */
  get changed(): boolean {
    return SECTION_ORDER.some((n) => this.section(n).appended.length > 0);
  }

  /** The original styles part with the appended entries; unchanged when nothing was appended. */
  result(): string {
    if (!this.changed) return this.original;
    const xml = this.original;
    const { root, children } = this.target;
    const prefix = root.prefix;
    const edits: { start: number; end: number; text: string }[] = [];
    for (const name of SECTION_ORDER) {
      const section = this.section(name);
      if (!section.appended.length) continue;
      const added = prefixElements(section.appended.join(""), prefix);
      const count = section.items.length + section.appended.length;
      const el = section.el;
      if (el) {
        let tag = openTag(xml, el);
        if (el.selfClosing) tag = tag.replace(/\s*\/>$/, ">");
        tag = setAttr(tag, "count", String(count));
        if (el.selfClosing) {
          edits.push({ start: el.start, end: el.end, text: `${tag}${added}</${el.name}>` });
        } else {
          edits.push({ start: el.start, end: el.openEnd, text: tag });
          edits.push({ start: el.closeStart, end: el.closeStart, text: added });
        }
        continue;
      }
      const qname = prefix ? `${prefix}:${name}` : name;
      const later = SECTION_ORDER.slice(SECTION_ORDER.indexOf(name) + 1);
      const next = children.find((c) => (later as readonly string[]).includes(c.local));
      const at = next ? next.start : root.closeStart;
      edits.push({ start: at, end: at, text: `<${qname} count="${count}">${added}</${qname}>` });
    }
    return splice(xml, edits);
  }
}
