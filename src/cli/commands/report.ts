import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isValidYmd } from "../../core/calendar";
import {
  buildCallbacksData,
  buildCustomerPages,
  buildPlanData,
  buildReportData,
  buildRosterData,
  type ReportSources,
} from "../../core/report/documents";
import { monthOf } from "../../core/report/period";
import type { DocumentInfo, Period } from "../../core/report/types";
import {
  isTemplateName,
  Renderer,
  RenderError,
  TEMPLATE_NAMES,
  TEMPLATES,
  type RenderErrorCode,
  type TemplateName,
} from "../../render";
import type { ArchiveInputOptions } from "../archive-input";
import { progressBar } from "../progress";
import { loadReportSources, type ReportInput } from "../report-sources";
import { today } from "../today";
import { InputError } from "../xlsx/errors";

export interface ReportOptions extends ArchiveInputOptions {
  template?: string;
  out?: string;
  perCustomer?: boolean;
  from?: string;
  to?: string;
  templates?: string;
  /** commander's `--mask` / `--no-mask`; undefined: the template's default. */
  mask?: boolean;
  /** Seconds per render. */
  timeout?: string;
}

function dateOption(flag: string, text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new InputError({
      zh: `${flag} 应为日期 YYYY-MM-DD（如 2026-11-01），而不是“${text}”`,
      en: `${flag} must be a date YYYY-MM-DD (e.g. 2026-11-01), not "${text}"`,
    });
  }
  return text.trim();
}

/** --from/--to, both or neither; neither is the current month. */
function periodOf(options: ReportOptions): Period {
  if (options.from === undefined && options.to === undefined) return monthOf(today());
  if (options.from === undefined || options.to === undefined) {
    throw new InputError({ zh: "--from 与 --to 需同时给出", en: "give both --from and --to" });
  }
  const from = dateOption("--from", options.from);
  const to = dateOption("--to", options.to);
  if (to < from)
    throw new InputError({ zh: `--to ${to} 早于 --from ${from}`, en: `--to ${to} is before --from ${from}` });
  return { from, to };
}

function templateOf(options: ReportOptions): TemplateName {
  const name = options.template?.trim() ?? "";
  if (!isTemplateName(name)) {
    throw new InputError({
      zh: `--template 应为 ${TEMPLATE_NAMES.join("、")} 之一${name ? `，而不是“${name}”` : ""}`,
      en: `--template must be one of ${TEMPLATE_NAMES.join(", ")}${name ? `, not "${name}"` : ""}`,
    });
  }
  return name;
}

function timeoutOf(options: ReportOptions): number | undefined {
  if (options.timeout === undefined) return undefined;
  const s = Number(options.timeout);
  if (!Number.isFinite(s) || s <= 0) {
    throw new InputError({
      zh: `--timeout 应为秒数，而不是“${options.timeout}”`,
      en: `--timeout must be seconds, not "${options.timeout}"`,
    });
  }
  return s * 1000;
}

function documentFor(template: TemplateName, input: ReportInput, period: Period): DocumentInfo {
  const section = input.config.report;
  const spec = TEMPLATES[template];
  const now = today();
  return {
    title: spec.title.zh,
    number: section?.numbers?.[template] ?? `${spec.numberPrefix}-${period.from.slice(0, 7).replace("-", "")}`,
    controlStatus: section?.controlStatus ?? "受控",
    company: section?.company,
    executingDepartment: section?.executingDepartment ?? "客户服务部",
    supervisingDepartment: section?.supervisingDepartment ?? "客户服务部经理室",
    editingDepartment: section?.editingDepartment ?? "客户服务部",
    author: section?.author ?? section?.approval?.preparedBy ?? section?.company,
    date: now,
  };
}

function dataFor(template: TemplateName, sources: ReportSources, input: ReportInput, period: Period): unknown {
  const document = documentFor(template, input, period);
  const section = input.config.report;
  switch (template) {
    case "plan":
      return buildPlanData(sources, period, document, {
        ...section?.plan,
        targets: section?.targets,
        approval: section?.approval,
      });
    case "report":
      return { ...buildReportData(sources, period, document, section?.targets), approval: section?.approval ?? {} };
    case "roster":
      return buildRosterData(sources, document);
    case "callbacks":
      return buildCallbacksData(sources, period, document);
    case "record":
    case "evaluation":
      return buildCustomerPages(sources, document);
  }
}

/** A file name from a customer's code and name: no path separators or characters Windows refuses. */
export function customerFileName(code: string, name: string): string {
  const clean = (s: string) =>
    s
      .normalize("NFC")
      .replace(/[\\/:*?"<>|]/g, "_")
      .replace(/\p{Cc}/gu, "_")
      .replace(/\s+/g, " ")
      .trim();
  let base = [clean(code), clean(name)]
    .filter(Boolean)
    .join("_")
    .slice(0, 100)
    .replace(/[. ]+$/, "");
  if (!base || /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(base)) base = `_${base}`;
  return `${base}.pdf`;
}

/** Exit codes as the other commands: 1 some customers skipped, 2 unusable input or set-up, 3 the browser failed. */
const EXIT_SKIPPED = 1;
const EXIT_STOPPED = 3;

/** Render failures the user fixes in their set-up (template folder, browser): exit 2, like unusable input. */
const SETUP_ERRORS: readonly RenderErrorCode[] = [
  "template-compile",
  "template-error",
  "template-not-found",
  "browser-not-found",
  "browser-failed",
];

function renderExit(e: RenderError): InputError | RenderError {
  if (SETUP_ERRORS.includes(e.code)) return new InputError(e.text);
  return e;
}

/** The browser gave out (a timeout, a crash): the run stops with this one message and exit 3. */
function stopped(e: RenderError, written: Written, err: (text: string) => void): number {
  const files = written.files
    ? `\n已写入的 ${written.files} 个 PDF 保留在输出文件夹中 / the ${written.files} PDF(s) already written are kept`
    : "";
  err(`rapport: ${e.text.zh}\nrapport: ${e.text.en}\n生成已停止 / rendering stopped${files}`);
  return EXIT_STOPPED;
}

interface Written {
  files: number;
  pages: number;
  skipped: { code: string; name: string; text: { zh: string; en: string } }[];
  blocked: string[];
}

/**
 * `rapport report`: renders a template to PDF. Exit 0 when everything rendered, 1 when some customers had to be
 * skipped (each is listed) or a document's data cannot be printed, 2 for unusable input (file, options, templates,
 * no browser or one that will not start), 3 when the browser fails mid-run (a timeout, a crash): the run stops.
 */
export async function runReport(
  file: string,
  options: ReportOptions,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const template = templateOf(options);
  const spec = TEMPLATES[template];
  if (options.perCustomer && !spec.perCustomer) {
    throw new InputError({
      zh: `--per-customer 只适用于每客户一份的表单（record、evaluation），不适用于 ${template}`,
      en: `--per-customer applies to the per-customer forms (record, evaluation), not to ${template}`,
    });
  }
  const period = periodOf(options);
  const timeoutMs = timeoutOf(options);
  const outDir = options.out ?? ".";
  const { input, sources, notes } = await loadReportSources(
    file,
    { sheet: options.sheet, config: options.config },
    period,
  );
  const data = dataFor(template, sources, input, period);

  let renderer: Renderer;
  try {
    // Only the template this run prints (and its partials) must compile: another broken one is not in the way.
    renderer = await Renderer.create({ templatesDir: options.templates, timeoutMs, templates: [template] });
  } catch (e) {
    throw e instanceof RenderError ? renderExit(e) : e;
  }
  const written: Written = { files: 0, pages: 0, skipped: [], blocked: [] };
  const started = performance.now();
  try {
    await mkdir(outDir, { recursive: true });
    if (options.perCustomer) {
      await renderPerCustomer(renderer, template, data, outDir, options.mask, written);
    } else {
      const result = await renderDocument(renderer, template, data, options.mask);
      const path = join(outDir, `${template}.pdf`);
      await writeFile(path, result.pdf);
      written.files = 1;
      written.pages = result.pages;
      written.blocked = result.blocked;
      written.skipped = result.skipped.map((s) => ({ code: s.code, name: s.name, text: s.error.text }));
      out(`已写入 ${path}（${result.pages} 页） / wrote ${path} (${result.pages} pages)`);
    }
  } catch (e) {
    if (!(e instanceof RenderError)) throw e;
    const mapped = renderExit(e);
    if (mapped instanceof InputError) throw mapped;
    if (e.code !== "template-data") return stopped(e, written, err);
    // The document's data cannot be printed (a date that is not a date): say why, in both languages.
    err(`rapport: ${e.text.zh}\nrapport: ${e.text.en}`);
    return EXIT_SKIPPED;
  } finally {
    await renderer.close();
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const s of written.skipped) {
    err(`跳过 ${s.code} ${s.name}：${s.text.zh}\nskipped ${s.code} ${s.name}: ${s.text.en}`);
  }
  for (const url of written.blocked) err(`已拦截网络请求 / blocked a network request: ${url}`);
  for (const note of notes) err(`注意：${note.zh}\nnote: ${note.en}`);
  out(
    `${spec.title.zh}：生成 ${written.files} 个 PDF，共 ${written.pages} 页，跳过 ${written.skipped.length} 个客户，用时 ${seconds} 秒（${period.from} 至 ${period.to}）\n` +
      `${spec.title.en}: ${written.files} PDF(s), ${written.pages} pages, ${written.skipped.length} customer(s) skipped, ${seconds} s (${period.from} to ${period.to})`,
  );
  return written.skipped.length ? EXIT_SKIPPED : 0;
}

/** One PDF; a per-customer template shows a bar of customers printed on a terminal (it can take a minute). */
async function renderDocument(renderer: Renderer, template: TemplateName, data: unknown, mask: boolean | undefined) {
  if (!TEMPLATES[template].perCustomer) return renderer.render(template, data, { mask });
  const total = (data as { customers: unknown[] }).customers.length;
  const bar = progressBar("生成 Rendering", total, "客户 customers");
  try {
    return await renderer.render(template, data, { mask, onProgress: (printed) => bar.update(printed) });
  } finally {
    bar.stop();
  }
}

async function renderPerCustomer(
  renderer: Renderer,
  template: TemplateName,
  data: unknown,
  outDir: string,
  mask: boolean | undefined,
  written: Written,
): Promise<void> {
  const dir = join(outDir, template);
  await mkdir(dir, { recursive: true });
  const total = (data as { customers: unknown[] }).customers.length;
  // A bar on a terminal; scripts and CI get the summary only.
  const bar = progressBar("生成 Rendering", total, "客户 customers");
  let done = 0;
  const used = new Set<string>();
  try {
    const summary = await renderer.renderEach(
      template,
      data,
      async (result) => {
        bar.update(++done);
        if (!result.ok) return;
        let name = customerFileName(result.code, result.name);
        // Codes are unique on a valid sheet; a sheet with duplicate codes still gets one file per row.
        for (let n = 2; used.has(name); n++) name = customerFileName(`${result.code}-${n}`, result.name);
        used.add(name);
        await writeFile(join(dir, name), result.pdf);
        written.files++;
        written.pages += result.pages;
      },
      { mask },
    );
    written.skipped = summary.skipped.map((s) => ({ code: s.code, name: s.name, text: s.error.text }));
    written.blocked = summary.blocked;
  } finally {
    bar.stop();
  }
}
