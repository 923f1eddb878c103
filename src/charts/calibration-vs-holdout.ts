import type { HoldoutGroup } from "../evaluate/calibration-vs-holdout.js";
import { chart, chartInput, round, SERIES_COLOURS, type VegaLiteSpec } from "./chart.js";

/**
 * Calibration vs holdout chart: mean holdout purchases, actual vs model, by calibration frequency or recency group
 * (BTYD's conditional-expectation plots). Input: `evaluate.calibrationVsHoldout`'s groups.
 *
 * @example
 * ```ts
 * charts.calibrationVsHoldout([{ label: "0", value: 0, customers: 10, actual: 0.2, expected: 0.25 }]).title // "Holdout purchases by calibration group"
 * ```
 */
export function calibrationVsHoldout(
  groups: readonly HoldoutGroup[],
  options: { readonly title?: string; readonly groupName?: string } = {},
): VegaLiteSpec {
  options = chartInput(
    "calibration vs holdout",
    groups,
    "array",
    options,
    ["label", "actual:number", "expected:number", "customers:number"],
    ["title", "groupName"],
  );
  const order = groups.map((group) => group.label);
  const values = groups.flatMap((group) => [
    { group: group.label, series: "Actual", purchases: round(group.actual), customers: group.customers },
    { group: group.label, series: "Model", purchases: round(group.expected), customers: group.customers },
  ]);
  return chart(options.title ?? "Holdout purchases by calibration group", {
    width: 520,
    height: 300,
    data: { values },
    mark: { type: "line", point: true, strokeWidth: 2 },
    encoding: {
      x: {
        field: "group",
        type: "ordinal",
        sort: order,
        title: options.groupName ?? "Repeat purchases in calibration",
        axis: { labelAngle: 0 },
      },
      y: { field: "purchases", type: "quantitative", title: "Mean purchases in the holdout" },
      color: { field: "series", type: "nominal", title: null, scale: SERIES_COLOURS },
      tooltip: [
        { field: "group", title: "group" },
        { field: "series" },
        { field: "purchases", format: ".3f" },
        { field: "customers" },
      ],
    },
  });
}
