// Conditional P(alive) at a future time and the conditional PMF of future purchases, for the BG/NBD, MBG/NBD,
// Pareto/NBD and BG/BB: sums, means, and the law of total probability on simulated customers.
import { describe, expect, it } from "vitest";
import { bgbb, bgnbd, InvalidInputError, mbgnbd, paretoNbd } from "../../src/index.js";
import { expectationUnderBeta } from "../../src/math/index.js";
import { relativeError } from "../helpers/high-precision.js";

const bgParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const mbgParams = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const paretoParams = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 };
const bgbbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
const histories = [
  { frequency: 0, recency: 0, T: 38.86 },
  { frequency: 2, recency: 30.43, T: 38.86 },
  { frequency: 7, recency: 10, T: 39 },
  { frequency: 25, recency: 38.5, T: 39 },
];
const continuous = [
  ["BG/NBD", bgnbd, bgParams],
  ["MBG/NBD", mbgnbd, mbgParams],
  ["Pareto/NBD", paretoNbd, paretoParams],
] as const;

type Namespace = {
  conditionalProbabilityOfPurchases(p: object, t: number, n: number, c: object): number;
  conditionalProbabilityAlive(p: object, t: number, c: object): number;
  conditionalExpectedPurchases(p: object, t: number, c: object): number;
  probabilityAlive(p: object, c: object): number;
  simulate(
    p: object,
    n: number,
    o: object,
  ): {
    frequency: Float64Array;
    recency: Float64Array;
    T: Float64Array;
    holdoutFrequency: Float64Array;
  };
};

describe.each(continuous)("%s conditional distributions", (_, model, params) => {
  const namespace = model as unknown as Namespace;

  it("the conditional PMF sums to 1 and its mean is the conditional expectation", () => {
    for (const history of histories) {
      for (const t of [1, 39, 104]) {
        let total = 0;
        let mean = 0;
        for (let n = 0; n < 600; n++) {
          const probability = namespace.conditionalProbabilityOfPurchases(params, t, n, history);
          expect(probability).toBeGreaterThanOrEqual(0);
          total += probability;
          mean += n * probability;
        }
        expect(Math.abs(total - 1)).toBeLessThan(1e-10);
        expect(relativeError(mean, namespace.conditionalExpectedPurchases(params, t, history))).toBeLessThan(1e-8);
      }
      expect(namespace.conditionalProbabilityOfPurchases(params, 0, 0, history)).toBeCloseTo(1, 14);
    }
  });

  it("P(alive) at T + t starts at P(alive) and falls with t", () => {
    for (const history of histories) {
      let previous = namespace.probabilityAlive(params, history);
      expect(namespace.conditionalProbabilityAlive(params, 0, history)).toBe(previous);
      for (const t of [1, 10, 52, 520]) {
        const alive = namespace.conditionalProbabilityAlive(params, t, history);
        expect(alive).toBeLessThanOrEqual(previous);
        expect(alive).toBeGreaterThanOrEqual(0);
        previous = alive;
      }
    }
  });

  it("on simulated customers: the mean conditional PMF matches the holdout counts (law of total probability)", () => {
    const simulated = namespace.simulate(params, 20_000, { seed: 11, T: 39, holdout: 26 });
    const predicted = new Float64Array(4);
    const observed = new Float64Array(4);
    for (let index = 0; index < 20_000; index++) {
      const history = {
        frequency: simulated.frequency[index] as number,
        recency: simulated.recency[index] as number,
        T: simulated.T[index] as number,
      };
      for (let n = 0; n < 3; n++) {
        predicted[n] = (predicted[n] as number) + namespace.conditionalProbabilityOfPurchases(params, 26, n, history);
      }
      const actual = Math.min(3, simulated.holdoutFrequency[index] as number);
      observed[actual] = (observed[actual] as number) + 1;
    }
    predicted[3] = 20_000 - (predicted[0] as number) - (predicted[1] as number) - (predicted[2] as number);
    for (let n = 0; n < 4; n++) {
      const share = (predicted[n] as number) / 20_000;
      const standardError = Math.sqrt((share * (1 - share)) / 20_000);
      expect(Math.abs((observed[n] as number) / 20_000 - share)).toBeLessThan(4 * standardError);
    }
  });
});

describe("P(alive) at T + t: the population average is the unconditional survival", () => {
  it("Pareto/NBD: mean over simulated histories of P(alive at 39 + t) ≈ (β/(β + 39 + t))^s", () => {
    const simulated = paretoNbd.simulate(paretoParams, 20_000, { seed: 3, T: 39 });
    for (const t of [13, 52]) {
      let sum = 0;
      for (let index = 0; index < 20_000; index++) {
        sum += paretoNbd.conditionalProbabilityAlive(paretoParams, t, {
          frequency: simulated.frequency[index] as number,
          recency: simulated.recency[index] as number,
          T: 39,
        });
      }
      const expected = (paretoParams.beta / (paretoParams.beta + 39 + t)) ** paretoParams.s;
      expect(Math.abs(sum / 20_000 - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / 20_000));
    }
  });

  it("BG/NBD: mean over simulated histories ≈ E_p[(α/(α + pτ))^r] at τ = 39 + t", () => {
    const simulated = bgnbd.simulate(bgParams, 20_000, { seed: 4, T: 39 });
    const t = 26;
    let sum = 0;
    for (let index = 0; index < 20_000; index++) {
      sum += bgnbd.conditionalProbabilityAlive(bgParams, t, {
        frequency: simulated.frequency[index] as number,
        recency: simulated.recency[index] as number,
        T: 39,
      });
    }
    const tau = 39 + t;
    const expected = expectationUnderBeta(
      (p) => (bgParams.alpha / (bgParams.alpha + p * tau)) ** bgParams.r,
      bgParams.a,
      bgParams.b,
    );
    expect(Math.abs(sum / 20_000 - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / 20_000));
  });
});

describe("BG/BB conditional distributions", () => {
  const patterns = [
    { frequency: 0, recency: 0, periods: 6 },
    { frequency: 3, recency: 4, periods: 6 },
    { frequency: 6, recency: 6, periods: 6 },
  ];

  it("PMF sums to 1 with mean the conditional expectation; P(alive) one opportunity ahead is probabilityAlive", () => {
    for (const pattern of patterns) {
      for (const ahead of [1, 5, 10]) {
        let total = 0;
        let mean = 0;
        for (let x = 0; x <= ahead; x++) {
          const probability = bgbb.conditionalProbabilityOfPurchases(bgbbParams, ahead, x, pattern);
          total += probability;
          mean += x * probability;
        }
        expect(Math.abs(total - 1)).toBeLessThan(1e-12);
        expect(relativeError(mean, bgbb.conditionalExpectedPurchases(bgbbParams, ahead, pattern))).toBeLessThan(1e-10);
        expect(bgbb.conditionalProbabilityOfPurchases(bgbbParams, ahead, ahead + 1, pattern)).toBe(0);
      }
      expect(bgbb.conditionalProbabilityAlive(bgbbParams, 1, pattern)).toBeCloseTo(
        bgbb.probabilityAlive(bgbbParams, pattern),
        14,
      );
    }
  });

  it("on simulated customers: the mean conditional PMF matches the holdout counts", () => {
    const simulated = bgbb.simulate(bgbbParams, 20_000, { seed: 9, periods: 6, holdoutPeriods: 5 });
    const predicted = new Float64Array(6);
    const observed = new Float64Array(6);
    for (let index = 0; index < 20_000; index++) {
      const pattern = {
        frequency: simulated.frequency[index] as number,
        recency: simulated.recency[index] as number,
        periods: 6,
      };
      for (let x = 0; x <= 5; x++) {
        predicted[x] = (predicted[x] as number) + bgbb.conditionalProbabilityOfPurchases(bgbbParams, 5, x, pattern);
      }
      const actual = simulated.holdoutFrequency[index] as number;
      observed[actual] = (observed[actual] as number) + 1;
    }
    for (let x = 0; x <= 5; x++) {
      const share = (predicted[x] as number) / 20_000;
      expect(Math.abs((observed[x] as number) / 20_000 - share)).toBeLessThan(
        4 * Math.sqrt((share * (1 - share)) / 20_000) + 1e-9,
      );
    }
  });

  it("rejects bad counts and horizons", () => {
    expect(() => bgbb.conditionalProbabilityOfPurchases(bgbbParams, 2.5, 0, patterns[1] as never)).toThrow(
      InvalidInputError,
    );
    expect(() => bgnbd.conditionalProbabilityOfPurchases(bgParams, 39, -1, histories[1] as never)).toThrow(/whole/);
    expect(() => paretoNbd.conditionalProbabilityAlive(paretoParams, -1, histories[1] as never)).toThrow(/horizon|t/);
  });
});
