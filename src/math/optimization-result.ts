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
