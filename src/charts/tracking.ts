import type { TrackingPoint } from "../evaluate/tracking.js";
import { chart, chartInput, round, SERIES_COLOURS, type VegaLiteSpec } from "./chart.js";

const FIELDS = ["period", "actualCumulative", "expectedCumulative", "actualIncremental", "expectedIncremental"].map(
  (field) => `${field}:number`,
);

/**
 * Tracking chart: actual vs model repeat transactions per period, cumulative (default) or incremental, with a rule
 * where the holdout starts (BTYD's tracking plots). Input: `evaluate.tracking`'s points.
 *
 * @example
 * ```ts
 * charts.tracking([{ period: 1, holdout: false, actualCumulative: 0, expectedCumulative: 1, actualIncremental: 0, expectedIncremental: 1 }]).layer.length // 1
 * ```
 */
export function tracking(
  points: readonly TrackingPoint[],
  options: { readonly cumulative?: boolean; readonly title?: string; readonly periodName?: string } = {},
): VegaLiteSpec {
  options = chartInput("tracking", points, "array", options, FIELDS, ["cumulative", "title", "periodName"]);
  const cumulative = options.cumulative ?? true;
  const periodName = options.periodName ?? "Week";
  const values = points.flatMap((point) => [
    {
      period: point.period,
      series: "Actual",
      transactions: round(cumulative ? point.actualCumulative : point.actualIncremental),
    },
    {
      period: point.period,
      series: "Model",
      transactions: round(cumulative ? point.expectedCumulative : point.expectedIncremental),
    },
  ]);
  const firstHoldout = points.find((point) => point.holdout)?.period;
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: "line", strokeWidth: 2 },
      encoding: {
        x: { field: "period", type: "quantitative", title: periodName },
        y: {
          field: "transactions",
          type: "quantitative",
          title: cumulative ? "Cumulative repeat transactions" : "Repeat transactions",
        },
        color: { field: "series", type: "nominal", title: null, scale: SERIES_COLOURS },
        strokeDash: {
          field: "series",
          type: "nominal",
          title: null,
          scale: {
            domain: ["Actual", "Model"],
            range: [
              [1, 0],
              [6, 3],
            ],
          },
        },
      },
    },
  ];
  if (firstHoldout !== undefined) {
    layers.push({
      data: { values: [{ period: firstHoldout - 0.5, label: "holdout →" }] },
      layer: [
        {
          mark: { type: "rule", color: "#888", strokeDash: [2, 2] },
          encoding: { x: { field: "period", type: "quantitative" } },
        },
        {
          mark: { type: "text", align: "left", dx: 4, dy: -4, color: "#666" },
          encoding: { x: { field: "period", type: "quantitative" }, y: { value: 12 }, text: { field: "label" } },
        },
      ],
    });
  }
  return chart(
    options.title ?? (cumulative ? "Tracking cumulative repeat transactions" : "Tracking repeat transactions"),
    {
      width: 600,
      height: 300,
      data: { values },
      layer: layers,
    },
  );
}
