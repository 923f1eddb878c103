import type { GainsCurve } from "../evaluate/gains-curve.js";
import { readRecord } from "../input/read-options.js";
import { chart, chartInput, round, type VegaLiteSpec } from "./chart.js";

/**
 * Cumulative gains curves of several rankings (e.g. PSV call list vs RFM vs random) with the diagonal of a random
 * order; the legend gives each ranking's Gini. Input: `evaluate.gainsCurve` results by name.
 *
 * @example
 * ```ts
 * charts.gainsCurve({ model: evaluate.gainsCurve([3, 2, 1, 0], [5, 3, 2, 0], { points: 4 }) }).layer.length // 2
 * ```
 */
export function gainsCurve(
  curves: Readonly<Record<string, GainsCurve>>,
  options: { readonly title?: string; readonly outcomeName?: string } = {},
): VegaLiteSpec {
  options = chartInput("gains", curves, "object", options, [], ["title", "outcomeName"]);
  curves = readRecord("gains chart", curves, { argument: "curves" });
  for (const [name, curve] of Object.entries(curves))
    chartInput(`gains (${name})`, curve, "object", {}, ["population", "captured", "gini:number"]);
  const values = Object.entries(curves).flatMap(([name, curve]) => {
    const label = `${name} (Gini ${curve.gini.toFixed(3)})`;
    return Array.from(curve.population, (population, index) => ({
      ranking: label,
      population: round(population),
      captured: round(curve.captured[index] as number),
    }));
  });
  return chart(options.title ?? "Cumulative gains", {
    width: 480,
    height: 360,
    layer: [
      {
        data: { values },
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x: {
            field: "population",
            type: "quantitative",
            title: "Share of customers contacted",
            axis: { format: "%" },
          },
          y: {
            field: "captured",
            type: "quantitative",
            title: `Share of ${options.outcomeName ?? "the outcome"} captured`,
            axis: { format: "%" },
          },
          color: { field: "ranking", type: "nominal", title: null },
        },
      },
      {
        data: {
          values: [
            { population: 0, captured: 0 },
            { population: 1, captured: 1 },
          ],
        },
        mark: { type: "line", color: "#999", strokeDash: [4, 4] },
        encoding: { x: { field: "population", type: "quantitative" }, y: { field: "captured", type: "quantitative" } },
      },
    ],
  });
}
