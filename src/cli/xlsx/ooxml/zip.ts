import JSZip from "jszip";

/**
 * An OOXML package (a zip) being edited: parts keep their order, compression, dates and — when not written —
 * their compressed bytes. Parts written get a fixed date, so the same content always gives the same file.
 */

/** The date of every part Rapport writes: a fixed one, so writing twice gives identical bytes. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/** jszip keeps a loaded entry's compressed data; its method is not in the public typings. */
interface LoadedEntry {
  _data?: { compression?: { magic?: string } };
  options: { compression?: string | null };
}

const STORE_MAGIC = "\x00\x00";

export class Package {
  private readonly texts = new Map<string, string>();

  private constructor(private readonly zip: JSZip) {}

  static async load(data: Uint8Array): Promise<Package> {
    const zip = await JSZip.loadAsync(data);
    // Keep each entry's own compression, so unchanged parts are copied compressed as they are.
    zip.forEach((_, file) => {
      const entry = file as unknown as LoadedEntry;
      entry.options.compression = entry._data?.compression?.magic === STORE_MAGIC ? "STORE" : "DEFLATE";
    });
    return new Package(zip);
  }

  /** The part names (files, not folders), in the package's order. */
  names(): string[] {
    return Object.keys(this.zip.files).filter((n) => !this.zip.files[n].dir);
  }

  has(name: string): boolean {
    const f = this.zip.files[name];
    return f !== undefined && !f.dir;
  }

  /** A part by name, case-insensitively as OPC names are (the stored spelling). */
  find(name: string): string | undefined {
    if (this.has(name)) return name;
    const lower = name.toLowerCase();
    return this.names().find((n) => n.toLowerCase() === lower);
  }

  async bytes(name: string): Promise<Uint8Array> {
    const f = this.zip.file(name);
    if (!f) throw new Error(`no part ${name}`);
    return f.async("uint8array");
  }

  /** A part as text (UTF-8; a byte-order mark is kept so the part is written back as it was). */
  async text(name: string): Promise<string> {
    const cached = this.texts.get(name);
    if (cached !== undefined) return cached;
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await this.bytes(name));
    this.texts.set(name, text);
    return text;
  }

  /** Writes a part: an existing one is replaced where it is in the package, a new one goes at the end. */
  set(name: string, content: string | Uint8Array): void {
    const existing = this.zip.files[name];
    const unchanged = typeof content === "string" && this.texts.get(name) === content;
    if (existing && unchanged) return;
    if (typeof content === "string") this.texts.set(name, content);
    else this.texts.delete(name);
    this.zip.file(name, typeof content === "string" ? Buffer.from(content, "utf8") : content, {
      date: FIXED_DATE,
      compression:
        existing && (existing as unknown as LoadedEntry).options.compression === "STORE" ? "STORE" : "DEFLATE",
      createFolders: false,
      binary: true,
    });
  }

  remove(name: string): void {
    this.texts.delete(name);
    this.zip.remove(name);
  }

  async write(): Promise<Buffer> {
    return this.zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", platform: "DOS" });
  }
}
