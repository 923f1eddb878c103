import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lifecycle, psv, service } from "../../src/index.js";

// Issue 25.3: a used car is scored from its real history — first registration (deliveryDate) for the warranty and
// the service life, the owner's acquisition for the schedule, the pace and the locked value.
const DAY = 86_400_000;
const dayOf = (date: string) => Date.parse(date) / DAY;
const iso = (day: number) => new Date(Math.round(day) * DAY).toISOString().slice(0, 10);
const used = {
  vehicleId: "U1",
  customerId: "C1",
  deliveryDate: "2020-01-15",
  acquiredDate: "2024-01-10",
  odometerAtAcquisition: 80_000,
  odometerKm: 85_000,
  odometerDate: "2024-06-10",
};
const sale = { vehicleId: "U1", date: "2024-01-10", type: "used-car-sale" as const, margin: "4000" };
const asOf = "2024-06-30";

describe("a certified used car sold at 80,000 km and read at 85,000 km five months later", () => {
  // Its pace is the owner's: 5,000 km in the 152 days since the sale (≈ 12,000 km a year), not 85,000 km over the
  // 4.4 years since first registration; the next service falls the schedule's interval after the sale: 10,000 km at
  // that pace (about 10 months) comes before 12 months.
  const pacePerDay = 5000 / (dayOf("2024-06-10") - dayOf("2024-01-10"));
  const dueDay = dayOf("2024-01-10") + 10_000 / pacePerDay;

  it("psv.assessCustomers: ≈ 12,000 km a year, the next service on schedule, no first-service flags", () => {
    expect(pacePerDay * 365.2425).toBeGreaterThan(11_900);
    expect(pacePerDay * 365.2425).toBeLessThan(12_100);
    const result = psv.assessCustomers({ vehicles: [used], serviceEvents: [sale], asOf });
    expect(result.errors).toEqual([]);
    const vehicle = result.customers[0]!.vehicles[0]!;
    expect(Math.abs(dayOf(vehicle.nextDueDate!) - dueDay)).toBeLessThanOrEqual(1);
    expect(vehicle.state).toBe("not-due");
    expect(vehicle.neverCameForFirstService).toBe(false);
    expect(vehicle.mileageAssumed).toBe(false);
    expect(result.customers[0]!.realisedValue.toFixed(0)).toBe("4000");
  });

  it("service.nextDue: the owner's km per day, due by mileage an interval after the sale", () => {
    const next = service.nextDue(used);
    expect(next.kmPerDaySource).toBe("odometer");
    expect(next.kmPerDay).toBeCloseTo(pacePerDay, 9);
    expect(next.isFirstService).toBe(false);
    expect(next.basis).toBe("mileage");
    expect(next.dueOdometerKm).toBe(90_000);
    expect(Math.abs(next.dueDate.getTime() / DAY - dueDay)).toBeLessThanOrEqual(1);
    const status = service.status(used, {}, { asOf });
    expect(status.state).toBe("not-due");
  });

  it("lifecycle.classify: past the warranty (first registration 2020), not a lapsed first service", () => {
    const customer = { customerId: "C1", vehicles: [used], serviceEvents: [sale] };
    const result = lifecycle.classify(customer, { asOf });
    expect(result.stage).toBe("post-warranty");
    const fresh = lifecycle.classify(customer, { asOf: "2024-02-15" });
    expect(fresh.stage).toBe("new-car-purchase"); // onboarding: bought 36 days before
    expect(fresh.reasons.map((r) => r.text).join(" ")).toMatch(/bought used on 2024-01-10/);
  });

  it("read as a new car it would be lapsed since 2020 (what the fields fix)", () => {
    const { acquiredDate: _a, odometerAtAcquisition: _k, ...asNew } = used;
    const result = psv.assessCustomers({ vehicles: [asNew], serviceEvents: [], asOf });
    expect(result.customers[0]!.vehicles[0]!.neverCameForFirstService).toBe(true);
  });
});

describe("a used car's locked value runs from its acquisition", () => {
  const assumptions = psv.defaultAssumptions({ segment: "mass" }).assumptions;
  const locked = (acquiredDate: string | undefined, km: number) =>
    psv
      .assessCustomers({
        vehicles: [
          {
            vehicleId: "V",
            customerId: "C",
            deliveryDate: "2018-03-01",
            ...(acquiredDate === undefined ? {} : { acquiredDate, odometerAtAcquisition: km }),
          },
        ],
        serviceEvents: [],
        asOf: "2024-06-30",
        assumptions,
      })
      .customers[0]!.lockedValue.toNumber();
  it("is below the new car's, and falls the later and the further along it was bought", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 30_000 }),
        (days, moreDays, km, moreKm) => {
          const start = dayOf("2018-03-01");
          const earlier = locked(iso(start + days), km);
          const later = locked(iso(start + Math.min(days + moreDays, 2300)), km + moreKm);
          expect(earlier).toBeLessThanOrEqual(locked(undefined, 0) + 1e-9);
          expect(later).toBeLessThanOrEqual(earlier + 0.01);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("used-car fields are checked like every other field, rows and columns alike", () => {
  it("names a bad acquisition per row and leaves the row out", () => {
    const bad = [
      { ...used, vehicleId: "A", acquiredDate: "2019-01-01" }, // before first registration
      { vehicleId: "B", customerId: "C", deliveryDate: "2020-01-15", odometerAtAcquisition: 5000 }, // km without day
      { ...used, vehicleId: "D", odometerKm: 70_000 }, // a later reading below the odometer at the sale
      { ...used, vehicleId: "E", acquiredDate: "2025-01-01" }, // after asOf
    ];
    const result = psv.assessCustomers({ vehicles: bad, serviceEvents: [], asOf });
    expect(result.errors.map((error) => error.rowIndex)).toEqual([0, 1, 2, 3]);
    expect(result.errors[0]!.message).toMatch(/acquiredDate/);
    expect(result.errors[1]!.message).toMatch(/acquiredDate.*required with odometerAtAcquisition/);
    expect(result.errors[2]!.message).toMatch(/below odometerAtAcquisition/);
  });

  it("rejects an event on a used car from before its acquisition: a previous owner's", () => {
    const early = { vehicleId: "U1", date: "2023-06-01", type: "maintenance" as const, margin: "600" };
    const result = psv.assessCustomers({ vehicles: [used], serviceEvents: [sale, early], asOf });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.rowIndex).toBe(1);
    expect(result.errors[0]!.message).toMatch(/before the owner acquired the vehicle/);
  });

  it("reads columns with acquisition days as rows with dates", () => {
    const rows = psv.assessCustomers({ vehicles: [used], serviceEvents: [sale], asOf });
    const columns = psv.assessCustomers({
      vehicles: {
        vehicleId: ["U1"],
        customerId: ["C1"],
        deliveryDay: [dayOf("2020-01-15")],
        acquiredDay: [dayOf("2024-01-10")],
        odometerAtAcquisition: Float64Array.of(80_000),
        odometerKm: [85_000],
        odometerDay: [dayOf("2024-06-10")],
      },
      serviceEvents: [sale],
      asOf,
    });
    expect(columns.customers).toEqual(rows.customers);
  });
});
