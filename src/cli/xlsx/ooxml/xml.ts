/**
 * Minimal XML scanning for editing OOXML parts in place: elements are located by string scanning, so every byte
 * outside the edited spans stays exactly as the writer left it. Element names are matched by local name, so
 * prefixed documents (`<x:row>`) work as well as default-namespace ones; self-closing elements are handled.
 */

/** One element found in a document: where its open tag, content and close tag are. */
export interface XmlElement {
  /** The qualified name as written (`x:row`). */
  name: string;
  prefix: string;
  local: string;
  start: number;
  /** Index just after the open tag's `>`. */
  openEnd: number;
  /** Index of the close tag's `<` (equal to `openEnd` for a self-closing element). */
  closeStart: number;
  /** Index just after the element. */
  end: number;
  selfClosing: boolean;
}

export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttr(text: string): string {
  return escapeText(text)
    .replace(/"/g, "&quot;")
    .replace(/\r/g, "&#13;")
    .replace(/\n/g, "&#10;")
    .replace(/\t/g, "&#9;");
}

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e === "amp") return "&";
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** Index just after the `>` closing the tag that starts at `start`, skipping `>` inside quoted attribute values. */
export function tagEnd(xml: string, start: number): number {
  let quote = 0;
  for (let i = start + 1; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      return i + 1;
    }
  }
  throw new Error(`unterminated tag at ${start}`);
}

/** The end of the element name that starts at `from` (at whitespace, `/` or `>`). */
function nameEnd(xml: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const c = xml.charCodeAt(i);
    // space, tab, newline, carriage return, '/', '>'
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
    i++;
  }
  return i;
}

/** Skips a comment, CDATA section, processing instruction or declaration starting at `i`; -1 when it is a tag. */
function skipSpecial(xml: string, i: number): number {
  if (xml.startsWith("<!--", i)) {
    const e = xml.indexOf("-->", i + 4);
    return e < 0 ? xml.length : e + 3;
  }
  if (xml.startsWith("<![CDATA[", i)) {
    const e = xml.indexOf("]]>", i + 9);
    return e < 0 ? xml.length : e + 3;
  }
  if (xml.startsWith("<?", i)) {
    const e = xml.indexOf("?>", i + 2);
    return e < 0 ? xml.length : e + 2;
  }
  if (xml.startsWith("<!", i)) return tagEnd(xml, i);
  return -1;
}

/** Elements that never contain an element of their own name, skipped whole when their siblings are listed. */
const FLAT = /^(?:[^:]+:)?(?:sheetData|row|commentList)$/;

/** The direct child elements of the range [from, to) (the content of an element, or a whole document). */
export function childElements(xml: string, from = 0, to = xml.length): XmlElement[] {
  const out: XmlElement[] = [];
  let depth = 0;
  let name = "";
  let start = 0;
  let openEnd = 0;
  let pos = from;
  while (pos < to) {
    const lt = xml.indexOf("<", pos);
    if (lt < 0 || lt >= to) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 || next === 63) {
      // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE>, <? ?>
      pos = skipSpecial(xml, lt);
      continue;
    }
    const end = tagEnd(xml, lt);
    if (next === 47) {
      depth--;
      if (depth === 0) out.push(element(name, start, openEnd, lt, end, false));
    } else {
      const selfClosing = xml.charCodeAt(end - 2) === 47;
      if (depth === 0) {
        name = xml.slice(lt + 1, nameEnd(xml, lt + 1, end));
        const close = selfClosing || !FLAT.test(name) ? -1 : xml.indexOf(`</${name}>`, end);
        if (selfClosing) {
          out.push(element(name, lt, end, end, end, true));
        } else if (close >= 0 && close < to) {
          // A sheet's cells: no element inside has the same name, so its end is found without reading them.
          out.push(element(name, lt, end, close, close + name.length + 3, false));
          pos = close + name.length + 3;
          continue;
        } else {
          start = lt;
          openEnd = end;
          depth = 1;
        }
      } else if (!selfClosing) {
        depth++;
      }
    }
    pos = end;
  }
  return out;
}

function element(
  name: string,
  start: number,
  openEnd: number,
  closeStart: number,
  end: number,
  selfClosing: boolean,
): XmlElement {
  const colon = name.indexOf(":");
  const prefix = colon < 0 ? "" : name.slice(0, colon);
  const local = colon < 0 ? name : name.slice(colon + 1);
  return { name, prefix, local, start, openEnd, closeStart, end, selfClosing };
}

/** The document's root element (its end found from the end of the document, without reading its content). */
export function rootElement(xml: string): XmlElement {
  let pos = 0;
  for (;;) {
    const lt = xml.indexOf("<", pos);
    if (lt < 0) throw new Error("no root element");
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 || next === 63) {
      pos = skipSpecial(xml, lt);
      continue;
    }
    const openEnd = tagEnd(xml, lt);
    const name = xml.slice(lt + 1, nameEnd(xml, lt + 1, openEnd));
    if (xml.charCodeAt(openEnd - 2) === 47) return element(name, lt, openEnd, openEnd, openEnd, true);
    const closeStart = xml.lastIndexOf(`</${name}`);
    if (closeStart < openEnd) throw new Error(`no end of ${name}`);
    return element(name, lt, openEnd, closeStart, tagEnd(xml, closeStart), false);
  }
}

/** The children of `parent`. */
export function childrenOf(xml: string, parent: XmlElement): XmlElement[] {
  return parent.selfClosing ? [] : childElements(xml, parent.openEnd, parent.closeStart);
}

/** The first child of `parent` with the given local name. */
export function childNamed(xml: string, parent: XmlElement, local: string): XmlElement | undefined {
  return childrenOf(xml, parent).find((e) => e.local === local);
}

export function openTag(xml: string, el: XmlElement): string {
  return xml.slice(el.start, el.openEnd);
}

export function innerXml(xml: string, el: XmlElement): string {
  return xml.slice(el.openEnd, el.closeStart);
}

export function outerXml(xml: string, el: XmlElement): string {
  return xml.slice(el.start, el.end);
}

/** The attributes of an open tag, by qualified name, unescaped. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s=/<>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  const body = tag.replace(/^<[^\s/>]+/, "");
  for (const m of body.matchAll(re)) out.set(m[1], unescapeXml(m[3] ?? m[4] ?? ""));
  return out;
}

/** One attribute of an open tag, unescaped (a quick scan, for the attributes read on every row and cell). */
export function attr(tag: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = tag.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const before = tag.charCodeAt(at - 1);
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let i = from;
    while (tag[i] === " " || tag[i] === "\t" || tag[i] === "\n" || tag[i] === "\r") i++;
    if (tag[i] !== "=") continue;
    i++;
    while (tag[i] === " " || tag[i] === "\t" || tag[i] === "\n" || tag[i] === "\r") i++;
    const quote = tag[i];
    if (quote !== '"' && quote !== "'") continue;
    const close = tag.indexOf(quote, i + 1);
    if (close < 0) return undefined;
    const raw = tag.slice(i + 1, close);
    return raw.includes("&") ? unescapeXml(raw) : raw;
  }
}

const patterns = new Map<string, RegExp>();
function attrPattern(name: string): RegExp {
  let re = patterns.get(name);
  if (!re) {
    re = new RegExp(`(\\s)${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*=\\s*("[^"]*"|'[^']*')`);
    patterns.set(name, re);
  }
  return re;
}

/** The tag with the attribute set (replaced where it is, or added at the end). */
export function setAttr(tag: string, name: string, value: string): string {
  const re = attrPattern(name);
  const text = `${name}="${escapeAttr(value)}"`;
  if (re.test(tag)) return tag.replace(re, (_, space: string) => `${space}${text}`);
  const close = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  const before = tag.slice(0, close).replace(/\s+$/, "");
  return `${before} ${text}${tag.slice(close)}`;
}

export function removeAttr(tag: string, name: string): string {
  return tag.replace(attrPattern(name), "");
}

/** The namespace URI each prefix of the element's own tag declares (`""` for the default namespace). */
export function declaredNamespaces(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of attributes(tag)) {
    if (name === "xmlns") out.set("", value);
    else if (name.startsWith("xmlns:")) out.set(name.slice(6), value);
  }
  return out;
}

/** Puts every unprefixed element of `fragment` in the namespace `prefix` stands for (no change for ""). */
export function prefixElements(fragment: string, prefix: string): string {
  if (!prefix) return fragment;
  let out = "";
  let pos = 0;
  while (pos < fragment.length) {
    const lt = fragment.indexOf("<", pos);
    if (lt < 0) break;
    const special = skipSpecial(fragment, lt);
    if (special >= 0) {
      out += fragment.slice(pos, special);
      pos = special;
      continue;
    }
    const end = tagEnd(fragment, lt);
    const closing = fragment[lt + 1] === "/";
    const nameStart = lt + (closing ? 2 : 1);
    const m = /^[^\s/>]+/.exec(fragment.slice(nameStart, end));
    const name = m ? m[0] : "";
    out += fragment.slice(pos, nameStart);
    out += name.includes(":") ? name : `${prefix}:${name}`;
    out += fragment.slice(nameStart + name.length, end);
    pos = end;
  }
  return out + fragment.slice(pos);
}

/** Replaces spans of `xml` (non-overlapping, any order) in one pass. */
export function splice(xml: string, edits: readonly { start: number; end: number; text: string }[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error("overlapping edits");
    out += xml.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + xml.slice(pos);
}

/** An element with content inserted before its close tag; a self-closing element is opened up for it. */
export function appendChild(xml: string, el: XmlElement, content: string): string {
  if (!el.selfClosing) return splice(xml, [{ start: el.closeStart, end: el.closeStart, text: content }]);
  const open = xml.slice(el.start, el.openEnd).replace(/\s*\/>$/, ">");
  return splice(xml, [{ start: el.start, end: el.end, text: `${open}${content}</${el.name}>` }]);
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
