// Templates, partials and the stylesheet, read and compiled once per folder and reused for every render. A user
// folder (--templates DIR) overrides any of the built-in files by name and adds CSS after the built-in stylesheet.
import Handlebars from "handlebars";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join, relative } from "node:path";
import type { BilingualText } from "../core/types";
import { loadCharts, renderChart } from "./charts";
import { TEMPLATE_NAMES, type TemplateName } from "./catalog";
import { errorDetail, RenderError } from "./errors";
import { DataError, helpers, type Locale } from "./helpers";

/** The project's own templates folder. */
export const BUILTIN_TEMPLATES = join(import.meta.dirname, "..", "..", "templates");

const TEMPLATE_EXTENSIONS = [".html", ".hbs"];
const STYLESHEET = "style.css";

type Compiled = Handlebars.TemplateDelegate;

interface SourceFile {
  name: string;
  path: string;
  text: string;
}

/** Where a compile error is, from Handlebars' own fields or its "Parse error on line N" message. */
function compileError(file: string, e: unknown): RenderError {
  const err = e as { lineNumber?: number; column?: number; message?: string };
  const message = errorDetail(e);
  const line = err.lineNumber ?? Number(/line (\d+)/.exec(err.message ?? "")?.[1] ?? NaN);
  const hasLine = Number.isFinite(line);
  // The parser's message continues with the offending text and what it expected; the first line and the last are
  // what a person needs.
  const expected = (err.message ?? "").split("\n").slice(-1)[0];
  const detail = expected && expected !== message ? `${message} ${expected}` : message;
  return new RenderError(
    "template-compile",
    {
      zh: `模板 ${file}${hasLine ? ` 第 ${line} 行` : ""}无法编译：${detail}`,
      en: `template ${file}${hasLine ? ` line ${line}` : ""} does not compile: ${detail}`,
    },
    { file, line: hasLine ? line : undefined, column: err.column },
  );
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

async function readSources(dir: string): Promise<{ templates: SourceFile[]; partials: SourceFile[]; css?: string }> {
  const templates: SourceFile[] = [];
  for (const file of await listFiles(dir)) {
    const name = basename(file, extname(file));
    if (!TEMPLATE_EXTENSIONS.includes(extname(file)) || !(TEMPLATE_NAMES as readonly string[]).includes(name)) continue;
    templates.push({ name, path: join(dir, file), text: await readFile(join(dir, file), "utf8") });
  }
  const partials: SourceFile[] = [];
  const partialDir = join(dir, "partials");
  for (const file of await listFiles(partialDir)) {
    if (!TEMPLATE_EXTENSIONS.includes(extname(file))) continue;
    const path = join(partialDir, file);
    partials.push({ name: basename(file, extname(file)), path, text: await readFile(path, "utf8") });
  }
  let css: string | undefined;
  try {
    css = await readFile(join(dir, STYLESHEET), "utf8");
  } catch {
    css = undefined;
  }
  return { templates, partials, css };
}

export interface RenderContextData {
  locale: Locale;
}

/** A compiled set: the six templates, the partials they share, and the stylesheet. */
export class TemplateSet {
  /** Folders page assets (images, fonts) are served from, the user's first. */
  readonly assetDirs: string[];
  private readonly partialCallers = new Map<string, Compiled>();

  private constructor(
    private readonly env: typeof Handlebars,
    private readonly templates: Map<TemplateName, { file: string; fn: Compiled }>,
    private readonly partialFiles: Map<string, string>,
    readonly stylesheet: string,
    userDir: string | undefined,
  ) {
    this.assetDirs = userDir ? [userDir, BUILTIN_TEMPLATES] : [BUILTIN_TEMPLATES];
  }

  static async load(userDir?: string): Promise<TemplateSet> {
    if (userDir) {
      const info = await stat(userDir).catch(() => null);
      if (!info?.isDirectory()) {
        throw new RenderError("template-not-found", {
          zh: `模板文件夹不存在：${userDir}`,
          en: `template folder not found: ${userDir}`,
        });
      }
    }
    await loadCharts();
    const builtin = await readSources(BUILTIN_TEMPLATES);
    const user = userDir ? await readSources(userDir) : { templates: [], partials: [], css: undefined };
    const byName = <T extends SourceFile>(list: T[]) => new Map(list.map((f) => [f.name, f]));
    const templateFiles = new Map([...byName(builtin.templates), ...byName(user.templates)]);
    const partialFiles = new Map([...byName(builtin.partials), ...byName(user.partials)]);

    const env = Handlebars.create();
    for (const [name, fn] of Object.entries(helpers())) env.registerHelper(name, fn as Handlebars.HelperDelegate);
    env.registerHelper("chart", (...args: unknown[]) => {
      const options = args[args.length - 1] as Handlebars.HelperOptions;
      const [name, data] = args;
      const hash = options.hash as { width?: number; height?: number };
      const locale = (options.data as { locale?: Locale }).locale;
      const svg = renderChart(String(name), data, locale === "en" ? "en" : "zh", hash.width ?? 340, hash.height ?? 220);
      return new env.SafeString(`<figure class="chart">${svg}</figure>`);
    });

    const display = (path: string) => relative(process.cwd(), path) || path;
    const compile = (file: SourceFile): Compiled => {
      try {
        // precompile runs the whole compiler now, so a broken file is reported before any page is rendered.
        env.precompile(file.text);
        return env.compile(file.text, { preventIndent: true });
      } catch (e) {
        throw compileError(display(file.path), e);
      }
    };
    const partialNames = new Map<string, string>();
    for (const file of partialFiles.values()) {
      env.registerPartial(file.name, compile(file));
      partialNames.set(file.name, display(file.path));
    }
    const templates = new Map<TemplateName, { file: string; fn: Compiled }>();
    for (const file of templateFiles.values()) {
      templates.set(file.name as TemplateName, { file: display(file.path), fn: compile(file) });
    }
    const css = [builtin.css ?? "", user.css ?? ""].join("\n");
    return new TemplateSet(env, templates, partialNames, css, userDir);
  }

  has(name: TemplateName): boolean {
    return this.templates.has(name);
  }

  fileOf(name: TemplateName): string {
    return this.templates.get(name)?.file ?? name;
  }

  /** Renders a template to HTML; a helper's refusal or a runtime failure becomes a `template-data` error. */
  html(name: TemplateName, context: unknown, data: RenderContextData): string {
    const template = this.templates.get(name);
    if (!template) {
      throw new RenderError("template-not-found", { zh: `没有模板「${name}」`, en: `no template "${name}"` });
    }
    return withStylesheet(this.run(template.file, template.fn, context, data), this.stylesheet);
  }

  /** Renders a partial by name (the page header and footer Chrome prints in the margins). */
  partial(name: string, context: unknown, data: RenderContextData): string {
    const file = this.partialFiles.get(name);
    if (!file) return "";
    let caller = this.partialCallers.get(name);
    if (!caller) {
      caller = this.env.compile(`{{> [${name}]}}`);
      this.partialCallers.set(name, caller);
    }
    return this.run(file, caller, context, data);
  }

  private run(file: string, fn: Compiled, context: unknown, data: RenderContextData): string {
    try {
      return fn(context, { data });
    } catch (e) {
      const text: BilingualText = e instanceof DataError ? e.text : { zh: errorDetail(e), en: errorDetail(e) };
      throw new RenderError(
        "template-data",
        { zh: `模板 ${file} 无法生成：${text.zh}`, en: `template ${file} failed: ${text.en}` },
        { file },
      );
    }
  }
}

/**
 * The stylesheet goes into every document's head by the renderer, not by the templates: a template (or a user's
 * own) cannot forget it, and the CSS never passes through Handlebars.
 */
function withStylesheet(html: string, css: string): string {
  const style = `<style>\n${css}\n</style>`;
  const at = html.search(/<\/head>/i);
  if (at >= 0) return html.slice(0, at) + style + html.slice(at);
  const body = html.search(/<body\b/i);
  return body >= 0 ? html.slice(0, body) + style + html.slice(body) : style + html;
}

const cache = new Map<string, Promise<TemplateSet>>();

/** The compiled set for a folder (or the built-in one), compiled on first use and kept for the process. */
export function templateSet(userDir?: string): Promise<TemplateSet> {
  const key = userDir ?? "";
  let set = cache.get(key);
  if (!set) {
    set = TemplateSet.load(userDir);
    cache.set(key, set);
    // A failed load (a broken file) is not cached: the user fixes the file and tries again.
    set.catch(() => cache.delete(key));
  }
  return set;
}
