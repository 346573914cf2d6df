import { existsSync } from "node:fs";
import { join } from "node:path";
import { RenderError } from "./errors";

export type BrowserKind = "env" | "chrome" | "edge" | "chromium";

export interface BrowserCandidate {
  kind: BrowserKind;
  path: string;
}

export interface DiscoveryContext {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  exists: (path: string) => boolean;
}

/**
 * Where browsers live, in the order Rapport prefers them: Chrome, then Edge (always there on Windows), then
 * Chromium. Installing Rapport never downloads a browser, so these are the only places looked at.
 */
export function browserCandidates(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): BrowserCandidate[] {
  if (platform === "win32") {
    const roots = [env.PROGRAMFILES, env["PROGRAMFILES(X86)"], env.LOCALAPPDATA].filter((r): r is string => !!r);
    const under = (kind: BrowserKind, ...parts: string[]) =>
      roots.map((root) => ({ kind, path: [root, ...parts].join("\\") }));
    return [
      ...under("chrome", "Google", "Chrome", "Application", "chrome.exe"),
      ...under("edge", "Microsoft", "Edge", "Application", "msedge.exe"),
      ...under("chromium", "Chromium", "Application", "chrome.exe"),
    ];
  }
  if (platform === "darwin") {
    const apps = ["/Applications", ...(env.HOME ? [join(env.HOME, "Applications")] : [])];
    const app = (kind: BrowserKind, bundle: string, binary: string) =>
      apps.map((dir) => ({ kind, path: `${dir}/${bundle}.app/Contents/MacOS/${binary}` }));
    return [
      ...app("chrome", "Google Chrome", "Google Chrome"),
      ...app("edge", "Microsoft Edge", "Microsoft Edge"),
      ...app("chromium", "Chromium", "Chromium"),
    ];
  }
  return [
    { kind: "chrome", path: "/usr/bin/google-chrome" },
    { kind: "chrome", path: "/usr/bin/google-chrome-stable" },
    { kind: "chrome", path: "/opt/google/chrome/chrome" },
    { kind: "edge", path: "/usr/bin/microsoft-edge" },
    { kind: "edge", path: "/usr/bin/microsoft-edge-stable" },
    { kind: "chromium", path: "/usr/bin/chromium" },
    { kind: "chromium", path: "/usr/bin/chromium-browser" },
    { kind: "chromium", path: "/snap/bin/chromium" },
  ];
}

const defaultContext: DiscoveryContext = { env: process.env, platform: process.platform, exists: existsSync };

/** The browser to drive: `RAPPORT_CHROME` when set (and it must exist), else the first installed candidate. */
export function findBrowser(context: Partial<DiscoveryContext> = {}): BrowserCandidate {
  const { env, platform, exists } = { ...defaultContext, ...context };
  const chosen = env.RAPPORT_CHROME?.trim();
  if (chosen) {
    if (exists(chosen)) return { kind: "env", path: chosen };
    throw new RenderError("browser-not-found", {
      zh: `RAPPORT_CHROME 指向的浏览器不存在：${chosen}`,
      en: `RAPPORT_CHROME points at a browser that does not exist: ${chosen}`,
    });
  }
  const candidates = browserCandidates(platform, env);
  const found = candidates.find((c) => exists(c.path));
  if (found) return found;
  throw new RenderError("browser-not-found", {
    zh: `找不到 Chrome、Edge 或 Chromium（已查找：${candidates.map((c) => c.path).join("、")}）。请安装其中之一，或用环境变量 RAPPORT_CHROME 指定浏览器路径。`,
    en: `No Chrome, Edge or Chromium found (looked in: ${candidates.map((c) => c.path).join(", ")}). Install one, or set RAPPORT_CHROME to a browser's path.`,
  });
}
