// The process noise of prediction intervals: each model's draw of a customer's future purchases given the history
// has the mean and the P(no purchase) of the model's own closed forms (conditionalExpected, P(alive)).
import { describe, expect, it } from "vitest";
import { modelSpec } from "../../src/clv/model-specs.js";
import { createRandomSource } from "../../src/math/random-source.js";

const cases = [
  { model: "bgnbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
  { model: "mbgnbd", params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 } },
  { model: "paretoNbd", params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 } },
  { model: "bgcnbd", params: { k: 3, r: 1.2, alpha: 8, a: 0.7, b: 3 } },
  { model: "mbgcnbd", params: { k: 2, r: 0.9, alpha: 5, a: 0.6, b: 2.5 } },
  { model: "bgbb", params: { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 } },
] as const;
const histories = [
  [0, 0, 30],
  [2, 20, 39],
  [6, 35, 38],
  [12, 30, 52],
];
const discreteHistories = [
  [0, 0, 6],
  [2, 3, 6],
  [5, 6, 6],
  [3, 4, 11],
];

describe.each(cases)("$model: simulateFuture", ({ model, params }) => {
  const spec = modelSpec(model, "test", []);
  const rows = spec.discrete ? discreteHistories : histories;
  const horizon = spec.discrete ? 5 : 39;
  it.each(rows)("matches E[Y(t) | x=%d, t_x=%d, T=%d] within 4 standard errors", (x, tx, T) => {
    const random = createRandomSource(7 + x);
    const n = 40_000;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const y = spec.simulateFuture(params, x as number, tx as number, T as number, horizon, random);
      sum += y;
      sumSquares += y * y;
    }
    const mean = sum / n;
    const se = Math.sqrt((sumSquares / n - mean * mean) / n);
    const expected = spec.conditionalExpected(params, x as number, tx as number, T as number, horizon);
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se + 1e-9);
  });
});
