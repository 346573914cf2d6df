import { FIELD_BY_KEY, FIELDS, normalizeHeader } from "./fields";
import { cellText } from "./parse/text";
import type { CellValue, FieldKey, HeaderMap } from "./types";

/** Header text (normalised) → field, from every field's own name, English name and aliases. */
const KNOWN_HEADERS: ReadonlyMap<string, FieldKey> = new Map(
  FIELDS.flatMap((f) => [f.zh, f.en, ...f.aliases].map((h) => [normalizeHeader(h), f.key] as const)),
);

/**
 * Headers that name a field but head columns of any table — parts lists, staff lists, price lists (`Name`,
 * `Type`, `Code`, `编号`, `状态`…). They count toward a customer header only beside at least two headers that are
 * the customer form's own (`客户名称`, `联系电话`, `Customer code`, `Phone`…).
 */
const GENERIC_HEADERS: ReadonlySet<string> = new Set(
  [
    "id",
    "code",
    "name",
    "customer",
    "company",
    "type",
    "category",
    "contact",
    "mail",
    "business",
    "staff",
    "headcount",
    "employees",
    "operations",
    "bank",
    "loans",
    "payer",
    "cheques",
    "checks",
    "channel",
    "frequency",
    "potential",
    "satisfaction",
    "owner",
    "status",
    "complaints",
    "gm",
    "编号",
    "客户",
    "类型",
    "类别",
    "行业",
    "经理",
    "人数",
    "银行",
    "贷款",
    "支票",
    "状态",
    "负责人",
  ].map(normalizeHeader),
);

/** Specific headers a customer header row needs besides any number of generic ones. */
const MIN_SPECIFIC = 2;
/** Fields a header row must name in all. */
const MIN_FIELDS = 3;

/** Kinds of field a sheet may hold more than one column of (联系电话 and 手机): each column is checked. */
const REPEATABLE_KINDS = new Set(["phone", "email"]);

/** How far down a title, a date line and notes can push the header row. */
export const HEADER_SEARCH_ROWS = 30;

export interface HeaderOptions {
  /** The user's own header texts mapped to fields (config `headers`), taking precedence over the built-in names. */
  headers?: Record<string, FieldKey>;
}

interface Lookup {
  table: ReadonlyMap<string, FieldKey>;
  /** Headers the user mapped: always specific. */
  own: ReadonlySet<string>;
}

const BUILT_IN: Lookup = { table: KNOWN_HEADERS, own: new Set() };

function lookupTable(options: HeaderOptions): Lookup {
  if (!options.headers) return BUILT_IN;
  const table = new Map(KNOWN_HEADERS);
  const own = new Set<string>();
  for (const [text, key] of Object.entries(options.headers)) {
    table.set(normalizeHeader(text), key);
    own.add(normalizeHeader(text));
  }
  return { table, own };
}

/**
 * One header cell: the field it names, and whether the name is specific to a customer sheet. A combined header
 * (`联系电话/手机`, `电话、手机`) names a field when every part names the same one.
 */
function lookup(text: string, { table, own }: Lookup): { key: FieldKey; specific: boolean } | undefined {
  const normalized = normalizeHeader(text);
  const key = table.get(normalized);
  if (key !== undefined) return { key, specific: own.has(normalized) || !GENERIC_HEADERS.has(normalized) };
  const parts = normalized.split(/[/、|或]/).filter((p) => p !== "");
  if (parts.length < 2) return undefined;
  const keys = new Set(parts.map((p) => table.get(p)));
  if (keys.size !== 1) return undefined;
  const [only] = keys;
  if (only === undefined) return undefined;
  return { key: only, specific: parts.some((p) => own.has(p) || !GENERIC_HEADERS.has(p)) };
}

export interface HeaderMatch extends Omit<HeaderMap, "headerRow"> {
  /** How many of the fields were named by a header specific to customer sheets. */
  specific: number;
}

/** Reads one row as a header: which fields it names, in which column. The first column naming a field wins. */
export function matchHeaderRow(row: readonly CellValue[], options: HeaderOptions = {}): HeaderMatch {
  return matchWith(row, lookupTable(options));
}

function matchWith(row: readonly CellValue[], table: Lookup): HeaderMatch {
  const columns: Partial<Record<FieldKey, number>> = {};
  const unknown: Record<number, string> = {};
  const more: Partial<Record<FieldKey, number[]>> = {};
  let specific = 0;
  row.forEach((cell, index) => {
    const text = cellText(cell);
    if (!text) return;
    const found = lookup(text, table);
    if (found && columns[found.key] === undefined) {
      columns[found.key] = index;
      if (found.specific) specific++;
      return;
    }
    // A second column of an already named field stays the user's own column (kept as an extra) …
    unknown[index] = text;
    // … and a second phone or e-mail column is checked too.
    if (found && REPEATABLE_KINDS.has(FIELD_BY_KEY[found.key].kind)) (more[found.key] ??= []).push(index);
  });
  return Object.keys(more).length ? { columns, unknown, more, specific } : { columns, unknown, specific };
}

/**
 * Finds the header row: among the first rows, the one naming the most known fields, provided it names the
 * customer code or name, at least three fields in all, and at least two of them by a header specific to customer
 * sheets (a title, a date line, a parts list with `Customer code | Name | Type` never does). Returns the 0-based
 * grid row index, or null when the sheet has no customer header.
 */
export function findHeaderRow(
  values: readonly (readonly CellValue[])[],
  options: HeaderOptions = {},
): { index: number; map: Omit<HeaderMap, "headerRow"> } | null {
  const table = lookupTable(options);
  let best: { index: number; map: Omit<HeaderMap, "headerRow">; score: number } | null = null;
  const limit = Math.min(values.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index++) {
    const { specific, ...map } = matchWith(values[index], table);
    const score = Object.keys(map.columns).length;
    const namesCustomer = map.columns.code !== undefined || map.columns.name !== undefined;
    if (!namesCustomer || score < MIN_FIELDS || specific < MIN_SPECIFIC) continue;
    if (!best || score > best.score) best = { index, map, score };
  }
  return best && { index: best.index, map: best.map };
}
