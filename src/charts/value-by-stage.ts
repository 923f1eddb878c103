import { chart, chartInput, round, type VegaLiteSpec } from "./chart.js";

/** A customer as the value-by-stage chart reads it: a `psv.assessCustomers` row with its lifecycle stage added. */
export interface StageValueCustomer {
  /** The customer's lifecycle stage (`lifecycle.classify`), or any grouping label. */
  readonly stage: string;
  readonly obtainableValue: { toString(): string } | string | number;
  readonly saveableValue: { toString(): string } | string | number;
  readonly winBackValue?: { toString(): string } | string | number;
}

const SERIES = ["Obtainable over the horizon", "Saveable by a reminder now", "Win-back"] as const;

/**
 * Value by lifecycle stage: for each stage, the value still obtainable from its customers, what a reminder now can
 * save, and the win-back value, summed over the customers; stages ordered by obtainable value, customers counted in
 * the tooltip. Money is read as numbers for plotting only.
 *
 * @example
 * ```ts
 * charts.valueByStage([{ stage: "in-warranty", obtainableValue: "2400", saveableValue: "120.5" }], { currency: "RMB" }).encoding.y.title // "Value (RMB)"
 * ```
 */
export function valueByStage(
  customers: readonly StageValueCustomer[],
  options: { readonly currency?: string; readonly title?: string } = {},
): VegaLiteSpec {
  options = chartInput(
    "value by stage",
    customers,
    "array",
    options,
    ["stage", "obtainableValue", "saveableValue"],
    ["currency", "title"],
  );
  const stages = new Map<string, { customers: number; sums: [number, number, number] }>();
  for (const customer of customers) {
    const entry = stages.get(String(customer.stage)) ?? { customers: 0, sums: [0, 0, 0] };
    entry.customers += 1;
    const amounts = [customer.obtainableValue, customer.saveableValue, customer.winBackValue ?? 0];
    amounts.forEach((amount, index) => {
      entry.sums[index] = (entry.sums[index] as number) + Number(String(amount));
    });
    stages.set(String(customer.stage), entry);
  }
  const order = [...stages].sort((a, b) => b[1].sums[0] - a[1].sums[0]).map(([stage]) => stage);
  const values = order.flatMap((stage) => {
    const entry = stages.get(stage) as { customers: number; sums: number[] };
    return SERIES.map((series, index) => ({
      stage,
      series,
      value: round(entry.sums[index] as number),
      customers: entry.customers,
    }));
  });
  return chart(options.title ?? "Value by lifecycle stage", {
    width: Math.max(320, 90 * order.length),
    height: 300,
    data: { values },
    mark: { type: "bar" },
    encoding: {
      x: { field: "stage", type: "nominal", sort: order, title: "Lifecycle stage" },
      xOffset: { field: "series", type: "nominal" },
      y: { field: "value", type: "quantitative", title: `Value${options.currency ? ` (${options.currency})` : ""}` },
      color: {
        field: "series",
        type: "nominal",
        title: null,
        scale: { domain: [...SERIES], range: ["#9ecae1", "#08519c", "#fdae6b"] },
      },
      tooltip: [{ field: "stage" }, { field: "customers" }, { field: "series" }, { field: "value", format: ",.0f" }],
    },
  });
}
