import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  expectationUnderBeta,
  integrateUnitInterval,
  logGamma,
  logTricomiUEqualParameters,
  regularizedGammaQ,
} from "../../src/math/index.js";
import { relativeError } from "../helpers/high-precision.js";

describe("integrateUnitInterval (tanh-sinh)", () => {
  it("integrates smooth and end-point singular functions", () => {
    expect(integrateUnitInterval((p) => 1 / Math.sqrt(p))).toBeCloseTo(2, 13);
    expect(integrateUnitInterval((p, q) => Math.log(p) * Math.log(q))).toBeCloseTo(2 - Math.PI ** 2 / 6, 13);
    expect(integrateUnitInterval((p) => Math.exp(p))).toBeCloseTo(Math.E - 1, 14);
    expect(integrateUnitInterval((_, q) => q ** -0.9)).toBeCloseTo(10, 9);
  });
});

describe("expectationUnderBeta", () => {
  it("gives the Beta moments E[p^k] = Π (A+j)/(A+B+j) for shapes from 1e-4 to 1e4", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-4, max: 1e4, noNaN: true }),
        fc.double({ min: 1e-4, max: 1e4, noNaN: true }),
        fc.integer({ min: 1, max: 3 }),
        (A, B, k) => {
          let moment = 1;
          for (let j = 0; j < k; j++) moment *= (A + j) / (A + B + j);
          expect(
            relativeError(
              expectationUnderBeta((p) => p ** k, A, B),
              moment,
            ),
          ).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });
  it("stays exact where g(0) is huge (no analytic subtraction)", () => {
    // E[1/p] = (A+B−1)/(A−1); g = (1 − (1+ps)^−n)/p ≈ 1/p for p ≫ 1/s, with g(0) = n s = 5e8.
    const A = 307.25;
    const B = 1010.3;
    const value = expectationUnderBeta(
      (p) => (p === 0 ? 1339 * 4e5 : -Math.expm1(-1339 * Math.log1p(p * 4e5)) / p),
      A,
      B,
    );
    expect(relativeError(value, (A + B - 1) / (A - 1))).toBeLessThan(1e-12);
  });
});

describe("logTricomiUEqualParameters", () => {
  it("matches e^z E₁(z) and its recurrences", () => {
    // U(1, 1, 1) = e E₁(1) with E₁(1) = 0.21938393439552026 (A&S table 5.1); U(2, 2, z) = 1 − z U(1, 1, z).
    expect(relativeError(Math.exp(logTricomiUEqualParameters(1, 1)), Math.E * 0.21938393439552026)).toBeLessThan(1e-13);
    expect(relativeError(Math.exp(logTricomiUEqualParameters(2, 1)), 1 - Math.E * 0.21938393439552026)).toBeLessThan(
      1e-12,
    );
    // U(a, a, z) ~ z^(1−a)/(a − 1) for z → 0, a > 1.
    expect(relativeError(Math.exp(logTricomiUEqualParameters(3, 1e-6)), 0.5e12)).toBeLessThan(1e-5);
    expect(logTricomiUEqualParameters(0, 1)).toBeNaN();
  });
  it("equals z^(1−a) ∫₀^∞ e^(−zt) (1 + t)^(−a) dt (DLMF 13.4.4) to 1e-13 on both sides of every route's border", () => {
    // The integral by tanh-sinh after t = v/(z + a): the way Ψ was computed before the incomplete-gamma routes.
    const integral = (a: number, z: number): number =>
      integrateUnitInterval((u, q) => {
        const t = u / q / (z + a);
        return Math.exp(-z * t - a * Math.log1p(t) - 2 * Math.log(q));
      }) /
      (z + a);
    const shapes = [1e-3, 0.3, 0.5, 0.9999, 1, 1.0001, 1.4999, 1.5, 2, 7.3, 29.99, 30, 31, 400, 1e4];
    const arguments_ = [1e-12, 1e-5, 0.01, 0.3, 1, 1.999, 2, 2.001, 5, 40, 1e4];
    for (const a of shapes)
      for (const z of arguments_) {
        const scaled = logTricomiUEqualParameters(a, z) - (1 - a) * Math.log(z);
        expect(Math.abs(scaled - Math.log(integral(a, z)))).toBeLessThan(
          1e-13 * Math.max(1, Math.abs((1 - a) * Math.log(z))),
        );
      }
  });
  it("satisfies U(a, a, z) = e^z Γ(1 − a, z): against the regularised incomplete gamma where 1 − a > 0", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 1e-4, max: 50, noNaN: true }),
        (a, z) => {
          const upper = regularizedGammaQ(1 - a, z) * Math.exp(logGamma(1 - a));
          const value = Math.exp(logTricomiUEqualParameters(a, z) - z);
          expect(relativeError(value, upper)).toBeLessThan(1e-12);
        },
      ),
    );
  });
});
