import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
/** Outcome of a numerical minimisation: a plain, JSON-serialisable record. */
export interface OptimizationResult {
  /** The best point found. */
  readonly x: number[];
  /** The objective at `x`. */
  readonly value: number;
  /** Whether a convergence criterion was met (false: stopped by the iteration limit or a failed line search). */
  readonly converged: boolean;
  /** Iterations performed. */
  readonly iterations: number;
  /** Objective evaluations performed (including those for numeric gradients). */
  readonly evaluations: number;
  /** Why the optimiser stopped, in words. */
  readonly message: string;
}

/** Box constraints shared by the optimisers; either side may be omitted (unbounded). */
export interface Bounds {
  /** Lower bound per coordinate (`-Infinity` for none). */
  readonly lowerBounds?: ArrayLike<number>;
  /** Upper bound per coordinate (`+Infinity` for none). */
  readonly upperBounds?: ArrayLike<number>;
}

/**
 * The result for a problem an optimiser cannot start on (the objective is not a function, or the start is not a
 * list of numbers), or undefined: the optimisers are kernels and answer with a failed result rather than throw.
 * @internal
 */
export function unusableProblem(objective: unknown, initial: unknown): OptimizationResult | undefined {
  let message: string | undefined;
  if (typeof objective !== "function") message = "the objective is not a function";
  else if (!isNumberList(initial)) message = "the starting point is not a list of numbers";
  if (message === undefined) return undefined;
  return { x: [], value: Number.NaN, converged: false, iterations: 0, evaluations: 0, message };
}

/** Whether a value is an array-like of numbers (what the kernels take as a vector). @internal */
export function isNumberList(value: unknown): value is ArrayLike<number> {
  if (ArrayBuffer.isView(value))
    return !(value instanceof DataView || value instanceof BigInt64Array || value instanceof BigUint64Array);
  if (!Array.isArray(value)) return false;
  const list = value as ArrayLike<unknown>;
  for (let index = 0; index < list.length; index++) if (typeof list[index] !== "number") return false;
  return true;
}

/** Checks the numeric options of an optimiser: each given one a finite number, else a typed error naming it. @internal */
export function checkNumericOptions(subject: string, options: object, names: readonly string[]): void {
  for (const name of names) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined && !(typeof value === "number" && !Number.isNaN(value)))
      throw new InvalidInputError(subject, [
        { code: "invalid_type", path: [name], message: `must be a number, got ${shown(value)}` },
      ]);
    // Iterations bound the work: a million is minutes of a costly objective, and more a hang.
    if (name === "maxIterations" && typeof value === "number" && value > 1_000_000)
      throw new InvalidInputError(subject, [
        { code: "custom", path: [name], message: `must be at most 1,000,000, got ${shown(value)}` },
      ]);
  }
}

/** Clamps `point` into the box, in place. @internal */
export function projectIntoBounds(point: Float64Array, bounds: Bounds): void {
  const { lowerBounds, upperBounds } = bounds;
  for (let index = 0; index < point.length; index++) {
    const lower = lowerBounds?.[index] ?? Number.NEGATIVE_INFINITY;
    const upper = upperBounds?.[index] ?? Number.POSITIVE_INFINITY;
    const value = point[index] as number;
    if (value < lower) point[index] = lower;
    else if (value > upper) point[index] = upper;
  }
}

/** The objective as the optimisers see it: a non-finite value (an impossible point) counts as +Infinity. @internal */
export function safeValue(value: number): number {
  return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
}
