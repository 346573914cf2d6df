// The `report` section of the config file: who the documents are from, the plan's targets and measures, the
// approval names. Everything is optional; the handbook's defaults fill the rest (domain §5, §6).
import { z } from "zod";
import { isValidYmd } from "../calendar";
import type { Targets } from "./types";

const say = (zh: string, en: string) => `${zh} / ${en}`;

const text = z
  .string({ invalid_type_error: say("应为文字", "expected text") })
  .min(1, say("不能为空", "cannot be empty"));

const date = z.string({ invalid_type_error: say("应为日期 YYYY-MM-DD", "expected a date YYYY-MM-DD") }).refine(
  (v) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    return !!m && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  },
  say("应为日期 YYYY-MM-DD", "expected a date YYYY-MM-DD"),
);

/** A target as a fraction; `90`, `90%` and `0.9` all mean 90 %. */
const rate = z.preprocess(
  (v) => {
    const n = typeof v === "string" ? Number(v.trim().replace(/%$/, "")) : v;
    return typeof n === "number" && n > 1 ? n / 100 : n;
  },
  z
    .number({ invalid_type_error: say("应为百分比，如 90%", "expected a percentage such as 90%") })
    .min(0, say("不能小于 0", "must be at least 0"))
    .max(1, say("不能大于 100%", "must be at most 100%")),
);

const measure = z
  .object({
    method: text.optional(),
    measures: text.optional(),
    staff: text.optional(),
    budget: z
      .number({ invalid_type_error: say("应为金额（元）", "expected an amount in yuan") })
      .min(0)
      .optional(),
  })
  .strict();

export const reportSectionSchema = z
  .object({
    company: text.optional(),
    author: text.optional(),
    controlStatus: text.optional(),
    executingDepartment: text.optional(),
    supervisingDepartment: text.optional(),
    editingDepartment: text.optional(),
    /** 编号 per template, e.g. `{ plan: "KF-FA-2026-01" }`. */
    numbers: z.record(z.string(), text).optional(),
    targets: z
      .object({ satisfaction: rate.optional(), loyalty: rate.optional(), churn: rate.optional() })
      .strict()
      .optional(),
    plan: z
      .object({
        purpose: text.optional(),
        scope: text.optional(),
        measures: z.record(z.enum(["A", "B", "C", "D"]), measure).optional(),
        evaluation: z.array(text).optional(),
      })
      .strict()
      .optional(),
    approval: z
      .object({
        preparedBy: text.optional(),
        preparedOn: date.optional(),
        reviewedBy: text.optional(),
        reviewedOn: date.optional(),
        approvedBy: text.optional(),
        approvedOn: date.optional(),
        revisionMark: text.optional(),
        revisions: z.number().int().min(0).optional(),
        revisedOn: date.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ReportSection = z.infer<typeof reportSectionSchema>;

export function reportTargets(section: ReportSection | undefined): Partial<Targets> {
  return section?.targets ?? {};
}
