// A box-drawn table for the terminal with fixed column widths and word wrap, drawn in one linear pass.
//
// cli-table3's wordWrap measures text with string-width, which builds emoji-regex's and ansi-regex's huge regular
// expressions afresh on every call, and wraps by measuring every prefix of every cell: about 13 ms a finding, so
// 3,000 findings took 10–40 s on a busy machine. Here each character is measured once, by its East Asian Width.
import { eastAsianWidth } from "get-east-asian-width";

/** Combining marks, zero-width spaces and joiners, variation selectors: no column of their own. */
function isZeroWidth(code: number): boolean {
  return (code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f) || (code >= 0xfe00 && code <= 0xfe0f);
}

function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  // Ambiguous-width characters (·, —) as narrow, as terminals and string-width take them by default.
  return isZeroWidth(code) ? 0 : eastAsianWidth(code, { ambiguousAsWide: false });
}

/** How many terminal columns a line of text takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/**
 * Text as a terminal may safely show it: tabs become spaces and other control characters (an escape sequence typed
 * or pasted into a cell) become U+FFFD, so a cell can neither restyle the terminal nor break the table's lines.
 */
export function printable(text: string): string {
  return (
    text
      .replace(/\r\n?/g, "\n")
      .replace(/\t/g, " ")
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "\ufffd")
  );
}

/** Chinese and full-width punctuation that never starts a line: it stays with the character before it. */
const NO_LINE_START = /^[，。、；：！？）】」』》”’%,.;:!?)\]]$/u;

/** Words (runs of narrow non-space characters), single wide characters and runs of spaces. */
function tokens(line: string): string[] {
  const out: string[] = [];
  let lastSpace = true;
  let lastWide = false;
  for (const [token] of line.matchAll(/\s+|\S/gu)) {
    const space = /\s/u.test(token);
    const wide = !space && charWidth(token) > 1;
    // Closing punctuation stays with what it closes; a narrow character continues a word of narrow characters.
    const joins = !space && !lastSpace && (NO_LINE_START.test(token) || (!wide && !lastWide));
    if (joins) out[out.length - 1] += token;
    else out.push(token);
    lastSpace = space;
    lastWide = wide;
  }
  return out;
}

/**
 * One cell's text as lines of at most `width` columns: broken at spaces and between Chinese characters, never before
 * closing punctuation; a word longer than the column is cut. Line breaks in the text are kept.
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of printable(text).split("\n")) {
    let line = "";
    let used = 0;
    let space = "";
    for (const token of tokens(paragraph)) {
      if (/^\s/u.test(token)) {
        if (line) space = token;
        continue;
      }
      const w = displayWidth(token);
      const gap = displayWidth(space);
      if (used + gap + w <= width) {
        line += space + token;
        used += gap + w;
      } else if (w <= width) {
        lines.push(line);
        line = token;
        used = w;
      } else {
        // Longer than the column: cut it, filling the current line first.
        if (used + gap < width && line) {
          line += space;
          used += gap;
        } else if (line) {
          lines.push(line);
          line = "";
          used = 0;
        }
        for (const char of token) {
          const cw = charWidth(char);
          if (used + cw > width && line) {
            lines.push(line);
            line = "";
            used = 0;
          }
          line += char;
          used += cw;
        }
      }
      space = "";
    }
    lines.push(line);
  }
  return lines;
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * A table in cli-table3's default look (┌─┬─┐, a rule between rows, one space of padding), each column `widths[i]`
 * columns wide inside its padding.
 */
export function drawTable(head: readonly string[], widths: readonly number[], rows: readonly (readonly string[])[]) {
  const rule = (left: string, middle: string, right: string) =>
    left + widths.map((w) => "─".repeat(w + 2)).join(middle) + right;
  const between = rule("├", "┼", "┤");
  const out: string[] = [rule("┌", "┬", "┐")];
  const draw = (cells: readonly string[]) => {
    const wrapped = widths.map((w, i) => wrapText(cells[i] ?? "", w));
    const height = Math.max(...wrapped.map((l) => l.length));
    for (let l = 0; l < height; l++) {
      out.push("│" + widths.map((w, i) => ` ${pad(wrapped[i][l] ?? "", w)} `).join("│") + "│");
    }
  };
  draw(head);
  for (const row of rows) {
    out.push(between);
    draw(row);
  }
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}
