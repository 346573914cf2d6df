import {
  buildSchedule,
  resolveScheduleSettings,
  scheduleSectionSchema,
  type ScheduleRow,
  type StaffMember,
} from "../../../src/core/schedule";
import type { CustomerRecord, Grade } from "../../../src/core/types";

let next = 1;

/** A customer with only what a test gives (no purchase, no contact…): no rule fires unless asked to. */
export function customer(fields: Partial<CustomerRecord> = {}): CustomerRecord {
  const n = next++;
  return { row: n + 1, code: `KH${String(n).padStart(4, "0")}`, name: `客户${n}有限公司`, extra: {}, ...fields };
}

/** A `schedule` config section as written in a file: checked and converted by the schema, as the CLI does. */
export function settingsOf(section: unknown = {}) {
  return resolveScheduleSettings(scheduleSectionSchema.parse(section));
}

/** Settings with every rule off except those named (the others would add calls to every assertion). */
export function only(rules: string[], section: unknown = {}) {
  const settings = settingsOf(section);
  for (const [name, rule] of Object.entries(settings.rules)) rule.enabled = rules.includes(name);
  return settings;
}

export function plan(
  records: CustomerRecord[],
  from: string,
  to: string,
  options: {
    rules?: string[];
    section?: unknown;
    staff?: StaffMember[];
    grades?: Map<string, Grade>;
    sheet?: ScheduleRow[];
  } = {},
) {
  const settings = options.rules ? only(options.rules, options.section) : settingsOf(options.section);
  return buildSchedule(records, {
    from,
    to,
    grades: options.grades ?? new Map(),
    staff: options.staff ?? [],
    settings,
    sheet: options.sheet,
  });
}

/** `date kind window-from..window-to` per entry, for compact expectations. */
export function lines(result: ReturnType<typeof plan>): string[] {
  return result.entries.map((e) => `${e.date} ${e.kind} ${e.window[0]}..${e.window[1]}`);
}
