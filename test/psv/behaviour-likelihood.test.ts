// The joint owner-behaviour likelihood of psv.calibrate: its analytic gradient (which L-BFGS uses) equals central
// differences of the likelihood on random patterns and parameters, with and without the payoff trigger, and the
// value computed with the gradient is the value computed without. Ages stay within about 2σ of the replacement age:
// further out 1 − F(t) cancels to a few digits and the central differences, not the gradient, lose accuracy.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { behaviourLikelihood, type DecisionPattern } from "../../src/psv/calibrate/behaviour-likelihood.js";

const stays = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 });
const pattern = fc
  .record({
    entryStays: fc.oneof(
      fc.constant([0, 0, 0, 0]).map((zeros) => [...zeros]),
      stays,
    ),
    stays,
    end: fc.integer({ min: -1, max: 4 }),
    lastAge: fc.integer({ min: 0, max: 100 }),
    span: fc.integer({ min: 0, max: 20 }),
    entryAge: fc.integer({ min: 0, max: 60 }),
    payoffAge: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 120 })),
    weight: fc.integer({ min: 1, max: 20 }),
  })
  .map(
    ({ span, lastAge, entryAge, ...rest }): DecisionPattern => ({
      ...rest,
      entryAge: Math.min(entryAge, lastAge),
      lastAge,
      endAge: rest.end < 0 ? lastAge : lastAge + span,
    }),
  );
const theta = (withTrigger: boolean) =>
  fc
    .tuple(
      fc.array(fc.double({ min: -4, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }),
      fc.double({ min: -1, max: 3, noNaN: true }),
      fc.double({ min: -2, max: 2, noNaN: true }),
      fc.double({ min: 8, max: 11, noNaN: true }),
      fc.double({ min: 0.4, max: 1, noNaN: true }),
      fc.double({ min: -3, max: 1, noNaN: true }),
    )
    .map(([stages, logS, logitP, mu, logSigma, logitQ]) =>
      // μ off the tenths of a year: at z = 0 the normalCdf fit's halves meet 3e-8 apart, a step central differences see
      // (and the likelihood's gradient does not)
      Float64Array.from([...stages, logS, logitP, mu + 0.0137, logSigma, ...(withTrigger ? [logitQ] : [])]),
    );

describe("behaviourLikelihood", () => {
  for (const withTrigger of [false, true]) {
    it(`has the gradient of central differences (${withTrigger ? "with" : "without"} the payoff trigger)`, () => {
      fc.assert(
        fc.property(fc.array(pattern, { minLength: 1, maxLength: 30 }), theta(withTrigger), (groups, point) => {
          const likelihood = behaviourLikelihood(groups);
          const analytic = new Float64Array(point.length);
          const value = likelihood(point, analytic);
          expect(value).toBe(likelihood(point));
          if (!Number.isFinite(value) || value > 1e250) return; // a clipped (impossible) pattern: no gradient there
          // Central differences with h = 1e-4: far-tail probabilities (1e-9) make smaller steps noisy.
          const numeric = Float64Array.from(point, (_, k) => {
            const up = Float64Array.from(point);
            const down = Float64Array.from(point);
            up[k] = (point[k] as number) + 1e-4;
            down[k] = (point[k] as number) - 1e-4;
            return (likelihood(up) - likelihood(down)) / 2e-4;
          });
          const scale = Math.max(1, ...Array.from(numeric, Math.abs));
          for (let k = 0; k < point.length; k++)
            expect(Math.abs((analytic[k] as number) - (numeric[k] as number))).toBeLessThan(2e-5 * scale);
        }),
        { numRuns: 200, seed: 29 },
      );
    });
  }
});
