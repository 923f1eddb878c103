import { describe, expect, it } from "vitest";
import { generateDealerData, InvalidInputError, psv } from "../../src/index.js";
import { createRandomSource } from "../../src/math/random-source.js";

// Reachability learned from the dealer's own campaign log: who answered past reminders. The log is written here,
// with hidden per-owner reach chances the library never sees.
const asOf = "2024-06-30";
const dealer = generateDealerData({ vehicles: 3000, seed: 5, asOf, prospectShare: 0 });
const vehicles = dealer.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId })));
const serviceEvents = dealer.flatMap((c) => c.serviceEvents);
const customerIds = dealer.map((c) => c.customerId);
const CAMPAIGNS = ["2023-03-01", "2023-07-01", "2023-11-01", "2024-03-01"];

/** Every owner in each campaign: 20% held out, the rest attempted and reached with their own hidden chance. */
function campaignLog(chanceOf: (index: number) => number, seed = 1) {
  const random = createRandomSource(seed);
  return CAMPAIGNS.flatMap((date) =>
    customerIds.map((customerId, index) =>
      random() < 0.2
        ? { customerId, date, group: "control" as const }
        : { customerId, date, group: "treatment" as const, reached: random() < chanceOf(index) },
    ),
  );
}

describe("psv.assessCustomers with a campaign log: reachability", () => {
  const plain = psv.assessCustomers({ vehicles, serviceEvents, asOf });

  it("without a log every owner is reachable and nothing changes", () => {
    expect(Array.from(plain.columns.reachProbability).every((p) => p === 1)).toBe(true);
    expect(plain.customers.every((c) => c.reachProbability === 1)).toBe(true);
  });

  it("weighs each owner's saveable value by their learned chance of being reached", () => {
    const contacts = campaignLog((index) => (index % 5 === 0 ? 0.1 : 0.95));
    const withLog = psv.assessCustomers({ vehicles, serviceEvents, asOf, contacts });
    expect(withLog.errors).toEqual([]);
    const before = new Map(plain.customers.map((c) => [c.customerId, c]));
    for (const customer of withLog.customers) {
      const old = before.get(customer.customerId)!;
      // Rounded once per customer: within a cent of the unreached value × P(reach).
      expect(customer.saveableValue.toNumber()).toBeCloseTo(
        old.saveableValue.toNumber() * customer.reachProbability,
        1,
      );
      expect(customer.obtainableValue.toFixed(2)).toBe(old.obtainableValue.toFixed(2));
    }
    // Owners whose attempts mostly failed are below the dealer's rate; those always reached above it.
    const attemptsOf = (customerId: string | number) =>
      contacts.filter((row) => row.customerId === customerId && row.group === "treatment");
    const overall =
      contacts.filter((row) => row.group === "treatment" && row.reached).length /
      contacts.filter((row) => row.group === "treatment").length;
    for (const customer of withLog.customers.slice(0, 300)) {
      const attempts = attemptsOf(customer.customerId);
      const reached = attempts.filter((row) => row.reached).length;
      if (attempts.length === 0) expect(customer.reachProbability).toBeCloseTo(overall, 12);
      else if (reached === 0) expect(customer.reachProbability).toBeLessThan(overall);
      else if (reached === attempts.length) expect(customer.reachProbability).toBeGreaterThan(overall);
    }
  });

  it("moves unreachable owners out of the first calls of the list", () => {
    const unreachable = (index: number) => index % 5 === 0; // a fifth of the owners: no phone, wrong number
    const contacts = campaignLog((index) => (unreachable(index) ? 0.05 : 0.9));
    const withLog = psv.assessCustomers({ vehicles, serviceEvents, asOf, contacts });
    const hidden = new Set<string | number>(customerIds.filter((_, index) => unreachable(index)));
    const shareInTop = (result: psv.AssessCustomersResult) => {
      const top = result.columns.customerId.slice(0, 100); // a call budget: the first 100 of the ~310 due soon
      return top.filter((id) => hidden.has(id)).length / top.length;
    };
    const before = shareInTop(plain);
    const after = shareInTop(withLog);
    console.log(
      `unreachable owners in the first 100 calls: ${before.toFixed(3)} without the log, ${after.toFixed(3)} with it`,
    );
    expect(before).toBeGreaterThan(0.12);
    expect(after).toBeLessThan(before / 3);
    const reason = withLog.customers.find(
      (c) => hidden.has(c.customerId) && c.reasons.some((r) => r.text.includes("P(reach)")),
    );
    expect(reason).toBeDefined();
  });

  it("shrinks a short record more when owners differ little, and less when they differ a lot", () => {
    // Homogeneous owners (everyone 0.85): a record of misses is bad luck, the estimate stays near the dealer's rate.
    const homogeneous = psv.assessCustomers({ vehicles, serviceEvents, asOf, contacts: campaignLog(() => 0.85, 3) });
    // Owners who are either always or never reachable: a record of misses is the owner's own.
    const polarised = psv.assessCustomers({
      vehicles,
      serviceEvents,
      asOf,
      contacts: campaignLog((index) => (index % 4 === 0 ? 0 : 1), 3),
    });
    const lowest = (result: psv.AssessCustomersResult) => Math.min(...Array.from(result.columns.reachProbability));
    expect(lowest(homogeneous)).toBeGreaterThan(0.45);
    expect(lowest(polarised)).toBeLessThan(0.1);
  });

  it("makes bad contact rows per-row errors without throwing the batch", () => {
    const contacts = [
      { customerId: customerIds[0]!, date: "2024-01-10", group: "treatment" as const, reached: false },
      { customerId: "nobody", date: "2024-01-10", group: "treatment" as const },
      { customerId: customerIds[1]!, date: "2030-01-01", group: "treatment" as const },
      { customerId: customerIds[2]!, date: "2024-01-10", group: "control" as const, reached: false },
    ];
    const result = psv.assessCustomers({ vehicles, serviceEvents, asOf, contacts });
    expect(result.errors.map((error) => [error.subject, error.rowIndex])).toEqual([
      ["campaign contact", 1],
      ["campaign contact", 2],
      ["campaign contact", 3],
    ]);
    expect(result.errors.every((error) => error instanceof InvalidInputError)).toBe(true);
  });
});
