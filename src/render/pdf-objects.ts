// A small reader and writer for the PDFs Chrome's Skia backend writes: one classic cross-reference table, direct
// objects, streams with a `/Length`. Enough to set the document information and to cut a PDF into page ranges,
// without a PDF library: Rapport's PDFs all come from this one producer.

/** Numbers, names, strings, booleans and null, kept exactly as written (strings are never re-encoded). */
export interface PdfAtom {
  t: "atom";
  raw: string;
}
export interface PdfRef {
  t: "ref";
  num: number;
  gen: number;
}
export interface PdfArray {
  t: "array";
  items: PdfValue[];
}
export interface PdfDict {
  t: "dict";
  /** Keys without the slash, in the order written. */
  entries: Map<string, PdfValue>;
}
export type PdfValue = PdfAtom | PdfRef | PdfArray | PdfDict;

export interface PdfObject {
  num: number;
  value: PdfValue;
  /** A stream's bytes as stored (still compressed). */
  stream?: Uint8Array;
}

export class PdfFormatError extends Error {}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set("()<>[]{}/%".split("").map((c) => c.charCodeAt(0)));

/** Tokenizer and recursive-descent parser over the PDF's bytes, read as latin1 so offsets are byte offsets. */
class Parser {
  pos: number;
  constructor(
    readonly text: string,
    start: number,
  ) {
    this.pos = start;
  }

  skipSpace(): void {
    const s = this.text;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (WHITE.has(c)) this.pos++;
      else if (c === 0x25 /* % */) {
        while (this.pos < s.length && s[this.pos] !== "\n" && s[this.pos] !== "\r") this.pos++;
      } else return;
    }
  }

  /** A run of regular characters: a number, a keyword (`obj`, `R`, `true`) or a name body. */
  regular(): string {
    const s = this.text;
    const start = this.pos;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (WHITE.has(c) || DELIM.has(c)) break;
      this.pos++;
    }
    return s.slice(start, this.pos);
  }

  value(): PdfValue {
    this.skipSpace();
    const s = this.text;
    const c = s[this.pos];
    if (c === "<" && s[this.pos + 1] === "<") return this.dict();
    if (c === "[") {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (s[this.pos] === "]") {
          this.pos++;
          return { t: "array", items };
        }
        if (this.pos >= s.length) throw new PdfFormatError("unterminated array");
        items.push(this.value());
      }
    }
    if (c === "(") return { t: "atom", raw: this.literalString() };
    if (c === "<") {
      const end = s.indexOf(">", this.pos);
      if (end < 0) throw new PdfFormatError("unterminated hex string");
      const raw = s.slice(this.pos, end + 1);
      this.pos = end + 1;
      return { t: "atom", raw };
    }
    if (c === "/") {
      this.pos++;
      return { t: "atom", raw: "/" + this.regular() };
    }
    const token = this.regular();
    if (!token) throw new PdfFormatError(`unexpected character at ${this.pos}`);
    // `12 0 R` is a reference: look ahead two tokens, and step back when it is just a number.
    if (/^\d+$/.test(token)) {
      const save = this.pos;
      this.skipSpace();
      const gen = this.regular();
      if (/^\d+$/.test(gen)) {
        this.skipSpace();
        if (this.text[this.pos] === "R" && this.isBoundary(this.pos + 1)) {
          this.pos++;
          return { t: "ref", num: Number(token), gen: Number(gen) };
        }
      }
      this.pos = save;
    }
    return { t: "atom", raw: token };
  }

  isBoundary(at: number): boolean {
    const c = this.text.charCodeAt(at);
    return at >= this.text.length || WHITE.has(c) || DELIM.has(c);
  }

  dict(): PdfDict {
    const s = this.text;
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      if (s[this.pos] === ">" && s[this.pos + 1] === ">") {
        this.pos += 2;
        return { t: "dict", entries };
      }
      if (s[this.pos] !== "/") throw new PdfFormatError(`dictionary key expected at ${this.pos}`);
      this.pos++;
      const key = this.regular();
      entries.set(key, this.value());
    }
  }

  literalString(): string {
    const s = this.text;
    const start = this.pos;
    let depth = 0;
    while (this.pos < s.length) {
      const c = s[this.pos++];
      if (c === "\\") this.pos++;
      else if (c === "(") depth++;
      else if (c === ")" && --depth === 0) return s.slice(start, this.pos);
    }
    throw new PdfFormatError("unterminated string");
  }
}

/** A parsed PDF: objects by number (read on demand) and the trailer. */
export class PdfFile {
  readonly text: string;
  readonly offsets = new Map<number, number>();
  readonly trailer: PdfDict;
  readonly startxref: number;
  private readonly cache = new Map<number, PdfObject>();

  constructor(readonly bytes: Uint8Array) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
    const tail = this.text.slice(-1024);
    const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!m) throw new PdfFormatError("no startxref");
    this.startxref = Number(m[1]);
    if (!this.text.startsWith("xref", this.startxref)) {
      throw new PdfFormatError("cross-reference streams are not supported");
    }
    const trailerAt = this.text.indexOf("trailer", this.startxref);
    if (trailerAt < 0) throw new PdfFormatError("no trailer");
    const table = this.text.slice(this.startxref + 4, trailerAt);
    const lines = table.split(/\r\n|\r|\n/).filter((l) => l.trim() !== "");
    for (let i = 0; i < lines.length;) {
      const [first, count] = lines[i].trim().split(/\s+/).map(Number);
      for (let k = 0; k < count; k++) {
        const entry = lines[i + 1 + k].trim().split(/\s+/);
        if (entry[2] === "n") this.offsets.set(first + k, Number(entry[0]));
      }
      i += count + 1;
    }
    const trailer = new Parser(this.text, trailerAt + "trailer".length).value();
    if (trailer.t !== "dict") throw new PdfFormatError("bad trailer");
    this.trailer = trailer;
  }

  object(num: number): PdfObject {
    const cached = this.cache.get(num);
    if (cached) return cached;
    const offset = this.offsets.get(num);
    if (offset === undefined) throw new PdfFormatError(`object ${num} missing`);
    const p = new Parser(this.text, offset);
    p.skipSpace();
    const head = /^(\d+)\s+(\d+)\s+obj/.exec(this.text.slice(p.pos, p.pos + 32));
    if (!head || Number(head[1]) !== num) throw new PdfFormatError(`object ${num} not at its offset`);
    p.pos += head[0].length;
    const value = p.value();
    p.skipSpace();
    const obj: PdfObject = { num, value };
    if (this.text.startsWith("stream", p.pos)) {
      let start = p.pos + "stream".length;
      if (this.text[start] === "\r") start++;
      if (this.text[start] === "\n") start++;
      const length = value.t === "dict" ? this.resolveNumber(value.entries.get("Length")) : NaN;
      if (!Number.isFinite(length)) throw new PdfFormatError(`stream ${num} has no length`);
      obj.stream = this.bytes.subarray(start, start + length);
    }
    this.cache.set(num, obj);
    return obj;
  }

  /** Follows a reference to its object's value. */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return value?.t === "ref" ? this.object(value.num).value : value;
  }

  resolveNumber(value: PdfValue | undefined): number {
    const v = this.resolve(value);
    return v?.t === "atom" ? Number(v.raw) : NaN;
  }

  dict(value: PdfValue | undefined): PdfDict {
    const v = this.resolve(value);
    if (v?.t !== "dict") throw new PdfFormatError("dictionary expected");
    return v;
  }
}

// ---- writing ----

export function serialize(value: PdfValue, renumber: (ref: PdfRef) => string): string {
  switch (value.t) {
    case "atom":
      return value.raw;
    case "ref":
      return renumber(value);
    case "array":
      return "[" + value.items.map((v) => serialize(v, renumber)).join(" ") + "]";
    case "dict": {
      const parts: string[] = [];
      for (const [k, v] of value.entries) parts.push(`/${k} ${serialize(v, renumber)}`);
      return "<<" + parts.join("\n") + ">>";
    }
  }
}

/** A PDF text string: UTF-16BE with a byte-order mark, as hex, so Chinese titles survive every reader. */
export function textString(text: string): PdfAtom {
  let hex = "FEFF";
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, "0").toUpperCase();
  return { t: "atom", raw: `<${hex}>` };
}

/** `D:YYYYMMDDHHmmSS+00'00'`, in UTC. */
export function pdfDate(date: Date): PdfAtom {
  const iso = date.toISOString();
  return {
    t: "atom",
    raw: `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00')`,
  };
}

/** Accumulates objects and writes a complete file with its cross-reference table. */
export class PdfWriter {
  private readonly chunks: Buffer[] = [];
  private length = 0;
  private readonly offsets: number[] = [];

  constructor(header = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n") {
    this.push(Buffer.from(header, "latin1"));
  }

  private push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** Writes object `num` (numbers are dense from 1; the caller allocates them). */
  write(num: number, body: string, stream?: Uint8Array): void {
    this.offsets[num] = this.length;
    if (!stream) {
      this.push(Buffer.from(`${num} 0 obj\n${body}\nendobj\n`, "latin1"));
      return;
    }
    this.push(Buffer.from(`${num} 0 obj\n${body}\nstream\n`, "latin1"));
    this.push(Buffer.from(stream.buffer, stream.byteOffset, stream.byteLength));
    this.push(Buffer.from("\nendstream\nendobj\n", "latin1"));
  }

  finish(trailer: string): Buffer {
    const xref = this.length;
    const size = this.offsets.length;
    let table = `xref\n0 ${size}\n0000000000 65535 f\r\n`;
    for (let i = 1; i < size; i++) {
      const off = this.offsets[i];
      if (off === undefined) throw new PdfFormatError(`object ${i} was never written`);
      table += `${String(off).padStart(10, "0")} 00000 n\r\n`;
    }
    this.push(Buffer.from(`${table}trailer\n<</Size ${size}\n${trailer}>>\nstartxref\n${xref}\n%%EOF\n`, "latin1"));
    return Buffer.concat(this.chunks, this.length);
  }
}
