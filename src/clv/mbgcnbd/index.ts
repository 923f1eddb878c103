/**
 * MBG/CNBD-k: the MBG/NBD with Erlang-k inter-purchase times (Reutterer, Platzer \& Schröder 2020), suited to regular purchasing such as scheduled service visits.
 * Parameters `{ k, r, alpha, a, b }`; k is the regularity (1 = memoryless). Time in one unit throughout.
 *
 * @module
 */
import type { SimulateOptions } from "../bgnbd/simulate.js";
import type { CnbdParams, CnbdSummaryInput, CnbdSummaryRow } from "../cnbd/data.js";
import { type CnbdFitOptions, type CnbdFitResult, fitCnbd } from "../cnbd/fit.js";
import { logLikelihoodOf } from "../cnbd/log-likelihood.js";
import { predictionsFor } from "../cnbd/predict.js";
import { type SimulatedCnbdCustomers, simulateCnbd } from "../cnbd/simulate.js";

export type { CnbdFitOptions, CnbdFitResult, CnbdParams, CnbdSummaryInput, CnbdSummaryRow, SimulatedCnbdCustomers };

const predictions = predictionsFor(1, "MBG/CNBD-k parameters");

/**
 * Fits the MBG/CNBD-k by maximum likelihood, choosing k in 1..12 by likelihood unless `options.k` is given.
 * Customers need `sumLogInterPurchaseTimes` (from `summarizeTransactions`) when k > 1 is tried.
 *
 * @example
 * ```ts
 * mbgcnbd.fit(grocerySummaries).params.k // the regularity with the highest likelihood
 * ```
 */
export function fit(data: CnbdSummaryInput, options: CnbdFitOptions = {}): CnbdFitResult {
  return fitCnbd(data, options, 1);
}

/**
 * Log-likelihood of the MBG/CNBD-k (Reutterer, Platzer & Schröder 2020, eq. 5):
 * (k−1) litt − x ln Γ(k) + ln B(a, b+x+s)/B(a, b) + ln Γ(r+kx)/Γ(r) + r ln α − (r+kx) ln(α+T) + ln(S₁ + S₂),
 * with S₁ the dropout branch and S₂ = Σ_{j<k} Γ(r+kx+j)/(Γ(r+kx) j!) ((T−t_x)/(α+T))^j the alive branch.
 *
 * @example
 * ```ts
 * mbgcnbd.logLikelihood({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, summaries)
 * ```
 */
export function logLikelihood(params: CnbdParams, data: CnbdSummaryInput): number {
  return logLikelihoodOf(params, data, 1, "MBG/CNBD-k parameters");
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
  return predictions.probabilityAlive(params, customer);
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
  return predictions.conditionalExpectedPurchases(params, t, customer);
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
  return predictions.expectedPurchases(params, t);
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
  return predictions.probabilityOfPurchases(params, t, n);
}

/**
 * Batch {@link probabilityAlive}.
 *
 * @example
 * ```ts
 * mbgcnbd.probabilityAliveBatch(params, { frequency, recency, T }) // Float64Array
 * ```
 */
export function probabilityAliveBatch(params: CnbdParams, data: CnbdSummaryInput): Float64Array {
  return predictions.probabilityAliveBatch(params, data);
}

/**
 * Batch {@link conditionalExpectedPurchases}.
 *
 * @example
 * ```ts
 * mbgcnbd.conditionalExpectedPurchasesBatch(params, 52, { frequency, recency, T }) // Float64Array
 * ```
 */
export function conditionalExpectedPurchasesBatch(params: CnbdParams, t: number, data: CnbdSummaryInput): Float64Array {
  return predictions.conditionalExpectedPurchasesBatch(params, t, data);
}

/**
 * Simulates customers: Erlang-k gaps with rate λ ~ Gamma(r, α), dropout p ~ Beta(a, b) after each purchase (and after the first).
 *
 * @example
 * ```ts
 * mbgcnbd.simulate({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, 1000, { seed: 1, T: 52 }).frequency.length // 1000
 * ```
 */
export function simulate(params: CnbdParams, count: number, options: SimulateOptions): SimulatedCnbdCustomers {
  return simulateCnbd(params, count, options, 1);
}
