// The pane's column mapping as the core takes it: headers mapped to a field go to the core as its `headers`; headers
// the person said name no field are hidden from it. Shared by the read (which loads number formats only where the
// core will look) and by every action's parse, so both see the same header.
import { normalizeHeader } from "../core/fields";
import { HEADER_SEARCH_ROWS } from "../core/header";
import type { FieldKey, SheetGrid } from "../core/types";
import type { HeaderMapping } from "./state";

export interface CoreMapping {
  /** Header text → field, for the core's `headers` option (undefined: the built-in names only). */
  headers: Record<string, FieldKey> | undefined;
  /** Normalized headers that name no field. */
  ignored: ReadonlySet<string>;
}

export function coreMapping(mapping: HeaderMapping): CoreMapping {
  const mapped: Record<string, FieldKey> = {};
  const ignored = new Set<string>();
  for (const [header, field] of Object.entries(mapping)) {
    if (field) mapped[header] = field;
    else ignored.add(normalizeHeader(header));
  }
  return { headers: Object.keys(mapped).length ? mapped : undefined, ignored };
}

/**
 * Headers the person said name no field are hidden from the core: those cells of a sheet's first rows (where the
 * header row is) read as text no header has. The grids themselves are not changed.
 */
export function withoutHeaders(grids: readonly SheetGrid[], ignored: ReadonlySet<string>): SheetGrid[] {
  if (!ignored.size) return [...grids];
  return grids.map((grid) => {
    let changed = false;
    const top = grid.values.slice(0, HEADER_SEARCH_ROWS).map((row) => {
      if (!row.some((v) => typeof v === "string" && ignored.has(normalizeHeader(v)))) return row;
      changed = true;
      return row.map((v) => (typeof v === "string" && ignored.has(normalizeHeader(v)) ? `\u2063${v}\u2063` : v));
    });
    return changed ? { ...grid, values: [...top, ...grid.values.slice(HEADER_SEARCH_ROWS)] } : grid;
  });
}
