import type { BatchResult } from "../../schemas/row-rejections.js";
/**
 * MBG/CNBD-k functions: the (M)BG/CNBD-k family's functions (cnbd/model.ts) bound to the MBG/CNBD-k. Each is a plain
 * function, so a bundler keeps only those a program calls.
 */
import type { SummaryInput } from "../../schemas/summary-columns.js";
import type { SimulateOptions } from "../bgnbd/simulate.js";
import type { CnbdParams, CnbdSummaryInput, CnbdSummaryRow } from "../cnbd/data.js";
import type { CnbdFitOptions, CnbdFitResult } from "../cnbd/fit.js";
import * as family from "../cnbd/model.js";
import type { SimulatedCnbdCustomers } from "../cnbd/simulate.js";
import { type PatternScoreOptions, type PatternScores, scorePatternsWith } from "../score-patterns.js";

const MBGCNBD: family.CnbdFamily = { shift: 1, name: "MBG/CNBD-k" };

/**
 * Fits the model by maximum likelihood, choosing k in 1..12 by likelihood unless `options.k` is given.
 * Customers need `sumLogInterPurchaseTimes` (from `summarizeTransactions`) when k > 1 is tried.
 *
 * @example
 * ```ts
 * mbgcnbd.fit(grocerySummaries).params.k // 2
 * ```
 */
export function fit(data: CnbdSummaryInput, options: CnbdFitOptions = {}): CnbdFitResult {
  return family.fit(MBGCNBD, data, options);
}

/**
 * Log-likelihood (Reutterer, Platzer & Schröder 2020, eq. 5):
 * (k−1) litt − x ln Γ(k) + ln B(a, b+x+s)/B(a, b) + ln Γ(r+kx)/Γ(r) + r ln α − (r+kx) ln(α+T) + ln(S₁ + S₂),
 * with s = 1 for the MBG variant, S₁ the dropout branch and S₂ = Σ_{j<k} Γ(r+kx+j)/(Γ(r+kx) j!) ((T−t_x)/(α+T))^j.
 *
 * @example
 * ```ts
 * mbgcnbd.logLikelihood({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, summaries)
 * ```
 */
export function logLikelihood(params: CnbdParams, data: CnbdSummaryInput): number {
  return family.logLikelihood(MBGCNBD, params, data);
}

/**
 * P(alive | x, t_x, T) = 1/(1 + S₁/S₂): a regular buyer is only suspect once the Erlang-k clock is overdue.
 *
 * @example
 * ```ts
 * mbgcnbd.probabilityAlive({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, { frequency: 4, recency: 30, T: 52 })
 * ```
 */
export function probabilityAlive(params: CnbdParams, customer: CnbdSummaryRow): number {
  return family.probabilityAlive(MBGCNBD, params, customer);
}

/**
 * Expected purchases in (T, T + t], computed exactly from the model (posterior phase of the Erlang clock,
 * negative-binomial completion counts, beta dropout), not by BTYDplus's rescaled BG/NBD approximation.
 *
 * @example
 * ```ts
 * mbgcnbd.conditionalExpectedPurchases({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, 52, { frequency: 4, recency: 30, T: 52 })
 * ```
 */
export function conditionalExpectedPurchases(params: CnbdParams, t: number, customer: CnbdSummaryRow): number {
  return family.conditionalExpectedPurchases(MBGCNBD, params, t, customer);
}

/**
 * Expected repeat purchases of a new customer in (0, t]: Σ_n E[(1−p)^(n−1+s)] P(NB(r, α/(α+t)) ≥ nk).
 *
 * @example
 * ```ts
 * mbgcnbd.expectedPurchases({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, 52)
 * ```
 */
export function expectedPurchases(params: CnbdParams, t: number): number {
  return family.expectedPurchases(MBGCNBD, params, t);
}

/**
 * Expected cumulative repeat transactions of a cohort at the end of each of `periods` equal periods of
 * (0, totalTime] (tracking; BTYDplus's `mbgcnbd.ExpectedCumulativeTransactions`): customer i is born at
 * max(T) − Tᵢ and contributes E[X(τ − birthᵢ)] once born.
 *
 * @param calibrationT - Each customer's T in the calibration period.
 * @param totalTime - End of the tracking window in the same unit, from the first birth.
 * @param periods - Number of equal periods.
 * @param weights - Optional customers per entry of `calibrationT` (default 1 each).
 *
 * @example
 * ```ts
 * mbgcnbd.expectedCumulativeTransactions({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, [52, 50, 40], 104, 104) // Float64Array(104)
 * ```
 */
export function expectedCumulativeTransactions(
  params: CnbdParams,
  calibrationT: ArrayLike<number>,
  totalTime: number,
  periods: number,
  weights?: ArrayLike<number>,
): Float64Array {
  return family.expectedCumulativeTransactions(MBGCNBD, params, calibrationT, totalTime, periods, weights);
}

/**
 * P(X(t) = n) for a new customer: B(a, b+n+s)/B(a, b) P(nk ≤ NB < (n+1)k) + B(a+1, b+n−1+s)/B(a, b) P(NB ≥ nk).
 *
 * @example
 * ```ts
 * mbgcnbd.probabilityOfPurchases({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, 52, 0)
 * ```
 */
export function probabilityOfPurchases(params: CnbdParams, t: number, n: number): number {
  return family.probabilityOfPurchases(MBGCNBD, params, t, n);
}

/**
 * Batch P(alive) over columns.
 *
 * @example
 * ```ts
 * mbgcnbd.probabilityAliveBatch(params, { frequency, recency, T }).values // Float64Array
 * ```
 */
export function probabilityAliveBatch(params: CnbdParams, data: CnbdSummaryInput): BatchResult {
  return family.probabilityAliveBatch(MBGCNBD, params, data);
}

/**
 * Batch conditional expectations over columns.
 *
 * @example
 * ```ts
 * mbgcnbd.conditionalExpectedPurchasesBatch(params, 52, { frequency, recency, T }).values // Float64Array
 * ```
 */
export function conditionalExpectedPurchasesBatch(params: CnbdParams, t: number, data: CnbdSummaryInput): BatchResult {
  return family.conditionalExpectedPurchasesBatch(MBGCNBD, params, t, data);
}

/**
 * Simulates customers: Erlang-k gaps with rate λ ~ Gamma(r, α), dropout p ~ Beta(a, b) after each purchase
 * (and, in the MBG variant, after the first).
 *
 * @example
 * ```ts
 * mbgcnbd.simulate({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, 1000, { seed: 1, T: 52 }).frequency.length // 1000
 * ```
 */
export function simulate(params: CnbdParams, count: number, options: SimulateOptions): SimulatedCnbdCustomers {
  return family.simulate(MBGCNBD, params, count, options);
}

/**
 * MBG/CNBD-k scores of summary patterns (from `toPatterns`, or from the GROUP BY of `patternsSql` in a warehouse):
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
 * mbgcnbd.scorePatterns(params, { frequency: [0, 2], recency: [0, 30.43], T: [38.86, 38.86] }, { horizon: 39 }).probabilityAlive // Float64Array(2)
 * ```
 */
export function scorePatterns(params: CnbdParams, patterns: SummaryInput, options: PatternScoreOptions): PatternScores {
  return scorePatternsWith(
    { probabilityAliveBatch, conditionalExpectedPurchasesBatch },
    params,
    patterns,
    options,
    "MBG/CNBD-k",
  );
}
