import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError, psv, sumMoney } from "../../src/index.js";

const base = psv.defaultAssumptions({ segment: "mass" }).assumptions;
const asOf = "2024-06-01";
const deliveredDaysAgo = (days: number) =>
  new Date(Date.parse(`${asOf}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

const assumptionsArbitrary = fc.record({
  kmPerYear: fc.integer({ min: 3000, max: 60_000 }),
  horizonYears: fc.integer({ min: 2, max: 15 }),
  retentionInWarranty: fc.double({ min: 0.3, max: 1, noNaN: true }),
  retentionPostWarranty: fc.double({ min: 0.3, max: 1, noNaN: true }),
  maintenanceValue: fc.integer({ min: 0, max: 3000 }),
  repairValue: fc.integer({ min: 0, max: 3000 }),
  insuranceRenewalProbability: fc.double({ min: 0, max: 1, noNaN: true }),
  repurchaseProbability: fc.double({ min: 0, max: 1, noNaN: true }),
  discountRate: fc.constantFrom(0, 0.05, 0.12),
});
const withBase = (overrides: object) => ({ ...base, ...overrides });
const total = (assumptions: psv.PsvAssumptions, vehicle: psv.PsvVehicle, rounding = { decimalPlaces: 8 }) =>
  psv.score(vehicle, assumptions, { asOf, rounding }).total.toNumber();

describe("PSV against closed forms", () => {
  it("constant retention and a single 'other' stream: v (e^(−ha) − e^(−hH)) / h", () => {
    const assumptions = withBase({
      maintenanceValue: 0,
      repairValue: 0,
      insuranceValue: 0,
      detailingValue: 0,
      repurchaseProbability: 0,
      otherValuePerYear: 100,
      retentionInWarranty: 0.8,
      retentionPostWarranty: 0.8,
      horizonYears: 10,
      horizonKm: 1e9,
    });
    const h = -Math.log(0.8);
    for (const days of [0, 365, 1000, 2500, 3652]) {
      const a = days / 365.2425;
      const expected = (100 * (Math.exp(-h * a) - Math.exp(-h * 10))) / h;
      expect(total(assumptions, { vehicleId: 1, deliveryDate: deliveredDaysAgo(days) })).toBeCloseTo(expected, 6);
    }
    const noChurn = withBase({ ...assumptions, retentionInWarranty: 1, retentionPostWarranty: 1 });
    expect(total(noChurn, { vehicleId: 1, deliveryDate: deliveredDaysAgo(1461) })).toBeCloseTo(
      100 * (10 - 1461 / 365.2425),
      6,
    );
  });
  it("a high-mileage car is further along its life than its age", () => {
    const vehicle = { vehicleId: 1, deliveryDate: deliveredDaysAgo(730), odometerKm: 76_000, odometerDate: asOf };
    const scored = psv.score(vehicle, base, { asOf });
    expect(scored.progressYears).toBeCloseTo(4, 12);
    expect(scored.ageYears).toBeCloseTo(730 / 365.2425, 12);
    expect(
      scored.total.lt(psv.score({ vehicleId: 1, deliveryDate: deliveredDaysAgo(730) }, base, { asOf }).total),
    ).toBe(true);
  });
});

describe("PSV properties (DOMAIN.md §2)", () => {
  it("without discounting, never increases with age or odometer, and is 0 past the horizon", () => {
    fc.assert(
      fc.property(
        assumptionsArbitrary,
        fc.integer({ min: 0, max: 6000 }),
        fc.integer({ min: 1, max: 800 }),
        fc.integer({ min: 0, max: 300_000 }),
        fc.integer({ min: 1, max: 50_000 }),
        (overrides, days, later, km, moreKm) => {
          const assumptions = withBase({ ...overrides, discountRate: 0 });
          const young = total(assumptions, {
            vehicleId: 1,
            deliveryDate: deliveredDaysAgo(days),
            odometerKm: km,
            odometerDate: asOf,
          });
          const older = total(assumptions, {
            vehicleId: 1,
            deliveryDate: deliveredDaysAgo(days + later),
            odometerKm: km,
            odometerDate: asOf,
          });
          const driven = total(assumptions, {
            vehicleId: 1,
            deliveryDate: deliveredDaysAgo(days),
            odometerKm: km + moreKm,
            odometerDate: asOf,
          });
          expect(older).toBeLessThanOrEqual(young + 1e-6);
          expect(driven).toBeLessThanOrEqual(young + 1e-6);
        },
      ),
    );
    const past = psv.score({ vehicleId: 1, deliveryDate: deliveredDaysAgo(11 * 366) }, base, { asOf });
    expect(past.total.isZero()).toBe(true);
    expect(past.remainingYears).toBe(0);
  });
  it("with a discount rate d > 0, PSV × (1 + d)^(−age) never increases", () => {
    fc.assert(
      fc.property(
        assumptionsArbitrary,
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 800 }),
        (overrides, days, later) => {
          const assumptions = withBase({ ...overrides, discountRate: 0.1 });
          const at = (d: number) =>
            total(assumptions, { vehicleId: 1, deliveryDate: deliveredDaysAgo(d) }) * 1.1 ** -(d / 365.2425);
          expect(at(days + later)).toBeLessThanOrEqual(at(days) * (1 + 1e-12) + 1e-9);
        },
      ),
    );
  });
  it("realised + remaining = lifetime per component on the expected schedule, to the cent", () => {
    fc.assert(
      fc.property(assumptionsArbitrary, fc.integer({ min: 0, max: 6000 }), (overrides, days) => {
        const scored = psv.score(
          { vehicleId: 1, deliveryDate: deliveredDaysAgo(days) },
          withBase({ ...overrides, discountRate: 0 }),
          { asOf },
        );
        for (const name of psv.COMPONENTS) {
          const sum = scored.realisedComponents[name].plus(scored.components[name]);
          expect(sum.minus(scored.lifetimeComponents[name]).abs().toNumber(), name).toBeLessThanOrEqual(0.01);
        }
      }),
    );
  });
  it("every component is ≥ 0 and raising any rate, value or retention never lowers PSV", () => {
    const raisers: [keyof psv.PsvAssumptions, (value: number) => number][] = [
      ["maintenanceValue", (v) => v + 100],
      ["repairValue", (v) => v * 1.5 + 1],
      ["insuranceValue", (v) => v + 50],
      ["insuranceRenewalProbability", (v) => Math.min(1, v + 0.1)],
      ["detailingJobsPerYear", (v) => v + 0.5],
      ["detailingValue", (v) => v + 10],
      ["otherValuePerYear", (v) => v + 10],
      ["repurchaseProbability", (v) => Math.min(1, v + 0.1)],
      ["newCarValue", (v) => v + 1000],
      ["tradeInValue", (v) => v + 1000],
      ["retentionInWarranty", (v) => Math.min(1, v + 0.05)],
      ["retentionPostWarranty", (v) => Math.min(1, v + 0.05)],
    ];
    fc.assert(
      fc.property(
        assumptionsArbitrary,
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 0, max: raisers.length - 1 }),
        (overrides, days, which) => {
          const assumptions = withBase(overrides);
          const vehicle = { vehicleId: 1, deliveryDate: deliveredDaysAgo(days) };
          const scored = psv.score(vehicle, assumptions, { asOf });
          for (const name of psv.COMPONENTS) expect(scored.components[name].isNegative()).toBe(false);
          const [name, raise] = raisers[which]!;
          const raised = withBase({ ...assumptions, [name]: raise(assumptions[name] as number) });
          expect(total(raised, vehicle)).toBeGreaterThanOrEqual(total(assumptions, vehicle) - 1e-6);
        },
      ),
    );
    const higherRepairs = withBase({ repairVisitsByAge: base.repairVisitsByAge.map((rate) => rate + 0.2) });
    expect(total(higherRepairs, { vehicleId: 1, deliveryDate: deliveredDaysAgo(400) })).toBeGreaterThan(
      total(base, { vehicleId: 1, deliveryDate: deliveredDaysAgo(400) }),
    );
  });
  it("the fleet's PSV is the sum of its vehicles; batch equals single scoring", () => {
    const vehicles = Array.from({ length: 50 }, (_, index) => ({
      vehicleId: index,
      deliveryDate: deliveredDaysAgo(index * 70),
      ...(index % 3 === 0 ? { odometerKm: index * 1500, odometerDate: asOf } : {}),
    }));
    const batch = psv.scoreBatch(vehicles, base, { asOf });
    const singles = vehicles.map((vehicle) =>
      psv.score(vehicle, base, { asOf, rounding: { decimalPlaces: 10 } }).total.toNumber(),
    );
    for (const [index, value] of singles.entries()) expect(batch.total[index]).toBeCloseTo(value, 6);
    expect(Math.abs(batch.fleetTotal.toNumber() - singles.reduce((sum, value) => sum + value, 0))).toBeLessThanOrEqual(
      0.005 + 1e-6,
    );
  });
  it("takes columns as well as rows, with the same values and the same per-row errors", () => {
    const rows = Array.from({ length: 30 }, (_, index) => ({
      vehicleId: index,
      deliveryDate: index === 7 ? "2031-01-01" : deliveredDaysAgo(index * 90),
      ...(index % 4 === 0 ? { odometerKm: index * 900, odometerDate: asOf } : {}),
      ...(index % 5 === 0 ? { lastServiceDate: deliveredDaysAgo(Math.max(0, index * 90 - 200)), servicesDone: 2 } : {}),
    }));
    const field = <K extends string>(key: K) => rows.map((row) => (row as Record<string, unknown>)[key] as never);
    const columns = {
      vehicleId: new Float64Array(rows.map((row) => row.vehicleId)),
      deliveryDate: field("deliveryDate"),
      odometerKm: field("odometerKm"),
      odometerDate: field("odometerDate"),
      lastServiceDate: field("lastServiceDate"),
      servicesDone: field("servicesDone"),
    };
    const fromRows = psv.scoreBatch(rows, base, { asOf });
    const fromColumns = psv.scoreBatch(columns, base, { asOf });
    expect(fromColumns.total).toEqual(fromRows.total);
    expect(fromColumns.repurchase).toEqual(fromRows.repurchase);
    expect(fromColumns.fleetTotal.toString()).toBe(fromRows.fleetTotal.toString());
    expect(fromColumns.errors.map((error) => [error.rowIndex, error.issues[0]?.path])).toEqual([[7, ["deliveryDate"]]]);
    expect(() => psv.scoreBatch({ ...columns, deliveryDate: ["2020-01-01"] }, base, { asOf })).toThrow(/deliveryDate/);
  });
  it("takes day numbers (days since 1970-01-01) instead of dates, with the same values and errors", () => {
    const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
    const rows = Array.from({ length: 40 }, (_, index) => ({
      vehicleId: `V${index}`,
      deliveryDate: index === 7 ? "2031-01-01" : deliveredDaysAgo(index * 90),
      ...(index % 4 === 0 ? { odometerKm: index * 900, odometerDate: deliveredDaysAgo(index * 20) } : {}),
    }));
    const fromRows = psv.scoreBatch(rows, base, { asOf });
    const columns = {
      vehicleId: rows.map((row) => row.vehicleId),
      deliveryDay: Int32Array.from(rows, (row) => dayOf(row.deliveryDate)),
      // NaN (or null, or undefined) marks a vehicle without a reading.
      odometerKm: Float64Array.from(rows, (row) => row.odometerKm ?? Number.NaN),
      odometerDay: Float64Array.from(rows, (row) => (row.odometerDate ? dayOf(row.odometerDate) : Number.NaN)),
    };
    const fromDays = psv.scoreBatch(columns, base, { asOf });
    expect(fromDays.total).toEqual(fromRows.total);
    expect(fromDays.realised).toEqual(fromRows.realised);
    expect(fromDays.fleetTotal.toString()).toBe(fromRows.fleetTotal.toString());
    expect(fromDays.errors.map((error) => [error.rowIndex, error.issues[0]?.path])).toEqual([[7, ["deliveryDay"]]]);
    // Day numbers mixed with dates: delivery as days, odometer readings as dates.
    const mixed = psv.scoreBatch(
      {
        vehicleId: columns.vehicleId,
        deliveryDay: columns.deliveryDay,
        odometerKm: rows.map((row) => row.odometerKm),
        odometerDate: rows.map((row) => row.odometerDate),
      },
      base,
      { asOf },
    );
    expect(mixed.total).toEqual(fromRows.total);
    const bad = psv.scoreBatch(
      {
        vehicleId: [1, 2, 3, 4, 5],
        deliveryDay: [19_000.5, 19_000, 19_000, 19_000, 19_000],
        odometerKm: [Number.NaN, 5000, Number.NaN, -1, 5000],
        odometerDay: [Number.NaN, Number.NaN, 19_100, 19_100, 19_100.5],
      },
      base,
      { asOf },
    );
    expect(bad.errors.map((error) => [error.rowIndex, error.issues[0]?.path[0], error.issues[0]?.message])).toEqual([
      [0, "deliveryDay", "must be a whole day number (days since 1970-01-01), got 19000.5"],
      [1, "odometerDay", "is required with odometerKm"],
      [2, "odometerKm", "must be a finite number ≥ 0 (with odometerDay), got NaN"],
      [3, "odometerKm", "must be a finite number ≥ 0 (with odometerDay), got -1"],
      [4, "odometerDay", "must be a whole day number (days since 1970-01-01), got 19100.5"],
    ]);
    expect(() =>
      psv.scoreBatch({ ...columns, deliveryDate: rows.map((row) => row.deliveryDate) } as never, base, { asOf }),
    ).toThrow(/not both/);
    expect(() => psv.scoreBatch({ vehicleId: [1] } as never, base, { asOf })).toThrow(/deliveryDate: is required/);
  });
});

describe("PSV batch on day columns", () => {
  const asOfDay = Date.parse(`${asOf}T00:00:00Z`) / 86_400_000;
  const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  // Good entries and every kind of bad one: each row checked in one test must get the reader's verdict.
  const vehicle = fc.record({
    id: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom("V1", "", Number.NaN, null)),
    delivery: fc.oneof(
      fc.integer({ min: asOfDay - 8000, max: asOfDay + 40 }),
      fc.constantFrom(asOfDay - 100.5, Number.NaN, null, "19000"),
    ),
    km: fc.oneof(
      fc.integer({ min: 0, max: 300_000 }),
      fc.constantFrom(Number.NaN, null, undefined, -1, Number.POSITIVE_INFINITY),
    ),
    readAgo: fc.oneof(fc.integer({ min: -40, max: 9000 }), fc.constant(Number.NaN)),
  });
  it("equal the reader's results and errors, row for row (200 runs)", () => {
    fc.assert(
      fc.property(fc.array(vehicle, { minLength: 1, maxLength: 30 }), (rows) => {
        const odometerDay = rows.map((row) => asOfDay - row.readAgo);
        const days = {
          vehicleId: rows.map((row) => row.id),
          deliveryDay: rows.map((row) => row.delivery),
          odometerKm: rows.map((row) => row.km),
          odometerDay,
        };
        // Odometer readings as dates take the reader for every row: the reference.
        const dates = {
          ...days,
          odometerDay: undefined,
          odometerDate: odometerDay.map((day) => (Number.isNaN(day) ? undefined : isoOf(day))),
        };
        const quick = psv.scoreBatch(days as never, base, { asOf });
        const read = psv.scoreBatch(dates as never, base, { asOf });
        for (const column of ["total", "realised", "lifetime", "remainingYears", "maintenance", "repurchase"] as const)
          expect(quick[column]).toEqual(read[column]);
        expect(quick.fleetTotal.toString()).toBe(read.fleetTotal.toString());
        const verdicts = (result: psv.PsvBatch) =>
          result.errors.map((error) => [error.rowIndex, error.message.replaceAll("odometerDate", "odometerDay")]);
        expect(verdicts(quick)).toEqual(verdicts(read));
      }),
      { numRuns: 200 },
    );
  });
});

describe("PSV input errors", () => {
  it("name the field and row; batches keep going", () => {
    expect(() => psv.score({ vehicleId: 1, deliveryDate: "2030-01-01" }, base, { asOf })).toThrow(
      /deliveryDate: is after asOf/,
    );
    expect(() =>
      psv.score({ vehicleId: 1, deliveryDate: "2020-01-01", odometerKm: -5, odometerDate: "2021-01-01" }, base, {
        asOf,
      }),
    ).toThrow(/odometerKm/);
    expect(() =>
      psv.score({ vehicleId: 1, deliveryDate: "2020-01-01", odometerKm: 5, odometerDate: "2019-01-01" }, base, {
        asOf,
      }),
    ).toThrow(/odometerDate: is before the delivery date/);
    expect(() =>
      psv.score({ vehicleId: 1, deliveryDate: "2020-01-01" }, withBase({ retentionInWarranty: 1.2 }), { asOf }),
    ).toThrow(/retentionInWarranty: must be a probability/);
    expect(() =>
      psv.score({ vehicleId: 1, deliveryDate: "2020-01-01" }, withBase({ repairValue: "12,50" }), { asOf }),
    ).toThrow(/repairValue/);
    expect(() => psv.defaultAssumptions({ segment: "sports" as "mass" })).toThrow(InvalidInputError);
    const batch = psv.scoreBatch(
      [
        { vehicleId: 1, deliveryDate: "2020-01-01" },
        { vehicleId: 2, deliveryDate: "bad" },
        { vehicleId: 3, deliveryDate: "2021-01-01" },
      ],
      base,
      { asOf },
    );
    expect(batch.errors.map((error) => error.rowIndex)).toEqual([1]);
    expect(Number.isNaN(batch.total[1])).toBe(true);
    expect(batch.total[2]).toBeGreaterThan(0);
  });
});

describe("psv.score money adds up", () => {
  it("components add up to the total, and realised + remaining = lifetime, exactly, per component", () => {
    const base = psv.defaultAssumptions({ segment: "premium" }).assumptions;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3650 }),
        fc.integer({ min: 0, max: 250_000 }),
        fc.integer({ min: 0, max: 4 }),
        (ageDays, km, decimalPlaces) => {
          const deliveryDate = new Date(Date.UTC(2024, 5, 1) - ageDays * 86_400_000).toISOString().slice(0, 10);
          const scored = psv.score({ vehicleId: 1, deliveryDate, odometerKm: km, odometerDate: "2024-06-01" }, base, {
            asOf: "2024-06-01",
            rounding: { decimalPlaces },
          });
          for (const [whole, parts] of [
            [scored.total, scored.components],
            [scored.realised, scored.realisedComponents],
            [scored.lifetime, scored.lifetimeComponents],
          ] as const)
            expect(sumMoney(Object.values(parts)).eq(whole)).toBe(true);
          expect(scored.realised.plus(scored.total).eq(scored.lifetime)).toBe(true);
          for (const name of psv.COMPONENTS)
            expect(
              scored.realisedComponents[name].plus(scored.components[name]).eq(scored.lifetimeComponents[name]),
            ).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
