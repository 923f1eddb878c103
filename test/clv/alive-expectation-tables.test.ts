import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aliveExpectation } from "../../src/clv/bgnbd/alive-expectation.js";
import { aliveExpectationTables } from "../../src/clv/bgnbd/alive-expectation-tables.js";
import { HP, relativeError } from "../helpers/high-precision.js";

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true });

describe("aliveExpectationTables", () => {
  it("matches FHL 2005 eq. 10 summed at 60 digits to 5e-14 (or as closely as aliveExpectation)", () => {
    // E = c/(a − 1) [1 − (1+s)^(1−a) ₂F₁(c − k, a − 1; c; s/(1+s))], the Gauss series summed in decimal.js.
    const reference = (r: number, a: number, b: number, x: number, s: number): number => {
      const k = new HP(r).plus(x);
      const c = new HP(a).plus(b).plus(x - 1);
      const z = new HP(s).div(1 + s);
      let term = new HP(1);
      let sum = new HP(1);
      for (let m = 0; m < 20_000 && term.abs().gt(1e-45); m++) {
        term = term
          .times(c.minus(k).plus(m))
          .times(a - 1 + m)
          .times(z)
          .div(c.plus(m).times(m + 1));
        sum = sum.plus(term);
      }
      const power = new HP(1 + s).pow(1 - a);
      return c
        .div(a - 1)
        .times(new HP(1).minus(power.times(sum)))
        .toNumber();
    };
    for (const r of [0.01, 0.243, 3])
      for (const a of [0.01, 0.793, 0.9939, 1.7, 12])
        for (const b of [0.01, 2.4, 48]) {
          const tables = aliveExpectationTables(r, a, b);
          for (const x of [0, 1, 74])
            for (const s of [0.3, 1.15, 5]) {
              // Never less exact than aliveExpectation, which they defer to where their series would cancel (r + x
              // tiny: both parts of the z form near equal; there aliveExpectation is off by up to 5e-12).
              const value = reference(r, a, b, x, s);
              const deferredTo = relativeError(aliveExpectation(r, a, b, x, s), value);
              expect(relativeError(tables(x, s), value)).toBeLessThanOrEqual(Math.max(5e-14, deferredTo));
            }
        }
  });
  it("gives aliveExpectation's values to 2e-13 for any parameters, frequency and time, in any order of calls", () => {
    fc.assert(
      fc.property(
        fc.record({ r: positive(0.01, 30), a: positive(0.01, 30), b: positive(0.01, 100) }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), positive(1e-6, 60)), { minLength: 1, maxLength: 40 }),
        ({ r, a, b }, points) => {
          const tables = aliveExpectationTables(r, a, b);
          for (const [x, s] of points)
            expect(relativeError(tables(x, s), aliveExpectation(r, a, b, x, s))).toBeLessThan(1e-13);
        },
      ),
      { numRuns: 500 },
    );
  });
  it("near a = 1 and with a + b + x − 1 ≤ 0, where the series cancel or do not exist", () => {
    for (const [r, a, b] of [
      [0.3, 1, 2],
      [0.3, 1 + 1e-9, 2],
      [0.3, 0.999999, 5e7],
      [2, 0.3, 0.2],
      [0.05, 0.4, 0.5],
    ] as const) {
      const tables = aliveExpectationTables(r, a, b);
      for (const x of [0, 1, 3, 50])
        for (const s of [1e-4, 0.3, 0.49, 0.5, 0.9, 2, 7, 40])
          expect(relativeError(tables(x, s), aliveExpectation(r, a, b, x, s))).toBeLessThan(1e-13);
    }
  });
});
