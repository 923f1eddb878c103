import { chart, chartInput, round, type VegaLiteSpec } from "./chart.js";

/** One point of a value curve: a component's value at an age. */
export interface ValueAtAge {
  /** Vehicle age in years. */
  readonly age: number;
  /** The value component (e.g. "maintenance", "repair", "insurance") or a segment. */
  readonly component: string;
  /** Value (a number; use `Decimal.toNumber()` for money). */
  readonly value: number;
}

/**
 * Value by vehicle age, stacked by component: e.g. the PSV still to be earned at each age, split into maintenance,
 * repair, insurance, detailing, other, finance, referral and repurchase (from `psv.score`'s components), or one line
 * per segment with `stacked: false`; `currency` names the value's unit in the axis title.
 *
 * @example
 * ```ts
 * charts.valueByAge([{ age: 0, component: "repair", value: 100 }, { age: 1, component: "repair", value: 80 }]).mark.type // "area"
 * ```
 */
export function valueByAge(
  points: readonly ValueAtAge[],
  options: {
    readonly title?: string;
    readonly valueName?: string;
    readonly currency?: string;
    readonly stacked?: boolean;
  } = {},
): VegaLiteSpec {
  options = chartInput(
    "value by age",
    points,
    "array",
    options,
    ["age:number", "component", "value:number"],
    ["title", "valueName", "currency", "stacked"],
  );
  const stacked = options.stacked ?? true;
  return chart(options.title ?? "Value still to be earned, by vehicle age", {
    width: 600,
    height: 320,
    data: {
      values: points.map((point) => ({ age: round(point.age), component: point.component, value: round(point.value) })),
    },
    mark: stacked ? { type: "area", line: true, opacity: 0.85 } : { type: "line", strokeWidth: 2 },
    encoding: {
      x: { field: "age", type: "quantitative", title: "Vehicle age (years)" },
      y: {
        field: "value",
        type: "quantitative",
        title: `${options.valueName ?? "Value"}${options.currency ? ` (${options.currency})` : ""}`,
        stack: stacked ? "zero" : null,
      },
      color: { field: "component", type: "nominal", title: null },
      tooltip: [{ field: "age" }, { field: "component" }, { field: "value", format: ",.0f" }],
    },
  });
}
