// The benchmark's peer: jsreport (core + handlebars engine + chrome-pdf recipe) printing the same HTML with the same
// page set-up, on the same system Chromium. A dev dependency used only here.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findBrowser } from "../src/render/browser";
import { descendants } from "./process-memory";

interface JsReportInstance {
  use(extension: unknown): JsReportInstance;
  init(): Promise<unknown>;
  render(request: unknown): Promise<{ content: Buffer }>;
  close(): Promise<unknown>;
}

const require = createRequire(import.meta.url);

export interface PeerPage {
  html: string;
  headerTemplate: string;
  footerTemplate: string;
}

export class JsReportPeer {
  private constructor(
    private readonly jsreport: JsReportInstance,
    private readonly temp: string,
  ) {}

  static async start(concurrency: number): Promise<JsReportPeer> {
    const temp = mkdtempSync(join(tmpdir(), "rapport-jsreport-"));
    const create = require("@jsreport/jsreport-core") as (options: unknown) => JsReportInstance;
    const jsreport = create({
      logger: { silent: true },
      reportTimeout: 120_000,
      trustUserCode: true,
      store: { provider: "memory" },
      tempDirectory: temp,
      workers: { numberOfWorkers: concurrency },
      extensions: {
        "chrome-pdf": {
          strategy: "chrome-pool",
          numberOfWorkers: concurrency,
          launchOptions: {
            executablePath: findBrowser().path,
            args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-crash-reporter", "--disable-breakpad"],
          },
        },
      },
    });
    jsreport.use((require("@jsreport/jsreport-handlebars") as () => unknown)());
    jsreport.use((require("@jsreport/jsreport-chrome-pdf") as () => unknown)());
    await jsreport.init();
    return new JsReportPeer(jsreport, temp);
  }

  async render(page: PeerPage): Promise<Buffer> {
    const res = await this.jsreport.render({
      template: {
        content: page.html,
        engine: "handlebars",
        recipe: "chrome-pdf",
        chrome: {
          format: "A4",
          printBackground: true,
          marginTop: "22mm",
          marginBottom: "16mm",
          marginLeft: "14mm",
          marginRight: "14mm",
          displayHeaderFooter: true,
          headerTemplate: page.headerTemplate,
          footerTemplate: page.footerTemplate,
        },
      },
      data: {},
    });
    return res.content;
  }

  /**
   * Closes jsreport, then ends any browser it left running: its chrome-pool lives in worker threads that are
   * stopped without closing their browsers, which would otherwise outlive the benchmark. Only the browsers this
   * process started (its descendants) are touched, by process group.
   */
  async close(): Promise<void> {
    const browsers = descendants(process.pid).filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("chrom");
      } catch {
        return false;
      }
    });
    await this.jsreport.close();
    rmSync(this.temp, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const pid of browsers) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Already gone: jsreport closed it after all.
        }
      }
    }
  }
}
