import { describe, expect, it } from "vitest";
import { generateDealerData, InvalidInputError, lifecycle } from "../../src/index.js";
import { lifecycleCustomerSchema, validateEach } from "../../src/schemas/index.js";

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
    // Margin = 40% of revenue, except insurance: a 10% commission on the premium (the revenue).
    for (const customer of customers)
      for (const event of customer.serviceEvents)
        expect(Number(event.margin) / Number(event.revenue)).toBeCloseTo(event.type === "insurance" ? 0.1 : 0.4, 2);
    // A traded-in car gets no more service here.
    for (const customer of repurchasers) {
      const tradeIn = customer.serviceEvents.find((event) => event.type === "trade-in");
      expect(tradeIn).toBeDefined();
      const later = customer.serviceEvents.filter(
        (event) => event.vehicleId === tradeIn?.vehicleId && event.date > (tradeIn?.date ?? ""),
      );
      expect(later).toEqual([]);
    }
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
  it("gives the same history before a reminder date with and without the reminder, and more value after", () => {
    const plain = generateDealerData({ vehicles: 3000, seed: 9, asOf: "2024-06-30" });
    const reminded = generateDealerData({
      vehicles: 3000,
      seed: 9,
      asOf: "2024-06-30",
      reminder: { date: "2023-06-30", effect: 1 },
    });
    // Owners may come up to 30 days before a due date, so a decision the reminder changes can show 30 days early.
    const historyBefore = (data: typeof plain) =>
      data.map((customer) => customer.serviceEvents.filter((event) => event.date < "2023-05-31"));
    expect(historyBefore(reminded)).toEqual(historyBefore(plain));
    const valueAfter = (data: typeof plain) =>
      data.reduce(
        (sum, customer) =>
          sum +
          customer.serviceEvents
            .filter((event) => event.date >= "2023-06-30")
            .reduce((s, e) => s + Number(e.margin), 0),
        0,
      );
    expect(valueAfter(reminded)).toBeGreaterThan(valueAfter(plain));
  });
  it("tells the hidden truth on a date: active owners, expected and saved value", () => {
    const data = generateDealerData({
      vehicles: 500,
      seed: 4,
      asOf: "2024-06-30",
      truth: { date: "2023-06-30", paths: 10 },
    });
    for (const customer of data.filter((c) => c.vehicles.length > 0)) {
      const truth = customer.truth;
      expect(truth).toBeDefined();
      expect(truth!.expectedSavedValue).toBeGreaterThanOrEqual(0);
      if (!truth!.active) expect(truth!.expectedSavedValue).toBe(0);
      if (customer.vehicles[0]!.deliveryDate >= "2023-06-30") expect(truth!.active).toBe(false);
    }
    expect(data.some((c) => (c.truth?.expectedSavedValue ?? 0) > 0)).toBe(true);
  });
  it("rejects bad options", () => {
    expect(() => generateDealerData({ vehicles: -1, seed: 1 })).toThrow(InvalidInputError);
    expect(() => generateDealerData({ vehicles: 1, seed: 1, asOf: "soon" })).toThrow(/asOf/);
    expect(() => generateDealerData({ vehicles: 1, seed: 1, marginShare: 0 })).toThrow(/marginShare/);
    expect(() => generateDealerData({ vehicles: 1, seed: 1, mechanics: { leaveInWarrenty: 0.1 } as never })).toThrow(
      /mechanics.leaveInWarrenty: unknown option `leaveInWarrenty` — did you mean `leaveInWarranty`\?/,
    );
  });
});
