import { SERVICE_EVENT_TYPES } from "./event-types.js";
import type { LifecycleCustomer } from "./lifecycle-customer.js";
import { CONTRACT_TYPES, LIFECYCLE_KNOWN_KEYS, PURCHASE_TYPES } from "./lifecycle-customer-fields.js";
import { misspeltKeys } from "./misspelt-keys.js";
import { parseDate } from "./parse-date.js";

const EVENT_TYPES = /* @__PURE__ */ new Set<string>(SERVICE_EVENT_TYPES);
const PURCHASES = /* @__PURE__ */ new Set<string>(PURCHASE_TYPES);
const CONTRACTS = /* @__PURE__ */ new Set<string>(CONTRACT_TYPES);

type Record_ = Record<string, unknown>;

const isRecord = (value: unknown): value is Record_ =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const isId = (value: unknown): value is string | number =>
  (typeof value === "string" && value.length > 0) || (typeof value === "number" && Number.isFinite(value));
const isNonNegative = (value: unknown): value is number =>
  typeof value === "number" && value >= 0 && value < Number.POSITIVE_INFINITY;
/**
 * Parsed date strings of one batch: a dealer's records repeat a few thousand days, so each is parsed once (the Date
 * objects are shared by the validated records, which nothing mutates). Bounded; a Date input is never cached.
 */
export type DateCache = Map<string, Date | undefined>;

let cache: DateCache | undefined;

const date = (value: unknown): Date | undefined => {
  if (cache !== undefined && typeof value === "string") {
    const known = cache.get(value);
    if (known !== undefined || cache.has(value)) return known;
  }
  const parsed = parseDate(value);
  const result = typeof parsed === "string" ? undefined : parsed;
  if (cache !== undefined && typeof value === "string" && cache.size < 100_000) cache.set(value, result);
  return result;
};
/** An optional field: absent (no key) is fine; a key holding undefined goes to zod, which decides what it means. */
const absent = (record: Record_, key: string): boolean => !(key in record);

function list(value: unknown): unknown[] | undefined {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : undefined;
}

/**
 * The lifecycle customer schema's checks written out by hand, for batches: returns exactly what
 * `lifecycleCustomerSchema` returns for a customer every rule accepts, and undefined for anything else (or anything
 * unusual), which the caller then hands to zod for the issues. It never accepts what the schema rejects: every
 * doubt goes to zod. `dates` (one per batch call) lets the customers of a batch share parsed date strings.
 * @internal
 */
export function parseLifecycleCustomerFast(value: unknown, dates?: DateCache): LifecycleCustomer | undefined {
  cache = dates;
  try {
    return parseCustomer(value);
  } finally {
    cache = undefined;
  }
}

function parseCustomer(value: unknown): LifecycleCustomer | undefined {
  if (!isRecord(value) || !isId(value["customerId"])) return undefined;
  if (misspeltKeys(value, LIFECYCLE_KNOWN_KEYS.customer).length > 0) return undefined;
  const leadsIn = list(value["leads"]);
  const vehiclesIn = list(value["vehicles"]);
  const purchasesIn = list(value["purchases"]);
  const eventsIn = list(value["serviceEvents"]);
  const contractsIn = list(value["contracts"]);
  const referralsIn = list(value["referrals"]);
  if (!leadsIn || !vehiclesIn || !purchasesIn || !eventsIn || !contractsIn || !referralsIn) return undefined;
  const datedList = (items: unknown[]): { date: Date }[] | undefined => {
    const out: { date: Date }[] = [];
    for (const item of items) {
      if (!isRecord(item)) return undefined;
      const parsed = date(item["date"]);
      if (parsed === undefined) return undefined;
      out.push({ date: parsed });
    }
    return out;
  };
  const leads = datedList(leadsIn);
  const referrals = datedList(referralsIn);
  if (!leads || !referrals) return undefined;
  const vehicles: LifecycleCustomer["vehicles"] = [];
  const deliveries = new Map<unknown, Date>();
  for (const item of vehiclesIn) {
    if (!isRecord(item) || misspeltKeys(item, LIFECYCLE_KNOWN_KEYS.vehicles).length > 0 || !isId(item["vehicleId"]))
      return undefined;
    const deliveryDate = date(item["deliveryDate"]);
    if (deliveryDate === undefined) return undefined;
    const vehicle: { vehicleId: string | number; deliveryDate: Date; odometerKm?: number; odometerDate?: Date } = {
      vehicleId: item["vehicleId"],
      deliveryDate,
    };
    if (!absent(item, "odometerKm")) {
      if (!isNonNegative(item["odometerKm"])) return undefined;
      vehicle.odometerKm = item["odometerKm"];
    }
    if (!absent(item, "odometerDate")) {
      const odometerDate = date(item["odometerDate"]);
      if (odometerDate === undefined || odometerDate < deliveryDate) return undefined;
      vehicle.odometerDate = odometerDate;
    }
    vehicles.push(vehicle);
    deliveries.set(vehicle.vehicleId, deliveryDate);
  }
  const purchases: LifecycleCustomer["purchases"] = [];
  for (const item of purchasesIn) {
    if (!isRecord(item) || !PURCHASES.has(item["type"] as string)) return undefined;
    const parsed = date(item["date"]);
    if (parsed === undefined) return undefined;
    purchases.push({ date: parsed, type: item["type"] as "new-car" | "used-car" | "trade-in" });
  }
  const serviceEvents: LifecycleCustomer["serviceEvents"] = [];
  for (const item of eventsIn) {
    if (
      !isRecord(item) ||
      misspeltKeys(item, LIFECYCLE_KNOWN_KEYS.serviceEvents).length > 0 ||
      !isId(item["vehicleId"])
    )
      return undefined;
    if (!EVENT_TYPES.has(item["type"] as string)) return undefined;
    const parsed = date(item["date"]);
    const delivery = deliveries.get(item["vehicleId"]);
    if (parsed === undefined || delivery === undefined || parsed < delivery) return undefined;
    const event: { vehicleId: string | number; date: Date; type: string; odometerKm?: number } = {
      vehicleId: item["vehicleId"],
      date: parsed,
      type: item["type"] as string,
    };
    if (!absent(item, "odometerKm")) {
      if (!isNonNegative(item["odometerKm"])) return undefined;
      event.odometerKm = item["odometerKm"];
    }
    serviceEvents.push(event as LifecycleCustomer["serviceEvents"][number]);
  }
  const contracts: LifecycleCustomer["contracts"] = [];
  for (const item of contractsIn) {
    if (!isRecord(item) || misspeltKeys(item, LIFECYCLE_KNOWN_KEYS.contracts).length > 0) return undefined;
    if (!CONTRACTS.has(item["type"] as string)) return undefined;
    const start = date(item["start"]);
    const end = date(item["end"]);
    if (start === undefined || end === undefined || end < start) return undefined;
    contracts.push({ type: item["type"] as "insurance" | "finance" | "extended-warranty", start, end });
  }
  // Odometer readings of a vehicle must not go backwards in time: any doubt goes to zod, which words it. Readings are
  // grouped by vehicle in one pass, so a fleet's thousands of vehicles cost no more than their events.
  const readingsByVehicle = new Map<unknown, { time: number; km: number }[]>();
  const addReading = (vehicleId: unknown, time: number, km: number) => {
    const readings = readingsByVehicle.get(vehicleId);
    if (readings === undefined) readingsByVehicle.set(vehicleId, [{ time, km }]);
    else readings.push({ time, km });
  };
  for (const event of serviceEvents)
    if (event.odometerKm !== undefined) addReading(event.vehicleId, event.date.getTime(), event.odometerKm);
  for (const vehicle of vehicles)
    if (vehicle.odometerKm !== undefined && vehicle.odometerDate !== undefined)
      addReading(vehicle.vehicleId, vehicle.odometerDate.getTime(), vehicle.odometerKm);
  for (const readings of readingsByVehicle.values()) {
    if (readings.length < 2) continue;
    readings.sort((left, right) => left.time - right.time);
    for (let k = 1; k < readings.length; k++) {
      const before = readings[k - 1] as { time: number; km: number };
      const after = readings[k] as { time: number; km: number };
      if (after.km < before.km && after.time > before.time) return undefined;
    }
  }
  return {
    customerId: value["customerId"] as string | number,
    leads,
    vehicles,
    purchases,
    serviceEvents,
    contracts,
    referrals,
  } as LifecycleCustomer;
}
