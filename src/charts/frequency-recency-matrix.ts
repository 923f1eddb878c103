import { shown } from "../errors-shown.js";
import type { FrequencyRecencyCell } from "../evaluate/frequency-recency-matrix.js";
import { chart, chartInput, round, type VegaLiteSpec } from "./chart.js";

/**
 * Frequency/recency heat map of P(alive) or conditional expected purchases (lifetimes'
 * `plot_probability_alive_matrix`), highest frequency on top. Input: `evaluate.frequencyRecencyMatrix`'s cells.
 *
 * @example
 * ```ts
 * charts.frequencyRecencyMatrix([{ frequency: 0, recency: 0, value: 1 }]).mark.type // "rect"
 * ```
 */
export function frequencyRecencyMatrix(
  cells: readonly FrequencyRecencyCell[],
  options: { readonly title?: string; readonly valueName?: string; readonly timeName?: string } = {},
): VegaLiteSpec {
  options = chartInput(
    "frequency/recency matrix",
    cells,
    "array",
    options,
    ["frequency:number", "recency:number", "value:number"],
    ["title", "valueName", "timeName"],
  );
  const valueName = options.valueName ?? "P(alive)";
  const recencies = [...new Set(cells.map((cell) => cell.recency))].sort((left, right) => left - right);
  const frequencies = [...new Set(cells.map((cell) => cell.frequency))].sort((left, right) => right - left);
  // Recency labels with as few decimals as keep them distinct (a grid of 39 steps over 38.86 weeks reads 0…39).
  let decimals = 0;
  while (decimals < 6 && new Set(recencies.map((value) => value.toFixed(decimals))).size < recencies.length) decimals++;
  const label = (value: number) => (typeof value === "number" ? value.toFixed(decimals) : shown(value));
  const labelEvery = Math.max(1, Math.ceil(recencies.length / 10));
  const recencyLabels = recencies.filter((_, index) => index % labelEvery === 0).map(label);
  return chart(options.title ?? `${valueName} by frequency and recency`, {
    width: 560,
    height: 320,
    data: {
      values: cells.map((cell) => ({
        frequency: cell.frequency,
        recency: label(cell.recency),
        value: round(cell.value),
      })),
    },
    mark: { type: "rect" },
    encoding: {
      x: {
        field: "recency",
        type: "ordinal",
        sort: recencies.map(label),
        title: `Recency (${options.timeName ?? "time of the last purchase"})`,
        axis: { values: recencyLabels, labelAngle: 0 },
      },
      y: { field: "frequency", type: "ordinal", sort: frequencies, title: "Repeat purchases" },
      color: { field: "value", type: "quantitative", title: valueName, scale: { scheme: "blues" } },
      tooltip: [{ field: "frequency" }, { field: "recency" }, { field: "value", title: valueName, format: ".3f" }],
    },
  });
}
