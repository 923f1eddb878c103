import { describe, expect, it } from "vitest";
import { digamma, logBeta, logGamma } from "../../src/math/index.js";
import {
  digammaHalfInteger,
  digammaInteger,
  HP,
  logGammaHalfInteger,
  logGammaInteger,
  relativeError,
} from "../helpers/high-precision.js";

/**
 * The documented accuracy: relative error ≤ tolerance where |expected| ≥ 1, absolute error ≤ 1e-14 below that
 * (near the zeros of ln Γ and ψ a relative bound is meaningless).
 */
function expectClose(actual: number, expected: number, tolerance: number): void {
  const scale = Math.abs(expected) >= 1 ? Math.abs(expected) : 1e-14 / tolerance;
  expect(Math.abs(actual - expected) / scale, `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe("logGamma", () => {
  it("matches ln (n−1)! for n = 1..300 (decimal.js reference)", () => {
    for (let n = 1; n <= 300; n++) expectClose(logGamma(n), logGammaInteger(n), 4e-15);
  });
  it("matches ln Γ(n + ½) for n = 0..150", () => {
    for (let n = 0; n <= 150; n++) expectClose(logGamma(n + 0.5), logGammaHalfInteger(n), 4e-15);
  });
  it("matches Abramowitz & Stegun table values", () => {
    expectClose(logGamma(1 / 3), Math.log(2.678938534707747), 1e-15);
    expectClose(logGamma(0.1), Math.log(9.513507698668732), 1e-15);
    expectClose(logGamma(1.5), Math.log(0.886226925452758), 1e-15);
  });
  it("is accurate for very large and very small arguments", () => {
    // Stirling at 1e6 with the decimal series is exact to far beyond float precision.
    const x = new HP(1e6);
    const stirling = x
      .minus(0.5)
      .times(x.ln())
      .minus(x)
      .plus(new HP(2).times(Math.PI).ln().div(2))
      .plus(new HP(1).div(x.times(12)));
    expect(relativeError(logGamma(1e6), stirling.toNumber())).toBeLessThan(1e-15);
    expectClose(logGamma(1e-10), -Math.log(1e-10) - 0.5772156649015329e-10, 1e-15);
  });
  it("reflects for negative non-integers and is +Infinity at poles", () => {
    expectClose(logGamma(-0.5), Math.log(2 * Math.sqrt(Math.PI)), 4e-15);
    expectClose(logGamma(-2.5), Math.log((8 / 15) * Math.sqrt(Math.PI)), 2e-15);
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(Number.NaN)).toBeNaN();
  });
});

describe("logBeta", () => {
  it("matches ln((m−1)!(n−1)!/(m+n−1)!) over a grid", () => {
    for (const m of [1, 2, 3, 7, 10, 11, 25, 60, 150]) {
      for (const n of [1, 2, 5, 9, 10, 12, 40, 100]) {
        const expected = logGammaInteger(m) + logGammaInteger(n) - logGammaInteger(m + n);
        expectClose(logBeta(m, n), expected, 1e-14);
      }
    }
  });
  it("keeps precision where the naive form cancels", () => {
    // B(1e8, 2) = 1 / (1e8 (1e8 + 1)) exactly.
    const expected = new HP(1)
      .div(new HP(1e8).times(1e8 + 1))
      .ln()
      .toNumber();
    expect(relativeError(logBeta(1e8, 2), expected)).toBeLessThan(1e-14);
    expect(relativeError(logBeta(1e8, 1e8), logBetaLarge(1e8))).toBeLessThan(1e-13);
    expectClose(logBeta(0.5, 0.5), Math.log(Math.PI), 1e-14);
  });
  it("is NaN outside its domain", () => {
    expect(logBeta(0, 1)).toBeNaN();
    expect(logBeta(-1, 1)).toBeNaN();
    expect(logBeta(1, Number.NaN)).toBeNaN();
  });
});

/** ln B(x, x) at 60 digits via Stirling: ln Γ(x)² − ln Γ(2x). */
function logBetaLarge(x: number): number {
  const stirling = (value: Parameters<typeof HP>[0]) => {
    const v = new HP(value);
    return v
      .minus(0.5)
      .times(v.ln())
      .minus(v)
      .plus(new HP(2).times(Math.PI).ln().div(2))
      .plus(new HP(1).div(v.times(12)));
  };
  return stirling(x)
    .times(2)
    .minus(stirling(2 * x))
    .toNumber();
}

describe("digamma", () => {
  it("matches −γ + H(n−1) for n = 1..200", () => {
    for (let n = 1; n <= 200; n++) expectClose(digamma(n), digammaInteger(n), 2e-15);
  });
  it("matches ψ(n + ½) for n = 0..100", () => {
    for (let n = 0; n <= 100; n++) expectClose(digamma(n + 0.5), digammaHalfInteger(n), 2e-15);
  });
  it("handles negative arguments, poles and the large-argument limit", () => {
    expectClose(digamma(-0.5), digammaHalfInteger(1), 1e-14);
    expect(digamma(0)).toBeNaN();
    expect(digamma(-2)).toBeNaN();
    expectClose(digamma(1e6), Math.log(1e6) - 0.5e-6 - 1 / 12e12, 1e-15);
  });
  it("is the derivative of logGamma", () => {
    for (const x of [0.3, 1.7, 4.2, 33.3, 1234.5]) {
      const h = 1e-5 * x;
      const derivative = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
      expect(Math.abs(derivative - digamma(x))).toBeLessThan(1e-6 * Math.max(1, Math.abs(digamma(x))));
    }
  });
});
