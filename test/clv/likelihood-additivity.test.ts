import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgbb, bgcnbd, bgnbd, gammaGamma, mbgcnbd, mbgnbd, paretoNbd } from "../../src/index.js";
import { cdnowSummary } from "../helpers/reference-data.js";

const rows = cdnowSummary()
  .slice(0, 120)
  .map(({ frequency, recency, T, monetaryValue }) => ({
    frequency,
    recency,
    T,
    monetaryValue,
    // Below x·ln(t_x / x), as any purchase history's (unequal gaps: a tenth less a gap).
    sumLogInterPurchaseTimes: frequency === 0 ? 0 : frequency * (Math.log(recency / frequency) - 0.1),
  }));

const models = [
  ["bgnbd", (data: typeof rows) => bgnbd.logLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, data)],
  ["mbgnbd", (data: typeof rows) => mbgnbd.logLikelihood({ r: 0.525, alpha: 6.18, a: 0.891, b: 1.614 }, data)],
  [
    "paretoNbd",
    (data: typeof rows) => paretoNbd.logLikelihood({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }, data),
  ],
  ["bgcnbd", (data: typeof rows) => bgcnbd.logLikelihood({ k: 2, r: 0.5, alpha: 5, a: 0.8, b: 2.4 }, data)],
  ["mbgcnbd", (data: typeof rows) => mbgcnbd.logLikelihood({ k: 3, r: 0.5, alpha: 5, a: 0.8, b: 2.4 }, data)],
  ["gammaGamma", (data: typeof rows) => gammaGamma.logLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, data)],
] as const;

describe("log-likelihoods are additive over customers; weights equal repeated rows", () => {
  for (const [name, logLikelihood] of models) {
    it(name, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: rows.length - 1 }), fc.integer({ min: 1, max: 4 }), (split, copies) => {
          const whole = logLikelihood(rows);
          expect(logLikelihood(rows.slice(0, split)) + logLikelihood(rows.slice(split))).toBeCloseTo(whole, 7);
          const expanded = Array.from({ length: copies }, () => rows).flat();
          const weighted = rows.map((row) => ({ ...row, weight: copies }));
          expect(logLikelihood(weighted)).toBeCloseTo(logLikelihood(expanded), 7);
          expect(logLikelihood(expanded)).toBeCloseTo(copies * whole, 7);
        }),
        { numRuns: 20 },
      );
    });
  }
  it("bgbb", () => {
    const patterns = [
      { frequency: 6, recency: 6, periods: 6 },
      { frequency: 2, recency: 4, periods: 6 },
      { frequency: 0, recency: 0, periods: 6 },
    ];
    const params = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
    const whole = bgbb.logLikelihood(params, patterns);
    expect(
      bgbb.logLikelihood(params, patterns.slice(0, 1)) + bgbb.logLikelihood(params, patterns.slice(1)),
    ).toBeCloseTo(whole, 10);
    expect(
      bgbb.logLikelihood(
        params,
        patterns.map((row) => ({ ...row, weight: 3 })),
      ),
    ).toBeCloseTo(3 * whole, 10);
  });
});
