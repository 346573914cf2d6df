// One browser per process, shared by every renderer in it, started on first use and closed when the last renderer
// lets go of it, when the process exits, and on Ctrl-C: a PDF run must never leave Chrome processes behind.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";
import { findBrowser } from "./browser";
import { errorDetail, RenderError } from "./errors";

/** The flags Rapport starts the browser with: headless, no first-run chores, nothing talking to the network. */
export const BROWSER_FLAGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
  "--disable-default-apps",
  "--disable-breakpad",
  "--disable-crash-reporter",
  "--disable-dev-shm-usage",
  "--hide-scrollbars",
  "--mute-audio",
  "--force-color-profile=srgb",
  // Font hinting distorts glyph metrics in PDFs; print layout wants the outlines as designed.
  "--font-render-hinting=none",
];

interface Session {
  browser: Browser;
  profile: string;
  pid: number | undefined;
  users: number;
}

let current: Promise<Session> | null = null;
/** The running session, for the synchronous exit and signal handlers. */
let settled: Session | null = null;
let hooked = false;

function removeProfile(profile: string): void {
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
  } catch {
    // A profile left in the temp folder is harmless; failing the exit over it would not be.
  }
}

/** Synchronous last-chance cleanup: kills the browser's whole process group and removes its profile. */
function killNow(session: Session): void {
  if (session.pid) {
    try {
      if (process.platform === "win32") {
        // taskkill /T takes the renderer and GPU children along.
        execFileSync("taskkill", ["/pid", String(session.pid), "/T", "/F"], { stdio: "ignore" });
      } else {
        process.kill(-session.pid, "SIGKILL");
      }
    } catch {
      // Already gone.
    }
  }
  removeProfile(session.profile);
}

function hookProcess(): void {
  if (hooked) return;
  hooked = true;
  process.once("exit", () => {
    if (settled) killNow(settled);
  });
  // Ctrl-C, kill and a closed terminal: clean up, then end as the signal would have (128 + signal number).
  const onSignal = (signal: NodeJS.Signals, code: number) => {
    process.once(signal, () => {
      if (settled) killNow(settled);
      settled = null;
      process.exit(code);
    });
  };
  onSignal("SIGINT", 130);
  onSignal("SIGTERM", 143);
  onSignal("SIGHUP", 129);
}

async function launch(): Promise<Session> {
  const found = findBrowser();
  const profile = mkdtempSync(join(tmpdir(), "rapport-chrome-"));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: found.path,
      ignoreDefaultArgs: true,
      args: [...BROWSER_FLAGS, `--user-data-dir=${profile}`],
      pipe: true,
      // Rapport installs its own handlers above (they also remove the profile).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      protocolTimeout: 180_000,
    });
  } catch (e) {
    removeProfile(profile);
    const which = found.kind === "env" ? "RAPPORT_CHROME 指定的" : "";
    const whichEn = found.kind === "env" ? " named by RAPPORT_CHROME" : "";
    throw new RenderError("browser-failed", {
      zh: `${which}浏览器 ${found.path} 无法启动（${errorDetail(e)}）。请确认它是 Chrome、Edge 或 Chromium 且能运行，或用环境变量 RAPPORT_CHROME 指定另一个浏览器。`,
      en: `the browser${whichEn} ${found.path} did not start (${errorDetail(e)}). Check that it is a working Chrome, Edge or Chromium, or set RAPPORT_CHROME to another browser.`,
    });
  }
  const session: Session = { browser, profile, pid: browser.process()?.pid, users: 0 };
  settled = session;
  hookProcess();
  browser.once("disconnected", () => {
    // A crashed browser is not reused: the next render starts a fresh one.
    if (settled === session) {
      killNow(session);
      settled = null;
      current = null;
    }
  });
  return session;
}

/** The process's browser, started if needed; every `acquireBrowser` needs a matching `releaseBrowser`. */
export async function acquireBrowser(): Promise<Browser> {
  if (!current) current = launch();
  let session: Session;
  try {
    session = await current;
  } catch (e) {
    current = null;
    throw e;
  }
  session.users++;
  return session.browser;
}

/** Lets go of the browser; the last user closes it (and its profile folder). */
export async function releaseBrowser(): Promise<void> {
  if (!current) return;
  const session = await current.catch(() => null);
  if (!session) return;
  session.users = Math.max(0, session.users - 1);
  if (session.users > 0) return;
  await closeSession(session);
}

async function closeSession(session: Session): Promise<void> {
  if (settled === session) settled = null;
  current = null;
  try {
    await Promise.race([session.browser.close(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
  } catch {
    // Closing a browser that already went away.
  }
  killNow(session);
}

/** Closes the browser whoever still uses it (tests, the end of a CLI run). */
export async function shutdownBrowser(): Promise<void> {
  if (!current) return;
  const session = await current.catch(() => null);
  if (session) await closeSession(session);
}

/** The browser's process id and profile folder while it runs (tests check that both are gone afterwards). */
export function browserProcess(): { pid: number | undefined; profile: string } | undefined {
  return settled ? { pid: settled.pid, profile: settled.profile } : undefined;
}
