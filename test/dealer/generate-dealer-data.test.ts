import { describe, expect, it } from "vitest";
import {
  generateDealerData,
  InvalidInputError,
  lifecycle,
  lifecycleCustomerSchema,
  psv,
  validateEach,
} from "../../src/index.js";

describe("generateDealerData", () => {
  const customers = generateDealerData({ vehicles: 400, seed: 11 });
  it("is seeded and deterministic", () => {
    expect(generateDealerData({ vehicles: 400, seed: 11 })).toEqual(customers);
    expect(generateDealerData({ vehicles: 400, seed: 12 })).not.toEqual(customers);
  });
  it("produces valid CRM records: owners, prospects, repurchases, contracts", () => {
    const { errors } = validateEach(lifecycleCustomerSchema, customers, "customer");
    expect(errors).toEqual([]);
    expect(customers.filter((customer) => customer.vehicles.length === 0)).toHaveLength(40);
    const repurchasers = customers.filter((customer) => customer.vehicles.length === 2);
    expect(repurchasers.length).toBeGreaterThan(0);
    for (const customer of repurchasers) {
      expect(customer.purchases.filter((purchase) => purchase.type === "trade-in")).toHaveLength(1);
    }
    expect(customers.some((customer) => customer.contracts.some((contract) => contract.type === "finance"))).toBe(true);
    const margins = customers.flatMap((customer) =>
      customer.serviceEvents.map((event) => Number(event.margin) / Number(event.revenue)),
    );
    for (const ratio of margins) expect(ratio).toBeCloseTo(0.4, 3);
    const stages = new Set(
      lifecycle.classifyBatch(customers, { asOf: "2024-06-30" }).results.map((result) => result?.stage),
    );
    expect([...stages].sort()).toEqual([
      "in-warranty",
      "lapsed",
      "new-car-purchase",
      "post-warranty",
      "prospect",
      "replacement-window",
    ]);
  });
  it("follows the PSV model it is drawn from (calibration recovers post-warranty retention)", () => {
    const base = generateDealerData({ vehicles: 6000, seed: 5, segment: "luxury" });
    const vehicles = base.flatMap((customer) =>
      customer.vehicles.map((vehicle) => ({ ...vehicle, customerId: customer.customerId })),
    );
    const { assumptions } = psv.calibrate({
      vehicles,
      serviceEvents: base.flatMap((customer) => customer.serviceEvents),
      asOf: "2024-06-30",
    });
    expect(Math.abs(assumptions.retentionPostWarranty - 0.7)).toBeLessThan(0.04);
    expect(assumptions.maintenanceValue).toBe(
      psv.defaultAssumptions({ segment: "luxury" }).assumptions.maintenanceValue,
    );
  });
  it("rejects bad options", () => {
    expect(() => generateDealerData({ vehicles: -1, seed: 1 })).toThrow(InvalidInputError);
    expect(() => generateDealerData({ vehicles: 1, seed: 1, asOf: "soon" })).toThrow(/asOf/);
  });
});
