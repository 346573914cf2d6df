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
      message: `unknown field "${text}"; expected one of ${FIELD_KEYS.join(", ")}`,
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

/** A zod failure as one bilingual line per problem, naming the key path the user has to fix. */
export function describeConfigError(error: z.ZodError, source: string): BilingualText {
  const lines = error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join(".") : "(root)";
    return { path, message: issue.message };
  });
  return {
    zh: `配置 ${source} 有误：` + lines.map((l) => `${l.path}：${l.message}`).join("；"),
    en: `config ${source} is invalid: ` + lines.map((l) => `${l.path}: ${l.message}`).join("; "),
  };
}
