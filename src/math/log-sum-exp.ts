import { isNumberList } from "./optimization-result.js";
/**
 * ln Σ exp(vᵢ), computed without overflow or underflow by factoring out the largest term.
 *
 * @param values - Log-scale terms. `-Infinity` entries contribute nothing.
 * @returns The log of the sum; `-Infinity` for an empty list or all `-Infinity`; `+Infinity` if any term is
 * `+Infinity`; NaN if any term is NaN.
 *
 * @example
 * ```ts
 * logSumExp([1000, 1000]) // 1000.6931471805599 (= 1000 + ln 2; a naive sum overflows)
 * ```
 */
export function logSumExp(values: ArrayLike<number>): number {
  if (!isNumberList(values)) return Number.NaN;
  let maximum = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    if (Number.isNaN(value)) return Number.NaN;
    if (value > maximum) maximum = value;
  }
  if (maximum === Number.NEGATIVE_INFINITY || maximum === Number.POSITIVE_INFINITY) return maximum;
  let sum = 0;
  for (let index = 0; index < values.length; index++) sum += Math.exp((values[index] as number) - maximum);
  return maximum + Math.log(sum);
}

/**
 * ln(exp(a) + exp(b)) for two log-scale terms, without overflow; the two-term case of {@link logSumExp}.
 *
 * @example
 * ```ts
 * logAddExp(0, 0) // 0.6931471805599453 (= ln 2)
 * ```
 */
export function logAddExp(a: number, b: number): number {
  if (typeof a !== "number" || typeof b !== "number") return Number.NaN;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  const maximum = Math.max(a, b);
  if (maximum === Number.NEGATIVE_INFINITY || maximum === Number.POSITIVE_INFINITY) return maximum;
  return maximum + Math.log1p(Math.exp(Math.min(a, b) - maximum));
}

/**
 * ln(exp(a) − exp(b)) for a ≥ b, without overflow and with full precision when the terms are close.
 *
 * @returns The log of the difference; `-Infinity` when a = b; NaN when a < b or either is NaN.
 *
 * @example
 * ```ts
 * logSubExp(Math.log(3), Math.log(1)) // 0.6931471805599453 (= ln 2)
 * ```
 */
export function logSubExp(a: number, b: number): number {
  if (typeof a !== "number" || typeof b !== "number") return Number.NaN;
  if (Number.isNaN(a) || Number.isNaN(b) || a < b) return Number.NaN;
  if (b === Number.NEGATIVE_INFINITY) return a;
  if (a === b) return Number.NEGATIVE_INFINITY;
  const difference = b - a;
  // ln(1 − e^d): two forms for accuracy on either side of d = −ln 2.
  return a + (difference > -Math.LN2 ? Math.log(-Math.expm1(difference)) : Math.log1p(-Math.exp(difference)));
}
