import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DealerCustomer, generateDealerData, InvalidInputError, psv } from "../../src/index.js";

// The reminder effect learned from a campaign log (psv.calibrate({ contacts })): recovery on simulated logs whose
// true effect the library never sees, the defaults and the warning without a log, bad rows, and what the call list
// does with the learned effect.
const asOf = "2023-06-30";
const quarterly = Array.from({ length: 8 }, (_, k) =>
  new Date(Date.parse("2021-07-10") + k * 91 * 86_400_000).toISOString().slice(0, 10),
);

function world(campaigns: NonNullable<Parameters<typeof generateDealerData>[0]["campaigns"]>, vehicles = 12_000) {
  const data = generateDealerData({ vehicles, seed: 21, asOf, prospectShare: 0, campaigns });
  return inputsOf(data);
}

function inputsOf(data: DealerCustomer[]) {
  return {
    vehicles: data.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId }))),
    serviceEvents: data.flatMap((c) => c.serviceEvents),
    contacts: data.flatMap((c) => (c.contacts ?? []).map((row) => ({ ...row, customerId: c.customerId }))),
  };
}

const bandValue = (result: psv.CalibrationResult, fromDays: number) =>
  result.reminder.byLead.find((band) => band.fromDays === fromDays)?.value ?? Number.NaN;

describe("psv.calibrate without a campaign log", () => {
  const { vehicles, serviceEvents } = world({ dates: quarterly }, 1500);
  const result = psv.calibrate({ vehicles, serviceEvents, asOf });
  it("keeps the documented defaults, marked source default, and warns that the call list rests on them", () => {
    expect(result.reminder.source).toBe("default");
    expect(result.report.reminderEffectByLead?.source).toBe("default");
    expect(result.assumptions.reminderEffectByLead).toEqual(
      psv.defaultAssumptions({ segment: "mass" }).assumptions.reminderEffectByLead,
    );
    expect(result.warnings.join(" ")).toMatch(/no campaign log.*assumed reminder effect/);
  });
});

describe("psv.calibrate learns the reminder effect from a log with a control group", () => {
  // A reached reminder halves the chance of leaving for a visit due within 120 days; 10% of owners hard to reach.
  const strong = world({ dates: quarterly, leadDays: [-120, 240], effect: 0.5, effectLeadDays: [0, 120] });
  const learned = psv.calibrate({ ...strong, asOf });
  it("finds an effect within the window and none well beyond it, with evidence per band", () => {
    expect(learned.errors).toEqual([]);
    expect(learned.reminder.source).toBe("data");
    expect(learned.warnings).toEqual([]);
    for (const from of [0, 30, 60, 90]) expect(bandValue(learned, from)).toBeGreaterThan(0.2);
    for (const from of [180, 270]) expect(bandValue(learned, from)).toBeLessThan(0.1);
    const near = learned.reminder.byLead.find((band) => band.fromDays === 30)!;
    expect(near.treated).toBeGreaterThan(near.control);
    expect(near.notBackTreated).toBeLessThan(near.notBackControl);
    expect(near.low).toBeLessThan(near.estimate);
    expect(near.high).toBeGreaterThan(near.estimate);
  });
  it("learns the dealer's reach rate (0.9 for most owners, 0.05 for the 10% hard to reach)", () => {
    expect(learned.assumptions.reminderReach).toBeCloseTo(0.9 * 0.9 + 0.1 * 0.05, 1);
    expect(learned.report.reminderReach?.note).toMatch(/of \d+ attempts reached/);
  });
  it("finds nothing where reminders do nothing: every band below 0.15", () => {
    const none = world({ dates: quarterly, leadDays: [-120, 240], effect: 0 });
    const result = psv.calibrate({ ...none, asOf });
    for (const band of result.reminder.byLead) expect(band.value).toBeLessThan(0.15);
  });
  it("keeps the default, and says so, where the log is too small to tell (40 vehicles)", () => {
    const small = world({ dates: quarterly, leadDays: [-120, 240], effect: 0 }, 40);
    const result = psv.calibrate({ ...small, asOf });
    const defaults = psv.defaultAssumptions({ segment: "mass" }).assumptions.reminderEffectByLead!;
    expect(result.reminder.source).toBe("default");
    result.reminder.byLead.forEach((band, k) => {
      expect(band.value).toBe(defaults[k]!);
    });
    expect(result.warnings.join(" ")).toMatch(/too small to estimate/);
  });
  it("moves toward what a mid-sized log shows, less than its raw estimates (400 vehicles, no effect)", () => {
    const mid = world({ dates: quarterly, leadDays: [-120, 240], effect: 0 }, 400);
    const result = psv.calibrate({ ...mid, asOf });
    const near = result.reminder.byLead.find((band) => band.fromDays === 0)!;
    expect(near.value).toBeLessThanOrEqual(0.5);
    if (Number.isFinite(near.estimate)) expect(Math.abs(near.value - near.estimate)).toBeGreaterThan(0);
  });
});

describe("psv.calibrate with a messy campaign log", () => {
  const { vehicles, serviceEvents, contacts } = world({ dates: quarterly }, 800);
  it("reports bad contact rows one by one and never throws the batch", () => {
    const bad = [
      { customerId: "nobody", date: "2022-01-01", group: "treatment" as const },
      { customerId: contacts[0]!.customerId, date: "2031-01-01", group: "control" as const },
      { customerId: contacts[0]!.customerId, date: "2022-02-01", group: "control" as const, reached: false },
    ];
    const result = psv.calibrate({ vehicles, serviceEvents, asOf, contacts: [...contacts, ...bad] });
    const contactErrors = result.errors.filter((error) => error.subject === "campaign contact");
    expect(contactErrors.map((error) => error.rowIndex)).toEqual([
      contacts.length,
      contacts.length + 1,
      contacts.length + 2,
    ]);
    expect(contactErrors.every((error) => error instanceof InvalidInputError)).toBe(true);
    expect(result.reminder.contacts.used).toBeGreaterThan(0);
  });
});

describe("psv.calibrate's reminder effect: properties", () => {
  const { vehicles, serviceEvents, contacts } = world({ dates: quarterly, leadDays: [-120, 240] }, 1200);
  const reference = psv.calibrate({ vehicles, serviceEvents, asOf, contacts }).reminder;
  it("does not depend on the order of the log's rows, and stays in range", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        let state = seed;
        const shuffled = [...contacts];
        for (let k = shuffled.length - 1; k > 0; k--) {
          state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
          const j = state % (k + 1);
          [shuffled[k], shuffled[j]] = [shuffled[j]!, shuffled[k]!];
        }
        const learned = psv.calibrate({ vehicles, serviceEvents, asOf, contacts: shuffled }).reminder;
        learned.byLead.forEach((band, k) => {
          expect(band.value).toBeCloseTo(reference.byLead[k]!.value, 12);
          expect(band.value).toBeGreaterThanOrEqual(0);
          expect(band.value).toBeLessThanOrEqual(1);
        });
        for (const stage of learned.byStage) expect(stage.value).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 5 },
    );
  });
});

// One owner with a yearly maintenance visit, next due 2023-08-01, on the default assumptions.
const base = psv.defaultAssumptions({ segment: "mass" }).assumptions;
const vehicle = { vehicleId: "V1", customerId: "C1", deliveryDate: "2020-03-01" };
const visits = ["2020-08-01", "2021-08-01", "2022-08-01"].map((date) => ({
  vehicleId: "V1",
  date,
  type: "maintenance" as const,
  margin: "660",
}));

describe("the learned effect in the call list", () => {
  const saveableOn = (date: string, assumptions: psv.PsvAssumptions) =>
    psv
      .assessCustomers({ vehicles: [vehicle], serviceEvents: visits, asOf: date, assumptions })
      .customers[0]!.saveableValue.toNumber();
  it("gives an overdue, not yet lapsed owner a saveable value only when reminders act on overdue visits", () => {
    const overdue = "2023-09-10"; // due 2023-08-01: 40 days overdue
    expect(saveableOn(overdue, base)).toBe(0);
    const actsWhenOverdue = { ...base, reminderEffectByLead: [0, 0, 0.4, 0.4, 0.5, 0.5, 0, 0, 0, 0, 0] };
    expect(saveableOn(overdue, actsWhenOverdue)).toBeGreaterThan(0);
  });
  it("scales with the effect and the reach rate, and is zero without an effect", () => {
    const dueSoon = "2023-07-10";
    const half = saveableOn(dueSoon, base);
    expect(half).toBeGreaterThan(0);
    const full = saveableOn(dueSoon, { ...base, reminderEffectByLead: base.reminderEffectByLead!.map((x) => 2 * x) });
    expect(full).toBeCloseTo(2 * half, 1);
    expect(saveableOn(dueSoon, { ...base, reminderReach: 0.5 })).toBeCloseTo(half / 2, 1);
    expect(saveableOn(dueSoon, { ...base, reminderEffectByLead: new Array(11).fill(0) })).toBe(0);
  });
  it("tells a drifting owner (maintenance skipped, other services since) from a lapsed one", () => {
    const early = visits.slice(0, 2); // the last maintenance on 2021-08-01: due 2022-08-01, 343 days overdue
    const renewal = { vehicleId: "V1", date: "2023-06-01", type: "insurance" as const, margin: "500" };
    const assess = (events: psv.AssessEvent[]) =>
      psv.assessCustomers({ vehicles: [vehicle], serviceEvents: events, asOf: "2023-07-10", assumptions: base })
        .customers[0]!;
    const lapsed = assess(early);
    expect(lapsed.vehicles[0]!.state).toBe("lost");
    expect(lapsed.action).toBe("win-back");
    const drifting = assess([...early, renewal]);
    expect(drifting.vehicles[0]!.state).toBe("drifting");
    expect(drifting.vehicles[0]!.nextDueDate).toBe("2023-08-01"); // a year after the skipped due date
    expect(drifting.action).toBe("remind");
    expect(drifting.saveableValue.toNumber()).toBeGreaterThan(0);
    expect(drifting.reasons.map((r) => r.text).join(" ")).toMatch(/drifting to independent garages/);
  });
  it("ranks a fleet by its total (callPer customer, the default) or by its best vehicle (callPer vehicle)", () => {
    const fleetVehicles = [1, 2, 3, 4, 5].map((k) => ({ ...vehicle, vehicleId: `F${k}`, customerId: "FLEET" }));
    const single = { ...vehicle, vehicleId: "S1", customerId: "SINGLE" };
    const events = [
      ...fleetVehicles.flatMap((v) => visits.map((visit) => ({ ...visit, vehicleId: v.vehicleId }))),
      ...visits.map((visit) => ({ ...visit, vehicleId: "S1", margin: "2000" })),
    ];
    const order = (callPer?: "customer" | "vehicle") =>
      psv
        .assessCustomers({
          vehicles: [...fleetVehicles, single],
          serviceEvents: events,
          asOf: "2023-07-10",
          ...(callPer === undefined ? {} : { callPer }),
        })
        .customers.map((row) => row.customerId);
    expect(order()).toEqual(["FLEET", "SINGLE"]);
    expect(order("customer")).toEqual(["FLEET", "SINGLE"]);
    expect(order("vehicle")).toEqual(["SINGLE", "FLEET"]);
    expect(() => order("fleet" as "vehicle")).toThrow(InvalidInputError);
  });
  it("rejects reminder assumptions of the wrong shape, and fills them in when stored assumptions lack them", () => {
    expect(() => psv.checkAssumptions({ ...base, reminderEffectByLead: [0.5] })).toThrow(InvalidInputError);
    expect(() => psv.checkAssumptions({ ...base, reminderReach: 2 })).toThrow(/reminderReach/);
    const { reminderEffectByLead: _a, reminderStageFactors: _b, reminderReach: _c, ...stored } = base;
    expect(psv.checkAssumptions(stored).reminderEffectByLead).toEqual(base.reminderEffectByLead);
  });
});

describe("the saveable total's 95% interval (totals.saveableValueInterval)", () => {
  const assess = (assumptions: psv.PsvAssumptions) =>
    psv.assessCustomers({ vehicles: [vehicle], serviceEvents: visits, asOf: "2023-07-10", assumptions }).totals;
  const diagonal = (variance: number) =>
    Array.from({ length: 11 }, (_, i) => Array.from({ length: 11 }, (_, j) => (i === j ? variance : 0)));
  it("is null where the effect is assumed (no campaign log): its uncertainty is unknown", () => {
    expect(assess(base).saveableValueInterval).toBeNull();
    const { vehicles, serviceEvents } = world({ dates: quarterly }, 300);
    const calibrated = psv.calibrate({ vehicles, serviceEvents, asOf });
    expect(calibrated.assumptions.reminderEffectCovariance).toBeUndefined();
  });
  it("is the total ± 1.96 × σ × (saveable per unit of effect) for one vehicle, and a point at zero variance", () => {
    // Due 2023-08-01, 22 days ahead: band 0–30 days, effect 0.5, so the value per unit of effect is saveable / 0.5.
    const sigma = 0.1;
    const totals = assess({ ...base, reminderEffectCovariance: diagonal(sigma ** 2) });
    const saveable = totals.saveableValue.toNumber();
    expect(saveable).toBeGreaterThan(0);
    const half = 1.959964 * sigma * (saveable / 0.5);
    expect(totals.saveableValueInterval?.level).toBe(0.95);
    expect(totals.saveableValueInterval?.high.toNumber()).toBeCloseTo(saveable + half, 1);
    expect(totals.saveableValueInterval?.low.toNumber()).toBeCloseTo(saveable - half, 1);
    const point = assess({ ...base, reminderEffectCovariance: diagonal(0) }).saveableValueInterval;
    expect(point?.low.toNumber()).toBe(saveable);
    expect(point?.high.toNumber()).toBe(saveable);
  });
  it("rejects a covariance of the wrong shape or with negative variances", () => {
    for (const covariance of [[[0.1]], diagonal(-0.01), diagonal(Number.NaN), "0.1"])
      expect(() =>
        psv.checkAssumptions({ ...base, reminderEffectCovariance: covariance as unknown as number[][] }),
      ).toThrow(/reminderEffectCovariance/);
  });
  it("comes from the log with the learned effect, and brackets the total", () => {
    const learned = world({ dates: quarterly, leadDays: [-120, 240], effect: 0.5, effectLeadDays: [0, 120] }, 3000);
    const calibrated = psv.calibrate({ ...learned, asOf });
    const covariance = calibrated.assumptions.reminderEffectCovariance!;
    expect(covariance).toHaveLength(11);
    covariance.forEach((row, i) => {
      expect(row[i]).toBeGreaterThanOrEqual(0);
      row.forEach((value, j) => {
        expect(value).toBeCloseTo(covariance[j]![i]!, 15);
      });
    });
    const { totals } = psv.assessCustomers({ ...learned, asOf, assumptions: calibrated.assumptions, rows: 0 });
    const interval = totals.saveableValueInterval!;
    expect(interval.low.lt(totals.saveableValue)).toBe(true);
    expect(interval.high.gt(totals.saveableValue)).toBe(true);
  });
});
