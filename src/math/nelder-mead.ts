import { type OptionNames, readOptions } from "../input/read-options.js";
import {
  type Bounds,
  checkNumericOptions,
  type OptimizationResult,
  projectIntoBounds,
  safeValue,
  unusableProblem,
} from "./optimization-result.js";

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions extends Bounds {
  /** Maximum iterations (default 400 × dimension). */
  readonly maxIterations?: number;
  /** Stop when the spread of objective values over the simplex is below this, relative to 1 + |best| (default 1e-12). */
  readonly valueTolerance?: number;
  /** ...and every vertex lies within this distance (max-norm) of the best one (default 1e-8). */
  readonly pointTolerance?: number;
  /** Edge length of the initial simplex per coordinate (default 0.1 × max(1, |x₀ᵢ|)). */
  readonly initialStep?: number | ArrayLike<number>;
}

const OPTION_NAMES: OptionNames<NelderMeadOptions> = {
  maxIterations: true,
  valueTolerance: true,
  pointTolerance: true,
  initialStep: true,
  lowerBounds: true,
  upperBounds: true,
};

/**
 * Minimises a function of several variables by the Nelder–Mead simplex method, with the dimension-adaptive
 * coefficients of Gao & Han (2012, Computational Optimization and Applications 51:259–277), which keep the method
 * effective beyond a handful of dimensions. Derivative-free and tolerant of impossible points: where the objective
 * returns NaN or ±Infinity the point is treated as +Infinity, so a likelihood can return NaN outside its domain.
 * Points are clamped into the optional box. Never throws and never prints.
 *
 * @param objective - Function to minimise; receives a Float64Array it must not keep.
 * @param initial - Starting point.
 * @param options - Limits, tolerances, bounds and the initial simplex size.
 * @returns `{ x, value, converged, iterations, evaluations, message }`.
 *
 * @example
 * ```ts
 * const rosenbrock = (p: Float64Array) => 100 * (p[1]! - p[0]! ** 2) ** 2 + (1 - p[0]!) ** 2;
 * nelderMead(rosenbrock, [-1.2, 1]).x // ≈ [1, 1]
 * ```
 */
export function nelderMead(
  objective: (x: Float64Array) => number,
  initial: ArrayLike<number>,
  options: NelderMeadOptions = {},
): OptimizationResult {
  options = readOptions("Nelder–Mead options", options, OPTION_NAMES);
  checkNumericOptions("Nelder–Mead options", options, ["maxIterations", "valueTolerance", "pointTolerance"]);
  const unusable = unusableProblem(objective, initial);
  if (unusable !== undefined) return unusable;
  const dimension = initial.length;
  const maxIterations = options.maxIterations ?? 400 * Math.max(1, dimension);
  const valueTolerance = options.valueTolerance ?? 1e-12;
  const pointTolerance = options.pointTolerance ?? 1e-8;
  const reflection = 1;
  const expansion = 1 + 2 / Math.max(dimension, 1);
  const contraction = 0.75 - 1 / (2 * Math.max(dimension, 1));
  const shrinkage = 1 - 1 / Math.max(dimension, 1);
  let evaluations = 0;
  const evaluate = (point: Float64Array): number => {
    projectIntoBounds(point, options);
    evaluations += 1;
    return safeValue(objective(point));
  };

  const simplex: Float64Array[] = [];
  const values: number[] = [];
  const start = Float64Array.from(initial);
  values.push(evaluate(start));
  simplex.push(start);
  for (let coordinate = 0; coordinate < dimension; coordinate++) {
    const vertex = Float64Array.from(start);
    const step = options.initialStep;
    const size =
      typeof step === "number"
        ? step
        : (step?.[coordinate] ?? 0.1 * Math.max(1, Math.abs(start[coordinate] as number)));
    vertex[coordinate] = (vertex[coordinate] as number) + size;
    values.push(evaluate(vertex));
    simplex.push(vertex);
  }
  if (dimension === 0) {
    return { x: [], value: values[0] as number, converged: true, iterations: 0, evaluations, message: "no variables" };
  }

  const order = Array.from({ length: dimension + 1 }, (_, index) => index);
  const centroid = new Float64Array(dimension);
  const trial = new Float64Array(dimension);
  const secondTrial = new Float64Array(dimension);
  const along = (from: Float64Array, coefficient: number, out: Float64Array): void => {
    for (let index = 0; index < dimension; index++) {
      const c = centroid[index] as number;
      out[index] = c + coefficient * (c - (from[index] as number));
    }
  };

  let iterations = 0;
  let converged = false;
  let message = "iteration limit reached";
  while (iterations < maxIterations) {
    order.sort((left, right) => (values[left] as number) - (values[right] as number));
    const best = order[0] as number;
    const worst = order[dimension] as number;
    const bestValue = values[best] as number;
    const worstValue = values[worst] as number;
    let spread = 0;
    for (const vertexIndex of order) {
      const vertex = simplex[vertexIndex] as Float64Array;
      const bestVertex = simplex[best] as Float64Array;
      for (let index = 0; index < dimension; index++) {
        spread = Math.max(spread, Math.abs((vertex[index] as number) - (bestVertex[index] as number)));
      }
    }
    if (
      Number.isFinite(bestValue) &&
      worstValue - bestValue <= valueTolerance * (1 + Math.abs(bestValue)) &&
      spread <= pointTolerance
    ) {
      converged = true;
      message = "simplex collapsed within tolerances";
      break;
    }
    iterations += 1;
    centroid.fill(0);
    for (let rank = 0; rank < dimension; rank++) {
      const vertex = simplex[order[rank] as number] as Float64Array;
      for (let index = 0; index < dimension; index++)
        centroid[index] = (centroid[index] as number) + (vertex[index] as number) / dimension;
    }
    const worstVertex = simplex[worst] as Float64Array;
    const secondWorstValue = values[order[dimension - 1] as number] as number;
    along(worstVertex, reflection, trial);
    const reflectedValue = evaluate(trial);
    if (reflectedValue < bestValue) {
      along(worstVertex, reflection * expansion, secondTrial);
      const expandedValue = evaluate(secondTrial);
      if (expandedValue < reflectedValue) {
        worstVertex.set(secondTrial);
        values[worst] = expandedValue;
      } else {
        worstVertex.set(trial);
        values[worst] = reflectedValue;
      }
      continue;
    }
    if (reflectedValue < secondWorstValue) {
      worstVertex.set(trial);
      values[worst] = reflectedValue;
      continue;
    }
    const outside = reflectedValue < worstValue;
    along(worstVertex, outside ? contraction : -contraction, secondTrial);
    const contractedValue = evaluate(secondTrial);
    if (contractedValue < (outside ? reflectedValue : worstValue)) {
      worstVertex.set(secondTrial);
      values[worst] = contractedValue;
      continue;
    }
    const bestVertex = simplex[best] as Float64Array;
    for (let rank = 1; rank <= dimension; rank++) {
      const vertexIndex = order[rank] as number;
      const vertex = simplex[vertexIndex] as Float64Array;
      for (let index = 0; index < dimension; index++) {
        const b = bestVertex[index] as number;
        vertex[index] = b + shrinkage * ((vertex[index] as number) - b);
      }
      values[vertexIndex] = evaluate(vertex);
    }
  }
  let bestIndex = 0;
  for (let index = 1; index <= dimension; index++)
    if ((values[index] as number) < (values[bestIndex] as number)) bestIndex = index;
  const value = values[bestIndex] as number;
  if (!Number.isFinite(value)) {
    converged = false;
    message = "no point with a finite objective was found";
  }
  return { x: Array.from(simplex[bestIndex] as Float64Array), value, converged, iterations, evaluations, message };
}
