import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hypergeometric2F1,
  logAddExp,
  logHypergeometric2F1,
  logSubExp,
  logSumExp,
  neumaierSum,
  regularizedGammaP,
  regularizedGammaQ,
} from "../../src/math/index.js";
import { erlangCdf, HP, hypergeometricSeries, relativeError } from "../helpers/high-precision.js";

describe("hypergeometric2F1", () => {
  it("matches closed forms", () => {
    for (const z of [-50, -3, -0.9, -0.2, 0.1, 0.5, 0.9, 0.99, 0.999]) {
      expect(relativeError(hypergeometric2F1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
      expect(relativeError(hypergeometric2F1(2.5, 3, 3, z), (1 - z) ** -2.5)).toBeLessThan(1e-13);
    }
    for (const x of [0.1, 0.5, 0.9, 0.99]) {
      expect(relativeError(hypergeometric2F1(0.5, 1, 1.5, x * x), Math.atanh(x) / x)).toBeLessThan(1e-13);
      expect(relativeError(hypergeometric2F1(0.5, 0.5, 1.5, x * x), Math.asin(x) / x)).toBeLessThan(1e-13);
    }
  });
  it("matches a 60-digit series for BTYD-shaped arguments", () => {
    // (r + x, b + x; a + b + x − 1; z) as in the BG/NBD conditional expectation, and Pareto/NBD shapes.
    const cases: [number, number, number, number][] = [
      [0.243 + 5, 2.426 + 5, 0.793 + 2.426 + 5 - 1, 0.6],
      [0.243 + 40, 2.426 + 40, 0.793 + 2.426 + 40 - 1, 0.95],
      [3.5, 20.2, 25.1, 0.95],
      [0.55 + 0.61 + 10, 1.61, 0.55 + 0.61 + 11, 0.8],
      [1000.3, 1002.7, 1001.5, 0.5],
      [2.2, 0.3, 1.1, -0.7],
    ];
    for (const [a, b, c, z] of cases) {
      const reference = hypergeometricSeries(a, b, c, z).ln().toNumber();
      const { sign, logAbs } = logHypergeometric2F1(a, b, c, z);
      expect(sign).toBe(1);
      expect(relativeError(logAbs, reference), `${[a, b, c, z]}`).toBeLessThan(1e-12);
    }
  });
  it("returns finite logarithms far beyond the float64 range", () => {
    // ₂F₁(a, b; b; z) = (1 − z)^(−a): with a = 10⁴ and z = 0.9 the value is e^23025.85.
    const { logAbs } = logHypergeometric2F1(10_000, 7.5, 7.5, 0.9);
    expect(relativeError(logAbs, -10_000 * Math.log(0.1))).toBeLessThan(1e-12);
    expect(hypergeometric2F1(10_000, 7.5, 7.5, 0.9)).toBe(Number.POSITIVE_INFINITY);
  });
  it("gives NaN, not a truncated sum, when the series cannot converge in 2,000,000 terms", () => {
    expect(hypergeometric2F1(0.5, 0.5, 1.5, 1 - 1e-9)).toBeNaN();
    expect(logHypergeometric2F1(-0.3, -0.99, -0.95, 1 - 2e-7).logAbs).toBeNaN();
  });
  it("evaluates terminating series and rejects undefined points", () => {
    // ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1)).
    expect(hypergeometric2F1(-2, 3, 4, 2)).toBeCloseTo(1 - 3 + (12 * 4) / 20, 12);
    // A non-positive integer c is allowed when the series ends first (a > c); the series ends after an even and
    // after an odd number of terms (the sum takes terms in pairs).
    expect(hypergeometric2F1(-2, 3, -3, 0.5)).toBeCloseTo(
      1 + (-2 * 3 * 0.5) / -3 + (-2 * -1 * 12 * 0.25) / (-3 * -2 * 2),
      12,
    );
    const cubic =
      1 +
      (-3 * 3 * 0.5) / -5 +
      (-3 * -2 * 12 * 0.25) / (-5 * -4 * 2) +
      (-3 * -2 * -1 * 60 * 0.125) / (-5 * -4 * -3 * 6);
    expect(hypergeometric2F1(-3, 3, -5, 0.5)).toBeCloseTo(cubic, 12);
    expect(hypergeometric2F1(1, 1, 2, 1)).toBeNaN();
    expect(hypergeometric2F1(1, 1, -2, 0.5)).toBeNaN();
    expect(hypergeometric2F1(1, Number.NaN, 2, 0.5)).toBeNaN();
    expect(hypergeometric2F1(1, 1, 2, 0)).toBe(1);
  });
});

describe("regularized incomplete gamma", () => {
  it("matches the Erlang CDF (60-digit reference) for k = 1..12", () => {
    for (let k = 1; k <= 12; k++) {
      for (const x of [0.01, 0.5, 1, 2.5, k, k + 1, 7.3, 20, 45]) {
        const [p, q] = erlangCdf(k, x);
        const tolerance = 2e-14 * Math.max(1, k);
        expect(Math.abs(regularizedGammaP(k, x) - p), `P(${k}, ${x})`).toBeLessThan(tolerance);
        expect(relativeError(regularizedGammaQ(k, x), q), `Q(${k}, ${x})`).toBeLessThan(1e-12);
      }
    }
  });
  it("keeps relative precision in the far tail", () => {
    const q = regularizedGammaQ(3, 80);
    const expected = new HP(-80)
      .exp()
      .times(1 + 80 + 3200)
      .toNumber();
    expect(relativeError(q, expected)).toBeLessThan(1e-13);
  });
  it("P + Q = 1 and P rises with x", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 800, noNaN: true }),
        (a, x) => {
          const p = regularizedGammaP(a, x);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(Math.abs(p + regularizedGammaQ(a, x) - 1)).toBeLessThan(1e-12);
          expect(regularizedGammaP(a, x * 1.01 + 0.01)).toBeGreaterThanOrEqual(p - 1e-14);
        },
      ),
    );
  });
  it("is NaN outside its domain", () => {
    expect(regularizedGammaP(0, 1)).toBeNaN();
    expect(regularizedGammaP(1, -1)).toBeNaN();
    expect(regularizedGammaQ(Number.NaN, 1)).toBeNaN();
    expect(regularizedGammaP(2, 0)).toBe(0);
    expect(regularizedGammaQ(2, Number.POSITIVE_INFINITY)).toBe(0);
  });
});

describe("sums in log space and compensated sums", () => {
  it("logSumExp equals ln Σ eˣ where no overflow occurs, and survives where it does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -300, max: 300, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (values) => {
          const reference = values
            .reduce((sum, value) => sum.plus(new HP(value).exp()), new HP(0))
            .ln()
            .toNumber();
          expect(Math.abs(logSumExp(values) - reference)).toBeLessThan(1e-13 * Math.max(1, Math.abs(reference)));
        },
      ),
    );
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp([])).toBe(Number.NEGATIVE_INFINITY);
    expect(logSumExp([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(Number.NEGATIVE_INFINITY);
    expect(logSumExp([1, Number.NaN])).toBeNaN();
  });
  it("logAddExp and logSubExp invert each other", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -700, max: 700, noNaN: true }),
        fc.double({ min: -30, max: 30, noNaN: true }),
        (a, offset) => {
          const b = a + offset;
          const sum = logAddExp(a, b);
          expect(sum).toBeGreaterThanOrEqual(Math.max(a, b));
          // Recovering the smaller term from the sum loses about e^(b − a) ulps: the condition number of the problem.
          const tolerance = 4 * Number.EPSILON * Math.max(1, Math.abs(sum)) * (1 + Math.exp(b - a));
          expect(Math.abs(logSubExp(sum, b) - a)).toBeLessThanOrEqual(tolerance);
        },
      ),
    );
    expect(logSubExp(1, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(logSubExp(0, 1)).toBeNaN();
  });
  it("neumaierSum is within 3ε|Σ| + nε²Σ|x| of the exact sum in any order", () => {
    fc.assert(
      // Multiples of 2⁻¹⁰, so that the 60-digit reference holds every input exactly.
      fc.property(fc.array(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), { maxLength: 200 }), (units) => {
        const values = units.map((unit) => unit / 1024);
        const exact = units.reduce((sum, unit) => sum.plus(new HP(unit).div(1024)), new HP(0));
        const absoluteSum = values.reduce((sum, value) => sum + Math.abs(value), 0);
        const bound =
          3 * Number.EPSILON * Math.abs(exact.toNumber()) + values.length * Number.EPSILON ** 2 * absoluteSum;
        for (const ordered of [values, [...values].reverse()]) {
          expect(Math.abs(new HP(neumaierSum(ordered)).minus(exact).toNumber())).toBeLessThanOrEqual(bound);
        }
      }),
    );
    expect(neumaierSum([1, 1e100, 1, -1e100])).toBe(2);
  });
});
