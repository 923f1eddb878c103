import { choleskyLower } from "./cholesky-lower.js";
import { isNumberList } from "./optimization-result.js";
/**
 * Inverse of a symmetric positive-definite matrix (row-major n × n) by Cholesky factorisation.
 *
 * @returns The inverse, or `undefined` when the matrix is not positive definite (or not finite).
 *
 * @example
 * ```ts
 * invertPositiveDefinite(Float64Array.of(4, 0, 0, 2), 2) // [0.25, 0, 0, 0.5]
 * ```
 */
export function invertPositiveDefinite(matrix: Float64Array, n: number): Float64Array | undefined {
  if (!(Number.isInteger(n) && n >= 0 && isNumberList(matrix) && matrix.length >= n * n)) return undefined;
  const lower = choleskyLower(matrix, n);
  if (lower === undefined) return undefined;
  // Invert L, then A⁻¹ = L⁻ᵀ L⁻¹.
  const inverseLower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    inverseLower[i * n + i] = 1 / (lower[i * n + i] as number);
    for (let j = 0; j < i; j++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= (lower[i * n + k] as number) * (inverseLower[k * n + j] as number);
      inverseLower[i * n + j] = sum / (lower[i * n + i] as number);
    }
  }
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < n; k++) sum += (inverseLower[k * n + i] as number) * (inverseLower[k * n + j] as number);
      inverse[i * n + j] = sum;
      inverse[j * n + i] = sum;
    }
  }
  return inverse;
}
