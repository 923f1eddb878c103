import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { chart, chartInput, round, type VegaLiteSpec } from "./chart.js";

/**
 * One owner of the call list as the chart reads it: a customer of `psv.assessCustomers`, or of its plain-data copy
 * (money as Decimals, decimal text or numbers).
 */
export interface CallListCustomer {
  readonly customerId: string | number;
  readonly saveableValue: { toString(): string } | string | number;
  readonly obtainableValue: { toString(): string } | string | number;
  readonly action: string;
}

/** An interval per owner, in the order of the customers given (as `uncertainty.assessmentIntervals` returns them). */
export interface CallListIntervals {
  readonly low: ArrayLike<number>;
  readonly high: ArrayLike<number>;
}

/** Options of {@link callList}. */
export interface CallListOptions {
  /** How many owners from the top (default 20). */
  readonly top?: number;
  /** Named in the value axis' title. */
  readonly currency?: string;
  readonly title?: string;
  /**
   * Intervals to draw on the bars, per owner in the order of `customers` (e.g. the `columns` of
   * `uncertainty.assessmentIntervals`, whose `assessment.customers` are the rows).
   */
  readonly intervals?: {
    readonly saveableValue?: CallListIntervals;
    readonly obtainableValue?: CallListIntervals;
    /** Accepted (the intervals' own columns) and not drawn. */
    readonly obtainableLifetimeValue?: CallListIntervals;
    readonly winBackValue?: CallListIntervals;
  };
}

const SAVEABLE = "Saveable by a call now";
const OBTAINABLE = "Obtainable over the horizon";

/**
 * The call list: the first `top` owners in the list's order (`psv.assessCustomers` ranks them by saveable value),
 * each with the value a call now is expected to save beside the value still obtainable from them over the horizon;
 * the tooltip adds the action ("remind", "win-back"). With `intervals`, each bar carries its interval as a rule
 * from low to high. Money is read as numbers for plotting only.
 *
 * @example
 * ```ts
 * charts.callList([{ customerId: "C1", saveableValue: "120.50", obtainableValue: "2400", action: "remind" }], { currency: "RMB" }).encoding.y.title // "Value (RMB)"
 * ```
 */
export function callList(customers: readonly CallListCustomer[], options: CallListOptions = {}): VegaLiteSpec {
  options = chartInput(
    "call list",
    customers,
    "array",
    options,
    ["customerId", "saveableValue", "obtainableValue", "action"],
    ["top", "currency", "title", "intervals"],
  );
  const top = options.top ?? 20;
  if (!(Number.isInteger(top) && top >= 1))
    throw new InvalidInputError("call list chart", [
      { code: "custom", path: ["top"], message: `must be a whole number ≥ 1, got ${shown(top)}` },
    ]);
  const listed = customers.slice(0, top);
  const labels = listed.map((customer) => String(customer.customerId));
  const bounds = readIntervals(options.intervals, listed.length);
  const values = listed.flatMap((customer, index) => {
    const [row, action] = [labels[index], String(customer.action)];
    return [
      { customer: row, series: OBTAINABLE, value: round(Number(String(customer.obtainableValue))), action },
      { customer: row, series: SAVEABLE, value: round(Number(String(customer.saveableValue))), action },
    ].map((datum) => ({ ...datum, ...bounds(datum.series === SAVEABLE ? "saveableValue" : "obtainableValue", index) }));
  });
  const money = `Value${options.currency === undefined ? "" : ` (${options.currency})`}`;
  const x = { field: "customer", type: "ordinal", sort: labels, title: "Owner (in the list's order)" };
  const bars = {
    mark: { type: "bar" },
    encoding: {
      x,
      xOffset: { field: "series", type: "nominal", sort: [OBTAINABLE, SAVEABLE] },
      y: { field: "value", type: "quantitative", title: money },
      color: {
        field: "series",
        type: "nominal",
        title: null,
        scale: { domain: [OBTAINABLE, SAVEABLE], range: ["#9ecae1", "#08519c"] },
      },
      tooltip: [{ field: "customer" }, { field: "action" }, { field: "series" }, { field: "value", format: ",.2f" }],
    },
  };
  const layout = { width: Math.max(320, 26 * listed.length), height: 300, data: { values } };
  const title = options.title ?? `Call list: the first ${listed.length} owners`;
  if (options.intervals === undefined) return chart(title, { ...layout, ...bars });
  // The layers share x and the offset (the offset's order given: Vega-Lite 6 notes conflicting sorts otherwise).
  const { x: _x, xOffset, ...own } = bars.encoding;
  const rules = {
    mark: { type: "rule", color: "#333", strokeWidth: 1.5 },
    encoding: { y: { field: "low", type: "quantitative" }, y2: { field: "high" } },
  };
  own.tooltip.push({ field: "low", format: ",.2f" }, { field: "high", format: ",.2f" });
  return chart(title, { ...layout, encoding: { x, xOffset }, layer: [{ mark: bars.mark, encoding: own }, rules] });
}

/** The intervals option, checked: per value, finite low ≤ high for every owner charted; a reader by value and row. */
function readIntervals(
  intervals: CallListOptions["intervals"],
  count: number,
): (value: "saveableValue" | "obtainableValue", row: number) => { low?: number; high?: number } {
  if (intervals === undefined) return () => ({});
  const bad = (path: (string | number)[], message: string): never => {
    throw new InvalidInputError("call list chart", [{ code: "custom", path: ["intervals", ...path], message }]);
  };
  if (typeof intervals !== "object" || intervals === null) bad([], `must be an object, got ${shown(intervals)}`);
  const read = {} as Record<string, CallListIntervals>;
  for (const [key, value] of Object.entries(intervals)) {
    if (key === "obtainableLifetimeValue" || key === "winBackValue") continue; // intervals of values not drawn
    if (key !== "saveableValue" && key !== "obtainableValue")
      bad([key], "is not a value the call list draws (saveableValue, obtainableValue)");
    const { low, high } = (value ?? {}) as Partial<CallListIntervals>;
    for (let row = 0; row < count; row++) {
      const [from, to] = [low?.[row], high?.[row]];
      if (
        !(
          typeof from === "number" &&
          typeof to === "number" &&
          Number.isFinite(from) &&
          from <= to &&
          Number.isFinite(to)
        )
      )
        bad([key, row], `must have finite low ≤ high for each owner charted, got ${shown(from)}, ${shown(to)}`);
    }
    read[key] = value as CallListIntervals;
  }
  return (value, row) => {
    const found = read[value];
    return found === undefined ? {} : { low: round(found.low[row] as number), high: round(found.high[row] as number) };
  };
}
