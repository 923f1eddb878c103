import type { Heterogeneity, MixingDensity } from "../evaluate/heterogeneity.js";
import { chart, chartInput, round, type VegaLiteSpec } from "./chart.js";

function panel(density: MixingDensity): Record<string, unknown> {
  return {
    width: 280,
    height: 220,
    title: {
      text: `${density.distribution === "gamma" ? "Gamma" : "Beta"}(${Object.values(density.parameters)
        .map((value) => round(value).toPrecision(4))
        .join(", ")})`,
      subtitle: `mean ${round(density.mean).toPrecision(4)}, variance ${round(density.variance).toPrecision(4)}`,
    },
    data: { values: density.points.map((point) => ({ value: round(point.value), density: round(point.density) })) },
    mark: { type: "area", line: true, opacity: 0.3 },
    encoding: {
      x: { field: "value", type: "quantitative", title: density.quantity },
      y: { field: "density", type: "quantitative", title: "Density" },
    },
  };
}

/**
 * The purchase and dropout heterogeneity densities side by side (BTYD's and lifetimes' heterogeneity plots).
 * Input: `evaluate.heterogeneity`'s result.
 *
 * @example
 * ```ts
 * charts.heterogeneity(evaluate.heterogeneity({ model: "bgnbd", params: bgnbdFit.params })).hconcat.length // 2
 * ```
 */
export function heterogeneity(densities: Heterogeneity, options: { readonly title?: string } = {}): VegaLiteSpec {
  options = chartInput("heterogeneity", densities, "object", options, ["purchase:object", "dropout:object"], ["title"]);
  for (const side of ["purchase", "dropout"] as const) {
    const density = densities[side];
    chartInput(`heterogeneity (${side})`, density, "object", {}, [
      "mean:number",
      "variance:number",
      "parameters:object",
      "points:array",
    ]);
    const names = Object.keys(density.parameters).map((name) => `${name}:number`);
    chartInput(`heterogeneity (${side} parameters)`, density.parameters, "object", {}, names);
    chartInput(`heterogeneity (${side} points)`, density.points, "array", {}, ["value:number", "density:number"]);
  }
  return chart(options.title ?? "Heterogeneity across customers", {
    hconcat: [panel(densities.purchase), panel(densities.dropout)],
  });
}
