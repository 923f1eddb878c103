import { type InputIssue, InvalidInputError } from "../../errors.js";
import { type Money, MoneyDecimal } from "../../money/decimal.js";
import { marksPresence, SERVICE_EVENT_TYPES } from "../../schemas/event-types.js";
import { type DealerVehicles, type EventRow, newEventRow, SCALE } from "../dealer-records.js";
import type { VehicleAssumptions } from "./vehicle-assumptions.js";

const MAINTENANCE = 0;
const REPAIR = 1;
const INSURANCE = 2;
const DETAILING = 3;
/** The event type code of a trade-in. @internal */
export const TRADE_IN = 7;
const PAYOFF = SERVICE_EVENT_TYPES.indexOf("finance-payoff");
/** By type code: whether the event shows the owner with the dealer (a finance payoff or a referral does not). */
const PRESENCE = Uint8Array.from(SERVICE_EVENT_TYPES, (type) => (marksPresence(type) ? 1 : 0));

/**
 * What each vehicle's events say, accumulated in one pass over the event rows (no per-event columns are kept but
 * the maintenance visits). @internal
 */
export interface VehicleHistories {
  /** Σ value of the vehicle's events, exact, in 1/10,000. */
  readonly realised: Float64Array;
  /** Value of amounts with more than 4 decimals, by vehicle. */
  readonly exactExtra: Map<number, Money>;
  /** The last event that shows the owner (a visit, a purchase, a renewal; not a finance payoff or a referral). */
  readonly lastEventDay: Float64Array;
  /** The latest finance payoff's day (NaN: none): a replacement trigger. */
  readonly payoffDay: Float64Array;
  /** The first trade-in's day (Infinity: none). */
  readonly tradeInDay: Float64Array;
  /** Repairs and detailing jobs. */
  readonly backgroundEvents: Float64Array;
  readonly renewalCount: Float64Array;
  /** Σ ticket / the calibrated mean ticket of its type, and the number of such tickets. */
  readonly priceRatioSum: Float64Array;
  readonly priceRatioCount: Float64Array;
  /** The latest odometer reading (the vehicle's own or an event's) and its day. */
  readonly latestKm: Float64Array;
  readonly latestKmDay: Float64Array;
  /** Maintenance visit days grouped by vehicle, ascending within each: vehicle v's are [offsets[v], offsets[v+1]). */
  readonly visitDays: Int32Array;
  readonly visitOffsets: Int32Array;
  /** Events whose value field was missing (they count for timing, not value). */
  readonly eventsWithoutValue: number;
  /** Events dated before the history's start, left out. */
  readonly beforeStart: number;
  /** Whether each vehicle's latest visit or purchase was at another dealer of the network (1) than its own. */
  readonly lastElsewhere: Uint8Array;
  /** Events at another dealer than their vehicle's, left out at dealer scope (counted either way). */
  readonly atOtherDealers: number;
}

/** Where each vehicle was last seen in a network, and which events a scope counts. */
class DealerLog {
  readonly lastElsewhere: Uint8Array;
  private readonly lastPresence: Float64Array;
  atOtherDealers = 0;

  constructor(
    vehicleCount: number,
    private readonly scope: "network" | "dealer",
  ) {
    this.lastElsewhere = new Uint8Array(vehicleCount);
    this.lastPresence = new Float64Array(vehicleCount).fill(Number.NEGATIVE_INFINITY);
  }

  /** Notes an event; whether it counts (at dealer scope, one at a sister dealer is not the vehicle's dealer's). */
  counts(event: EventRow): boolean {
    const v = event.vehicle;
    if (PRESENCE[event.type] === 1 && event.day >= (this.lastPresence[v] as number)) {
      this.lastPresence[v] = event.day;
      this.lastElsewhere[v] = event.elsewhere ? 1 : 0;
    }
    if (!event.elsewhere) return true;
    this.atOtherDealers += 1;
    return this.scope === "network";
  }
}

/** Empty per-vehicle accumulators: the delivery as the last event, the vehicle's own odometer reading. */
function newHistories(fleet: DealerVehicles) {
  const vehicleCount = fleet.ids.length;
  return {
    realised: new Float64Array(vehicleCount),
    exactExtra: new Map<number, Money>(),
    lastEventDay: Float64Array.from(fleet.deliveryDay),
    payoffDay: new Float64Array(vehicleCount).fill(Number.NaN),
    tradeInDay: new Float64Array(vehicleCount).fill(Number.POSITIVE_INFINITY),
    backgroundEvents: new Float64Array(vehicleCount),
    renewalCount: new Float64Array(vehicleCount),
    priceRatioSum: new Float64Array(vehicleCount),
    priceRatioCount: new Float64Array(vehicleCount),
    latestKm: Float64Array.from(fleet.readingKm),
    latestKmDay: Float64Array.from(fleet.readingDay),
  };
}

/**
 * Reads every event row (a bad row is an error in `errors`, and left out) and accumulates each vehicle's history
 * in one loop over the rows, its columns held as locals (ten million events at the speed of a plain loop).
 * @internal
 */
export function readVehicleHistories(
  eventRows: { length: number; read: (row: number, into: EventRow) => InputIssue[] | undefined },
  fleet: DealerVehicles,
  assumptions: VehicleAssumptions,
  errors: InvalidInputError[],
  scope: "network" | "dealer" = "network",
): VehicleHistories {
  const { historyStartDay } = fleet;
  const h = newHistories(fleet);
  const { realised, lastEventDay, priceRatioSum, priceRatioCount } = h;
  const { latestKm, latestKmDay, exactExtra } = h;
  const m = eventRows.length;
  const visits = new VisitLog(m, fleet.ids.length);
  // The mean ticket of maintenance, insurance and detailing under each vehicle's assumptions (4 per assumptions).
  const typeMeans = Float64Array.from(
    assumptions.list.flatMap((a) => [a.maintenanceValue, Number.NaN, a.insuranceValue, a.detailingValue]),
  );
  const assumptionOf = assumptions.of;
  const event = newEventRow();
  let eventsWithoutValue = 0;
  let beforeStart = 0;
  const network = new DealerLog(fleet.ids.length, scope);
  for (let row = 0; row < m; row++) {
    const issues = eventRows.read(row, event);
    if (!event.hasAmount) eventsWithoutValue += 1;
    if (issues !== undefined) {
      errors.push(new InvalidInputError("service event", issues, row));
      continue;
    }
    if (event.day < (historyStartDay[event.vehicle] as number)) {
      beforeStart += 1; // a part of the history before its start, not the whole: left out
      continue;
    }
    const { units, exact, km } = event;
    const v = event.vehicle;
    const d = event.day;
    const t = event.type;
    if (!network.counts(event)) continue;
    realised[v] = (realised[v] as number) + units;
    if (d > (lastEventDay[v] as number) && PRESENCE[t] === 1) lastEventDay[v] = d;
    countByType(h, t, v, d);
    const mean = t < 4 ? typeMeans[4 * (assumptionOf[v] as number) + t] : undefined;
    if (mean !== undefined && mean > 0 && units !== 0) {
      priceRatioSum[v] = (priceRatioSum[v] as number) + units / SCALE / mean;
      priceRatioCount[v] = (priceRatioCount[v] as number) + 1;
    }
    if (km !== undefined && !(d < (latestKmDay[v] as number))) {
      latestKm[v] = km;
      latestKmDay[v] = d;
    }
    if (exact !== undefined) exactExtra.set(v, (exactExtra.get(v) ?? new MoneyDecimal(0)).plus(exact));
    if (t === MAINTENANCE) visits.add(v, d);
  }
  const { visitDays, visitOffsets } = groupVisits(visits, fleet.ids.length);
  return {
    ...h,
    visitDays,
    visitOffsets,
    eventsWithoutValue,
    beforeStart,
    lastElsewhere: network.lastElsewhere,
    atOtherDealers: network.atOtherDealers,
  };
}

/** The counters an event's type moves: the first trade-in, repairs and detailing jobs, insurance renewals. */
function countByType(h: ReturnType<typeof newHistories>, t: number, v: number, d: number): void {
  if (t === TRADE_IN && d < (h.tradeInDay[v] as number)) h.tradeInDay[v] = d;
  if (t === REPAIR || t === DETAILING) h.backgroundEvents[v] = (h.backgroundEvents[v] as number) + 1;
  if (t === INSURANCE) h.renewalCount[v] = (h.renewalCount[v] as number) + 1;
  if (t === PAYOFF && !(d <= (h.payoffDay[v] as number))) h.payoffDay[v] = d;
}

/** Maintenance visits as they come: growing (vehicle, day) columns and a count per vehicle. */
class VisitLog {
  vehicle: Int32Array;
  day: Int32Array;
  count = 0;
  /** Visits per vehicle at v + 1 (offsets once summed). */
  readonly perVehicle: Int32Array;
  /** Most visits there can be (the event rows). */
  private readonly most: number;

  constructor(events: number, vehicleCount: number) {
    this.most = Math.max(events, 16);
    this.vehicle = new Int32Array(Math.min(this.most, 1 << 20));
    this.day = new Int32Array(this.vehicle.length);
    this.perVehicle = new Int32Array(vehicleCount + 1);
  }

  add(v: number, d: number): void {
    if (this.count === this.vehicle.length) {
      const grownVehicle = new Int32Array(Math.min(2 * this.count, this.most));
      grownVehicle.set(this.vehicle);
      const grownDay = new Int32Array(grownVehicle.length);
      grownDay.set(this.day);
      this.vehicle = grownVehicle;
      this.day = grownDay;
    }
    this.vehicle[this.count] = v;
    this.day[this.count] = d;
    this.count += 1;
    this.perVehicle[v + 1] = (this.perVehicle[v + 1] as number) + 1;
  }
}

/** Maintenance visits grouped by vehicle (counting sort), ascending days within each. */
function groupVisits(visits: VisitLog, vehicleCount: number): { visitDays: Int32Array; visitOffsets: Int32Array } {
  const offsets = visits.perVehicle;
  for (let v = 0; v < vehicleCount; v++) offsets[v + 1] = (offsets[v + 1] as number) + (offsets[v] as number);
  const visitDays = new Int32Array(visits.count);
  const fill = offsets.slice(0, vehicleCount);
  for (let k = 0; k < visits.count; k++) {
    const v = visits.vehicle[k] as number;
    visitDays[fill[v] as number] = visits.day[k] as number;
    fill[v] = (fill[v] as number) + 1;
  }
  for (let v = 0; v < vehicleCount; v++) {
    const from = offsets[v] as number;
    const to = offsets[v + 1] as number;
    for (let k = from + 1; k < to; k++)
      if ((visitDays[k] as number) < (visitDays[k - 1] as number)) {
        visitDays.subarray(from, to).sort();
        break;
      }
  }
  return { visitDays, visitOffsets: offsets };
}
