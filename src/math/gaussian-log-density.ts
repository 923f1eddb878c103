import { choleskyLower } from "./cholesky-lower.js";
import { isNumberList } from "./optimization-result.js";

/**
 * Log density (natural log) of a zero-mean multivariate normal with covariance `covariance` (row-major n × n, symmetric positive
 * definite) at `x`: −½ (n ln 2π + ln |C| + xᵀ C⁻¹ x), by Cholesky factorisation.
 *
 * @returns The log density; −∞ when the covariance is not positive definite (or not finite); NaN when the arguments
 * are not an n × n matrix, n numbers and a whole n ≥ 0.
 *
 * @example
 * ```ts
 * gaussianLogDensity(Float64Array.of(1), Float64Array.of(0), 1) // -0.9189385332046727
 * ```
 */
export function gaussianLogDensity(covariance: Float64Array, x: Float64Array, n: number): number {
  if (!(Number.isInteger(n) && n >= 0 && isNumberList(covariance) && covariance.length >= n * n)) return Number.NaN;
  if (!(isNumberList(x) && x.length >= n)) return Number.NaN;
  const lower = choleskyLower(covariance, n);
  if (lower === undefined) return Number.NEGATIVE_INFINITY;
  let logDeterminant = 0;
  for (let i = 0; i < n; i++) logDeterminant += 2 * Math.log(lower[i * n + i] as number);
  // Solve L z = x: xᵀ C⁻¹ x = zᵀ z.
  let quadratic = 0;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = x[i] as number;
    for (let k = 0; k < i; k++) sum -= (lower[i * n + k] as number) * (z[k] as number);
    z[i] = sum / (lower[i * n + i] as number);
    quadratic += (z[i] as number) ** 2;
  }
  return -0.5 * (n * Math.log(2 * Math.PI) + logDeterminant + quadratic);
}
