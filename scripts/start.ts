// `npm start`: builds the task pane, starts Rapport's local server (https://localhost:3000) and, on Windows and
// macOS, sideloads the add-in into desktop Excel with office-addin-debugging (fetched by npx on first use: its
// native keychain dependency does not build on Linux, so it is not one of the project's packages). On Linux there
// is no desktop Excel: the server runs and the way to sideload into Excel on the web is printed.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import webpack, { type Configuration } from "webpack";
import { runServe } from "../src/cli/commands/serve";
import type { RunningServer } from "../src/server/server";

const PROJECT = join(import.meta.dirname, "..");
const DEBUGGING = "office-addin-debugging@7";

async function build(): Promise<void> {
  const { default: config } = (await import(pathToFileURL(join(PROJECT, "webpack.config.js")).href)) as {
    default: (env: Record<string, string>, argv: { mode: string }) => Configuration;
  };
  await new Promise<void>((resolve, reject) => {
    webpack({ ...config({}, { mode: "development" }), context: PROJECT }, (error, stats) => {
      if (error) return reject(error);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
  console.log("任务窗格已构建到 dist/ / the task pane is built in dist/");
}

function sideload(server: RunningServer): void {
  if (process.platform !== "win32" && process.platform !== "darwin") {
    console.log(
      [
        "",
        "此系统没有桌面版 Excel。在 Excel 网页版中旁加载：打开一个工作簿 → 开始 → 加载项 → 更多加载项 →",
        "我的加载项 → 上传我的加载项 → 选择本项目的 manifest.xml。浏览器须信任 https://localhost 的证书",
        `（先在同一浏览器中打开 ${server.origin}/taskpane.html 并接受证书）。`,
        "",
        "No desktop Excel here. To sideload into Excel on the web: open a workbook → Home → Add-ins → More add-ins →",
        "My add-ins → Upload My Add-in → choose this project's manifest.xml. The browser must trust the certificate",
        `of https://localhost (open ${server.origin}/taskpane.html in the same browser first and accept it).`,
        "",
      ].join("\n"),
    );
    return;
  }
  // The server is already listening on 3000, so office-addin-debugging only registers the manifest and opens Excel.
  const child = spawn(
    "npx",
    ["--yes", DEBUGGING, "start", "manifest.xml", "desktop", "--no-debug", "--dev-server-port", String(server.port)],
    { cwd: PROJECT, stdio: "inherit", shell: process.platform === "win32" },
  );
  child.on("exit", (code) => {
    if (code !== 0) {
      console.log(
        `旁加载未完成（${DEBUGGING} 退出码 ${code}）：可在 Excel 中通过 插入 → 加载项 → 上传 manifest.xml 手动加载。\n` +
          `Sideloading did not finish (${DEBUGGING} exit code ${code}): in Excel, use Insert → Add-ins → upload manifest.xml.`,
      );
    }
  });
}

await build();
process.exitCode = await runServe({}, (line) => console.log(line), { started: sideload });
