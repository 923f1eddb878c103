import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError, psv } from "../../src/index.js";

const asOf = "2024-06-01";
const truth = {
  ...psv.defaultAssumptions({ segment: "premium" }).assumptions,
  retentionInWarranty: 0.85,
  retentionPostWarranty: 0.65,
  repurchaseProbability: 0.4,
  insuranceRenewalProbability: 0.55,
};

describe("psv.calibrate recovers the assumptions behind a simulated dealer history", () => {
  const history = psv.simulateHistory({
    assumptions: truth,
    vehicles: 20_000,
    seed: 3,
    firstDelivery: "2012-01-01",
    lastDelivery: "2023-12-31",
    asOf,
  });
  const { assumptions, report } = psv.calibrate({ ...history, asOf });
  it("estimates retention, rates, values, mileage and repurchase", () => {
    expect(Math.abs(assumptions.retentionInWarranty - truth.retentionInWarranty)).toBeLessThan(0.02);
    expect(Math.abs(assumptions.retentionPostWarranty - truth.retentionPostWarranty)).toBeLessThan(0.02);
    expect(Math.abs(assumptions.kmPerYear / truth.kmPerYear - 1)).toBeLessThan(0.02);
    for (let year = 0; year < 8; year++) {
      expect(
        Math.abs(assumptions.repairVisitsByAge[year]! / truth.repairVisitsByAge[year]! - 1),
        `repairs in year ${year + 1}`,
      ).toBeLessThan(0.1);
    }
    expect(Math.abs(assumptions.insuranceRenewalProbability - truth.insuranceRenewalProbability)).toBeLessThan(0.03);
    expect(Math.abs(assumptions.detailingJobsPerYear / truth.detailingJobsPerYear - 1)).toBeLessThan(0.05);
    expect(Math.abs(assumptions.otherValuePerYear / truth.otherValuePerYear - 1)).toBeLessThan(0.05);
    expect(assumptions.maintenanceValue).toBe(truth.maintenanceValue);
    expect(assumptions.newCarValue).toBe(truth.newCarValue);
    expect(Math.abs(assumptions.repurchaseProbability - truth.repurchaseProbability)).toBeLessThan(0.05);
    expect(Math.abs(assumptions.replacementAgeYears - truth.replacementAgeYears)).toBeLessThan(0.1);
    // Maintenance: the visit rate (per-vehicle mileage varies ±30%, so the truth is the mean of max(1, km/10,000)).
    const rate = Math.max(
      12 / assumptions.serviceIntervalMonths,
      assumptions.kmPerYear / assumptions.serviceIntervalKm,
    );
    let trueRate = 0;
    for (let k = 0; k < 1000; k++)
      trueRate += Math.max(1, (truth.kmPerYear * (0.7 + (0.6 * (k + 0.5)) / 1000)) / truth.serviceIntervalKm) / 1000;
    expect(Math.abs(rate / trueRate - 1)).toBeLessThan(0.12);
    expect(report.retentionInWarranty?.source).toBe("data");
    expect(report.retentionInWarranty?.note).toMatch(/departures in/);
  });
  it("gives PSVs within 6% of those under the true assumptions", () => {
    for (const deliveryDate of ["2024-01-01", "2021-06-01", "2018-03-01"]) {
      const calibrated = psv.score({ vehicleId: 1, deliveryDate }, assumptions, { asOf }).total.toNumber();
      const exact = psv.score({ vehicleId: 1, deliveryDate }, truth, { asOf }).total.toNumber();
      expect(Math.abs(calibrated / exact - 1), deliveryDate).toBeLessThan(0.06);
    }
  });
  it("falls back to the defaults where data are thin, and says so", () => {
    const small = psv.simulateHistory({
      assumptions: truth,
      vehicles: 15,
      seed: 1,
      firstDelivery: "2023-01-01",
      lastDelivery: "2023-12-31",
      asOf,
    });
    const thin = psv.calibrate({ ...small, asOf });
    expect(thin.report.repurchaseProbability?.source).toBe("fallback");
    expect(thin.report.repurchaseProbability?.note).toMatch(/too little data/);
    expect(thin.assumptions.repurchaseProbability).toBe(
      psv.defaultAssumptions({ segment: "mass" }).assumptions.repurchaseProbability,
    );
  });
});

describe("psv.calibrate input errors (nothing is silently dropped)", () => {
  const vehicles = [{ vehicleId: "V1", customerId: "C1", deliveryDate: "2020-01-01" }];
  const event = { vehicleId: "V1", date: "2021-01-01", type: "maintenance", odometerKm: 20_000, margin: 300 };
  const run =
    (overrides: object, extra: object[] = []) =>
    () =>
      psv.calibrate({ vehicles, serviceEvents: [event, { ...event, ...overrides }, ...extra], asOf });
  it("rejects unknown types, early dates, unknown vehicles, backwards odometers and negative amounts", () => {
    expect(run({ type: "car-wash" })).toThrow(/row 1: type/);
    expect(run({ date: "2019-06-01" })).toThrow(/row 1: date: is before the vehicle's delivery date/);
    expect(run({ vehicleId: "V9" })).toThrow(/row 1: vehicleId: is not a known vehicle/);
    expect(run({ date: "2022-01-01", odometerKm: 10_000 })).toThrow(/odometerKm: goes backwards/);
    expect(run({ revenue: -5 })).toThrow(/revenue: must not be negative/);
    expect(() => psv.calibrate({ vehicles: [...vehicles, ...vehicles], serviceEvents: [], asOf })).toThrow(
      /duplicate vehicle/,
    );
    expect(run({})).not.toThrow(InvalidInputError);
  });
});

describe("psv.prioritize", () => {
  it("ranks customers by PSV × risk with reasons, deterministically", () => {
    const ranked = psv.prioritize([
      { vehicleId: "A", customerId: 1, total: 9000, churnRisk: 0.1 },
      { vehicleId: "B", customerId: 2, total: "4000", churnRisk: 0.5 },
      { vehicleId: "C", customerId: 3, total: 2000, churnRisk: 0.45 },
      { vehicleId: "D", customerId: 3, total: 500, churnRisk: 1 },
    ]);
    expect(ranked.map((row) => [row.customerId, row.valueAtRisk.toFixed(2)])).toEqual([
      [2, "2000.00"],
      [3, "1400.00"],
      [1, "900.00"],
    ]);
    expect(ranked[0]?.reason).toBe("2000.00 at risk: PSV 4000.00 × churn risk 0.50 (vehicle B)");
    expect(ranked[1]?.reason).toMatch(/over 2 vehicles \(PSV 2500.00\); most from vehicle C/);
    expect(
      psv.prioritize(
        [
          { vehicleId: "A", total: 10 },
          { vehicleId: "B", total: 20 },
        ],
        { churnRisk: [0.5, 0.25], budget: 1 },
      ),
    ).toHaveLength(1);
  });
  it("value at risk never rises down the list", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            total: fc.integer({ min: 0, max: 100_000 }),
            churnRisk: fc.double({ min: 0, max: 1, noNaN: true }),
            customer: fc.integer({ min: 0, max: 20 }),
          }),
          { maxLength: 60 },
        ),
        (rows) => {
          const ranked = psv.prioritize(
            rows.map((row, index) => ({
              vehicleId: index,
              customerId: row.customer,
              total: row.total,
              churnRisk: row.churnRisk,
            })),
          );
          for (let index = 1; index < ranked.length; index++)
            expect(ranked[index]!.valueAtRisk.lte(ranked[index - 1]!.valueAtRisk)).toBe(true);
        },
      ),
    );
  });
  it("rejects a missing or impossible risk", () => {
    expect(() => psv.prioritize([{ vehicleId: "A", total: 10 }])).toThrow(/row 0: churnRisk/);
    expect(() => psv.prioritize([{ vehicleId: "A", total: 10, churnRisk: 2 }])).toThrow(InvalidInputError);
  });
});

describe("psv.calibrate counts a later vehicle of the same customer as a repurchase", () => {
  it("without any new-car-purchase event", () => {
    const vehicles: { vehicleId: string; customerId: string; deliveryDate: string }[] = [];
    const serviceEvents: { vehicleId: string; date: string; type: string; margin: number }[] = [];
    // 40 owners kept their car past 7 years; 20 of them bought the next car here at 6 years.
    for (let index = 0; index < 40; index++) {
      vehicles.push({ vehicleId: `V${index}`, customerId: `C${index}`, deliveryDate: "2014-01-01" });
      for (let year = 0; year < 9; year++)
        serviceEvents.push({ vehicleId: `V${index}`, date: `${2014 + year}-06-01`, type: "maintenance", margin: 300 });
      if (index < 20) vehicles.push({ vehicleId: `W${index}`, customerId: `C${index}`, deliveryDate: "2020-01-01" });
    }
    const { assumptions, report } = psv.calibrate({ vehicles, serviceEvents, asOf: "2024-06-01", minimumEvidence: 10 });
    expect(report.repurchaseProbability?.source).toBe("data");
    expect(assumptions.repurchaseProbability).toBeCloseTo(0.5, 12);
    expect(assumptions.replacementAgeYears).toBeCloseTo(2191 / 365.2425, 9);
  });
});
