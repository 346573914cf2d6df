// The in-page stand-in for office.js in the task-pane tests: served in place of Microsoft's CDN script, it gives
// the page `Office` (onReady, display language, API sets) and `Excel.run` backed by the fake workbook of
// fake-excel.ts, built from `window.__RAPPORT_FAKE__`. Outside Office the real office.js answers onReady with no
// host and replaces alert/confirm/prompt and history.pushState: this stand-in does the same, and counts any use.
// Its Excel has an ExcelApi version (calls of newer members fail with ApiNotFound, as in Excel), and it can offer
// `Office.context.ui.openBrowserWindow` (OpenBrowserWindowApi 1.1, desktop Excel), recording what it opens.
import { FakeSheet, FakeWorkbook, LATEST_EXCEL_API, type FakeCell, type FakeRequestContext } from "./fake-excel";

export interface FakeOfficeInit {
  sheets: {
    name: string;
    rows: (FakeCell | null)[][];
    protected?: boolean;
    merges?: { row: number; col: number; rows: number; cols: number }[];
  }[];
  /** "Excel" inside Excel; null as in a plain browser. */
  host: "Excel" | null;
  displayLanguage?: string;
  /** Highest ExcelApi minor version supported (default the latest). */
  excelApi?: number;
  /** OpenBrowserWindowApi 1.1, as desktop Excel on Windows and Mac has it (not Excel on the web). */
  openBrowserWindow?: boolean;
  /** The workbook's settings (what an add-in saved in it before: they travel with the file). */
  settings?: Record<string, unknown>;
}

export interface FakeOfficeHandle {
  book: FakeWorkbook;
  calls: { alert: number; confirm: number; prompt: number; pushState: number };
  /** Addresses given to `Office.context.ui.openBrowserWindow`. */
  opened: string[];
}

declare global {
  interface Window {
    __RAPPORT_FAKE__?: FakeOfficeInit;
    rapportFake?: FakeOfficeHandle;
  }
}

const init: FakeOfficeInit = window.__RAPPORT_FAKE__ ?? { sheets: [], host: "Excel", displayLanguage: "zh-CN" };
const book = new FakeWorkbook({}, { excelApi: init.excelApi ?? LATEST_EXCEL_API });
for (const s of init.sheets) {
  const sheet = new FakeSheet(s.name, s.rows);
  sheet.protected = Boolean(s.protected);
  sheet.merges = s.merges ?? [];
  book.sheets.push(sheet);
}
book.activeSheet = book.sheets[0]?.name ?? "";
for (const [key, value] of Object.entries(init.settings ?? {})) book.settings.set(key, value);

const calls = { alert: 0, confirm: 0, prompt: 0, pushState: 0 };
window.alert = () => void calls.alert++;
window.confirm = () => {
  calls.confirm++;
  return false;
};
window.prompt = () => {
  calls.prompt++;
  return null;
};
history.pushState = () => void calls.pushState++;

const opened: string[] = [];
const info = { host: init.host, platform: init.host ? (init.openBrowserWindow ? "PC" : "OfficeOnline") : null };

Object.assign(window, {
  Excel: {
    run: <T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T> => book.run(batch),
  },
  Office: {
    HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook", OneNote: "OneNote" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
    context: {
      displayLanguage: init.host ? (init.displayLanguage ?? "zh-CN") : undefined,
      requirements: {
        isSetSupported: (name: string, version?: string) =>
          name === "OpenBrowserWindowApi" ? Boolean(init.openBrowserWindow) : book.isSetSupported(name, version),
      },
      ui: {
        openBrowserWindow: (url: string) => {
          // Office.js has the member everywhere; Excel on the web does nothing with it (hence the requirement check).
          if (init.openBrowserWindow) opened.push(url);
        },
      },
    },
    onReady(callback?: (i: typeof info) => void): Promise<typeof info> {
      return new Promise((resolve) =>
        setTimeout(() => {
          callback?.(info);
          resolve(info);
        }, 0),
      );
    },
  },
  rapportFake: { book, calls, opened },
});
