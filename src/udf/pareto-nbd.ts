import { conditionalExpectedKernel, dertKernel, probabilityAliveKernel } from "../clv/pareto-nbd/predict.js";
import { finiteOrNull, isDiscountRate, isHorizon, isParameter, isSummary } from "./scalar-checks.js";

function isRow(r: unknown, alpha: unknown, s: unknown, beta: unknown, x: unknown, tx: unknown, T: unknown): boolean {
  return isParameter(r) && isParameter(alpha) && isParameter(s) && isParameter(beta) && isSummary(x, tx, T);
}

/**
 * Pareto/NBD P(alive | x, t_x, T) of one warehouse row (Schmittlein, Morrison & Colombo 1987; Fader, Hardie & Lee
 * 2005 note eq. 18), numbers in and a number out; null for a bad row.
 *
 * @example
 * ```ts
 * udf.paretoNbdProbabilityAlive(0.553, 10.58, 0.606, 11.67, 2, 30.43, 38.86) // ≈ 0.8692
 * ```
 */
export function paretoNbdProbabilityAlive(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number | null,
  tx: number | null,
  T: number | null,
): number | null {
  if (x === null || tx === null || T === null || !isRow(r, alpha, s, beta, x, tx, T)) return null;
  return finiteOrNull(probabilityAliveKernel(r, alpha, s, beta, x, tx, T));
}

/**
 * Pareto/NBD E[Y(t) | x, t_x, T] of one warehouse row: the expected repeat purchases in (T, T + t]; null for a bad
 * row.
 *
 * @example
 * ```ts
 * udf.paretoNbdConditionalExpectedPurchases(0.553, 10.58, 0.606, 11.67, 39, 2, 30.43, 38.86) // ≈ 1.455
 * ```
 */
export function paretoNbdConditionalExpectedPurchases(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  t: number,
  x: number | null,
  tx: number | null,
  T: number | null,
): number | null {
  if (x === null || tx === null || T === null || !isRow(r, alpha, s, beta, x, tx, T) || !isHorizon(t)) return null;
  return finiteOrNull(conditionalExpectedKernel(r, alpha, s, beta, x, tx, T, t));
}

/**
 * Pareto/NBD discounted expected residual transactions of one warehouse row (Fader, Hardie & Lee 2005, "RFM and
 * CLV", eq. 2) at a continuously compounded rate δ per time unit; null for a bad row.
 *
 * @example
 * ```ts
 * udf.paretoNbdDiscountedExpectedResidualTransactions(0.553, 10.58, 0.606, 11.67, 0.0029, 2, 30.43, 38.86) // ≈ 6.207
 * ```
 */
export function paretoNbdDiscountedExpectedResidualTransactions(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  delta: number,
  x: number | null,
  tx: number | null,
  T: number | null,
): number | null {
  if (x === null || tx === null || T === null || !isRow(r, alpha, s, beta, x, tx, T) || !isDiscountRate(delta))
    return null;
  return finiteOrNull(dertKernel(r, alpha, s, beta, x, tx, T, delta));
}
