import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lbfgs, nelderMead, numericGradient } from "../../src/math/index.js";

const rosenbrock = (p: Float64Array) => 100 * (p[1]! - p[0]! ** 2) ** 2 + (1 - p[0]!) ** 2;
const rosenbrockGradient = (p: Float64Array, out: Float64Array) => {
  out[0] = -400 * p[0]! * (p[1]! - p[0]! ** 2) - 2 * (1 - p[0]!);
  out[1] = 200 * (p[1]! - p[0]! ** 2);
};

describe("nelderMead", () => {
  it("finds the Rosenbrock minimum from the classic start", () => {
    const result = nelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.value).toBeLessThan(1e-12);
    expect(result.message).toMatch(/collapsed/);
  });
  it("minimises random convex quadratics in up to 6 dimensions", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 6 }), (center) => {
        const objective = (p: Float64Array) => center.reduce((sum, c, i) => sum + (i + 1) * (p[i]! - c) ** 2, 0);
        const result = nelderMead(objective, new Array(center.length).fill(0));
        expect(result.converged).toBe(true);
        for (const [i, c] of center.entries()) expect(Math.abs(result.x[i]! - c)).toBeLessThan(1e-5);
      }),
      { numRuns: 30 },
    );
  });
  it("respects bounds and treats NaN as an impossible point", () => {
    const objective = (p: Float64Array) => (p[0]! < 0.5 ? Number.NaN : (p[0]! + 1) ** 2);
    const result = nelderMead(objective, [3], { lowerBounds: [0.5], upperBounds: [10] });
    expect(result.x[0]).toBeCloseTo(0.5, 8);
  });
  it("reports non-convergence at the iteration limit", () => {
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(5);
    expect(result.message).toBe("iteration limit reached");
  });
});

describe("lbfgs", () => {
  it("finds the Rosenbrock minimum with an analytic gradient", () => {
    const result = lbfgs(rosenbrock, [-1.2, 1], { gradient: rosenbrockGradient });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
  });
  it("finds the Rosenbrock minimum with numeric gradients", () => {
    const result = lbfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.evaluations).toBeGreaterThan(result.iterations * 4);
  });
  it("stops at an active bound", () => {
    const result = lbfgs((p) => (p[0]! - 3) ** 2 + (p[1]! + 1) ** 2, [0, 0], { upperBounds: [2, 5] });
    expect(result.x[0]).toBeCloseTo(2, 8);
    expect(result.x[1]).toBeCloseTo(-1, 6);
    expect(result.converged).toBe(true);
  });
  it("backs off from points where the objective is not finite", () => {
    const objective = (p: Float64Array) => (p[0]! <= 0 ? Number.NaN : p[0]! - Math.log(p[0]!));
    const result = lbfgs(objective, [5], {
      gradient: (p, out) => {
        out[0] = 1 - 1 / p[0]!;
      },
    });
    expect(result.x[0]).toBeCloseTo(1, 6);
  });
  it("says so when the start is impossible or the limit is hit", () => {
    expect(lbfgs(() => Number.NaN, [1]).message).toMatch(/starting point/);
    const limited = lbfgs(rosenbrock, [-1.2, 1], { maxIterations: 2 });
    expect(limited.converged).toBe(false);
    expect(limited.iterations).toBe(2);
  });
});

describe("numericGradient", () => {
  it("matches analytic gradients", () => {
    const out = new Float64Array(2);
    const expected = new Float64Array(2);
    const point = Float64Array.of(-0.7, 2.1);
    numericGradient(rosenbrock, point, out);
    rosenbrockGradient(point, expected);
    expect(Math.abs(out[0]! - expected[0]!)).toBeLessThan(1e-6);
    expect(Math.abs(out[1]! - expected[1]!)).toBeLessThan(1e-6);
    expect(Array.from(point)).toEqual([-0.7, 2.1]);
  });
});
