// Pooled browser pages. Each page is locked down once, when created: JavaScript off, every request intercepted.
// The document itself is served from a fake origin through the interception, images and fonts come from the
// template folders, and everything else — any http(s), ftp or ws request a template or a customer's data might
// cause — is aborted and recorded.
import { readFile } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import type { Browser, HTTPRequest, Page } from "puppeteer-core";
import { RenderError } from "./errors";

/** `.invalid` never resolves (RFC 2606): even a request that slipped through could not reach anyone. */
export const DOCUMENT_ORIGIN = "https://rapport.invalid";

const ASSET_TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
};

/** A file under one of the asset folders, or null: no escaping the folder, only image and font types. */
export async function readAsset(
  dirs: readonly string[],
  urlPath: string,
): Promise<{ body: Buffer; type: string } | null> {
  let path: string;
  try {
    path = decodeURIComponent(urlPath).replace(/^\/+/, "");
  } catch {
    return null;
  }
  const type = ASSET_TYPES[extname(path).toLowerCase()];
  if (!type) return null;
  for (const dir of dirs) {
    const root = resolve(dir);
    const file = resolve(root, path);
    if (!file.startsWith(root + sep)) return null;
    try {
      return { body: await readFile(file), type };
    } catch {
      // Not in this folder; try the next.
    }
  }
  return null;
}

/** A file a document may ask for at a path of its origin, made in memory (its fonts). */
export interface DocumentAsset {
  body: Uint8Array;
  type: string;
}

export type DocumentAssets = (path: string) => Promise<DocumentAsset | null>;

export interface PooledPage {
  page: Page;
  /**
   * Loads a document into the page and waits for it (and its images) to finish; `assets` answers for paths of this
   * document's own before the template folders are looked at.
   */
  load(html: string, timeoutMs: number, assets?: DocumentAssets): Promise<void>;
  /** URLs the page asked for and was refused since the last load. */
  blocked: string[];
}

interface Slot extends PooledPage {
  html: string;
  assets: DocumentAssets;
  serial: number;
}

const NO_ASSETS: DocumentAssets = async () => null;

async function preparePage(browser: Browser, assetDirs: readonly string[], javascript: boolean): Promise<Slot> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(javascript);
  await page.setRequestInterception(true);
  const slot: Slot = {
    page,
    html: "",
    assets: NO_ASSETS,
    serial: 0,
    blocked: [],
    load: async (html, timeoutMs, assets = NO_ASSETS) => {
      slot.html = html;
      slot.assets = assets;
      slot.blocked = [];
      slot.serial++;
      await page.goto(`${DOCUMENT_ORIGIN}/document-${slot.serial}.html`, { waitUntil: "load", timeout: timeoutMs });
    },
  };
  page.on("request", (request: HTTPRequest) => {
    void answer(request, slot, assetDirs);
  });
  return slot;
}

async function answer(request: HTTPRequest, slot: Slot, assetDirs: readonly string[]): Promise<void> {
  const url = request.url();
  try {
    if (url.startsWith("data:")) return await request.continue();
    if (url.startsWith(DOCUMENT_ORIGIN + "/")) {
      const path = new URL(url).pathname;
      if (/^\/document-\d+\.html$/.test(path)) {
        return await request.respond({ status: 200, contentType: "text/html; charset=utf-8", body: slot.html });
      }
      const own = await slot.assets(path);
      if (own) return await request.respond({ status: 200, contentType: own.type, body: own.body });
      const asset = await readAsset(assetDirs, path);
      if (asset) return await request.respond({ status: 200, contentType: asset.type, body: asset.body });
      return await request.respond({ status: 404, contentType: "text/plain", body: "not found" });
    }
    slot.blocked.push(url.length > 200 ? url.slice(0, 200) + "…" : url);
    await request.abort("blockedbyclient");
  } catch {
    // The page was closed or navigated away while the request was pending; nothing to answer any more.
  }
}

/**
 * Documents a page prints before it is replaced by a fresh one. Chrome keeps some memory for every web font a page
 * has loaded (each document brings its own subsets, see fonts.ts), ~10 MB a document, until the page is closed.
 */
const PAGE_LOADS = 10;

/**
 * A fixed number of prepared pages handed out one render at a time; a page that timed out, or that has printed
 * `PAGE_LOADS` documents, is replaced.
 */
export class PagePool {
  private readonly idle: Slot[] = [];
  private readonly waiting: ((slot: Slot | null) => void)[] = [];
  private created = 0;
  private closed = false;

  constructor(
    private readonly browser: Browser,
    private readonly size: number,
    private readonly assetDirs: readonly string[],
    private readonly javascript = false,
  ) {}

  private async take(): Promise<Slot> {
    if (this.closed) throw closedError();
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.created < this.size) {
      this.created++;
      try {
        return await preparePage(this.browser, this.assetDirs, this.javascript);
      } catch (e) {
        this.created--;
        throw e;
      }
    }
    const slot = await new Promise<Slot | null>((resolve) => this.waiting.push(resolve));
    if (!slot) throw closedError();
    return slot;
  }

  private give(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.idle.push(slot);
  }

  /** Runs `fn` on a page of the pool. When `fn` fails the page is discarded: it may still be busy or broken. */
  async use<T>(fn: (page: PooledPage) => Promise<T>): Promise<T> {
    const slot = await this.take();
    let ok = false;
    try {
      const result = await fn(slot);
      ok = true;
      return result;
    } finally {
      if (ok && !this.closed && slot.serial < PAGE_LOADS) this.give(slot);
      else void this.discard(slot);
    }
  }

  private async discard(slot: Slot): Promise<void> {
    this.created--;
    await slot.page.close().catch(() => undefined);
    // Someone waiting gets a fresh page instead of the broken one.
    const next = this.waiting.shift();
    if (next && !this.closed) {
      this.created++;
      preparePage(this.browser, this.assetDirs, this.javascript).then(next, () => {
        this.created--;
        next(null);
      });
    } else if (next) next(null);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w(null);
    await Promise.all(this.idle.splice(0).map((s) => s.page.close().catch(() => undefined)));
  }
}

function closedError(): RenderError {
  return new RenderError("closed", { zh: "渲染器已关闭", en: "the renderer was closed" });
}
