import { SERVICE_EVENT_TYPES } from "../schemas/event-types.js";
import type { LifecycleCustomer } from "../schemas/lifecycle-customer.js";
import { CONTRACT_TYPES } from "../schemas/lifecycle-customer-fields.js";

const MS_PER_DAY = 86_400_000;

/** Codes of the event and contract types classification looks at. @internal */
export const MAINTENANCE = SERVICE_EVENT_TYPES.indexOf("maintenance");
export const TRADE_IN = SERVICE_EVENT_TYPES.indexOf("trade-in");
/** Visits the maker pays for: the owner came, with no margin of their own. @internal */
export const WARRANTY = SERVICE_EVENT_TYPES.indexOf("warranty");
export const RECALL = SERVICE_EVENT_TYPES.indexOf("recall");
/** Office records: a finance contract paid off (a replacement trigger) and a referred sale. @internal */
export const PAYOFF = SERVICE_EVENT_TYPES.indexOf("finance-payoff");
export const REFERRAL = SERVICE_EVENT_TYPES.indexOf("referral");
export const INSURANCE = CONTRACT_TYPES.indexOf("insurance");
export const FINANCE = CONTRACT_TYPES.indexOf("finance");

/**
 * A validated customer as classification sees it, in day numbers (days since 1970-01-01), held in columns that one
 * batch reuses for every customer (grown on demand), so that classifying a million customers allocates no per-event
 * objects. Absent odometer readings are NaN. Leads, referrals and trade-in purchases are reduced to what
 * classification needs as of its day. @internal
 */
export interface CustomerDays {
  customerId: string | number;
  /** Leads and referrals dated on or before asOf. */
  leads: number;
  referrals: number;
  /** The latest trade-in purchase on or before asOf (−Infinity: none). */
  latestTradeInPurchase: number;
  vehicleCount: number;
  vehicleId: (string | number)[];
  delivery: Float64Array;
  /** The day the customer acquired each vehicle (its delivery, unless a used car) and its odometer then (0 if new). */
  acquired: Float64Array;
  acquiredKm: Float64Array;
  vehicleKm: Float64Array;
  vehicleKmDay: Float64Array;
  eventCount: number;
  /** Each event's vehicle id, in input order. */
  eventVehicleId: (string | number)[];
  eventDay: Float64Array;
  /** Index in SERVICE_EVENT_TYPES. */
  eventType: Uint8Array;
  eventKm: Float64Array;
  contractCount: number;
  /** Index in CONTRACT_TYPES. */
  contractType: Uint8Array;
  contractStart: Float64Array;
  contractEnd: Float64Array;
}

/** Empty columns for one batch. @internal */
export function createCustomerDays(): CustomerDays {
  return {
    customerId: "",
    leads: 0,
    referrals: 0,
    latestTradeInPurchase: Number.NEGATIVE_INFINITY,
    vehicleCount: 0,
    vehicleId: [],
    delivery: new Float64Array(4),
    acquired: new Float64Array(4),
    acquiredKm: new Float64Array(4),
    vehicleKm: new Float64Array(4),
    vehicleKmDay: new Float64Array(4),
    eventCount: 0,
    eventVehicleId: [],
    eventDay: new Float64Array(16),
    eventType: new Uint8Array(16),
    eventKm: new Float64Array(16),
    contractCount: 0,
    contractType: new Uint8Array(4),
    contractStart: new Float64Array(4),
    contractEnd: new Float64Array(4),
  };
}

const grown = <T extends Float64Array | Uint8Array>(column: T, size: number): T => {
  if (column.length >= size) return column;
  const bigger = new (column.constructor as new (length: number) => T)(Math.max(size, 2 * column.length));
  bigger.set(column);
  return bigger;
};

/** Makes room for a customer of this many vehicles, events and contracts. @internal */
export function reserveCustomerDays(days: CustomerDays, vehicles: number, events: number, contracts: number): void {
  days.delivery = grown(days.delivery, vehicles);
  days.vehicleKm = grown(days.vehicleKm, vehicles);
  days.vehicleKmDay = grown(days.vehicleKmDay, vehicles);
  days.acquired = grown(days.acquired, vehicles);
  days.acquiredKm = grown(days.acquiredKm, vehicles);
  days.eventDay = grown(days.eventDay, events);
  days.eventType = grown(days.eventType, events);
  days.eventKm = grown(days.eventKm, events);
  days.contractType = grown(days.contractType, contracts);
  days.contractStart = grown(days.contractStart, contracts);
  days.contractEnd = grown(days.contractEnd, contracts);
  days.vehicleCount = 0;
  days.eventCount = 0;
  days.contractCount = 0;
}

const dayOf = (date: Date): number => Math.floor(date.getTime() / MS_PER_DAY);

/** Fills the columns from a customer the zod schema has validated. @internal */
export function fillCustomerDays(customer: LifecycleCustomer, asOf: number, days: CustomerDays): void {
  reserveCustomerDays(days, customer.vehicles.length, customer.serviceEvents.length, customer.contracts.length);
  days.customerId = customer.customerId;
  days.leads = 0;
  for (const lead of customer.leads) if (dayOf(lead.date) <= asOf) days.leads++;
  days.referrals = 0;
  for (const referral of customer.referrals) if (dayOf(referral.date) <= asOf) days.referrals++;
  days.latestTradeInPurchase = Number.NEGATIVE_INFINITY;
  for (const purchase of customer.purchases) {
    const day = dayOf(purchase.date);
    if (purchase.type === "trade-in" && day <= asOf && day > days.latestTradeInPurchase)
      days.latestTradeInPurchase = day;
  }
  for (const [v, vehicle] of customer.vehicles.entries()) {
    days.vehicleId[v] = vehicle.vehicleId;
    days.delivery[v] = dayOf(vehicle.deliveryDate);
    days.acquired[v] = vehicle.acquiredDate === undefined ? (days.delivery[v] as number) : dayOf(vehicle.acquiredDate);
    days.acquiredKm[v] = vehicle.odometerAtAcquisition ?? 0;
    const { odometerKm, odometerDate } = vehicle;
    const reading = odometerKm !== undefined && odometerDate !== undefined;
    days.vehicleKm[v] = reading ? odometerKm : Number.NaN;
    days.vehicleKmDay[v] = reading ? dayOf(odometerDate) : Number.NaN;
  }
  days.vehicleCount = customer.vehicles.length;
  for (const [e, event] of customer.serviceEvents.entries()) {
    days.eventVehicleId[e] = event.vehicleId;
    days.eventDay[e] = dayOf(event.date);
    days.eventType[e] = SERVICE_EVENT_TYPES.indexOf(event.type);
    days.eventKm[e] = event.odometerKm ?? Number.NaN;
  }
  days.eventCount = customer.serviceEvents.length;
  for (const [k, contract] of customer.contracts.entries()) {
    days.contractType[k] = CONTRACT_TYPES.indexOf(contract.type);
    days.contractStart[k] = dayOf(contract.start);
    days.contractEnd[k] = dayOf(contract.end);
  }
  days.contractCount = customer.contracts.length;
}
