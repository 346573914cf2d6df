import { RELATIONSHIPS_NS } from "./workbook";
import { Package } from "./zip";

/**
 * exceljs knows relationships only by their transitional types (`…/2006/relationships/comments`): in a Strict Open
 * XML package (`http://purl.oclc.org/ooxml/…`) it still finds the sheets by their part names, but not a sheet's
 * notes, tables or hyperlinks, so it would not see the notes by which Rapport recognises its own columns and
 * sheets. This gives exceljs the package with its relationship types made transitional; nothing else changes,
 * and a package with no Strict relationship is returned as it is. Only what exceljs reads: copies are still made
 * of the original file's bytes (see preservingCopy), so a Strict workbook stays Strict.
 */

const STRICT_PREFIX = `${RELATIONSHIPS_NS.strict}/`;
const TRANSITIONAL_PREFIX = `${RELATIONSHIPS_NS.transitional}/`;
/** Strict relationship types whose last segment differs from the transitional one. */
const RENAMED: Record<string, string> = { extendedProperties: "extended-properties" };

function transitionalType(type: string): string {
  if (!type.startsWith(STRICT_PREFIX)) return type;
  const kind = type.slice(STRICT_PREFIX.length);
  return TRANSITIONAL_PREFIX + (RENAMED[kind] ?? kind);
}

/** A relationships part with every Strict `Type="…"` made transitional. */
export function transitionalRels(xml: string): string {
  return xml.replace(/(\sType\s*=\s*)(["'])([^"']*)\2/g, (all, before: string, quote: string, type: string) =>
    type.startsWith(STRICT_PREFIX) ? `${before}${quote}${transitionalType(type)}${quote}` : all,
  );
}

/** The package as exceljs can read it: the same bytes unless it has Strict relationships. */
export async function forExceljs(data: Uint8Array): Promise<Uint8Array> {
  const pkg = await Package.load(data);
  let changed = false;
  for (const name of pkg.names()) {
    if (!name.endsWith(".rels")) continue;
    const xml = await pkg.text(name);
    if (!xml.includes(STRICT_PREFIX)) continue;
    pkg.set(name, transitionalRels(xml));
    changed = true;
  }
  return changed ? pkg.write() : data;
}
