import type { BatchResult } from "../../schemas/row-rejections.js";
/**
 * BG/NBD predictions (Fader, Hardie & Lee 2005): the BG/NBD family's functions (predict-family.ts) bound to the
 * BG/NBD. Each is a plain function, so a bundler keeps only those a program calls.
 */

import type { SummaryInput, SummaryRow } from "../../schemas/summary-columns.js";
import type { CovariateValues } from "../covariates/types.js";
import { type PatternScoreOptions, type PatternScores, scorePatternsWith } from "../score-patterns.js";
import type { BgnbdParams } from "./log-likelihood.js";
import * as family from "./predict-family.js";

const BGNBD: family.BgnbdFamily = { shift: 0, name: "BG/NBD" };

/**
 * A customer's own parameters under a fit with covariates (CLVTools' parameterisation): α_i =
 * α·exp(−Σ transaction[k]·x_k), a_i = a·exp(Σ lifetime[k]·x_k), b_i = b·exp(Σ lifetime[k]·x_k). Without
 * coefficients, the parameters unchanged. Use it for the predictions about a new customer of a profile
 * (expectedPurchases, probabilityOfPurchases, tracking); predictions from a customer row read its `covariates`.
 *
 * @example
 * ```ts
 * const fitted = { r: 1, alpha: 10, a: 1, b: 2, covariates: { lifetime: { Fleet: 1 } } };
 * bgnbd.individualParams(fitted, { Fleet: 1 }) // ≈ { r: 1, alpha: 10, a: 2.7183, b: 5.4366 }
 * ```
 */
export function individualParams(params: BgnbdParams, covariates?: CovariateValues): BgnbdParams {
  return family.individualParams(BGNBD, params, covariates);
}

/**
 * Expected repeat purchases in (0, t] of a randomly chosen new customer. BG/NBD (FHL 2005, eq. 9):
 * (a + b − 1)/(a − 1) [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))]; MBG/NBD (Batislam et al. 2007,
 * eq. 9): b/(a − 1) [1 − (α/(α + t))^r ₂F₁(r, b + 1; a + b; t/(α + t))]. Evaluated after Euler's
 * transformation, with numerical integration where the series would cancel (a + b < 1, a = 1, tiny α).
 *
 * @param t - Horizon in the time unit of the fit, ≥ 0.
 * @returns Expected repeat purchases (non-decreasing in t).
 *
 * @example
 * ```ts
 * bgnbd.expectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39) // ≈ 1.197 repeat purchases
 * ```
 */
export function expectedPurchases(params: BgnbdParams, t: number): number {
  return family.expectedPurchases(BGNBD, params, t);
}

/**
 * Expected cumulative repeat transactions of a cohort at the end of each of `periods` equal periods of
 * (0, totalTime] (tracking; BTYD's `bgnbd.ExpectedCumulativeTransactions`): customer i is born at max(T) − Tᵢ
 * (the calibration periods end together) and contributes E[X(τ − birthᵢ)] (eq. 9) once born.
 *
 * @param calibrationT - Each customer's T in the calibration period, in the time unit of the fit.
 * @param totalTime - End of the tracking window (calibration + holdout) in the same unit, measured from the
 *   first birth.
 * @param periods - Number of equal periods (e.g. 78 weeks).
 * @param weights - Optional customers per entry of `calibrationT` (default 1 each).
 * @returns Cumulative expected repeat transactions at the end of each period.
 *
 * @example
 * ```ts
 * bgnbd.expectedCumulativeTransactions({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, T, 78, 78) // Float64Array(78)
 * ```
 */
export function expectedCumulativeTransactions(
  params: BgnbdParams,
  calibrationT: ArrayLike<number>,
  totalTime: number,
  periods: number,
  weights?: ArrayLike<number>,
): Float64Array {
  return family.expectedCumulativeTransactions(BGNBD, params, calibrationT, totalTime, periods, weights);
}

/**
 * Expected purchases in (T, T + t] of a customer with history (x, t_x, T). BG/NBD (FHL 2005, eq. 10):
 * [(a + b + x − 1)/(a − 1)] [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t))]
 * × P(alive); the MBG/NBD (Batislam et al. 2007, eq. 13) has b + x + 1 and a + b + x. Finite for any frequency.
 *
 * @param t - Horizon after T, in the time unit of the fit, ≥ 0.
 * @param customer - `{ frequency, recency, T }`.
 *
 * @example
 * ```ts
 * bgnbd.conditionalExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, { frequency: 2, recency: 30.43, T: 38.86 }) // ≈ 1.226
 * ```
 */
export function conditionalExpectedPurchases(params: BgnbdParams, t: number, customer: SummaryRow): number {
  return family.conditionalExpectedPurchases(BGNBD, params, t, customer);
}

/**
 * Probability that a customer with history (x, t_x, T) is still alive at T: 1/(1 + a/(b + x − 1) ((α + T)/
 * (α + t_x))^(r+x)) for x > 0 and 1 for x = 0 in the BG/NBD (FHL 2005, eq. 11); a/(b + x) and no exception
 * for x = 0 in the MBG/NBD (Batislam et al. 2007, eq. 11). Always in [0, 1].
 *
 * @example
 * ```ts
 * bgnbd.probabilityAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { frequency: 2, recency: 30.43, T: 38.86 }) // ≈ 0.727
 * ```
 */
export function probabilityAlive(params: BgnbdParams, customer: SummaryRow): number {
  return family.probabilityAlive(BGNBD, params, customer);
}

/**
 * P(X(t) = n) for a new customer (FHL 2005, eq. 8; Batislam et al. 2007, eq. 8):
 * B(a, b + n + s)/B(a, b) · NB(n) + [n > 0 or s = 1] B(a + 1, b + n − 1 + s)/B(a, b) · P(NB ≥ n), where NB is
 * the negative-binomial count of a Gamma(r, α)-Poisson process over (0, t] and s = 1 for the MBG/NBD.
 *
 * @param n - Whole number of purchases ≥ 0.
 *
 * @example
 * ```ts
 * bgnbd.probabilityOfPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, 0) // ≈ 0.57
 * ```
 */
export function probabilityOfPurchases(params: BgnbdParams, t: number, n: number): number {
  return family.probabilityOfPurchases(BGNBD, params, t, n);
}

/**
 * P(alive at T + t | x, t_x, T): the chance that a customer with this history is still alive t after T. Given
 * alive at T, λ ~ Gamma(r + x, α + T) and p ~ Beta(a, b + x + s) (s = 1 for the MBG/NBD), and the customer
 * survives each of the Poisson(λt) purchases with probability 1 − p, so the answer is
 * P(alive) · E_p[(1 + p t/(α + T))^−(r+x)] (FHL 2005's posterior; lifetimes' `conditional_probability_alive`
 * at a future time). Equals {@link probabilityAlive} at t = 0 and falls with t.
 *
 * @param t - Time after T, in the time unit of the fit, ≥ 0.
 *
 * @example
 * ```ts
 * bgnbd.conditionalProbabilityAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 52, { frequency: 2, recency: 30.43, T: 38.86 }) // ≈ 0.5316
 * ```
 */
export function conditionalProbabilityAlive(params: BgnbdParams, t: number, customer: SummaryRow): number {
  return family.conditionalProbabilityAlive(BGNBD, params, t, customer);
}

/**
 * P(X(T, T + t) = n | x, t_x, T): the distribution of a customer's purchases in the next t. Dead at T (probability
 * 1 − P(alive)), the customer buys nothing; alive, the future is that of a new customer with the posterior
 * λ ~ Gamma(r + x, α + T) and p ~ Beta(a, b + x + s), so FHL 2005 eq. 8 applies with those parameters. Sums to 1
 * over n, with mean {@link conditionalExpectedPurchases}.
 *
 * @param n - Whole number of purchases ≥ 0.
 *
 * @example
 * ```ts
 * bgnbd.conditionalProbabilityOfPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, 0, { frequency: 2, recency: 30.43, T: 38.86 }) // ≈ 0.4454
 * ```
 */
export function conditionalProbabilityOfPurchases(
  params: BgnbdParams,
  t: number,
  n: number,
  customer: SummaryRow,
): number {
  return family.conditionalProbabilityOfPurchases(BGNBD, params, t, n, customer);
}

/**
 * Batch {@link conditionalExpectedPurchases} over columns: one Float64Array. The expectation given alive
 * depends only on (x, T), so it is memoised (up to 200,000 pairs: customers of a cohort share T) and only
 * P(alive) is computed per customer.
 *
 * @example
 * ```ts
 * bgnbd.conditionalExpectedPurchasesBatch(params, 39, { frequency, recency, T }).values // Float64Array
 * ```
 */
export function conditionalExpectedPurchasesBatch(params: BgnbdParams, t: number, data: SummaryInput): BatchResult {
  return family.conditionalExpectedPurchasesBatch(BGNBD, params, t, data);
}

/**
 * Batch {@link probabilityAlive} over columns.
 *
 * @example
 * ```ts
 * bgnbd.probabilityAliveBatch(params, { frequency, recency, T }).values // Float64Array
 * ```
 */
export function probabilityAliveBatch(params: BgnbdParams, data: SummaryInput): BatchResult {
  return family.probabilityAliveBatch(BGNBD, params, data);
}

/**
 * BG/NBD scores of summary patterns (from `toPatterns`, or from the GROUP BY of `patternsSql` in a warehouse):
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
 * bgnbd.scorePatterns(params, { frequency: [0, 2], recency: [0, 30.43], T: [38.86, 38.86] }, { horizon: 39 }).probabilityAlive // Float64Array(2)
 * ```
 */
export function scorePatterns(
  params: BgnbdParams,
  patterns: SummaryInput,
  options: PatternScoreOptions,
): PatternScores {
  return scorePatternsWith(
    { probabilityAliveBatch, conditionalExpectedPurchasesBatch },
    params,
    patterns,
    options,
    "BG/NBD",
  );
}
