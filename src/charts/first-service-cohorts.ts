import { chart, chartInput, round, type VegaLiteSpec } from "./chart.js";

/** A vehicle as the cohort chart reads it: a `psv.assessCustomers` vehicle row with its delivery cohort added. */
export interface CohortVehicle {
  /** The delivery cohort, e.g. the delivery year. */
  readonly cohort: string | number;
  /** The vehicle's state ("not-due" and "due-soon" vehicles have not yet reached the visit that tells). */
  readonly state: string;
  readonly neverCameForFirstService: boolean;
  readonly firstServiceWasLast: boolean;
}

const NEVER = "Never came for the first service";
const ONCE = "First service was the last (首保即终保)";

/**
 * 首保即终保 by delivery cohort: among each cohort's vehicles whose next service has come due (states other than
 * "not-due" and "due-soon"), the share that never came for the first service and the share whose free first
 * service was their last visit here (DOMAIN.md's leading churn signal). Cohorts in their order as labels.
 *
 * @example
 * ```ts
 * charts.firstServiceWasLast([{ cohort: 2021, state: "lapsed", neverCameForFirstService: false, firstServiceWasLast: true }]).encoding.y.title // "Share of the vehicles come due (%)"
 * ```
 */
export function firstServiceWasLast(
  vehicles: readonly CohortVehicle[],
  options: { readonly title?: string } = {},
): VegaLiteSpec {
  options = chartInput("first service was the last", vehicles, "array", options, ["cohort", "state"], ["title"]);
  const cohorts = new Map<string, [number, number, number]>();
  for (const vehicle of vehicles) {
    if (vehicle.state === "not-due" || vehicle.state === "due-soon") continue;
    const counts = cohorts.get(String(vehicle.cohort)) ?? [0, 0, 0];
    counts[0] += 1;
    if (vehicle.neverCameForFirstService === true) counts[1] += 1;
    if (vehicle.firstServiceWasLast === true) counts[2] += 1;
    cohorts.set(String(vehicle.cohort), counts);
  }
  const order = [...cohorts.keys()].sort();
  const values = order.flatMap((cohort) => {
    const [due, never, once] = cohorts.get(cohort) as [number, number, number];
    return [
      { cohort, series: NEVER, share: round((100 * never) / due), vehicles: never, due },
      { cohort, series: ONCE, share: round((100 * once) / due), vehicles: once, due },
    ];
  });
  return chart(options.title ?? "首保即终保 by delivery cohort", {
    width: Math.max(320, 60 * order.length),
    height: 300,
    data: { values },
    mark: { type: "bar" },
    encoding: {
      x: { field: "cohort", type: "ordinal", sort: order, title: "Delivery cohort" },
      xOffset: { field: "series", type: "nominal" },
      y: { field: "share", type: "quantitative", title: "Share of the vehicles come due (%)" },
      color: { field: "series", type: "nominal", title: null, scale: { range: ["#fdae6b", "#d62728"] } },
      tooltip: [{ field: "cohort" }, { field: "series" }, { field: "vehicles" }, { field: "due" }, { field: "share" }],
    },
  });
}
