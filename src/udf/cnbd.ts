import { conditionalExpectedKernel, probabilityAliveKernel } from "../clv/cnbd/predict.js";
import { finiteOrNull, isHorizon, isParameter, isSummary, isWhole } from "./scalar-checks.js";

function isRow(
  k: unknown,
  r: unknown,
  alpha: unknown,
  a: unknown,
  b: unknown,
  x: unknown,
  tx: unknown,
  T: unknown,
): boolean {
  return (
    isWhole(k, 100) &&
    k >= 1 &&
    isParameter(r) &&
    isParameter(alpha) &&
    isParameter(a) &&
    isParameter(b) &&
    isSummary(x, tx, T)
  );
}

/**
 * BG/CNBD-k P(alive | x, t_x, T) of one warehouse row (Reutterer, Platzer & Schröder 2020), k the regularity (a
 * whole number from 1 to 100); null for a bad row.
 *
 * @example
 * ```ts
 * udf.bgcnbdProbabilityAlive(2, 1.33, 2.81, 0.425, 0.79, 2, 30.43, 38.86) // ≈ 0.7241
 * ```
 */
export function bgcnbdProbabilityAlive(
  k: number,
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number | null,
  tx: number | null,
  T: number | null,
): number | null {
  if (x === null || tx === null || T === null || !isRow(k, r, alpha, a, b, x, tx, T)) return null;
  return finiteOrNull(probabilityAliveKernel({ k, r, alpha, a, b }, x, tx, T, 0));
}

/**
 * BG/CNBD-k E[Y(t) | x, t_x, T] of one warehouse row; null for a bad row.
 *
 * @example
 * ```ts
 * udf.bgcnbdConditionalExpectedPurchases(2, 1.33, 2.81, 0.425, 0.79, 39, 2, 30.43, 38.86) // ≈ 1.709
 * ```
 */
export function bgcnbdConditionalExpectedPurchases(
  k: number,
  r: number,
  alpha: number,
  a: number,
  b: number,
  t: number,
  x: number | null,
  tx: number | null,
  T: number | null,
): number | null {
  if (x === null || tx === null || T === null || !isRow(k, r, alpha, a, b, x, tx, T) || !isHorizon(t)) return null;
  return finiteOrNull(conditionalExpectedKernel({ k, r, alpha, a, b }, x, tx, T, t, 0));
}

/**
 * MBG/CNBD-k P(alive | x, t_x, T) of one warehouse row; null for a bad row.
 *
 * @example
 * ```ts
 * udf.mbgcnbdProbabilityAlive(2, 1.33, 2.81, 0.425, 0.79, 2, 30.43, 38.86) // ≈ 0.8035
 * ```
 */
export function mbgcnbdProbabilityAlive(
  k: number,
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number | null,
  tx: number | null,
  T: number | null,
): number | null {
  if (x === null || tx === null || T === null || !isRow(k, r, alpha, a, b, x, tx, T)) return null;
  return finiteOrNull(probabilityAliveKernel({ k, r, alpha, a, b }, x, tx, T, 1));
}

/**
 * MBG/CNBD-k E[Y(t) | x, t_x, T] of one warehouse row; null for a bad row.
 *
 * @example
 * ```ts
 * udf.mbgcnbdConditionalExpectedPurchases(2, 1.33, 2.81, 0.425, 0.79, 39, 2, 30.43, 38.86) // ≈ 1.959
 * ```
 */
export function mbgcnbdConditionalExpectedPurchases(
  k: number,
  r: number,
  alpha: number,
  a: number,
  b: number,
  t: number,
  x: number | null,
  tx: number | null,
  T: number | null,
): number | null {
  if (x === null || tx === null || T === null || !isRow(k, r, alpha, a, b, x, tx, T) || !isHorizon(t)) return null;
  return finiteOrNull(conditionalExpectedKernel({ k, r, alpha, a, b }, x, tx, T, t, 1));
}
