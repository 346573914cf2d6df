import { contentTypeOf, CONTENT_TYPES_PART, removeOverride, setContentType } from "./content-types";
import { folderOf, parseRels, relsPartOf, resolveTarget, type Relationship } from "./rels";
import { namespaceFlavor, readWorkbook, type Flavor, type WorkbookInfo } from "./workbook";
import { openTag, rootElement } from "./xml";
import type { Package } from "./zip";

/** The content types of the parts Rapport writes. */
export const CONTENT_TYPES = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vmlDrawing: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
} as const;

/**
 * Edits of the original package, collected and then written: parts set or removed, `[Content_Types].xml` kept
 * in step, new part names chosen so they are free (a name freed by a removed part is taken again, in its place).
 */
export class PackageEditor {
  readonly removed = new Set<string>();
  private readonly allocated = new Set<string>();
  private contentTypes = "";
  workbook!: WorkbookInfo;
  flavor: Flavor = "transitional";

  constructor(readonly pkg: Package) {}

  async open(): Promise<this> {
    this.contentTypes = await this.pkg.text(CONTENT_TYPES_PART);
    this.workbook = await readWorkbook(this.pkg);
    this.flavor = namespaceFlavor(openTag(this.workbook.xml, rootElement(this.workbook.xml)));
    return this;
  }

  /** The folder the workbook part is in (`xl/`), where new parts go. */
  get folder(): string {
    return folderOf(this.workbook.part);
  }

  private taken(name: string): boolean {
    const lower = name.toLowerCase();
    if (this.allocated.has(lower)) return true;
    const existing = this.pkg.find(name);
    return existing !== undefined && !this.removed.has(existing);
  }

  /** A free part name `${folder}${stem}${n}${ext}` with the smallest n. */
  allocate(folder: string, stem: string, ext: string): string {
    for (let n = 1; ; n++) {
      const name = `${folder}${stem}${n}${ext}`;
      if (!this.taken(name)) {
        this.allocated.add(name.toLowerCase());
        return name;
      }
    }
  }

  /** Parts that exist and are not being removed. */
  liveNames(): string[] {
    return this.pkg.names().filter((n) => !this.removed.has(n));
  }

  async text(name: string): Promise<string> {
    return this.pkg.text(name);
  }

  /** The relationships of a part (none when it has no relationships part). */
  async rels(part: string): Promise<{ part: string; xml: string | undefined; rels: Relationship[] }> {
    const relsPart = relsPartOf(part);
    const found = this.pkg.find(relsPart);
    if (!found || this.removed.has(found)) return { part: relsPart, xml: undefined, rels: [] };
    const xml = await this.pkg.text(found);
    return { part: found, xml, rels: parseRels(xml) };
  }

  /** The content type of a part, as the package declares it now. */
  typeOf(name: string): string | undefined {
    return contentTypeOf(this.contentTypes, name);
  }

  /** Writes a part, with its content type when one is given (a relationships part needs none). */
  write(name: string, content: string | Uint8Array, contentType?: string): void {
    const existing = this.pkg.find(name);
    const target = existing ?? name;
    this.removed.delete(target);
    this.pkg.set(target, content);
    if (contentType) this.contentTypes = setContentType(this.contentTypes, target, contentType);
  }

  /** Marks a part to be removed (it can still be written again before `finish`). */
  remove(name: string): void {
    const existing = this.pkg.find(name);
    if (existing) this.removed.add(existing);
  }

  /**
   * Removes a part and, through its relationships, the parts only it used (those no other relationship of the
   * package points at): a replaced sheet's tables, comments, drawings…
   */
  async removeTree(part: string): Promise<void> {
    const doomed = new Set<string>();
    const visit = async (name: string) => {
      const found = this.pkg.find(name);
      if (!found || doomed.has(found)) return;
      doomed.add(found);
      const { part: relsName, rels } = await this.rels(found);
      if (this.pkg.find(relsName)) doomed.add(this.pkg.find(relsName) as string);
      for (const r of rels) if (!r.external) await visit(resolveTarget(found, r.target));
    };
    await visit(part);
    // Parts some other part still points at stay.
    const keep = new Set<string>();
    for (const name of this.liveNames()) {
      if (!name.endsWith(".rels") || doomed.has(name)) continue;
      const source = sourceOfRels(name);
      for (const r of parseRels(await this.pkg.text(name))) {
        if (!r.external) keep.add(resolveTarget(source, r.target).toLowerCase());
      }
    }
    for (const name of doomed) if (name !== part && !keep.has(name.toLowerCase())) this.remove(name);
    const { part: relsName } = await this.rels(part);
    this.remove(relsName);
  }

  /** Applies the removals and writes `[Content_Types].xml`. */
  finish(): void {
    for (const name of this.removed) {
      this.pkg.remove(name);
      this.contentTypes = removeOverride(this.contentTypes, name);
    }
    this.pkg.set(CONTENT_TYPES_PART, this.contentTypes);
  }
}

/** `xl/worksheets/_rels/sheet1.xml.rels` → `xl/worksheets/sheet1.xml`. */
export function sourceOfRels(relsPart: string): string {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(relsPart);
  return m ? `${m[1]}${m[2]}` : relsPart;
}
