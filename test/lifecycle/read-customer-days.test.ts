// The hand-written lifecycle customer checks (the batch fast path, which reads a customer straight into day columns)
// against the zod schema they stand in for: on realistic customers and on random corruptions of them, the fast path
// fills exactly the columns the schema's output fills whenever it accepts, accepts every realistic customer, and never
// accepts what zod rejects.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateDealerData } from "../../src/index.js";
import { type CustomerDays, createCustomerDays, fillCustomerDays } from "../../src/lifecycle/customer-days.js";
import { createKeyMemo, readCustomerDays } from "../../src/lifecycle/read-customer-days.js";
import { lifecycleCustomerSchema } from "../../src/schemas/index.js";

const customers = generateDealerData({ vehicles: 300, seed: 11 });

function corrupt(customer: Record<string, unknown>, change: number, pick: number): unknown {
  const copy = structuredClone(customer) as Record<string, unknown>;
  const vehicles = copy["vehicles"] as Record<string, unknown>[];
  const events = copy["serviceEvents"] as Record<string, unknown>[];
  const contracts = copy["contracts"] as Record<string, unknown>[];
  const vehicle = vehicles[pick % Math.max(1, vehicles.length)];
  const event = events[pick % Math.max(1, events.length)];
  const contract = contracts[pick % Math.max(1, contracts.length)];
  switch (change) {
    case 0:
      return { ...copy, customerId: "" };
    case 1:
      return { ...copy, customerId: Number.NaN };
    case 2:
      if (vehicle) vehicle["deliveryDate"] = "2024-02-30";
      return copy;
    case 3:
      if (vehicle) vehicle["odometerKm"] = -1;
      return copy;
    case 4:
      if (vehicle) vehicle["odometerKm"] = undefined;
      return copy;
    case 5:
      if (event) event["type"] = "wash";
      return copy;
    case 6:
      if (event) event["vehicleId"] = "nobody";
      return copy;
    case 7:
      if (event) event["date"] = "1990-01-01";
      return copy;
    case 8:
      if (event) event["odometerKm"] = 1;
      return copy;
    case 9:
      if (contract) contract["end"] = "1990-01-01";
      return copy;
    case 10:
      return { ...copy, serviceEvent: [] };
    case 11:
      if (vehicle) vehicle["deliverydate"] = "2020-01-01";
      return copy;
    case 12:
      return { ...copy, leads: null };
    case 13:
      return { ...copy, leads: [{ date: "soon" }] };
    case 14:
      return { ...copy, purchases: [{ date: "2020-01-01", type: "lease" }] };
    case 15:
      if (vehicle) vehicle["odometerDate"] = "1990-01-01";
      return copy;
    case 16:
      return { ...copy, extra: 1, truth: undefined };
    case 17:
      if (vehicle) vehicle["deliveryDate"] = new Date(Number.NaN);
      return copy;
    case 18:
      return { ...copy, vehicles: "none" };
    case 19: // two vehicles with one id
      if (vehicle) vehicles.push({ ...vehicle });
      return copy;
    case 20: // visits in reverse date order (readings then run backwards in input order only)
      events.reverse();
      return copy;
    case 21: // a visit's reading below an earlier one
      if (event && events.length > 1) (events[events.length - 1] as Record<string, unknown>)["odometerKm"] = 0;
      return copy;
    case 22: // the vehicle's own reading above later visits' readings
      if (vehicle) {
        vehicle["odometerKm"] = 10_000_000;
        vehicle["odometerDate"] = vehicle["deliveryDate"];
      }
      return copy;
    case 23:
      if (event) event["odometerKm"] = undefined;
      return copy;
    case 24: // a fleet: many vehicles (looked up by a map), one event on an unknown vehicle
      for (let k = 0; k < 12; k++) vehicles.push({ vehicleId: `F${k}`, deliveryDate: "2019-01-01" });
      if (pick % 2 === 0 && event) event["vehicleId"] = "F99";
      return copy;
    case 25:
      return { ...copy, leads: [1], referrals: [{ date: "2023-01-01" }] };
    case 26:
      return {
        ...copy,
        purchases: [
          { date: "2021-01-01", type: "trade-in" },
          { date: "2023-01-01", type: "trade-in" },
        ],
      };
    case 27: // two readings on one day, then a reading between them
      if (events.length >= 3) {
        const [a, b, c] = events as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
        b["date"] = a["date"];
        b["vehicleId"] = a["vehicleId"];
        c["vehicleId"] = a["vehicleId"];
        a["odometerKm"] = 100;
        b["odometerKm"] = 50;
        c["odometerKm"] = 80;
        if (String(c["date"]) <= String(a["date"])) c["date"] = "2030-01-01";
      }
      return copy;
    default:
      return { ...copy, customerId: 42 };
  }
}

const AS_OF = 19_000; // 2022-01-08: some events of the generated customers fall after it

/** The filled part of the columns, as plain data. */
function used(days: CustomerDays) {
  return {
    customerId: days.customerId,
    leads: days.leads,
    referrals: days.referrals,
    latestTradeInPurchase: days.latestTradeInPurchase,
    vehicleId: days.vehicleId.slice(0, days.vehicleCount),
    delivery: [...days.delivery.subarray(0, days.vehicleCount)],
    vehicleKm: [...days.vehicleKm.subarray(0, days.vehicleCount)],
    vehicleKmDay: [...days.vehicleKmDay.subarray(0, days.vehicleCount)],
    eventVehicleId: days.eventVehicleId.slice(0, days.eventCount),
    eventDay: [...days.eventDay.subarray(0, days.eventCount)],
    eventType: [...days.eventType.subarray(0, days.eventCount)],
    eventKm: [...days.eventKm.subarray(0, days.eventCount)],
    contractType: [...days.contractType.subarray(0, days.contractCount)],
    contractStart: [...days.contractStart.subarray(0, days.contractCount)],
    contractEnd: [...days.contractEnd.subarray(0, days.contractCount)],
  };
}

const fast = createCustomerDays();
const memo = createKeyMemo();
const slow = createCustomerDays();
/** The fast path's columns, or undefined when it leaves the customer to zod. */
function parseLifecycleCustomerFast(value: unknown) {
  return readCustomerDays(value, AS_OF, fast, memo) ? used(fast) : undefined;
}
/** The columns of the schema's output. */
function columnsOf(customer: ReturnType<typeof lifecycleCustomerSchema.parse>) {
  fillCustomerDays(customer, AS_OF, slow);
  return used(slow);
}

describe("lifecycle customers: the batch fast path", () => {
  it("accepts every generated customer and returns what zod returns", () => {
    for (const customer of customers) {
      const fast = parseLifecycleCustomerFast(customer);
      const parsed = lifecycleCustomerSchema.safeParse(customer);
      expect(parsed.success).toBe(true);
      expect(fast).toStrictEqual(parsed.success ? columnsOf(parsed.data) : undefined);
    }
  });
  it("never accepts what zod rejects, and agrees whenever it accepts a corrupted customer", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: customers.length - 1 }),
        fc.integer({ min: 0, max: 28 }),
        fc.nat(),
        (which, change, pick) => {
          const input = corrupt(customers[which] as unknown as Record<string, unknown>, change, pick);
          const fast = parseLifecycleCustomerFast(input);
          const parsed = lifecycleCustomerSchema.safeParse(input);
          if (fast !== undefined) {
            expect(parsed.success).toBe(true);
            expect(fast).toStrictEqual(parsed.success ? columnsOf(parsed.data) : undefined);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
