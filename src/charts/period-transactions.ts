import type { PeriodTransactionsGroup } from "../evaluate/period-transactions.js";
import { chart, chartInput, round, SERIES_COLOURS, type VegaLiteSpec } from "./chart.js";

/**
 * Period transactions chart: customers with 0, 1, 2, … repeat purchases in calibration, actual vs model, as grouped
 * bars. Input: `evaluate.periodTransactions`'s groups.
 *
 * @example
 * ```ts
 * charts.periodTransactions([{ label: "0", frequency: 0, actual: 5, expected: 4.5 }]).mark.type // "bar"
 * ```
 */
export function periodTransactions(
  groups: readonly PeriodTransactionsGroup[],
  options: { readonly title?: string } = {},
): VegaLiteSpec {
  options = chartInput(
    "period transactions",
    groups,
    "array",
    options,
    ["label", "actual:number", "expected:number"],
    ["title"],
  );
  const values = groups.flatMap((group) => [
    { purchases: group.label, series: "Actual", customers: round(group.actual) },
    { purchases: group.label, series: "Model", customers: round(group.expected) },
  ]);
  return chart(options.title ?? "Customers by repeat purchases in calibration", {
    width: 520,
    height: 300,
    data: { values },
    mark: { type: "bar" },
    encoding: {
      x: {
        field: "purchases",
        type: "ordinal",
        sort: groups.map((group) => group.label),
        title: "Repeat purchases",
        axis: { labelAngle: 0 },
      },
      xOffset: { field: "series", type: "nominal" },
      y: { field: "customers", type: "quantitative", title: "Customers" },
      color: { field: "series", type: "nominal", title: null, scale: SERIES_COLOURS },
      tooltip: [{ field: "purchases" }, { field: "series" }, { field: "customers", format: ",.1f" }],
    },
  });
}
