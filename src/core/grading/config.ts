import { z } from "zod";
import { archiveConfigSchema, issueMessage, issuePath } from "../config";
import type { BilingualText } from "../types";
import { DEFAULT_STANDARD } from "./default-standard";
import { readStandardParts, type GradingStandard } from "./standard";

/**
 * The `grading` section of a config file: any of `criteria`, `grades`, `hardRules`, `abc`; each one given
 * replaces the default's whole part (a company lists all its criteria, not a patch of ours).
 */
export const gradingSectionSchema = z
  .unknown()
  .transform((given, ctx): GradingStandard => readStandardParts(given, ctx, DEFAULT_STANDARD) ?? z.NEVER);

/** Rapport's config file with the grading standard: `archiveConfigSchema` plus `grading`. */
export const gradingConfigSchema = archiveConfigSchema.extend({ grading: gradingSectionSchema.optional() });

export type GradingConfig = z.output<typeof gradingConfigSchema>;

export interface StandardProblem {
  /** Where to fix it: a key path (`criteria.2.weight`) or a cell (`评级标准!D7`). */
  where: string;
  message: BilingualText;
}

export type StandardResult = { ok: true; standard: GradingStandard } | { ok: false; problems: StandardProblem[] };

/** Problems as the user fixes them: one per zod issue, at its key path. */
export function standardProblems(error: z.ZodError, prefix = ""): StandardProblem[] {
  return error.issues.map((issue) => ({ where: issuePath(issue, prefix), message: issueMessage(issue) }));
}

/** A standard from JSON-like data (the task pane's settings, a stored standard); omitted parts are the defaults. */
export function parseStandard(data: unknown): StandardResult {
  const parsed = gradingSectionSchema.safeParse(data ?? {});
  return parsed.success ? { ok: true, standard: parsed.data } : { ok: false, problems: standardProblems(parsed.error) };
}
