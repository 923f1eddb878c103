import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectationUnderBeta, integrateUnitInterval, logTricomiUEqualParameters } from "../../src/math/index.js";
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
});
