import { describe, expect, it } from "vitest";
import { evaluate, InvalidInputError } from "../../src/index.js";
import { newcombeInterval } from "../../src/math/newcombe-interval.js";
import { createRandomSource } from "../../src/math/random-source.js";

// A reminder-campaign log written for these tests (not the dealer generator the library's defaults came from):
// campaigns on several dates, each with its own baseline response rate and its own control share, a known
// effect of a reminder on the chance of a workshop visit within the window, and a known margin per visit.
interface Wave {
  readonly day: number;
  readonly contacts: number;
  readonly baseRate: number;
  readonly controlShare: number;
}

const DAY0 = Date.UTC(2022, 0, 3) / 86_400_000;
const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

function simulateLog(seed: number, waves: readonly Wave[], effect: number, window = 60, reachedShare = 1) {
  const random = createRandomSource(seed);
  const vehicles: { vehicleId: string; customerId: string; deliveryDate: string }[] = [];
  const serviceEvents: {
    vehicleId: string;
    date: string;
    type: "maintenance" | "repair";
    margin: string;
    revenue: string;
  }[] = [];
  const contacts: { customerId: string; date: string; group: "treatment" | "control"; reached?: boolean }[] = [];
  let last = 0;
  waves.forEach((wave, w) => {
    for (let i = 0; i < wave.contacts; i++) {
      const id = `W${w}C${i}`;
      vehicles.push({
        vehicleId: `V${id}`,
        customerId: id,
        deliveryDate: iso(wave.day - 500 - Math.floor(random() * 400)),
      });
      const treated = random() >= wave.controlShare;
      const reached = treated && random() < reachedShare;
      contacts.push({
        customerId: id,
        date: iso(wave.day),
        group: treated ? "treatment" : "control",
        ...(treated ? { reached } : {}),
      });
      const rate = wave.baseRate + (reached ? effect / reachedShare : 0);
      if (random() < rate) {
        const day = wave.day + 1 + Math.floor(random() * window);
        const margin = (200 + Math.floor(random() * 201)).toString();
        serviceEvents.push({
          vehicleId: `V${id}`,
          date: iso(day),
          type: "maintenance",
          margin,
          revenue: `${Number(margin) * 3}`,
        });
        if (random() < 0.3)
          serviceEvents.push({ vehicleId: `V${id}`, date: iso(day), type: "repair", margin: "100", revenue: "250" });
      } else if (random() < 0.5) {
        serviceEvents.push({
          vehicleId: `V${id}`,
          date: iso(wave.day + window + 5),
          type: "maintenance",
          margin: "300",
          revenue: "900",
        });
      }
      last = Math.max(last, wave.day + window + 5);
    }
  });
  return { vehicles, serviceEvents, contacts, asOf: iso(last + 1) };
}

// Baselines and control shares that differ between campaigns: a pooled comparison mixes them.
const WAVES: readonly Wave[] = [
  { day: DAY0, contacts: 700, baseRate: 0.2, controlShare: 0.5 },
  { day: DAY0 + 91, contacts: 700, baseRate: 0.4, controlShare: 0.3 },
  { day: DAY0 + 182, contacts: 700, baseRate: 0.6, controlShare: 0.1 },
];

describe("evaluate.campaign", () => {
  it("Newcombe's hybrid score interval reproduces his paper's example (56/70 vs 48/80: 0.0524 to 0.3339)", () => {
    const [low, high] = newcombeInterval(56, 70, 48, 80, 1.959963984540054);
    expect(low).toBeCloseTo(0.0524, 4);
    expect(high).toBeCloseTo(0.3339, 4);
  });

  it("the 95% interval covers the true uplift in at least 90 of 100 simulated logs; the pooled difference does not", () => {
    const effect = 0.05;
    let rateCovered = 0;
    let valueCovered = 0;
    let pooledSum = 0;
    let stratifiedSum = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const log = simulateLog(seed, WAVES, effect);
      const result = evaluate.campaign({ ...log, responseWindowDays: 60 });
      const { rate, value } = result.uplift;
      if (rate.low <= effect && effect <= rate.high) rateCovered += 1;
      // A response brings a maintenance margin of 300 on average, and a repair of 100 three times in ten.
      const valueEffect = effect * (300 + 0.3 * 100);
      if (value.low <= valueEffect && valueEffect <= value.high) valueCovered += 1;
      pooledSum += result.pooledRateDifference;
      stratifiedSum += rate.estimate;
    }
    expect(rateCovered).toBeGreaterThanOrEqual(90);
    expect(valueCovered).toBeGreaterThanOrEqual(90);
    expect(Math.abs(stratifiedSum / 100 - effect)).toBeLessThan(0.01);
    // The pooled difference is biased upward here: the high-baseline campaign has the smallest control group.
    expect(pooledSum / 100 - effect).toBeGreaterThan(0.1);
  });

  it("reports each group, each campaign and the relative uplift; rows and columns agree", () => {
    const log = simulateLog(7, WAVES, 0.08);
    const result = evaluate.campaign({ ...log, responseWindowDays: 60 });
    expect(result.errors).toEqual([]);
    expect(result.warnings.some((warning) => warning.includes("more than one campaign"))).toBe(false);
    expect(result.treatment.contacts + result.control.contacts).toBe(2100);
    expect(result.campaigns.map((row) => row.label)).toEqual([
      `campaign of ${iso(DAY0)}`,
      `campaign of ${iso(DAY0 + 91)}`,
      `campaign of ${iso(DAY0 + 182)}`,
    ]);
    for (const [index, row] of result.campaigns.entries()) {
      expect(row.treatment.responseRate - row.control.responseRate).toBeCloseTo(row.uplift.rate.estimate, 12);
      expect(row.control.contacts / (row.control.contacts + row.treatment.contacts)).toBeCloseTo(
        (WAVES[index] as Wave).controlShare,
        1,
      );
    }
    expect(result.uplift.relativeRate.estimate).toBeGreaterThan(0);
    expect(result.uplift.relativeRate.low).toBeLessThan(result.uplift.relativeRate.estimate);
    expect(result.treatment.margin.toNumber()).toBeGreaterThan(0);
    expect(result.treatment.revenue.toNumber()).toBeGreaterThan(result.treatment.margin.toNumber());
    const columns = evaluate.campaign({
      ...log,
      contacts: {
        customerId: log.contacts.map((row) => row.customerId),
        date: log.contacts.map((row) => row.date),
        group: log.contacts.map((row) => row.group),
        reached: log.contacts.map((row) => row.reached),
      },
      responseWindowDays: 60,
    });
    expect(columns.uplift).toEqual(result.uplift);
  });

  it("counts unreached attempts in the treatment group (intention to treat) and reports the reach rate", () => {
    const log = simulateLog(11, WAVES, 0.06, 60, 0.7);
    const result = evaluate.campaign({ ...log, responseWindowDays: 60 });
    expect(result.reachRate).toBeGreaterThan(0.65);
    expect(result.reachRate).toBeLessThan(0.75);
    expect(result.uplift.rate.low).toBeLessThan(0.06);
    expect(result.uplift.rate.high).toBeGreaterThan(0.06);
  });

  it("splits by the stage and the lead time of the contacted vehicle", () => {
    // Vehicles delivered 400 days before the campaign that never came (before their first service, due at 5 months:
    // overdue), and one serviced twice, the last 250 days before it (in warranty, next due 115 days on).
    const campaignDay = DAY0 + 400;
    const vehicles = [
      { vehicleId: "A", customerId: "a", deliveryDate: iso(DAY0) },
      { vehicleId: "B", customerId: "b", deliveryDate: iso(DAY0) },
      { vehicleId: "C", customerId: "c", deliveryDate: iso(DAY0) },
    ];
    const serviceEvents = [
      { vehicleId: "B", date: iso(DAY0 + 20), type: "maintenance" as const, margin: "200" },
      { vehicleId: "B", date: iso(campaignDay - 250), type: "maintenance" as const, margin: "300" },
      { vehicleId: "C", date: iso(campaignDay + 20), type: "maintenance" as const, margin: "300" },
    ];
    const contacts = ["a", "b", "c"].map((customerId, index) => ({
      customerId,
      date: iso(campaignDay),
      group: index === 2 ? ("control" as const) : ("treatment" as const),
    }));
    const result = evaluate.campaign({
      contacts,
      vehicles,
      serviceEvents,
      asOf: iso(campaignDay + 100),
      responseWindowDays: 60,
    });
    expect(result.byStage.map((row) => [row.label, row.treatment.contacts, row.control.contacts])).toEqual([
      ["before first service", 1, 1],
      ["in warranty", 1, 0],
    ]);
    expect(result.byLeadTime.map((row) => [row.label, row.treatment.contacts, row.control.contacts])).toEqual([
      ["overdue", 1, 1],
      ["due in 91–180 days", 1, 0],
    ]);
    expect(result.warnings.some((warning) => warning.includes("cannot be told from zero"))).toBe(true);
  });

  it("makes bad contact rows per-row errors and leaves windows that are still open out", () => {
    const log = simulateLog(3, WAVES.slice(0, 1), 0.05);
    const contacts = [
      ...log.contacts,
      { customerId: "nobody", date: iso(DAY0), group: "treatment" as const },
      { customerId: "W0C1", date: "2031-01-01", group: "treatment" as const },
      { customerId: "W0C2", date: iso(DAY0 + 1), group: "control" as const, reached: false },
      { customerId: "W0C3", date: iso(DAY0 + 1), group: "held-out" as never },
      { customerId: "W0C4", date: iso(DAY0), group: "treatment" as const },
      { customerId: "W0C5", date: iso(DAY0 + 30), group: "treatment" as const },
    ];
    const duplicate = log.contacts.findIndex((row) => row.customerId === "W0C4");
    const result = evaluate.campaign({ ...log, contacts, responseWindowDays: 60 });
    const base = log.contacts.length;
    expect(result.errors.map((error) => [error.subject, error.rowIndex])).toEqual([
      ["campaign contact", base],
      ["campaign contact", base + 1],
      ["campaign contact", base + 2],
      ["campaign contact", base + 3],
      ["campaign contact", base + 4],
    ]);
    expect(result.errors.every((error) => error instanceof InvalidInputError)).toBe(true);
    expect(result.errors[4]?.message).toContain(`row ${duplicate}`);
    expect(result.errors[2]?.message).toContain("control");
    // The contact of DAY0 + 30 has its window end after asOf (the log ends 66 days after DAY0).
    expect(result.openWindows).toBe(1);
    expect(result.warnings.some((warning) => warning.includes("window had not ended"))).toBe(true);
  });

  it("rejects bad options with typed errors", () => {
    const log = simulateLog(5, WAVES.slice(0, 1), 0.05);
    expect(() => evaluate.campaign({ ...log } as never)).toThrow(/responseWindowDays.*required/);
    expect(() => evaluate.campaign({ ...log, responseWindowDays: 0 })).toThrow(InvalidInputError);
    expect(() => evaluate.campaign({ ...log, responseWindowDays: 60, value: "profit" as never })).toThrow(/margin/);
    expect(() => evaluate.campaign({ ...log, responseWindowDays: 60, windowDays: 3 } as never)).toThrow(
      /unknown option `windowDays`/,
    );
  });
});
