import { expectationUnderBeta } from "../../math/beta-expectation.js";
import { logHypergeometric2F1 } from "../../math/hypergeometric-2f1.js";
import { logBeta } from "../../math/log-beta.js";
import { logGamma } from "../../math/log-gamma.js";
import { logSumExp } from "../../math/log-sum-exp.js";
import {
  checkHorizon,
  checkPositiveParameters,
  type SummaryInput,
  type SummaryRow,
} from "../../schemas/summary-columns.js";
import { mapSummaries, summaryOf } from "../map-summaries.js";
import { type BgnbdParams, PARAMETER_NAMES } from "./log-likelihood.js";

const SUBJECT = "BG/NBD parameters";

/**
 * E over p ~ Beta(a, b + x) of (1/p)[1 − (1 + p·s)^−(r+x)]: the expected purchases of a customer known to be alive,
 * with s = t/(α + T). Integrating λ out of FHL 2005's derivation gives this form; its closed form is FHL eq. 10's
 * bracket (a + b + x − 1)/(a − 1) [1 − (1 − z)^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; z)], z = s/(1 + s), which is
 * evaluated after Euler's transformation, (1 − z)^(a−1) ₂F₁(a + b − 1 − r, a − 1; a + b + x − 1; z), so that high
 * frequencies neither overflow nor lose digits. Where that series cancels badly (tiny α with z → 1) or meets a
 * removable singularity (a = 1, a + b + x = 1), the expectation is integrated numerically instead.
 * @internal
 */
export function aliveExpectation(r: number, a: number, b: number, x: number, s: number): number {
  const c = a + b + x - 1;
  const z = s / (1 + s);
  if (Math.abs(a - 1) > 1e-6 && Math.abs(c) > 1e-6) {
    const hypergeometric = logHypergeometric2F1(a + b - 1 - r, a - 1, c, z);
    if (hypergeometric.conditionNumber < 1e4 && Number.isFinite(hypergeometric.logAbs)) {
      const logPower = (a - 1) * Math.log1p(-z) + hypergeometric.logAbs;
      const bracket = hypergeometric.sign > 0 ? -Math.expm1(logPower) : 1 + Math.exp(logPower);
      const value = (c / (a - 1)) * bracket;
      if (Number.isFinite(value) && value >= 0) return value;
    }
  }
  const shape = r + x;
  const zeroLimit = shape * s;
  return expectationUnderBeta((p) => (p === 0 ? zeroLimit : -Math.expm1(-shape * Math.log1p(p * s)) / p), a, b + x);
}

/** P(alive | x, t_x, T) kernel (FHL 2005 eq. 11, as a logistic function of a log-odds). @internal */
export function probabilityAliveKernel(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (x === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** E[Y(t) | x, t_x, T] kernel (FHL 2005 eq. 10). @internal */
export function conditionalExpectedKernel(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number,
  t: number,
): number {
  if (t === 0) return 0;
  return aliveExpectation(r, a, b, x, t / (alpha + T)) * probabilityAliveKernel(r, alpha, a, b, x, tx, T);
}

/**
 * Expected number of purchases in (0, t] by a randomly chosen customer who made a first purchase at 0
 * (Fader, Hardie & Lee 2005, eq. 9): E[X(t)] = (a + b − 1)/(a − 1) [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))].
 *
 * @param params - `{ r, alpha, a, b }`.
 * @param t - Horizon in the time unit of the fit, ≥ 0.
 * @returns Expected repeat purchases (non-decreasing in t).
 *
 * @example
 * ```ts
 * bgnbd.expectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39) // ≈ 1.197 repeat purchases
 * ```
 */
export function expectedPurchases(params: BgnbdParams, t: number): number {
  checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkHorizon(t, "t", "BG/NBD horizon");
  if (t === 0) return 0;
  return aliveExpectation(params.r, params.a, params.b, 0, t / params.alpha);
}

/**
 * Expected purchases in (T, T + t] of a customer with history (x, t_x, T) (FHL 2005, eq. 10):
 * E[Y(t) | x, t_x, T] = [(a + b + x − 1)/(a − 1)] [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x; a + b + x − 1;
 * t/(α + T + t))] × P(alive | x, t_x, T). Evaluated after Euler's transformation, finite for any frequency.
 *
 * @param params - `{ r, alpha, a, b }`.
 * @param t - Horizon after T, in the time unit of the fit, ≥ 0.
 * @param customer - `{ frequency, recency, T }`.
 *
 * @example
 * ```ts
 * bgnbd.conditionalExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, { frequency: 2, recency: 30.43, T: 38.86 }) // ≈ 1.226
 * ```
 */
export function conditionalExpectedPurchases(params: BgnbdParams, t: number, customer: SummaryRow): number {
  checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkHorizon(t, "t", "BG/NBD horizon");
  const [x, tx, T] = summaryOf(customer);
  return conditionalExpectedKernel(params.r, params.alpha, params.a, params.b, x, tx, T, t);
}

/**
 * Probability that a customer with history (x, t_x, T) is still alive at T (FHL 2005, eq. 11):
 * P = 1 / (1 + 1{x>0} a/(b + x − 1) ((α + T)/(α + t_x))^(r+x)). Always in [0, 1]; 1 for x = 0 (in the BG/NBD a
 * customer can only drop out right after a purchase).
 *
 * @example
 * ```ts
 * bgnbd.probabilityAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { frequency: 2, recency: 30.43, T: 38.86 }) // ≈ 0.727
 * ```
 */
export function probabilityAlive(params: BgnbdParams, customer: SummaryRow): number {
  checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  const [x, tx, T] = summaryOf(customer);
  return probabilityAliveKernel(params.r, params.alpha, params.a, params.b, x, tx, T);
}

/**
 * Probability that a randomly chosen customer makes exactly n repeat purchases in (0, t] (FHL 2005, eq. 8):
 * P(X(t) = n) = B(a, b + n)/B(a, b) · NB(n; r, α/(α+t)) + 1{n>0} B(a + 1, b + n − 1)/B(a, b) · P(NB ≥ n),
 * where NB is the negative binomial count of a Gamma(r, α)-Poisson process over (0, t].
 *
 * @param n - Whole number of purchases ≥ 0.
 *
 * @example
 * ```ts
 * bgnbd.probabilityOfPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, 0) // ≈ 0.57
 * ```
 */
export function probabilityOfPurchases(params: BgnbdParams, t: number, n: number): number {
  checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkHorizon(t, "t", "BG/NBD horizon");
  checkHorizon(n, "n", "BG/NBD purchase count");
  if (!Number.isInteger(n)) return checkHorizon(Number.NaN, "n", "BG/NBD purchase count (whole number)");
  const { r, alpha, a, b } = params;
  const logP = Math.log(alpha / (alpha + t));
  const logQ = Math.log(t / (alpha + t));
  const logBetaAB = logBeta(a, b);
  const logNegativeBinomial = (j: number): number =>
    logGamma(r + j) - logGamma(r) - logGamma(j + 1) + r * logP + (j === 0 ? 0 : j * logQ);
  const first = Math.exp(logBeta(a, b + n) - logBetaAB + logNegativeBinomial(n));
  if (n === 0) return first;
  const head = logSumExp(Array.from({ length: n }, (_, j) => logNegativeBinomial(j)));
  const tail = Math.max(0, -Math.expm1(head));
  return first + Math.exp(logBeta(a + 1, b + n - 1) - logBetaAB) * tail;
}

/**
 * Batch version of {@link conditionalExpectedPurchases} over columns: one Float64Array of expectations.
 * Validates the columns once, then runs the float64 kernel.
 *
 * @example
 * ```ts
 * bgnbd.conditionalExpectedPurchasesBatch(params, 39, { frequency, recency, T }) // Float64Array
 * ```
 */
export function conditionalExpectedPurchasesBatch(params: BgnbdParams, t: number, data: SummaryInput): Float64Array {
  checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkHorizon(t, "t", "BG/NBD horizon");
  const { r, alpha, a, b } = params;
  if (t === 0) return mapSummaries(data, () => 0);
  // The expectation given alive depends only on (x, T): customers of one cohort share T, so it is memoised
  // (up to 200,000 distinct pairs) and only P(alive) is computed per customer.
  const memo = new Map<number, Map<number, number>>();
  let memoSize = 0;
  return mapSummaries(data, (x, tx, T) => {
    let byFrequency = memo.get(T);
    let expectation = byFrequency?.get(x);
    if (expectation === undefined) {
      expectation = aliveExpectation(r, a, b, x, t / (alpha + T));
      if (memoSize < 200_000) {
        if (byFrequency === undefined) {
          byFrequency = new Map();
          memo.set(T, byFrequency);
        }
        byFrequency.set(x, expectation);
        memoSize += 1;
      }
    }
    return expectation * probabilityAliveKernel(r, alpha, a, b, x, tx, T);
  });
}

/**
 * Batch version of {@link probabilityAlive} over columns.
 *
 * @example
 * ```ts
 * bgnbd.probabilityAliveBatch(params, { frequency, recency, T }) // Float64Array of values in [0, 1]
 * ```
 */
export function probabilityAliveBatch(params: BgnbdParams, data: SummaryInput): Float64Array {
  checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  const { r, alpha, a, b } = params;
  return mapSummaries(data, (x, tx, T) => probabilityAliveKernel(r, alpha, a, b, x, tx, T));
}
