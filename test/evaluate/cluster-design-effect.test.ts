import { describe, expect, it } from "vitest";
import { clusterDesignEffects, widenForClustering } from "../../src/evaluate/campaign/cluster-design-effect.js";
import { addOutcome, emptySums, type Stratum } from "../../src/evaluate/campaign/stratified-uplift.js";
import { createRandomSource } from "../../src/math/random-source.js";
import type { ContactColumns } from "../../src/psv/read-contacts.js";

// The same customers in every campaign. With a standing control group (each customer in the same group every time)
// and outcomes that are habits, a customer's contacts carry one observation's information, not k: the design effect
// says so and widens the intervals. Drawn afresh for each campaign, the groups balance a customer's habit out.
function log(customers: number, campaigns: number, habit: boolean, seed: number, standing = false) {
  const random = createRandomSource(seed);
  const own = Array.from({ length: customers }, () => random() < 0.3);
  const group = Array.from({ length: customers }, () => (random() < 0.8 ? 1 : 0));
  const rows: { customer: number; day: number; treated: number; responded: boolean }[] = [];
  for (let day = 0; day < campaigns; day++)
    for (let customer = 0; customer < customers; customer++)
      rows.push({
        customer,
        day,
        treated: standing ? (group[customer] as number) : random() < 0.8 ? 1 : 0,
        responded: habit ? (own[customer] as boolean) : random() < 0.3,
      });
  const contacts = {
    customer: Int32Array.from(rows, (row) => row.customer),
    day: Int32Array.from(rows, (row) => row.day),
    treated: Uint8Array.from(rows, (row) => row.treated),
    count: rows.length,
  } as unknown as ContactColumns;
  const strata = new Map<number, Stratum>();
  rows.forEach((row) => {
    const stratum = strata.get(row.day) ?? { treatment: emptySums(), control: emptySums() };
    addOutcome(row.treated ? stratum.treatment : stratum.control, row.responded, row.responded ? 1 : 0, 0);
    strata.set(row.day, stratum);
  });
  const outcomeOf = (index: number) => {
    const responded = (rows[index] as { responded: boolean }).responded;
    return { responded, visits: responded ? 1 : 0, value: 0 };
  };
  return clusterDesignEffects(
    contacts,
    rows.map((_, index) => index),
    outcomeOf,
    strata,
  );
}

describe("clusterDesignEffects", () => {
  it("is about 1 when a customer's outcomes are independent across campaigns", () => {
    const [rate] = log(2000, 4, false, 1);
    expect(rate).toBeGreaterThan(0.85);
    expect(rate).toBeLessThan(1.15);
  });
  it("is the number of campaigns with a standing control group and outcomes that are habits", () => {
    const [rate, visits] = log(2000, 4, true, 2, true);
    expect(rate).toBeGreaterThan(3.5);
    expect(rate).toBeLessThan(4.5);
    expect(visits).toBeCloseTo(rate, 10);
  });
  it("stays near 1 for habits when the groups are drawn afresh for each campaign", () => {
    const [rate] = log(2000, 4, true, 3);
    expect(rate).toBeLessThan(1.2);
  });
  it("widens intervals by √effect around the estimate, never narrows them", () => {
    const uplift = {
      rate: { estimate: 0.02, low: 0.01, high: 0.03 },
      relativeRate: { estimate: 0.1, low: 0.05, high: 0.15 },
      visits: { estimate: 0.02, low: 0.01, high: 0.03 },
      relativeVisits: { estimate: 0.1, low: 0.05, high: 0.15 },
      value: { estimate: 5, low: 1, high: 9 },
      relativeValue: { estimate: 0.1, low: 0.05, high: 0.15 },
    };
    const wide = widenForClustering(uplift, [4, 1, 0.5]);
    expect(wide.rate.low).toBeCloseTo(0, 12);
    expect(wide.rate.high).toBeCloseTo(0.04, 12);
    expect(wide.relativeRate.estimate).toBe(0.1);
    expect(wide.relativeRate.low).toBeLessThan(0.05);
    expect(wide.visits).toEqual(uplift.visits);
    expect(wide.value).toEqual(uplift.value);
  });
});
