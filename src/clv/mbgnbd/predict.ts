import { InvalidInputError } from "../../errors.js";
import { logBeta } from "../../math/log-beta.js";
import { logGamma } from "../../math/log-gamma.js";
import { logSumExp } from "../../math/log-sum-exp.js";
import {
  checkHorizon,
  checkPositiveParameters,
  type SummaryInput,
  type SummaryRow,
} from "../../schemas/summary-columns.js";
import { PARAMETER_NAMES } from "../bgnbd/log-likelihood.js";
import { aliveExpectation } from "../bgnbd/predict.js";
import { mapSummaries, summaryOf } from "../map-summaries.js";
import type { MbgnbdParams } from "./log-likelihood.js";

const SUBJECT = "MBG/NBD parameters";

/** P(alive) = 1/(1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)) (Batislam et al. 2007, eq. 11). @internal */
export function probabilityAliveKernel(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number,
): number {
  const logOdds = Math.log(a) - Math.log(b + x) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** E[Y(t) | x, t_x, T]: P(alive) × E over p ~ Beta(a, b+x+1) of (1/p)(1 − (1 + p t/(α+T))^−(r+x)). @internal */
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
  return aliveExpectation(r, a, b + 1, x, t / (alpha + T)) * probabilityAliveKernel(r, alpha, a, b, x, tx, T);
}

/**
 * P(alive | x, t_x, T) under the MBG/NBD (Batislam et al. 2007, eq. 11); below 1 also for x = 0.
 *
 * @example
 * ```ts
 * mbgnbd.probabilityAlive(params, { frequency: 0, recency: 0, T: 38.86 })
 * ```
 */
export function probabilityAlive(params: MbgnbdParams, customer: SummaryRow): number {
  checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  const [x, tx, T] = summaryOf(customer);
  return probabilityAliveKernel(params.r, params.alpha, params.a, params.b, x, tx, T);
}

/**
 * Expected purchases in (T, T + t] (Batislam et al. 2007, eq. 13):
 * [(a+b+x)/(a−1)] [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] × P(alive),
 * evaluated like the BG/NBD (Euler's transformation, quadrature where that cancels).
 *
 * @example
 * ```ts
 * mbgnbd.conditionalExpectedPurchases(params, 39, { frequency: 2, recency: 30.43, T: 38.86 })
 * ```
 */
export function conditionalExpectedPurchases(params: MbgnbdParams, t: number, customer: SummaryRow): number {
  checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkHorizon(t, "t", "MBG/NBD horizon");
  const [x, tx, T] = summaryOf(customer);
  return conditionalExpectedKernel(params.r, params.alpha, params.a, params.b, x, tx, T, t);
}

/**
 * Expected repeat purchases of a new customer in (0, t] (Batislam et al. 2007, eq. 9):
 * E[X(t)] = b/(a−1) [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))].
 *
 * @example
 * ```ts
 * mbgnbd.expectedPurchases(params, 39)
 * ```
 */
export function expectedPurchases(params: MbgnbdParams, t: number): number {
  checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkHorizon(t, "t", "MBG/NBD horizon");
  const { r, alpha, a, b } = params;
  if (t === 0) return 0;
  return (b / (a + b)) * aliveExpectation(r, a, b + 1, 0, t / alpha);
}

/**
 * P(X(t) = n) for a new customer (Batislam et al. 2007, eq. 8):
 * B(a, b+n+1)/B(a, b) NB(n) + B(a+1, b+n)/B(a, b) P(NB ≥ n), NB the Gamma(r, α)-Poisson count in (0, t].
 *
 * @example
 * ```ts
 * mbgnbd.probabilityOfPurchases(params, 39, 0)
 * ```
 */
export function probabilityOfPurchases(params: MbgnbdParams, t: number, n: number): number {
  checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkHorizon(t, "t", "MBG/NBD horizon");
  if (!(Number.isInteger(n) && n >= 0)) {
    throw new InvalidInputError("MBG/NBD purchase count", [
      { code: "custom", path: ["n"], message: `must be a whole number ≥ 0, got ${n}` },
    ]);
  }
  const { r, alpha, a, b } = params;
  const logP = Math.log(alpha / (alpha + t));
  const logQ = Math.log(t / (alpha + t));
  const logBetaAB = logBeta(a, b);
  const logNegativeBinomial = (j: number): number =>
    logGamma(r + j) - logGamma(r) - logGamma(j + 1) + r * logP + (j === 0 ? 0 : j * logQ);
  const alive = Math.exp(logBeta(a, b + n + 1) - logBetaAB + logNegativeBinomial(n));
  const head =
    n === 0 ? Number.NEGATIVE_INFINITY : logSumExp(Array.from({ length: n }, (_, j) => logNegativeBinomial(j)));
  const tail = Math.max(0, -Math.expm1(head));
  return alive + Math.exp(logBeta(a + 1, b + n) - logBetaAB) * tail;
}

/**
 * Batch {@link probabilityAlive}.
 *
 * @example
 * ```ts
 * mbgnbd.probabilityAliveBatch(params, { frequency, recency, T }) // Float64Array
 * ```
 */
export function probabilityAliveBatch(params: MbgnbdParams, data: SummaryInput): Float64Array {
  checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  const { r, alpha, a, b } = params;
  return mapSummaries(data, (x, tx, T) => probabilityAliveKernel(r, alpha, a, b, x, tx, T));
}

/**
 * Batch {@link conditionalExpectedPurchases}.
 *
 * @example
 * ```ts
 * mbgnbd.conditionalExpectedPurchasesBatch(params, 39, { frequency, recency, T }) // Float64Array
 * ```
 */
export function conditionalExpectedPurchasesBatch(params: MbgnbdParams, t: number, data: SummaryInput): Float64Array {
  checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkHorizon(t, "t", "MBG/NBD horizon");
  const { r, alpha, a, b } = params;
  return mapSummaries(data, (x, tx, T) => conditionalExpectedKernel(r, alpha, a, b, x, tx, T, t));
}
