// Reads PDFs back with poppler-utils, as a person's PDF viewer would: text, page count, size, metadata, fonts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function withFile<T>(pdf: Uint8Array, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "rapport-pdf-"));
  const path = join(dir, "doc.pdf");
  writeFileSync(path, pdf);
  try {
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfText(pdf: Uint8Array, page?: number): string {
  const range = page ? ["-f", String(page), "-l", String(page)] : [];
  return withFile(pdf, (path) => execFileSync("pdftotext", ["-layout", ...range, path, "-"], { encoding: "utf8" }));
}

export interface PdfInfo {
  pages: number;
  pageSize: string;
  title: string;
  author: string;
  subject: string;
  raw: string;
}

export function pdfInfo(pdf: Uint8Array): PdfInfo {
  const raw = withFile(pdf, (path) => execFileSync("pdfinfo", [path], { encoding: "utf8" }));
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "m").exec(raw)?.[1].trim() ?? "";
  return {
    pages: Number(field("Pages")),
    pageSize: field("Page size"),
    title: field("Title"),
    author: field("Author"),
    subject: field("Subject"),
    raw,
  };
}

/** pdffonts' rows: name, type and whether each font is embedded. */
export function pdfFonts(pdf: Uint8Array): { type: string; embedded: boolean }[] {
  const out = withFile(pdf, (path) => execFileSync("pdffonts", [path], { encoding: "utf8" }));
  return out
    .split("\n")
    .slice(2)
    .filter((l) => l.trim())
    .map((line) => {
      const cols = line.trim().split(/\s{2,}|\s(?=yes|no)/);
      const flags = line.match(/\b(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
      return { type: cols[1] ?? "", embedded: flags?.[1] === "yes" };
    });
}

/** Every word pdftotext finds, with its page and left edge (points): where a column starts on each page. */
export function pdfWords(pdf: Uint8Array): { page: number; x: number; text: string }[] {
  const html = withFile(pdf, (path) => execFileSync("pdftotext", ["-bbox", path, "-"], { encoding: "utf8" }));
  const words: { page: number; x: number; text: string }[] = [];
  let page = 0;
  for (const line of html.split("\n")) {
    if (line.includes("<page ")) page++;
    const m = /<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/.exec(line);
    if (m) words.push({ page, x: Number(m[1]), text: m[2] });
  }
  return words;
}
