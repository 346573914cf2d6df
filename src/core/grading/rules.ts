import { normalizeLabel, splitLabels, type Rule } from "./standard";

/** A rule turned into a function: the measure's value → points 0–100, or undefined for a label it does not list. */
export type Rating = (value: number | string) => number | undefined;

function bands(rule: Extract<Rule, { type: "bands" }>): Rating {
  const from = rule.bands.map((b) => b.from);
  const pts = rule.bands.map((b) => b.points);
  return (value) => {
    const v = value as number;
    let i = 0;
    while (i + 1 < from.length && v >= from[i + 1]) i++;
    return pts[i];
  };
}

function linear(rule: Extract<Rule, { type: "linear" }>): Rating {
  const { from, to } = rule;
  const span = to.value - from.value;
  const rise = to.points - from.points;
  const lo = Math.min(from.points, to.points);
  const hi = Math.max(from.points, to.points);
  // Through the fraction of the way, so both end values give their points exactly.
  return (value) => Math.min(hi, Math.max(lo, from.points + (((value as number) - from.value) / span) * rise));
}

function lookup(rule: Extract<Rule, { type: "lookup" }>): Rating {
  const table = new Map<string, number>();
  for (const [key, points] of Object.entries(rule.labels)) {
    for (const label of splitLabels(key)) table.set(normalizeLabel(label), points);
  }
  // The same few words fill a whole column; remembering them keeps NFKC folding off the per-customer path.
  const seen = new Map<string, number | null>();
  return (value) => {
    const text = value as string;
    let points = seen.get(text);
    if (points === undefined) {
      points = table.get(normalizeLabel(text)) ?? null;
      if (seen.size < 10_000) seen.set(text, points);
    }
    return points ?? undefined;
  };
}

export function compileRule(rule: Rule): Rating {
  switch (rule.type) {
    case "bands":
      return bands(rule);
    case "linear":
      return linear(rule);
    case "lookup":
      return lookup(rule);
  }
}
