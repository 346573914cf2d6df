// The task pane as people use it: built by webpack, served by `rapport serve`, driven in headless Chromium at
// 320 px, with office.js answered by an in-page stand-in whose `Excel.run` works on a workbook grid (Microsoft's
// CDN is never contacted). The flow validate → grade → fill callbacks → make PDF is checked in the cells written,
// in the pane's messages in both languages, and in the PDF that comes back; the same on ExcelApi 1.7; the PDF
// opened through Office where it can; Fluent UI bundled (nothing fetched but office.js); the layout at 320 px.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OWNED_SHEETS } from "../../src/core/owned";
import type { SheetGrid } from "../../src/core/types";
import { findBrowser } from "../../src/render/browser";
import { loadCertificates } from "../../src/server/certs";
import { buildFakeOffice, buildPane } from "../helpers/build-pane";
import type { FakeCell } from "../helpers/fake-excel";
import type { FakeOfficeInit } from "../helpers/fake-office";
import { sampleGrids } from "../helpers/excel-fixtures";

const CDN = "https://appsforoffice.microsoft.com/";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let dir: string;
let server: ChildProcess;
let origin: string;
let browser: Browser;
let officeJs: string;
let grids: SheetGrid[];
let serverLog = "";
/** Requests the pane made to anything but its server and office.js: none may be made. */
const blocked: string[] = [];

function sheetsOf(list: readonly SheetGrid[]): FakeOfficeInit["sheets"] {
  return list.map((g) => {
    const rows: (FakeCell | null)[][] = [];
    g.values.forEach((row, r) => (rows[g.firstRow - 1 + r] = row.map((v) => v as FakeCell | null)));
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    return {
      name: g.name,
      rows,
      merges: (g.merges ?? []).map((m) => ({
        row: g.firstRow - 1 + m.top,
        col: g.firstColumn - 1 + m.left,
        rows: m.bottom - m.top + 1,
        cols: m.right - m.left + 1,
      })),
    };
  });
}

async function openPane(init: FakeOfficeInit, options: { officeJs?: boolean } = {}): Promise<Page> {
  // A fresh browser context per pane: no language choice or mapping remembered from another test.
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 320, height: 1000 });
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = request.url();
    if (url.startsWith(CDN)) {
      // Office.js out of reach (no network): the script fails to load.
      if (options.officeJs === false) void request.abort();
      else void request.respond({ status: 200, contentType: "text/javascript", body: officeJs });
    } else if (url.startsWith(origin) || url.startsWith("blob:") || url.startsWith("data:")) {
      void request.continue();
    } else {
      // Nothing else may be fetched: the tests run without the network, and the pane needs no CDN but office.js.
      blocked.push(url);
      void request.abort();
    }
  });
  await page.evaluateOnNewDocument((data: FakeOfficeInit) => {
    window.__RAPPORT_FAKE__ = data;
  }, init);
  await page.goto(`${origin}/taskpane.html`, { waitUntil: "load" });
  return page;
}

async function textOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) => (el as HTMLElement).innerText);
}

/** Waits for the pane's message after an action; returns its text and kind. */
async function message(page: Page, contains: string): Promise<{ text: string; kind: string }> {
  await page.waitForFunction(
    (needle: string) => {
      const el = document.getElementById("message");
      return !!el && !el.hidden && el.innerText.includes(needle) && document.body.getAttribute("aria-busy") !== "true";
    },
    { timeout: 60_000 },
    contains,
  );
  return page.$eval("#message", (el) => ({ text: (el as HTMLElement).innerText, kind: el.className }));
}

async function ready(page: Page, contains: string): Promise<void> {
  await page.waitForFunction(
    (needle: string) => (document.getElementById("sheet-status")?.innerText ?? "").includes(needle),
    { timeout: 30_000 },
    contains,
  );
}

async function cells<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(`(() => { const book = window.rapportFake.book; return (${fn})(book); })()`) as Promise<T>;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rapport-pane-"));
  grids = await sampleGrids();
  const dist = join(dir, "dist");
  const [, officePath, tls] = await Promise.all([
    buildPane(dist),
    buildFakeOffice(join(dir, "fake")),
    loadCertificates({ dir: join(dir, "certs") }),
  ]);
  officeJs = await readFile(officePath, "utf8");
  const bin = join(import.meta.dirname, "..", "..", "bin", "rapport.mjs");
  server = spawn(
    process.execPath,
    [bin, "serve", "--port", "0", "--cert", tls.certPath, "--key", tls.keyPath, "--root", dist],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, RAPPORT_TODAY: "" } },
  );
  server.stdout?.on("data", (c: Buffer) => (serverLog += c.toString()));
  server.stderr?.on("data", (c: Buffer) => (serverLog += c.toString()));
  origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rapport serve did not start: ${serverLog}`)), 60_000);
    server.stdout?.on("data", () => {
      const m = /(https:\/\/localhost:\d+)\/taskpane\.html/.exec(serverLog);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on("exit", (code) => reject(new Error(`rapport serve exited (${code}): ${serverLog}`)));
  });
  browser = await puppeteer.launch({
    executablePath: findBrowser().path,
    ignoreDefaultArgs: true,
    args: [...FLAGS, `--user-data-dir=${join(dir, "profile")}`, "about:blank"],
    acceptInsecureCerts: true,
    pipe: true,
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    await new Promise((resolve) => {
      server.once("exit", resolve);
      server.kill("SIGTERM");
    });
  }
  await rm(dir, { recursive: true, force: true });
});

describe("task pane in Excel (stand-in)", () => {
  let page: Page;

  beforeAll(async () => {
    page = await openPane({ sheets: sheetsOf(grids), host: "Excel", displayLanguage: "zh-CN" });
    await ready(page, "表头在第 3 行");
  });

  it("shows the customer sheet and its header row, in Chinese, and fits 320 px", async () => {
    expect(await page.$eval("#sheet", (el) => (el as HTMLSelectElement).value)).toBe("客户状况记录表");
    expect(await textOf(page, "#sheet-status")).toContain("300 位客户");
    expect(await textOf(page, "#validate")).toBe("校验");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(320);
    // The mapping lists every header with the field it was taken for.
    await page.click("#mapping summary");
    const mapped = await page.$$eval("#mapping-list select", (els) =>
      els.map((el) => [(el as HTMLSelectElement).dataset.header, (el as HTMLSelectElement).value]),
    );
    expect(mapped).toContainEqual(["联系电话", "phone"]);
    expect(mapped).toContainEqual(["客户编号", "code"]);
  });

  it("Validate marks the invalid cells, lists the findings and takes the user to a cell", async () => {
    const before = await cells<unknown[][]>(page, "(b) => b.sheet('客户状况记录表').values");
    await page.click("#validate");
    const done = await message(page, "校验完成");
    expect(done.text).toMatch(/300 位客户，\d+ 个错误/);
    const after = await cells<{ marks: number; findings: number; notes: number; values: unknown[][] }>(
      page,
      `(b) => ({ marks: b.sheet('客户状况记录表').conditionalFormats.length, findings: b.sheet('${OWNED_SHEETS.findings}').values.length, notes: b.sheet('客户状况记录表').notes.size, values: b.sheet('客户状况记录表').values })`,
    );
    expect(after.marks).toBeGreaterThan(0);
    expect(after.findings).toBeGreaterThan(1);
    expect(after.notes).toBeGreaterThan(0);
    expect(after.values).toEqual(before);
    const items = await page.$$eval("#findings li", (els) => els.map((el) => (el as HTMLElement).innerText));
    expect(items.length).toBe(after.findings - 1);
    const first = items[0].split(/\s/)[0];
    await page.click("#findings li button");
    await page.waitForFunction(
      (cell: string) => window.rapportFake?.book.selection?.address === cell,
      { timeout: 10_000 },
      first,
    );
  });

  it("switches to English and back, messages included", async () => {
    await page.click("#lang");
    expect(await textOf(page, "#validate")).toBe("Validate");
    expect(await textOf(page, "#message")).toMatch(/Checked 300 customers: \d+ errors/);
    expect(await textOf(page, "#sheet-status")).toContain("header on row 3, 300 customers");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.click("#lang");
    expect(await textOf(page, "#validate")).toBe("校验");
  });

  it("Grade writes 评分/客户等级/ABC分类/评级说明 and the 客户分级目录", async () => {
    await page.click("#grade");
    const done = await message(page, "评级完成");
    expect(done.text).toContain("AL、AM、AN、AO");
    expect(done.text).toContain("默认评级标准");
    const written = await cells<{ header: unknown[]; roster: unknown; first: unknown[] }>(
      page,
      `(b) => ({ header: b.sheet('客户状况记录表').values[2].slice(37, 41), first: b.sheet('客户状况记录表').values[3].slice(37, 41), roster: b.sheet('${OWNED_SHEETS.roster}').values[0][0] })`,
    );
    expect(written.header).toEqual(["评分", "客户等级", "ABC分类", "评级说明"]);
    expect(typeof written.first[0]).toBe("number");
    expect(["A", "B", "C", "D"]).toContain(written.first[1]);
    expect(written.roster).toBe("客户分级目录");
    // The pane offers the 评级标准 sheet now that it knows the default was used.
    expect(await page.$eval("#create-standard", (el) => (el as HTMLElement).hidden)).toBe(false);
  });

  it("Fill callbacks writes the 回访计划 table for the period and keeps what staff typed", async () => {
    await page.$eval("#cb-from", (el) => ((el as HTMLInputElement).value = "2026-12-01"));
    await page.$eval("#cb-to", (el) => ((el as HTMLInputElement).value = "2026-12-31"));
    await page.click("#callbacks");
    const done = await message(page, "回访计划已写入");
    expect(done.text).toMatch(/\d+ 个回访/);
    const header = await cells<unknown[]>(page, `(b) => b.sheet('${OWNED_SHEETS.schedule}').values[0]`);
    expect(header.slice(0, 3)).toEqual(["计划日期", "客户编号", "客户名称"]);
    // Staff mark a call done; a second run keeps it.
    await cells(page, `(b) => { b.sheet('${OWNED_SHEETS.schedule}').set(1, 12, '已回访'); return 0; }`);
    const code = await cells<string>(page, `(b) => b.sheet('${OWNED_SHEETS.schedule}').values[1][1]`);
    await page.click("#callbacks");
    const again = await message(page, "保留已回访 1");
    expect(again.kind).toContain("message");
    const kept = await cells<unknown[][]>(
      page,
      `(b) => b.sheet('${OWNED_SHEETS.schedule}').values.filter((r) => r[12] === '已回访')`,
    );
    expect(kept.map((r) => r[1])).toEqual([code]);
    expect(await cells<number>(page, "(b) => b.tables.length")).toBe(1);
  });

  it("Make PDF sends the data to the local server and offers the PDF it returns", async () => {
    await page.select("#template", "roster");
    await page.click("#pdf");
    const done = await message(page, "PDF 已生成");
    expect(done.text).toMatch(/PDF 已生成（\d+ KB）/);
    const href = await page.$eval("#pdf-save", (el) => (el as HTMLAnchorElement).href);
    expect(href.startsWith("blob:")).toBe(true);
    const base64 = await page.evaluate(async (url: string) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      let text = "";
      for (const b of bytes) text += String.fromCharCode(b);
      return btoa(text);
    }, href);
    const pdf = Buffer.from(base64, "base64");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const file = join(dir, "roster.pdf");
    await writeFile(file, pdf);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("客户分级目录");
    expect(text).toMatch(/KH\d{4}/);
    expect(await page.$eval("#pdf-save", (el) => (el as HTMLAnchorElement).download)).toContain("客户分级目录");
  });

  it("shows each action's result next to it, in view", async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click("#grade");
    await message(page, "评级完成");
    const place = await page.evaluate(() => {
      const feedback = document.getElementById("feedback") as HTMLElement;
      const rect = (document.getElementById("message") as HTMLElement).getBoundingClientRect();
      return {
        after: feedback.previousElementSibling?.id,
        top: rect.top,
        bottom: rect.bottom,
        height: window.innerHeight,
      };
    });
    expect(place.after).toBe("action-grade");
    expect(place.top).toBeGreaterThanOrEqual(0);
    expect(place.top).toBeLessThan(place.height);
  });

  it("is built with Fluent UI web components, bundled (no request but office.js leaves the server)", async () => {
    const fluent = await page.evaluate(() => ({
      button: document.getElementById("validate")?.tagName,
      defined: ["fluent-button", "fluent-card", "fluent-checkbox", "fluent-progress", "fluent-anchor"].every(
        (name) => customElements.get(name) !== undefined,
      ),
      accent: getComputedStyle(document.documentElement).getPropertyValue("--accent-fill-rest").trim(),
    }));
    expect(fluent).toEqual({
      button: "FLUENT-BUTTON",
      defined: true,
      accent: expect.stringMatching(/^#[0-9a-f]{6}$/i),
    });
    expect(blocked).toEqual([]);
  });

  it("never used alert, confirm, prompt or history.pushState", async () => {
    expect(await page.evaluate(() => window.rapportFake?.calls)).toEqual({
      alert: 0,
      confirm: 0,
      prompt: 0,
      pushState: 0,
    });
  });
});

describe("task pane details", () => {
  it("at 320 px in English the date inputs show the whole date", async () => {
    const page = await openPane({ sheets: sheetsOf(grids), host: "Excel", displayLanguage: "en-US" });
    await ready(page, "header on row 3");
    const boxes = await page.$$eval("input[type=date]", (els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, width: r.width };
      }),
    );
    expect(boxes).toHaveLength(4);
    for (const box of boxes) {
      // "12/31/2026" and the picker button need about 130 px at 14 px.
      expect(box.width).toBeGreaterThanOrEqual(150);
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(320);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.browserContext().close();
  });

  it("without office.js says so instead of “Reading the workbook…”, in both languages", async () => {
    const page = await openPane({ sheets: [], host: "Excel", displayLanguage: "en-US" }, { officeJs: false });
    await page.waitForFunction(() => !document.getElementById("banner")?.hidden, { timeout: 10_000 });
    expect(await textOf(page, "#banner")).toMatch(/Office\.js could not be loaded|无法加载 Office\.js/);
    const status = await textOf(page, "#sheet-status");
    expect(status).toMatch(/Not connected to Excel|未连接到 Excel/);
    await page.click("#lang");
    const other = await textOf(page, "#sheet-status");
    expect(other).not.toBe(status);
    expect(other).toMatch(/Not connected to Excel|未连接到 Excel/);
    expect(other).not.toMatch(/Reading|正在读取/);
    await page.browserContext().close();
  });

  it("on desktop Excel, Make PDF has Office open the PDF kept on the server (openBrowserWindow)", async () => {
    const page = await openPane({
      sheets: sheetsOf(grids),
      host: "Excel",
      displayLanguage: "zh-CN",
      openBrowserWindow: true,
    });
    await ready(page, "表头在第 3 行");
    await page.select("#template", "roster");
    await page.click("#pdf");
    const done = await message(page, "已在浏览器中打开");
    expect(done.text).toMatch(/PDF 已生成（\d+ KB）/);
    const opened = await page.evaluate(() => window.rapportFake?.opened ?? []);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(new RegExp(`^${origin}/api/pdf/[A-Za-z0-9_-]{43}$`));
    // What Office opens in the browser is the PDF (fetched here from the pane's own origin).
    const head = await page.evaluate(async (url: string) => {
      const r = await fetch(url);
      return {
        type: r.headers.get("content-type"),
        disposition: r.headers.get("content-disposition"),
        start: (await r.text()).slice(0, 5),
      };
    }, opened[0]);
    expect(head).toEqual({ type: "application/pdf", disposition: expect.stringMatching(/^inline; /), start: "%PDF-" });
    await page.click("#pdf-save");
    expect(await page.evaluate(() => window.rapportFake?.opened ?? [])).toEqual([opened[0], `${opened[0]}?download=1`]);
    await page.browserContext().close();
  });

  it("keeps the column mapping with the workbook, and a column can be set back to “not recognised”", async () => {
    const rows: (FakeCell | null)[][] = [
      ["客户编号", "客户名称", "联系人", "对接号码", "地址"],
      ["C1", "甲公司", "张三", "1381234", "北京"],
    ];
    // A workbook where 对接号码 was mapped to the phone before (Rapport's setting, saved in the file).
    const saved = { "rapport.headers": JSON.stringify({ 对接号码: "phone" }) };
    const page = await openPane({
      sheets: [{ name: "客户", rows }],
      host: "Excel",
      displayLanguage: "zh-CN",
      settings: saved,
    });
    await ready(page, "表头在第 1 行");
    await page.click("#mapping summary");
    const picker = '#mapping-list select[data-header="对接号码"]';
    expect(await page.$eval(picker, (el) => (el as HTMLSelectElement).value)).toBe("phone");
    // Back to "not recognised", and 联系人 too: the choice is saved in the workbook.
    await page.select(picker, "");
    await message(page, "已按新的列对应重新识别");
    await page.select('#mapping-list select[data-header="联系人"]', "");
    await message(page, "已按新的列对应重新识别");
    expect(await page.$eval(picker, (el) => (el as HTMLSelectElement).value)).toBe("");
    expect(
      await page.$eval('#mapping-list select[data-header="联系人"]', (el) => (el as HTMLSelectElement).value),
    ).toBe("");
    const stored = await cells<string>(page, "(b) => b.settings.get('rapport.headers')");
    expect(JSON.parse(stored)).toEqual({ 对接号码: null, 联系人: null });
    await page.browserContext().close();

    // Another workbook: its own, automatic mapping (the first one's lives in that workbook's settings).
    const other = await openPane({ sheets: [{ name: "客户", rows }], host: "Excel", displayLanguage: "zh-CN" });
    await ready(other, "表头在第 1 行");
    await other.click("#mapping summary");
    expect(await other.$eval(picker, (el) => (el as HTMLSelectElement).value)).toBe("");
    expect(
      await other.$eval('#mapping-list select[data-header="联系人"]', (el) => (el as HTMLSelectElement).value),
    ).toBe("contactPerson");
    await other.browserContext().close();
  });

  it("on Excel 2016 (ExcelApi 1.7) validates twice, clears and grades without calling newer APIs", async () => {
    const page = await openPane({ sheets: sheetsOf(grids), host: "Excel", displayLanguage: "en-US", excelApi: 7 });
    await ready(page, "header on row 3");
    await page.click("#validate");
    await message(page, "Checked 300 customers");
    await page.click("#validate");
    const again = await message(page, "Checked 300 customers");
    expect(again.kind).not.toContain("error");
    const marks = await cells<number>(page, "(b) => b.sheet('客户状况记录表').conditionalFormats.length");
    expect(marks).toBeGreaterThan(0);
    await page.click("#clear-marks");
    await message(page, "marks are cleared");
    expect(await cells<number>(page, "(b) => b.sheet('客户状况记录表').conditionalFormats.length")).toBe(0);
    await page.click("#grade");
    const graded = await message(page, "Graded");
    expect(graded.kind).not.toContain("error");
    await page.browserContext().close();
  });
});

describe("task pane messages when something is in the way", () => {
  it("a protected customer sheet: says so in both languages and writes nothing", async () => {
    const sheets = sheetsOf(grids);
    sheets[0].protected = true;
    const page = await openPane({ sheets, host: "Excel", displayLanguage: "en-US" });
    await ready(page, "header on row 3");
    await page.click("#grade");
    const done = await message(page, "protected");
    expect(done.kind).toContain("error");
    expect(done.text).toContain("Unprotect");
    await page.click("#lang");
    expect(await textOf(page, "#message")).toContain("受保护");
    expect(await cells<boolean>(page, `(b) => !b.findSheet('${OWNED_SHEETS.roster}')`)).toBe(true);
    await page.browserContext().close();
  });

  it("Excel in cell-edit mode: asks to finish editing, then works", async () => {
    const page = await openPane({ sheets: sheetsOf(grids), host: "Excel", displayLanguage: "zh-CN" });
    await ready(page, "表头在第 3 行");
    await cells(page, "(b) => { b.cellEditMode = true; return 0; }");
    await page.click("#validate");
    await message(page, "正在编辑单元格");
    await cells(page, "(b) => { b.cellEditMode = false; return 0; }");
    await page.click("#validate");
    await message(page, "校验完成");
    await page.browserContext().close();
  });

  it("not a customer sheet: says what is missing and offers the sheets", async () => {
    const page = await openPane({
      sheets: [
        {
          name: "预算",
          rows: [
            ["项目", "金额"],
            ["差旅", 1000],
          ],
        },
      ],
      host: "Excel",
      displayLanguage: "zh-CN",
    });
    await message(page, "这不是客户表");
    expect(await textOf(page, "#sheet-status")).toBe("未找到客户表");
    const options = await page.$$eval("#sheet option", (els) => els.map((el) => (el as HTMLOptionElement).value));
    expect(options).toContain("预算");
    await page.browserContext().close();
  });

  it("a header Rapport does not know can be mapped in the pane", async () => {
    const rows: (FakeCell | null)[][] = [
      ["客户编号", "客户名称", "联系人", "对接号码", "地址"],
      ["C1", "甲公司", "张三", "1381234", "北京"],
      ["C2", "乙公司", "李四", "13912345678", "上海"],
    ];
    const page = await openPane({ sheets: [{ name: "客户", rows }], host: "Excel", displayLanguage: "zh-CN" });
    await ready(page, "表头在第 1 行");
    await page.click("#mapping summary");
    const picker = '#mapping-list select[data-header="对接号码"]';
    expect(await page.$eval(picker, (el) => (el as HTMLSelectElement).value)).toBe("");
    await page.select(picker, "phone");
    await message(page, "已按新的列对应重新识别");
    await page.click("#validate");
    const done = await message(page, "校验完成");
    // Only now is 对接号码 read as a phone: the short number is an error.
    expect(done.text).toContain("1 个错误");
    await page.browserContext().close();
  });

  it("outside Office (office.js answers with no host) the pane explains and does nothing", async () => {
    const page = await openPane({ sheets: [], host: null });
    await page.waitForFunction(() => !document.getElementById("banner")?.hidden, { timeout: 10_000 });
    const banner = await textOf(page, "#banner");
    expect(banner).toMatch(/Open Rapport in Excel|请在 Excel 中打开/);
    expect(await page.$eval("#validate", (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    expect(await page.evaluate(() => window.rapportFake?.calls.alert)).toBe(0);
    await page.browserContext().close();
  });

  it("the local server gone: Make PDF says how to start it", async () => {
    const page = await openPane({ sheets: sheetsOf(grids), host: "Excel", displayLanguage: "zh-CN" });
    await ready(page, "表头在第 3 行");
    const code = await new Promise((resolve) => {
      server.once("close", resolve);
      server.kill("SIGTERM");
    });
    // 0 after an orderly close; 143 when the PDF renderer's own SIGTERM handler ended the process first.
    expect([0, 143]).toContain(code);
    expect(serverLog).toContain("正在停止… / stopping…");
    await page.select("#template", "roster");
    await page.click("#pdf");
    const done = await message(page, "无法连接 Rapport 本地服务");
    expect(done.kind).toContain("error");
    await page.browserContext().close();
  });
});
