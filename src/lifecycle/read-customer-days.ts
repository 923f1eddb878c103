import { misspeltKeys } from "../input/misspelt-keys.js";
import { dayNumber } from "../schemas/day-number.js";
import { SERVICE_EVENT_TYPES } from "../schemas/event-types.js";
import { isId } from "../schemas/is-id.js";
import { CONTRACT_TYPES, LIFECYCLE_KNOWN_KEYS, PURCHASE_TYPES } from "../schemas/lifecycle-customer-fields.js";
import { type CustomerDays, reserveCustomerDays } from "./customer-days.js";

type Record_ = Record<string, unknown>;

const isRecord = (value: unknown): value is Record_ =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const isNonNegative = (value: unknown): value is number =>
  typeof value === "number" && value >= 0 && value < Number.POSITIVE_INFINITY;
const NO_DAY = Number.NaN;
/** The day number of a date input, or NaN for anything the schema would reject. */
const day = (value: unknown): number => {
  const parsed = dayNumber(value);
  return typeof parsed === "number" ? parsed : NO_DAY;
};
const EMPTY: readonly unknown[] = [];
/** A list field: absent means empty; anything but an array is for zod to word. */
const list = (value: unknown): readonly unknown[] | undefined =>
  value === undefined ? EMPTY : Array.isArray(value) ? value : undefined;
const typeCode = (types: readonly string[], value: unknown): number =>
  typeof value === "string" ? types.indexOf(value) : -1;

/**
 * Per batch: the last key sequence accepted for each kind of record. Records of one batch come from one producer and
 * share their keys in order, so comparing key by key (interned strings) replaces the misspelling check for all but
 * the first record of each shape. @internal
 */
export interface KeyMemo {
  customer: string[];
  vehicles: string[];
  serviceEvents: string[];
  contracts: string[];
}

/** An empty memo for one batch. @internal */
export const createKeyMemo = (): KeyMemo => ({ customer: [], vehicles: [], serviceEvents: [], contracts: [] });

/** Whether a record has no key that looks like a misspelt known key (see `misspeltKeys`). */
function keysAccepted(record: Record_, kind: keyof KeyMemo, memo: KeyMemo): boolean {
  const seen = memo[kind];
  let index = 0;
  for (const key in record) {
    if (seen[index] !== key) return keysAcceptedSlowly(record, kind, memo);
    index++;
  }
  return index === seen.length || keysAcceptedSlowly(record, kind, memo);
}

function keysAcceptedSlowly(record: Record_, kind: keyof KeyMemo, memo: KeyMemo): boolean {
  if (misspeltKeys(record, LIFECYCLE_KNOWN_KEYS[kind]).length > 0) return false;
  const keys: string[] = [];
  for (const key in record) keys.push(key);
  memo[kind] = keys;
  return true;
}

/** Per-vehicle odometer scan state and scratch for the readings (a batch reuses them). */
let lastDay = /* @__PURE__ */ new Float64Array(8);
let maxBefore = /* @__PURE__ */ new Float64Array(8);
let maxOnDay = /* @__PURE__ */ new Float64Array(8);

/**
 * Reads a raw lifecycle customer straight into day columns, checking every rule of `lifecycleCustomerSchema` by hand,
 * as the batch fast path: returns true with the columns filled exactly as `fillCustomerDays` fills them from the
 * schema's output, or false for anything the schema might reject (or anything unusual, such as two vehicles with
 * one id), which the caller then hands to zod for the verdict and its issues. It never accepts what the schema
 * rejects. No per-record objects are allocated. @internal
 */
export function readCustomerDays(value: unknown, asOf: number, days: CustomerDays, memo: KeyMemo): boolean {
  if (!isRecord(value) || !isId(value["customerId"]) || !keysAccepted(value, "customer", memo)) return false;
  const leads = list(value["leads"]);
  const vehicles = list(value["vehicles"]);
  const purchases = list(value["purchases"]);
  const events = list(value["serviceEvents"]);
  const contracts = list(value["contracts"]);
  const referrals = list(value["referrals"]);
  if (!leads || !vehicles || !purchases || !events || !contracts || !referrals) return false;
  reserveCustomerDays(days, vehicles.length, events.length, contracts.length);
  days.customerId = value["customerId"];
  days.leads = datedUpTo(leads, asOf);
  days.referrals = datedUpTo(referrals, asOf);
  if (days.leads < 0 || days.referrals < 0) return false;
  days.latestTradeInPurchase = Number.NEGATIVE_INFINITY;
  for (const purchase of purchases) {
    if (!isRecord(purchase)) return false;
    const type = typeCode(PURCHASE_TYPES, purchase["type"]);
    const d = day(purchase["date"]);
    if (type < 0 || Number.isNaN(d)) return false;
    if (PURCHASE_TYPES[type] === "trade-in" && d <= asOf && d > days.latestTradeInPurchase)
      days.latestTradeInPurchase = d;
  }
  const vehicleCount = vehicles.length;
  for (let v = 0; v < vehicleCount; v++) {
    const vehicle = vehicles[v];
    if (!isRecord(vehicle) || !keysAccepted(vehicle, "vehicles", memo) || !isId(vehicle["vehicleId"])) return false;
    const delivery = day(vehicle["deliveryDate"]);
    if (Number.isNaN(delivery)) return false;
    days.vehicleId[v] = vehicle["vehicleId"];
    days.delivery[v] = delivery;
    // A used car: acquired on or after delivery; its odometer then only with the day (as the schema requires).
    const acquired = "acquiredDate" in vehicle ? day(vehicle["acquiredDate"]) : delivery;
    if (!(acquired >= delivery)) return false;
    days.acquired[v] = acquired;
    if ("odometerAtAcquisition" in vehicle) {
      if (!isNonNegative(vehicle["odometerAtAcquisition"]) || !("acquiredDate" in vehicle)) return false;
      days.acquiredKm[v] = vehicle["odometerAtAcquisition"];
    } else days.acquiredKm[v] = 0;
    let km = Number.NaN;
    let kmDay = Number.NaN;
    // An optional field must be absent: a key holding undefined goes to zod, which decides what it means.
    if ("odometerKm" in vehicle) {
      if (!isNonNegative(vehicle["odometerKm"])) return false;
      km = vehicle["odometerKm"];
    }
    if ("odometerDate" in vehicle) {
      kmDay = day(vehicle["odometerDate"]);
      if (!(kmDay >= delivery)) return false;
    }
    // Classification reads a vehicle's own reading only with both fields (as the schema's output does).
    const both = !Number.isNaN(km) && !Number.isNaN(kmDay);
    days.vehicleKm[v] = both ? km : Number.NaN;
    days.vehicleKmDay[v] = both ? kmDay : Number.NaN;
  }
  days.vehicleCount = vehicleCount;
  const byId = vehicleIndex(days);
  if (byId === undefined) return false;
  if (lastDay.length < vehicleCount) {
    lastDay = new Float64Array(2 * vehicleCount);
    maxBefore = new Float64Array(2 * vehicleCount);
    maxOnDay = new Float64Array(2 * vehicleCount);
  }
  lastDay.fill(Number.NEGATIVE_INFINITY, 0, vehicleCount);
  maxBefore.fill(Number.NEGATIVE_INFINITY, 0, vehicleCount);
  maxOnDay.fill(Number.NEGATIVE_INFINITY, 0, vehicleCount);
  let inOrder = true;
  for (let e = 0; e < events.length; e++) {
    const event = events[e];
    if (!isRecord(event) || !keysAccepted(event, "serviceEvents", memo)) return false;
    const id = event["vehicleId"];
    const type = typeCode(SERVICE_EVENT_TYPES, event["type"]);
    const d = day(event["date"]);
    const v = isId(id) ? findVehicle(days, byId, id) : -1;
    if (v < 0 || type < 0 || !(d >= (days.delivery[v] as number))) return false;
    let km = Number.NaN;
    if ("odometerKm" in event) {
      if (!isNonNegative(event["odometerKm"])) return false;
      km = event["odometerKm"];
      // Odometer readings of a vehicle must not go backwards: no reading below one of an earlier day.
      if (d < (lastDay[v] as number)) inOrder = false;
      else {
        if (d > (lastDay[v] as number)) {
          maxBefore[v] = Math.max(maxBefore[v] as number, maxOnDay[v] as number);
          maxOnDay[v] = Number.NEGATIVE_INFINITY;
          lastDay[v] = d;
        }
        if (km < (maxBefore[v] as number)) return false;
        maxOnDay[v] = Math.max(maxOnDay[v] as number, km);
      }
    }
    days.eventVehicleId[e] = id as string | number;
    days.eventDay[e] = d;
    days.eventType[e] = type;
    days.eventKm[e] = km;
  }
  days.eventCount = events.length;
  if ((!inOrder && !readingsFitInAnyOrder(days, byId)) || !ownReadingsFit(days, byId)) return false;
  for (let k = 0; k < contracts.length; k++) {
    const contract = contracts[k];
    if (!isRecord(contract) || !keysAccepted(contract, "contracts", memo)) return false;
    const type = typeCode(CONTRACT_TYPES, contract["type"]);
    const start = day(contract["start"]);
    const end = day(contract["end"]);
    if (type < 0 || !(end >= start)) return false;
    days.contractType[k] = type;
    days.contractStart[k] = start;
    days.contractEnd[k] = end;
  }
  days.contractCount = contracts.length;
  return true;
}

/** How many records `{ date }` are dated on or before asOf; −1 for a record the schema would reject. */
function datedUpTo(records: readonly unknown[], asOf: number): number {
  let count = 0;
  for (const record of records) {
    if (!isRecord(record)) return -1;
    const d = day(record["date"]);
    if (Number.isNaN(d)) return -1;
    if (d <= asOf) count++;
  }
  return count;
}

/**
 * Vehicle ids to indices for a customer with many vehicles (a few are searched directly); undefined when two
 * vehicles share an id, which the fast path leaves to zod. An empty map stands for "search directly".
 */
function vehicleIndex(days: CustomerDays): Map<string | number, number> | undefined {
  const count = days.vehicleCount;
  if (count <= 8) {
    for (let v = 1; v < count; v++)
      for (let w = 0; w < v; w++) if (days.vehicleId[v] === days.vehicleId[w]) return undefined;
    return SEARCH_DIRECTLY;
  }
  const byId = new Map<string | number, number>();
  for (let v = 0; v < count; v++) byId.set(days.vehicleId[v] as string | number, v);
  return byId.size === count ? byId : undefined;
}

const SEARCH_DIRECTLY = /* @__PURE__ */ new Map<string | number, number>();

function findVehicle(days: CustomerDays, byId: Map<string | number, number>, id: string | number): number {
  if (byId === SEARCH_DIRECTLY) {
    for (let v = 0; v < days.vehicleCount; v++) if (days.vehicleId[v] === id) return v;
    return -1;
  }
  return byId.get(id) ?? -1;
}

/** Each vehicle's own reading against its visits' readings: none lower on a later day, none higher on an earlier one. */
function ownReadingsFit(days: CustomerDays, byId: Map<string | number, number>): boolean {
  let any = false;
  for (let v = 0; v < days.vehicleCount; v++) if (!Number.isNaN(days.vehicleKmDay[v] as number)) any = true;
  if (!any) return true;
  for (let e = 0; e < days.eventCount; e++) {
    const km = days.eventKm[e] as number;
    if (Number.isNaN(km)) continue;
    const v = findVehicle(days, byId, days.eventVehicleId[e] as string | number);
    const ownDay = days.vehicleKmDay[v] as number;
    const ownKm = days.vehicleKm[v] as number;
    const d = days.eventDay[e] as number;
    if ((d < ownDay && km > ownKm) || (d > ownDay && km < ownKm)) return false;
  }
  return true;
}

/** The odometer rule for visits not in date order: their readings sorted by vehicle and day, then scanned. */
function readingsFitInAnyOrder(days: CustomerDays, byId: Map<string | number, number>): boolean {
  const vehicleOf = new Int32Array(days.eventCount);
  const order: number[] = [];
  for (let e = 0; e < days.eventCount; e++) {
    if (Number.isNaN(days.eventKm[e] as number)) continue;
    vehicleOf[e] = findVehicle(days, byId, days.eventVehicleId[e] as string | number);
    order.push(e);
  }
  order.sort(
    (x, y) =>
      (vehicleOf[x] as number) - (vehicleOf[y] as number) ||
      (days.eventDay[x] as number) - (days.eventDay[y] as number),
  );
  let before = Number.NEGATIVE_INFINITY;
  let onDay = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < order.length; k++) {
    const e = order[k] as number;
    const previous = order[k - 1];
    if (previous === undefined || vehicleOf[previous] !== vehicleOf[e]) {
      before = Number.NEGATIVE_INFINITY;
      onDay = Number.NEGATIVE_INFINITY;
    } else if ((days.eventDay[e] as number) > (days.eventDay[previous] as number)) {
      before = Math.max(before, onDay);
      onDay = Number.NEGATIVE_INFINITY;
    }
    const km = days.eventKm[e] as number;
    if (km < before) return false;
    onDay = Math.max(onDay, km);
  }
  return true;
}
