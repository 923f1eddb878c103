import type { SpendCheck } from "../evaluate/spend-check.js";
import { chart, chartInput, round, type VegaLiteSpec } from "./chart.js";

/**
 * Observed distribution of the customers' mean spend (histogram) under the Gamma-Gamma model's density (CLVTools'
 * spending plot); the subtitle gives the frequency–spend correlation and any warning. Input: `evaluate.spendCheck`.
 *
 * @example
 * ```ts
 * charts.spendCheck(evaluate.spendCheck({ p: 6.25, q: 3.74, gamma: 15.44 }, cdnowSpend)).layer.length // 2
 * ```
 */
export function spendCheck(
  check: SpendCheck,
  options: { readonly title?: string; readonly currency?: string } = {},
): VegaLiteSpec {
  options = chartInput(
    "spend check",
    check,
    "object",
    options,
    ["correlation:number", "observed:array", "model:array"],
    ["title", "currency"],
  );
  chartInput("spend check (observed)", check.observed, "array", {}, ["from:number", "to:number", "density:number"]);
  chartInput("spend check (model)", check.model, "array", {}, ["spend:number", "density:number"]);
  const subtitle = [
    `frequency–spend correlation ${round(check.correlation).toFixed(3)}`,
    ...(check.warning ? [check.warning] : []),
  ];
  return chart(options.title ?? "Mean spend per customer: observed and model", {
    width: 560,
    height: 300,
    title: { text: options.title ?? "Mean spend per customer: observed and model", subtitle },
    layer: [
      {
        data: {
          values: check.observed.map((bin) => ({
            from: round(bin.from),
            to: round(bin.to),
            density: round(bin.density),
          })),
        },
        mark: { type: "rect", color: "#9ecae1" },
        encoding: {
          x: {
            field: "from",
            type: "quantitative",
            title: `Mean spend of the repeat purchases${options.currency ? ` (${options.currency})` : ""}`,
          },
          x2: { field: "to" },
          y: { field: "density", type: "quantitative", title: "Density" },
        },
      },
      {
        data: { values: check.model.map((point) => ({ spend: round(point.spend), density: round(point.density) })) },
        mark: { type: "line", color: "#d62728", strokeWidth: 2 },
        encoding: { x: { field: "spend", type: "quantitative" }, y: { field: "density", type: "quantitative" } },
      },
    ],
  });
}
