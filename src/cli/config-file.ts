import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import YAML from "yaml";
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
  try {
    data = extname(path).toLowerCase() === ".json" ? JSON.parse(text) : YAML.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new InputError({
      zh: `配置文件 ${path} 格式有误：${detail}`,
      en: `config file ${path} cannot be read: ${detail}`,
    });
  }
  const result = schema.safeParse(data ?? {});
  if (!result.success) throw new InputError(describeConfigError(result.error, path));
  return result.data as z.output<S>;
}
