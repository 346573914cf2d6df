import { z } from "zod";
import { FIELDS, normalizeHeader } from "./fields";
import type { BilingualText, FieldKey } from "./types";

const FIELD_KEYS = FIELDS.map((f) => f.key) as [FieldKey, ...FieldKey[]];

/** A header mapping's target: a field key (`phone`) or the field's name on the form (`联系电话`). */
const fieldRef = z.string().transform((text, ctx): FieldKey => {
  const byKey = FIELDS.find((f) => f.key === text);
  const byName = FIELDS.find(
    (f) => normalizeHeader(f.zh) === normalizeHeader(text) || normalizeHeader(f.en) === normalizeHeader(text),
  );
  const field = byKey ?? byName;
  if (!field) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `未知的字段“${text}”；应为客户档案的列名或 ${FIELD_KEYS.join(", ")} 之一 / unknown field "${text}"; expected a column name or one of ${FIELD_KEYS.join(", ")}`,
    });
    return z.NEVER;
  }
  return field.key;
});

/** The archive part of Rapport's config file (JSON or YAML); other parts are added by their features. */
export const archiveConfigSchema = z
  .object({
    /** The customer sheet's name, when the workbook has several candidates. */
    sheet: z.string().min(1).optional(),
    /** The user's header texts → fields, e.g. `{ "客户全称": "name" }`. */
    headers: z.record(z.string(), fieldRef).optional(),
  })
  .passthrough();

export type ArchiveConfig = z.infer<typeof archiveConfigSchema>;

const TYPE_NAMES: Record<string, BilingualText> = {
  string: { zh: "文字", en: "text" },
  number: { zh: "数字", en: "a number" },
  nan: { zh: "非数字 NaN", en: "NaN" },
  integer: { zh: "整数", en: "an integer" },
  boolean: { zh: "true 或 false", en: "true or false" },
  date: { zh: "日期", en: "a date" },
  null: { zh: "空值", en: "null" },
  array: { zh: "列表", en: "a list" },
  object: { zh: "一组设置", en: "a group of settings" },
};

function typeName(type: string): BilingualText {
  return TYPE_NAMES[type] ?? { zh: type, en: type };
}

function quoteAll(values: readonly unknown[], sep: BilingualText): BilingualText {
  const shown = values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  return { zh: shown.map((v) => `“${v}”`).join(sep.zh), en: shown.map((v) => `"${v}"`).join(sep.en) };
}

/** zod's built-in messages, which are English only, said in both languages. */
function translateIssue(issue: z.ZodIssue): BilingualText | undefined {
  switch (issue.code) {
    case "invalid_type": {
      const expected = typeName(issue.expected);
      if (issue.received === "undefined")
        return { zh: `缺少此项（应为${expected.zh}）`, en: `required (expected ${expected.en})` };
      const received = typeName(issue.received);
      return {
        zh: `应为${expected.zh}，填写的是${received.zh}`,
        en: `expected ${expected.en}, received ${received.en}`,
      };
    }
    case "unrecognized_keys": {
      const keys = quoteAll(issue.keys, { zh: "、", en: ", " });
      return { zh: `不认识的键 ${keys.zh}`, en: `unrecognized key(s) ${keys.en}` };
    }
    case "invalid_enum_value": {
      const options = issue.options.join(", ");
      return {
        zh: `应为 ${issue.options.join("、")} 之一，填写的是 “${String(issue.received)}”`,
        en: `expected one of ${options}, found "${String(issue.received)}"`,
      };
    }
    case "invalid_union_discriminator":
      return {
        zh: `应为 ${issue.options.map(String).join("、")} 之一`,
        en: `expected one of ${issue.options.map(String).join(", ")}`,
      };
    case "invalid_literal":
      return { zh: `应为 ${JSON.stringify(issue.expected)}`, en: `expected ${JSON.stringify(issue.expected)}` };
    case "too_small":
    case "too_big": {
      const small = issue.code === "too_small";
      const limit = Number(small ? issue.minimum : issue.maximum);
      if (issue.type === "number") {
        if (issue.inclusive)
          return small
            ? { zh: `不能小于 ${limit}`, en: `must be at least ${limit}` }
            : { zh: `不能大于 ${limit}`, en: `must be at most ${limit}` };
        return small
          ? { zh: `应大于 ${limit}`, en: `must be above ${limit}` }
          : { zh: `应小于 ${limit}`, en: `must be below ${limit}` };
      }
      if (issue.type === "array" || issue.type === "set") {
        if (issue.exact) return { zh: `应正好有 ${limit} 项`, en: `must have exactly ${limit} item(s)` };
        return small
          ? { zh: `至少需要 ${limit} 项`, en: `needs at least ${limit} item(s)` }
          : { zh: `最多 ${limit} 项`, en: `can have at most ${limit} item(s)` };
      }
      if (issue.type === "string") {
        if (small && limit === 1) return { zh: "不能为空", en: "cannot be empty" };
        return small
          ? { zh: `至少 ${limit} 个字`, en: `needs at least ${limit} character(s)` }
          : { zh: `最多 ${limit} 个字`, en: `can have at most ${limit} character(s)` };
      }
      return undefined;
    }
    case "invalid_string":
      return { zh: "格式不对", en: "has the wrong form" };
    case "invalid_union":
      return { zh: "不符合任何一种允许的写法", en: "matches none of the allowed forms" };
    default:
      return undefined;
  }
}

/**
 * A zod issue's message in Chinese and in English. Rapport's own messages are written `中文 / English`; zod's
 * built-in ones are translated by kind; anything else (rare) is shown as it is on both lines.
 */
export function issueMessage(issue: z.ZodIssue): BilingualText {
  const split = issue.message.indexOf(" / ");
  if (split > 0) return { zh: issue.message.slice(0, split), en: issue.message.slice(split + 3) };
  const builtIn = z.defaultErrorMap(issue, { defaultError: issue.message, data: undefined }).message;
  const translated = issue.message === builtIn ? translateIssue(issue) : undefined;
  return translated ?? { zh: issue.message, en: issue.message };
}

/** An issue's key path as the user finds it in the file: `grading.criteria.0.weight`; `(root)` for the top. */
export function issuePath(issue: z.ZodIssue, prefix = ""): string {
  return [prefix, ...issue.path].filter((p) => p !== "").join(".") || "(root)";
}

/** A zod failure as one line per language, each problem naming the key path the user has to fix. */
export function describeConfigError(error: z.ZodError, source: string): BilingualText {
  const lines = error.issues.map((issue) => ({ path: issuePath(issue), message: issueMessage(issue) }));
  return {
    zh: `配置 ${source} 有误：` + lines.map((l) => `${l.path}：${l.message.zh}`).join("；"),
    en: `config ${source} is invalid: ` + lines.map((l) => `${l.path}: ${l.message.en}`).join("; "),
  };
}
