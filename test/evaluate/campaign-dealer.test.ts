import { describe, expect, it } from "vitest";
import { evaluate, type GenerateDealerDataOptions, generateDealerData } from "../../src/index.js";

// Campaign logs from the dealer generator (`campaigns`): quarterly campaigns reach the owners due within 60 days,
// a fifth held out at random; a reached owner's chance of leaving at that visit is cut by the world's effect.
const asOf = "2024-06-30";
const dates = ["2022-07-10", "2022-10-10", "2023-01-10", "2023-04-10", "2023-07-10", "2023-10-10", "2024-01-10"];

function world(seed: number, vehicles: number, campaigns: NonNullable<GenerateDealerDataOptions["campaigns"]>) {
  const dealer = generateDealerData({ vehicles, seed, asOf, prospectShare: 0, campaigns });
  return {
    dealer,
    vehicles: dealer.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId }))),
    serviceEvents: dealer.flatMap((c) => c.serviceEvents),
    contacts: dealer.flatMap((c) => (c.contacts ?? []).map((row) => ({ ...row, customerId: c.customerId }))),
  };
}

describe("evaluate.campaign on the dealer generator's campaign logs", () => {
  it("logs who was in each campaign: owners due within the lead range, a random fifth held out", () => {
    const { dealer, contacts } = world(1, 1500, { dates, controlShare: 0.2, unreachableShare: 0.1 });
    expect(contacts.length).toBeGreaterThan(500);
    const control = contacts.filter((row) => row.group === "control").length / contacts.length;
    expect(control).toBeGreaterThan(0.16);
    expect(control).toBeLessThan(0.24);
    expect(contacts.every((row) => row.group === "treatment" || row.reached === undefined)).toBe(true);
    expect(new Set(contacts.map((row) => row.date)).size).toBe(dates.length);
    // Without campaigns the same seed gives the same customers and no log.
    const plain = generateDealerData({ vehicles: 1500, seed: 1, asOf, prospectShare: 0 });
    expect(plain.length).toBe(dealer.length);
    expect(plain.every((customer) => customer.contacts === undefined)).toBe(true);
  });

  it("with no effect, the 95% interval of the rate uplift covers zero in at least 90% of worlds", () => {
    let covered = 0;
    const worlds = 60;
    for (let seed = 1; seed <= worlds; seed++) {
      const { contacts, vehicles, serviceEvents } = world(seed, 800, { dates, effect: 0 });
      const { rate } = evaluate.campaign({ contacts, vehicles, serviceEvents, asOf, responseWindowDays: 120 }).uplift;
      if (rate.low <= 0 && rate.high >= 0) covered += 1;
    }
    console.log(`no-effect worlds: the interval covers 0 in ${covered} of ${worlds}`);
    expect(covered).toBeGreaterThanOrEqual(54);
  });

  it("measures a larger uplift where reminders work better, and the reach rate of the owners", () => {
    const rates = [0, 0.5, 0.9].map((effect) => {
      const { contacts, vehicles, serviceEvents } = world(3, 4000, { dates, effect });
      return evaluate.campaign({ contacts, vehicles, serviceEvents, asOf, responseWindowDays: 120 });
    });
    const [none, half, most] = rates.map((result) => result.uplift.rate) as [
      { low: number; high: number; estimate: number },
      { low: number; high: number; estimate: number },
      { low: number; high: number; estimate: number },
    ];
    expect(none.low).toBeLessThanOrEqual(0);
    expect(none.high).toBeGreaterThanOrEqual(0);
    expect(half.low).toBeGreaterThan(0);
    expect(most.estimate).toBeGreaterThan(half.estimate);
    // 10% of owners are reached with chance 0.05, the rest with 0.9: 0.815 of attempts on average.
    for (const result of rates) expect(result.reachRate).toBeCloseTo(0.815, 1);
    // Owners recur across quarterly campaigns: the result says its intervals assume independent contacts.
    expect(rates[0]?.warnings.some((warning) => warning.includes("more than one campaign"))).toBe(true);
  });
});
