// `npm stop`: stops the server `npm start` or `rapport serve` started (by the process id it recorded), and on
// Windows and macOS removes the sideloaded add-in from desktop Excel.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PID_FILE } from "../src/cli/commands/serve";

const PROJECT = join(import.meta.dirname, "..");

if (process.platform === "win32" || process.platform === "darwin") {
  spawnSync("npx", ["--yes", "office-addin-debugging@7", "stop", "manifest.xml", "desktop"], {
    cwd: PROJECT,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
}

if (!existsSync(PID_FILE)) {
  console.log("Rapport 本地服务未在运行 / Rapport's local server is not running");
} else {
  const pid = Number(readFileSync(PID_FILE, "utf8").trim());
  // A stale file must not stop some other program that got the same id since.
  const cmdline = `/proc/${pid}/cmdline`;
  const ours = !existsSync("/proc") || (existsSync(cmdline) && /serve|start\.ts/.test(readFileSync(cmdline, "utf8")));
  try {
    if (!ours) throw new Error("not Rapport's server");
    process.kill(pid, "SIGTERM");
    console.log(`已停止 Rapport 本地服务（进程 ${pid}） / stopped Rapport's local server (process ${pid})`);
  } catch {
    console.log("Rapport 本地服务已不在运行 / Rapport's local server was no longer running");
  }
  rmSync(PID_FILE, { force: true });
}
