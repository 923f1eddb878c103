import { InvalidInputError } from "../../errors.js";
import { type DealerVehicles, dealerEventReader, EVENT_TYPES, newEventRow, SCALE } from "../../psv/dealer-records.js";

/** A dealer's events by customer, ascending by day: customer c's are at [offsets[c], offsets[c+1]). @internal */
export interface CustomerEvents {
  readonly offsets: Int32Array;
  readonly day: Int32Array;
  readonly vehicle: Int32Array;
  readonly type: Uint8Array;
  /** Margin and revenue in 1/10,000 (0 where the event gave none). */
  readonly margin: Float64Array;
  readonly revenue: Float64Array;
}

const WORKSHOP = new Set(["maintenance", "repair", "detailing"].map((type) => EVENT_TYPES.indexOf(type as never)));
const SALES = new Set(
  ["new-car-purchase", "trade-in", "used-car-sale"].map((type) => EVENT_TYPES.indexOf(type as never)),
);
/** The event type code of a maintenance visit. @internal */
export const MAINTENANCE_CODE = EVENT_TYPES.indexOf("maintenance");

/** A workshop visit (maintenance, repair, detailing): what counts as a response. @internal */
export function isWorkshopVisit(type: number): boolean {
  return WORKSHOP.has(type);
}

/** An after-sales event (not a car sale or trade-in): what counts toward a response's value. @internal */
export function isAfterSales(type: number): boolean {
  return !SALES.has(type);
}

/**
 * A dealer's events grouped by customer and sorted by day, with both margin and revenue (the event reader reads one
 * value field per pass, so it makes two). Bad event rows are errors in `errors` (from the first pass only).
 * @internal
 */
export function readCustomerEvents(
  serviceEvents: unknown,
  fleet: DealerVehicles,
  asOf: number,
  errors: InvalidInputError[],
): CustomerEvents {
  const revenueErrors: InvalidInputError[] = [];
  const revenue = readEventPass(serviceEvents, fleet, asOf, "revenue", revenueErrors);
  const revenueByRow = new Map<number, number>();
  for (let k = 0; k < revenue.rows.length; k++) revenueByRow.set(revenue.rows[k] as number, revenue.units[k] as number);
  const marginErrors: InvalidInputError[] = [];
  const read = readEventPass(serviceEvents, fleet, asOf, "margin", marginErrors);
  // A row bad in either pass (e.g. a negative revenue with a good margin) is left out, with one error.
  const badRows = new Set(marginErrors.map((error) => error.rowIndex));
  errors.push(...marginErrors, ...revenueErrors.filter((error) => !badRows.has(error.rowIndex)));
  const keep = read.rows.map((row) => revenueByRow.has(row));
  const margin = {
    rows: read.rows.filter((_, k) => keep[k]),
    vehicle: read.vehicle.filter((_, k) => keep[k]),
    day: read.day.filter((_, k) => keep[k]),
    type: read.type.filter((_, k) => keep[k]),
    units: read.units.filter((_, k) => keep[k]),
  };
  const count = margin.rows.length;
  const customerCount = fleet.customerIds.length;
  const offsets = new Int32Array(customerCount + 1);
  for (let k = 0; k < count; k++) {
    const slot = (fleet.customerOf[margin.vehicle[k] as number] as number) + 1;
    offsets[slot] = (offsets[slot] as number) + 1;
  }
  for (let c = 0; c < customerCount; c++) offsets[c + 1] = (offsets[c + 1] as number) + (offsets[c] as number);
  // Each customer's events in day order: a stable sort of the event indices by (customer, day).
  const order = Array.from({ length: count }, (_, k) => k).sort(
    (x, y) =>
      (fleet.customerOf[margin.vehicle[x] as number] as number) -
        (fleet.customerOf[margin.vehicle[y] as number] as number) ||
      (margin.day[x] as number) - (margin.day[y] as number) ||
      x - y,
  );
  return {
    offsets,
    day: Int32Array.from(order, (k) => margin.day[k] as number),
    vehicle: Int32Array.from(order, (k) => margin.vehicle[k] as number),
    type: Uint8Array.from(order, (k) => margin.type[k] as number),
    margin: Float64Array.from(order, (k) => margin.units[k] as number),
    revenue: Float64Array.from(order, (k) => revenueByRow.get(margin.rows[k] as number) ?? 0),
  };
}

/** One pass of the event reader: the good rows' vehicle, day, type and amount of one value field. */
function readEventPass(
  serviceEvents: unknown,
  fleet: DealerVehicles,
  asOf: number,
  valueField: "margin" | "revenue",
  errors: InvalidInputError[],
): { rows: number[]; vehicle: number[]; day: number[]; type: number[]; units: number[] } {
  const reader = dealerEventReader(serviceEvents, valueField, fleet, asOf);
  const event = newEventRow();
  const out = {
    rows: [] as number[],
    vehicle: [] as number[],
    day: [] as number[],
    type: [] as number[],
    units: [] as number[],
  };
  for (let row = 0; row < reader.length; row++) {
    const issues = reader.read(row, event);
    if (issues !== undefined) {
      errors.push(new InvalidInputError("service event", issues, row));
      continue;
    }
    out.rows.push(row);
    out.vehicle.push(event.vehicle);
    out.day.push(event.day);
    out.type.push(event.type);
    out.units.push(event.exact === undefined ? event.units : event.exact.times(SCALE).toNumber());
  }
  return out;
}
