import { InvalidInputError } from "../errors.js";
import { createRandomSource } from "../math/random-source.js";
import { defaultAssumptions, type PsvAssumptions, type VehicleSegment } from "../psv/assumptions.js";
import { simulateHistory } from "../psv/simulate-history.js";
import { parseDate } from "../schemas/primitives.js";
import type { ServiceEventType } from "../schemas/records.js";

const MS_PER_DAY = 86_400_000;

/** One owner's records, as the lifecycle, RFM, BTYD and PSV functions take them. */
export interface DealerCustomer {
  readonly customerId: string;
  readonly leads: { date: string }[];
  readonly vehicles: { vehicleId: string; deliveryDate: string; odometerKm?: number; odometerDate?: string }[];
  readonly purchases: { date: string; type: "new-car" | "trade-in" }[];
  readonly serviceEvents: {
    vehicleId: string;
    date: string;
    type: ServiceEventType;
    odometerKm: number;
    revenue: string;
    margin: string;
  }[];
  readonly contracts: { type: "insurance" | "finance"; start: string; end: string }[];
  readonly referrals: { date: string }[];
}

/** Options of {@link generateDealerData}. */
export interface GenerateDealerDataOptions {
  /** Vehicles delivered by the dealer (owners are generated with them; repurchases add vehicles). */
  readonly vehicles: number;
  readonly seed: number;
  /** The day the data end (default "2024-06-30"). */
  readonly asOf?: Date | string;
  /** Deliveries spread uniformly over this many years before asOf (default 10). */
  readonly years?: number;
  /** Segment for the default assumptions (default "mass"). */
  readonly segment?: VehicleSegment;
  /** Model assumptions the history follows (default: `psv.defaultAssumptions({ segment })`). */
  readonly assumptions?: PsvAssumptions;
  /** Prospects without a vehicle, as a share of owners (default 0.1). */
  readonly prospectShare?: number;
  /** Gross margin as a share of revenue, to write revenue beside margin (default 0.4). */
  readonly marginShare?: number;
  /** Prefix of every customer and vehicle id, to generate a large base in independent chunks (default ""). */
  readonly idPrefix?: string;
}

const isoDay = (day: number) => new Date(Math.floor(day) * MS_PER_DAY).toISOString().slice(0, 10);
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;

/**
 * A synthetic but realistic dealer customer base, seeded and model-consistent: owners and their vehicles with
 * service, repair, insurance, detailing and other visits as `psv.simulateHistory` tells them (DOMAIN.md §4
 * defaults: 19,000 km a year, first service at 5 months / 5,000 km, then 12 months / 10,000 km, retention 0.84 a
 * year in the 3-year warranty and 0.70 after), plus what a CRM holds around them: a new vehicle and a trade-in when
 * an owner repurchases, yearly insurance contracts from each renewal, 3-year finance contracts for 40% of new
 * cars, referrals by 5% of owners, and sales leads for prospects without a vehicle. Amounts are written as decimal
 * strings (margin, and revenue = margin / marginShare).
 *
 * @returns One record per customer, in the shape `lifecycle.classify` accepts.
 *
 * @example
 * ```ts
 * generateDealerData({ vehicles: 100, seed: 7 }).length // 110 (100 owners and 10 prospects)
 * ```
 */
export function generateDealerData(options: GenerateDealerDataOptions): DealerCustomer[] {
  const count = options?.vehicles;
  if (!(Number.isInteger(count) && count >= 0)) {
    throw new InvalidInputError("dealer data options", [
      { code: "custom", path: ["vehicles"], message: `must be a whole number ≥ 0, got ${String(count)}` },
    ]);
  }
  const asOf = parseDate(options.asOf ?? "2024-06-30");
  if (typeof asOf === "string")
    throw new InvalidInputError("dealer data options", [{ code: "custom", path: ["asOf"], message: asOf }]);
  const years = options.years ?? 10;
  const marginShare = options.marginShare ?? 0.4;
  const prospectShare = options.prospectShare ?? 0.1;
  const assumptions = options.assumptions ?? defaultAssumptions({ segment: options.segment ?? "mass" }).assumptions;
  const asOfIso = asOf.toISOString().slice(0, 10);
  const lastDelivery = isoDay(dayOf(asOfIso) - 1);
  const firstDelivery = isoDay(dayOf(asOfIso) - years * 365.2425);
  const history = simulateHistory({
    assumptions,
    vehicles: count,
    seed: options.seed,
    firstDelivery,
    lastDelivery,
    asOf: asOfIso,
  });
  const random = createRandomSource(options.seed + 1);
  const money = (value: number) => value.toFixed(2);
  const prefix = options.idPrefix ?? "";
  const customers: DealerCustomer[] = [];
  const eventsByVehicle = new Map<string, DealerCustomer["serviceEvents"]>();
  for (const event of history.serviceEvents) {
    const list = eventsByVehicle.get(event.vehicleId) ?? [];
    list.push({
      ...event,
      type: event.type as ServiceEventType,
      vehicleId: prefix + event.vehicleId,
      revenue: money(event.margin / marginShare),
      margin: money(event.margin),
    });
    eventsByVehicle.set(event.vehicleId, list);
  }
  for (const vehicle of history.vehicles) {
    const all = eventsByVehicle.get(vehicle.vehicleId) ?? [];
    const serviceEvents = all.filter((event) => event.type !== "new-car-purchase" && event.type !== "trade-in");
    // Visits after the trade-in belong to the new car only.
    const customer: DealerCustomer = {
      customerId: prefix + vehicle.customerId,
      leads: [{ date: isoDay(dayOf(vehicle.deliveryDate) - 20 - Math.floor(random() * 60)) }],
      vehicles: [
        {
          vehicleId: prefix + vehicle.vehicleId,
          deliveryDate: vehicle.deliveryDate,
          odometerKm: vehicle.odometerKm,
          odometerDate: vehicle.odometerDate,
        },
      ],
      purchases: [{ date: vehicle.deliveryDate, type: "new-car" }],
      serviceEvents,
      contracts: [],
      referrals: [],
    };
    for (const event of all) {
      if (event.type === "insurance")
        customer.contracts.push({ type: "insurance", start: event.date, end: isoDay(dayOf(event.date) + 365) });
      if (event.type === "new-car-purchase") {
        // The repurchase: the old car traded in, and a new vehicle for the same owner with a history of its own.
        const newVehicleId = `${prefix}${vehicle.vehicleId}-2`;
        const next = simulateHistory({
          assumptions,
          vehicles: 1,
          seed: Math.floor(random() * 2 ** 31),
          firstDelivery: event.date,
          lastDelivery: event.date,
          asOf: asOfIso,
        });
        const nextVehicle = next.vehicles[0] as (typeof next.vehicles)[number];
        customer.vehicles.push({
          vehicleId: newVehicleId,
          deliveryDate: event.date,
          odometerKm: nextVehicle.odometerKm,
          odometerDate: nextVehicle.odometerDate,
        });
        customer.purchases.push({ date: event.date, type: "new-car" }, { date: event.date, type: "trade-in" });
        for (const nextEvent of next.serviceEvents) {
          if (nextEvent.type === "new-car-purchase" || nextEvent.type === "trade-in") continue;
          customer.serviceEvents.push({
            ...nextEvent,
            type: nextEvent.type as ServiceEventType,
            vehicleId: newVehicleId,
            revenue: money(nextEvent.margin / marginShare),
            margin: money(nextEvent.margin),
          });
        }
      }
    }
    if (random() < 0.4)
      customer.contracts.push({
        type: "finance",
        start: vehicle.deliveryDate,
        end: isoDay(dayOf(vehicle.deliveryDate) + 3 * 365),
      });
    if (random() < 0.05)
      customer.referrals.push({
        date: isoDay(
          dayOf(vehicle.deliveryDate) + Math.floor(random() * (dayOf(asOfIso) - dayOf(vehicle.deliveryDate))),
        ),
      });
    customers.push(customer);
  }
  const prospects = Math.round(count * prospectShare);
  for (let index = 0; index < prospects; index++) {
    customers.push({
      customerId: `${prefix}P${index + 1}`,
      leads: [{ date: isoDay(dayOf(asOfIso) - Math.floor(random() * 365)) }],
      vehicles: [],
      purchases: [],
      serviceEvents: [],
      contracts: [],
      referrals: [],
    });
  }
  return customers;
}
