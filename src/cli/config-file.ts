import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import YAML, { isMap, isScalar, isSeq, LineCounter, type Document } from "yaml";
import type { z } from "zod";
import { describeConfigError } from "../core/config";
import { InputError } from "./xlsx/errors";

/** Reads a JSON or YAML config file and checks it against a schema; any problem is an InputError naming the key. */
export async function loadConfigFile<S extends z.ZodTypeAny>(
  path: string | undefined,
  schema: S,
): Promise<z.output<S>> {
  if (path === undefined) return schema.parse({}) as z.output<S>;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new InputError({ zh: `找不到配置文件 ${path}`, en: `config file not found: ${path}` });
  }
  let data: unknown;
  const json = extname(path).toLowerCase() === ".json";
  const lineCounter = new LineCounter();
  let doc: Document.Parsed | undefined;
  try {
    // Duplicate keys are let through here, to be named below with their key path.
    if (json) data = JSON.parse(text);
    else {
      doc = YAML.parseDocument(text, { uniqueKeys: false, lineCounter });
      if (doc.errors.length) throw doc.errors[0];
      data = doc.toJS();
    }
  } catch (e) {
    const detail = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new InputError({
      zh: `配置文件 ${path} 格式有误：${detail}`,
      en: `config file ${path} cannot be read: ${detail}`,
    });
  }
  // JSON is YAML too: its structure, with the positions of the keys, comes from the same parser.
  if (json) doc = YAML.parseDocument(text, { uniqueKeys: false, lineCounter });
  // JSON.parse and YAML both keep the last of two equal keys without a word: a setting would silently vanish.
  const repeats = doc && !doc.errors.length ? repeatedKeys(doc.contents, [], lineCounter) : [];
  if (repeats.length) {
    throw new InputError({
      zh:
        `配置文件 ${path} 中有重复的键（同一层的键只能出现一次）：` +
        repeats.map((r) => `${r.path}（第 ${r.line} 行第 ${r.col} 列）`).join("；"),
      en:
        `config file ${path} repeats a key (each key may appear once at its level): ` +
        repeats.map((r) => `${r.path} (line ${r.line}, column ${r.col})`).join("; "),
    });
  }
  const result = schema.safeParse(data ?? {});
  if (!result.success) throw new InputError(describeConfigError(result.error, path));
  return result.data as z.output<S>;
}

interface RepeatedKey {
  path: string;
  line: number;
  col: number;
}

/** Every key that appears a second time in the same mapping, with its key path and position. */
function repeatedKeys(node: unknown, path: (string | number)[], lines: LineCounter): RepeatedKey[] {
  const found: RepeatedKey[] = [];
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const at = [...path, key];
      if (seen.has(key)) {
        const start = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
        const { line, col } = lines.linePos(start);
        found.push({ path: at.join("."), line, col });
      }
      seen.add(key);
      found.push(...repeatedKeys(pair.value, at, lines));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => found.push(...repeatedKeys(item, [...path, i], lines)));
  }
  return found;
}
