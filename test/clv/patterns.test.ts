// Issue 28: summary patterns as the scale path — toPatterns (exact and rounded), <model>.scorePatterns, and a fit on
// weekly patterns of a day clock against the truth it was simulated from.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgcnbd, bgnbd, InvalidInputError, mbgcnbd, mbgnbd, paretoNbd, toPatterns } from "../../src/index.js";
import { cdnowSummary } from "../helpers/reference-data.js";

const cdnow = cdnowSummary();

/** Summary rows: x whole, 0 ≤ t_x ≤ T on a coarse grid (so that rows repeat), t_x = 0 without repeats. */
const summaryRow = fc
  .record({
    x: fc.integer({ min: 0, max: 4 }),
    T: fc.integer({ min: 0, max: 12 }),
    share: fc.double({ min: 0, max: 1 }),
  })
  .map(({ x, T, share }) => ({ frequency: x, recency: x === 0 ? 0 : Math.floor(T * share) / 2, T: T / 2 }));

describe("toPatterns", () => {
  it("keeps every customer: weights sum to the input's, each row's pattern is its own (rounded) key, keys distinct", () => {
    fc.assert(
      fc.property(
        fc.array(summaryRow, { maxLength: 60 }),
        fc.constantFrom(undefined, 1, 1.5, 4),
        (rows, resolution) => {
          const patterns = toPatterns(rows, resolution === undefined ? {} : { resolution });
          const round = (v: number) => (resolution === undefined ? v : Math.floor(v / resolution + 0.5) * resolution);
          expect(patterns.weight.reduce((sum, w) => sum + w, 0)).toBe(rows.length);
          rows.forEach((row, i) => {
            const p = patterns.patternOf[i] as number;
            expect([patterns.frequency[p], patterns.recency[p], patterns.T[p]]).toEqual([
              row.frequency,
              round(row.recency),
              round(row.T),
            ]);
          });
          const keys = new Set(
            Array.from(patterns.frequency, (x, p) => `${x} ${patterns.recency[p]} ${patterns.T[p]}`),
          );
          expect(keys.size).toBe(patterns.frequency.length);
          // Weights count the rows that point at each pattern.
          const counts = new Float64Array(patterns.frequency.length);
          for (const p of patterns.patternOf) counts[p] = (counts[p] as number) + 1;
          expect(Array.from(counts)).toEqual(Array.from(patterns.weight));
        },
      ),
    );
  });

  it("merges partitions: the patterns of the parts' patterns are the patterns of the whole", () => {
    fc.assert(
      fc.property(fc.array(summaryRow, { minLength: 1, maxLength: 60 }), fc.nat(60), (rows, cut) => {
        const whole = toPatterns(rows, { resolution: 2 });
        const parts = [rows.slice(0, cut), rows.slice(cut)].map((part) => toPatterns(part, { resolution: 2 }));
        const concat = (key: "frequency" | "recency" | "T" | "weight") =>
          Float64Array.from([...(parts[0]?.[key] ?? []), ...(parts[1]?.[key] ?? [])]);
        const merged = toPatterns({
          frequency: concat("frequency"),
          recency: concat("recency"),
          T: concat("T"),
          weight: concat("weight"),
        });
        const table = (p: typeof whole) =>
          Array.from(p.frequency, (x, i) => `${x} ${p.recency[i]} ${p.T[i]} ${p.weight[i]}`).sort();
        expect(table(merged)).toEqual(table(whole));
      }),
    );
  });

  it("gives the fit on the customers exactly (CDNOW), in a fraction of the rows", () => {
    const patterns = toPatterns(cdnow);
    expect(patterns.frequency.length).toBeLessThan(cdnow.length);
    const onPatterns = bgnbd.fit(patterns);
    const onCustomers = bgnbd.fit(cdnow);
    // The same likelihood; the optimiser's path differs with the rows' order, within its tolerance.
    for (const name of ["r", "alpha", "a", "b"] as const)
      expect(Math.abs(onPatterns.params[name] / onCustomers.params[name] - 1)).toBeLessThan(1e-6);
    expect(onPatterns.logLikelihood).toBeCloseTo(onCustomers.logLikelihood, 6);
  });

  it("rounds half up, as patternsSql does; rejects bad rows by index and bad options by name", () => {
    const half = toPatterns([{ frequency: 1, recency: 1, T: 3 }], { resolution: 2 });
    expect([half.recency[0], half.T[0]]).toEqual([2, 4]);
    expect(() =>
      toPatterns([
        { frequency: 1, recency: 0, T: 1 },
        { frequency: 1, recency: 5, T: 1 },
      ]),
    ).toThrow(expect.objectContaining({ rowIndex: 1 }));
    expect(() => toPatterns(cdnow, { resolution: 0 })).toThrow(/resolution/);
    expect(() => toPatterns(cdnow, { resolution: Number.NaN })).toThrow(InvalidInputError);
    expect(() => toPatterns(cdnow, { resoluton: 7 } as never)).toThrow(/resolution/);
  });
});

describe("<model>.scorePatterns", () => {
  const patterns = toPatterns(cdnow);
  const models = [
    { name: "bgnbd", model: bgnbd, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
    { name: "mbgnbd", model: mbgnbd, params: { r: 0.525, alpha: 6.18, a: 0.891, b: 1.614 } },
    { name: "paretoNbd", model: paretoNbd, params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 } },
    { name: "bgcnbd", model: bgcnbd, params: { k: 2, r: 1.33, alpha: 2.81, a: 0.425, b: 0.79 } },
    { name: "mbgcnbd", model: mbgcnbd, params: { k: 2, r: 1.33, alpha: 2.81, a: 0.425, b: 0.79 } },
  ] as const;

  it.each(models)("$name: each customer's pattern score is its own batch score", ({ model, params }) => {
    const scores = (
      model.scorePatterns as (p: unknown, d: unknown, o: unknown) => ReturnType<typeof bgnbd.scorePatterns>
    )(params, patterns, { horizon: 39 });
    const alive = (model.probabilityAliveBatch as (p: unknown, d: unknown) => { values: Float64Array })(params, cdnow);
    const expected = (
      model.conditionalExpectedPurchasesBatch as (p: unknown, t: number, d: unknown) => { values: Float64Array }
    )(params, 39, cdnow);
    expect(scores.frequency).toBe(patterns.frequency);
    expect(scores.errors).toEqual([]);
    cdnow.forEach((_, i) => {
      const p = patterns.patternOf[i] as number;
      expect(scores.probabilityAlive[p]).toBe(alive.values[i]);
      expect(scores.conditionalExpectedPurchases[p]).toBeCloseTo(expected.values[i] as number, 12);
    });
  });

  it("gives a bad pattern row NaN and its error, and checks its options", () => {
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const scores = bgnbd.scorePatterns(params, { frequency: [1, 2], recency: [5, 3], T: [4, 9] }, { horizon: 10 });
    expect(Number.isNaN(scores.probabilityAlive[0])).toBe(true);
    expect(Number.isNaN(scores.conditionalExpectedPurchases[0])).toBe(true);
    expect(scores.errors.map((error) => error.rowIndex)).toEqual([0]);
    expect(scores.probabilityAlive[1]).toBeGreaterThan(0);
    expect(() => bgnbd.scorePatterns(params, patterns, { horizon: -1 })).toThrow(/horizon/);
    expect(() => bgnbd.scorePatterns(params, patterns, {} as never)).toThrow(/horizon/);
    expect(() => bgnbd.scorePatterns(params, patterns, undefined as never)).toThrow(InvalidInputError);
  });
});

describe("a fit on weekly patterns of a day clock", () => {
  it("moves BG/NBD estimates < 1% from the day-level fit, in a third of the rows, and recovers the truth", () => {
    // The CDNOW estimates on a day clock (α × 7), 300,000 customers who joined over two years, whole days.
    const truth = { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 };
    const n = 300_000;
    const ages = Float64Array.from({ length: n }, (_, i) => 1 + Math.floor(((i * 0.6180339887) % 1) * 730));
    const simulated = bgnbd.simulate(truth, n, { seed: 28, T: ages });
    const days = { frequency: simulated.frequency, recency: simulated.recency.map(Math.floor), T: simulated.T };
    const exact = toPatterns(days);
    const weekly = toPatterns(days, { resolution: 7 });
    expect(weekly.frequency.length).toBeLessThan(0.35 * exact.frequency.length);
    const onDays = bgnbd.fit(exact);
    const onWeeks = bgnbd.fit(weekly);
    for (const name of ["r", "alpha", "a", "b"] as const) {
      expect(Math.abs(onWeeks.params[name] / onDays.params[name] - 1), name).toBeLessThan(0.01);
      const se = onDays.standardErrors?.[name] ?? Number.NaN;
      expect(Math.abs(onWeeks.params[name] - truth[name]), name).toBeLessThan(3 * se);
    }
  });
});
