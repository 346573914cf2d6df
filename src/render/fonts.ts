// Each printed document carries its own CJK fonts, cut down to the characters it uses. Chrome's PDF printer spends
// a fixed 0.3–0.6 s on every whole system CJK face a document uses (measured here on the 19–27 MB Noto CJK files,
// whatever the page count), so a report in serif body text with sans headings paid over a second for its fonts
// alone; a subset of a few hundred characters costs milliseconds. The subsets are declared under the
// system fonts' own family names, so templates, charts, headers and footers need no change, and a character a
// subset lacks still falls back to the system's fonts.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { intoBody, intoHead } from "./html";
import type { DocumentAsset } from "./pool";

/** A face of an installed font file, as fontconfig found it. */
export interface LocalFont {
  /** The family name templates ask for, e.g. "Noto Sans CJK SC". */
  family: string;
  weight: 400 | 700;
  file: string;
  /** The face's index inside a collection (.ttc), 0 for a single font file. */
  index: number;
}

/** The families Rapport's own templates, charts, headers and footers name first (templates/style.css). */
export const SUBSET_FAMILIES = ["Noto Sans CJK SC", "Noto Serif CJK SC"] as const;

/** fontconfig's weight for bold (FC_WEIGHT_BOLD); regular is 80. */
const FC_BOLD = 200;

function fcMatch(pattern: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      "fc-match",
      ["--format=%{family}\t%{weight}\t%{file}\t%{index}", pattern],
      { timeout: 5000, windowsHide: true },
      (error, stdout) => resolve(error ? null : stdout),
    );
  });
}

/**
 * The installed faces of the subset families, found with fontconfig (Linux, and macOS with fontconfig). None when
 * fontconfig is missing (Windows) or the fonts are not installed: documents then print with the system fonts as
 * they are, correct but slower.
 */
export async function locateFonts(families: readonly string[] = SUBSET_FAMILIES): Promise<LocalFont[]> {
  const found: LocalFont[] = [];
  for (const family of families) {
    for (const weight of [400, 700] as const) {
      const answer = await fcMatch(`${family}:weight=${weight === 700 ? "bold" : "regular"}`);
      if (!answer) continue;
      const [names, fcWeight, file, index] = answer.split("\t");
      // fontconfig always answers with something; only the family itself, at the weight asked for, will do.
      if (!names?.split(",").includes(family) || !file) continue;
      if (Number(fcWeight) >= FC_BOLD !== (weight === 700)) continue;
      found.push({ family, weight, file, index: Number(index) || 0 });
    }
  }
  return found;
}

/** What HarfBuzz's subsetter (harfbuzzjs) exports and Rapport calls. */
interface HarfBuzzSubset {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_READONLY = 1;

/** Characters always kept: what headers, footers, page numbers and list markers may add to any document. */
const ALWAYS = (() => {
  const set = new Set<number>();
  for (let c = 0x20; c < 0x7f; c++) set.add(c);
  for (const c of "第页共／·、，。：；（）—…“”‘’《》【】￥¥年月日") set.add(c.codePointAt(0)!);
  return set;
})();

/** The characters a document shows: every code point of its HTML (text, attributes, inline SVG) plus `ALWAYS`. */
export function codePointsOf(html: string): Set<number> {
  const points = new Set(ALWAYS);
  for (const ch of html) points.add(ch.codePointAt(0)!);
  return points;
}

let wasmModule: Promise<WebAssembly.Module> | null = null;

function harfBuzzModule(): Promise<WebAssembly.Module> {
  wasmModule ??= readFile(createRequire(import.meta.url).resolve("harfbuzzjs/dist/harfbuzz-subset.wasm")).then(
    (bytes) => WebAssembly.compile(bytes),
  );
  return wasmModule;
}

/**
 * One installed face loaded into its own instance of HarfBuzz's subsetter (WebAssembly, 64 MB of memory at most, so
 * one CJK face each), kept for every document after: a subset then costs tens of milliseconds, not a file read.
 */
export class FaceSubsetter {
  private constructor(
    private readonly hb: HarfBuzzSubset,
    private readonly face: number,
  ) {}

  /** Null when the file cannot be read or loaded (the document then prints with the system font). */
  static async load(font: LocalFont): Promise<FaceSubsetter | null> {
    let file: Buffer;
    try {
      file = await readFile(font.file);
    } catch {
      return null;
    }
    const instance = await WebAssembly.instantiate(await harfBuzzModule());
    const hb = instance.exports as unknown as HarfBuzzSubset;
    hb._initialize();
    const data = hb.malloc(file.byteLength);
    if (!data) return null;
    new Uint8Array(hb.memory.buffer).set(file, data);
    // The blob keeps the font's bytes for as long as the face lives, i.e. for the process.
    const blob = hb.hb_blob_create(data, file.byteLength, HB_MEMORY_MODE_READONLY, 0, 0);
    const face = hb.hb_face_create(blob, font.index);
    hb.hb_blob_destroy(blob);
    return new FaceSubsetter(hb, face);
  }

  /**
   * The face cut down to these characters (OpenType layout, vertical metrics and names kept, so vertical section
   * titles and punctuation still lay out as with the whole font), or null when HarfBuzz cannot subset it.
   */
  subset(codePoints: Iterable<number>): Uint8Array | null {
    const hb = this.hb;
    const input = hb.hb_subset_input_create_or_fail();
    if (!input) return null;
    try {
      const unicodes = hb.hb_subset_input_unicode_set(input);
      for (const c of codePoints) hb.hb_set_add(unicodes, c);
      const subset = hb.hb_subset_or_fail(this.face, input);
      if (!subset) return null;
      const result = hb.hb_face_reference_blob(subset);
      const length = hb.hb_blob_get_length(result);
      // Copied out: the wasm memory is reused by the next subset.
      const bytes = length ? new Uint8Array(hb.memory.buffer, hb.hb_blob_get_data(result, 0), length).slice() : null;
      hb.hb_blob_destroy(result);
      hb.hb_face_destroy(subset);
      return bytes;
    } finally {
      hb.hb_subset_input_destroy(input);
    }
  }
}

function fontFaceRule(font: LocalFont, url: string): string {
  return (
    `@font-face{font-family:${JSON.stringify(font.family)};font-style:normal;` +
    `font-weight:${font.weight};src:url(${JSON.stringify(url)})}`
  );
}

/** A document ready to print with its own fonts. */
export interface FontedDocument {
  html: string;
  headerTemplate: string;
  footerTemplate: string;
  /**
   * The document's font files by path, cut when Chrome first asks for one: a face the page never uses costs
   * nothing (nor is it loaded). A face that cannot be loaded or cut answers null: the page falls back to the
   * system's fonts for it.
   */
  asset(path: string): Promise<DocumentAsset | null>;
}

/** Faces loaded into a subsetter, for the process: every renderer shares them (each holds a whole font file). */
const loadedFaces = new Map<string, Promise<FaceSubsetter | null>>();

/** Path under the document's origin where a document's subset fonts are served. */
export const FONT_PATH = "/rapport-fonts/";

/** The installed CJK faces, each with its subsetter once first needed, for one renderer. */
export class DocumentFonts {
  private serial = 0;
  /** Headers and footers repeat from document to document (every batch of per-customer forms): the last is kept. */
  private lastMargins: { key: string; faces: MarginFaces } | null = null;

  private constructor(private readonly fonts: readonly LocalFont[]) {}

  /** Null when none of the families is installed (or fontconfig is missing): print with the system fonts. */
  static async create(): Promise<DocumentFonts | null> {
    const fonts = await locateFonts();
    return fonts.length ? new DocumentFonts(fonts) : null;
  }

  private subsetter(font: LocalFont): Promise<FaceSubsetter | null> {
    const key = `${font.file}#${font.index}`;
    let s = loadedFaces.get(key);
    if (!s) {
      // A face that cannot be loaded is left to the system, as when it is not installed.
      s = FaceSubsetter.load(font).catch(() => null);
      loadedFaces.set(key, s);
    }
    return s;
  }

  async apply(html: string, headerTemplate: string, footerTemplate: string): Promise<FontedDocument> {
    const id = ++this.serial;
    const points = codePointsOf(html);
    const files = new Map(this.fonts.map((font, i) => [`${FONT_PATH}${id}-${i}.otf`, font]));
    const cuts = new Map<LocalFont, Promise<Uint8Array | null>>();
    const rules = [...files].map(([path, font]) => fontFaceRule(font, path)).join("");
    const margins = await this.marginFaces(headerTemplate + footerTemplate);
    const styled = rules || margins.rules ? intoHead(html, `<style>${rules}${margins.warm.rules}</style>`) : html;
    return {
      html: margins.warm.markup ? intoBody(styled, margins.warm.markup) : styled,
      headerTemplate: margins.rules ? `<style>${margins.rules}</style>${headerTemplate}` : headerTemplate,
      footerTemplate: margins.rules ? `<style>${margins.rules}</style>${footerTemplate}` : footerTemplate,
      asset: async (path) => {
        const font = files.get(path);
        if (!font) return null;
        let cut = cuts.get(font);
        if (!cut) {
          cut = this.subsetter(font)
            .then((s) => s?.subset(points) ?? null)
            .catch(() => null);
          cuts.set(font, cut);
        }
        const body = await cut;
        return body ? { body, type: "font/otf" } : null;
      },
    };
  }

  /**
   * Faces for the header and footer: only the families they name, cut to their text, inlined as `data:` URLs (the
   * margins load nothing). Chrome lays the margins out at print time without waiting for fonts, so the same URLs are
   * also used, out of sight, by the document itself: loaded with it, they are in memory when the margins ask.
   */
  private async marginFaces(markup: string): Promise<MarginFaces> {
    if (this.lastMargins?.key === markup) return this.lastMargins.faces;
    const points = codePointsOf(markup);
    const faces: MarginFaces = { rules: "", warm: { rules: "", markup: "" } };
    let count = 0;
    for (const font of this.fonts.filter((f) => markup.includes(f.family))) {
      let body: Uint8Array | null | undefined;
      try {
        body = (await this.subsetter(font))?.subset(points);
      } catch {
        body = null; // HarfBuzz failed on this text: the margins use the system font.
      }
      if (!body) continue;
      const url = `data:font/otf;base64,${Buffer.from(body).toString("base64")}`;
      const warmFamily = `rapport-margins-${count++}`;
      faces.rules += fontFaceRule(font, url);
      faces.warm.rules += fontFaceRule({ ...font, family: warmFamily }, url);
      faces.warm.markup += `<span style="font-family:${warmFamily}">页</span>`;
    }
    if (faces.warm.markup) {
      faces.warm.markup = `<div aria-hidden="true" style="position:absolute;width:0;height:0;overflow:hidden">${faces.warm.markup}</div>`;
    }
    this.lastMargins = { key: markup, faces };
    return faces;
  }
}

interface MarginFaces {
  /** `@font-face` rules for the header and footer. */
  rules: string;
  /** The same fonts under names of their own, and text that uses them, for the document. */
  warm: { rules: string; markup: string };
}
