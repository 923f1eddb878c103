// The hand-written lifecycle customer checks (the batch fast path) against the zod schema they stand in for: on
// realistic customers and on random corruptions of them, the fast path returns exactly what zod returns whenever it
// accepts, accepts every realistic customer, and never accepts what zod rejects.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateDealerData } from "../../src/index.js";
import { lifecycleCustomerSchema } from "../../src/schemas/index.js";
import { parseLifecycleCustomerFast } from "../../src/schemas/lifecycle-customer-fast.js";

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
    default:
      return { ...copy, customerId: 42 };
  }
}

describe("lifecycle customers: the batch fast path", () => {
  it("accepts every generated customer and returns what zod returns", () => {
    for (const customer of customers) {
      const fast = parseLifecycleCustomerFast(customer);
      const parsed = lifecycleCustomerSchema.safeParse(customer);
      expect(parsed.success).toBe(true);
      expect(fast).toStrictEqual(parsed.data);
    }
  });
  it("never accepts what zod rejects, and agrees whenever it accepts a corrupted customer", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: customers.length - 1 }),
        fc.integer({ min: 0, max: 19 }),
        fc.nat(),
        (which, change, pick) => {
          const input = corrupt(customers[which] as unknown as Record<string, unknown>, change, pick);
          const fast = parseLifecycleCustomerFast(input);
          const parsed = lifecycleCustomerSchema.safeParse(input);
          if (fast !== undefined) {
            expect(parsed.success).toBe(true);
            expect(fast).toStrictEqual(parsed.data);
          }
        },
      ),
      { numRuns: 600 },
    );
  });
});
