// Personal data in documents meant for circulation is masked, as Chinese personal-information practice expects
// (个人信息去标识化): 138****8000, 010-****5678, z***@example.com.

const MOBILE = /(?<![\d*])(\+?86[-\s]?)?(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;
const LANDLINE = /(?<![\d*])(0\d{2,3})(-?)(\d{3,4})(\d{4})(?!\d)/g;
const EMAIL = /([A-Za-z0-9])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

/** Masks every phone number and e-mail address inside a text, leaving the rest as it was. */
export function maskText(text: string): string {
  if (!/\d{7}|@/.test(text)) return text;
  return text
    .replace(
      MOBILE,
      (_m, cc: string | undefined, head: string, _mid: string, tail: string) => `${cc ?? ""}${head}****${tail}`,
    )
    .replace(
      LANDLINE,
      (_m, area: string, dash: string, mid: string, tail: string) => `${area}${dash}${"*".repeat(mid.length)}${tail}`,
    )
    .replace(EMAIL, (_m, first: string, domain: string) => `${first}***${domain}`);
}

/**
 * A deep copy of template data with phones and e-mails masked in every string, not only in the phone and e-mail
 * fields: people type numbers into notes and addresses too. Numbers, dates and structure are untouched.
 */
export function maskData<T>(data: T): T {
  return walk(data) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === "string") return maskText(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v);
    return out;
  }
  return value;
}
