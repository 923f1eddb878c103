import { SERVICE_EVENT_TYPES } from "../../schemas/event-types.js";
import { DAYS_PER_YEAR } from "../maintenance-timeline.js";

/**
 * The events a calibration uses, as columns grouped by vehicle: vehicle v's events are the rows `start[v]` to
 * `start[v + 1] − 1`, in age order (row order among events of one day). NaN marks an event without an odometer
 * reading or without the value field's amount. @internal
 */
export interface CalibrationEvents {
  readonly start: Int32Array;
  readonly day: Float64Array;
  /** The vehicle's age at the event, in years since delivery. */
  readonly age: Float64Array;
  /** The type's index in SERVICE_EVENT_TYPES. */
  readonly type: Uint8Array;
  readonly km: Float64Array;
  readonly value: Float64Array;
}

/** Codes of the event types the calibration asks about by name. @internal */
export const EVENT_CODE = {
  maintenance: SERVICE_EVENT_TYPES.indexOf("maintenance"),
  repair: SERVICE_EVENT_TYPES.indexOf("repair"),
  insurance: SERVICE_EVENT_TYPES.indexOf("insurance"),
  detailing: SERVICE_EVENT_TYPES.indexOf("detailing"),
  newCarPurchase: SERVICE_EVENT_TYPES.indexOf("new-car-purchase"),
  usedCarSale: SERVICE_EVENT_TYPES.indexOf("used-car-sale"),
  finance: SERVICE_EVENT_TYPES.indexOf("finance"),
  financePayoff: SERVICE_EVENT_TYPES.indexOf("finance-payoff"),
  referral: SERVICE_EVENT_TYPES.indexOf("referral"),
} as const;

/** Whether an event type (by code) shows the owner with the dealer: not a finance record or a referral. @internal */
export function isPresence(code: number): boolean {
  return code !== EVENT_CODE.financePayoff && code !== EVENT_CODE.referral && code !== EVENT_CODE.finance;
}

/** Event rows as read, in row order, before they are grouped: `count` rows of each column are used. @internal */
export interface EventRowColumns {
  count: number;
  readonly vehicle: Int32Array;
  readonly day: Float64Array;
  readonly type: Uint8Array;
  readonly km: Float64Array;
  readonly value: Float64Array;
}

/** Room for `capacity` event rows. @internal */
export function newEventRowColumns(capacity: number): EventRowColumns {
  return {
    count: 0,
    vehicle: new Int32Array(capacity),
    day: new Float64Array(capacity),
    type: new Uint8Array(capacity),
    km: new Float64Array(capacity),
    value: new Float64Array(capacity),
  };
}

/**
 * Groups the rows by vehicle (a counting sort: stable, so row order within a vehicle) and puts each vehicle's in age
 * order, with the ages from the deliveries. Linear in the rows, plus a sort for a vehicle whose rows are out of
 * order. @internal
 */
export function groupEvents(rows: EventRowColumns, deliveryDay: ArrayLike<number>): CalibrationEvents {
  const vehicles = deliveryDay.length;
  const n = rows.count;
  const start = new Int32Array(vehicles + 1);
  for (let row = 0; row < n; row++)
    start[(rows.vehicle[row] as number) + 1] = (start[(rows.vehicle[row] as number) + 1] as number) + 1;
  for (let v = 0; v < vehicles; v++) start[v + 1] = (start[v + 1] as number) + (start[v] as number);
  const next = start.slice(0, vehicles);
  const order = new Int32Array(n);
  for (let row = 0; row < n; row++) {
    const v = rows.vehicle[row] as number;
    order[next[v] as number] = row;
    next[v] = (next[v] as number) + 1;
  }
  for (let v = 0; v < vehicles; v++) sortRangeByDay(order, start[v] as number, start[v + 1] as number, rows.day);
  const pick = <T extends Float64Array | Uint8Array>(column: T, into: T): T => {
    for (let e = 0; e < n; e++) into[e] = column[order[e] as number] as number;
    return into;
  };
  const day = pick(rows.day, new Float64Array(n));
  const age = new Float64Array(n);
  for (let v = 0; v < vehicles; v++)
    for (let e = start[v] as number; e < (start[v + 1] as number); e++)
      age[e] = ((day[e] as number) - (deliveryDay[v] as number)) / DAYS_PER_YEAR;
  return {
    start,
    day,
    age,
    type: pick(rows.type, new Uint8Array(n)),
    km: pick(rows.km, new Float64Array(n)),
    value: pick(rows.value, new Float64Array(n)),
  };
}

/**
 * Puts `order[from..to)` in ascending day order, stably: nothing to do when it is (exports usually are), else the
 * engine's stable sort.
 */
function sortRangeByDay(order: Int32Array, from: number, to: number, day: Float64Array): void {
  let sorted = true;
  for (let i = from + 1; i < to && sorted; i++)
    sorted = (day[order[i] as number] as number) >= (day[order[i - 1] as number] as number);
  if (sorted) return;
  const rows = Array.from(order.subarray(from, to)).sort((x, y) => (day[x] as number) - (day[y] as number));
  order.set(rows, from);
}
