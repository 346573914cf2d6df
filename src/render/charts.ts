// Charts are drawn at render time as SVG by Apache ECharts' server-side renderer, inside Node: the page itself
// never runs JavaScript. ECharts is loaded on first use (it is large) and then drawn from synchronously, as
// Handlebars helpers must be.
import { CHARTS, type ChartName, type Lang } from "../../templates/charts";
import { DataError } from "./helpers";

type ECharts = typeof import("echarts");

let loading: Promise<ECharts> | null = null;
let loaded: ECharts | null = null;

export async function loadCharts(): Promise<void> {
  loading ??= import("echarts");
  loaded = await loading;
}

export function isChartName(name: string): name is ChartName {
  return Object.hasOwn(CHARTS, name);
}

/** One chart as an SVG string (text inside is escaped by ECharts). */
export function renderChart(name: string, data: unknown, lang: Lang, width: number, height: number): string {
  if (!isChartName(name)) {
    throw new DataError({
      zh: `未知的图表「${name}」，可用：${Object.keys(CHARTS).join("、")}`,
      en: `unknown chart "${name}"; available: ${Object.keys(CHARTS).join(", ")}`,
    });
  }
  if (!Array.isArray(data)) {
    throw new DataError({ zh: `图表「${name}」缺少数据`, en: `chart "${name}" has no data` });
  }
  if (!loaded) throw new Error("charts not loaded");
  const chart = loaded.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption(CHARTS[name](data, lang));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
