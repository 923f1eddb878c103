import { type FloatMemo, floatMemoGet, floatMemoSet } from "../../math/float-memo.js";
import { integrateUnitInterval } from "../../math/integrate-unit-interval.js";
import { logNegativeBinomialMass } from "../../math/log-negative-binomial-mass.js";
import { logScaledTricomiU } from "../../math/tricomi-u.js";
import { type BatchResult, batchResult, rowRejections } from "../../schemas/row-rejections.js";
import {
  checkCount,
  checkDiscountRate,
  checkHorizon,
  checkPositiveParameters,
  type SummaryInput,
  type SummaryRow,
  toSummaryColumns,
} from "../../schemas/summary-columns.js";
import {
  type CovariateEffect,
  covariatesOf,
  hasCovariates,
  individualParamsOf,
  linearPredictors,
  rowParams,
} from "../covariates/individual-params.js";
import type { CovariateValues } from "../covariates/types.js";
import { requireWithoutCovariates } from "../covariates/without-covariates.js";
import { expectedCumulativeTransactionsOf } from "../expected-cumulative-transactions.js";
import { mapSummaries, summaryOf } from "../map-summaries.js";
import { type PatternScoreOptions, type PatternScores, scorePatternsWith } from "../score-patterns.js";
import { logA0, logBracket, PARAMETER_NAMES, type ParetoNbdParams } from "./log-likelihood.js";

const SUBJECT = "Pareto/NBD parameters";

/** How covariates scale the Pareto/NBD's parameters: α_i = α·exp(−γ_trans'x), β_i = β·exp(−γ_life'x). @internal */
export const COVARIATE_EFFECTS: readonly CovariateEffect<"alpha" | "beta">[] = [
  { process: "transaction", param: "alpha", sign: -1 },
  { process: "lifetime", param: "beta", sign: -1 },
];

/**
 * A customer's own Pareto/NBD parameters under a fit with covariates: α_i = α·exp(−Σ transaction[k]·x_k) and β_i =
 * β·exp(−Σ lifetime[k]·x_k) (CLVTools' parameterisation). Without coefficients, the parameters unchanged. Use it for
 * the predictions about a new customer of a profile (expectedPurchases, probabilityOfPurchases, tracking);
 * predictions from a customer row read its `covariates` themselves.
 *
 * @example
 * ```ts
 * const fitted = { r: 1, alpha: 10, s: 1, beta: 10, covariates: { transaction: { Channel: 0.5 } } };
 * paretoNbd.individualParams(fitted, { Channel: 1 }) // ≈ { r: 1, alpha: 6.0653, s: 1, beta: 10 }
 * ```
 */
export function individualParams(params: ParetoNbdParams, covariates?: CovariateValues): ParetoNbdParams {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  return individualParamsOf(params, covariates, COVARIATE_EFFECTS, SUBJECT);
}

/** Validated own parameters of the customer in `customer` (its covariates when the params have coefficients). */
function customerParams(params: ParetoNbdParams, customer: SummaryRow): ParetoNbdParams {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  return individualParamsOf(params, covariatesOf(customer), COVARIATE_EFFECTS, SUBJECT);
}

/** Applies a kernel to every customer with that customer's own α and β (one pass; no objects per row). */
function mapCustomers(
  params: ParetoNbdParams,
  data: SummaryInput,
  kernel: (r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number) => number,
): BatchResult {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  const { r, alpha, s, beta } = params;
  if (!hasCovariates(params)) return mapSummaries(data, (x, tx, T) => kernel(r, alpha, s, beta, x, tx, T));
  const rejections = rowRejections();
  const { frequency, recency, T } = toSummaryColumns(data, undefined, rejections);
  const predictors = linearPredictors(params, ["transaction", "lifetime"], data, frequency.length, SUBJECT, rejections);
  const invalid = rejections.invalid;
  const out = new Float64Array(frequency.length);
  for (let index = 0; index < out.length; index++) {
    if (invalid?.[index]) continue;
    const own = rowParams({ r, alpha, s, beta }, COVARIATE_EFFECTS, predictors, index);
    const x = frequency[index] as number;
    out[index] = kernel(own.r, own.alpha, own.s, own.beta, x, recency[index] as number, T[index] as number);
  }
  return batchResult(out, rejections);
}

/** (1 − (1 + u)^−k)/k with its k → 0 limit ln(1 + u), without cancellation. @internal */
export function powerDifference(k: number, u: number): number {
  const logBase = Math.log1p(u);
  return k === 0 ? logBase : -Math.expm1(-k * logBase) / k;
}

/** P(alive) kernel: 1/(1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A₀), as a logistic of a log-odds. @internal */
export function probabilityAliveKernel(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): number {
  const logOdds =
    Math.log(s / (r + s + x)) +
    (r + x) * Math.log(alpha + T) +
    s * Math.log(beta + T) +
    logA0(r, alpha, s, beta, x, tx, T);
  if (Number.isNaN(logOdds)) return Number.NaN;
  return 1 / (1 + Math.exp(logOdds));
}

/** E[Y(t) | x, t_x, T] kernel. @internal */
export function conditionalExpectedKernel(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  t: number,
): number {
  if (t === 0) return 0;
  return expectedIfAliveKernel(r, alpha, s, beta, x, T, t) * probabilityAliveKernel(r, alpha, s, beta, x, tx, T);
}

/**
 * E[Y(t) | alive at T, x, T]: (r+x)(β+T)/((α+T)(s−1)) [1 − ((β+T)/(β+T+t))^(s−1)] = (r+x)/(α+T) × (β+T) ×
 * powerDifference(s−1, t/(β+T)); it does not depend on t_x, so customers sharing (x, T) share it. @internal
 */
export function expectedIfAliveKernel(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  T: number,
  t: number,
): number {
  return ((r + x) / (alpha + T)) * (beta + T) * powerDifference(s - 1, t / (beta + T));
}

/**
 * Probability that a customer with history (x, t_x, T) is still alive at T (Schmittlein, Morrison & Colombo 1987;
 * Fader & Hardie 2005 note, eq. 19), computed from a log-odds so that it stays finite and correct for customers with
 * thousands of purchases (where lifetimes and CLVTools overflow).
 *
 * @example
 * ```ts
 * paretoNbd.probabilityAlive({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }, { frequency: 2, recency: 30.43, T: 38.86 })
 * ```
 */
export function probabilityAlive(params: ParetoNbdParams, customer: SummaryRow): number {
  const own = customerParams(params, customer);
  const [x, tx, T] = summaryOf(customer);
  return probabilityAliveKernel(own.r, own.alpha, own.s, own.beta, x, tx, T);
}

/**
 * Expected purchases in (T, T + t] given the history (Fader & Hardie 2005 note, eq. 20):
 * E[Y(t) | x, t_x, T] = (r+x)(β+T)/((α+T)(s−1)) [1 − ((β+T)/(β+T+t))^(s−1)] × P(alive), with the s = 1 limit.
 *
 * @example
 * ```ts
 * paretoNbd.conditionalExpectedPurchases(params, 39, { frequency: 2, recency: 30.43, T: 38.86 })
 * ```
 */
export function conditionalExpectedPurchases(params: ParetoNbdParams, t: number, customer: SummaryRow): number {
  const own = customerParams(params, customer);
  checkHorizon(t, "t", "Pareto/NBD horizon");
  const [x, tx, T] = summaryOf(customer);
  return conditionalExpectedKernel(own.r, own.alpha, own.s, own.beta, x, tx, T, t);
}

/**
 * Expected repeat purchases in (0, t] of a new customer (Schmittlein et al. 1987; Fader & Hardie 2005 note, eq. 17):
 * E[X(t)] = rβ/(α(s−1)) [1 − (β/(β+t))^(s−1)], with the s = 1 limit (rβ/α) ln(1 + t/β).
 *
 * @example
 * ```ts
 * paretoNbd.expectedPurchases({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }, 39)
 * ```
 */
export function expectedPurchases(params: ParetoNbdParams, t: number): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  requireWithoutCovariates(params, "Pareto/NBD", "paretoNbd", "expectedPurchases");
  checkHorizon(t, "t", "Pareto/NBD horizon");
  return expectedPurchasesKernel(params.r, params.alpha, params.s, params.beta, t);
}

/** E[X(t)] of a new customer: (rβ/α) [1 − (β/(β + t))^(s−1)]/(s − 1) (Schmittlein, Morrison & Colombo 1987). @internal */
export function expectedPurchasesKernel(r: number, alpha: number, s: number, beta: number, t: number): number {
  return ((r * beta) / alpha) * powerDifference(s - 1, t / beta);
}

/**
 * Expected cumulative repeat transactions of a cohort at the end of each of `periods` equal periods of
 * (0, totalTime] (tracking; BTYD's `pnbd.ExpectedCumulativeTransactions`): customer i is born at max(T) − Tᵢ and
 * contributes E[X(τ − birthᵢ)] (Schmittlein, Morrison & Colombo 1987; Fader, Hardie & Lee 2005 eq. 17) once born.
 *
 * @param calibrationT - Each customer's T in the calibration period, in the time unit of the fit.
 * @param totalTime - End of the tracking window (calibration + holdout) in the same unit, from the first birth.
 * @param periods - Number of equal periods.
 * @param weights - Optional customers per entry of `calibrationT` (default 1 each).
 *
 * @example
 * ```ts
 * paretoNbd.expectedCumulativeTransactions({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }, T, 78, 78) // Float64Array(78)
 * ```
 */
export function expectedCumulativeTransactions(
  params: ParetoNbdParams,
  calibrationT: ArrayLike<number>,
  totalTime: number,
  periods: number,
  weights?: ArrayLike<number>,
): Float64Array {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  requireWithoutCovariates(params, "Pareto/NBD", "paretoNbd", "expectedCumulativeTransactions");
  const { r, alpha, s, beta } = params;
  return expectedCumulativeTransactionsOf(
    (t) => ((r * beta) / alpha) * powerDifference(s - 1, t / beta),
    calibrationT,
    totalTime,
    periods,
    weights,
    "Pareto/NBD tracking",
  );
}

/**
 * P(X(t) = n) for a new customer (Fader, Hardie & Lee 2006 note "Deriving an expression for P(X(t) = x) under the
 * Pareto/NBD model", eq. 8), in log space; the difference of the two hypergeometric parts is clamped at 0
 * against rounding.
 *
 * @example
 * ```ts
 * paretoNbd.probabilityOfPurchases(params, 39, 0)
 * ```
 */
export function probabilityOfPurchases(params: ParetoNbdParams, t: number, n: number): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  requireWithoutCovariates(params, "Pareto/NBD", "paretoNbd", "probabilityOfPurchases");
  checkHorizon(t, "t", "Pareto/NBD horizon");
  checkCount(n, "n", "Pareto/NBD purchase count");
  return probabilityOfPurchasesKernel(params.r, params.alpha, params.s, params.beta, t, n);
}

/**
 * P(X(t) = n) kernel of a new Pareto/NBD customer, from the story rather than the hypergeometric closed form (whose
 * series fails where α ≫ β or β ≫ α): alive at t with probability S(t) = (β/(β + t))^s, the count is NB(n; r,
 * α/(α + t)); dead at τ < t, it is NB(n; r, α/(α + τ)). With u = F(τ) = 1 − S(τ) as the variable of integration
 * the death-time density disappears: P = S(t) g(t) + ∫₀^F(t) g(τ(u)) du, τ(u) = β((1 − u)^(−1/s) − 1), a bounded
 * integrand for any parameters, by tanh-sinh quadrature; g is computed in logs. @internal
 */
export function probabilityOfPurchasesKernel(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  t: number,
  n: number,
): number {
  if (t === 0) return n === 0 ? 1 : 0;
  // Loader's masses: log-gamma differences carried 1e-9 of noise at r = 1e9 (Σ P(X = n) came to 1 + 1e-9).
  const negativeBinomial = (tau: number): number => {
    if (tau <= 0) return n === 0 ? 1 : 0;
    return Math.exp(logNegativeBinomialMass(n, r, -Math.log1p(tau / alpha), Math.log(tau) - Math.log(alpha + tau)));
  };
  const logSurvive = -s * Math.log1p(t / beta);
  const survive = Math.exp(logSurvive);
  const died = -Math.expm1(logSurvive);
  const deadPart =
    died === 0
      ? 0
      : died *
        integrateUnitInterval((v, w) => {
          // 1 − u = 1 − F(t)·v = w + v·S(t), kept accurate as v → 1.
          const tau = Math.min(t, beta * Math.expm1(-Math.log(w + v * survive) / s));
          return negativeBinomial(tau);
        }, 1e-13);
  return Math.min(1, survive * negativeBinomial(t) + deadPart);
}

/**
 * P(alive at T + t | x, t_x, T). Given alive at T the dropout rate is μ ~ Gamma(s, β + T), so the customer is still
 * alive after t more with probability ((β + T)/(β + T + t))^s: the answer is P(alive) times that (Schmittlein,
 * Morrison & Colombo 1987's posterior). Equals {@link probabilityAlive} at t = 0 and falls with t.
 *
 * @example
 * ```ts
 * paretoNbd.conditionalProbabilityAlive({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }, 52, { frequency: 2, recency: 30.43, T: 38.86 }) // ≈ 0.5661
 * ```
 */
export function conditionalProbabilityAlive(params: ParetoNbdParams, t: number, customer: SummaryRow): number {
  const alive = probabilityAlive(params, customer);
  checkHorizon(t, "t", "Pareto/NBD horizon");
  const own = customerParams(params, customer);
  const [, , T] = summaryOf(customer);
  return alive * Math.exp(-own.s * Math.log1p(t / (own.beta + T)));
}

/**
 * P(X(T, T + t) = n | x, t_x, T) (Fader & Hardie 2014 note "Deriving the conditional PMF of the Pareto/NBD
 * model"; lifetimes' `conditional_probability_of_n_purchases_up_to_time`): dead at T, no purchases; alive, the
 * future is a new customer's with λ ~ Gamma(r + x, α + T) and μ ~ Gamma(s, β + T), whose PMF is
 * {@link probabilityOfPurchases}. Sums to 1 over n, with mean {@link conditionalExpectedPurchases}.
 *
 * @example
 * ```ts
 * paretoNbd.conditionalProbabilityOfPurchases({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }, 39, 0, { frequency: 2, recency: 30.43, T: 38.86 }) // ≈ 0.4081
 * ```
 */
export function conditionalProbabilityOfPurchases(
  params: ParetoNbdParams,
  t: number,
  n: number,
  customer: SummaryRow,
): number {
  const alive = probabilityAlive(params, customer);
  checkHorizon(t, "t", "Pareto/NBD horizon");
  checkCount(n, "n", "Pareto/NBD purchase count");
  const { r, alpha, s, beta } = customerParams(params, customer);
  const [x, , T] = summaryOf(customer);
  const future =
    t === 0 ? (n === 0 ? 1 : 0) : probabilityOfPurchases({ r: r + x, alpha: alpha + T, s, beta: beta + T }, t, n);
  return (n === 0 ? 1 - alive : 0) + alive * future;
}

/**
 * Discounted expected residual transactions of a customer with history (x, t_x, T) (Fader, Hardie & Lee 2005,
 * "RFM and CLV: Using iso-value curves for customer base analysis", eq. 2):
 * DERT(δ) = α^r β^s δ^(s−1) Γ(r+x+1) Ψ(s, s; δ(β+T)) / (Γ(r) (α+T)^(r+x+1) L(r, α, s, β | x, t_x, T)),
 * with Ψ Tricomi's confluent hypergeometric function, for a continuously compounded discount rate δ per time unit
 * (δ = ln(1 + d) for a rate d per time unit; e.g. 15% a year in weeks: δ = ln(1.15)/52).
 *
 * @param continuousDiscountRate - δ > 0 per time unit of the fit.
 *
 * @example
 * ```ts
 * paretoNbd.discountedExpectedResidualTransactions(params, Math.log(1.15) / 52, { frequency: 2, recency: 30.43, T: 38.86 })
 * ```
 */
export function discountedExpectedResidualTransactions(
  params: ParetoNbdParams,
  continuousDiscountRate: number,
  customer: SummaryRow,
): number {
  const own = customerParams(params, customer);
  checkDiscountRate(continuousDiscountRate, "continuousDiscountRate");
  const [x, tx, T] = summaryOf(customer);
  return dertKernel(own.r, own.alpha, own.s, own.beta, x, tx, T, continuousDiscountRate);
}

/**
 * DERT kernel: the common factor Γ(r+x) α^r β^s / Γ(r) of numerator and likelihood cancels, and so does δ^(s−1)
 * against Ψ(s, s; z) = z^(1−s) U(1, 2−s, z) at z = δ(β+T), leaving (β+T)^(1−s) U(1, 2−s, z): no large logarithms
 * to cancel numerically when s is large. U depends on the customer only through β + T, which customers of a cohort
 * share (T on a grid of days): a batch may pass a `cache` (by z, for one s). @internal
 */
export function dertKernel(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  delta: number,
  cache?: FloatMemo,
): number {
  const z = delta * (beta + T);
  let logScaledU = cache === undefined ? Number.NaN : floatMemoGet(cache, z);
  if (Number.isNaN(logScaledU)) {
    logScaledU = logScaledTricomiU(s, z);
    if (cache !== undefined && !Number.isNaN(logScaledU)) floatMemoSet(cache, z, logScaledU);
  }
  const logValue =
    (1 - s) * Math.log(beta + T) +
    logScaledU +
    Math.log(r + x) -
    (r + x + 1) * Math.log(alpha + T) -
    logBracket(r, alpha, s, beta, x, tx, T);
  return Math.exp(logValue);
}

/**
 * Batch {@link probabilityAlive} over columns.
 *
 * @example
 * ```ts
 * paretoNbd.probabilityAliveBatch(params, { frequency, recency, T }).values // Float64Array
 * ```
 */
export function probabilityAliveBatch(params: ParetoNbdParams, data: SummaryInput): BatchResult {
  return mapCustomers(params, data, probabilityAliveKernel);
}

/**
 * Batch {@link conditionalExpectedPurchases} over columns.
 *
 * @example
 * ```ts
 * paretoNbd.conditionalExpectedPurchasesBatch(params, 39, { frequency, recency, T }).values // Float64Array
 * ```
 */
export function conditionalExpectedPurchasesBatch(params: ParetoNbdParams, t: number, data: SummaryInput): BatchResult {
  checkHorizon(t, "t", "Pareto/NBD horizon");
  return mapCustomers(params, data, (r, alpha, s, beta, x, tx, T) =>
    conditionalExpectedKernel(r, alpha, s, beta, x, tx, T, t),
  );
}

/**
 * Pareto/NBD scores of summary patterns (from `toPatterns`, or from the GROUP BY of `patternsSql` in a warehouse):
 * P(alive) and the expected repeat purchases over `horizon` of each distinct (x, t_x, T), a table to load back and
 * join on those three columns. A warehouse of millions of customers sends and receives one row per pattern, and the
 * scores are exact: those of every customer with the pattern. A bad pattern row gets NaN and its error in `errors`.
 *
 * @param params - A fit's `params` (without covariates).
 * @param patterns - Rows or columns of `{ frequency, recency, T }` (a `weight` column is allowed and not read).
 * @param options - `horizon`: the expected purchases' horizon, in the summaries' time units.
 *
 * @example
 * ```ts
 * paretoNbd.scorePatterns(params, { frequency: [0, 2], recency: [0, 30.43], T: [38.86, 38.86] }, { horizon: 39 }).probabilityAlive // Float64Array(2)
 * ```
 */
export function scorePatterns(
  params: ParetoNbdParams,
  patterns: SummaryInput,
  options: PatternScoreOptions,
): PatternScores {
  return scorePatternsWith(
    { probabilityAliveBatch, conditionalExpectedPurchasesBatch },
    params,
    patterns,
    options,
    "Pareto/NBD",
  );
}
