import { conditionalExpectedKernel, probabilityAliveKernel } from "../clv/bgnbd/predict-family.js";
import { finiteOrNull, isHorizon, isParameter, isSummary } from "./scalar-checks.js";

/** A valid BG/NBD-family row: its four parameters and its summary. */
function isRow(r: unknown, alpha: unknown, a: unknown, b: unknown, x: unknown, tx: unknown, T: unknown): boolean {
  return isParameter(r) && isParameter(alpha) && isParameter(a) && isParameter(b) && isSummary(x, tx, T);
}

/**
 * BG/NBD P(alive | x, t_x, T) of one warehouse row (Fader, Hardie & Lee 2005 eq. 11), numbers in and a number out:
 * `bgnbd.probabilityAlive` without row objects or errors. A bad row (NULL, NaN, t_x > T, a parameter outside
 * [1e-10, 1e10]) gives null, the SQL NULL, so one bad row never aborts a query.
 *
 * @example
 * ```ts
 * udf.bgnbdProbabilityAlive(0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86) // ≈ 0.7266
 * ```
 */
export function bgnbdProbabilityAlive(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number | null,
  tx: number | null,
  T: number | null,
): number | null {
  if (x === null || tx === null || T === null || !isRow(r, alpha, a, b, x, tx, T)) return null;
  return finiteOrNull(probabilityAliveKernel(r, alpha, a, b, x, tx, T, 0));
}

/**
 * BG/NBD E[Y(t) | x, t_x, T] of one warehouse row (FHL 2005 eq. 10): the expected repeat purchases in (T, T + t],
 * t in the summaries' time units; null for a bad row.
 *
 * @example
 * ```ts
 * udf.bgnbdConditionalExpectedPurchases(0.243, 4.414, 0.793, 2.426, 39, 2, 30.43, 38.86) // ≈ 1.226
 * ```
 */
export function bgnbdConditionalExpectedPurchases(
  r: number,
  alpha: number,
  a: number,
  b: number,
  t: number,
  x: number | null,
  tx: number | null,
  T: number | null,
): number | null {
  if (x === null || tx === null || T === null || !isRow(r, alpha, a, b, x, tx, T) || !isHorizon(t)) return null;
  return finiteOrNull(conditionalExpectedKernel(r, alpha, a, b, x, tx, T, t, 0));
}

/**
 * MBG/NBD P(alive | x, t_x, T) of one warehouse row (Batislam, Denizel & Filiztekin 2007 eq. 11); null for a bad
 * row.
 *
 * @example
 * ```ts
 * udf.mbgnbdProbabilityAlive(0.525, 6.18, 0.891, 1.614, 0, 0, 38.86) // ≈ 0.3897
 * ```
 */
export function mbgnbdProbabilityAlive(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number | null,
  tx: number | null,
  T: number | null,
): number | null {
  if (x === null || tx === null || T === null || !isRow(r, alpha, a, b, x, tx, T)) return null;
  return finiteOrNull(probabilityAliveKernel(r, alpha, a, b, x, tx, T, 1));
}

/**
 * MBG/NBD E[Y(t) | x, t_x, T] of one warehouse row (Batislam et al. 2007 eq. 13); null for a bad row.
 *
 * @example
 * ```ts
 * udf.mbgnbdConditionalExpectedPurchases(0.525, 6.18, 0.891, 1.614, 39, 2, 30.43, 38.86) // ≈ 1.263
 * ```
 */
export function mbgnbdConditionalExpectedPurchases(
  r: number,
  alpha: number,
  a: number,
  b: number,
  t: number,
  x: number | null,
  tx: number | null,
  T: number | null,
): number | null {
  if (x === null || tx === null || T === null || !isRow(r, alpha, a, b, x, tx, T) || !isHorizon(t)) return null;
  return finiteOrNull(conditionalExpectedKernel(r, alpha, a, b, x, tx, T, t, 1));
}
