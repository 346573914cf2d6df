/// <reference types="office-js" />
// The task pane: shows which sheet and header row Rapport found, lets the person correct the column mapping, and
// runs the four actions (Validate, Grade, Fill callbacks, Make PDF) through the Office.js adapter, with progress
// and a clear message for everything that can go wrong, shown next to the action that gave it. Office.js replaces
// alert/confirm/prompt and history.pushState outside Office, so the pane uses none of them: every message is
// shown in the pane itself. The look is Fluent UI's (web components, fluent.ts).
import { FIELDS } from "../core/fields";
import type { BilingualText, FieldKey, ValidationIssue } from "../core/types";
import {
  ActionError,
  checkPeriod,
  clearMarks,
  collectSources,
  createStandardSheet,
  describeActionError,
  detectArchive,
  detectCapabilities,
  MIN_CAPABILITIES,
  fillCallbacks,
  gradeWorkbook,
  listSheets,
  saveHeaders,
  selectCell,
  templateData,
  validateWorkbook,
  type ActionOptions,
  type DetectSummary,
  type ExcelCapabilities,
  type HeaderMapping,
  type PdfRequestBody,
  type Progress,
} from "../excel";
import { TEMPLATE_NAMES, TEMPLATES, type TemplateName } from "../render/catalog";
import { registerFluent } from "./fluent";
import { langFromLocale, pick, text, type Lang, type StringKey } from "./i18n";

const LANG_KEY = "rapport.lang";
/** Findings listed in the pane; the 校验结果 sheet has them all. */
const LISTED_FINDINGS = 200;

type Message = { kind: "info" | "success" | "warning" | "error"; text: (lang: Lang) => string };

interface State {
  lang: Lang;
  excel: boolean;
  capabilities: ExcelCapabilities;
  detect: DetectSummary | null;
  sheet?: string;
  /** The workbook's sheets as last seen: lets the next action read the workbook in one round-trip. */
  knownSheets?: string[];
  /** The column mapping in effect, as saved with the workbook (Rapport's workbook settings). */
  headers: HeaderMapping;
  busy: boolean;
  message: Message | null;
  findings: { sheet: string; issues: ValidationIssue[]; sheetName: string } | null;
  standardMissing: boolean;
  /** The last PDF: a blob: URL (in the pane), or the server's address of a kept copy (opened by Office). */
  pdf: { url: string; name: string; kept: boolean } | null;
}

const state: State = {
  lang: "zh",
  excel: false,
  capabilities: MIN_CAPABILITIES,
  detect: null,
  headers: {},
  busy: false,
  message: null,
  findings: null,
  standardMissing: false,
  pdf: null,
};

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from taskpane.html`);
  return el;
}

function input(id: string): HTMLInputElement {
  return $(id) as HTMLInputElement;
}

function select(id: string): HTMLSelectElement {
  return $(id) as HTMLSelectElement;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function t(key: StringKey, values?: Record<string, string | number>): string {
  return text(state.lang, key, values);
}

// ---------------------------------------------------------------- dates

function iso(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function today(): string {
  return iso(new Date());
}

function monthBounds(offset: number): { from: string; to: string } {
  const now = new Date();
  const first = new Date(now.getFullYear(), now.getMonth() + offset, 1);
  const last = new Date(now.getFullYear(), now.getMonth() + offset + 1, 0);
  return { from: iso(first), to: iso(last) };
}

// ---------------------------------------------------------------- rendering

function applyLanguage(): void {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll<HTMLElement>("[data-i18n]").forEach((el) => {
    el.textContent = t(el.dataset.i18n as StringKey);
  });
  document.querySelectorAll<HTMLElement>("[data-i18n-title]").forEach((el) => {
    el.title = t(el.dataset.i18nTitle as StringKey);
  });
  renderTemplates();
  renderSheet();
  renderMessage();
  renderFindings();
}

function renderTemplates(): void {
  const el = select("template");
  const current = el.value || "report";
  el.replaceChildren(
    ...TEMPLATE_NAMES.map((name) => {
      const option = document.createElement("option");
      option.value = name;
      option.textContent = pick(state.lang, TEMPLATES[name].title);
      return option;
    }),
  );
  el.value = current;
}

function renderSheet(): void {
  const status = $("sheet-status");
  const detect = state.detect;
  if (!state.excel) return;
  // The status line is the pane's own from now on, not the "Reading the workbook…" it starts with.
  delete status.dataset.i18n;
  if (!detect) {
    status.textContent = t("notFound");
  } else {
    let line = t("found", { row: detect.headerRow, rows: detect.rows });
    if (detect.missing.length) {
      const names = detect.missing.map((f) => pick(state.lang, fieldName(f))).join(state.lang === "zh" ? "、" : ", ");
      line += ` — ${t("missingRequired", { fields: names })}`;
    }
    status.textContent = line;
  }
  renderMapping();
  $("create-standard").hidden = !state.standardMissing;
}

function fieldName(field: FieldKey): BilingualText {
  const spec = FIELDS.find((f) => f.key === field);
  return spec ? { zh: spec.zh, en: spec.en } : { zh: field, en: field };
}

function renderSheetOptions(sheets: readonly string[], selected: string | undefined): void {
  const el = select("sheet");
  el.replaceChildren(
    ...(selected ? [] : [new Option(t("pickSheet"), "", true, true)]),
    ...sheets.map((name) => new Option(name, name, false, name === selected)),
  );
}

function renderMapping(): void {
  const list = $("mapping-list");
  const detect = state.detect;
  if (!detect) {
    list.replaceChildren();
    return;
  }
  const rows: HTMLElement[] = [];
  for (const column of detect.columns) {
    const col = document.createElement("span");
    col.className = "col";
    col.textContent = column.column;
    const head = document.createElement("span");
    head.className = column.field ? "head" : "head unknown";
    head.textContent = column.header;
    head.title = column.header;
    const picker = document.createElement("select");
    picker.setAttribute("aria-label", `${column.column} ${column.header}`);
    picker.dataset.header = column.header;
    // "Not recognised" is always offered: a column Rapport took for a field can be set back to none.
    picker.append(new Option(t("notRecognised"), "", !column.field, !column.field));
    for (const f of FIELDS) {
      picker.append(new Option(`${pick(state.lang, { zh: f.zh, en: f.en })}`, f.key, false, f.key === column.field));
    }
    picker.addEventListener("change", () => {
      const field = (picker.value || null) as FieldKey | null;
      void action(() => changeMapping({ ...state.headers, [column.header]: field }), "sheet-card");
    });
    rows.push(col, head, picker);
  }
  list.replaceChildren(...rows);
}

function renderMessage(): void {
  const el = $("message");
  const message = state.message;
  if (!message) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  el.className = `message ${message.kind}`;
  el.setAttribute("role", message.kind === "error" ? "alert" : "status");
  el.textContent = message.text(state.lang);
}

/** Puts the progress bar and the message right after the part of the pane the person is using. */
function placeFeedback(near: string): void {
  const feedback = $("feedback");
  const anchor = $(near);
  if (anchor.nextElementSibling !== feedback) anchor.after(feedback);
}

/** Brings the message into view (a long pane scrolls; the result is where the person looks). */
function revealMessage(): void {
  const el = $("message");
  if (el.hidden) return;
  el.scrollIntoView?.({ block: "nearest" });
}

function renderFindings(): void {
  const card = $("findings-card");
  const findings = state.findings;
  if (!findings || findings.issues.length === 0) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  const items = findings.issues.slice(0, LISTED_FINDINGS).map((issue) => {
    const li = document.createElement("li");
    li.className = issue.severity;
    const button = document.createElement("button");
    button.type = "button";
    const cell = document.createElement("span");
    cell.className = "cell";
    cell.textContent = issue.column ? `${issue.column}${issue.row}` : `${issue.row}`;
    button.append(cell, ` ${shortMessage(pick(state.lang, issue.message))}`);
    button.addEventListener("click", () => {
      const address = issue.column ? `${issue.column}${issue.row}` : `A${issue.row}`;
      void Excel.run((ctx) => selectCell(ctx, findings.sheet, address)).catch((e: unknown) => showError(e));
    });
    li.append(button);
    return li;
  });
  $("findings").replaceChildren(...items);
  const more = findings.issues.length - LISTED_FINDINGS;
  $("findings-more").textContent = more > 0 ? t("moreFindings", { n: more, sheet: findings.sheetName }) : "";
}

/** The pane lists the cell in its own column: the message starts after the sheet, row and column. */
function shortMessage(message: string): string {
  return message
    .replace(/^[^：]*?[）)]：\s*/, "")
    .replace(/^Sheet "[^"]*", row \d+(?:, column [A-Z]+)?(?: \([^)]*\))?:\s*/, "");
}

function setMessage(kind: Message["kind"], render: (lang: Lang) => string): void {
  state.message = { kind, text: render };
  renderMessage();
  revealMessage();
}

function showError(e: unknown): void {
  const error = describeActionError(e);
  setMessage(error.code === "not-customer-sheet" ? "warning" : "error", (lang) => error.text[lang]);
}

function setBusy(busy: boolean): void {
  state.busy = busy;
  for (const id of [
    "validate",
    "grade",
    "callbacks",
    "pdf",
    "clear-marks",
    "create-standard",
    "sheet",
    "mapping-reset",
  ]) {
    ($(id) as HTMLButtonElement | HTMLSelectElement).disabled = busy || !state.excel;
  }
  $("mapping-list")
    .querySelectorAll("select")
    .forEach((el) => (el.disabled = busy || !state.excel));
  document.body.setAttribute("aria-busy", String(busy));
}

function showProgress(progress: Progress | null, phase?: StringKey): void {
  const card = $("progress-card");
  if (!progress) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  const label: StringKey =
    phase ??
    (progress.phase === "read"
      ? "phaseRead"
      : progress.phase === "compute"
        ? "phaseCompute"
        : progress.phase === "write"
          ? "phaseWrite"
          : "phaseDone");
  $("progress-text").textContent = t(label);
  const pct = Math.round(progress.share * 100);
  $("progress-pct").textContent = `${pct}%`;
  (input("progress") as unknown as HTMLProgressElement).value = pct;
}

// ---------------------------------------------------------------- actions

function options(): ActionOptions {
  return {
    today: today(),
    capabilities: state.capabilities,
    sheet: state.sheet,
    knownSheets: state.knownSheets,
    // The mapping is the workbook's own (saved with it): every action reads it with the workbook.
    onProgress: (p) => showProgress(p),
  };
}

/** Saves a corrected column mapping with the workbook and reads the sheet again with it. */
async function changeMapping(headers: HeaderMapping): Promise<void> {
  await Excel.run((ctx) => saveHeaders(ctx, headers));
  state.headers = headers;
  await detect_({ notice: true });
}

/** Runs one action: busy state, progress next to it, and any failure as a message (never a stack trace). */
async function action(work: () => Promise<void>, near = "action-validate"): Promise<void> {
  if (state.busy) return;
  placeFeedback(near);
  setBusy(true);
  state.message = null;
  renderMessage();
  showProgress({ phase: "read", share: 0 });
  try {
    await work();
  } catch (e) {
    // Whatever went wrong, the next action looks at the whole workbook again.
    state.knownSheets = undefined;
    showError(e);
  } finally {
    showProgress(null);
    setBusy(false);
  }
}

async function detect_(opts: { notice?: boolean } = {}): Promise<void> {
  try {
    const summary = await Excel.run((ctx) => detectArchive(ctx, options()));
    state.detect = summary;
    state.headers = summary.headers;
    state.sheet = summary.sheet;
    state.knownSheets = summary.allSheets;
    renderSheetOptions(summary.sheets, summary.sheet);
    renderSheet();
    if (opts.notice) setMessage("info", (lang) => text(lang, "mappingSaved"));
  } catch (e) {
    state.detect = null;
    renderSheet();
    const sheets = await Excel.run((ctx) => listSheets(ctx)).catch(() => []);
    renderSheetOptions(sheets, undefined);
    showError(e);
  }
}

async function runValidate(): Promise<void> {
  const outcome = await Excel.run((ctx) => validateWorkbook(ctx, options()));
  state.knownSheets = outcome.sheets;
  state.findings = { sheet: outcome.sheet, issues: outcome.issues, sheetName: outcome.findingsSheet };
  renderFindings();
  const values = {
    rows: outcome.rows,
    errors: outcome.errors,
    warnings: outcome.warnings,
    sheet: outcome.findingsSheet,
  };
  if (outcome.issues.length === 0) setMessage("success", (lang) => text(lang, "validatedClean", values));
  else
    setMessage(outcome.errors ? "warning" : "success", (lang) =>
      [
        text(lang, "validated", values),
        ...(outcome.unmarked ? [text(lang, "unmarked", { n: outcome.unmarked, sheet: outcome.findingsSheet })] : []),
      ].join("\n"),
    );
}

async function runClearMarks(): Promise<void> {
  await Excel.run((ctx) => clearMarks(ctx, options()));
  setMessage("success", (lang) => text(lang, "marksCleared"));
}

async function runGrade(): Promise<void> {
  const summary = await Excel.run((ctx) => gradeWorkbook(ctx, options()));
  state.knownSheets = summary.sheets;
  state.standardMissing = summary.standard === "default";
  renderSheet();
  const d = summary.distribution;
  const values = {
    graded: summary.graded,
    A: d.A.count,
    B: d.B.count,
    C: d.C.count,
    D: d.D.count,
    notGraded: summary.notGraded.length,
    columns: summary.columns.join(state.lang === "zh" ? "、" : ", "),
    sheet: summary.rosterSheet,
  };
  const standard: StringKey = summary.standard === "default" ? "standardDefault" : "standardSheet";
  setMessage(summary.notGraded.length ? "warning" : "success", (lang) => {
    const lines = [text(lang, "graded", values), text(lang, standard)];
    for (const n of summary.notGraded.slice(0, 5)) lines.push(`• ${n.reasons.map((r) => r.message[lang]).join("; ")}`);
    return lines.join("\n");
  });
}

async function runCreateStandard(): Promise<void> {
  const added = await Excel.run((ctx) => createStandardSheet(ctx, options()));
  state.knownSheets = [...(state.knownSheets ?? []), added];
  state.standardMissing = false;
  renderSheet();
  setMessage("success", (lang) => text(lang, "standardCreated"));
}

async function runCallbacks(): Promise<void> {
  const summary = await Excel.run((ctx) =>
    fillCallbacks(ctx, { ...options(), from: input("cb-from").value, to: input("cb-to").value }),
  );
  state.knownSheets = summary.sheets;
  const values = {
    sheet: summary.sheet,
    planned: summary.planned,
    added: summary.merge.added,
    updated: summary.merge.updated,
    kept: summary.merge.kept,
    removed: summary.merge.removed,
  };
  const errors = summary.warnings.some((w) => w.severity === "error");
  setMessage(errors || summary.warnings.length ? "warning" : "success", (lang) =>
    [text(lang, "scheduled", values), ...summary.warnings.map((w) => `• ${w.message[lang]}`)].join("\n"),
  );
}

function formatSize(bytes: number): string {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

async function runPdf(): Promise<void> {
  const template = select("template").value as TemplateName;
  const period = checkPeriod(input("pdf-from").value, input("pdf-to").value);
  const collected = await Excel.run((ctx) => collectSources(ctx, options(), period));
  showProgress({ phase: "write", share: 0.6 }, "phaseRender");
  const name = `${pick("zh", TEMPLATES[template].title)}-${period.from}-${period.to}.pdf`;
  // Inside Office on Windows and Mac the pane's web view cannot open or save a blob: URL (office-js #3385, #1145,
  // #4421): the server keeps the PDF for a few minutes and Office opens its address in the browser
  // (OpenBrowserWindowApi 1.1). Excel on the web runs in a browser, where the blob: link works.
  const viaBrowser = canOpenBrowserWindow();
  const body: PdfRequestBody & { options: { link?: boolean; fileName?: string } } = {
    template,
    data: templateData(template, collected.sources, period, today()),
    options: {
      mask: input("mask").checked,
      locale: state.lang === "zh" ? "zh-CN" : "en",
      today: today(),
      ...(viaBrowser ? { link: true, fileName: name } : {}),
    },
  };
  let response: Response;
  try {
    response = await fetch("/api/render", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: viaBrowser ? "application/json" : "application/pdf" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ActionError("server", { zh: text("zh", "serverDown"), en: text("en", "serverDown") });
  }
  if (!response.ok) {
    let message: BilingualText = { zh: `服务返回 ${response.status}`, en: `the server answered ${response.status}` };
    try {
      const json = (await response.json()) as { error?: { message?: BilingualText } };
      if (json.error?.message?.zh) message = json.error.message;
    } catch {
      // Not JSON: the status line says enough.
    }
    throw new ActionError("server", message);
  }
  if (state.pdf && !state.pdf.kept) URL.revokeObjectURL(state.pdf.url);
  let size: number;
  if (viaBrowser) {
    const kept = (await response.json()) as { url: string; bytes: number; expiresInSeconds: number };
    state.pdf = { url: kept.url, name, kept: true };
    size = kept.bytes;
    Office.context.ui.openBrowserWindow(kept.url);
  } else {
    const blob = await response.blob();
    state.pdf = { url: URL.createObjectURL(blob), name, kept: false };
    size = blob.size;
  }
  const open = $("pdf-open") as HTMLAnchorElement;
  const save = $("pdf-save") as HTMLAnchorElement;
  open.setAttribute("href", state.pdf.url);
  save.setAttribute("href", state.pdf.kept ? `${state.pdf.url}?download=1` : state.pdf.url);
  save.setAttribute("download", name);
  $("pdf-result").hidden = false;
  const notes = collected.notes;
  const ready: StringKey = viaBrowser ? "pdfOpened" : "pdfReady";
  setMessage(notes.length ? "warning" : "success", (lang) =>
    [text(lang, ready, { size: formatSize(size) }), ...notes.map((n) => `• ${n[lang]}`)].join("\n"),
  );
}

/** Office can open an address in the person's browser (desktop Excel on Windows and Mac; not Excel on the web). */
function canOpenBrowserWindow(): boolean {
  try {
    return (
      typeof Office !== "undefined" &&
      typeof Office.context?.ui?.openBrowserWindow === "function" &&
      Office.context.requirements.isSetSupported("OpenBrowserWindowApi", "1.1")
    );
  } catch {
    return false;
  }
}

/** The PDF links: a kept copy is opened through Office (a link in the web view would do nothing there). */
function openKept(event: Event, download: boolean): void {
  if (!state.pdf?.kept) return;
  event.preventDefault();
  Office.context.ui.openBrowserWindow(download ? `${state.pdf.url}?download=1` : state.pdf.url);
}

// ---------------------------------------------------------------- start

function wire(): void {
  $("lang").addEventListener("click", () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    storage()?.setItem(LANG_KEY, state.lang);
    applyLanguage();
  });
  $("validate").addEventListener("click", () => void action(runValidate, "action-validate"));
  $("clear-marks").addEventListener("click", () => void action(runClearMarks, "action-validate"));
  $("grade").addEventListener("click", () => void action(runGrade, "action-grade"));
  $("create-standard").addEventListener("click", () => void action(runCreateStandard, "action-grade"));
  $("callbacks").addEventListener("click", () => void action(runCallbacks, "action-callbacks"));
  $("pdf").addEventListener("click", () => void action(runPdf, "action-pdf"));
  $("pdf-open").addEventListener("click", (e) => openKept(e, false));
  $("pdf-save").addEventListener("click", (e) => openKept(e, true));
  $("mapping-reset").addEventListener("click", () => void action(() => changeMapping({}), "sheet-card"));
  select("sheet").addEventListener("change", () => {
    const value = select("sheet").value;
    state.sheet = value || undefined;
    void action(() => detect_(), "sheet-card");
  });
  select("template").addEventListener("change", () => {
    input("mask").checked = TEMPLATES[select("template").value as TemplateName].maskByDefault;
  });
  const next = monthBounds(1);
  input("cb-from").value = next.from;
  input("cb-to").value = next.to;
  const current = monthBounds(0);
  input("pdf-from").value = current.from;
  input("pdf-to").value = current.to;
}

function initialLang(officeLocale?: string): Lang {
  const saved = storage()?.getItem(LANG_KEY);
  if (saved === "zh" || saved === "en") return saved;
  return langFromLocale(officeLocale ?? navigator.language);
}

/** The status line under the sheet picker, kept in the chosen language. */
function showStatus(key: StringKey): void {
  const status = $("sheet-status");
  status.dataset.i18n = key;
  status.textContent = t(key);
}

function showBanner(key: StringKey): void {
  const banner = $("banner");
  banner.dataset.i18n = key;
  banner.textContent = t(key);
  banner.hidden = false;
}

async function start(info: { host: Office.HostType | null }): Promise<void> {
  let locale: string | undefined;
  try {
    locale = Office.context?.displayLanguage || undefined;
  } catch {
    locale = undefined;
  }
  state.lang = initialLang(locale);
  // In a plain browser office.js answers with no host: the pane stays readable but does nothing.
  state.excel = info.host === Office.HostType.Excel;
  applyLanguage();
  select("template").value = "report";
  input("mask").checked = TEMPLATES.report.maskByDefault;
  if (!state.excel) {
    showBanner("notInExcel");
    showStatus("notConnected");
    setBusy(false);
    return;
  }
  state.capabilities = detectCapabilities((name, version) => Office.context.requirements.isSetSupported(name, version));
  placeFeedback("sheet-card");
  setBusy(true);
  try {
    await detect_();
  } finally {
    setBusy(false);
  }
}

function boot(): void {
  registerFluent();
  wire();
  if (typeof Office === "undefined") {
    state.lang = initialLang();
    applyLanguage();
    showBanner("noOffice");
    // Not "Reading the workbook…": nothing will be read.
    showStatus("notConnected");
    setBusy(false);
    return;
  }
  void Office.onReady((info) => start(info));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
