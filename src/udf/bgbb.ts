import { conditionalExpectedKernel, dertKernel, probabilityAliveKernel } from "../clv/bgbb/predict.js";
import { finiteOrNull, isDiscountRate, isDiscreteSummary, isParameter, isWhole } from "./scalar-checks.js";

function isRow(
  alpha: unknown,
  beta: unknown,
  gamma: unknown,
  delta: unknown,
  x: unknown,
  tx: unknown,
  n: unknown,
): boolean {
  return (
    isParameter(alpha) && isParameter(beta) && isParameter(gamma) && isParameter(delta) && isDiscreteSummary(x, tx, n)
  );
}

/**
 * BG/BB P(alive at opportunity n + 1 | x, t_x, n) of one warehouse row (Fader, Hardie & Shang 2010 eq. 11), whole
 * numbers of opportunities in and a number out; null for a bad row.
 *
 * @example
 * ```ts
 * udf.bgbbProbabilityAlive(1.204, 0.75, 0.657, 2.783, 3, 4, 6) // ≈ 0.4395
 * ```
 */
export function bgbbProbabilityAlive(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  x: number | null,
  tx: number | null,
  n: number | null,
): number | null {
  if (x === null || tx === null || n === null || !isRow(alpha, beta, gamma, delta, x, tx, n)) return null;
  return finiteOrNull(probabilityAliveKernel(alpha, beta, gamma, delta, x, tx, n));
}

/**
 * BG/BB expected purchases in the next `periods` opportunities given (x, t_x, n) (FHS 2010 eq. 13), one warehouse
 * row; null for a bad row.
 *
 * @example
 * ```ts
 * udf.bgbbConditionalExpectedPurchases(1.204, 0.75, 0.657, 2.783, 5, 3, 4, 6) // ≈ 1.034
 * ```
 */
export function bgbbConditionalExpectedPurchases(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  periods: number,
  x: number | null,
  tx: number | null,
  n: number | null,
): number | null {
  if (x === null || tx === null || n === null || !isRow(alpha, beta, gamma, delta, x, tx, n) || !isWhole(periods, 1e9))
    return null;
  return finiteOrNull(conditionalExpectedKernel(alpha, beta, gamma, delta, x, tx, n, periods));
}

/**
 * BG/BB discounted expected residual transactions given (x, t_x, n) (FHS 2010 eq. 14) at discount rate d per
 * opportunity, one warehouse row; null for a bad row.
 *
 * @example
 * ```ts
 * udf.bgbbDiscountedExpectedResidualTransactions(1.204, 0.75, 0.657, 2.783, 0.1, 6, 6, 6) // ≈ 5.909
 * ```
 */
export function bgbbDiscountedExpectedResidualTransactions(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  d: number,
  x: number | null,
  tx: number | null,
  n: number | null,
): number | null {
  if (x === null || tx === null || n === null || !isRow(alpha, beta, gamma, delta, x, tx, n) || !isDiscountRate(d))
    return null;
  return finiteOrNull(dertKernel(alpha, beta, gamma, delta, x, tx, n, d));
}
