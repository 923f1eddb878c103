// Issue 28: autoclv/udf's scalar functions are the library's predictions (numbers in, a number out) and give null,
// never an exception, for any bad row.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgbb, bgcnbd, bgnbd, gammaGamma, mbgcnbd, mbgnbd, paretoNbd, udf } from "../../src/index.js";

const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const pnbd = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 };
const cnbd = { k: 2, r: 1.33, alpha: 2.81, a: 0.425, b: 0.79 };
const bb = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
const gg = { p: 6.25, q: 3.74, gamma: 15.44 };

const summary = fc
  .record({
    x: fc.integer({ min: 0, max: 60 }),
    T: fc.double({ min: 0, max: 200, noNaN: true }),
    u: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ x, T, u }) => ({ frequency: x, recency: x === 0 ? 0 : T * u, T }));
const discrete = fc
  .record({
    n: fc.integer({ min: 1, max: 30 }),
    u: fc.double({ min: 0, max: 1, noNaN: true }),
    v: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ n, u, v }) => {
    const recency = Math.min(n, Math.floor(u * (n + 1)));
    return { frequency: recency === 0 ? 0 : Math.min(recency, 1 + Math.floor(v * recency)), recency, periods: n };
  });

const near = (got: number | null, expected: number) =>
  got !== null && Math.abs(got - expected) <= 1e-12 * Math.abs(expected) + 1e-300;

describe("the scalar functions are the library's predictions", () => {
  it("continuous-time models: P(alive), the conditional expectation and DERT", () => {
    fc.assert(
      fc.property(summary, fc.double({ min: 0, max: 100, noNaN: true }), (c, t) => {
        const { frequency: x, recency: tx, T } = c;
        expect(
          near(udf.bgnbdProbabilityAlive(bg.r, bg.alpha, bg.a, bg.b, x, tx, T), bgnbd.probabilityAlive(bg, c)),
        ).toBe(true);
        expect(
          near(udf.mbgnbdProbabilityAlive(bg.r, bg.alpha, bg.a, bg.b, x, tx, T), mbgnbd.probabilityAlive(bg, c)),
        ).toBe(true);
        expect(
          near(
            udf.bgnbdConditionalExpectedPurchases(bg.r, bg.alpha, bg.a, bg.b, t, x, tx, T),
            bgnbd.conditionalExpectedPurchases(bg, t, c),
          ),
        ).toBe(true);
        expect(
          near(
            udf.mbgnbdConditionalExpectedPurchases(bg.r, bg.alpha, bg.a, bg.b, t, x, tx, T),
            mbgnbd.conditionalExpectedPurchases(bg, t, c),
          ),
        ).toBe(true);
        expect(
          near(
            udf.paretoNbdProbabilityAlive(pnbd.r, pnbd.alpha, pnbd.s, pnbd.beta, x, tx, T),
            paretoNbd.probabilityAlive(pnbd, c),
          ),
        ).toBe(true);
        expect(
          near(
            udf.paretoNbdConditionalExpectedPurchases(pnbd.r, pnbd.alpha, pnbd.s, pnbd.beta, t, x, tx, T),
            paretoNbd.conditionalExpectedPurchases(pnbd, t, c),
          ),
        ).toBe(true);
        expect(
          near(
            udf.paretoNbdDiscountedExpectedResidualTransactions(pnbd.r, pnbd.alpha, pnbd.s, pnbd.beta, 0.01, x, tx, T),
            paretoNbd.discountedExpectedResidualTransactions(pnbd, 0.01, c),
          ),
        ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("the CNBD-k models, the BG/BB and the Gamma-Gamma spend", () => {
    fc.assert(
      fc.property(summary, discrete, fc.double({ min: 0, max: 500, noNaN: true }), (c, d, m) => {
        const { frequency: x, recency: tx, T } = c;
        const { k, r, alpha, a, b } = cnbd;
        expect(near(udf.bgcnbdProbabilityAlive(k, r, alpha, a, b, x, tx, T), bgcnbd.probabilityAlive(cnbd, c))).toBe(
          true,
        );
        expect(near(udf.mbgcnbdProbabilityAlive(k, r, alpha, a, b, x, tx, T), mbgcnbd.probabilityAlive(cnbd, c))).toBe(
          true,
        );
        expect(
          near(
            udf.bgcnbdConditionalExpectedPurchases(k, r, alpha, a, b, 20, x, tx, T),
            bgcnbd.conditionalExpectedPurchases(cnbd, 20, c),
          ),
        ).toBe(true);
        expect(
          near(
            udf.mbgcnbdConditionalExpectedPurchases(k, r, alpha, a, b, 20, x, tx, T),
            mbgcnbd.conditionalExpectedPurchases(cnbd, 20, c),
          ),
        ).toBe(true);
        const { frequency: dx, recency: dtx, periods: n } = d;
        expect(
          near(
            udf.bgbbProbabilityAlive(bb.alpha, bb.beta, bb.gamma, bb.delta, dx, dtx, n),
            bgbb.probabilityAlive(bb, d),
          ),
        ).toBe(true);
        expect(
          near(
            udf.bgbbConditionalExpectedPurchases(bb.alpha, bb.beta, bb.gamma, bb.delta, 5, dx, dtx, n),
            bgbb.conditionalExpectedPurchases(bb, 5, d),
          ),
        ).toBe(true);
        expect(
          near(
            udf.bgbbDiscountedExpectedResidualTransactions(bb.alpha, bb.beta, bb.gamma, bb.delta, 0.1, dx, dtx, n),
            bgbb.discountedExpectedResidualTransactions(bb, 0.1, d),
          ),
        ).toBe(true);
        expect(
          near(
            udf.gammaGammaConditionalExpectedSpend(gg.p, gg.q, gg.gamma, x, m),
            gammaGamma.conditionalExpectedSpend(gg, { frequency: x, monetaryValue: m }),
          ),
        ).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe("a bad row gives null, never an exception", () => {
  const hostile = [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5, "3", 1e300, {}, 10n] as unknown[];
  const scalars = Object.entries(udf).filter(([name]) => !name.endsWith("Batch")) as [
    string,
    (...args: unknown[]) => unknown,
  ][];
  const validArgs: Record<string, unknown[]> = {
    bgnbdProbabilityAlive: [0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86],
    mbgnbdProbabilityAlive: [0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86],
    bgnbdConditionalExpectedPurchases: [0.243, 4.414, 0.793, 2.426, 39, 2, 30.43, 38.86],
    mbgnbdConditionalExpectedPurchases: [0.243, 4.414, 0.793, 2.426, 39, 2, 30.43, 38.86],
    paretoNbdProbabilityAlive: [0.553, 10.58, 0.606, 11.67, 2, 30.43, 38.86],
    paretoNbdConditionalExpectedPurchases: [0.553, 10.58, 0.606, 11.67, 39, 2, 30.43, 38.86],
    paretoNbdDiscountedExpectedResidualTransactions: [0.553, 10.58, 0.606, 11.67, 0.01, 2, 30.43, 38.86],
    bgcnbdProbabilityAlive: [2, 1.33, 2.81, 0.425, 0.79, 2, 30.43, 38.86],
    mbgcnbdProbabilityAlive: [2, 1.33, 2.81, 0.425, 0.79, 2, 30.43, 38.86],
    bgcnbdConditionalExpectedPurchases: [2, 1.33, 2.81, 0.425, 0.79, 39, 2, 30.43, 38.86],
    mbgcnbdConditionalExpectedPurchases: [2, 1.33, 2.81, 0.425, 0.79, 39, 2, 30.43, 38.86],
    bgbbProbabilityAlive: [1.204, 0.75, 0.657, 2.783, 3, 4, 6],
    bgbbConditionalExpectedPurchases: [1.204, 0.75, 0.657, 2.783, 5, 3, 4, 6],
    bgbbDiscountedExpectedResidualTransactions: [1.204, 0.75, 0.657, 2.783, 0.1, 3, 4, 6],
    gammaGammaConditionalExpectedSpend: [6.25, 3.74, 15.44, 2, 22.345],
  };

  it("covers every scalar function", () => {
    expect(scalars.map(([name]) => name).sort()).toEqual(Object.keys(validArgs).sort());
  });

  it.each(scalars)("%s: a number for the valid row; null for a hostile value in any argument", (name, f) => {
    const args = validArgs[name] as unknown[];
    expect(typeof f(...args)).toBe("number");
    for (let position = 0; position < args.length; position++)
      for (const value of hostile) {
        const result = f(...args.map((arg, i) => (i === position ? value : arg)));
        if (result !== null) expect(Number.isFinite(result), `${name} arg ${position} = ${String(value)}`).toBe(true);
      }
    expect(f(...args.map((arg, i) => (i === args.length - 1 ? null : arg)))).toBeNull();
    expect(f(...args.map((arg, i) => (i === args.length - 1 ? undefined : arg)))).toBeNull();
  });

  it("rejects summaries the models do not define, and a spend whose mean does not exist", () => {
    expect(udf.bgnbdProbabilityAlive(0.243, 4.414, 0.793, 2.426, 2, 40, 38.86)).toBeNull(); // t_x > T
    expect(udf.bgnbdProbabilityAlive(0.243, 4.414, 0.793, 2.426, 0, 3, 38.86)).toBeNull(); // t_x without repeats
    expect(udf.bgnbdProbabilityAlive(0.243, 4.414, 0.793, 2.426, 1.5, 3, 38.86)).toBeNull();
    expect(udf.bgbbProbabilityAlive(1.204, 0.75, 0.657, 2.783, 5, 4, 6)).toBeNull(); // x > t_x
    expect(udf.bgcnbdProbabilityAlive(0, 1.33, 2.81, 0.425, 0.79, 2, 30, 38)).toBeNull(); // k = 0
    expect(udf.gammaGammaConditionalExpectedSpend(0.5, 0.4, 15, 0, 10)).toBeNull(); // q ≤ 1 with x = 0
  });
});
