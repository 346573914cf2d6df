import { FIELDS, normalizeHeader } from "./fields";
import { cellText } from "./parse/text";
import type { CellValue, FieldKey, HeaderMap } from "./types";

/** Header text (normalised) → field, from every field's own name, English name and aliases. */
const KNOWN_HEADERS: ReadonlyMap<string, FieldKey> = new Map(
  FIELDS.flatMap((f) => [f.zh, f.en, ...f.aliases].map((h) => [normalizeHeader(h), f.key] as const)),
);

/** How far down a title, a date line and notes can push the header row. */
const HEADER_SEARCH_ROWS = 30;

export interface HeaderOptions {
  /** The user's own header texts mapped to fields (config `headers`), taking precedence over the built-in names. */
  headers?: Record<string, FieldKey>;
}

function lookupTable(options: HeaderOptions): ReadonlyMap<string, FieldKey> {
  if (!options.headers) return KNOWN_HEADERS;
  const table = new Map(KNOWN_HEADERS);
  for (const [text, key] of Object.entries(options.headers)) table.set(normalizeHeader(text), key);
  return table;
}

/** Reads one row as a header: which fields it names, in which column. The first column naming a field wins. */
export function matchHeaderRow(row: readonly CellValue[], options: HeaderOptions = {}): Omit<HeaderMap, "headerRow"> {
  const table = lookupTable(options);
  const columns: Partial<Record<FieldKey, number>> = {};
  const unknown: Record<number, string> = {};
  row.forEach((cell, index) => {
    const text = cellText(cell);
    if (!text) return;
    const key = table.get(normalizeHeader(text));
    if (key !== undefined && columns[key] === undefined) columns[key] = index;
    else unknown[index] = text;
  });
  return { columns, unknown };
}

/**
 * Finds the header row: among the first rows, the one naming the most known fields, provided it names the
 * customer code or name and at least three fields in all (a title or date line never does). Returns the
 * 0-based grid row index, or null when the sheet has no customer header.
 */
export function findHeaderRow(
  values: readonly (readonly CellValue[])[],
  options: HeaderOptions = {},
): { index: number; map: Omit<HeaderMap, "headerRow"> } | null {
  let best: { index: number; map: Omit<HeaderMap, "headerRow">; score: number } | null = null;
  const limit = Math.min(values.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index++) {
    const map = matchHeaderRow(values[index], options);
    const score = Object.keys(map.columns).length;
    const namesCustomer = map.columns.code !== undefined || map.columns.name !== undefined;
    if (namesCustomer && score >= 3 && (!best || score > best.score)) best = { index, map, score };
  }
  return best && { index: best.index, map: best.map };
}
