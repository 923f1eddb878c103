import { type OptionNames, readOptions } from "../input/read-options.js";
import { numericGradient } from "./numeric-gradient.js";
import {
  type Bounds,
  checkNumericOptions,
  type OptimizationResult,
  projectIntoBounds,
  safeValue,
  unusableProblem,
} from "./optimization-result.js";

/** Options of {@link lbfgs}. */
export interface LbfgsOptions extends Bounds {
  /** Analytic gradient: writes ∂f/∂x into `out`. Without it, central differences are used. */
  readonly gradient?: (x: Float64Array, out: Float64Array) => void;
  /** Maximum iterations (default 500). */
  readonly maxIterations?: number;
  /** Stop when the largest projected gradient component is below this × (1 + |f|) (default 1e-9). */
  readonly gradientTolerance?: number;
  /** Stop when an iteration improves f by less than this × (1 + |f|) (default 1e-14). */
  readonly valueTolerance?: number;
  /** Number of correction pairs kept (default 10). */
  readonly memory?: number;
}

/** What the library's fits add: a report of each iteration, and the curvature known before the start. @internal */
export interface MinimizeOptions extends LbfgsOptions {
  readonly onIteration?: (iteration: number) => void;
  /**
   * H₀, the inverse Hessian the quasi-Newton model starts from (row-major, dimension²; e.g. a subsample's), in place
   * of the scaled identity: the first step is then a Newton step of length 1.
   */
  readonly initialInverseHessian?: Float64Array;
}

const OPTION_NAMES: OptionNames<LbfgsOptions> = {
  gradient: true,
  maxIterations: true,
  gradientTolerance: true,
  valueTolerance: true,
  memory: true,
  lowerBounds: true,
  upperBounds: true,
};

function dot(left: Float64Array, right: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += (left[index] as number) * (right[index] as number);
  return sum;
}

/**
 * Minimises a smooth function by limited-memory BFGS (Nocedal 1980; Nocedal & Wright, Numerical Optimization,
 * algorithm 7.4) with a backtracking Armijo line search. Box constraints are handled by projection: trial points
 * are clamped into the box and gradient components that push against an active bound are ignored, which is
 * adequate for the interior optima of likelihoods over log-parameters. Non-finite objective values shrink the step,
 * so the objective may return NaN where the model is undefined. Never throws and never prints.
 *
 * @param objective - Function to minimise; receives a Float64Array it must not keep.
 * @param initial - Starting point (must give a finite objective).
 * @param options - Gradient, tolerances, limits and bounds.
 * @returns `{ x, value, converged, iterations, evaluations, message }`.
 *
 * @example
 * ```ts
 * lbfgs((p) => (p[0]! - 3) ** 2 + (p[1]! + 1) ** 2, [0, 0]).x // ≈ [3, -1]
 * ```
 */
export function lbfgs(
  objective: (x: Float64Array) => number,
  initial: ArrayLike<number>,
  options: LbfgsOptions = {},
): OptimizationResult {
  options = readOptions("L-BFGS options", options, OPTION_NAMES);
  checkNumericOptions("L-BFGS options", options, ["maxIterations", "gradientTolerance", "valueTolerance", "memory"]);
  return unusableProblem(objective, initial) ?? minimizeLbfgs(objective, initial, options);
}

/** {@link lbfgs} with its options already read (the library's fits), told of each iteration it starts. @internal */
export function minimizeLbfgs(
  objective: (x: Float64Array) => number,
  initial: ArrayLike<number>,
  options: MinimizeOptions,
): OptimizationResult {
  const dimension = initial.length;
  const maxIterations = options.maxIterations ?? 500;
  const gradientTolerance = options.gradientTolerance ?? 1e-9;
  const valueTolerance = options.valueTolerance ?? 1e-14;
  const memory = options.memory ?? 10;
  let evaluations = 0;
  const evaluate = (point: Float64Array): number => {
    evaluations += 1;
    return safeValue(objective(point));
  };
  const computeGradient = (point: Float64Array, out: Float64Array): void => {
    if (options.gradient) options.gradient(point, out);
    else evaluations += numericGradient(objective, point, out);
  };
  const lower = (index: number): number => options.lowerBounds?.[index] ?? Number.NEGATIVE_INFINITY;
  const upper = (index: number): number => options.upperBounds?.[index] ?? Number.POSITIVE_INFINITY;
  /** Whether a variable sits on a bound its gradient pushes it against. */
  const isActive = (point: Float64Array, gradient: Float64Array, index: number): boolean => {
    const g = gradient[index] as number;
    const value = point[index] as number;
    return (value <= lower(index) && g > 0) || (value >= upper(index) && g < 0);
  };
  const projectedGradientNorm = (point: Float64Array, gradient: Float64Array): number => {
    let norm = 0;
    for (let index = 0; index < dimension; index++)
      if (!isActive(point, gradient, index)) norm = Math.max(norm, Math.abs(gradient[index] as number));
    return norm;
  };

  const x = Float64Array.from(initial);
  projectIntoBounds(x, options);
  let value = evaluate(x);
  if (!Number.isFinite(value)) {
    return {
      x: Array.from(x),
      value,
      converged: false,
      iterations: 0,
      evaluations,
      message: "objective is not finite at the starting point",
    };
  }
  const gradient = new Float64Array(dimension);
  computeGradient(x, gradient);
  const direction = new Float64Array(dimension);
  const candidate = new Float64Array(dimension);
  const candidateGradient = new Float64Array(dimension);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  const alphas = new Float64Array(memory);

  let iterations = 0;
  let converged = false;
  let message = "iteration limit reached";
  while (iterations < maxIterations) {
    if (!gradient.every(Number.isFinite)) {
      message = "gradient is not finite";
      break;
    }
    if (projectedGradientNorm(x, gradient) <= gradientTolerance * (1 + Math.abs(value))) {
      converged = true;
      message = "gradient below tolerance";
      break;
    }
    iterations += 1;
    options.onIteration?.(iterations);
    // Two-loop recursion: direction = −H∇f, in the free variables: one held at a bound by its gradient (active)
    // takes no part, so the projected trial points stay on the search line.
    for (let index = 0; index < dimension; index++)
      direction[index] = isActive(x, gradient, index) ? 0 : -(gradient[index] as number);
    for (let pair = steps.length - 1; pair >= 0; pair--) {
      const alpha = (rhos[pair] as number) * dot(steps[pair] as Float64Array, direction);
      alphas[pair] = alpha;
      const change = changes[pair] as Float64Array;
      for (let index = 0; index < dimension; index++)
        direction[index] = (direction[index] as number) - alpha * (change[index] as number);
    }
    if (options.initialInverseHessian !== undefined) multiplyInPlace(options.initialInverseHessian, direction);
    else if (steps.length > 0) {
      const last = steps.length - 1;
      const scale =
        dot(steps[last] as Float64Array, changes[last] as Float64Array) /
        dot(changes[last] as Float64Array, changes[last] as Float64Array);
      for (let index = 0; index < dimension; index++) direction[index] = (direction[index] as number) * scale;
    }
    for (let pair = 0; pair < steps.length; pair++) {
      const beta = (rhos[pair] as number) * dot(changes[pair] as Float64Array, direction);
      const step = steps[pair] as Float64Array;
      const coefficient = (alphas[pair] as number) - beta;
      for (let index = 0; index < dimension; index++)
        direction[index] = (direction[index] as number) + coefficient * (step[index] as number);
    }
    for (let index = 0; index < dimension; index++) if (isActive(x, gradient, index)) direction[index] = 0;
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      for (let index = 0; index < dimension; index++)
        direction[index] = isActive(x, gradient, index) ? 0 : -(gradient[index] as number);
      steps.length = 0;
      changes.length = 0;
      rhos.length = 0;
      slope = dot(gradient, direction);
    }
    const newton = steps.length > 0 || options.initialInverseHessian !== undefined;
    let stepLength = !newton ? Math.min(1, 1 / Math.max(1e-12, Math.sqrt(dot(gradient, gradient)))) : 1;
    let candidateValue = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let trial = 0; trial < 60; trial++) {
      for (let index = 0; index < dimension; index++)
        candidate[index] = (x[index] as number) + stepLength * (direction[index] as number);
      projectIntoBounds(candidate, options);
      candidateValue = evaluate(candidate);
      let actualSlope = 0;
      for (let index = 0; index < dimension; index++)
        actualSlope += (gradient[index] as number) * ((candidate[index] as number) - (x[index] as number));
      if (candidateValue <= value + 1e-4 * Math.min(actualSlope, 0)) {
        accepted = true;
        break;
      }
      stepLength *= 0.5;
    }
    if (!accepted || candidateValue >= value) {
      converged = projectedGradientNorm(x, gradient) <= 1e-5 * (1 + Math.abs(value));
      message = converged ? "no further decrease possible at machine precision" : "line search failed";
      break;
    }
    computeGradient(candidate, candidateGradient);
    const step = new Float64Array(dimension);
    const change = new Float64Array(dimension);
    for (let index = 0; index < dimension; index++) {
      step[index] = (candidate[index] as number) - (x[index] as number);
      change[index] = (candidateGradient[index] as number) - (gradient[index] as number);
    }
    const curvature = dot(step, change);
    if (curvature > 1e-12 * Math.sqrt(dot(step, step) * dot(change, change))) {
      steps.push(step);
      changes.push(change);
      rhos.push(1 / curvature);
      if (steps.length > memory) {
        steps.shift();
        changes.shift();
        rhos.shift();
      }
    }
    const improvement = value - candidateValue;
    x.set(candidate);
    gradient.set(candidateGradient);
    value = candidateValue;
    if (improvement <= valueTolerance * (1 + Math.abs(value))) {
      converged = true;
      message = "objective change below tolerance";
      break;
    }
  }
  return { x: Array.from(x), value, converged, iterations, evaluations, message };
}

/** vector ← matrix · vector (row-major). */
function multiplyInPlace(matrix: Float64Array, vector: Float64Array): void {
  const n = vector.length;
  const product = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    let sum = 0;
    for (let column = 0; column < n; column++) sum += (matrix[row * n + column] as number) * (vector[column] as number);
    product[row] = sum;
  }
  for (let row = 0; row < n; row++) vector[row] = product[row] as number;
}
