import type { AliveHistoryPoint } from "../evaluate/probability-alive-history.js";
import { chart, chartInput, round, type VegaLiteSpec } from "./chart.js";

/**
 * One customer's P(alive) over time with a tick at each repeat purchase (lifetimes' `plot_history_alive`).
 * Input: `evaluate.probabilityAliveHistory`'s points.
 *
 * @example
 * ```ts
 * charts.probabilityAliveHistory([{ time: 1, probabilityAlive: 1, frequency: 0 }]).layer.length // 2
 * ```
 */
export function probabilityAliveHistory(
  points: readonly AliveHistoryPoint[],
  options: { readonly title?: string; readonly timeName?: string } = {},
): VegaLiteSpec {
  options = chartInput(
    "P(alive) history",
    points,
    "array",
    options,
    ["time:number", "probabilityAlive:number", "frequency:number"],
    ["title", "timeName"],
  );
  const purchases = points.filter(
    (point, index) => point.frequency > (index === 0 ? 0 : (points[index - 1] as AliveHistoryPoint).frequency),
  );
  return chart(options.title ?? "P(alive) over time", {
    width: 600,
    height: 260,
    layer: [
      {
        data: {
          values: points.map((point) => ({
            time: round(point.time),
            alive: round(point.probabilityAlive),
            purchases: point.frequency,
          })),
        },
        mark: { type: "line", interpolate: "step-after", strokeWidth: 2, color: "#1f77b4" },
        encoding: {
          x: { field: "time", type: "quantitative", title: options.timeName ?? "Time" },
          y: { field: "alive", type: "quantitative", title: "P(alive)", scale: { domain: [0, 1] } },
          tooltip: [{ field: "time" }, { field: "alive", format: ".3f" }, { field: "purchases" }],
        },
      },
      {
        data: { values: purchases.map((point) => ({ time: round(point.time) })) },
        mark: { type: "rule", color: "#d62728", strokeDash: [3, 3] },
        encoding: { x: { field: "time", type: "quantitative" } },
      },
    ],
  });
}
