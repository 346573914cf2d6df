// The PDF renderer as the local server sees it: a template name from the fixed list, the data, a few options.
// The default one is the renderer `rapport report` uses (one browser for the whole server, closed with it).
import { closeRenderers, renderPdf, RenderError, TEMPLATE_NAMES, type TemplateName } from "../render";
import type { Locale } from "../render/helpers";

export interface PdfOptions {
  mask?: boolean;
  locale?: Locale;
  /** YYYY-MM-DD: the date of a document that carries none. */
  today?: string;
}

export interface PdfRenderer {
  readonly templates: readonly TemplateName[];
  render(template: TemplateName, data: unknown, options: PdfOptions): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function defaultRenderer(): PdfRenderer {
  return {
    templates: TEMPLATE_NAMES,
    render: (template, data, options) => renderPdf(template, data, options),
    close: () => closeRenderers(),
  };
}

export { RenderError };
