import {
  pdfDate,
  PdfFile,
  PdfFormatError,
  PdfWriter,
  serialize,
  textString,
  type PdfDict,
  type PdfRef,
  type PdfValue,
} from "./pdf-objects";

/** Document information (what `pdfinfo` shows). Chrome only sets the title, from the page's `<title>`. */
export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords?: string;
  creator?: string;
}

function infoDict(meta: PdfMetadata, now: Date, keep?: PdfDict): PdfDict {
  const entries = new Map<string, PdfValue>();
  entries.set("Title", textString(meta.title));
  entries.set("Author", textString(meta.author));
  entries.set("Subject", textString(meta.subject));
  if (meta.keywords) entries.set("Keywords", textString(meta.keywords));
  entries.set("Creator", textString(meta.creator ?? "Rapport"));
  // Keep what Chrome recorded about the file itself.
  const producer = keep?.entries.get("Producer");
  entries.set("Producer", producer ?? textString("Rapport"));
  entries.set("CreationDate", keep?.entries.get("CreationDate") ?? pdfDate(now));
  entries.set("ModDate", pdfDate(now));
  return { t: "dict", entries };
}

const noRefs = (ref: PdfRef) => `${ref.num} ${ref.gen} R`;

/**
 * Sets title, author and subject by an incremental update: Chrome's bytes stay as they are and a new version of
 * the information dictionary is appended with its own cross-reference section.
 */
export function withMetadata(pdf: Uint8Array, meta: PdfMetadata, now = new Date()): Buffer {
  const file = new PdfFile(pdf);
  const root = file.trailer.entries.get("Root");
  if (root?.t !== "ref") throw new PdfFormatError("no document catalog");
  const oldInfo = file.trailer.entries.get("Info");
  const size = file.resolveNumber(file.trailer.entries.get("Size"));
  const num = oldInfo?.t === "ref" ? oldInfo.num : size;
  const keep = oldInfo?.t === "ref" ? file.dict(oldInfo) : undefined;
  const body = serialize(infoDict(meta, now, keep), noRefs);
  const sep = pdf[pdf.length - 1] === 0x0a ? "" : "\n";
  const object = `${sep}${num} 0 obj\n${body}\nendobj\n`;
  const xrefAt = pdf.length + Buffer.byteLength(object, "latin1");
  const objectAt = pdf.length + sep.length;
  const newSize = Math.max(size, num + 1);
  const update =
    object +
    `xref\n${num} 1\n${String(objectAt).padStart(10, "0")} 00000 n\r\n` +
    `trailer\n<</Size ${newSize}\n/Root ${root.num} ${root.gen} R\n/Info ${num} 0 R\n/Prev ${file.startxref}>>\n` +
    `startxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), Buffer.from(update, "latin1")]);
}

interface PageLeaf {
  num: number;
  /** Attributes a page may inherit from its parents in the page tree (PDF 32000 §7.7.3.4). */
  inherited: Map<string, PdfValue>;
}

const INHERITABLE = ["Resources", "MediaBox", "CropBox", "Rotate"];

function pageLeaves(file: PdfFile): PageLeaf[] {
  const catalog = file.dict(file.trailer.entries.get("Root"));
  const leaves: PageLeaf[] = [];
  const walk = (ref: PdfValue | undefined, inherited: Map<string, PdfValue>, depth: number) => {
    if (ref?.t !== "ref" || depth > 64) throw new PdfFormatError("bad page tree");
    const node = file.dict(ref);
    const here = new Map(inherited);
    for (const key of INHERITABLE) {
      const v = node.entries.get(key);
      if (v) here.set(key, v);
    }
    const type = node.entries.get("Type");
    if (type?.t === "atom" && type.raw === "/Pages") {
      const kids = file.resolve(node.entries.get("Kids"));
      if (kids?.t !== "array") throw new PdfFormatError("page tree node without kids");
      for (const kid of kids.items) walk(kid, here, depth + 1);
    } else {
      leaves.push({ num: ref.num, inherited: here });
    }
  };
  walk(catalog.entries.get("Pages"), new Map(), 0);
  return leaves;
}

export function pageCount(pdf: Uint8Array): number {
  const file = new PdfFile(pdf);
  const catalog = file.dict(file.trailer.entries.get("Root"));
  return file.resolveNumber(file.dict(catalog.entries.get("Pages")).entries.get("Count"));
}

/** A page range, 0-based, both ends included. */
export interface PageRange {
  first: number;
  last: number;
}

/** Stands for "the new page tree" in a page's /Parent while objects are prepared. */
const PARENT = -2;

interface Prepared {
  refs: number[];
  body: string;
  stream?: Uint8Array;
}

/**
 * One input PDF whose pages are copied into new files. Fonts and images are shared by many pages: each object is
 * read and serialized once, with its references as markers that each output fills with its own numbers
 * (private-use characters: a PDF's latin1 text never has them).
 */
class PageSource {
  readonly file: PdfFile;
  readonly leaves: PageLeaf[];
  private readonly pageNums: Set<number>;
  private readonly leafByNum: Map<number, PageLeaf>;
  private readonly prepared = new Map<number, Prepared>();

  constructor(pdf: Uint8Array) {
    this.file = new PdfFile(pdf);
    this.leaves = pageLeaves(this.file);
    this.pageNums = new Set(this.leaves.map((l) => l.num));
    this.leafByNum = new Map(this.leaves.map((p) => [p.num, p]));
  }

  get info(): PdfDict | undefined {
    const info = this.file.trailer.entries.get("Info");
    return info ? this.file.dict(info) : undefined;
  }

  isPage(num: number): boolean {
    return this.pageNums.has(num);
  }

  prepare(num: number): Prepared {
    let p = this.prepared.get(num);
    if (p) return p;
    const obj = this.file.object(num);
    let value = obj.value;
    const leaf = this.leafByNum.get(num);
    if (value.t === "dict" && (leaf || obj.stream)) {
      const entries = new Map(value.entries);
      if (leaf) {
        for (const [k, v] of leaf.inherited) if (!entries.has(k)) entries.set(k, v);
        entries.set("Parent", { t: "ref", num: PARENT, gen: 0 });
        // The structure tree is not copied, so the page's key into it would point nowhere.
        entries.delete("StructParents");
      }
      if (obj.stream) entries.set("Length", { t: "atom", raw: String(obj.stream.byteLength) });
      value = { t: "dict", entries };
    }
    const refs: number[] = [];
    const collect = (v: PdfValue): void => {
      if (v.t === "ref") {
        if (v.num !== PARENT) refs.push(v.num);
      } else if (v.t === "array") v.items.forEach(collect);
      else if (v.t === "dict") for (const [k, x] of v.entries) if (k !== "Parent" || x.t !== "ref") collect(x);
    };
    collect(value);
    p = { refs, body: serialize(value, (r) => `\uE000${r.num}\uE001`), stream: obj.stream };
    this.prepared.set(num, p);
    return p;
  }
}

/** Pages of one source going into an output file. */
interface Selection {
  source: PageSource;
  pages: PageLeaf[];
}

/**
 * Writes one PDF from pages of one or more sources, with every object those pages use, renumbered densely: 1 the
 * catalog, 2 the page tree, 3 the information, then the copied objects in the order first reached. A reference to
 * a page left out (an internal link) becomes null.
 */
function assemble(selections: readonly Selection[], meta: PdfMetadata, now: Date): Buffer {
  let next = 4;
  const plans = selections.map(({ source, pages }) => {
    const inRange = new Set(pages.map((p) => p.num));
    const renumbered = new Map<number, number>([[PARENT, 2]]);
    const order: number[] = [];
    const stack = pages.map((p) => p.num).reverse();
    while (stack.length) {
      const num = stack.pop() as number;
      if (renumbered.has(num) || (source.isPage(num) && !inRange.has(num)) || !source.file.offsets.has(num)) continue;
      renumbered.set(num, next++);
      order.push(num);
      const refs = source.prepare(num).refs;
      for (let i = refs.length - 1; i >= 0; i--) stack.push(refs[i]);
    }
    return { source, pages, renumbered, order };
  });
  const kids = plans.flatMap((p) => p.pages.map((page) => `${p.renumbered.get(page.num)} 0 R`));
  const writer = new PdfWriter();
  writer.write(1, "<</Type /Catalog\n/Pages 2 0 R>>");
  writer.write(2, `<</Type /Pages\n/Count ${kids.length}\n/Kids [${kids.join(" ")}]>>`);
  writer.write(3, serialize(infoDict(meta, now, selections[0]?.source.info), noRefs));
  for (const { source, renumbered, order } of plans) {
    const fill = (body: string) =>
      body.replace(/\uE000(-?\d+)\uE001/g, (_m, n: string) => {
        const to = renumbered.get(Number(n));
        return to === undefined ? "null" : `${to} 0 R`;
      });
    for (const num of order) {
      const p = source.prepare(num);
      writer.write(renumbered.get(num) as number, fill(p.body), p.stream);
    }
  }
  return writer.finish("/Root 1 0 R\n/Info 3 0 R");
}

/**
 * Cuts a PDF into several, one per range: each gets its pages and every object they use (fonts, images, content),
 * and its own information dictionary. Tagged structure is not carried over (it spans the whole document), so
 * split sources are rendered untagged.
 */
export function splitPdf(
  pdf: Uint8Array,
  ranges: readonly PageRange[],
  meta: (index: number) => PdfMetadata,
): Buffer[] {
  const source = new PageSource(pdf);
  const now = new Date();
  return ranges.map((range, index) => {
    if (range.first < 0 || range.last >= source.leaves.length || range.first > range.last) {
      throw new PdfFormatError(`page range ${range.first + 1}–${range.last + 1} outside 1–${source.leaves.length}`);
    }
    return assemble([{ source, pages: source.leaves.slice(range.first, range.last + 1) }], meta(index), now);
  });
}

/** Joins PDFs into one, their pages in order (a long document printed in parts). */
export function joinPdfs(pdfs: readonly Uint8Array[], meta: PdfMetadata): Buffer {
  const selections = pdfs.map((pdf) => {
    const source = new PageSource(pdf);
    return { source, pages: source.leaves };
  });
  return assemble(selections, meta, new Date());
}
