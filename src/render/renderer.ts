// Templates to PDFs. One document = one page load and one print. Per-customer files are printed in batches, one
// customer per sheet, and the batch PDF is cut into one file per customer: thousands of forms cost tens of page
// loads, not thousands. A batch whose page count shows that some customer needs more than one page is halved
// until each part prints one page per customer; a lone customer is printed by itself with real page numbers.
import { TimeoutError } from "puppeteer-core";
import type { Browser } from "puppeteer-core";
import { maskData } from "../core/report/mask";
import type { CustomerPagesData } from "../core/report/documents";
import type { DocumentInfo } from "../core/report/types";
import { TEMPLATES, type TemplateName, type TemplateSpec } from "./catalog";
import { errorDetail, RenderError } from "./errors";
import type { Locale } from "./helpers";
import { joinPdfs, pageCount, splitPdf, withMetadata, type PdfMetadata } from "./pdf-edit";
import { DocumentFonts } from "./fonts";
import { PagePool } from "./pool";
import { acquireBrowser, releaseBrowser } from "./session";
import { templateSet, type TemplateSet } from "./templates";

export interface RendererOptions {
  /** A folder of the user's own templates, partials, `style.css` and images (`--templates DIR`). */
  templatesDir?: string;
  /** Pages printing at once (default 2: Chrome's print is CPU-bound). */
  concurrency?: number;
  /** Customers per print batch for per-customer files. */
  batchSize?: number;
  /**
   * Batches printing at once for per-customer files (default 1): printing a batch already keeps Chrome's processes
   * busy, and Node cuts the previous batch into files meanwhile; a second stream only adds contention on two cores.
   */
  batchConcurrency?: number;
  /** Customers per part when a long per-customer document is printed in parts (memory stays bounded). */
  partSize?: number;
  /**
   * Templates this renderer will be asked for: they (and the partials they use) are checked before the browser
   * starts, so a broken one fails at once with its file and line. The others are checked on first use, so a
   * broken template never stands in the way of another.
   */
  templates?: readonly TemplateName[];
  /** Per render (one document, or one batch of per-customer forms), in milliseconds. */
  timeoutMs?: number;
  /**
   * Print each document with the installed Noto CJK fonts cut down to its own characters (default true): the
   * benchmark's 14-page report prints in two thirds of the time it takes with the whole system fonts, and the PDF
   * looks the same (see fonts.ts).
   */
  subsetFonts?: boolean;
}

export interface RenderOptions {
  /** Mask phones and e-mails (138****8000); default per template (on for report, roster and plan). */
  mask?: boolean;
  locale?: Locale;
  timeoutMs?: number;
  /** Overrides of the PDF's title, author and subject. */
  metadata?: Partial<PdfMetadata>;
  /** Date for a document that carries none (YYYY-MM-DD); default today. */
  today?: string;
  /**
   * A tagged (accessible) PDF with a structure tree for screen readers; off by default: it makes printing slower
   * and CJK files several times larger. Per-customer files are never tagged.
   */
  tagged?: boolean;
  /**
   * Per-customer templates printed as one document: called as parts of it are printed, with the customers printed
   * so far and how many there are (a progress bar for long runs).
   */
  onProgress?: (printed: number, total: number) => void;
}

export interface SkippedCustomer {
  index: number;
  code: string;
  name: string;
  error: RenderError;
}

export interface RenderResult {
  pdf: Buffer;
  pages: number;
  /** Requests the page made and was refused (a template pointing at the network). */
  blocked: string[];
  /** Per-customer templates: customers left out because their data could not be rendered. */
  skipped: SkippedCustomer[];
}

export type CustomerResult =
  | { index: number; code: string; name: string; ok: true; pdf: Buffer; pages: number }
  | { index: number; code: string; name: string; ok: false; error: RenderError };

export interface EachSummary {
  rendered: number;
  pages: number;
  skipped: SkippedCustomer[];
  blocked: string[];
}

const MARGINS = { top: "22mm", bottom: "16mm", left: "14mm", right: "14mm" };

/** A renderer's own live page markers Chrome fills in the header and footer. */
const LIVE_NUMBERS = {
  page: { toHTML: () => '<span class="pageNumber"></span>' },
  pages: { toHTML: () => '<span class="totalPages"></span>' },
};
/** Documents above this size (characters of HTML) are unloaded from their page once printed. */
const LARGE_DOCUMENT = 1_000_000;
const BLANK = "<!doctype html><title></title>";

interface PrintJob {
  template: TemplateName;
  html: string;
  spec: TemplateSpec;
  document: DocumentInfo;
  locale: Locale;
  numbers: { page: unknown; pages: unknown };
  /** Tagged (accessible) PDF: a structure tree, slower to print and larger. Split batches are never tagged. */
  tagged: boolean;
  timeoutMs: number;
  /** Only these pages (Chrome's syntax, `5-20`); the header and footer still number them within the whole. */
  pageRanges?: string;
}

/** Printed on every sheet of a batch whose customers each take exactly one page. */
const SINGLE_PAGE = { page: "1", pages: "1" };

function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The document header with the template's defaults for what the data leaves out. */
export function documentInfo(
  spec: TemplateSpec,
  given: Partial<DocumentInfo> | undefined,
  today: string,
): DocumentInfo {
  return {
    title: spec.title.zh,
    number: `${spec.numberPrefix}-${today.replace(/-/g, "")}`,
    controlStatus: "受控",
    date: today,
    ...given,
  };
}

interface DocumentParts {
  head: string;
  body: string;
  tail: string;
}

/** Splits a rendered page into what stays the same for every customer (head) and what is theirs (body). */
function documentParts(html: string, file: string): DocumentParts {
  const open = /<body\b[^>]*>/i.exec(html);
  const close = html.toLowerCase().lastIndexOf("</body>");
  if (!open || close < open.index) {
    throw new RenderError("template-error", {
      zh: `每客户一页的模板 ${file} 必须有 <body> 元素`,
      en: `per-customer template ${file} must have a <body> element`,
    });
  }
  const bodyStart = open.index + open[0].length;
  return { head: html.slice(0, bodyStart), body: html.slice(bodyStart, close), tail: html.slice(close) };
}

/** One sheet per customer: each section starts on a new page. */
function compose(head: string, bodies: readonly string[], tail: string): string {
  const rule = "<style>.rapport-sheet + .rapport-sheet { break-before: page; }</style>";
  const at = head.toLowerCase().lastIndexOf("</head>");
  const withRule = at >= 0 ? head.slice(0, at) + rule + head.slice(at) : head + rule;
  return withRule + bodies.map((b) => `<div class="rapport-sheet">${b}</div>`).join("") + tail;
}

function customerKey(data: CustomerPagesData, index: number): { code: string; name: string } {
  const c = data.customers[index]?.customer as { code?: unknown; name?: unknown } | undefined;
  return { code: String(c?.code ?? index + 1), name: String(c?.name ?? "") };
}

/**
 * Runs `fn` over the items, `concurrency` at a time. The first failure stops the run: nothing new is started, what
 * is under way is let finish (no print is left running behind the caller's back), and that failure is thrown.
 */
async function runAll<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < items.length) {
      try {
        await fn(items[next++]);
      } catch (e) {
        failure ??= { error: e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}

/** Waits for every promise, then throws the first failure: nothing is left running when the caller moves on. */
async function settleAll(work: readonly Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(work);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}

interface Sheet {
  index: number;
  code: string;
  name: string;
  body: string;
}

export class Renderer {
  private closed = false;

  private constructor(
    private readonly templates: TemplateSet,
    private readonly pool: PagePool,
    private readonly options: Required<Omit<RendererOptions, "templatesDir" | "templates" | "subsetFonts">>,
    private readonly fonts: DocumentFonts | null,
  ) {}

  /**
   * Compiles the templates (each file once, for every render after), checks the ones `options.templates` names (a
   * broken one fails here, naming file and line) and starts or joins the browser.
   */
  static async create(options: RendererOptions = {}): Promise<Renderer> {
    const templates = await templateSet(options.templatesDir);
    for (const name of options.templates ?? []) templates.check(name);
    const fonts = options.subsetFonts === false ? null : await DocumentFonts.create();
    const browser: Browser = await acquireBrowser();
    const settings = {
      concurrency: options.concurrency ?? 2,
      batchSize: options.batchSize ?? 100,
      batchConcurrency: options.batchConcurrency ?? 1,
      partSize: options.partSize ?? 100,
      timeoutMs: options.timeoutMs ?? 60_000,
    };
    const pool = new PagePool(browser, settings.concurrency, templates.assetDirs);
    return new Renderer(templates, pool, settings, fonts);
  }

  /** Lets go of the pages and of the browser (closed when no other renderer in the process uses it). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.close();
    await releaseBrowser();
  }

  private prepare(template: TemplateName, data: unknown, options: RenderOptions) {
    const spec = TEMPLATES[template];
    if (!spec)
      throw new RenderError("template-not-found", { zh: `没有模板「${template}」`, en: `no template "${template}"` });
    if (typeof data !== "object" || data === null) {
      throw new RenderError("template-data", {
        zh: `模板 ${template} 的数据必须是对象`,
        en: `template ${template} needs an object of data`,
      });
    }
    this.templates.check(template);
    const mask = options.mask ?? spec.maskByDefault;
    const given = mask ? maskData(data) : data;
    const raw = given as { document?: Partial<DocumentInfo> };
    const document = documentInfo(spec, raw.document, options.today ?? todayIso());
    const locale: Locale = options.locale ?? "zh-CN";
    return { spec, context: { ...raw, document } as Record<string, unknown> & { document: DocumentInfo }, locale };
  }

  private metadata(
    spec: TemplateSpec,
    document: DocumentInfo,
    locale: Locale,
    options: RenderOptions,
    suffix = "",
  ): PdfMetadata {
    const en = locale === "en";
    return {
      title: (options.metadata?.title ?? document.title) + suffix,
      author: options.metadata?.author ?? document.author ?? document.company ?? "Rapport",
      subject: options.metadata?.subject ?? (en ? spec.subject.en : spec.subject.zh),
      keywords: document.number,
    };
  }

  /** The HTML a template produces for this data (what Chrome prints), e.g. to look at or to feed another tool. */
  html(template: TemplateName, data: unknown, options: RenderOptions = {}): string {
    const { spec, context, locale } = this.prepare(template, data, options);
    if (!spec.perCustomer) return this.templates.html(template, context, { locale });
    const pages = this.sheets(template, context as unknown as CustomerPagesData & Record<string, unknown>, locale);
    return compose(
      pages.head,
      pages.sheets.map((s) => s.body),
      pages.tail,
    );
  }

  /**
   * The page set-up Chrome prints this template with: margins, orientation and the header and footer (with live
   * page numbers), e.g. to print the same HTML with another tool for comparison.
   */
  printSetup(template: TemplateName, data: unknown, options: RenderOptions = {}) {
    const { spec, context, locale } = this.prepare(template, data, options);
    const headerContext = { document: context.document, title: context.document.title, ...LIVE_NUMBERS };
    return {
      format: "A4" as const,
      landscape: spec.landscape,
      margin: MARGINS,
      headerTemplate: this.templates.partial("page-header", headerContext, { locale }),
      footerTemplate: this.templates.partial("page-footer", headerContext, { locale }),
    };
  }

  /**
   * One PDF: a document template, or a per-customer template with a page (or pages) per customer. Customers
   * whose data cannot be rendered are left out and listed in `skipped`.
   */
  async render(template: TemplateName, data: unknown, options: RenderOptions = {}): Promise<RenderResult> {
    const { spec, context, locale } = this.prepare(template, data, options);
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const meta = this.metadata(spec, context.document, locale, options);
    if (!spec.perCustomer) {
      const html = this.templates.html(template, context, { locale });
      const { pdf, blocked } = await this.print({
        template,
        html,
        spec,
        document: context.document,
        locale,
        numbers: LIVE_NUMBERS,
        tagged: options.tagged ?? false,
        timeoutMs,
      });
      return { pdf: withMetadata(pdf, meta), pages: pageCount(pdf), blocked, skipped: [] };
    }
    const pages = this.sheets(template, context as unknown as CustomerPagesData & Record<string, unknown>, locale);
    if (!pages.sheets.length) throw nothingToRender(template, pages.skipped);
    const job = { template, spec, document: context.document, locale, timeoutMs };
    if (pages.sheets.length <= this.options.partSize) {
      const html = compose(
        pages.head,
        pages.sheets.map((s) => s.body),
        pages.tail,
      );
      const tagged = options.tagged ?? false;
      const { pdf, blocked } = await this.print({ ...job, html, numbers: LIVE_NUMBERS, tagged });
      options.onProgress?.(pages.sheets.length, pages.sheets.length);
      return { pdf: withMetadata(pdf, meta), pages: pageCount(pdf), blocked, skipped: pages.skipped };
    }
    const { pdf, blocked } = await this.printInParts(job, pages, meta, options.onProgress);
    return { pdf, pages: pageCount(pdf), blocked, skipped: pages.skipped };
  }

  /**
   * A long per-customer document printed in parts of `partSize` customers and joined: Chrome's memory while
   * printing grows with the pages of one print (gigabytes for a thousand forms), a part's stays bounded. Page
   * numbers run on across parts: each part is preceded by as many blank pages as came before it and printed from
   * its first page on, so Chrome's own page number is already the document's, and the total is written in. The
   * total is first taken as one page per remaining customer; if a form ran longer, the parts printed with the
   * wrong total are printed again (their layout, and so their page count, does not change).
   */
  private async printInParts(
    job: Omit<PrintJob, "html" | "numbers" | "tagged">,
    pages: { head: string; tail: string; sheets: Sheet[] },
    meta: PdfMetadata,
    onProgress?: (printed: number, total: number) => void,
  ): Promise<{ pdf: Buffer; blocked: string[] }> {
    const size = this.options.partSize;
    const parts: Sheet[][] = [];
    for (let i = 0; i < pages.sheets.length; i += size) parts.push(pages.sheets.slice(i, i + size));
    const blank = "<style>.rapport-blank { break-after: page; height: 1px; }</style>";
    const printPart = (part: Sheet[], offset: number, total: number) => {
      const head = pages.head.replace(/<\/head>/i, `${blank}</head>`);
      const html = compose(
        head,
        part.map((s) => s.body),
        pages.tail,
      ).replace(/(<body\b[^>]*>)/i, `$1${'<div class="rapport-blank"></div>'.repeat(offset)}`);
      return this.print({
        ...job,
        html,
        numbers: { page: LIVE_NUMBERS.page, pages: String(total) },
        tagged: false,
        pageRanges: `${offset + 1}-${offset + 100_000}`,
      });
    };
    const printed: { pdf: Uint8Array; pages: number; offset: number; total: number }[] = [];
    const blocked: string[] = [];
    let offset = 0;
    for (let k = 0; k < parts.length; k++) {
      const rest = parts.slice(k).reduce((n, p) => n + p.length, 0);
      const total = offset + rest;
      const result = await printPart(parts[k], offset, total);
      blocked.push(...result.blocked);
      const count = pageCount(result.pdf);
      printed.push({ pdf: result.pdf, pages: count, offset, total });
      offset += count;
      onProgress?.(pages.sheets.length - rest + parts[k].length, pages.sheets.length);
    }
    for (let k = 0; k < parts.length; k++) {
      if (printed[k].total !== offset) {
        printed[k].pdf = (await printPart(parts[k], printed[k].offset, offset)).pdf;
      }
    }
    return {
      pdf: joinPdfs(
        printed.map((p) => p.pdf),
        meta,
      ),
      blocked: [...new Set(blocked)],
    };
  }

  /**
   * One PDF per customer of a per-customer template, handed to `onResult` as each is ready (in no set order).
   * A customer whose data cannot be rendered gets an error result; the others still render.
   */
  async renderEach(
    template: TemplateName,
    data: unknown,
    onResult: (result: CustomerResult) => void | Promise<void>,
    options: RenderOptions = {},
  ): Promise<EachSummary> {
    const { spec, context, locale } = this.prepare(template, data, options);
    if (!spec.perCustomer) {
      throw new RenderError("template-data", {
        zh: `模板 ${template} 不是每客户一份的表单`,
        en: `template ${template} is not a per-customer form`,
      });
    }
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const pages = this.sheets(template, context as unknown as CustomerPagesData & Record<string, unknown>, locale);
    const summary: EachSummary = { rendered: 0, pages: 0, skipped: [...pages.skipped], blocked: [] };
    for (const s of pages.skipped) await onResult({ ...s, ok: false });
    const report = async (result: CustomerResult) => {
      if (result.ok) {
        summary.rendered++;
        summary.pages += result.pages;
      } else summary.skipped.push(result);
      await onResult(result);
    };
    const title = (s: Sheet) => ` ${s.code} ${s.name}`.trimEnd();

    // Only a customer's own data (found while filling in the template, before printing) skips that customer. A
    // print that fails — a timeout, a browser that crashed — fails for everyone alike: it stops the run with that
    // one error instead of being retried customer by customer.
    const cutting: Promise<void>[] = [];
    const printAlone = async (s: Sheet): Promise<void> => {
      const html = compose(pages.head, [s.body], pages.tail);
      const { pdf, blocked } = await this.print({
        template,
        html,
        spec,
        document: context.document,
        locale,
        numbers: LIVE_NUMBERS,
        tagged: false,
        timeoutMs,
      });
      summary.blocked.push(...blocked);
      const meta = this.metadata(spec, context.document, locale, options, title(s));
      await report({
        index: s.index,
        code: s.code,
        name: s.name,
        ok: true,
        pdf: withMetadata(pdf, meta),
        pages: pageCount(pdf),
      });
    };
    const batch = async (sheets: Sheet[]): Promise<void> => {
      if (sheets.length === 1) return printAlone(sheets[0]);
      const html = compose(
        pages.head,
        sheets.map((s) => s.body),
        pages.tail,
      );
      const { pdf, blocked } = await this.print({
        template,
        html,
        spec,
        document: context.document,
        locale,
        numbers: SINGLE_PAGE,
        tagged: false,
        timeoutMs,
      });
      if (pageCount(pdf) !== sheets.length) {
        // Somebody's form runs over a page: halving finds who, and they are printed alone with real page numbers.
        const half = Math.ceil(sheets.length / 2);
        await settleAll([batch(sheets.slice(0, half)), batch(sheets.slice(half))]);
        return;
      }
      summary.blocked.push(...blocked);
      // Cutting the batch into files is Node's work: it runs while Chrome prints the next batch.
      cutting.push(
        new Promise((resolve) => setImmediate(resolve)).then(async () => {
          let files: Buffer[];
          try {
            files = splitPdf(
              pdf,
              sheets.map((_, i) => ({ first: i, last: i })),
              (i) => this.metadata(spec, context.document, locale, options, title(sheets[i])),
            );
          } catch {
            // A PDF this reader does not understand (another browser's output): print each customer alone.
            for (const s of sheets) await printAlone(s);
            return;
          }
          for (let i = 0; i < sheets.length; i++) {
            const s = sheets[i];
            await report({ index: s.index, code: s.code, name: s.name, ok: true, pdf: files[i], pages: 1 });
          }
        }),
      );
    };

    const batches: Sheet[][] = [];
    for (let i = 0; i < pages.sheets.length; i += this.options.batchSize) {
      batches.push(pages.sheets.slice(i, i + this.options.batchSize));
    }
    try {
      await runAll(batches, this.options.batchConcurrency, batch);
    } finally {
      // Files already cut are handed over even when a later batch failed.
      await settleAll(cutting).catch(() => undefined);
    }
    await settleAll(cutting);
    summary.blocked = [...new Set(summary.blocked)];
    return summary;
  }

  /** Each customer's sheet rendered by Handlebars; one that fails is recorded and left out. */
  private sheets(template: TemplateName, context: CustomerPagesData & Record<string, unknown>, locale: Locale) {
    const customers = context.customers;
    if (!Array.isArray(customers)) {
      throw new RenderError("template-data", {
        zh: `模板 ${template} 的数据缺少客户列表 customers`,
        en: `template ${template} needs a "customers" list in its data`,
      });
    }
    const file = this.templates.fileOf(template);
    const sheets: Sheet[] = [];
    const skipped: SkippedCustomer[] = [];
    let frame: DocumentParts | null = null;
    const shared = { ...context, customers: undefined };
    for (let index = 0; index < customers.length; index++) {
      const key = customerKey(context, index);
      try {
        const html = this.templates.html(template, { ...shared, ...customers[index], $index: index }, { locale });
        const parts = documentParts(html, file);
        frame ??= parts;
        sheets.push({ index, ...key, body: parts.body });
      } catch (e) {
        // Only a value this customer's data holds is theirs to skip; a template that cannot run stops the run.
        if (!(e instanceof RenderError) || e.code !== "template-data") throw asRenderError(e, template);
        skipped.push({ index, ...key, error: e });
      }
    }
    return { head: frame?.head ?? "", tail: frame?.tail ?? "", sheets, skipped };
  }

  /** Loads one document into a pooled page and prints it, within the timeout. */
  private async print(job: PrintJob): Promise<{ pdf: Uint8Array; blocked: string[] }> {
    const { template, html, spec, document, locale, numbers, tagged, timeoutMs } = job;
    if (this.closed) throw new RenderError("closed", { zh: "渲染器已关闭", en: "the renderer was closed" });
    const headerContext = { document, title: document.title, ...numbers };
    const header = this.templates.partial("page-header", headerContext, { locale }) || "<span></span>";
    const footer = this.templates.partial("page-footer", headerContext, { locale }) || "<span></span>";
    const {
      html: pageHtml,
      headerTemplate,
      footerTemplate,
      asset,
    } = this.fonts
      ? await this.fonts.apply(html, header, footer)
      : { html, headerTemplate: header, footerTemplate: footer, asset: undefined };
    try {
      return await this.pool.use(async (page) => {
        // The clock starts when a page is free: waiting behind other renders is not this render's fault.
        const deadline = Date.now() + timeoutMs;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(timeoutError(template, timeoutMs)), timeoutMs);
        });
        const work = (async () => {
          await page.load(pageHtml, Math.max(1, deadline - Date.now()), asset);
          const pdf = await page.page.pdf({
            format: "A4",
            landscape: spec.landscape,
            printBackground: true,
            displayHeaderFooter: true,
            headerTemplate,
            footerTemplate,
            margin: MARGINS,
            tagged,
            outline: false,
            ...(job.pageRanges ? { pageRanges: job.pageRanges } : {}),
            timeout: Math.max(1, deadline - Date.now()),
          });
          const blocked = [...page.blocked];
          // A document of thousands of forms would stay in the pooled page's memory until its next use.
          if (html.length > LARGE_DOCUMENT) await page.load(BLANK, Math.max(1, deadline - Date.now()));
          return { pdf, blocked };
        })();
        // When the timeout wins, the pool closes the page, which ends this work with an error nobody awaits.
        work.catch(() => undefined);
        try {
          return await Promise.race([work, timeout]);
        } finally {
          clearTimeout(timer);
        }
      });
    } catch (e) {
      throw asRenderError(e, template, timeoutMs);
    }
  }
}

/** Seconds as a person wrote them: 60, 2.5, 0.01 (never "0" for a short timeout). */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s >= 10) return String(Math.round(s));
  if (s >= 1) return String(Math.round(s * 10) / 10);
  return String(Number(s.toPrecision(2)));
}

function timeoutError(template: string, ms: number): RenderError {
  const s = formatSeconds(ms);
  return new RenderError("timeout", {
    zh: `生成 PDF 超时：模板 ${template} 在 ${s} 秒内未完成（可调大超时时间，或减少每次生成的客户数）`,
    en: `rendering timed out: template ${template} did not finish within ${s} s (raise the timeout or render fewer customers at once)`,
  });
}

function asRenderError(e: unknown, template: string, timeoutMs?: number): RenderError {
  if (e instanceof RenderError) return e;
  if (e instanceof TimeoutError && timeoutMs !== undefined) return timeoutError(template, timeoutMs);
  return new RenderError("pdf-failed", {
    zh: `浏览器未能生成模板 ${template} 的 PDF：${errorDetail(e)}`,
    en: `the browser could not print template ${template}: ${errorDetail(e)}`,
  });
}

function nothingToRender(template: string, skipped: readonly SkippedCustomer[]): RenderError {
  const first = skipped[0]?.error.text;
  return new RenderError("template-data", {
    zh: `模板 ${template} 没有可生成的客户${first ? `（例如：${first.zh}）` : ""}`,
    en: `template ${template} has no customer that can be rendered${first ? ` (e.g. ${first.en})` : ""}`,
  });
}
