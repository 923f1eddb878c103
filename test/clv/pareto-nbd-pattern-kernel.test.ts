// Issue 29: the Pareto/NBD fit's pattern kernel (series coefficients once per frequency, B formed relative to F(t_x))
// against the row kernel it replaces in the fit and against 60-digit arithmetic; the subsample start against the
// plain fit; the L-BFGS start from a known inverse Hessian.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maximizeLikelihood } from "../../src/clv/maximum-likelihood.js";
import { paretoNbdLogLikelihoodKernel } from "../../src/clv/pareto-nbd/log-likelihood.js";
import { createPatternLogLikelihood } from "../../src/clv/pareto-nbd/pattern-log-likelihood.js";
import { createParetoNbdRowLogLikelihood } from "../../src/clv/pareto-nbd/row-log-likelihood.js";
import { bgnbd, paretoNbd } from "../../src/index.js";
import { minimizeLbfgs } from "../../src/math/lbfgs.js";
import { logGamma } from "../../src/math/log-gamma.js";
import { HP, hypergeometricSeries } from "../helpers/high-precision.js";

const PARAMETER_SETS = [
  [0.5534, 10.58, 0.6061, 11.66], // CDNOW (α < β)
  [0.5, 20, 0.8, 5], // α > β
  [0.5, 0.5, 0.8, 200], // α ≪ β: z at small t_x above 0.95, the quadrature route
  [1.2, 8, 2.5, 8], // α = β: z = 0
  [0.3, 30, 50, 100], // large s
  [5, 2, 0.05, 40], // large r, tiny s
] as const;

/** (x, t_x, T): no repeat purchases, the last purchase at T, close to T, high frequencies, a long gap. */
const CUSTOMERS = [
  [0, 0, 5],
  [0, 0, 78],
  [1, 2, 40],
  [1, 39.99, 40],
  [2, 40, 40],
  [3, 30.43, 38.86],
  [7, 1, 60],
  [30, 25, 52],
  [200, 70, 71],
  [12, 0.3, 90],
] as const;

function columnsOf(rows: readonly (readonly number[])[]) {
  return {
    frequency: Float64Array.from(rows, (row) => row[0] as number),
    recency: Float64Array.from(rows, (row) => row[1] as number),
    T: Float64Array.from(rows, (row) => row[2] as number),
    weight: Float64Array.from(rows, (_, index) => 1 + (index % 3)),
  };
}

describe("Pareto/NBD pattern kernel", () => {
  it("equals the row kernel customer by customer: values to 1e-12, gradients to 1e-9", () => {
    const row = createParetoNbdRowLogLikelihood();
    const rowGradient = new Float64Array(4);
    const gradient = new Float64Array(4);
    for (const params of PARAMETER_SETS) {
      const logTheta = params.map(Math.log);
      for (const customer of CUSTOMERS) {
        const [x, tx, T] = customer;
        const kernel = createPatternLogLikelihood({ ...columnsOf([customer]), weight: Float64Array.of(1) });
        const value = kernel(Float64Array.from(params), gradient);
        const expected = row(logTheta, x, tx, T, rowGradient);
        const label = `${params} | ${customer}`;
        expect(Math.abs(value - expected), label).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
        expect(kernel(Float64Array.from(params)), label).toBeCloseTo(value, 12);
        for (let k = 0; k < 4; k++) {
          const natural = (rowGradient[k] as number) / (params[k] as number);
          const scale = Math.max(Math.abs(natural), 1 / (params[k] as number));
          expect(Math.abs((gradient[k] as number) - natural), `${label} ∂${k}`).toBeLessThan(1e-9 * scale);
        }
      }
    }
  });

  it("equals the row kernel for any parameters and customer (property)", () => {
    const row = createParetoNbdRowLogLikelihood();
    const rowGradient = new Float64Array(4);
    const gradient = new Float64Array(4);
    const logUniform = (low: number, high: number) =>
      fc.double({ min: Math.log(low), max: Math.log(high), noNaN: true }).map(Math.exp);
    fc.assert(
      fc.property(
        fc.tuple(logUniform(0.05, 20), logUniform(0.1, 500), logUniform(0.05, 20), logUniform(0.1, 500)),
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 200, noNaN: true }),
        (params, x, share, T) => {
          const tx = x === 0 ? 0 : share * T;
          const kernel = createPatternLogLikelihood({
            frequency: Float64Array.of(x),
            recency: Float64Array.of(tx),
            T: Float64Array.of(T),
            weight: Float64Array.of(1),
          });
          const value = kernel(Float64Array.from(params), gradient);
          const expected = row(params.map(Math.log), x, tx, T, rowGradient);
          if (!(Math.abs(value - expected) <= 1e-12 * Math.max(1, Math.abs(expected)))) return false;
          return params.every((theta, k) => {
            const natural = (rowGradient[k] as number) / theta;
            return Math.abs((gradient[k] as number) - natural) <= 1e-8 * Math.max(Math.abs(natural), 1 / theta);
          });
        },
      ),
      { numRuns: 300, seed: 29 },
    );
  });

  it("sums weighted customers to the value kernel's total, and its gradient is the slope of that total", () => {
    const columns = columnsOf([...CUSTOMERS, ...CUSTOMERS.map(([x, tx, T]) => [x, tx * 0.5, T + 3])]);
    const gradient = new Float64Array(4);
    for (const params of PARAMETER_SETS) {
      const kernel = createPatternLogLikelihood(columns);
      const value = kernel(Float64Array.from(params), gradient);
      const [r, alpha, s, beta] = params;
      const expected = paretoNbdLogLikelihoodKernel(r, alpha, s, beta, columns);
      expect(Math.abs(value - expected), `${params}`).toBeLessThan(1e-12 * Math.abs(expected));
      for (let k = 0; k < 4; k++) {
        const step = 1e-6 * (params[k] as number);
        const at = (shift: number) => {
          const moved = Float64Array.from(params);
          moved[k] = (moved[k] as number) + shift;
          return paretoNbdLogLikelihoodKernel(...(Array.from(moved) as [number, number, number, number]), columns);
        };
        const slope = (at(step) - at(-step)) / (2 * step);
        expect(Math.abs((gradient[k] as number) - slope), `${params} ∂${k}`).toBeLessThan(
          1e-6 * (Math.abs(slope) + 1e-3 * Math.abs(value / (params[k] as number))),
        );
      }
    }
  });

  it("matches ln B at 60 digits (the note's eq. 22 with direct series)", () => {
    for (const [r, alpha, s, beta] of [PARAMETER_SETS[0], PARAMETER_SETS[1]]) {
      for (const [x, tx, T] of [
        [0, 0, 30],
        [2, 30.43, 38.86],
        [7, 12, 60],
      ] as const) {
        const shape = r + s + x;
        const alphaLarger = alpha >= beta;
        const larger = Math.max(alpha, beta);
        const smaller = Math.min(alpha, beta);
        const part = (t: number) =>
          hypergeometricSeries(shape, alphaLarger ? s + 1 : r + x, shape + 1, (larger - smaller) / (larger + t)).div(
            new HP(larger + t).pow(shape),
          );
        const a0 = part(tx).minus(part(T));
        const alive = new HP(alpha + T).pow(-(r + x)).times(new HP(beta + T).pow(-s));
        const logB = alive.plus(new HP(s).div(shape).times(a0)).ln().toNumber();
        const constant = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
        const kernel = createPatternLogLikelihood({ ...columnsOf([[x, tx, T]]), weight: Float64Array.of(1) });
        const value = kernel(Float64Array.of(r, alpha, s, beta));
        expect(Math.abs(value - constant - logB), `${[r, alpha, s, beta, x, tx, T]}`).toBeLessThan(
          1e-12 * Math.max(1, Math.abs(logB)),
        );
      }
    }
  });

  it("is NaN for impossible parameters, and a later call is not served the last call's F(0)", () => {
    const kernel = createPatternLogLikelihood(columnsOf(CUSTOMERS));
    expect(kernel(Float64Array.of(-1, 1, 1, 1))).toBeNaN();
    expect(kernel(Float64Array.of(1, Number.POSITIVE_INFINITY, 1, 1))).toBeNaN();
    const first = kernel(Float64Array.from(PARAMETER_SETS[0]));
    kernel(Float64Array.from(PARAMETER_SETS[1]));
    expect(kernel(Float64Array.from(PARAMETER_SETS[0]))).toBe(first);
  });
});

/** n customers with a T of their own each (from `first`, spread over `width`): n distinct patterns. */
function distinctCustomers(
  simulate: (
    n: number,
    options: { seed: number; T: Float64Array },
  ) => { frequency: Float64Array; recency: Float64Array; T: Float64Array },
  n: number,
  seed: number,
  first: number,
  width: number,
) {
  const T = Float64Array.from({ length: n }, (_, index) => first + ((index * 0.6180339887) % width));
  const simulated = simulate(n, { seed, T });
  return { frequency: simulated.frequency, recency: simulated.recency, T: simulated.T };
}

describe("Pareto/NBD fit on many patterns", () => {
  const n = 30_000;
  const data = distinctCustomers(
    (count, options) => bgnbd.simulate({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, count, options),
    n,
    7,
    20,
    60,
  );

  it("starts from a subsample and reaches the maximum the plain fit reaches", () => {
    const fit = paretoNbd.fit(data);
    const kernel = createPatternLogLikelihood({ ...data, weight: new Float64Array(n).fill(1) });
    const plain = maximizeLikelihood<Record<string, number>>(
      {
        names: ["r", "alpha", "s", "beta"],
        initial: [1, 12.5, 1, 12.5],
        observations: n,
        subject: "test",
        logLikelihood: (params) => kernel(params),
        logLikelihoodWithGradient: kernel,
      },
      {},
    );
    expect(fit.converged).toBe(true);
    expect(plain.converged).toBe(true);
    expect(Math.abs(fit.logLikelihood - plain.logLikelihood)).toBeLessThan(1e-6);
    for (const name of ["r", "alpha", "s", "beta"] as const) {
      expect(Math.abs(fit.params[name] / (plain.params[name] as number) - 1), name).toBeLessThan(1e-5);
      const se = fit.standardErrors?.[name] as number;
      expect(Math.abs(se / (plain.standardErrors?.[name] as number) - 1), name).toBeLessThan(1e-5);
    }
  });
});

describe("Pareto/NBD fit from a subsample: options", () => {
  const data = distinctCustomers(
    (count, options) => paretoNbd.simulate({ r: 0.55, alpha: 10.6, s: 0.6, beta: 11.7 }, count, options),
    24_000,
    9,
    30,
    40,
  );
  it("honours a small maxIterations (not converged, no throw) and reaches the maximum from initialParams", () => {
    const stopped = paretoNbd.fit(data, { maxIterations: 2, standardErrors: false });
    expect(stopped.converged).toBe(false);
    const fromDefault = paretoNbd.fit(data, { standardErrors: false });
    const fromElsewhere = paretoNbd.fit(data, {
      standardErrors: false,
      initialParams: { r: 2, alpha: 3, s: 0.2, beta: 40 },
    });
    expect(fromDefault.converged && fromElsewhere.converged).toBe(true);
    expect(Math.abs(fromDefault.logLikelihood - fromElsewhere.logLikelihood)).toBeLessThan(1e-6);
    for (const name of ["r", "alpha", "s", "beta"] as const)
      expect(Math.abs(fromElsewhere.params[name] / fromDefault.params[name] - 1), name).toBeLessThan(1e-5);
  });
});

describe("L-BFGS from a known inverse Hessian", () => {
  it("solves a quadratic in one Newton step", () => {
    // f = ½ (x − m)ᵀ A (x − m) with A = [[4, 1], [1, 2]]; A⁻¹ = [[2, −1], [−1, 4]] / 7
    const m = [3, -1];
    const objective = (x: Float64Array) => {
      const u = (x[0] as number) - (m[0] as number);
      const v = (x[1] as number) - (m[1] as number);
      return 0.5 * (4 * u * u + 2 * u * v + 2 * v * v);
    };
    const gradient = (x: Float64Array, out: Float64Array) => {
      const u = (x[0] as number) - (m[0] as number);
      const v = (x[1] as number) - (m[1] as number);
      out[0] = 4 * u + v;
      out[1] = u + 2 * v;
    };
    const inverse = Float64Array.of(2 / 7, -1 / 7, -1 / 7, 4 / 7);
    const known = minimizeLbfgs(objective, [0, 0], { gradient, initialInverseHessian: inverse });
    const learned = minimizeLbfgs(objective, [0, 0], { gradient });
    expect(known.iterations).toBeLessThanOrEqual(2);
    expect(learned.iterations).toBeGreaterThan(known.iterations);
    expect(known.x[0]).toBeCloseTo(3, 10);
    expect(known.x[1]).toBeCloseTo(-1, 10);
  });
});
