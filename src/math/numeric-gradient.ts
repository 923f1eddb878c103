import { isNumberList } from "./optimization-result.js";
/**
 * Central-difference gradient of `objective` at `point`, written into `out`: ∂f/∂xᵢ ≈ (f(x + hᵢ) − f(x − hᵢ)) / 2hᵢ
 * with hᵢ = ε^(1/3) × max(1, |xᵢ|), the step that balances truncation and rounding error (about 1e-10 relative
 * accuracy for smooth functions). Costs 2 × dimension evaluations. `point` is restored before returning.
 *
 * @returns The number of objective evaluations used.
 *
 * @example
 * ```ts
 * const out = new Float64Array(2);
 * numericGradient((p) => p[0]! ** 2 + 3 * p[1]!, Float64Array.of(2, 5), out); // out ≈ [4, 3]
 * ```
 */
export function numericGradient(
  objective: (x: Float64Array) => number,
  point: Float64Array,
  out: Float64Array,
): number {
  if (typeof objective !== "function" || !isNumberList(point) || !(out instanceof Float64Array)) return Number.NaN;
  const relativeStep = 6.055454452393343e-6; // cbrt(2^-52)
  for (let index = 0; index < point.length; index++) {
    const original = point[index] as number;
    const step = relativeStep * Math.max(1, Math.abs(original));
    point[index] = original + step;
    const forward = objective(point);
    point[index] = original - step;
    const backward = objective(point);
    point[index] = original;
    out[index] = (forward - backward) / (2 * step);
  }
  return 2 * point.length;
}
