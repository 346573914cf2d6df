import type { IsoDate } from "../core/types";

/** Today's calendar date where the user is; RAPPORT_TODAY (YYYY-MM-DD) pins it for scripts and tests. */
export function today(): IsoDate {
  const pinned = process.env.RAPPORT_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
