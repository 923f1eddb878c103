import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgnbd, evaluate, InvalidInputError } from "../../src/index.js";
import { cdnowSummary } from "../helpers/reference-data.js";

describe("evaluate: ranking metrics agree with brute force", () => {
  const columns = fc
    .integer({ min: 2, max: 40 })
    .chain((n) =>
      fc.tuple(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n }),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
      ),
    );
  it("AUC = share of (yes, no) pairs ordered right, ties counting one half", () => {
    fc.assert(
      fc.property(columns, ([scores, labels]) => {
        const yes = labels.flatMap((label, index) => (label === 1 ? [scores[index]!] : []));
        const no = labels.flatMap((label, index) => (label === 0 ? [scores[index]!] : []));
        if (yes.length === 0 || no.length === 0) return;
        let wins = 0;
        for (const a of yes) for (const b of no) wins += a > b ? 1 : a === b ? 0.5 : 0;
        expect(evaluate.areaUnderRoc(scores, labels)).toBeCloseTo(wins / (yes.length * no.length), 12);
      }),
    );
  });
  it("captured value = the sum over the first rows after a stable sort by score", () => {
    fc.assert(
      fc.property(columns, fc.double({ min: 0.01, max: 1, noNaN: true }), ([scores, outcomes], share) => {
        const order = scores.map((score, index) => ({ score, index })).sort((x, y) => y.score - x.score);
        const count = Math.ceil(share * scores.length - 1e-9);
        const value = order.slice(0, count).reduce((sum, row) => sum + outcomes[row.index]!, 0);
        expect(evaluate.capturedValue(scores, outcomes, share).value).toBe(value);
      }),
    );
  });
  it("the hindsight ranking has normalised Gini 1, a reversed one below 0", () => {
    const outcomes = [9, 7, 5, 3, 1, 0, 0, 2];
    expect(evaluate.gainsCurve(outcomes, outcomes).normalizedGini).toBeCloseTo(1, 12);
    expect(
      evaluate.gainsCurve(
        outcomes.map((x) => -x),
        outcomes,
      ).gini,
    ).toBeLessThan(0);
  });
  it("cuts a history at a date without losing a row", () => {
    const rows = [
      { id: 1, when: "2022-06-29" },
      { id: 2, when: "2022-06-30" },
      { id: 3, when: new Date(Date.UTC(2022, 5, 30, 23, 0)) },
      { id: 4, when: "2021-01-01" },
    ];
    const { before, after } = evaluate.splitByDate(rows, "2022-06-30", "when");
    expect(before.map((row) => row.id)).toEqual([1, 4]);
    expect(after.map((row) => row.id)).toEqual([2, 3]);
    expect(() => evaluate.splitByDate([{ date: "2022-02-30" }], "2022-06-30")).toThrow(/row 0/);
    expect(() => evaluate.splitByDate([], "soon")).toThrow(/at/);
  });
  it("rejects unequal, non-numeric or empty columns with a typed error", () => {
    expect(() => evaluate.capturedValue([1, 2], [1], 0.5)).toThrow(/must have 2 values/);
    expect(() => evaluate.capturedValue([1, Number.NaN], [1, 2], 0.5)).toThrow(InvalidInputError);
    expect(() => evaluate.capturedValue([], [], 0.5)).toThrow(/at least one row/);
    expect(() => evaluate.capturedValue([1], [1], 0)).toThrow(/share in \(0, 1\]/);
    expect(() => evaluate.areaUnderRoc([1, 2], [1, 2])).toThrow(/must be 0 or 1/);
    expect(() => evaluate.brierScore([1.5], [1])).toThrow(InvalidInputError);
    expect(() => evaluate.compareRankings({}, [1])).toThrow(/at least one ranking/);
  });
});

describe("evaluate serves the BTYD models: BG/NBD on the CDNOW holdout", () => {
  const customers = cdnowSummary();
  const fit = bgnbd.fit(customers);
  const expected = customers.map((row) => bgnbd.conditionalExpectedPurchases(fit.params, 39, row));
  const alive = customers.map((row) => bgnbd.probabilityAlive(fit.params, row));
  const actual = customers.map((row) => row.holdoutFrequency);
  const cameBack = actual.map((x) => (x > 0 ? 1 : 0));
  it("ranks the holdout buyers far better than chance and better than frequency alone", () => {
    const top = evaluate.capturedValue(expected, actual, 0.1);
    const byFrequency = evaluate.capturedValue(
      customers.map((row) => row.frequency),
      actual,
      0.1,
    );
    expect(top.lift).toBeGreaterThan(3);
    expect(top.value).toBeGreaterThanOrEqual(byFrequency.value);
    expect(evaluate.areaUnderRoc(expected, cameBack)).toBeGreaterThan(0.75);
    // P(at least one purchase) ≈ 1 − e^(−E[X]) beats the constant base-rate forecast on the Brier score.
    const baseRate = cameBack.reduce((sum: number, y) => sum + y, 0) / cameBack.length;
    const model = evaluate.brierScore(
      expected.map((x) => 1 - Math.exp(-x)),
      cameBack,
    );
    expect(model).toBeLessThan(
      evaluate.brierScore(
        cameBack.map(() => baseRate),
        cameBack,
      ),
    );
    expect(alive.every((p) => p >= 0 && p <= 1)).toBe(true);
  });
  it("is calibrated by decile: the top group's mean prediction is within 25% of what happened", () => {
    const groups = evaluate.decileCalibration(expected, actual);
    expect(groups).toHaveLength(10);
    expect(groups.reduce((sum, group) => sum + group.count, 0)).toBe(customers.length);
    const first = groups[0]!;
    expect(Math.abs(first.meanPredicted / first.meanActual - 1)).toBeLessThan(0.25);
  });
});
