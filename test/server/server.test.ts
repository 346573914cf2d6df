// The local HTTPS server: a real TLS handshake with the development certificate, every refusal (421, 403, 413,
// 415, 400, 404, 405, 503 + Retry-After), the pane framed by another site in headless Chromium (as Excel on the
// web does), kept PDFs under unguessable addresses, JSON errors without stack traces, the certificate rules,
// `rapport serve` as a command, and 50 concurrent renders on the real renderer without a crash or a browser left
// behind.
import { execFileSync, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { request as httpsRequest } from "node:https";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import puppeteer from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCustomerSheet } from "../../src/core/customer-sheet";
import { buildCallbacksData, buildRosterData } from "../../src/core/report/documents";
import { existsSync } from "node:fs";
import { findBrowser } from "../../src/render/browser";
import { browserProcess } from "../../src/render/session";
import { loadCertificates, type TlsMaterial } from "../../src/server/certs";
import { defaultRenderer, type PdfRenderer } from "../../src/server/renderer";
import { startServer, type RunningServer } from "../../src/server/server";
import { sampleGrids } from "../helpers/excel-fixtures";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  authorized: boolean;
}

let dir: string;
let root: string;
let tls: TlsMaterial;

function call(
  port: number,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    host?: string;
  } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: "127.0.0.1",
        servername: "localhost",
        port,
        method: options.method ?? "GET",
        path: options.path ?? "/",
        ca: tls.ca,
        rejectUnauthorized: true,
        headers: { Host: options.host ?? `localhost:${port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            authorized: (res.socket as TLSSocket).authorized,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

function json(reply: Reply): { error: { code: string; message: { zh: string; en: string } } } {
  expect(reply.headers["content-type"]).toMatch(/^application\/json/);
  const text = reply.body.toString("utf8");
  // Never a stack trace, in any error.
  expect(text).not.toMatch(/\n\s+at |\.ts:\d+|node:internal/);
  return JSON.parse(text);
}

const post = (port: number, body: unknown, headers: Record<string, string> = {}) =>
  call(port, {
    method: "POST",
    path: "/api/render",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

/** A renderer that takes its time and counts what it is asked, for the refusals and the queue. */
function slowRenderer(ms: number, fail?: Error): PdfRenderer & { calls: number; gate?: Promise<void> } {
  const r: PdfRenderer & { calls: number; gate?: Promise<void> } = {
    calls: 0,
    templates: ["plan", "report", "record", "roster", "callbacks", "evaluation"] as const,
    async render() {
      r.calls++;
      // A test holds renders on the gate so that timing on a loaded machine cannot decide who gets in.
      await r.gate;
      await new Promise((done) => setTimeout(done, ms));
      if (fail) throw fail;
      return Buffer.from("%PDF-1.7 fake");
    },
    async close() {},
  };
  return r;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rapport-server-"));
  root = join(dir, "dist");
  await mkdir(join(root, "assets"), { recursive: true });
  await writeFile(
    join(root, "taskpane.html"),
    '<!doctype html><title>Rapport</title><link rel="stylesheet" href="taskpane.css"><script src="taskpane.js"></script>' +
      '<img src="assets/icon-32.png"><p id="pane">Rapport pane</p>',
  );
  await writeFile(join(root, "taskpane.js"), "console.log('pane')");
  await writeFile(join(root, "taskpane.css"), "p { color: #0f6cbd }");
  // A 1×1 PNG.
  await writeFile(
    join(root, "assets", "icon-32.png"),
    Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    ),
  );
  await writeFile(join(root, ".secret"), "no");
  await writeFile(join(dir, "outside.txt"), "outside the root");
  tls = await loadCertificates({ dir: join(dir, "certs") });
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("certificates", () => {
  it("generates development certificates without asking when there is no terminal, then reuses them", async () => {
    expect(tls.source).toBe("generated");
    const again = await loadCertificates({ dir: join(dir, "certs"), interactive: false });
    expect(again.source).toBe("existing");
    expect(again.cert.equals(tls.cert)).toBe(true);
  });

  it("replaces certificates about to expire, and never asks without a terminal", async () => {
    const short = join(dir, "short");
    let asked = false;
    const ask = async () => (asked = true);
    const first = await loadCertificates({ dir: short, days: 1, interactive: false, ask });
    const second = await loadCertificates({ dir: short, interactive: false, ask });
    expect(first.source).toBe("generated");
    expect(second.source).toBe("generated");
    expect(second.cert.equals(first.cert)).toBe(false);
    expect(asked).toBe(false);
  });

  it("takes a company certificate with --cert/--key and explains a missing half", async () => {
    const given = await loadCertificates({ cert: tls.certPath, key: tls.keyPath });
    expect(given.source).toBe("given");
    await expect(loadCertificates({ cert: tls.certPath })).rejects.toMatchObject({
      text: { en: expect.stringContaining("both --cert and --key") },
    });
    await expect(loadCertificates({ cert: join(dir, "none.pem"), key: tls.keyPath })).rejects.toMatchObject({
      text: { zh: expect.stringContaining("无法读取") },
    });
  });
});

describe("server", () => {
  let server: RunningServer;
  let renderer: ReturnType<typeof slowRenderer>;

  beforeAll(async () => {
    renderer = slowRenderer(150);
    server = await startServer({
      tls,
      root,
      renderer,
      port: 0,
      maxBodyBytes: 64 * 1024,
      concurrency: 2,
      queueLimit: 3,
      retryAfterSeconds: 7,
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it("completes a TLS handshake with the development certificate and serves the task pane", async () => {
    const reply = await call(server.port, { path: "/taskpane.html" });
    expect(reply.authorized).toBe(true);
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(reply.body.toString()).toContain("Rapport");
    expect((await call(server.port, { path: "/" })).status).toBe(200);
    const health = JSON.parse((await call(server.port, { path: "/api/health" })).body.toString());
    expect(health.ok).toBe(true);
    expect(health.templates.map((t: { name: string }) => t.name)).toContain("report");
  });

  it("listens on the loopback interface only", async () => {
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal);
    if (!outside) return;
    await expect(
      new Promise((resolve, reject) => {
        const req = httpsRequest(
          { host: outside.address, port: server.port, path: "/", ca: tls.ca, rejectUnauthorized: false, agent: false },
          resolve,
        );
        req.on("error", reject);
        req.end();
      }),
    ).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("refuses a foreign Host (421) and a foreign Origin (403)", async () => {
    const host = await call(server.port, { path: "/taskpane.html", host: "evil.example" });
    expect(host.status).toBe(421);
    expect(json(host).error.code).toBe("wrong-host");
    const rebinding = await call(server.port, { path: "/api/health", host: `attacker.example:${server.port}` });
    expect(rebinding.status).toBe(421);
    const origin = await post(server.port, { template: "report", data: {} }, { Origin: "https://evil.example" });
    expect(origin.status).toBe(403);
    expect(json(origin).error.message.zh).toContain("拒绝");
    const crossSite = await call(server.port, { path: "/api/health", headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    const own = await post(server.port, { template: "report", data: {} }, { Origin: server.origin });
    expect(own.status).toBe(200);
    expect(own.headers["content-type"]).toBe("application/pdf");
  });

  it("serves the pane's files to another site that frames it (Excel on the web), the API to the pane only", async () => {
    // The headers a browser sends when Excel on the web frames the pane, and for the pane's own files and calls.
    const framed = { "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "iframe" };
    expect((await call(server.port, { path: "/taskpane.html", headers: framed })).status).toBe(200);
    const own = { "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "script" };
    expect((await call(server.port, { path: "/taskpane.js", headers: own })).status).toBe(200);
    // Ribbon icons are shown by Excel's own page; even a CORS request for one gets the file.
    const icon = await call(server.port, {
      path: "/assets/icon-32.png",
      headers: { "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Dest": "image", Origin: "https://excel.example" },
    });
    expect(icon.status).toBe(200);
    expect(icon.headers["content-type"]).toBe("image/png");
    // The same site may not use the API, whether the browser says so by Sec-Fetch-Site or by Origin.
    for (const headers of [
      { "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors" } as Record<string, string>,
      { "Sec-Fetch-Site": "same-site" },
      { Origin: "https://excel.example" },
    ]) {
      const refused = await post(server.port, { template: "report", data: {} }, headers);
      expect(refused.status).toBe(403);
      expect(json(refused).error.code).toBe("wrong-origin");
    }
    const pane = await post(
      server.port,
      { template: "report", data: {} },
      { Origin: server.origin, "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors" },
    );
    expect(pane.status).toBe(200);
    // A foreign Host is refused for files too (DNS rebinding).
    expect((await call(server.port, { path: "/taskpane.html", host: "excel.example", headers: framed })).status).toBe(
      421,
    );
  });

  it("in headless Chromium, a page of another site frames the pane (200 for every file) but cannot render", async () => {
    const browser = await puppeteer.launch({
      executablePath: findBrowser().path,
      ignoreDefaultArgs: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        `--user-data-dir=${join(dir, "frame-profile")}`,
        // Frames in the page's process, so that the page sees every response; a permission prompt for local
        // network access (newer Chromium) has no one to answer it here.
        "--disable-site-isolation-trials",
        "--disable-features=site-per-process,IsolateOrigins,LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests",
        "about:blank",
      ],
      acceptInsecureCerts: true,
      pipe: true,
    });
    try {
      const page = await browser.newPage();
      const host = "https://excel.example/host.html";
      const pane = `https://localhost:${server.port}`;
      const seen = new Map<string, number>();
      page.on("response", (r) => {
        if (r.url().startsWith(pane)) seen.set(`${r.request().method()} ${r.url().slice(pane.length)}`, r.status());
      });
      await page.setRequestInterception(true);
      page.on("request", (request) => {
        if (request.url() === host) {
          void request.respond({
            status: 200,
            contentType: "text/html",
            body:
              `<!doctype html><img src="${pane}/assets/icon-32.png">` +
              `<iframe id="pane" width="320" height="400" src="${pane}/taskpane.html"></iframe>` +
              `<script>fetch("${pane}/api/render", { method: "POST", mode: "no-cors", body: "{}" }).catch(() => 0);</script>`,
          });
        } else if (request.url().startsWith(pane)) {
          void request.continue();
        } else {
          void request.abort();
        }
      });
      await page.goto(host, { waitUntil: "load" });
      await expect
        .poll(() => [...seen.keys()].sort(), { timeout: 30_000 })
        .toEqual(
          [
            "GET /assets/icon-32.png",
            "GET /taskpane.css",
            "GET /taskpane.html",
            "GET /taskpane.js",
            "POST /api/render",
          ].sort(),
        );
      expect(Object.fromEntries(seen)).toEqual({
        "GET /taskpane.html": 200,
        "GET /taskpane.js": 200,
        "GET /taskpane.css": 200,
        "GET /assets/icon-32.png": 200,
        "POST /api/render": 403,
      });
      const frame = page.frames().find((f) => f.url().startsWith(pane));
      expect(await frame?.$eval("#pane", (el) => (el as HTMLElement).innerText)).toBe("Rapport pane");
    } finally {
      await browser.close();
    }
  });

  it("refuses bodies over the limit (413), by length or while streaming", async () => {
    const big = JSON.stringify({ template: "report", data: { x: "x".repeat(100 * 1024) } });
    const declared = await post(server.port, JSON.parse(big));
    expect(declared.status).toBe(413);
    expect(json(declared).error.message.en).toContain("limit");
    const streamed = await new Promise<Reply>((resolve, reject) => {
      const req = httpsRequest(
        {
          host: "127.0.0.1",
          servername: "localhost",
          port: server.port,
          method: "POST",
          path: "/api/render",
          ca: tls.ca,
          headers: {
            Host: `localhost:${server.port}`,
            "Content-Type": "application/json",
            "Transfer-Encoding": "chunked",
          },
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
              authorized: true,
            }),
          );
        },
      );
      req.on("error", reject);
      for (let i = 0; i < 10; i++) req.write("x".repeat(10 * 1024));
      req.end();
    });
    expect(streamed.status).toBe(413);
  });

  it("accepts only template names from the list (400), never paths", async () => {
    for (const template of ["../../etc/passwd", "report.html", "/tmp/x", "REPORT", ""]) {
      const reply = await post(server.port, { template, data: {} });
      expect(reply.status).toBe(400);
      const body = json(reply);
      expect(body.error.code).toBe("unknown-template");
      expect(body.error.message.en).toContain("plan, report, record, roster, callbacks, evaluation");
    }
    expect((await post(server.port, { template: "report", data: "text" })).status).toBe(400);
    const notJson = await call(server.port, {
      method: "POST",
      path: "/api/render",
      headers: { "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
    const form = await call(server.port, {
      method: "POST",
      path: "/api/render",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "template=report",
    });
    expect(form.status).toBe(415);
  });

  it("serves only files inside the built pane", async () => {
    for (const path of ["/../outside.txt", "/%2e%2e/outside.txt", "/.secret", "/nothing.js", "/api/nothing"]) {
      const reply = await call(server.port, { path });
      expect(reply.status).toBe(404);
      json(reply);
    }
    expect((await call(server.port, { path: "/%E0%A4%A" })).status).toBe(400);
    expect((await call(server.port, { path: "/api/render" })).status).toBe(405);
    expect((await call(server.port, { method: "DELETE", path: "/taskpane.html" })).status).toBe(405);
  });

  it("renders a few at a time, queues a few more and turns the rest away with 503 and Retry-After", async () => {
    let release = () => {};
    renderer.gate = new Promise<void>((done) => (release = done));
    let settled = 0;
    const pending = Array.from({ length: 10 }, () =>
      post(server.port, { template: "roster", data: {} }).then((reply) => {
        settled++;
        return reply;
      }),
    );
    // While renders are held, 2 run and 3 wait: the other 5 are answered at once.
    await expect.poll(() => settled, { timeout: 30_000 }).toBe(5);
    expect(server.load()).toEqual({ active: 2, queued: 3 });
    renderer.gate = undefined;
    release();
    const replies = await Promise.all(pending);
    const ok = replies.filter((r) => r.status === 200);
    const busy = replies.filter((r) => r.status === 503);
    expect(ok.length).toBe(5);
    expect(busy.length).toBe(5);
    for (const r of busy) {
      expect(r.headers["retry-after"]).toBe("7");
      expect(json(r).error.code).toBe("busy");
    }
    expect(server.load()).toEqual({ active: 0, queued: 0 });
  });

  it("keeps a PDF for a few minutes under an unguessable address on its own origin, in bounded memory", async () => {
    let clock = 1_000_000;
    const keeping = await startServer({
      tls,
      root,
      renderer: slowRenderer(1),
      port: 0,
      pdfTtlMs: 5 * 60_000,
      pdfStoreCount: 3,
      now: () => clock,
    });
    try {
      const ask = (headers: Record<string, string> = {}) =>
        post(
          keeping.port,
          { template: "roster", data: {}, options: { link: true, fileName: "客户分级目录-2026-11.pdf" } },
          headers,
        );
      const made = await ask({ Origin: keeping.origin, "Sec-Fetch-Site": "same-origin" });
      expect(made.status).toBe(201);
      const body = JSON.parse(made.body.toString()) as { url: string; bytes: number; expiresInSeconds: number };
      expect(body.expiresInSeconds).toBe(300);
      const url = new URL(body.url);
      expect(url.origin).toBe(`https://localhost:${keeping.port}`);
      const id = /^\/api\/pdf\/([A-Za-z0-9_-]+)$/.exec(url.pathname)?.[1] ?? "";
      // 256 random bits.
      expect(id).toHaveLength(43);
      const ids = new Set([id]);
      for (let i = 0; i < 2; i++) ids.add(new URL(JSON.parse((await ask()).body.toString()).url).pathname);
      expect(ids.size).toBe(3);

      // Opened in the system browser (openBrowserWindow): no Origin, `Sec-Fetch-Site: none`.
      const opened = await call(keeping.port, { path: url.pathname, headers: { "Sec-Fetch-Site": "none" } });
      expect(opened.status).toBe(200);
      expect(opened.headers["content-type"]).toBe("application/pdf");
      expect(opened.headers["content-disposition"]).toMatch(/^inline; filename="[^"]*\.pdf"; filename\*=UTF-8''/);
      expect(decodeURIComponent(String(opened.headers["content-disposition"]).split("''")[1])).toBe(
        "客户分级目录-2026-11.pdf",
      );
      expect(opened.headers["cache-control"]).toBe("no-store");
      expect(opened.body.toString()).toBe("%PDF-1.7 fake");
      const saved = await call(keeping.port, { path: `${url.pathname}?download=1` });
      expect(saved.headers["content-disposition"]).toMatch(/^attachment; /);

      // Refused as every API route is: another host, another origin or site; and a guessed id is not found.
      expect((await call(keeping.port, { path: url.pathname, host: "evil.example" })).status).toBe(421);
      expect(
        (await call(keeping.port, { path: url.pathname, headers: { Origin: "https://evil.example" } })).status,
      ).toBe(403);
      expect(
        (await call(keeping.port, { path: url.pathname, headers: { "Sec-Fetch-Site": "cross-site" } })).status,
      ).toBe(403);
      // One character off: a last character other than the id's own (an id ending in "A" would otherwise be guessed right).
      const oneOff = `${id.slice(0, -1)}${id.endsWith("A") ? "B" : "A"}`;
      for (const guess of ["/api/pdf/1", `/api/pdf/${oneOff}`, "/api/pdf/../taskpane.html", "/api/pdf/"]) {
        const reply = await call(keeping.port, { path: guess });
        expect(reply.status).toBe(404);
        json(reply);
      }
      expect((await call(keeping.port, { method: "DELETE", path: url.pathname })).status).toBe(405);

      // At most three kept: a fourth pushes the oldest out.
      expect(keeping.kept().count).toBe(3);
      await ask();
      expect(keeping.kept().count).toBe(3);
      expect((await call(keeping.port, { path: url.pathname })).status).toBe(404);

      // Five minutes on, every one of them is gone.
      const last = new URL(JSON.parse((await ask()).body.toString()).url).pathname;
      expect((await call(keeping.port, { path: last })).status).toBe(200);
      clock += 5 * 60_000;
      const gone = await call(keeping.port, { path: last });
      expect(gone.status).toBe(404);
      expect(json(gone).error.code).toBe("pdf-gone");
      expect(keeping.kept()).toEqual({ count: 0, bytes: 0 });
    } finally {
      await keeping.close();
    }
  });

  it("keeps PDFs within the memory given, the newest always", async () => {
    const keeping = await startServer({ tls, root, renderer: slowRenderer(1), port: 0, pdfStoreBytes: 30 });
    try {
      const urls: string[] = [];
      for (let i = 0; i < 4; i++) {
        const reply = await post(keeping.port, { template: "report", data: {}, options: { link: true } });
        urls.push(new URL(JSON.parse(reply.body.toString()).url).pathname);
      }
      // Each fake PDF is 13 bytes: two fit in 30.
      expect(keeping.kept()).toEqual({ count: 2, bytes: 26 });
      expect((await call(keeping.port, { path: urls[3] })).status).toBe(200);
      expect((await call(keeping.port, { path: urls[2] })).status).toBe(200);
      expect((await call(keeping.port, { path: urls[1] })).status).toBe(404);
      const saved = await call(keeping.port, { path: `${urls[3]}?download=1` });
      expect(saved.headers["content-disposition"]).toBe(
        `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
      );
    } finally {
      await keeping.close();
    }
  });

  it("answers a renderer failure with a JSON message and no stack trace", async () => {
    const failing = await startServer({
      tls,
      root,
      renderer: slowRenderer(1, new Error("boom in the renderer")),
      port: 0,
    });
    try {
      const reply = await post(failing.port, { template: "report", data: {} });
      expect(reply.status).toBe(500);
      expect(json(reply).error.message.en).toContain("boom in the renderer");
    } finally {
      await failing.close();
    }
  });
});

describe("rapport serve", () => {
  it("starts, answers, and stops on SIGTERM; refuses a missing build or half a certificate", async () => {
    const bin = join(import.meta.dirname, "..", "..", "bin", "rapport.mjs");
    const child = spawn(
      process.execPath,
      [bin, "serve", "--port", "0", "--cert", tls.certPath, "--key", tls.keyPath, "--root", root],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL in: ${out}`)), 30_000);
      child.stdout.on("data", () => {
        const m = /https:\/\/localhost:(\d+)\/taskpane\.html/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
    });
    const port = Number(/:(\d+)\//.exec(url)?.[1]);
    expect((await call(port, { path: "/api/health" })).status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.on("exit", resolve);
      child.kill("SIGTERM");
    });
    expect(code).toBe(0);
    expect(out).toContain("已停止 / stopped");

    const noBuild = await runCli(["serve", "--port", "0", "--root", join(dir, "nowhere")]);
    expect(noBuild.code).toBe(2);
    expect(noBuild.out).toContain("npm run build");
    const half = await runCli(["serve", "--port", "0", "--root", root, "--cert", tls.certPath]);
    expect(half.code).toBe(2);
    expect(half.out).toContain("--cert");
  });
});

async function runCli(args: string[]): Promise<{ code: number | null; out: string }> {
  const bin = join(import.meta.dirname, "..", "..", "bin", "rapport.mjs");
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, out };
}

describe("50 concurrent renders on the real renderer", () => {
  it("answers every request (PDF or 503), survives, and leaves no browser behind", async () => {
    const grids = await sampleGrids();
    const read = readCustomerSheet(grids, { today: "2026-11-25" });
    if (!read.ok) throw new Error("no customer sheet");
    const data = buildRosterData(
      { records: read.archive.records.slice(0, 40), grades: new Map(), callbacks: [], today: "2026-11-25" },
      { title: "客户分级目录", number: "KHFJ-ML-202611", date: "2026-11-25" },
    );
    const callbacks = buildCallbacksData(
      { records: read.archive.records, grades: new Map(), callbacks: [], today: "2026-11-25" },
      { from: "2026-11-01", to: "2026-11-30" },
      { title: "电话回访计划表", number: "DHHF-JH-202611", date: "2026-11-25" },
    );
    const server = await startServer({
      tls,
      root,
      renderer: defaultRenderer(),
      port: 0,
      concurrency: 2,
      queueLimit: 8,
    });
    let browser: { pid: number | undefined; profile: string } | undefined;
    try {
      const replies = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          // Two templates in turn, as several people at work would ask.
          const template = i % 2 ? "roster" : "callbacks";
          const reply = await post(server.port, {
            template,
            data: template === "roster" ? data : callbacks,
            options: { today: "2026-11-25" },
          });
          browser ??= browserProcess();
          return reply;
        }),
      );
      const ok = replies.filter((r) => r.status === 200);
      const busy = replies.filter((r) => r.status === 503);
      expect(ok.length + busy.length).toBe(50);
      expect(ok.length).toBeGreaterThanOrEqual(10);
      for (const r of ok) expect(r.body.subarray(0, 5).toString()).toBe("%PDF-");
      for (const r of busy) expect(r.headers["retry-after"]).toBeDefined();
      // Still answering after the burst.
      expect((await post(server.port, { template: "roster", data })).status).toBe(200);
      browser ??= browserProcess();
      expect(browser?.pid).toBeDefined();
    } finally {
      await server.close();
    }
    expect(browserProcess()).toBeUndefined();
    // The browser and its whole process group are gone (once reaped), and so is its profile folder.
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 50 && alive(browser?.pid as number); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(browser?.pid as number)).toBe(false);
    // No live process is left in the browser's process group (exited children whose parent is gone may linger as
    // zombies where the container's init does not reap them; they hold nothing).
    const live = execFileSync("ps", ["-eo", "pid=,pgid=,stat="])
      .toString()
      .split("\n")
      .map((l) => l.trim().split(/\s+/))
      .filter(([, pgid, stat]) => Number(pgid) === browser?.pid && stat && !stat.startsWith("Z"));
    expect(live).toEqual([]);
    expect(existsSync(browser?.profile as string)).toBe(false);
    // Eleven real PDFs through two browser pages: a loaded machine needs more than the default minute.
  }, 180_000);
});
