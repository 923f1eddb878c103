import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgnbd, mbgnbd } from "../../src/index.js";
import { HP, hypergeometricSeries, relativeError } from "../helpers/high-precision.js";
import { cdnowSummary } from "../helpers/reference-data.js";

const cdnow = cdnowSummary();

describe("MBG/NBD on CDNOW (Batislam, Denizel & Filiztekin 2007)", () => {
  const fit = mbgnbd.fit(cdnow);
  it("reproduces BTYDplus's estimates (r 0.525, α 6.183, a 0.891, b 1.614)", () => {
    expect(fit.converged).toBe(true);
    expect(fit.params.r.toPrecision(3)).toBe("0.525");
    expect(fit.params.alpha.toPrecision(3)).toBe("6.18");
    expect(fit.params.a.toPrecision(3)).toBe("0.891");
    expect(fit.params.b.toPrecision(3)).toBe("1.61");
    // Its extra dropout after the first purchase fits CDNOW slightly better than the BG/NBD (−9582.43).
    expect(fit.logLikelihood).toBeGreaterThan(bgnbd.fit(cdnow).logLikelihood);
  });
  it("conditional expectation matches the paper's formula with a direct 60-digit series", () => {
    const { r, alpha, a, b } = fit.params;
    for (const [x, tx, T] of [
      [0, 0, 38.86],
      [2, 30.43, 38.86],
      [12, 36, 38],
    ] as const) {
      const t = 39;
      const z = t / (alpha + T + t);
      const bracket = new HP(1).minus(
        new HP(alpha + T)
          .div(alpha + T + t)
          .pow(r + x)
          .times(hypergeometricSeries(r + x, b + x + 1, a + b + x, z, 200000)),
      );
      const odds = new HP(a).div(b + x).times(new HP(alpha + T).div(alpha + tx).pow(r + x));
      const expected = new HP(a + b + x)
        .div(a - 1)
        .times(bracket)
        .div(odds.plus(1))
        .toNumber();
      expect(
        relativeError(mbgnbd.conditionalExpectedPurchases(fit.params, t, { frequency: x, recency: tx, T }), expected),
      ).toBeLessThan(1e-10);
    }
  });
  it("unconditional expectation and PMF agree with simulation; PMF sums to 1", () => {
    const simulated = mbgnbd.simulate(fit.params, 100_000, { seed: 2, T: 39 });
    const mean = simulated.frequency.reduce((sum, value) => sum + value, 0) / simulated.frequency.length;
    expect(Math.abs(mbgnbd.expectedPurchases(fit.params, 39) - mean)).toBeLessThan(0.03);
    const zeros = simulated.frequency.filter((value) => value === 0).length / simulated.frequency.length;
    expect(Math.abs(mbgnbd.probabilityOfPurchases(fit.params, 39, 0) - zeros)).toBeLessThan(0.005);
    let total = 0;
    for (let n = 0; n < 400; n++) total += mbgnbd.probabilityOfPurchases(fit.params, 39, n);
    expect(total).toBeCloseTo(1, 9);
  });
  it("recovers simulated parameters", () => {
    const truth = { r: 0.6, alpha: 5, a: 1.5, b: 4 };
    const recovered = mbgnbd.fit(mbgnbd.simulate(truth, 20_000, { seed: 9, T: 52 }));
    for (const name of ["r", "alpha", "a", "b"] as const) {
      expect(Math.abs(recovered.params[name] - truth[name]), name).toBeLessThan(
        3.5 * (recovered.standardErrors?.[name] ?? Number.NaN),
      );
    }
  });
  it("P(alive) in [0, 1] (also below 1 without repeat purchases); expectations finite and monotone", () => {
    const parameter = fc.double({ min: 1e-4, max: 1e4, noNaN: true });
    fc.assert(
      fc.property(
        fc.record({ r: parameter, alpha: parameter, a: parameter, b: parameter }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1e-3, max: 10_000, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (p, x, share, T, t) => {
          const customer = { frequency: x, recency: x === 0 ? 0 : share * T, T };
          const alive = mbgnbd.probabilityAlive(p, customer);
          expect(alive).toBeGreaterThanOrEqual(0);
          expect(alive).toBeLessThanOrEqual(1);
          const near = mbgnbd.conditionalExpectedPurchases(p, t, customer);
          const far = mbgnbd.conditionalExpectedPurchases(p, t * 2 + 1, customer);
          expect(Number.isFinite(near) && near >= 0).toBe(true);
          expect(far).toBeGreaterThanOrEqual(near * (1 - 1e-8) - 1e-300);
        },
      ),
      { numRuns: 150 },
    );
  });
});
