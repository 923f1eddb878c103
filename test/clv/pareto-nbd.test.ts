import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError, paretoNbd } from "../../src/index.js";
import { integrateUnitInterval } from "../../src/math/index.js";
import { HP, hypergeometricSeries, relativeError } from "../helpers/high-precision.js";
import { cdnowSummary } from "../helpers/reference-data.js";

// BTYD's cdnowSummary$est.params (SOURCES.md), LL −9594.98 (Fader & Hardie's Pareto/NBD note).
const btyd = { r: 0.5533971432566355, alpha: 10.580198543474351, s: 0.6060624971176619, beta: 11.656223670707698 };
const cdnow = cdnowSummary();

/** P(alive) from the note's eq. 19 at 60 digits with direct series (α < β branch here). */
function referenceAlive(p: typeof btyd, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const shape = r + s + x;
  const part = (t: number) =>
    hypergeometricSeries(shape, r + x, shape + 1, (beta - alpha) / (beta + t)).div(new HP(beta + t).pow(shape));
  const a0 = part(tx).minus(part(T));
  const odds = new HP(s)
    .div(shape)
    .times(new HP(alpha + T).pow(r + x))
    .times(new HP(beta + T).pow(s))
    .times(a0);
  return new HP(1).div(odds.plus(1)).toNumber();
}

describe("Pareto/NBD on CDNOW", () => {
  const fit = paretoNbd.fit(cdnow);
  it("reproduces BTYD's estimates and the published log-likelihood", () => {
    expect(fit.converged).toBe(true);
    expect(fit.logLikelihood).toBeGreaterThan(-9594.98);
    expect(fit.logLikelihood).toBeLessThan(-9594.97);
    expect(paretoNbd.logLikelihood(btyd, cdnow)).toBeCloseTo(fit.logLikelihood, 3);
    expect(fit.params.r.toPrecision(3)).toBe("0.553");
    expect(fit.params.alpha.toPrecision(3)).toBe("10.6");
    expect(fit.params.s.toPrecision(3)).toBe("0.606");
    expect(fit.params.beta.toPrecision(2)).toBe("12");
  });
  it("P(alive) matches the direct formula at 60 digits", () => {
    for (const [x, tx, T] of [
      [1, 1.71, 38.86],
      [2, 30.43, 38.86],
      [7, 20, 39],
      [25, 38, 39],
    ] as const) {
      expect(
        relativeError(
          paretoNbd.probabilityAlive(btyd, { frequency: x, recency: tx, T }),
          referenceAlive(btyd, x, tx, T),
        ),
      ).toBeLessThan(1e-10);
    }
    expect(paretoNbd.probabilityAlive(btyd, { frequency: 0, recency: 0, T: 38.86 })).toBeCloseTo(
      referenceAlive(btyd, 0, 0, 38.86),
      12,
    );
  });
  it("stays finite and correct for customers with thousands of purchases (lifetimes and CLVTools overflow)", () => {
    const heavy = paretoNbd.probabilityAlive(btyd, { frequency: 2000, recency: 38.8, T: 38.86 });
    expect(heavy).toBeGreaterThan(0);
    expect(heavy).toBeLessThanOrEqual(1);
    expect(relativeError(heavy, referenceAlive(btyd, 2000, 38.8, 38.86))).toBeLessThan(1e-8);
    expect(paretoNbd.probabilityAlive(btyd, { frequency: 5000, recency: 30, T: 39 })).toBe(0);
  });
  it("DERT equals the discounted integral of the conditional purchase rate", () => {
    const delta = Math.log(1.15) / 52;
    const customer = { frequency: 2, recency: 30.43, T: 38.86 };
    const { r, alpha, s, beta } = btyd;
    const alive = paretoNbd.probabilityAlive(btyd, customer);
    const rateIntegral = integrateUnitInterval((u, q) => {
      const t = u / q;
      return Math.exp(-delta * t + s * Math.log((beta + customer.T) / (beta + customer.T + t)) - 2 * Math.log(q));
    });
    const expected = alive * ((r + customer.frequency) / (alpha + customer.T)) * rateIntegral;
    expect(
      relativeError(paretoNbd.discountedExpectedResidualTransactions(btyd, delta, customer), expected),
    ).toBeLessThan(1e-9);
  });
  it("DERT matches that integral to 1e-12 across dropout shapes, discount rates and both Ψ routes (series, fraction)", () => {
    const shapes = [
      { r: 0.55, alpha: 10.6, s: 0.05, beta: 11.7 },
      { r: 0.55, alpha: 10.6, s: 0.6061, beta: 11.656 },
      { r: 0.55, alpha: 10.6, s: 1, beta: 11.7 },
      { r: 2.1, alpha: 8, s: 1.5, beta: 20 },
      { r: 0.3, alpha: 4, s: 3.7, beta: 60 },
      { r: 0.8, alpha: 12, s: 29.9, beta: 900 },
      { r: 0.8, alpha: 12, s: 45, beta: 1500 },
      { r: 0.8, alpha: 12, s: 2000, beta: 60_000 },
    ];
    const customers = [
      { frequency: 0, recency: 0, T: 10 },
      { frequency: 2, recency: 30.43, T: 38.86 },
      { frequency: 15, recency: 70, T: 77.3 },
    ];
    for (const params of shapes)
      for (const delta of [Math.log(1.15) / 365.2425, Math.log(1.15) / 52, 0.05, 0.9])
        for (const customer of customers) {
          const { r, alpha, s, beta } = params;
          const age = beta + customer.T;
          const scale = 1 / (delta + s / age); // the integrand's decay length, so that tanh-sinh meets it at unit scale
          const rateIntegral =
            scale *
            integrateUnitInterval((u, q) => {
              const t = (scale * u) / q;
              return Math.exp(-delta * t - s * Math.log1p(t / age) - 2 * Math.log(q));
            });
          const expected =
            paretoNbd.probabilityAlive(params, customer) *
            ((r + customer.frequency) / (alpha + customer.T)) *
            rateIntegral;
          // At s = 2000 the likelihood's own s·ln(β+T) ≈ 22,000 carries a rounding of 4e-12 in P(alive) (both sides).
          expect(
            relativeError(paretoNbd.discountedExpectedResidualTransactions(params, delta, customer), expected),
          ).toBeLessThan(s > 100 ? 1e-11 : 1e-12);
        }
  });
  it("PMF sums to 1 with mean E[X(t)]", () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 300; n++) {
      const probability = paretoNbd.probabilityOfPurchases(btyd, 39, n);
      expect(probability).toBeGreaterThanOrEqual(0);
      total += probability;
      mean += n * probability;
    }
    expect(total).toBeCloseTo(1, 10);
    expect(mean).toBeCloseTo(paretoNbd.expectedPurchases(btyd, 39), 8);
  });
});

describe("Pareto/NBD properties", () => {
  const parameter = fc.double({ min: 1e-4, max: 1e4, noNaN: true });
  const params = fc.record({ r: parameter, alpha: parameter, s: parameter, beta: parameter });
  const customer = fc
    .tuple(
      fc.integer({ min: 0, max: 10_000 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 1e-3, max: 10_000, noNaN: true }),
    )
    .map(([x, share, T]) => ({ frequency: x, recency: x === 0 ? 0 : share * T, T }));
  it("P(alive) in [0, 1] and expectations finite, ≥ 0 and non-decreasing in t", () => {
    fc.assert(
      fc.property(
        params,
        customer,
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        (p, c, t, dt) => {
          const alive = paretoNbd.probabilityAlive(p, c);
          expect(alive).toBeGreaterThanOrEqual(0);
          expect(alive).toBeLessThanOrEqual(1);
          const near = paretoNbd.conditionalExpectedPurchases(p, t, c);
          const far = paretoNbd.conditionalExpectedPurchases(p, t + dt, c);
          expect(Number.isFinite(near) && Number.isFinite(far)).toBe(true);
          expect(far).toBeGreaterThanOrEqual(near);
          const unconditional = paretoNbd.expectedPurchases(p, t);
          expect(paretoNbd.expectedPurchases(p, t + dt)).toBeGreaterThanOrEqual(unconditional);
        },
      ),
      { numRuns: 300 },
    );
  });
  it("recovers simulated parameters", () => {
    const truth = { r: 0.7, alpha: 8, s: 0.9, beta: 15 };
    const simulated = paretoNbd.simulate(truth, 10_000, { seed: 5, T: 52 });
    const fit = paretoNbd.fit(simulated);
    for (const name of ["r", "alpha", "s", "beta"] as const) {
      expect(Math.abs(fit.params[name] - truth[name]), name).toBeLessThan(
        3.5 * (fit.standardErrors?.[name] ?? Number.NaN),
      );
    }
  });
  it("rejects bad input", () => {
    expect(() => paretoNbd.probabilityAlive({ ...btyd, s: Number.NaN }, { frequency: 1, recency: 1, T: 2 })).toThrow(
      /s: must be/,
    );
    expect(() => paretoNbd.probabilityOfPurchases(btyd, 1, -1)).toThrow(InvalidInputError);
    expect(() => paretoNbd.discountedExpectedResidualTransactions(btyd, 0, { frequency: 1, recency: 1, T: 2 })).toThrow(
      /continuousDiscountRate/,
    );
  });
});

describe("Pareto/NBD: customers without repeat purchases share F(0)", () => {
  it("a parameter change between calls is never served the last parameters' F(0)", async () => {
    const { logA0, logA0ByQuadrature } = await import("../../src/clv/pareto-nbd/log-likelihood.js");
    const { logA0WithGradient } = await import("../../src/clv/pareto-nbd/row-log-likelihood.js");
    const sets = [
      [0.55, 10.58, 0.61, 11.66],
      [0.55, 10.58, 0.61, 30],
      [0.55, 12, 0.61, 30],
      [2, 1, 0.5, 3],
      [0.55, 10.58, 0.62, 11.66],
    ] as const;
    const gradient = new Float64Array(4);
    for (let round = 0; round < 2; round++)
      for (const [r, alpha, s, beta] of sets)
        for (const T of [5, 40]) {
          const exact = logA0ByQuadrature(r, alpha, s, beta, 0, 0, T);
          expect(Math.abs(logA0(r, alpha, s, beta, 0, 0, T) - exact)).toBeLessThan(1e-10);
          expect(Math.abs(logA0WithGradient(r, alpha, s, beta, 0, 0, T, gradient) - exact)).toBeLessThan(1e-10);
          // ∂ ln A₀/∂α against the integral it equals (see logA0WithGradient)
          const slope =
            -(r + 0) *
            Math.exp(logA0ByQuadrature(r, alpha, s, beta, 1, 0, T) - Math.log(r + s + 1) - (exact - Math.log(r + s)));
          expect(Math.abs((gradient[1] as number) - slope)).toBeLessThan(1e-9 * Math.abs(slope));
        }
  });
});

describe("Pareto/NBD A₀: series and quadrature agree where both apply", () => {
  it("matches to 1e-10 across parameter regimes", async () => {
    const { logA0, logA0ByQuadrature } = await import("../../src/clv/pareto-nbd/log-likelihood.js");
    const cases = [
      [0.55, 10.58, 0.61, 11.66, 2, 30.43, 38.86],
      [0.55, 10.58, 0.61, 11.66, 20, 5, 38.86],
      [2, 1, 0.5, 30, 3, 10, 20],
      [0.3, 50, 1.5, 2, 7, 1, 60],
      [1, 3, 1, 3.0001, 0, 0, 10],
    ] as const;
    for (const [r, alpha, s, beta, x, tx, T] of cases) {
      expect(
        Math.abs(logA0(r, alpha, s, beta, x, tx, T) - logA0ByQuadrature(r, alpha, s, beta, x, tx, T)),
        `${[r, alpha, s, beta, x, tx, T]}`,
      ).toBeLessThan(1e-10);
    }
  });
});
