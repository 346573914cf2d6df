// Templates, partials and the stylesheet, read and compiled once per folder and reused for every render. A user
// folder (--templates DIR) overrides any of the built-in files by name and adds CSS after the built-in stylesheet.
import Handlebars from "handlebars";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join, relative } from "node:path";
import { loadCharts, renderChart } from "./charts";
import { TEMPLATE_NAMES, type TemplateName } from "./catalog";
import { errorDetail, RenderError } from "./errors";
import { DataError, helpers, type Locale } from "./helpers";
import { intoHead } from "./html";

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

/** A helper or partial a template names that does not exist: a compile error, with the file and line. */
function unknownName(file: string, kind: "helper" | "partial", name: string, line: number | undefined): RenderError {
  const zh =
    kind === "helper" ? `没有名为「${name}」的助手（helper）` : `找不到局部模板「${name}」（partials/${name}.html）`;
  const en =
    kind === "helper" ? `there is no helper "${name}"` : `there is no partial "${name}" (partials/${name}.html)`;
  return new RenderError(
    "template-compile",
    {
      zh: `模板 ${file}${line ? ` 第 ${line} 行` : ""}无法编译：${zh}`,
      en: `template ${file}${line ? ` line ${line}` : ""} does not compile: ${en}`,
    },
    { file, line },
  );
}

interface HbsNode {
  type: string;
  loc?: { start: { line: number } };
  body?: HbsNode[];
  path?: HbsNode;
  name?: HbsNode;
  params?: HbsNode[];
  hash?: { pairs: { value: HbsNode }[] };
  program?: HbsNode;
  inverse?: HbsNode;
  parts?: string[];
  data?: boolean;
  original?: unknown;
  value?: unknown;
}

/** What a file's syntax tree names: helpers called with arguments, partials by static name, inline partials. */
interface References {
  helpers: { name: string; line?: number }[];
  partials: { name: string; line?: number }[];
  inline: string[];
}

/** A plain one-part name (`foo`, `[page-header]`), or null for `this.x`, `@data`, `../x` and literals. */
function simpleName(node: HbsNode | undefined): string | null {
  if (!node) return null;
  if (node.type === "StringLiteral") return String(node.value);
  if (node.type !== "PathExpression" || node.data || node.parts?.length !== 1) return null;
  if (typeof node.original === "string" && /^(this\b|\.)/.test(node.original)) return null;
  return node.parts[0];
}

function references(ast: HbsNode): References {
  const refs: References = { helpers: [], partials: [], inline: [] };
  const visit = (node: HbsNode | undefined): void => {
    if (!node) return;
    const line = node.loc?.start.line;
    const args = (node.params?.length ?? 0) > 0 || (node.hash?.pairs.length ?? 0) > 0;
    switch (node.type) {
      case "MustacheStatement":
      case "SubExpression":
      case "BlockStatement": {
        // `{{name}}` alone may be a value; with arguments (or in parentheses) it must be a helper.
        const name = simpleName(node.path);
        if (name && (args || node.type === "SubExpression")) refs.helpers.push({ name, line });
        break;
      }
      case "PartialStatement":
      case "PartialBlockStatement": {
        const name = simpleName(node.name);
        if (name) refs.partials.push({ name, line });
        break;
      }
      case "DecoratorBlock": {
        const name = simpleName(node.params?.[0]);
        if (name) refs.inline.push(name);
        break;
      }
    }
    for (const child of node.body ?? []) visit(child);
    for (const p of node.params ?? []) visit(p);
    for (const pair of node.hash?.pairs ?? []) visit(pair.value);
    visit(node.program);
    visit(node.inverse);
  };
  visit(ast);
  return refs;
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

/** One template or partial file, compiled once: its function, or why it does not compile, and what it names. */
interface Unit {
  file: string;
  fn?: Compiled;
  error?: RenderError;
  partials: { name: string; line?: number }[];
}

/** Partials every print uses, whatever the template: the page header and footer in the margins. */
const PRINT_PARTIALS = ["page-header", "page-footer"];

/**
 * A compiled set: the six templates, the partials they share, and the stylesheet. Every file is compiled once, when
 * the set is loaded; a file that does not compile (or names a helper or partial that does not exist) is reported
 * when a template that needs it is used, so a broken `record.hbs` does not stop the roster from printing.
 */
export class TemplateSet {
  /** Folders page assets (images, fonts) are served from, the user's first. */
  readonly assetDirs: string[];
  private readonly partialCallers = new Map<string, Compiled>();
  private readonly checked = new Map<TemplateName, RenderError | null>();

  private constructor(
    private readonly env: typeof Handlebars,
    private readonly templates: Map<TemplateName, Unit>,
    private readonly partialUnits: Map<string, Unit>,
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
    const parsed = new Map<SourceFile, { ast?: HbsNode; error?: RenderError }>();
    const inline = new Set<string>();
    for (const file of [...partialFiles.values(), ...templateFiles.values()]) {
      try {
        const ast = env.parse(file.text) as unknown as HbsNode;
        parsed.set(file, { ast });
        for (const name of references(ast).inline) inline.add(name);
      } catch (e) {
        parsed.set(file, { error: compileError(display(file.path), e) });
      }
    }
    const knownHelper = (name: string) => Object.hasOwn(env.helpers, name);
    const knownPartial = (name: string) => partialFiles.has(name) || inline.has(name) || name === "@partial-block";
    const compile = (file: SourceFile): Unit => {
      const shown = display(file.path);
      const { ast, error } = parsed.get(file) as { ast?: HbsNode; error?: RenderError };
      if (!ast) return { file: shown, error, partials: [] };
      const refs = references(ast);
      try {
        // Names Handlebars would only miss while rendering are checked now, with the line they are on.
        const helper = refs.helpers.find((h) => !knownHelper(h.name));
        if (helper) throw unknownName(shown, "helper", helper.name, helper.line);
        const partial = refs.partials.find((p) => !knownPartial(p.name));
        if (partial) throw unknownName(shown, "partial", partial.name, partial.line);
        // precompile runs the whole compiler now, so a broken file is reported before any page is rendered.
        env.precompile(file.text);
        return { file: shown, fn: env.compile(file.text, { preventIndent: true }), partials: refs.partials };
      } catch (e) {
        return { file: shown, error: e instanceof RenderError ? e : compileError(shown, e), partials: refs.partials };
      }
    };
    const partialUnits = new Map<string, Unit>();
    for (const file of partialFiles.values()) {
      const unit = compile(file);
      partialUnits.set(file.name, unit);
      if (unit.fn) env.registerPartial(file.name, unit.fn);
    }
    const templates = new Map<TemplateName, Unit>();
    for (const file of templateFiles.values()) templates.set(file.name as TemplateName, compile(file));
    const css = [builtin.css ?? "", user.css ?? ""].join("\n");
    return new TemplateSet(env, templates, partialUnits, css, userDir);
  }

  has(name: TemplateName): boolean {
    return this.templates.has(name);
  }

  fileOf(name: TemplateName): string {
    return this.templates.get(name)?.file ?? name;
  }

  /**
   * Throws the compile error of a template, of a partial it uses (however deep), or of the page header and footer
   * every print uses; the answer is kept, so this costs nothing after the first call.
   */
  check(name: TemplateName): void {
    let error = this.checked.get(name);
    if (error === undefined) {
      error = this.firstError(name);
      this.checked.set(name, error);
    }
    if (error) throw error;
  }

  private firstError(name: TemplateName): RenderError | null {
    const template = this.templates.get(name);
    if (!template) {
      return new RenderError("template-not-found", { zh: `没有模板「${name}」`, en: `no template "${name}"` });
    }
    const seen = new Set<string>();
    const queue: Unit[] = [template];
    for (const partial of PRINT_PARTIALS) {
      const unit = this.partialUnits.get(partial);
      if (unit) queue.push(unit);
    }
    for (let unit = queue.shift(); unit; unit = queue.shift()) {
      if (unit.error) return unit.error;
      for (const ref of unit.partials) {
        const next = this.partialUnits.get(ref.name);
        if (next && !seen.has(ref.name)) {
          seen.add(ref.name);
          queue.push(next);
        }
      }
    }
    return null;
  }

  /**
   * Renders a template to HTML. A helper's refusal of a value becomes a `template-data` error (that customer's
   * data); a template that fails whatever the data (a helper or partial that does not exist) a `template-error`.
   */
  html(name: TemplateName, context: unknown, data: RenderContextData): string {
    this.check(name);
    const template = this.templates.get(name) as Unit;
    return withStylesheet(this.run(template.file, template.fn as Compiled, context, data), this.stylesheet);
  }

  /** Renders a partial by name (the page header and footer Chrome prints in the margins). */
  partial(name: string, context: unknown, data: RenderContextData): string {
    const unit = this.partialUnits.get(name);
    if (!unit) return "";
    if (unit.error) throw unit.error;
    let caller = this.partialCallers.get(name);
    if (!caller) {
      caller = this.env.compile(`{{> [${name}]}}`);
      this.partialCallers.set(name, caller);
    }
    return this.run(unit.file, caller, context, data);
  }

  private run(file: string, fn: Compiled, context: unknown, data: RenderContextData): string {
    try {
      return fn(context, { data });
    } catch (e) {
      if (e instanceof RenderError) throw e;
      if (e instanceof DataError) {
        throw new RenderError(
          "template-data",
          { zh: `模板 ${file} 无法生成：${e.text.zh}`, en: `template ${file} failed: ${e.text.en}` },
          { file },
        );
      }
      if (e instanceof Handlebars.Exception) throw templateError(file, e);
      // Anything else thrown while printing one customer's values (a chart given odd data, say) is put down to
      // that data: the customer is reported and the others still print.
      const detail = errorDetail(e);
      throw new RenderError(
        "template-data",
        { zh: `模板 ${file} 无法生成：${detail}`, en: `template ${file} failed: ${detail}` },
        { file },
      );
    }
  }
}

/** Handlebars' own runtime failures (a partial named at run time that does not exist…): the template's fault. */
function templateError(file: string, e: unknown): RenderError {
  const err = e as { lineNumber?: number; column?: number };
  const line = err.lineNumber;
  const detail = errorDetail(e);
  return new RenderError(
    "template-error",
    {
      zh: `模板 ${file}${line ? ` 第 ${line} 行` : ""}无法使用：${detail}`,
      en: `template ${file}${line ? ` line ${line}` : ""} cannot be used: ${detail}`,
    },
    { file, line, column: err.column },
  );
}

/**
 * The stylesheet goes into every document's head by the renderer, not by the templates: a template (or a user's
 * own) cannot forget it, and the CSS never passes through Handlebars.
 */
function withStylesheet(html: string, css: string): string {
  return intoHead(html, `<style>\n${css}\n</style>`);
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
