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
  it("rejects bad scenario options", () => {
    expect(() => generateDealerData({ vehicles: 1, seed: 1, fleets: { size: [5] as never } })).toThrow(/fleets.size/);
    expect(() => generateDealerData({ vehicles: 1, seed: 1, fleets: { effect: 2 } })).toThrow(/fleets.effect/);
    expect(() =>
      generateDealerData({ vehicles: 1, seed: 1, campaigns: { dates: [], effectLeadDays: [10, 0] } }),
    ).toThrow(/effectLeadDays/);
    expect(() => generateDealerData({ vehicles: 1, seed: 1, mechanics: { driftShare: 1.5 } })).toThrow(/driftShare/);
  });
});

describe("generateDealerData: the scenario mechanisms", () => {
  const campaigns = {
    dates: ["2022-01-15", "2022-07-15", "2023-01-15", "2023-07-15"],
    leadDays: [-120, 240] as [number, number],
  };
  it("writes a campaign log the lifecycle, psv and evaluate readers all accept", () => {
    const data = generateDealerData({ vehicles: 300, seed: 4, campaigns });
    expect(data.some((customer) => (customer.contacts ?? []).length > 0)).toBe(true);
    expect(lifecycle.classifyBatch(data, { asOf: "2024-06-30" }).errors).toEqual([]);
  });
  it("groups owner lines into fleets that keep every line's vehicles and records", () => {
    const plain = generateDealerData({ vehicles: 600, seed: 4, prospectShare: 0 });
    const fleets = generateDealerData({
      vehicles: 600,
      seed: 4,
      prospectShare: 0,
      fleets: { share: 0.2, size: [3, 6] },
    });
    expect(fleets.length).toBeLessThan(plain.length);
    const count = (data: typeof plain, field: "vehicles" | "serviceEvents") =>
      data.reduce((sum, customer) => sum + customer[field].length, 0);
    expect(count(fleets, "vehicles")).toBe(count(plain, "vehicles"));
    expect(count(fleets, "serviceEvents")).toBe(count(plain, "serviceEvents"));
    const biggest = Math.max(...fleets.map((customer) => customer.vehicles.length));
    expect(biggest).toBeGreaterThanOrEqual(3);
  });
  it("drifting owners skip maintenance here after the warranty but keep coming for other services", () => {
    const afterWarranty = (data: ReturnType<typeof generateDealerData>, type: string) =>
      data.reduce((sum, customer) => {
        const delivery = new Map(customer.vehicles.map((v) => [v.vehicleId, Date.parse(v.deliveryDate)]));
        const late = (event: (typeof customer.serviceEvents)[number]) =>
          Date.parse(event.date) - (delivery.get(event.vehicleId) as number) > 4 * 365 * 86_400_000;
        return sum + customer.serviceEvents.filter((event) => event.type === type && late(event)).length;
      }, 0);
    const base = generateDealerData({ vehicles: 1500, seed: 9 });
    const drift = generateDealerData({ vehicles: 1500, seed: 9, mechanics: { driftShare: 1, driftSkip: 0.9 } });
    expect(afterWarranty(drift, "maintenance")).toBeLessThan(0.8 * afterWarranty(base, "maintenance"));
    expect(afterWarranty(drift, "insurance")).toBeGreaterThan(0.8 * afterWarranty(base, "insurance"));
  });
  it("with campaigns, the truth is the value a call on the date saves under the campaigns' own effect", () => {
    const truth = { date: "2023-06-30", paths: 8 };
    const acting = generateDealerData({ vehicles: 1500, seed: 6, campaigns, truth });
    const idle = generateDealerData({ vehicles: 1500, seed: 6, campaigns: { ...campaigns, effect: 0 }, truth });
    const saved = (data: typeof acting) => data.reduce((sum, c) => sum + (c.truth?.expectedSavedValue ?? 0), 0);
    expect(saved(acting)).toBeGreaterThan(0);
    expect(saved(idle)).toBe(0);
    // Owners who decide only at the visit can still be swayed when overdue: a later window still saves value.
    const overdueOnly = { ...campaigns, effectLeadDays: [-120, -1] as [number, number] };
    const atDue = generateDealerData({ vehicles: 1500, seed: 6, campaigns: overdueOnly, truth });
    const atVisit = generateDealerData({
      vehicles: 1500,
      seed: 6,
      campaigns: overdueOnly,
      truth,
      mechanics: { decideAtVisitShare: 1 },
    });
    expect(saved(atVisit)).toBeGreaterThan(5 * Math.max(saved(atDue), 1));
  });
});
