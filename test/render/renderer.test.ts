// Every template to a real PDF through the system Chromium, read back with poppler (pdftotext, pdfinfo, pdffonts).
// One renderer (one browser) for the whole file: the machine has two cores.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Renderer, RenderError, TEMPLATE_NAMES, type CustomerResult } from "../../src/render";
import { browserProcess } from "../../src/render/session";
import { allData, busySources, customer, sources, tallRowSources, XSS_NAME } from "./fixtures";
import { pdfFonts, pdfInfo, pdfText, pdfWords } from "./poppler";

const A4_PORTRAIT = /^59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/;
const A4_LANDSCAPE = /^84[12]\.\d+ x 59[45]\.\d+ pts \(A4\)/;

let renderer: Renderer;
const data = allData();

beforeAll(async () => {
  renderer = await Renderer.create({});
});

afterAll(async () => {
  await renderer?.close();
});

/** pdftotext spaces CJK text as it lays it out; compare without whitespace. */
function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

function textOf(pdf: Uint8Array): string {
  return squash(pdfText(pdf));
}

/** Running, not merely a zombie waiting for a parent (PID 1 in a container) to collect its exit status. */
function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return true;
  }
}

describe("each template renders a real PDF", () => {
  const expected: Record<(typeof TEMPLATE_NAMES)[number], { text: string[]; title: string; pages?: number }> = {
    plan: {
      title: "客户关系维护方案",
      text: ["客户关系维护方案", "一、目的", "特制定本方案", "维护费用预算合计", "编制人员", "赵主管", "受控状态"],
    },
    report: {
      title: "客户关系维护报告",
      text: ["客户关系维护报告", "回访执行情况", "客户满意度", "投诉处理", "客户流失率", "改进措施", "价格原因"],
    },
    roster: { title: "客户分级目录", text: ["客户分级目录", "A 类（高价值）", "KH0001", "收入占比"] },
    callbacks: {
      title: "电话回访计划表",
      text: ["电话回访计划表", "负责人：张敏", "回访结果", "实际日期", "第 46 周"],
    },
    record: {
      title: "客户状况记录表",
      pages: 5,
      text: ["客户状况记录表", "上海市浦东新区张江路100号", "客户名称", "近期回访安排", "购买一周年回访"],
    },
    evaluation: { title: "客户关系评估表", pages: 5, text: ["客户关系评估表", "评价项目", "月均购买额", "总分"] },
  };

  for (const name of TEMPLATE_NAMES) {
    it(`${name}: text, pages, A4, metadata, embedded fonts`, async () => {
      const result = await renderer.render(name, data[name]);
      const text = textOf(result.pdf);
      for (const t of expected[name].text) expect(text).toContain(squash(t));
      // The page header and footer: document number and 第 X 页 / 共 Y 页.
      expect(text).toContain(`第1页/共${result.pages}页`);
      expect(text).toContain(data[name].document.number);
      const info = pdfInfo(result.pdf);
      expect(info.pages).toBe(result.pages);
      if (expected[name].pages) expect(info.pages).toBe(expected[name].pages);
      expect(info.pageSize).toMatch(name === "callbacks" ? A4_LANDSCAPE : A4_PORTRAIT);
      expect(info.title).toBe(expected[name].title);
      expect(info.author).toBe("客服部 王五");
      expect(info.subject).not.toBe("");
      const fonts = pdfFonts(result.pdf);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.every((f) => f.embedded)).toBe(true);
      expect(result.blocked).toEqual([]);
    });
  }

  it("the report's charts are drawn by ECharts at render time, with the data's own labels", async () => {
    // Distinctive counts: they can only be on the page if the chart library drew these bars from this data.
    const counts = [37, 23, 11, 6];
    const report = { ...data.report, grades: data.report.grades.map((g, i) => ({ ...g, count: counts[i] })) };
    const html = renderer.html("report", report);
    expect(html).not.toContain("<script");
    const charts = [...html.matchAll(/<figure class="chart">([\s\S]*?)<\/figure>/g)].map((m) => m[1]);
    expect(charts).toHaveLength(3);
    for (const svg of charts) {
      // zrender's SVG painter (ECharts' server-side renderer): its root attributes and generated class names.
      expect(svg).toMatch(/^<svg [^>]*baseProfile="full"[^>]*viewBox="0 0 \d+ \d+"/);
      expect(svg).toMatch(/class="zr\d+-cls-\d+"/);
    }
    const labels = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    const grades = labels(charts[0]);
    expect(grades).toContain("客户等级分布");
    for (const n of counts) expect(grades).toContain(String(n));
    expect(grades).toEqual(expect.arrayContaining(["A 类", "（高价值）", "D 类", "（低价值）"]));
    expect(labels(charts[1])).toEqual(expect.arrayContaining(["每周回访情况", "计划", "已完成", "逾期", "11/9"]));
    expect(labels(charts[2])).toEqual(expect.arrayContaining(["回访满意度趋势", "满意 75"]));
    // And they reach the PDF as text.
    const text = textOf((await renderer.render("report", report)).pdf);
    for (const t of ["客户等级分布", "37", "23", "每周回访情况", "回访满意度趋势"]) expect(text).toContain(t);
  });

  it("a report of ten pages and more renders whole (its speed is measured by the benchmark)", async () => {
    const big = allData(busySources(320)).report;
    const result = await renderer.render("report", big);
    expect(result.pages).toBeGreaterThanOrEqual(10);
    expect(pdfInfo(result.pdf).pages).toBe(result.pages);
    expect(squash(pdfText(result.pdf, result.pages))).toContain(`第${result.pages}页/共${result.pages}页`);
  });
});

describe("ruled tables on paper", () => {
  it("repeat their header rows on every page: a long roster", async () => {
    const result = await renderer.render("roster", allData(sources(160)).roster);
    expect(result.pages).toBeGreaterThanOrEqual(4);
    for (let page = 1; page <= result.pages; page++) {
      const text = squash(pdfText(result.pdf, page));
      if (!/KH\d{4}/.test(text)) continue;
      expect(text, `page ${page}`).toContain("序号客户编号客户名称类别负责人联系人联系电话评分ABC月均购买额收入占比");
    }
  });

  it("keep one column layout in every grade's roster table", async () => {
    const result = await renderer.render("roster", allData(sources(40)).roster);
    const lefts = (word: string) =>
      new Set(
        pdfWords(result.pdf)
          .filter((w) => w.text === word)
          .map((w) => w.x.toFixed(1)),
      );
    // One table per grade, on any page: the columns start at the same place in each.
    // (月均购买额 and 收入占比 are also in the summary by grade above them, so the roster's own headers are used.)
    for (const header of ["客户编号", "类别", "联系电话", "评分", "ABC"]) expect(lefts(header).size, header).toBe(1);
    expect(pdfWords(result.pdf).filter((w) => w.text === "客户编号").length).toBeGreaterThanOrEqual(4);
  });

  it("repeat the owner, the week and the column headers on every page of the callback plan", async () => {
    const result = await renderer.render("callbacks", allData(tallRowSources(60)).callbacks);
    expect(result.pages).toBeGreaterThanOrEqual(4);
    for (let page = 1; page <= result.pages; page++) {
      const text = squash(pdfText(result.pdf, page));
      expect(text, `page ${page}`).toMatch(/负责人：张敏第\d+周（\d+月\d+日—\d+月\d+日）/);
      expect(text, `page ${page}`).toContain("序号计划日期客户编号客户名称");
      expect(text, `page ${page}`).toContain("回访结果满意度实际日期");
    }
  });

  it("never split a row across two pages", async () => {
    const result = await renderer.render("callbacks", allData(tallRowSources(60)).callbacks);
    const pageOf = new Map<string, number>();
    for (let page = 1; page <= result.pages; page++) {
      for (const m of pdfText(result.pdf, page).matchAll(/R\d+[AZ]/g)) pageOf.set(m[0], page);
    }
    for (let i = 0; i < 60; i++) {
      expect(pageOf.get(`R${i}A`), `row ${i}`).toBeDefined();
      expect(pageOf.get(`R${i}Z`), `row ${i}`).toBe(pageOf.get(`R${i}A`));
    }
    // The rows do run over several pages, so a split would have had its chance.
    expect(new Set(pageOf.values()).size).toBeGreaterThanOrEqual(4);
  });

  it("name the customer again on the second page of a record that runs over one", async () => {
    const long = "很长的地址".repeat(300);
    const s = sources(2, (r, i) => (i === 1 ? { ...r, address: long } : r));
    const result = await renderer.render("record", allData(s).record);
    expect(result.pages).toBe(3);
    const second = squash(pdfText(result.pdf, 3));
    expect(second).toContain("客户编号：KH0002");
    expect(second).toContain("客户名称：广州联远制造有限公司");
  });
});

describe("what the forms say", () => {
  it("prints a user's amount column as money and a deduction's weight with its minus sign, on the record", async () => {
    const s = sources(1, (r) => ({ ...r, extra: { "年购买额（元）": 180000, 备注: "20240305 到期" } }));
    const text = textOf((await renderer.render("record", allData(s).record)).pdf);
    expect(text).toContain("年购买额（元）：¥180,000.00");
    expect(text).toContain("备注：20240305到期");
    // 投诉 is a deduction: -15% like its -3.0 points, as the evaluation prints its maximum (-15.0).
    expect(text).toMatch(/投诉2次-15%-3\.0/);
  });

  it("prints the plan's money as everywhere else, and says when there is no record of last period's calls", async () => {
    const text = textOf((await renderer.render("plan", data.plan)).pdf);
    expect(text).toContain("¥3,000.00");
    expect(text).toMatch(/维护费用预算合计¥[\d,]+\.00/);
    expect(text).toContain("上期（2026年10月1日至2026年10月31日）：计划回访");
    const unrecorded = allData({ ...sources(), callbacksRecorded: false });
    const none = textOf((await renderer.render("plan", unrecorded.plan)).pdf);
    expect(none).toContain("工作簿中没有回访计划表，无上期回访记录");
    expect(none).not.toContain("计划回访0次");
    expect(textOf((await renderer.render("report", unrecorded.report)).pdf)).toContain("尚无执行记录");
  });

  it("says why a customer has no grade on the evaluation form", async () => {
    const s = sources(2);
    const grades = new Map(s.grades);
    grades.set("KH0002", {
      code: "KH0002",
      breakdown: [],
      notGraded: [{ zh: "第 5 行 S 列（月均购买额）：应为不小于 0 的金额", en: "row 5 column S: must be 0 or more" }],
    });
    const pages = allData({ ...s, grades }).evaluation;
    const result = await renderer.render("evaluation", pages);
    const second = squash(pdfText(result.pdf, 2));
    expect(second).toContain("未能评级：第5行S列（月均购买额）：应为不小于0的金额。");
    expect(second).not.toContain("尚未评估");
  });
});

describe("untrusted data", () => {
  it("prints a customer named like markup literally, in forms and lists", async () => {
    for (const name of ["record", "roster"] as const) {
      const result = await renderer.render(name, data[name], { mask: false });
      // Printed as text (the roster's name column may wrap it after "src=x").
      const text = textOf(result.pdf);
      expect(text).toContain("<imgsrc=x");
      expect(text).toContain("onerror=alert(1)>");
      const html = renderer.html(name, data[name]);
      expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;");
      expect(html).not.toContain(XSS_NAME);
    }
  });

  it("masks phones and e-mails in the roster and report by default, not in the record", async () => {
    const roster = textOf((await renderer.render("roster", data.roster)).pdf);
    expect(roster).toContain("138****0000");
    expect(roster).not.toContain("13812340000");
    const full = textOf((await renderer.render("roster", data.roster, { mask: false })).pdf);
    expect(full).toContain("13812340000");
    const record = textOf((await renderer.render("record", data.record)).pdf);
    expect(record).toContain("13812340000");
    expect(record).toContain("zhang.san0@example.com");
    const masked = textOf((await renderer.render("record", data.record, { mask: true })).pdf);
    expect(masked).toContain("138****0000");
    expect(masked).toContain("z***@example.com");
  });
});

describe("personal data written with separators", () => {
  // Phones as people type them, in the phone column, in a callback's result and in a complaint's outcome.
  const s = sources(5, (r, i) =>
    i === 0
      ? { ...r, phone: "139-1234-5678" }
      : i === 1
        ? { ...r, phone: "(010)12345678", lastComplaintDate: "2026-10-22", complaintCount: 3 }
        : i === 2
          ? { ...r, phone: "0755-8888-6666", email: "李@例子.cn" }
          : r,
  );
  const withNotes = {
    ...s,
    callbacks: s.callbacks.map((c) =>
      c.kind === "complaint" ? { ...c, result: "已换货，客户留手机 138 0013 8000 备用，邮箱 李@例子.cn" } : c,
    ),
  };
  const masked = allData(withNotes);

  it("masks them in the roster and in the report's complaint results, by default", async () => {
    const roster = textOf((await renderer.render("roster", masked.roster)).pdf);
    for (const t of ["139-****-5678", "(010)****5678", "0755-****-6666"]) expect(roster).toContain(t);
    for (const t of ["139-1234-5678", "12345678", "8888-6666"]) expect(roster).not.toContain(t);
    const report = textOf((await renderer.render("report", masked.report)).pdf);
    // The cell may wrap the number; its middle digits are gone either way.
    expect(report).toContain("****8000");
    expect(report).not.toContain("0013");
    expect(report).toContain("李***@例子.cn");
    expect(report).not.toContain("李@例子.cn");
    // Dates, amounts and codes around them are left alone.
    expect(report).toContain("2026-10-22");
    expect(roster).toContain("KH0001");
    expect(roster).toContain("¥10,000.00");
  });

  it("lists a complaint from before the period, handled in it, apart and under its own date", async () => {
    const text = textOf((await renderer.render("report", masked.report)).pdf);
    expect(text).toContain("本期收到投诉0起");
    expect(text).toContain("往期投诉、本期回访");
    expect(text).toMatch(/2026-10-22KH0002.*3次/);
    expect(text).not.toContain("2026-11-10KH0002");
  });
});

describe("per-customer files", () => {
  it("prints one single-page PDF per customer, titled by code and name", async () => {
    const results: CustomerResult[] = [];
    const summary = await renderer.renderEach("record", data.record, (r) => void results.push(r));
    expect(summary.rendered).toBe(5);
    expect(results).toHaveLength(5);
    const first = results.find((r) => r.index === 0);
    expect(first?.ok).toBe(true);
    if (!first?.ok) return;
    const info = pdfInfo(first.pdf);
    expect(info.pages).toBe(1);
    expect(info.title).toBe("客户状况记录表 KH0001 上海金信科技有限公司");
    expect(info.pageSize).toMatch(A4_PORTRAIT);
    const text = textOf(first.pdf);
    expect(text).toContain("KH0001");
    expect(text).not.toContain("KH0002");
    expect(text).toContain("第1页/共1页");
    expect(pdfFonts(first.pdf).every((f) => f.embedded)).toBe(true);
  });

  it("reports and skips a customer whose data cannot be rendered; the others still print", async () => {
    const bad = allData(sources(4, (r, i) => (i === 2 ? { ...r, purchaseDate: "2026-13-45" } : r))).record;
    const results: CustomerResult[] = [];
    const summary = await renderer.renderEach("record", bad, (r) => void results.push(r));
    expect(summary.rendered).toBe(3);
    expect(summary.skipped).toHaveLength(1);
    expect(summary.skipped[0]).toMatchObject({ index: 2, code: "KH0003" });
    expect(summary.skipped[0].error.text.zh).toContain("2026-13-45");
    expect(summary.skipped[0].error.text.en).toContain("not a date");
    const combined = await renderer.render("record", bad);
    expect(combined.pages).toBe(3);
    expect(combined.skipped.map((s) => s.code)).toEqual(["KH0003"]);
  });

  it("prints a customer whose form runs over a page by itself, with its own page numbers", async () => {
    const long = "很长的流失原因说明。".repeat(400);
    const s = sources(6, (r, i) => (i === 4 ? { ...r, lostReason: long } : r));
    const results: CustomerResult[] = [];
    await renderer.renderEach("record", allData(s).record, (r) => void results.push(r));
    const ok = results.filter((r): r is Extract<CustomerResult, { ok: true }> => r.ok);
    expect(ok).toHaveLength(6);
    const longOne = ok.find((r) => r.code === "KH0005");
    expect(longOne?.pages).toBeGreaterThan(1);
    const text = textOf(longOne?.pdf ?? new Uint8Array());
    expect(text).toContain(`第1页/共${longOne?.pages}页`);
    expect(ok.filter((r) => r.code !== "KH0005").every((r) => r.pages === 1)).toBe(true);
  });
});

describe("a long document printed in parts", () => {
  it("numbers its pages through the whole document, also when a form runs over a page", async () => {
    const parts = await Renderer.create({ partSize: 2 });
    try {
      const long = "很长的流失原因说明。".repeat(400);
      const s = sources(7, (r, i) => (i === 3 ? { ...r, lostReason: long } : r));
      const progress: [number, number][] = [];
      const result = await parts.render("record", allData(s).record, {
        onProgress: (printed, total) => progress.push([printed, total]),
      });
      // A long one-document run tells how far it got, part by part (the CLI's progress bar).
      expect(progress).toEqual([
        [2, 7],
        [4, 7],
        [6, 7],
        [7, 7],
      ]);
      expect(result.pages).toBeGreaterThan(7);
      const info = pdfInfo(result.pdf);
      expect(info.pages).toBe(result.pages);
      expect(info.title).toBe("客户状况记录表");
      for (let page = 1; page <= result.pages; page++) {
        expect(squash(pdfText(result.pdf, page))).toContain(`第${page}页/共${result.pages}页`);
      }
      expect(squash(pdfText(result.pdf, result.pages))).toContain("KH0007");
    } finally {
      await parts.close();
    }
  });
});

describe("the page is sealed off", () => {
  let server: Server;
  let hits = 0;
  let dir: string;
  let port = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.end("x");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
    dir = await mkdtemp(join(tmpdir(), "rapport-templates-"));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("blocks every network request a template makes", async () => {
    const url = `http://127.0.0.1:${port}/tracker.png`;
    await writeFile(
      join(dir, "roster.html"),
      `{{#> layout}}<h1>{{document.title}}</h1><img src="${url}"><link rel="stylesheet" href="http://127.0.0.1:${port}/x.css">{{/layout}}`,
    );
    const own = await Renderer.create({ templatesDir: dir });
    try {
      const result = await own.render("roster", data.roster);
      expect(hits).toBe(0);
      expect(result.blocked).toContain(url);
      expect(textOf(result.pdf)).toContain("客户分级目录");
    } finally {
      await own.close();
    }
  });

  it("stops a per-customer run at a timeout with that one error, skipping nobody", async () => {
    const results: CustomerResult[] = [];
    const started = performance.now();
    const error = await renderer
      .renderEach("record", allData(sources(12)).record, (r) => void results.push(r), { timeoutMs: 10 })
      .catch((e: unknown) => e);
    expect((error as RenderError).code).toBe("timeout");
    expect((error as RenderError).text.zh).toContain("0.01 秒");
    expect((error as RenderError).text.en).toContain("0.01 s");
    // Not retried customer by customer: no customer is reported as skipped over it.
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
    const again = await renderer.render("record", data.record);
    expect(again.pages).toBe(5);
  });

  it("gives up after the timeout with a clear message, and the next render still works", async () => {
    const error = await renderer.render("report", data.report, { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).code).toBe("timeout");
    expect((error as RenderError).text.zh).toContain("超时");
    expect((error as RenderError).text.en).toContain("timed out");
    const again = await renderer.render("report", data.report);
    expect(again.pages).toBeGreaterThan(0);
  });

  it("names the file and line of a template or partial that does not compile", async () => {
    const broken = await mkdtemp(join(tmpdir(), "rapport-broken-"));
    await writeFile(
      join(broken, "plan.html"),
      "{{#> layout}}\n<h1>x</h1>\n{{#each measures}}\n<p>{{/if}}\n{{/layout}}\n",
    );
    const e1 = await Renderer.create({ templatesDir: broken, templates: ["plan"] }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(RenderError);
    expect((e1 as RenderError).code).toBe("template-compile");
    expect((e1 as RenderError).location).toMatchObject({ line: 3 });
    expect((e1 as RenderError).text.zh).toMatch(/plan\.html 第 3 行无法编译/);
    expect((e1 as RenderError).text.en).toMatch(/plan\.html line 3 does not compile/);

    // The built-in plan uses the approval partial: a broken one of the user's is the plan's problem too.
    const partial = await mkdtemp(join(tmpdir(), "rapport-broken-partial-"));
    await (await import("node:fs/promises")).mkdir(join(partial, "partials"));
    await writeFile(
      join(partial, "partials", "approval.html"),
      "<table>\n<tr><td>{{approval.preparedBy</td></tr>\n</table>\n",
    );
    const e2 = await Renderer.create({ templatesDir: partial, templates: ["plan"] }).catch((e: unknown) => e);
    expect((e2 as RenderError).code).toBe("template-compile");
    expect((e2 as RenderError).text.zh).toMatch(/partials\/approval\.html 第 2 行/);
  });

  it("names the file and line of a helper or partial that does not exist, before printing anything", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rapport-missing-"));
    await (await import("node:fs/promises")).mkdir(join(dir, "partials"));
    await writeFile(
      join(dir, "roster.html"),
      "{{#> layout}}\n<h1>{{document.title}}</h1>\n{{shout document.title}}\n{{/layout}}\n",
    );
    await writeFile(join(dir, "plan.html"), "{{#> layout}}\n<h1>x</h1>\n{{> signature}}\n{{/layout}}\n");
    // Deep in a partial of a per-customer form: every customer would fail alike, so none is "skipped".
    await writeFile(join(dir, "partials", "title.html"), "<h1>\n{{upper document.title}}</h1>\n");
    await writeFile(join(dir, "evaluation.html"), "{{#> layout}}\n{{> title}}\n{{customer.name}}\n{{/layout}}\n");
    const own = await Renderer.create({ templatesDir: dir });
    try {
      const cases = [
        ["roster", /roster\.html 第 3 行无法编译：没有名为「shout」的助手/, /roster\.html line 3 .*no helper "shout"/],
        [
          "plan",
          /plan\.html 第 3 行无法编译：找不到局部模板「signature」/,
          /plan\.html line 3 .*no partial "signature"/,
        ],
        ["evaluation", /partials\/title\.html 第 2 行无法编译：没有名为「upper」的助手/, /title\.html line 2/],
      ] as const;
      for (const [name, zh, en] of cases) {
        const e = await own.render(name, data[name]).catch((x: unknown) => x);
        expect(e).toBeInstanceOf(RenderError);
        expect((e as RenderError).code).toBe("template-compile");
        expect((e as RenderError).text.zh).toMatch(zh);
        expect((e as RenderError).text.en).toMatch(en);
        expect((e as RenderError).location?.line).toBeGreaterThan(0);
      }
      const each = await own.renderEach("evaluation", data.evaluation, () => undefined).catch((x: unknown) => x);
      expect((each as RenderError).code).toBe("template-compile");
      // The templates that are fine still print.
      expect(textOf((await own.render("record", data.record)).pdf)).toContain("客户状况记录表");
    } finally {
      await own.close();
    }
  });

  it("a broken record template does not stand in the way of the roster", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rapport-broken-record-"));
    await writeFile(join(dir, "record.hbs"), "<div>\n{{#each customers}}\n{{name}\n{{/each}}\n");
    const own = await Renderer.create({ templatesDir: dir, templates: ["roster"] });
    try {
      expect(textOf((await own.render("roster", data.roster)).pdf)).toContain("客户分级目录");
      const e = await own.render("record", data.record).catch((x: unknown) => x);
      expect((e as RenderError).code).toBe("template-compile");
      expect((e as RenderError).text.en).toMatch(/record\.hbs line 3 does not compile/);
    } finally {
      await own.close();
    }
    const early = await Renderer.create({ templatesDir: dir, templates: ["record"] }).catch((x: unknown) => x);
    expect((early as RenderError).code).toBe("template-compile");
  });

  it("serves images from the template folder, and nothing outside it", async () => {
    const pictures = await mkdtemp(join(tmpdir(), "rapport-assets-"));
    // A 1×1 PNG.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
      "base64",
    );
    await writeFile(join(pictures, "logo.png"), png);
    await writeFile(
      join(pictures, "roster.html"),
      '{{#> layout}}<img src="logo.png" width="40"><img src="../../etc/passwd.png">{{document.title}}{{/layout}}',
    );
    const own = await Renderer.create({ templatesDir: pictures });
    try {
      const result = await own.render("roster", data.roster);
      expect(result.blocked).toEqual([]);
      expect(textOf(result.pdf)).toContain("客户分级目录");
    } finally {
      await own.close();
    }
  });
});

describe("no Chrome left behind", () => {
  it("closes the browser and removes its profile when the last renderer closes", async () => {
    const running = browserProcess();
    expect(alive(running?.pid)).toBe(true);
    await renderer.close();
    expect(alive(running?.pid)).toBe(false);
    expect(existsSync(running?.profile ?? "/")).toBe(false);
    // The file's other tests are done; a fresh renderer starts a fresh browser for the rest.
    renderer = await Renderer.create({});
    expect(browserProcess()?.pid).not.toBe(running?.pid);
  });

  it("kills the browser when a process rendering is interrupted with Ctrl-C", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/render/sigint-child.ts"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const started = new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const m = /BROWSER (\d+) (\S+)/.exec(out);
        if (m) resolve(out);
      });
      child.once("exit", () => reject(new Error(`child ended early: ${out}`)));
    });
    await started;
    const [, pid, profile] = /BROWSER (\d+) (\S+)/.exec(out) as RegExpExecArray;
    expect(alive(Number(pid))).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(out).not.toContain("FINISHED");
    // Give the kernel a moment to reap the group, then check nothing of that browser runs.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alive(Number(pid))).toBe(false);
    const { execFileSync } = await import("node:child_process");
    const ps = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" });
    expect(ps).not.toContain(profile);
    expect(existsSync(profile)).toBe(false);
  });
});

describe("a customer record with every field", () => {
  it("lays out the archive's fields under their names on the form", async () => {
    const full = customer(0, {
      legalRepresentative: "徐洋",
      generalManager: "朱磊",
      mainBusiness: "餐饮连锁",
      employees: 203,
      operatingCondition: "良好",
      bank: "交通银行",
      loans: "贷款较多",
      cashFlow: "良好",
      payer: "沈平",
      paymentAttitude: "一般",
      cheques: "是",
      channel: "电子邮件",
      frequency: "每半年",
      potential: "低",
      birthday: { month: 3, day: 5, lunar: true },
      installDate: "2025-06-16",
      lastRepairDate: "2026-04-01",
      repairOverdue: true,
      lastProposalDate: "2026-02-01",
      lastContactDate: "2026-04-01",
      extra: { 备注: "重点客户" },
    });
    const s = sources(1, () => full);
    const text = textOf((await renderer.render("record", allData(s).record)).pdf);
    for (const t of [
      "法人",
      "徐洋",
      "往来银行",
      "交通银行",
      "农历三月初五",
      "¥50,000.00",
      "维修是否超时",
      "备注：重点客户",
    ]) {
      expect(text).toContain(t);
    }
  });
});
