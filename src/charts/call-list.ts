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

const SAVEABLE = "Saveable by a call now";
const OBTAINABLE = "Obtainable over the horizon";

/**
 * The call list: the first `top` owners in the list's order (`psv.assessCustomers` ranks them by saveable value),
 * each with the value a call now is expected to save beside the value still obtainable from them over the horizon;
 * the tooltip adds the action ("remind", "win-back"). Money is read as numbers for plotting only.
 *
 * @example
 * ```ts
 * charts.callList([{ customerId: "C1", saveableValue: "120.50", obtainableValue: "2400", action: "remind" }], { currency: "RMB" }).encoding.y.title // "Value (RMB)"
 * ```
 */
export function callList(
  customers: readonly CallListCustomer[],
  options: { readonly top?: number; readonly currency?: string; readonly title?: string } = {},
): VegaLiteSpec {
  options = chartInput(
    "call list",
    customers,
    "array",
    options,
    ["customerId", "saveableValue", "obtainableValue", "action"],
    ["top", "currency", "title"],
  );
  const top = options.top ?? 20;
  if (!(Number.isInteger(top) && top >= 1))
    throw new InvalidInputError("call list chart", [
      { code: "custom", path: ["top"], message: `must be a whole number ≥ 1, got ${shown(top)}` },
    ]);
  const listed = customers.slice(0, top);
  const labels = listed.map((customer) => String(customer.customerId));
  const values = listed.flatMap((customer, index) => {
    const [row, action] = [labels[index], String(customer.action)];
    return [
      { customer: row, series: OBTAINABLE, value: round(Number(String(customer.obtainableValue))), action },
      { customer: row, series: SAVEABLE, value: round(Number(String(customer.saveableValue))), action },
    ];
  });
  const money = `Value${options.currency === undefined ? "" : ` (${options.currency})`}`;
  return chart(options.title ?? `Call list: the first ${listed.length} owners`, {
    width: Math.max(320, 26 * listed.length),
    height: 300,
    data: { values },
    mark: { type: "bar" },
    encoding: {
      x: { field: "customer", type: "ordinal", sort: labels, title: "Owner (in the list's order)" },
      xOffset: { field: "series", type: "nominal" },
      y: { field: "value", type: "quantitative", title: money },
      color: {
        field: "series",
        type: "nominal",
        title: null,
        scale: { domain: [OBTAINABLE, SAVEABLE], range: ["#9ecae1", "#08519c"] },
      },
      tooltip: [{ field: "customer" }, { field: "action" }, { field: "series" }, { field: "value", format: ",.2f" }],
    },
  });
}
