// `rapport report` end to end: workbook in, PDFs out, read back with poppler.
import { execFileSync } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";
import { sha256, tempDir, writeWorkbook } from "../helpers/workbook";

process.env.RAPPORT_TODAY = "2026-11-25";
const SAMPLE = "examples/customers.xlsx";

const squash = (s: string) => s.replace(/\s+/g, "");
const text = (path: string) => squash(execFileSync("pdftotext", [path, "-"], { encoding: "utf8" }));
const info = (path: string) => execFileSync("pdfinfo", [path], { encoding: "utf8" });

const HEADER = ["客户编号", "客户名称", "联系电话", "负责人", "月均购买额", "购买日期", "合作状态", "预算"];

async function smallWorkbook(dir: string): Promise<string> {
  return writeWorkbook(join(dir, "customers.xlsx"), {
    客户状况记录表: [
      ["客户状况记录表"],
      HEADER,
      ["KH0001", "上海金信科技有限公司", "13812348000", "张敏", 12000, "2025-06-01", "在合作", 3000],
      ["KH0002", "广州/联远:制造", "13912348001", "李强", 8000, "2025-07-01", "在合作", "待定"],
      ["KH0003", "<img src=x onerror=alert(1)>", "010-12345678", "张敏", 5000, "2025-08-01", "在合作", 1000],
    ],
  });
}

describe("rapport report", () => {
  let dir: string;
  let book: string;
  beforeAll(async () => {
    dir = await tempDir("rapport-report-");
    book = await smallWorkbook(dir);
  });

  it("renders the maintenance report of the sample for a period, and leaves the workbook alone", async () => {
    const before = await sha256(SAMPLE);
    const out = join(dir, "sample");
    const run = await runCli(
      "report",
      SAMPLE,
      "--template",
      "report",
      "--from",
      "2026-11-01",
      "--to",
      "2026-11-30",
      "--out",
      out,
    );
    if (run.code !== 0) console.log(run.stderr);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("客户关系维护报告：生成 1 个 PDF");
    expect(run.stdout).toContain("Customer relationship maintenance report: 1 PDF(s)");
    const pdf = join(out, "report.pdf");
    const t = text(pdf);
    for (const s of ["客户关系维护报告", "报告期概况", "2026年11月1日至2026年11月30日", "目标达成情况", "第1页/共"])
      expect(t).toContain(s);
    expect(info(pdf)).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
    expect(await sha256(SAMPLE)).toBe(before);
  });

  it("writes one PDF per customer named by code and name, with --per-customer", async () => {
    const out = join(dir, "each");
    const run = await runCli("report", book, "--template", "record", "--per-customer", "--out", out);
    expect(run.code).toBe(0);
    const files = (await readdir(join(out, "record"))).sort();
    expect(files).toEqual([
      "KH0001_上海金信科技有限公司.pdf",
      "KH0002_广州_联远_制造.pdf",
      "KH0003_<img src=x onerror=alert(1)>.pdf".replace(/[<>]/g, "_"),
    ]);
    const first = join(out, "record", files[0]);
    expect(info(first)).toMatch(/Pages:\s+1\n/);
    expect(info(first)).toContain("Title:           客户状况记录表 KH0001 上海金信科技有限公司");
    // The record is for the callers: phones in full.
    expect(text(first)).toContain("13812348000");
    expect(text(join(out, "record", files[2]))).toContain("<imgsrc=xonerror=alert(1)>");
  });

  it("says in the plan that a workbook without a 回访计划 sheet has no record of last period's calls", async () => {
    const out = join(dir, "plan");
    const run = await runCli(
      "report",
      book,
      "--template",
      "plan",
      "--from",
      "2026-12-01",
      "--to",
      "2026-12-31",
      "--out",
      out,
    );
    expect(run.code).toBe(0);
    const t = text(join(out, "plan.pdf"));
    expect(t).toContain("上期（2026年11月1日至2026年11月30日）：工作簿中没有回访计划表，无上期回访记录");
    expect(t).not.toContain("计划回访0次");
  });

  it("masks phones in the roster unless told not to", async () => {
    const masked = join(dir, "masked");
    expect((await runCli("report", book, "--template", "roster", "--out", masked)).code).toBe(0);
    const t = text(join(masked, "roster.pdf"));
    expect(t).toContain("138****8000");
    expect(t).toContain("010-****5678");
    expect(t).not.toContain("13812348000");
    const plain = join(dir, "plain");
    expect((await runCli("report", book, "--template", "roster", "--no-mask", "--out", plain)).code).toBe(0);
    expect(text(join(plain, "roster.pdf"))).toContain("13812348000");
  });

  it("reports and skips a customer whose data the template cannot print; the others still render (exit 1)", async () => {
    const templates = join(dir, "my-templates");
    await mkdir(templates, { recursive: true });
    const builtin = await readFile("templates/evaluation.html", "utf8");
    // The company's evaluation form also prints the budget column as money: 待定 is not an amount.
    await writeFile(
      join(templates, "evaluation.html"),
      builtin.replace("{{/layout}}", "<p>预算：{{#each customer.extra}}{{money value}}{{/each}}</p>{{/layout}}"),
    );
    const out = join(dir, "skip");
    const run = await runCli(
      "report",
      book,
      "--template",
      "evaluation",
      "--per-customer",
      "--templates",
      templates,
      "--out",
      out,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("跳过 KH0002 广州/联远:制造");
    expect(run.stderr).toContain("金额不是数字：「待定」");
    expect(run.stderr).toContain('amount is not a number: "待定"');
    expect(run.stdout).toContain("生成 2 个 PDF");
    expect((await readdir(join(out, "evaluation"))).length).toBe(2);
    expect(text(join(out, "evaluation", "KH0001_上海金信科技有限公司.pdf"))).toContain("预算：¥3,000.00");
  });

  it("names the file and line of a user template that does not compile (exit 2)", async () => {
    const broken = join(dir, "broken");
    await mkdir(join(broken, "partials"), { recursive: true });
    await writeFile(join(broken, "partials", "title.html"), "<h1>\n{{document.title}\n</h1>\n");
    const run = await runCli("report", book, "--template", "plan", "--templates", broken, "--out", join(dir, "x"));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/partials\/title\.html 第 2 行无法编译/);
    expect(run.stderr).toMatch(/partials\/title\.html line 2 does not compile/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("names the file and line of a helper or partial a user template names that does not exist (exit 2)", async () => {
    const own = join(dir, "missing");
    await mkdir(own, { recursive: true });
    await writeFile(
      join(own, "roster.html"),
      "{{#> layout}}\n<h1>{{document.title}}</h1>\n{{shout document.title}}\n{{/layout}}\n",
    );
    await writeFile(join(own, "record.html"), "{{#> layout}}\n{{> signature}}\n{{/layout}}\n");
    const helper = await runCli("report", book, "--template", "roster", "--templates", own, "--out", join(dir, "m"));
    expect(helper.code).toBe(2);
    expect(helper.stderr).toMatch(/roster\.html 第 3 行无法编译：没有名为「shout」的助手/);
    const partial = await runCli(
      "report",
      book,
      "--template",
      "record",
      "--templates",
      own,
      "--per-customer",
      "--out",
      join(dir, "m"),
    );
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/record\.html line 2 does not compile: there is no partial "signature"/);
    expect(partial.stderr).not.toContain("skipped");
  });

  it("prints the roster though the user's record template is broken", async () => {
    const own = join(dir, "broken-record");
    await mkdir(own, { recursive: true });
    await writeFile(join(own, "record.hbs"), "<div>\n{{#each customers}}\n{{name}\n{{/each}}\n");
    const roster = await runCli("report", book, "--template", "roster", "--templates", own, "--out", join(dir, "br"));
    expect(roster.code).toBe(0);
    const record = await runCli("report", book, "--template", "record", "--templates", own, "--out", join(dir, "br"));
    expect(record.code).toBe(2);
    expect(record.stderr).toMatch(/record\.hbs 第 3 行无法编译/);
  });

  it("stops at a timeout with one message (exit 3) instead of skipping every customer", async () => {
    const run = await runCli(
      "report",
      book,
      "--template",
      "record",
      "--per-customer",
      "--timeout",
      "0.01",
      "--out",
      join(dir, "to"),
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("生成 PDF 超时：模板 record 在 0.01 秒内未完成");
    expect(run.stderr).toContain("rendering stopped");
    expect(run.stderr).not.toContain("跳过");
    expect(run.stderr.match(/生成 PDF 超时/g)).toHaveLength(1);
    expect(run.stderr).not.toContain("internal error");
  });

  it("says which browser would not start (exit 2), not an internal error", async () => {
    const before = process.env.RAPPORT_CHROME;
    process.env.RAPPORT_CHROME = "/bin/true";
    try {
      const run = await runCli("report", book, "--template", "roster", "--out", join(dir, "nb"));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("RAPPORT_CHROME 指定的浏览器 /bin/true 无法启动");
      expect(run.stderr).toContain("the browser named by RAPPORT_CHROME /bin/true did not start");
      expect(run.stderr).not.toContain("internal error");
    } finally {
      if (before === undefined) delete process.env.RAPPORT_CHROME;
      else process.env.RAPPORT_CHROME = before;
    }
  });

  it("refuses unknown templates, --per-customer on a document, and half a period (exit 2)", async () => {
    const unknown = await runCli("report", book, "--template", "invoice");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("plan、report、record、roster、callbacks、evaluation");
    const per = await runCli("report", book, "--template", "report", "--per-customer");
    expect(per.code).toBe(2);
    expect(per.stderr).toContain("--per-customer applies to the per-customer forms");
    const half = await runCli("report", book, "--template", "report", "--from", "2026-11-01");
    expect(half.code).toBe(2);
    expect(half.stderr).toContain("give both --from and --to");
  });
});
