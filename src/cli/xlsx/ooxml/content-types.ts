import { appendChild, attributes, childrenOf, escapeAttr, openTag, rootElement, setAttr, splice } from "./xml";

/** Editing `[Content_Types].xml`: part names there have a leading slash and compare case-insensitively. */

export const CONTENT_TYPES_PART = "[Content_Types].xml";

const partName = (part: string) => `/${part}`.toLowerCase();
const extensionOf = (part: string) => part.slice(part.lastIndexOf(".") + 1).toLowerCase();

function entries(xml: string) {
  const root = rootElement(xml);
  return {
    root,
    children: childrenOf(xml, root).map((el) => ({ el, a: attributes(openTag(xml, el)) })),
  };
}

/** The content type of a part: its Override, otherwise the Default of its extension. */
export function contentTypeOf(xml: string, part: string): string | undefined {
  const { children } = entries(xml);
  const override = children.find(
    (c) => c.el.local === "Override" && (c.a.get("PartName") ?? "").toLowerCase() === partName(part),
  );
  if (override) return override.a.get("ContentType");
  const ext = extensionOf(part);
  return children
    .find((c) => c.el.local === "Default" && (c.a.get("Extension") ?? "").toLowerCase() === ext)
    ?.a.get("ContentType");
}

/** Makes `part` of type `type`: an Override unless the extension's Default already says so. */
export function setContentType(xml: string, part: string, type: string): string {
  const { root, children } = entries(xml);
  const override = children.find(
    (c) => c.el.local === "Override" && (c.a.get("PartName") ?? "").toLowerCase() === partName(part),
  );
  if (override) {
    if (override.a.get("ContentType") === type) return xml;
    const tag = setAttr(openTag(xml, override.el), "ContentType", type);
    return splice(xml, [{ start: override.el.start, end: override.el.openEnd, text: tag }]);
  }
  const ext = extensionOf(part);
  const byDefault = children.find(
    (c) => c.el.local === "Default" && (c.a.get("Extension") ?? "").toLowerCase() === ext,
  );
  if (byDefault?.a.get("ContentType") === type) return xml;
  if (!byDefault && ext !== "xml" && ext !== "rels") {
    // A new extension (e.g. .vml): declare it once, as Office does.
    const name = root.prefix ? `${root.prefix}:Default` : "Default";
    const at = children.find((c) => c.el.local === "Override")?.el.start ?? null;
    const text = `<${name} Extension="${escapeAttr(ext)}" ContentType="${escapeAttr(type)}"/>`;
    return at === null ? appendChild(xml, root, text) : splice(xml, [{ start: at, end: at, text }]);
  }
  const name = root.prefix ? `${root.prefix}:Override` : "Override";
  return appendChild(xml, root, `<${name} PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(type)}"/>`);
}

/** Drops the Override of a part that no longer exists. */
export function removeOverride(xml: string, part: string): string {
  const { children } = entries(xml);
  const override = children.find(
    (c) => c.el.local === "Override" && (c.a.get("PartName") ?? "").toLowerCase() === partName(part),
  );
  return override ? splice(xml, [{ start: override.el.start, end: override.el.end, text: "" }]) : xml;
}
