import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgnbd, InvalidInputError } from "../../src/index.js";
import { HP, hypergeometricSeries, relativeError } from "../helpers/high-precision.js";
import { cdnowSummary } from "../helpers/reference-data.js";

const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }; // FHL 2005, CDNOW, LL −9582.4
const cdnow = cdnowSummary();

/** FHL 2005 eq. 10 in its original form (no Euler transformation), at 60 digits. */
function referenceConditional(p: typeof published, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const power = new HP(alpha + T).div(alpha + T + t).pow(r + x);
  const bracket = new HP(1).minus(power.times(hypergeometricSeries(r + x, b + x, a + b + x - 1, z, 200000)));
  const expectation = new HP(a + b + x - 1).div(a - 1).times(bracket);
  const odds = x === 0 ? new HP(0) : new HP(a).div(b + x - 1).times(new HP(alpha + T).div(alpha + tx).pow(r + x));
  return expectation.div(odds.plus(1)).toNumber();
}

describe("BG/NBD on CDNOW (Fader, Hardie & Lee 2005)", () => {
  const fit = bgnbd.fit(cdnow);
  it("reproduces the published estimates and log-likelihood", () => {
    expect(fit.converged).toBe(true);
    expect(fit.logLikelihood).toBeCloseTo(-9582.429, 3);
    for (const name of ["r", "alpha", "a", "b"] as const) {
      expect(relativeError(fit.params[name], published[name]), name).toBeLessThan(5e-4 / published[name] + 1e-3);
    }
    expect(fit.params.r.toPrecision(3)).toBe("0.243");
    expect(fit.params.alpha.toPrecision(3)).toBe("4.41");
    expect(fit.params.a.toPrecision(3)).toBe("0.793");
    expect(fit.params.b.toPrecision(3)).toBe("2.43");
    // Standard errors as reported by BTYD/lifetimes for this fit (≈ 0.0126, 0.378, 0.186, 0.705).
    expect(fit.standardErrors?.r).toBeCloseTo(0.0126, 3);
    expect(fit.standardErrors?.alpha).toBeCloseTo(0.378, 2);
  });
  it("gives the paper's conditional expectation for the worked example (x = 2, t_x = 30.43, T = 38.86)", () => {
    expect(bgnbd.conditionalExpectedPurchases(published, 39, { frequency: 2, recency: 30.43, T: 38.86 })).toBeCloseTo(
      1.226,
      3,
    );
  });
  it("matches the untransformed formula at 60 digits across customers", () => {
    const customers = [
      [0, 0, 38.86],
      [1, 1.71, 38.86],
      [2, 30.43, 38.86],
      [10, 35, 38],
      [29, 37.1, 38.4],
    ];
    for (const [x, tx, T] of customers as [number, number, number][]) {
      for (const t of [1, 39, 78, 520]) {
        const actual = bgnbd.conditionalExpectedPurchases(published, t, { frequency: x, recency: tx, T });
        expect(
          relativeError(actual, referenceConditional(published, t, x, tx, T)),
          `${x} ${tx} ${T} ${t}`,
        ).toBeLessThan(1e-10);
      }
    }
  });
  it("weighted and expanded data give the same likelihood; the likelihood is additive", () => {
    const rows = cdnow.slice(0, 300);
    const grouped = new Map<string, { frequency: number; recency: number; T: number; weight: number }>();
    for (const row of [...rows, ...rows]) {
      const key = `${row.frequency}|${row.recency}|${row.T}`;
      const entry = grouped.get(key) ?? { frequency: row.frequency, recency: row.recency, T: row.T, weight: 0 };
      entry.weight += 1;
      grouped.set(key, entry);
    }
    const expanded = bgnbd.logLikelihood(published, [...rows, ...rows]);
    expect(bgnbd.logLikelihood(published, [...grouped.values()])).toBeCloseTo(expanded, 8);
    expect(expanded).toBeCloseTo(2 * bgnbd.logLikelihood(published, rows), 8);
    const parts = bgnbd.logLikelihood(published, rows.slice(0, 100)) + bgnbd.logLikelihood(published, rows.slice(100));
    expect(bgnbd.logLikelihood(published, rows)).toBeCloseTo(parts, 8);
  });
});

describe("BG/NBD predictions are finite and coherent everywhere", () => {
  const parameter = fc.double({ min: 1e-4, max: 1e4, noNaN: true });
  const params = fc.record({ r: parameter, alpha: parameter, a: parameter, b: parameter });
  const customer = fc
    .tuple(
      fc.integer({ min: 0, max: 10_000 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 1e-3, max: 10_000, noNaN: true }),
    )
    .map(([x, share, T]) => ({ frequency: x, recency: x === 0 ? 0 : share * T, T }));
  it("P(alive) is in [0, 1]", () => {
    fc.assert(
      fc.property(params, customer, (p, c) => {
        const value = bgnbd.probabilityAlive(p, c);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
  it("conditional expectations are finite, ≥ 0 and non-decreasing in the horizon", () => {
    fc.assert(
      fc.property(
        params,
        customer,
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        (p, c, t1, dt) => {
          const near = bgnbd.conditionalExpectedPurchases(p, t1, c);
          const far = bgnbd.conditionalExpectedPurchases(p, t1 + dt, c);
          expect(Number.isFinite(near) && Number.isFinite(far)).toBe(true);
          expect(near).toBeGreaterThanOrEqual(0);
          expect(far).toBeGreaterThanOrEqual(near * (1 - 1e-9) - 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });
  it("unconditional expectations are finite and non-decreasing; PMF sums to 1", () => {
    fc.assert(
      fc.property(
        params,
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (p, t1, dt) => {
          const near = bgnbd.expectedPurchases(p, t1);
          const far = bgnbd.expectedPurchases(p, t1 + dt);
          expect(Number.isFinite(near) && Number.isFinite(far)).toBe(true);
          // Where the closed form cancels, quadrature (1e-12 per level) takes over: monotone to 1e-8 relative.
          expect(far).toBeGreaterThanOrEqual(near * (1 - 1e-8) - 1e-12);
        },
      ),
      { numRuns: 150 },
    );
    let total = 0;
    for (let n = 0; n < 400; n++) total += bgnbd.probabilityOfPurchases(published, 39, n);
    expect(total).toBeCloseTo(1, 8);
  });
  it("stays right where the series would need billions of terms (found by fast-check seed 707)", () => {
    // a, α tiny: almost every customer buys at rate ≫ 1/p, so E[X(t)] ≈ r t / α and must grow with t.
    const p = { r: 0.2096425125528404, alpha: 0.0001, a: 0.0001, b: 0.05238120951828178 };
    const at500 = bgnbd.expectedPurchases(p, 500);
    expect(bgnbd.expectedPurchases(p, 600)).toBeGreaterThan(at500);
    expect(at500 / ((p.r * 500) / p.alpha)).toBeGreaterThan(0.95);
    expect(at500 / ((p.r * 500) / p.alpha)).toBeLessThan(1.0001);
  });
  it("matches simulation where the closed forms have special cases (a + b < 1, a = 1)", () => {
    for (const [a, b] of [
      [0.3, 0.4],
      [1, 2],
      [0.5, 0.5],
    ] as const) {
      const p = { r: 0.5, alpha: 3, a, b };
      const simulated = bgnbd.simulate(p, 100_000, { seed: 7, T: 10 });
      const mean = simulated.frequency.reduce((sum, value) => sum + value, 0) / simulated.frequency.length;
      expect(Math.abs(bgnbd.expectedPurchases(p, 10) - mean)).toBeLessThan(0.02);
    }
  });
});

describe("BG/NBD parameter recovery and input errors", () => {
  it("recovers the parameters of simulated customers", () => {
    const truth = { r: 0.8, alpha: 5, a: 1.2, b: 3 };
    const simulated = bgnbd.simulate(truth, 20_000, { seed: 11, T: 52 });
    const fit = bgnbd.fit(simulated);
    expect(fit.converged).toBe(true);
    for (const name of ["r", "alpha", "a", "b"] as const) {
      const error = Math.abs(fit.params[name] - truth[name]);
      expect(error, name).toBeLessThan(3.5 * (fit.standardErrors?.[name] ?? Number.NaN));
    }
  });
  it("rejects bad parameters and summaries with the field and row", () => {
    expect(() => bgnbd.probabilityAlive({ ...published, a: -1 }, { frequency: 1, recency: 1, T: 2 })).toThrow(
      /a: must be a number from 1e-10 to 1e10/,
    );
    expect(() => bgnbd.conditionalExpectedPurchases(published, -1, { frequency: 1, recency: 1, T: 2 })).toThrow(
      InvalidInputError,
    );
    expect(() =>
      bgnbd.fit([
        { frequency: 1, recency: 1, T: 2 },
        { frequency: 1, recency: 3, T: 2 },
      ]),
    ).toThrow(/row 1: recency: must be between 0 and T/);
    expect(() => bgnbd.logLikelihood(published, { frequency: [1, 2], recency: [1], T: [2, 3] })).toThrow(
      /recency: has 1 values/,
    );
    expect(() => bgnbd.probabilityOfPurchases(published, 10, 1.5)).toThrow(InvalidInputError);
  });
});

describe("bgnbd.conditionalExpectedPurchasesBatch", () => {
  it("equals the per-customer expectation whether customers share (x, T) or each has its own T", () => {
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    for (const T of [
      Float64Array.from({ length: 6000 }, (_, i) => 39 + (i % 13) / 7), // cohorts: the memo pays
      Float64Array.from({ length: 6000 }, (_, i) => 20 + ((i * 0.6180339887) % 60)), // one T each: the memo stops
    ]) {
      const customers = bgnbd.simulate(params, T.length, { seed: 4, T });
      const batch = bgnbd.conditionalExpectedPurchasesBatch(params, 39, customers).values;
      for (let index = 0; index < T.length; index += 97) {
        const customer = {
          frequency: customers.frequency[index] as number,
          recency: customers.recency[index] as number,
          T: customers.T[index] as number,
        };
        expect(batch[index]).toBe(bgnbd.conditionalExpectedPurchases(params, 39, customer));
      }
    }
  });
});
