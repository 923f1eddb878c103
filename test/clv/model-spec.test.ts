import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MODEL_NAMES, modelSpec, readModelParams } from "../../src/clv/model-specs.js";
import {
  bgbb,
  bgcnbd,
  bgnbd,
  customerLifetimeValue,
  evaluate,
  InvalidInputError,
  mbgcnbd,
  mbgnbd,
  paretoNbd,
} from "../../src/index.js";

// Each model's spec against the model's own public functions: the generic code (CLV, model checks, comparison)
// reads the spec, so a spec that drifted from its model would silently change those results.
const cases = {
  bgnbd: { namespace: bgnbd, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
  mbgnbd: { namespace: mbgnbd, params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 } },
  paretoNbd: { namespace: paretoNbd, params: { r: 0.5534, alpha: 10.58, s: 0.6061, beta: 11.656 } },
  bgcnbd: { namespace: bgcnbd, params: { k: 2, r: 1.1, alpha: 5, a: 1.2, b: 3 } },
  mbgcnbd: { namespace: mbgcnbd, params: { k: 3, r: 0.9, alpha: 4, a: 0.8, b: 2.5 } },
} as const;

type Namespace = {
  probabilityAlive(params: object, customer: object): number;
  conditionalExpectedPurchases(params: object, t: number, customer: object): number;
  expectedPurchases(params: object, t: number): number;
  probabilityOfPurchases(params: object, t: number, n: number): number;
};

const history = fc
  .record({
    x: fc.integer({ min: 0, max: 30 }),
    T: fc.double({ min: 0.5, max: 80, noNaN: true }),
    u: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ x, T, u }) => ({ frequency: x, recency: x === 0 ? 0 : T * u, T }));

describe("model specs", () => {
  for (const [name, { namespace, params }] of Object.entries(cases)) {
    const spec = modelSpec(name, "test", []);
    const model = namespace as unknown as Namespace;
    it(`${name}: the spec's kernels are the model's public functions`, () => {
      fc.assert(
        fc.property(history, fc.double({ min: 0, max: 60, noNaN: true }), (customer, t) => {
          const { frequency: x, recency: tx, T } = customer;
          expect(spec.probabilityAlive(params, x, tx, T)).toBe(model.probabilityAlive(params, customer));
          expect(spec.conditionalExpected(params, x, tx, T, t)).toBe(
            model.conditionalExpectedPurchases(params, t, customer),
          );
          expect(spec.expected(params, t)).toBe(model.expectedPurchases(params, t));
          expect(spec.probabilityOfPurchases(params, t, x)).toBe(model.probabilityOfPurchases(params, t, x));
        }),
        { numRuns: 60, seed: 23 },
      );
    });
    it(`${name}: its separable form multiplies out to the conditional expectation`, () => {
      const separable = spec.separable?.(params);
      expect(separable).toBeDefined();
      if (separable === undefined) return;
      const weights = new Float64Array(separable.phases);
      for (const [x, tx, T, t] of [
        [0, 0, 30, 10],
        [4, 20, 38, 39],
        [12, 37, 39, 52],
      ] as const) {
        separable.weights(x, tx, T, weights);
        let sum = 0;
        for (let phase = 0; phase < separable.phases; phase++)
          sum += (weights[phase] as number) * separable.ifAlive(x, T, t, phase);
        expect(sum).toBeCloseTo(spec.conditionalExpected(params, x, tx, T, t), 12);
      }
    });
  }

  it("bgbb: the spec's kernels are the model's public functions, its DERT at d = e^δ − 1", () => {
    const spec = modelSpec("bgbb", "test", []);
    const params = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
    for (const customer of [
      { frequency: 6, recency: 6, periods: 6 },
      { frequency: 3, recency: 4, periods: 6 },
      { frequency: 0, recency: 0, periods: 6 },
    ]) {
      const { frequency: x, recency: tx, periods: n } = customer;
      expect(spec.probabilityAlive(params, x, tx, n)).toBe(bgbb.probabilityAlive(params, customer));
      expect(spec.conditionalExpected(params, x, tx, n, 5)).toBe(
        bgbb.conditionalExpectedPurchases(params, 5, customer),
      );
      expect(spec.expected(params, 5)).toBe(bgbb.expectedPurchases(params, 5));
      expect(spec.probabilityOfPurchases(params, 5, 2)).toBe(bgbb.probabilityOfPurchases(params, 5, 2));
      const dert = spec.dert?.(Math.log1p(0.1));
      expect(dert?.(params, x, tx, n)).toBeCloseTo(
        bgbb.discountedExpectedResidualTransactions(params, 0.1, customer),
        12,
      );
    }
  });

  it("every model has a spec, named as its namespace, and unknown names are a typed error listing them", () => {
    expect(MODEL_NAMES).toEqual(["bgnbd", "mbgnbd", "paretoNbd", "bgcnbd", "mbgcnbd", "bgbb"]);
    for (const name of MODEL_NAMES) expect(modelSpec(name, "test", []).name).toBe(name);
    expect(() => modelSpec("bgndb", "test", ["model"])).toThrow(/must name one of bgnbd, mbgnbd, paretoNbd/);
    expect(() => modelSpec("bgbb", "test", ["model"], true)).toThrow(InvalidInputError);
  });

  it("a model without covariates rejects coefficients instead of ignoring them", () => {
    const spec = modelSpec("bgcnbd", "test", []);
    const params = { ...cases.bgcnbd.params, covariates: { transaction: { channel: 0.4 } } };
    expect(() => readModelParams(spec, params)).toThrow(/BG\/CNBD-k takes no covariates/);
  });
});

describe("CLV reads covariates wherever the model takes them", () => {
  // Before the specs, CLV applied covariates to the BG/NBD and Pareto/NBD only: an MBG/NBD fit with coefficients
  // was valued with its base parameters, silently. Each customer's value must equal the value under their own
  // parameters (individualParams), computed without covariates.
  const base = cases.mbgnbd.params;
  const params = { ...base, covariates: { transaction: { channel: 0.6 }, lifetime: { channel: -0.3 } } };
  const customers = [
    { frequency: 2, recency: 30, T: 38, covariates: { channel: 1 } },
    { frequency: 0, recency: 0, T: 38, covariates: { channel: 0 } },
    { frequency: 7, recency: 35, T: 39, covariates: { channel: 1 } },
  ];
  const common = { spendModel: { fixedSpend: 10 }, horizon: 52, timeUnit: "week", discountRate: 0.1 } as const;
  it("the MBG/NBD with coefficients values each customer at their own parameters", () => {
    const withCovariates = customerLifetimeValue({
      ...common,
      transactionModel: { model: "mbgnbd", params },
      customers,
    }).raw;
    customers.forEach((customer, index) => {
      const own = bgnbd.individualParams(params, customer.covariates); // the family's one scaling
      const { covariates: _covariates, ...summary } = customer;
      const alone = customerLifetimeValue({
        ...common,
        transactionModel: { model: "mbgnbd", params: own },
        customers: [summary],
      }).raw[0];
      expect(withCovariates[index]).toBeCloseTo(alone as number, 10);
    });
    const plain = customerLifetimeValue({ ...common, transactionModel: { model: "mbgnbd", params: base }, customers });
    expect(withCovariates[0]).not.toBeCloseTo(plain.raw[0] as number, 3);
  });

  it("model checks score the same customers at their own parameters", () => {
    const holdout = customers.map((customer, index) => ({ ...customer, holdoutFrequency: index }));
    const errors = evaluate.holdoutErrors({ model: "mbgnbd", params }, holdout, { holdoutLength: 39 });
    const expected = holdout.map((customer) => mbgnbd.conditionalExpectedPurchases(params, 39, customer));
    expect(errors.expectedTotal).toBeCloseTo(
      expected.reduce((sum, value) => sum + value, 0),
      10,
    );
  });
});
