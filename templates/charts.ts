// The report's charts, as Apache ECharts options: the look of each chart lives here beside the stylesheet, the
// drawing (server-side SVG at render time) in src/render/charts.ts. Colours print well in grey as well.
import type { EChartsOption } from "echarts";
import type { CallbackFigures } from "../src/core/report/callbacks";
import type { GradeShare } from "../src/core/report/grades";
import type { SatisfactionFigures } from "../src/core/report/satisfaction";

export type Lang = "zh" | "en";

/** System CJK fonts, unquoted: ECharts writes the list into an SVG style attribute. */
export const CHART_FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif";

const INK = "#1f2d3d";
const PALETTE = ["#1f4e79", "#8faadc", "#c00000", "#7f7f7f", "#548235"];

function base(title: string): EChartsOption {
  return {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: CHART_FONT, color: INK, fontSize: 11 },
    title: {
      text: title,
      left: "center",
      top: 4,
      textStyle: { fontSize: 13, fontWeight: "bold", fontFamily: CHART_FONT },
    },
    grid: { left: 44, right: 16, top: 44, bottom: 36 },
  };
}

/** 客户等级分布: customers per grade, with the count on each bar. */
export function gradeDistribution(grades: readonly GradeShare[], lang: Lang): EChartsOption {
  return {
    ...base(lang === "zh" ? "客户等级分布" : "Customers by grade"),
    xAxis: {
      type: "category",
      // `A 类` over `（高价值）`: two short lines, so every grade keeps its label under its bar.
      data: grades.map((g) => (lang === "zh" ? g.label.zh : g.label.en).replace(/\s*([（(])/, "\n$1")),
      axisLabel: { fontSize: 10, interval: 0, lineHeight: 13 },
    },
    yAxis: {
      type: "value",
      minInterval: 1,
      name: lang === "zh" ? "客户数" : "customers",
      nameTextStyle: { fontSize: 10 },
    },
    series: [
      {
        type: "bar",
        barMaxWidth: 36,
        data: grades.map((g) => g.count),
        label: { show: true, position: "top", fontSize: 10 },
      },
    ],
  };
}

/** 每周回访情况: planned and done per week, overdue as a line. */
export function callbacksByWeek(weeks: CallbackFigures["byWeek"], lang: Lang): EChartsOption {
  const zh = lang === "zh";
  return {
    ...base(zh ? "每周回访情况" : "Callbacks by week"),
    legend: { bottom: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 10 } },
    grid: { left: 44, right: 16, top: 44, bottom: 48 },
    xAxis: { type: "category", data: weeks.map((w) => w.key), axisLabel: { fontSize: 10 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: zh ? "计划" : "Planned", type: "bar", barMaxWidth: 24, data: weeks.map((w) => w.planned) },
      { name: zh ? "已完成" : "Done", type: "bar", barMaxWidth: 24, data: weeks.map((w) => w.done) },
      { name: zh ? "逾期" : "Overdue", type: "line", symbolSize: 5, data: weeks.map((w) => w.overdue) },
    ],
  };
}

/** 满意度趋势: the calls' mean satisfaction (0–100) per week or month, with the 满意 line at 75. */
export function satisfactionTrend(trend: SatisfactionFigures["trend"], lang: Lang): EChartsOption {
  const zh = lang === "zh";
  return {
    ...base(zh ? "回访满意度趋势" : "Satisfaction on calls"),
    xAxis: { type: "category", data: trend.map((t) => t.key), axisLabel: { fontSize: 10 } },
    yAxis: { type: "value", min: 0, max: 100 },
    series: [
      {
        type: "line",
        connectNulls: true,
        symbolSize: 6,
        data: trend.map((t) => (t.average === null ? null : Math.round(t.average * 10) / 10)),
        label: { show: true, fontSize: 9, formatter: "{c}" },
        markLine: {
          silent: true,
          symbol: "none",
          lineStyle: { type: "dashed", color: PALETTE[2] },
          label: { formatter: zh ? "满意 75" : "satisfied 75", fontSize: 9, position: "insideEndTop" },
          data: [{ yAxis: 75 }],
        },
      },
    ],
  };
}

/** The charts a template can ask for by name: `{{chart "grades" grades}}`. */
export const CHARTS = {
  grades: (data: unknown, lang: Lang) => gradeDistribution(data as GradeShare[], lang),
  "callbacks-by-week": (data: unknown, lang: Lang) => callbacksByWeek(data as CallbackFigures["byWeek"], lang),
  "satisfaction-trend": (data: unknown, lang: Lang) => satisfactionTrend(data as SatisfactionFigures["trend"], lang),
} as const;

export type ChartName = keyof typeof CHARTS;
