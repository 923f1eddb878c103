import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateDealerData, InvalidInputError, lifecycle } from "../../src/index.js";

const asOf = "2024-06-01";
const day = (offset: number) =>
  new Date(Date.parse(`${asOf}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
const vehicle = (deliveredDaysAgo: number, extra: object = {}) => ({
  vehicleId: "V1",
  deliveryDate: day(-deliveredDaysAgo),
  ...extra,
});

describe("lifecycle.classify (hand-worked)", () => {
  it("assigns each stage from the facts", () => {
    const cases: [object, string][] = [
      [{ customerId: 1, leads: [{ date: day(-10) }, { date: day(-3) }] }, "prospect"],
      [{ customerId: 2, vehicles: [vehicle(30)] }, "new-car-purchase"],
      [
        {
          customerId: 3,
          vehicles: [vehicle(400)],
          serviceEvents: [{ vehicleId: "V1", date: day(-20), type: "maintenance", odometerKm: 20_000 }],
        },
        "in-warranty",
      ],
      [
        {
          customerId: 4,
          vehicles: [vehicle(800)],
          serviceEvents: [{ vehicleId: "V1", date: day(-20), type: "maintenance", odometerKm: 70_000 }],
        },
        "post-warranty",
      ],
      [
        {
          customerId: 5,
          vehicles: [vehicle(1300, { odometerKm: 20_000, odometerDate: day(-30) })],
          serviceEvents: [
            { vehicleId: "V1", date: day(-300), type: "maintenance" },
            { vehicleId: "V1", date: day(-30), type: "repair" },
          ],
        },
        "post-warranty",
      ],
      [
        {
          customerId: 6,
          vehicles: [vehicle(7 * 365)],
          serviceEvents: [{ vehicleId: "V1", date: day(-100), type: "maintenance" }],
        },
        "replacement-window",
      ],
      [
        {
          customerId: 7,
          vehicles: [vehicle(1000)],
          serviceEvents: [{ vehicleId: "V1", date: day(-600), type: "maintenance" }],
        },
        "lapsed",
      ],
    ];
    for (const [customer, stage] of cases) {
      const result = lifecycle.classify(customer as lifecycle.LifecycleCustomerInput, { asOf });
      expect(result.stage, JSON.stringify(customer)).toBe(stage);
      expect(result.reasons.length).toBeGreaterThan(0);
    }
    const prospect = lifecycle.classify({ customerId: 1, leads: [{ date: day(-10) }, { date: day(-3) }] }, { asOf });
    expect(prospect.reasons.map((r) => r.text)).toEqual(["no vehicle yet; 2 sales leads"]);
    const lapsed = lifecycle.classify(cases[6]![0] as lifecycle.LifecycleCustomerInput, { asOf });
    // No odometer reading: 52 km a day reaches 10,000 km in 192 days, before 12 months.
    expect(lapsed.reasons[0]?.text).toBe(`maintenance of V1 was due on ${day(-408)}, 408 days ago: lapsed after 95`);
  });
  it("sets flags for contracts, referrals, risk and win-back", () => {
    const result = lifecycle.classify(
      {
        customerId: 9,
        vehicles: [vehicle(2000)],
        // About 10 km a day: the 12-month limit comes first. The second visit came years after the first was due
        // (won back); the next one (12 calendar months later) is 84 days overdue (at risk, not yet lapsed after 95).
        serviceEvents: [
          { vehicleId: "V1", date: day(-1900), type: "maintenance", odometerKm: 1000 },
          { vehicleId: "V1", date: day(-450), type: "maintenance", odometerKm: 15_500 },
        ],
        contracts: [
          { type: "insurance", start: day(-320), end: day(45) },
          { type: "finance", start: day(-1000), end: day(60) },
        ],
        referrals: [{ date: day(-200) }],
      },
      { asOf },
    );
    expect(result.stage).toBe("post-warranty");
    expect(result.flags.sort()).toEqual([
      "at-risk",
      "finance-active",
      "finance-ending",
      "insurance-due",
      "referrer",
      "won-back",
    ]);
    expect(result.reasons.map((r) => r.text)).toContain(
      `came back on ${day(-450)}, 1084 days after the service was due (lapsed after 95)`,
    );
    expect(result.reasons.map((r) => r.text)).toContain(
      `maintenance of V1 overdue by 84 days (due ${day(-84)}; lapsed after 95)`,
    );
  });
  it("flags a trade-in (置换) from a purchase or a trade-in event", () => {
    const base = {
      customerId: 7,
      vehicles: [
        { vehicleId: "OLD", deliveryDate: "2017-01-01" },
        { vehicleId: "NEW", deliveryDate: "2023-03-01" },
      ],
    };
    const byPurchase = lifecycle.classify(
      { ...base, purchases: [{ date: "2023-03-01", type: "trade-in" }] },
      { asOf: "2024-06-01" },
    );
    expect(byPurchase.flags).toContain("traded-in");
    expect(byPurchase.reasons.map((r) => r.text)).toContain("traded in a car on 2023-03-01 (置换)");
    const byEvent = lifecycle.classify(
      { ...base, serviceEvents: [{ vehicleId: "OLD", date: "2023-03-01", type: "trade-in" }] },
      { asOf: "2024-06-01" },
    );
    expect(byEvent.flags).toContain("traded-in");
    expect(lifecycle.classify(base, { asOf: "2024-06-01" }).flags).not.toContain("traded-in");
    expect(
      lifecycle.classify({ ...base, purchases: [{ date: "2023-03-01", type: "trade-in" }] }, { asOf: "2023-01-01" })
        .flags,
    ).not.toContain("traded-in");
  });
  it("uses configurable thresholds", () => {
    const customer = { customerId: 2, vehicles: [vehicle(30)] };
    expect(lifecycle.classify(customer, { asOf, rules: { onboardingDays: 20 } }).stage).toBe("in-warranty");
    expect(() => lifecycle.classify(customer, { asOf, rules: { warrantyKm: 0 } })).toThrow(/warrantyKm/);
  });
  it("rejects inconsistent customers with the path, and batches report per row", () => {
    expect(() =>
      lifecycle.classify(
        {
          customerId: 1,
          vehicles: [vehicle(10)],
          serviceEvents: [{ vehicleId: "V1", date: day(-20), type: "maintenance" }],
        },
        { asOf },
      ),
    ).toThrow(/serviceEvents\[0\]\.date: is before the vehicle's delivery date/);
    expect(() =>
      lifecycle.classify(
        {
          customerId: 1,
          vehicles: [vehicle(10)],
          serviceEvents: [{ vehicleId: "V9", date: day(-2), type: "maintenance" }],
        },
        { asOf },
      ),
    ).toThrow(/not one of the customer's vehicles/);
    const batch = lifecycle.classifyBatch(
      [{ customerId: 1 }, { customerId: "" }, { customerId: 3, vehicles: [vehicle(10)] }],
      { asOf },
    );
    expect(batch.results.map((result) => result?.stage)).toEqual(["prospect", undefined, "new-car-purchase"]);
    expect(batch.errors[0]).toBeInstanceOf(InvalidInputError);
    expect(batch.errors[0]?.rowIndex).toBe(1);
  });
});

describe("lifecycle.classifyBatch", () => {
  it("gives every customer what lifecycle.classify gives, at any date", () => {
    // The batch reads customers by hand into day columns; classify validates with zod: the two readers must agree.
    const customers = generateDealerData({ vehicles: 400, seed: 23 });
    for (const date of ["2017-03-01", "2020-02-29", "2024-06-01"]) {
      const batch = lifecycle.classifyBatch(customers, { asOf: date });
      expect(batch.errors).toEqual([]);
      customers.forEach((customer, index) => {
        expect(batch.results[index]).toEqual(lifecycle.classify(customer, { asOf: date }));
      });
    }
  });
  it("with reasons: false, gives the same stages and flags and no reasons", () => {
    const customers = generateDealerData({ vehicles: 300, seed: 29 });
    const full = lifecycle.classifyBatch(customers, { asOf });
    const brief = lifecycle.classifyBatch(customers, { asOf, reasons: false });
    expect(brief.results).toEqual(full.results.map((result) => result && { ...result, reasons: [] }));
    expect(full.results.every((result) => result !== undefined && result.reasons.length > 0)).toBe(true);
  });
  it("rejects an unknown or misspelt option, naming it", () => {
    const customer = { customerId: 1 };
    const call = (options: object) => () => lifecycle.classify(customer, { asOf, ...options });
    expect(call({ reason: false })).toThrow(/reason: unknown option `reason` — did you mean `reasons`\?/);
    expect(call({ reasons: "no" })).toThrow(/reasons.*must be true or false/);
    expect(() => lifecycle.classifyBatch([customer], { asOf, rule: {} } as never)).toThrow(InvalidInputError);
  });
  it("raises each flag once, however many contracts raise it", () => {
    const contract = { type: "insurance" as const, start: "2024-01-01", end: "2024-06-20" };
    const result = lifecycle.classify(
      { customerId: 1, contracts: [contract, { ...contract, end: "2024-06-25" }] },
      { asOf },
    );
    expect(result.flags).toEqual(["insurance-due"]);
    expect(result.reasons).toHaveLength(3);
  });
});

describe("lifecycle properties", () => {
  const eventType = fc.constantFrom("maintenance", "repair", "insurance", "detailing") as fc.Arbitrary<
    "maintenance" | "repair" | "insurance" | "detailing"
  >;
  const customerArbitrary = fc
    .record({
      delivered: fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined }),
      visits: fc.array(
        fc.record({
          ago: fc.integer({ min: 0, max: 4000 }),
          km: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
          type: eventType,
        }),
        { maxLength: 6 },
      ),
    })
    .map(({ delivered, visits }) => {
      // Odometer readings rise with time, as real ones do (a reading that goes backwards is an input error).
      const kept = visits.filter((visit) => delivered !== undefined && visit.ago <= delivered);
      const readings = kept.flatMap((visit) => (visit.km === undefined ? [] : [visit.km])).sort((a, b) => a - b);
      const chronological = [...kept].sort((left, right) => right.ago - left.ago);
      let next = 0;
      return {
        customerId: "c",
        vehicles: delivered === undefined ? [] : [vehicle(delivered)],
        serviceEvents: chronological.map((visit) => ({
          vehicleId: "V1",
          date: day(-visit.ago),
          type: visit.type,
          ...(visit.km === undefined ? {} : { odometerKm: readings[next++] as number }),
        })),
      };
    });
  const stages = ["prospect", "new-car-purchase", "in-warranty", "post-warranty", "replacement-window", "lapsed"];
  it("classification is total: every valid customer gets exactly one known stage", () => {
    fc.assert(
      fc.property(customerArbitrary, (customer) => {
        const result = lifecycle.classify(customer, { asOf });
        expect(stages).toContain(result.stage);
      }),
    );
  });
  it("adding a newer service visit never moves a customer toward lapsed", () => {
    fc.assert(
      fc.property(customerArbitrary, fc.integer({ min: 0, max: 4000 }), (customer, ago) => {
        if (customer.vehicles.length === 0) return;
        const delivered =
          (Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${customer.vehicles[0]!.deliveryDate}T00:00:00Z`)) /
          86_400_000;
        const before = lifecycle.classify(customer, { asOf });
        const latest = Math.min(
          delivered,
          ...customer.serviceEvents.map(
            (event) => (Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${event.date}T00:00:00Z`)) / 86_400_000,
          ),
        );
        const visitAgo = Math.min(ago, latest); // newer than (or as new as) every contact so far
        const after = lifecycle.classify(
          {
            ...customer,
            serviceEvents: [...customer.serviceEvents, { vehicleId: "V1", date: day(-visitAgo), type: "maintenance" }],
          },
          { asOf },
        );
        if (before.stage !== "lapsed") expect(after.stage).not.toBe("lapsed");
        if (!before.flags.includes("at-risk") && before.stage !== "lapsed")
          expect(after.flags).not.toContain("at-risk");
      }),
    );
  });
});

describe("lifecycle reasons", () => {
  it("print the dates that decided the stage", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 60_000 }), fc.integer({ min: 96, max: 5000 }), (age, overdue) => {
        // Never came for the first service: due 5,000 km in (52 km a day: 96 days) after delivery.
        const delivered = 96 + overdue;
        const result = lifecycle.classify({ customerId: 1, vehicles: [vehicle(delivered)] }, { asOf });
        void age;
        expect(result.stage).toBe("lapsed");
        expect(result.reasons[0]?.text).toBe(
          `first service of V1 was due on ${day(-overdue)}, ${overdue} days ago: lapsed after 95`,
        );
      }),
    );
  });
});
