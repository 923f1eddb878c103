import { isNumberList } from "./optimization-result.js";
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
  if (typeof f !== "function" || !isNumberList(point)) return new Float64Array(0);
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
