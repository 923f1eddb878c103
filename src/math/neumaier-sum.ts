import { isNumberList } from "./optimization-result.js";
/**
 * Compensated sum of float64 values (Neumaier's improvement of Kahan summation). The error is bounded by about
 * 3ε|Σ xᵢ| + O(n ε²) Σ |xᵢ| instead of the naive (n − 1) ε Σ |xᵢ|, so sums of many terms of mixed sign and
 * magnitude (log-likelihoods over millions of customers) keep their digits.
 *
 * @param values - The terms. Non-finite terms make the result non-finite, as in a plain sum.
 * @returns The compensated sum.
 *
 * @example
 * ```ts
 * neumaierSum([1, 1e100, 1, -1e100]) // 2 (a naive sum gives 0)
 * ```
 */
export function neumaierSum(values: ArrayLike<number>): number {
  if (!isNumberList(values)) return Number.NaN;
  let sum = 0;
  let compensation = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    const next = sum + value;
    if (Math.abs(sum) >= Math.abs(value)) compensation += sum - next + value;
    else compensation += value - next + sum;
    sum = next;
  }
  const total = sum + compensation;
  return Number.isFinite(total) ? total : sum;
}
