// The PDF renderer's public face: what `rapport report` and the add-in's local server call.
import type { TemplateName } from "./catalog";
import { Renderer, type RenderOptions, type RendererOptions } from "./renderer";
import { shutdownBrowser } from "./session";

export { TEMPLATE_NAMES, TEMPLATES, isTemplateName, type TemplateName, type TemplateSpec } from "./catalog";
export { RenderError, type RenderErrorCode } from "./errors";
export { findBrowser, browserCandidates } from "./browser";
export {
  Renderer,
  type CustomerResult,
  type EachSummary,
  type RenderOptions,
  type RenderResult,
  type RendererOptions,
  type SkippedCustomer,
} from "./renderer";
export type { Locale } from "./helpers";

const shared = new Map<string, Promise<Renderer>>();

/** The process's renderer for a template folder (the built-in one by default), created on first use. */
export function sharedRenderer(options: RendererOptions = {}): Promise<Renderer> {
  const key = options.templatesDir ?? "";
  let renderer = shared.get(key);
  if (!renderer) {
    renderer = Renderer.create(options);
    shared.set(key, renderer);
    renderer.catch(() => shared.delete(key));
  }
  return renderer;
}

/**
 * One template with its data to a PDF, on the process's shared browser: `renderPdf("report", reportData)`.
 * Per-customer templates (`record`, `evaluation`) give one PDF with a page per customer; customers whose data
 * cannot be rendered are left out (use `Renderer.render` to learn which). Throws `RenderError`.
 */
export async function renderPdf(
  template: TemplateName,
  data: unknown,
  options: RenderOptions & Pick<RendererOptions, "templatesDir"> = {},
): Promise<Buffer> {
  const renderer = await sharedRenderer({ templatesDir: options.templatesDir });
  return (await renderer.render(template, data, options)).pdf;
}

/** Closes the shared renderers and the browser (a server shutting down, the end of a batch). */
export async function closeRenderers(): Promise<void> {
  const all = [...shared.values()];
  shared.clear();
  await Promise.all(all.map(async (r) => (await r.catch(() => null))?.close()));
  await shutdownBrowser();
}
