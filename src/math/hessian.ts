/**
 * Numeric Hessian of `f` at `point` by central differences (Nocedal & Wright 8.21), step hᵢ = ε^(1/4) max(1, |xᵢ|).
 * Costs 2n² + 1 evaluations. Returns a row-major n × n Float64Array (symmetric). `point` is restored.
 *
 * @example
 * ```ts
 * numericHessian((p) => p[0]! ** 2 * p[1]!, Float64Array.of(1, 2)) // ≈ [4, 2, 2, 0]
 * ```
 */
export function numericHessian(f: (x: Float64Array) => number, point: Float64Array): Float64Array {
  const n = point.length;
  const hessian = new Float64Array(n * n);
  const steps = Float64Array.from(point, (value) => 1.220703125e-4 * Math.max(1, Math.abs(value)));
  const center = f(point);
  for (let i = 0; i < n; i++) {
    const xi = point[i] as number;
    const hi = steps[i] as number;
    point[i] = xi + hi;
    const plus = f(point);
    point[i] = xi - hi;
    const minus = f(point);
    point[i] = xi;
    hessian[i * n + i] = (plus - 2 * center + minus) / (hi * hi);
    for (let j = i + 1; j < n; j++) {
      const xj = point[j] as number;
      const hj = steps[j] as number;
      const at = (si: number, sj: number): number => {
        point[i] = xi + si * hi;
        point[j] = xj + sj * hj;
        const value = f(point);
        point[i] = xi;
        point[j] = xj;
        return value;
      };
      const value = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * hi * hj);
      hessian[i * n + j] = value;
      hessian[j * n + i] = value;
    }
  }
  return hessian;
}

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
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (lower[i * n + k] as number) * (lower[j * n + k] as number);
      if (i === j) {
        if (!(sum > 0) || !Number.isFinite(sum)) return undefined;
        lower[i * n + i] = Math.sqrt(sum);
      } else {
        lower[i * n + j] = sum / (lower[j * n + j] as number);
      }
    }
  }
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
