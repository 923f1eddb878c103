import { InvalidInputError } from "../../errors.js";
import { checkHorizon, checkPositiveParameters } from "../../schemas/summary-columns.js";
import type { SimulateOptions } from "../bgnbd/simulate.js";
import { expectedCumulativeTransactionsOf } from "../expected-cumulative-transactions.js";
import { mapSummaries, summaryOf } from "../map-summaries.js";
import { type CnbdParams, type CnbdSummaryInput, type CnbdSummaryRow, checkK, PARAMETER_NAMES } from "./data.js";
import { type CnbdFitOptions, type CnbdFitResult, fitCnbd } from "./fit.js";
import { logLikelihoodOf } from "./log-likelihood.js";
import {
  conditionalExpectedKernel,
  expectedPurchasesKernel,
  probabilityAliveKernel,
  probabilityOfPurchasesKernel,
} from "./predict.js";
import { type SimulatedCnbdCustomers, simulateCnbd } from "./simulate.js";

/**
 * The public functions of one (M)BG/CNBD-k variant (Reutterer, Platzer & Schröder 2020): shift 0 is the
 * BG/CNBD-k (dropout possible after each repeat purchase), shift 1 the MBG/CNBD-k (also right after the first).
 * Both namespaces, `bgcnbd` and `mbgcnbd`, are built from it. @internal
 */
export function createCnbdModel(shift: 0 | 1, name: string) {
  const subject = `${name} parameters`;
  const checked = (params: CnbdParams): CnbdParams => {
    checkPositiveParameters(params, PARAMETER_NAMES, subject);
    checkK(params.k);
    return params;
  };
  return {
    /**
     * Fits the model by maximum likelihood, choosing k in 1..12 by likelihood unless `options.k` is given.
     * Customers need `sumLogInterPurchaseTimes` (from `summarizeTransactions`) when k > 1 is tried.
     *
     * @example
     * ```ts
     * mbgcnbd.fit(grocerySummaries).params.k // 2
     * ```
     */
    fit(data: CnbdSummaryInput, options: CnbdFitOptions = {}): CnbdFitResult {
      return fitCnbd(data, options, shift);
    },
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
    logLikelihood(params: CnbdParams, data: CnbdSummaryInput): number {
      return logLikelihoodOf(params, data, shift, subject);
    },
    /**
     * P(alive | x, t_x, T) = 1/(1 + S₁/S₂): a regular buyer is only suspect once the Erlang-k clock is overdue.
     *
     * @example
     * ```ts
     * mbgcnbd.probabilityAlive({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, { frequency: 4, recency: 30, T: 52 })
     * ```
     */
    probabilityAlive(params: CnbdParams, customer: CnbdSummaryRow): number {
      const [x, tx, T] = summaryOf(customer);
      return probabilityAliveKernel(checked(params), x, tx, T, shift);
    },
    /**
     * Expected purchases in (T, T + t], computed exactly from the model (posterior phase of the Erlang clock,
     * negative-binomial completion counts, beta dropout), not by BTYDplus's rescaled BG/NBD approximation.
     *
     * @example
     * ```ts
     * mbgcnbd.conditionalExpectedPurchases({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, 52, { frequency: 4, recency: 30, T: 52 })
     * ```
     */
    conditionalExpectedPurchases(params: CnbdParams, t: number, customer: CnbdSummaryRow): number {
      checkHorizon(t, "t", `${name} horizon`);
      const [x, tx, T] = summaryOf(customer);
      return conditionalExpectedKernel(checked(params), x, tx, T, t, shift);
    },
    /**
     * Expected repeat purchases of a new customer in (0, t]: Σ_n E[(1−p)^(n−1+s)] P(NB(r, α/(α+t)) ≥ nk).
     *
     * @example
     * ```ts
     * mbgcnbd.expectedPurchases({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, 52)
     * ```
     */
    expectedPurchases(params: CnbdParams, t: number): number {
      checkHorizon(t, "t", `${name} horizon`);
      return expectedPurchasesKernel(checked(params), t, shift);
    },
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
    expectedCumulativeTransactions(
      params: CnbdParams,
      calibrationT: ArrayLike<number>,
      totalTime: number,
      periods: number,
      weights?: ArrayLike<number>,
    ): Float64Array {
      const p = checked(params);
      return expectedCumulativeTransactionsOf(
        (t) => expectedPurchasesKernel(p, t, shift),
        calibrationT,
        totalTime,
        periods,
        weights,
        `${name} tracking`,
      );
    },
    /**
     * P(X(t) = n) for a new customer: B(a, b+n+s)/B(a, b) P(nk ≤ NB < (n+1)k) + B(a+1, b+n−1+s)/B(a, b) P(NB ≥ nk).
     *
     * @example
     * ```ts
     * mbgcnbd.probabilityOfPurchases({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, 52, 0)
     * ```
     */
    probabilityOfPurchases(params: CnbdParams, t: number, n: number): number {
      checkHorizon(t, "t", `${name} horizon`);
      if (!(Number.isInteger(n) && n >= 0)) {
        throw new InvalidInputError(`${name} purchase count`, [
          { code: "custom", path: ["n"], message: `must be a whole number ≥ 0, got ${n}` },
        ]);
      }
      return probabilityOfPurchasesKernel(checked(params), t, n, shift);
    },
    /**
     * Batch P(alive) over columns.
     *
     * @example
     * ```ts
     * mbgcnbd.probabilityAliveBatch(params, { frequency, recency, T }) // Float64Array
     * ```
     */
    probabilityAliveBatch(params: CnbdParams, data: CnbdSummaryInput): Float64Array {
      const p = checked(params);
      return mapSummaries(data, (x, tx, T) => probabilityAliveKernel(p, x, tx, T, shift));
    },
    /**
     * Batch conditional expectations over columns.
     *
     * @example
     * ```ts
     * mbgcnbd.conditionalExpectedPurchasesBatch(params, 52, { frequency, recency, T }) // Float64Array
     * ```
     */
    conditionalExpectedPurchasesBatch(params: CnbdParams, t: number, data: CnbdSummaryInput): Float64Array {
      const p = checked(params);
      checkHorizon(t, "t", `${name} horizon`);
      return mapSummaries(data, (x, tx, T) => conditionalExpectedKernel(p, x, tx, T, t, shift));
    },
    /**
     * Simulates customers: Erlang-k gaps with rate λ ~ Gamma(r, α), dropout p ~ Beta(a, b) after each purchase
     * (and, in the MBG variant, after the first).
     *
     * @example
     * ```ts
     * mbgcnbd.simulate({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, 1000, { seed: 1, T: 52 }).frequency.length // 1000
     * ```
     */
    simulate(params: CnbdParams, count: number, options: SimulateOptions): SimulatedCnbdCustomers {
      return simulateCnbd(params, count, options, shift);
    },
  };
}
