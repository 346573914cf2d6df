// The add-in's local HTTPS server (`rapport serve`): serves the built task pane and turns template data into PDFs
// (`POST /api/render`). It listens on the loopback interface only: a request whose Host is not this server (DNS
// rebinding) gets 421. The pane's files are served to any page — Excel on the web frames the pane from its own
// site — but the API answers only the pane itself: a request to /api/* from another origin or site gets 403.
// Bodies are size-limited (413), template names come from the fixed list (400), renders are limited to a few at a
// time with a short queue (503 + Retry-After beyond it), and every error is JSON with a message in Chinese and
// English — never a stack trace. A render can also be kept for a few minutes under an unguessable address
// (`GET /api/pdf/<id>`), for Office's own browser window (`Office.context.ui.openBrowserWindow`), which cannot
// open the pane's blob: URLs.
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { isTemplateName, TEMPLATES, type TemplateName } from "../render/catalog";
import { RenderError } from "../render/errors";
import type { BilingualText } from "../core/types";
import type { PdfOptions, PdfRenderer } from "./renderer";
import type { TlsMaterial } from "./certs";

export const DEFAULT_PORT = 3000;
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** How long a PDF kept for `GET /api/pdf/<id>` stays there. */
export const DEFAULT_PDF_TTL_MS = 5 * 60_000;
/** Memory for kept PDFs: the oldest go first beyond it. */
export const DEFAULT_PDF_STORE_BYTES = 64 * 1024 * 1024;
/** Kept PDFs at most, whatever their size. */
export const DEFAULT_PDF_STORE_COUNT = 50;

export interface ServerOptions {
  tls: TlsMaterial;
  /** The built task pane (webpack's `dist/`). */
  root: string;
  renderer: PdfRenderer;
  port?: number;
  maxBodyBytes?: number;
  /** Renders at once. */
  concurrency?: number;
  /** Renders waiting beyond those; more are refused with 503. */
  queueLimit?: number;
  /** Seconds a refused client is told to wait. */
  retryAfterSeconds?: number;
  /** Kept PDFs (`options.link`): how long, and how much memory and how many at most. */
  pdfTtlMs?: number;
  pdfStoreBytes?: number;
  pdfStoreCount?: number;
  /** The clock of the PDF store (tests). */
  now?: () => number;
  log?: (line: string) => void;
}

export interface RunningServer {
  port: number;
  origin: string;
  /** Renders running and waiting, for tests and the log. */
  load(): { active: number; queued: number };
  /** PDFs kept for `GET /api/pdf/<id>` now, and their bytes. */
  kept(): { count: number; bytes: number };
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: BilingualText,
    readonly headers: Record<string, string> = {},
  ) {
    super(text.en);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.text } }, error.headers);
}

/** Host names this server answers to, with its port: anything else is another site's name pointed at us. */
function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`].includes(h);
}

function ownOrigins(port: number): string[] {
  return [`https://localhost:${port}`, `https://127.0.0.1:${port}`, `https://[::1]:${port}`];
}

/** Reads a JSON body up to a limit: refuses at once on a larger Content-Length, else while it streams. */
async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const tooLarge = new HttpError(413, "too-large", {
    zh: `请求内容超过 ${Math.round(limit / 1024 / 1024)} MB 的上限：请缩小期间或分批生成`,
    en: `the request is over the ${Math.round(limit / 1024 / 1024)} MB limit: choose a shorter period or make the PDFs in parts`,
  });
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "bad-json", { zh: "请求内容不是有效的 JSON", en: "the request body is not valid JSON" });
  }
}

interface RenderRequest {
  template: TemplateName;
  data: object;
  options: PdfOptions;
  /** Answer `{ url }` of a kept copy instead of the PDF itself. */
  link: boolean;
  /** The file name the PDF is offered under (kept copies only). */
  fileName?: string;
}

/** A file name for Content-Disposition: no path, no control characters, ends in .pdf. */
function cleanFileName(value: unknown, fallback: string): string {
  if (typeof value !== "string") return fallback;
  const name = value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, "-")
    .trim()
    .slice(0, 120);
  if (!name || /^\.+$/.test(name)) return fallback;
  return /\.pdf$/i.test(name) ? name : `${name}.pdf`;
}

function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function renderRequest(body: unknown): RenderRequest {
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const template = b.template;
  if (typeof template !== "string" || !isTemplateName(template)) {
    throw new HttpError(400, "unknown-template", {
      zh: `没有这个模板；可用的模板：${Object.keys(TEMPLATES).join("、")}`,
      en: `no such template; the templates are: ${Object.keys(TEMPLATES).join(", ")}`,
    });
  }
  if (typeof b.data !== "object" || b.data === null || Array.isArray(b.data)) {
    throw new HttpError(400, "bad-data", { zh: "data 应为对象", en: "data must be an object" });
  }
  const o = (typeof b.options === "object" && b.options !== null ? b.options : {}) as Record<string, unknown>;
  const options: PdfOptions = {};
  if (typeof o.mask === "boolean") options.mask = o.mask;
  if (o.locale === "zh-CN" || o.locale === "en") options.locale = o.locale;
  if (typeof o.today === "string" && /^\d{4}-\d{2}-\d{2}$/.test(o.today)) options.today = o.today;
  return {
    template,
    data: b.data,
    options,
    link: o.link === true,
    fileName: cleanFileName(o.fileName, `${template}.pdf`),
  };
}

function renderFailure(e: unknown): HttpError {
  if (e instanceof RenderError) {
    const status = e.code === "template-data" ? 422 : e.code === "timeout" ? 504 : 500;
    return new HttpError(status, e.code, e.text);
  }
  if (e instanceof HttpError) return e;
  const detail = e instanceof Error ? e.message.split("\n")[0] : String(e);
  return new HttpError(500, "internal", { zh: `内部错误：${detail}`, en: `internal error: ${detail}` });
}

/** A waiting render: started when a slot frees up, dropped if its client goes away first. */
interface Waiter {
  start: () => void;
  refuse: (error: HttpError) => void;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  let port = options.port ?? DEFAULT_PORT;
  const root = resolve(options.root);
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const concurrency = options.concurrency ?? 2;
  const queueLimit = options.queueLimit ?? 8;
  const retryAfter = String(options.retryAfterSeconds ?? 5);
  const log = options.log ?? (() => undefined);
  let origins = ownOrigins(port);
  const pdfTtl = options.pdfTtlMs ?? DEFAULT_PDF_TTL_MS;
  const pdfBytes = options.pdfStoreBytes ?? DEFAULT_PDF_STORE_BYTES;
  const pdfCount = options.pdfStoreCount ?? DEFAULT_PDF_STORE_COUNT;
  const now = options.now ?? Date.now;
  /** Kept PDFs by id, oldest first (a Map keeps insertion order). */
  const kept = new Map<string, { pdf: Uint8Array; name: string; expires: number }>();
  let keptBytes = 0;
  const forget = (id: string) => {
    const entry = kept.get(id);
    if (!entry) return;
    keptBytes -= entry.pdf.byteLength;
    kept.delete(id);
  };
  const purge = () => {
    const t = now();
    for (const [id, entry] of kept) if (entry.expires <= t) forget(id);
  };
  const keep = (pdf: Uint8Array, name: string): string => {
    purge();
    // The oldest make room: a new PDF is always kept (one larger than the whole store alone).
    for (const id of kept.keys()) {
      if (keptBytes + pdf.byteLength <= pdfBytes && kept.size < pdfCount) break;
      forget(id);
    }
    // 256 random bits, URL-safe: the address is the only key to the PDF.
    const id = randomBytes(32).toString("base64url");
    kept.set(id, { pdf, name, expires: now() + pdfTtl });
    keptBytes += pdf.byteLength;
    return id;
  };
  let active = 0;
  const queue: Waiter[] = [];
  let closing = false;

  const slot = (res: ServerResponse): Promise<void> => {
    if (active < concurrency) {
      active++;
      return Promise.resolve();
    }
    if (queue.length >= queueLimit) {
      return Promise.reject(
        new HttpError(
          503,
          "busy",
          {
            zh: `正在生成的 PDF 太多，请 ${retryAfter} 秒后再试`,
            en: `too many PDFs are being made; try again in ${retryAfter} seconds`,
          },
          { "Retry-After": retryAfter },
        ),
      );
    }
    return new Promise((resolveSlot, refuse) => {
      const waiter: Waiter = { start: () => resolveSlot(), refuse };
      queue.push(waiter);
      // A client that gives up while waiting frees its place in the queue.
      res.once("close", () => {
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
      });
    });
  };
  const release = () => {
    const next = queue.shift();
    if (next) next.start();
    else active--;
  };

  async function serveFile(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      throw new HttpError(400, "bad-path", { zh: "路径无效", en: "invalid path" });
    }
    const relative = decoded === "/" ? "taskpane.html" : decoded.replace(/^\/+/, "");
    const file = normalize(join(root, relative));
    if (!file.startsWith(root + sep) || relative.split("/").some((p) => p.startsWith("."))) {
      throw new HttpError(404, "not-found", { zh: "找不到该文件", en: "not found" });
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new HttpError(404, "not-found", { zh: "找不到该文件", en: "not found" });
    res.writeHead(200, {
      "Content-Type": MIME[extname(file).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": info.size,
      // The pane must pick up a new build at once; Office caches aggressively otherwise.
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    await new Promise<void>((done, fail) => {
      const stream = createReadStream(file);
      stream.on("error", fail);
      res.on("close", () => {
        stream.destroy();
        done();
      });
      stream.pipe(res);
    });
  }

  async function render(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = String(req.headers["content-type"] ?? "");
    if (!/^application\/json\b/i.test(type)) {
      throw new HttpError(415, "bad-content-type", {
        zh: "请求须为 application/json",
        en: "the request must be application/json",
      });
    }
    const body = await readJson(req, limit);
    const { template, data, options: pdfOptions, link, fileName } = renderRequest(body);
    await slot(res);
    if (res.destroyed) {
      release();
      return;
    }
    const started = performance.now();
    try {
      const pdf = await options.renderer.render(template, data, pdfOptions);
      if (res.destroyed) return;
      if (link) {
        const id = keep(pdf, fileName ?? `${template}.pdf`);
        // The address the pane was loaded from (Host was checked): localhost or 127.0.0.1 alike.
        const url = `https://${String(req.headers.host).toLowerCase()}/api/pdf/${id}`;
        sendJson(res, 201, { url, bytes: pdf.byteLength, expiresInSeconds: Math.round(pdfTtl / 1000) });
        log(`render ${template}: ${pdf.byteLength} bytes in ${Math.round(performance.now() - started)} ms (kept)`);
        return;
      }
      res.writeHead(200, {
        "Content-Type": "application/pdf",
        "Content-Length": pdf.byteLength,
        "Content-Disposition": `attachment; filename="${template}.pdf"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
      res.end(pdf);
      log(`render ${template}: ${pdf.byteLength} bytes in ${Math.round(performance.now() - started)} ms`);
    } finally {
      release();
    }
  }

  function servePdf(req: IncomingMessage, res: ServerResponse, id: string, download: boolean): void {
    if (req.method !== "GET" && req.method !== "HEAD") {
      throw new HttpError(405, "method", { zh: "只支持 GET", en: "only GET is supported" }, { Allow: "GET, HEAD" });
    }
    purge();
    const entry = /^[A-Za-z0-9_-]{43}$/.test(id) ? kept.get(id) : undefined;
    if (!entry) {
      throw new HttpError(404, "pdf-gone", {
        zh: "该 PDF 已过期或不存在：请在任务窗格中重新生成",
        en: "this PDF has expired or never existed: make it again in the task pane",
      });
    }
    res.writeHead(200, {
      "Content-Type": "application/pdf",
      "Content-Length": entry.pdf.byteLength,
      "Content-Disposition": contentDisposition(download ? "attachment" : "inline", entry.name),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    });
    res.end(req.method === "HEAD" ? undefined : entry.pdf);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, port)) {
      throw new HttpError(421, "wrong-host", {
        zh: "此服务只接受发往 localhost 的请求",
        en: "this server answers requests for localhost only",
      });
    }
    const url = new URL(req.url ?? "/", `https://localhost:${port}`);
    const path = url.pathname;
    // The pane's files go to any page that asks (Excel on the web frames the pane from its own site, and shows the
    // icons); the API only to the pane itself, whose fetches are same-origin. A kept PDF opened in the browser
    // comes with no Origin and `Sec-Fetch-Site: none`.
    const origin = req.headers.origin;
    const site = req.headers["sec-fetch-site"];
    const api = path === "/api" || path.startsWith("/api/");
    if (api && ((origin !== undefined && !origins.includes(origin)) || site === "cross-site" || site === "same-site")) {
      throw new HttpError(403, "wrong-origin", {
        zh: "拒绝来自其他网站的请求：只有 Rapport 加载项自己的页面可以使用此服务",
        en: "requests from other sites are refused: only the Rapport add-in's own pages may use this server",
      });
    }
    if (closing) {
      throw new HttpError(
        503,
        "closing",
        { zh: "服务正在关闭", en: "the server is shutting down" },
        {
          "Retry-After": retryAfter,
          Connection: "close",
        },
      );
    }
    if (path === "/api/render") {
      if (req.method !== "POST") {
        throw new HttpError(405, "method", { zh: "请用 POST", en: "use POST" }, { Allow: "POST" });
      }
      await render(req, res);
      return;
    }
    const pdf = /^\/api\/pdf\/([^/]*)$/.exec(path);
    if (pdf) {
      servePdf(req, res, pdf[1], url.searchParams.get("download") === "1");
      return;
    }
    if (path === "/api/health") {
      sendJson(res, 200, {
        ok: true,
        templates: options.renderer.templates.map((name) => ({ name, title: TEMPLATES[name].title })),
        load: { active, queued: queue.length },
      });
      return;
    }
    if (path.startsWith("/api/")) throw new HttpError(404, "not-found", { zh: "没有该接口", en: "no such endpoint" });
    if (req.method !== "GET" && req.method !== "HEAD") {
      throw new HttpError(405, "method", { zh: "只支持 GET", en: "only GET is supported" }, { Allow: "GET, HEAD" });
    }
    await serveFile(req, res, path);
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      const error = renderFailure(e);
      if (error.status >= 500 && error.status !== 503) log(`error ${req.method} ${req.url}: ${error.text.en}`);
      // An unread body (refused early) would otherwise keep the connection busy.
      if (!req.complete) res.setHeader("Connection", "close");
      sendError(res, error);
    });
  };

  const servers: Server[] = [];
  const listen = (host: string) =>
    new Promise<Server>((done, fail) => {
      const server = createServer({ key: options.tls.key, cert: options.tls.cert }, onRequest);
      server.headersTimeout = 30_000;
      server.requestTimeout = 5 * 60_000;
      server.once("error", fail);
      server.listen({ port, host, exclusive: true }, () => {
        server.off("error", fail);
        done(server);
      });
    });
  servers.push(await listen("127.0.0.1"));
  // Port 0 (tests): the port the system gave is the one every check and the IPv6 listener use.
  port = (servers[0].address() as AddressInfo).port;
  origins = ownOrigins(port);
  try {
    // `localhost` may resolve to ::1 first; the IPv6 loopback is served too where the machine has one.
    servers.push(await listen("::1"));
  } catch {
    // No IPv6 loopback here: 127.0.0.1 alone.
  }

  return {
    port,
    origin: `https://localhost:${port}`,
    load: () => ({ active, queued: queue.length }),
    kept: () => {
      purge();
      return { count: kept.size, bytes: keptBytes };
    },
    async close() {
      closing = true;
      kept.clear();
      keptBytes = 0;
      for (const w of queue.splice(0)) {
        w.refuse(new HttpError(503, "closing", { zh: "服务正在关闭", en: "the server is shutting down" }));
      }
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((done) => {
              s.close(() => done());
              s.closeIdleConnections();
            }),
        ),
      );
      await options.renderer.close();
    },
  };
}
