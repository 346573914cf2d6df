// Placing markup Rapport adds (the stylesheet, a document's fonts) into a rendered page, whatever the template wrote.

/** Puts markup at the end of the document's head, else before its body, else at its start. */
export function intoHead(html: string, markup: string): string {
  const at = html.search(/<\/head\s*>/i);
  if (at >= 0) return html.slice(0, at) + markup + html.slice(at);
  const body = html.search(/<body\b/i);
  return body >= 0 ? html.slice(0, body) + markup + html.slice(body) : markup + html;
}

/** Puts markup at the start of the document's body (or at its end when it has none). */
export function intoBody(html: string, markup: string): string {
  const open = /<body\b[^>]*>/i.exec(html);
  if (!open) return html + markup;
  const at = open.index + open[0].length;
  return html.slice(0, at) + markup + html.slice(at);
}
