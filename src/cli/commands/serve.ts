// `rapport serve`: the add-in's local HTTPS server, in the foreground until Ctrl-C (or SIGTERM from `npm stop`).
import { existsSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import { dirname, join, resolve } from "node:path";
import { CertificateError, loadCertificates } from "../../server/certs";
import { defaultRenderer } from "../../server/renderer";
import { DEFAULT_PORT, startServer, type RunningServer } from "../../server/server";
import { InputError } from "../xlsx/errors";

export interface ServeOptions {
  port?: string;
  cert?: string;
  key?: string;
  /** The built task pane (default: dist/ of the project). */
  root?: string;
}

const PROJECT = resolve(import.meta.dirname, "..", "..", "..");
/** Where `npm stop` finds the server to stop. */
export const PID_FILE = join(PROJECT, ".rapport-tmp", "serve.pid");

function portOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InputError({
      zh: `--port 应为端口号，而不是“${text}”`,
      en: `--port must be a port number, not "${text}"`,
    });
  }
  return port;
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(`${question} `)).trim().toLowerCase();
    return answer === "" || answer === "y" || answer === "yes" || answer === "是";
  } finally {
    rl.close();
  }
}

/**
 * Starts the server and resolves when it has stopped (a signal). `started` receives the running server (tests, the
 * start script); `stop` lets a caller stop it without a signal.
 */
export async function runServe(
  options: ServeOptions,
  out: (text: string) => void,
  hooks: { started?: (server: RunningServer) => void; stop?: Promise<void> } = {},
): Promise<number> {
  const port = portOf(options.port);
  const root = resolve(options.root ?? join(PROJECT, "dist"));
  if (!existsSync(join(root, "taskpane.html"))) {
    throw new InputError({
      zh: `找不到已构建的任务窗格（${root}/taskpane.html）：请先运行 npm run build`,
      en: `the built task pane is missing (${root}/taskpane.html): run npm run build first`,
    });
  }
  let tls;
  try {
    tls = await loadCertificates({
      cert: options.cert,
      key: options.key,
      // Never a question without a person to answer it (CI, scripts, a service).
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      ask,
      log: out,
    });
  } catch (e) {
    if (e instanceof CertificateError) throw new InputError(e.text);
    throw e;
  }
  let server: RunningServer;
  try {
    server = await startServer({ tls, root, renderer: defaultRenderer(), port, log: out });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "EADDRINUSE") {
      throw new InputError({
        zh: `端口 ${port} 已被占用：可能 Rapport 已在运行（npm stop 可停止），或用 --port 换一个端口（加载项清单中的地址也要相应修改）`,
        en: `port ${port} is in use: Rapport may already be running (npm stop stops it), or pick another with --port (and change the add-in manifest's addresses to match)`,
      });
    }
    throw e;
  }
  await mkdir(dirname(PID_FILE), { recursive: true });
  await writeFile(PID_FILE, String(process.pid));
  out(
    `Rapport 本地服务已启动：${server.origin}/taskpane.html（证书：${tls.certPath}）。按 Ctrl+C 停止。\n` +
      `Rapport's local server is running at ${server.origin}/taskpane.html (certificate: ${tls.certPath}). Press Ctrl+C to stop.`,
  );
  hooks.started?.(server);

  await new Promise<void>((done) => {
    const stop = () => {
      // Said and tidied at once: once the PDF renderer has run, its own signal handler ends the process right
      // after this one (having closed its browser), before an orderly close could finish.
      out("正在停止… / stopping…");
      rmSync(PID_FILE, { force: true });
      done();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    void hooks.stop?.then(stop);
  });
  await server.close();
  out("已停止 / stopped");
  return 0;
}
