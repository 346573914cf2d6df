// Per-document font subsets: the installed Noto CJK faces found by fontconfig, cut by HarfBuzz to a document's
// characters, read back with HarfBuzz's own shaper build (an independent reading of the subset's character map).
import { Blob, Face } from "harfbuzzjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Renderer } from "../../src/render";
import {
  codePointsOf,
  DocumentFonts,
  FaceSubsetter,
  FONT_PATH,
  locateFonts,
  type LocalFont,
} from "../../src/render/fonts";
import { intoHead } from "../../src/render/html";
import { allData } from "./fixtures";
import { pdfInfo, pdfText } from "./poppler";

function unicodesOf(font: Uint8Array): Set<number> {
  return new Set(new Face(new Blob(font), 0).collectUnicodes());
}

const cps = (text: string) => [...text].map((c) => c.codePointAt(0)!);

let fonts: LocalFont[];

beforeAll(async () => {
  fonts = await locateFonts();
});

describe("locating the installed faces", () => {
  it("finds Noto Sans and Serif CJK SC, regular and bold, in their collections", () => {
    // .ci/run installs fonts-noto-cjk: these four faces are what the stylesheet, charts and margins name.
    const seen = fonts.map((f) => `${f.family} ${f.weight}`).sort();
    expect(seen).toEqual([
      "Noto Sans CJK SC 400",
      "Noto Sans CJK SC 700",
      "Noto Serif CJK SC 400",
      "Noto Serif CJK SC 700",
    ]);
    for (const f of fonts) {
      expect(f.file).toMatch(/\.(ttc|otf|ttf)$/i);
      expect(Number.isInteger(f.index)).toBe(true);
    }
    // The bold face is another file than the regular one, not the regular face matched for want of a bold.
    expect(new Set(fonts.map((f) => f.file)).size).toBe(4);
  });

  it("takes nothing for a family that is not installed (fontconfig's nearest match is not the family)", async () => {
    expect(await locateFonts(["Rapport No Such Family"])).toEqual([]);
  });
});

describe("cutting a face to a document's characters", () => {
  it("keeps exactly the characters asked for that the face has, in a file a fraction of the face's size", async () => {
    const sans = fonts.find((f) => f.family === "Noto Sans CJK SC" && f.weight === 400)!;
    const subsetter = (await FaceSubsetter.load(sans))!;
    const asked = cps("客户关系维护报告 ABC 123，。");
    const cut = subsetter.subset(asked)!;
    expect(new TextDecoder().decode(cut.slice(0, 4))).toBe("OTTO"); // still an OpenType (CFF) font
    expect(cut.byteLength).toBeLessThan(200_000); // the face is 19 MB
    expect(unicodesOf(cut)).toEqual(new Set(asked));
    // A character the face lacks is simply not there: the page falls back to the next font for it.
    const withMissing = subsetter.subset([...asked, 0x1f600])!;
    expect(unicodesOf(withMissing).has(0x1f600)).toBe(false);
    expect(unicodesOf(withMissing).has("客".codePointAt(0)!)).toBe(true);
  });

  it("counts every character of the HTML, beyond the BMP too, and the ones margins and markers add", () => {
    const points = codePointsOf("<p>张𠮷</p>");
    expect(points.has("张".codePointAt(0)!)).toBe(true);
    expect(points.has(0x20bb7)).toBe(true); // 𠮷, a surrogate pair in the string
    expect(points.has("页".codePointAt(0)!)).toBe(true);
    expect(points.has("9".codePointAt(0)!)).toBe(true);
  });

  it("puts its rules at the end of the head, else before the body, else first", () => {
    expect(intoHead("<html><head><title>t</title></head><body>x</body></html>", "<style>s</style>")).toBe(
      "<html><head><title>t</title><style>s</style></head><body>x</body></html>",
    );
    expect(intoHead("<p>x</p>", "<style>s</style>")).toBe("<style>s</style><p>x</p>");
    expect(intoHead("<html><body>x</body></html>", "<style>s</style>")).toBe(
      "<html><style>s</style><body>x</body></html>",
    );
  });
});

describe("a document with its own fonts", () => {
  it("declares every installed face under its own family name and serves each cut to the document", async () => {
    const docFonts = (await DocumentFonts.create())!;
    const html = "<html><head></head><body><h1>客户关系维护报告</h1><p>张𠮷</p></body></html>";
    const header =
      '<div style="font-family: &quot;Noto Sans CJK SC&quot;">第 <span class="pageNumber"></span> 页</div>';
    const doc = await docFonts.apply(html, header, "<span>编号</span>");
    const urls = [...doc.html.matchAll(/src:url\("([^"]+)"\)/g)].map((m) => m[1]);
    const paths = urls.filter((u) => u.startsWith(FONT_PATH));
    expect(paths).toHaveLength(4);
    expect(doc.html).toContain('font-family:"Noto Serif CJK SC";font-style:normal;font-weight:700');
    for (const path of paths) {
      expect(path.startsWith(FONT_PATH)).toBe(true);
      const served = (await doc.asset(path))!;
      expect(served.type).toBe("font/otf");
      const unicodes = unicodesOf(served.body);
      for (const c of "客户关系维护报告张") expect(unicodes.has(c.codePointAt(0)!)).toBe(true);
    }
    expect(await doc.asset(`${FONT_PATH}999-0.otf`)).toBeNull();
    // The header names only the sans family: only its faces are inlined there, as data: URLs (margins load nothing).
    expect(doc.headerTemplate).toMatch(/^<style>@font-face\{font-family:"Noto Sans CJK SC"/);
    expect(doc.headerTemplate).not.toContain("Noto Serif CJK SC");
    expect(doc.headerTemplate).toContain('src:url("data:font/otf;base64,');
    // The footer names no family: it gets the header's rules all the same (both are printed on every page).
    expect(doc.footerTemplate.endsWith("<span>编号</span>")).toBe(true);
    // Chrome does not wait for fonts in the margins: the document uses the same data: URLs, out of sight, so that
    // they are loaded before the margins are laid out.
    const marginUrl = /src:url\("(data:[^"]+)"\)/.exec(doc.headerTemplate)![1];
    expect(urls).toContain(marginUrl);
    expect(doc.html).toMatch(
      /<body><div aria-hidden="true" style="position:absolute;width:0;height:0;overflow:hidden">/,
    );
  });

  describe("printed", () => {
    let subset: Renderer;
    let system: Renderer;
    beforeAll(async () => {
      subset = await Renderer.create({});
      system = await Renderer.create({ subsetFonts: false });
    });
    afterAll(async () => {
      await subset?.close();
      await system?.close();
    });

    it("reads the same, margins included, and paginates the same as with the whole system fonts, in a smaller file", async () => {
      const data = allData();
      const a = await subset.render("report", data.report);
      const b = await system.render("report", data.report);
      const squash = (t: string) => t.replace(/\s+/g, "");
      expect(squash(pdfText(a.pdf))).toBe(squash(pdfText(b.pdf)));
      expect(pdfInfo(a.pdf).pages).toBe(pdfInfo(b.pdf).pages);
      expect(a.blocked).toEqual([]);
      expect(a.pdf.byteLength).toBeLessThan(b.pdf.byteLength);
      // The footer's date is one run of one font, as with the system fonts (not digits from a fallback font beside
      // CJK from another, which is what margins printed before their font loaded look like).
      const footerDate = (pdf: Uint8Array) => pdfText(pdf, 1).trim().split("\n").at(-1)!.trim().split(/\s+/).at(-1);
      expect(footerDate(a.pdf)).toBe("2026年11月25日");
      expect(footerDate(b.pdf)).toBe("2026年11月25日");
    });
  });
});
