import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aliveExpectation } from "../../src/clv/bgnbd/alive-expectation.js";
import { expectedIfAliveKernel } from "../../src/clv/pareto-nbd/predict.js";
import { stepDiscounter } from "../../src/clv/step-discounter.js";
import { relativeError } from "../helpers/high-precision.js";

// The Chebyshev form of the discounted sum against the sum over every step, on the BTYD expectations given alive.
const settings = fc
  .record({
    horizon: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.double({ min: 1, max: 3000, noNaN: true })),
    stepsPerUnit: fc.integer({ min: 1, max: 7 }),
    yearlyRate: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
  })
  .map(({ horizon, stepsPerUnit, yearlyRate }) => {
    const steps = Math.min(20_000, Math.ceil(horizon * stepsPerUnit));
    return stepDiscounter(steps / stepsPerUnit, steps, stepsPerUnit, Math.log1p(yearlyRate) / 52, false);
  });
const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true });

describe("stepDiscounter", () => {
  it("interpolating BG/NBD expectations at Chebyshev points gives the step-by-step sum to 1e-12", () => {
    fc.assert(
      fc.property(
        settings,
        fc.record({ r: positive(0.01, 20), alpha: positive(0.001, 200), a: positive(0.01, 20), b: positive(0.01, 50) }),
        fc.integer({ min: 0, max: 400 }),
        positive(0.01, 500),
        (discounted, { r, alpha, a, b }, x, T) => {
          const expectation = (t: number) => (t === 0 ? 0 : aliveExpectation(r, a, b, x, t / (alpha + T)));
          const direct = discounted(expectation);
          expect(relativeError(discounted(expectation, alpha + T), direct)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });
  it("and the Pareto/NBD's, whatever the dropout shape", () => {
    fc.assert(
      fc.property(
        settings,
        fc.record({
          r: positive(0.01, 20),
          alpha: positive(0.001, 200),
          s: positive(0.01, 60),
          beta: positive(0.001, 500),
        }),
        fc.integer({ min: 0, max: 400 }),
        positive(0.01, 500),
        (discounted, { r, alpha, s, beta }, x, T) => {
          const expectation = (t: number) => (t === 0 ? 0 : expectedIfAliveKernel(r, alpha, s, beta, x, T, t));
          expect(relativeError(discounted(expectation, beta + T), discounted(expectation))).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });
  it("sums step by step when interpolation would need as many points as there are steps", () => {
    let calls = 0;
    const discounted = stepDiscounter(10, 10, 1, 0.01, false);
    discounted((t) => {
      calls += 1;
      return t;
    }, 0.001);
    expect(calls).toBe(10);
    calls = 0;
    const long = stepDiscounter(1000, 1000, 1, 0.01, false);
    const value = long((t) => {
      calls += 1;
      return 1 - Math.exp(-t / 300);
    }, 300);
    expect(calls).toBeLessThan(60);
    expect(
      relativeError(
        value,
        long((t) => 1 - Math.exp(-t / 300)),
      ),
    ).toBeLessThan(1e-13);
  });
});
