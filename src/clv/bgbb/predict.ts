import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { expectationUnderBeta } from "../../math/beta-expectation.js";
import { digamma } from "../../math/digamma.js";
import { logHypergeometric2F1 } from "../../math/hypergeometric-2f1.js";
import { logBeta } from "../../math/log-beta.js";
import { logGamma } from "../../math/log-gamma.js";
import { logGammaRatio } from "../../math/log-gamma-ratio.js";
import { logAddExp } from "../../math/log-sum-exp.js";
import { type BatchResult, batchResult, rowRejections } from "../../schemas/row-rejections.js";
import { checkDiscountRate, checkPositiveParameters } from "../../schemas/summary-columns.js";
import { expectedCumulativeTransactionsOf } from "../expected-cumulative-transactions.js";
import { type DiscreteSummaryInput, type DiscreteSummaryRow, memoisePatterns, toDiscreteColumns } from "./data.js";
import { type BgbbParams, logLikelihoodOfPattern, PARAMETER_NAMES } from "./log-likelihood.js";

const SUBJECT = "BG/BB parameters";

/** The most opportunities a distribution is summed over (one term each): bounded work, an honest error beyond. */
const MAX_SUMMED_PERIODS = 1_000_000;

function checkPeriods(value: number, name: string, max = 1e9): void {
  if (!(Number.isInteger(value) && value >= 0)) {
    throw new InvalidInputError("BG/BB horizon", [
      { code: "custom", path: [name], message: `must be a whole number of periods ≥ 0, got ${shown(value)}` },
    ]);
  }
  if (value > max) {
    throw new InvalidInputError("BG/BB horizon", [
      {
        code: "custom",
        path: [name],
        message: `must be at most ${max.toLocaleString("en-US")} periods, got ${shown(value)}`,
      },
    ]);
  }
}

function patternOf(customer: DiscreteSummaryRow): [number, number, number] {
  const { frequency, recency, periods } = toDiscreteColumns([customer]);
  return [frequency[0] as number, recency[0] as number, periods[0] as number];
}

/**
 * δ/(γ−1) · Γ(γ+δ)/Γ(1+δ) · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+m)/Γ(γ+δ+m)]: the expected transactions of an alive
 * customer per unit of E[p], between opportunities n and m (FHS 2010 eq. 9 and 13), with its γ → 1 limit
 * δ [ψ(1+δ+m) − ψ(1+δ+n)]. @internal
 */
function survivalWeightedPeriods(gamma: number, delta: number, n: number, m: number): number {
  return Math.exp(logSurvivalWeightedPeriods(gamma, delta, n, m));
}

/** The log of {@link survivalWeightedPeriods} (−Infinity for no periods), for products that under- or overflow. */
function logSurvivalWeightedPeriods(gamma: number, delta: number, n: number, m: number): number {
  if (m === n) return Number.NEGATIVE_INFINITY;
  if (Math.abs(gamma - 1) < 1e-8) return Math.log(delta * (digamma(1 + delta + m) - digamma(1 + delta + n)));
  // ln Γ(1+δ+u)/Γ(γ+δ+u) as one small-step ratio: two log-gammas of 6e5 differ by 1e-8 × ln only to 1e-10, and
  // δ/(γ − 1) scaled that into E[X] = 239 of 213 periods at γ = 1 − 1e-8, δ = 61,510.
  const logRatio = (u: number) => logGammaRatio(gamma + delta + u, 1 - gamma);
  const hn = logRatio(n);
  // Both δ/(γ−1) and the bracket change sign at γ = 1; their product is positive. Combined in logs so that
  // Γ(γ+δ) and 1/Γ(γ+δ+n) cannot overflow separately.
  // logRatio(m) − logRatio(n), from whichever pair of ratios is smaller (its rounding is eps × its size): steps of
  // 1 − γ near γ = 1, steps of m − n where γ is huge (at γ = 2.7e9 each logRatio is −5.6e10, ulp 8e-6, and the
  // difference made E[X(n*)] fall sixfold as n* grew).
  const step =
    Math.abs(1 - gamma) <= m - n
      ? logRatio(m) - hn
      : logGammaRatio(1 + delta + n, m - n) - logGammaRatio(gamma + delta + n, m - n);
  const logBracket = hn + Math.log(Math.abs(Math.expm1(step)));
  return Math.log(delta / Math.abs(gamma - 1)) - logGammaRatio(gamma + delta, 1 - gamma) + logBracket;
}

/** P(alive at opportunity n+1 | x, t_x, n) kernel (FHS 2010 eq. 11). @internal */
export function probabilityAliveKernel(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  x: number,
  tx: number,
  n: number,
): number {
  const logAlive =
    logBeta(alpha + x, beta + (n - x)) - logBeta(alpha, beta) + logBeta(gamma, delta + n + 1) - logBeta(gamma, delta);
  return Math.min(1, Math.exp(logAlive - logLikelihoodOfPattern(alpha, beta, gamma, delta, x, tx, n)));
}

/** E[X(n, n + n*) | x, t_x, n] kernel (FHS 2010 eq. 13). @internal */
export function conditionalExpectedKernel(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  x: number,
  tx: number,
  n: number,
  periodsAhead: number,
): number {
  if (periodsAhead === 0) return 0;
  const logFactor =
    logBeta(alpha + x + 1, beta + (n - x)) -
    logBeta(alpha, beta) -
    logLikelihoodOfPattern(alpha, beta, gamma, delta, x, tx, n);
  // One exponential of the sum: the factor alone can overflow (e^802 at δ ≈ 1e-7) where the product is small.
  return Math.exp(logFactor + logSurvivalWeightedPeriods(gamma, delta, n, n + periodsAhead));
}

/**
 * Probability that a customer with history (x, t_x, n) is alive at the next opportunity n + 1
 * (Fader, Hardie & Shang 2010, eq. 11).
 *
 * @example
 * ```ts
 * bgbb.probabilityAlive({ alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 }, { frequency: 3, recency: 4, periods: 6 })
 * ```
 */
export function probabilityAlive(params: BgbbParams, customer: DiscreteSummaryRow): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  const [x, tx, n] = patternOf(customer);
  return probabilityAliveKernel(params.alpha, params.beta, params.gamma, params.delta, x, tx, n);
}

/**
 * Expected transactions in the next n* opportunities (n, n + n*] of a customer with history (x, t_x, n)
 * (Fader, Hardie & Shang 2010, eq. 13).
 *
 * @example
 * ```ts
 * bgbb.conditionalExpectedPurchases(params, 5, { frequency: 3, recency: 4, periods: 6 })
 * ```
 */
export function conditionalExpectedPurchases(
  params: BgbbParams,
  periodsAhead: number,
  customer: DiscreteSummaryRow,
): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkPeriods(periodsAhead, "periodsAhead");
  const [x, tx, n] = patternOf(customer);
  return conditionalExpectedKernel(params.alpha, params.beta, params.gamma, params.delta, x, tx, n, periodsAhead);
}

/**
 * Expected transactions of a new customer in the first n opportunities (Fader, Hardie & Shang 2010, eq. 9):
 * E[X(n)] = α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n)/(Γ(γ+δ+n)Γ(1+δ))], with the γ = 1 limit.
 *
 * @example
 * ```ts
 * bgbb.expectedPurchases({ alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 }, 6)
 * ```
 */
export function expectedPurchases(params: BgbbParams, periods: number): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkPeriods(periods, "periods");
  return expectedPurchasesKernel(params.alpha, params.beta, params.gamma, params.delta, periods);
}

/** E[X(n)] of a new customer (FHS 2010 eq. 9). @internal */
export function expectedPurchasesKernel(alpha: number, beta: number, gamma: number, delta: number, n: number): number {
  return (alpha / (alpha + beta)) * survivalWeightedPeriods(gamma, delta, 0, n);
}

/**
 * Expected cumulative transactions of a cohort at the end of each opportunity 1..periods (tracking; BTYD's
 * `bgbb.PlotTrackingCum`): customer i, with nᵢ calibration opportunities, is born max(n) − nᵢ opportunities after
 * the first and contributes E[X(τ − birthᵢ)] (eq. 9) once born.
 *
 * @param calibrationPeriods - Each customer's (or pattern's) opportunities in the calibration period.
 * @param totalPeriods - Opportunities tracked (calibration + holdout), from the first birth.
 * @param periods - Number of points (default `totalPeriods`: one per opportunity).
 * @param weights - Optional customers per entry (e.g. an rf-matrix's counts).
 *
 * @example
 * ```ts
 * bgbb.expectedCumulativeTransactions({ alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 }, [6], 11)[9] // ≈ 3.179
 * ```
 */
export function expectedCumulativeTransactions(
  params: BgbbParams,
  calibrationPeriods: ArrayLike<number>,
  totalPeriods: number,
  periods: number = totalPeriods,
  weights?: ArrayLike<number>,
): Float64Array {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  const { alpha, beta, gamma, delta } = params;
  return expectedCumulativeTransactionsOf(
    (n) => {
      checkPeriods(n, "totalPeriods");
      return (alpha / (alpha + beta)) * survivalWeightedPeriods(gamma, delta, 0, n);
    },
    calibrationPeriods,
    totalPeriods,
    periods,
    weights,
    "BG/BB tracking",
  );
}

/**
 * P(X(n) = x): probability that a new customer transacts in exactly x of the first n opportunities
 * (Fader, Hardie & Shang 2010, eq. 7).
 *
 * @example
 * ```ts
 * bgbb.probabilityOfPurchases(params, 6, 0)
 * ```
 */
export function probabilityOfPurchases(params: BgbbParams, periods: number, x: number): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkPeriods(periods, "periods", MAX_SUMMED_PERIODS);
  checkPeriods(x, "x");
  return probabilityOfPurchasesKernel(params.alpha, params.beta, params.gamma, params.delta, periods, x);
}

/** P(X(n) = x) of a new customer (FHS 2010 eq. 8). @internal */
export function probabilityOfPurchasesKernel(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  periods: number,
  x: number,
): number {
  if (x > periods) return 0;
  const logBetaAB = logBeta(alpha, beta);
  const logBetaGD = logBeta(gamma, delta);
  const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  let total =
    logChoose(periods, x) +
    logBeta(alpha + x, beta + (periods - x)) -
    logBetaAB +
    logBeta(gamma, delta + periods) -
    logBetaGD;
  for (let i = x; i < periods; i++) {
    total = logAddExp(
      total,
      logChoose(i, x) + logBeta(alpha + x, beta + (i - x)) - logBetaAB + logBeta(gamma + 1, delta + i) - logBetaGD,
    );
  }
  return Math.exp(total);
}

/**
 * P(alive at opportunity n + m | x, t_x, n) (lifetimes' `conditional_probability_alive(m_periods_in_future, …)`):
 * B(α + x, β + n − x)/B(α, β) · B(γ, δ + n + m)/B(γ, δ) / L (Fader, Hardie & Shang 2010). {@link probabilityAlive}
 * is m = 1, the next opportunity; m = 0 is "alive at the last one observed".
 *
 * @param periodsAhead - m, whole opportunities after n.
 *
 * @example
 * ```ts
 * bgbb.conditionalProbabilityAlive({ alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 }, 5, { frequency: 3, recency: 4, periods: 6 }) // ≈ 0.3497
 * ```
 */
export function conditionalProbabilityAlive(
  params: BgbbParams,
  periodsAhead: number,
  customer: DiscreteSummaryRow,
): number {
  const aliveNext = probabilityAlive(params, customer);
  checkPeriods(periodsAhead, "periodsAhead");
  const { gamma, delta } = params;
  const [, , n] = patternOf(customer);
  return aliveNext * Math.exp(logBeta(gamma, delta + n + periodsAhead) - logBeta(gamma, delta + n + 1));
}

/**
 * P(X(n, n + n*) = x* | x, t_x, n): the distribution of transactions in the next n* opportunities. Dead by
 * opportunity n + 1 (probability 1 − P(alive)), none; alive, p ~ Beta(α + x, β + n − x), θ ~ Beta(γ, δ + n + 1), the
 * customer transacts at n + 1 with probability p and the other n* − 1 opportunities are a new customer's, so
 * P = a/(a+b) · P_{a+1,b}(X(n*−1) = x*−1) + b/(a+b) · P_{a,b+1}(X(n*−1) = x*) with a = α + x, b = β + n − x and
 * {@link probabilityOfPurchases} for P. Sums to 1 over x*, with mean {@link conditionalExpectedPurchases}.
 *
 * @example
 * ```ts
 * bgbb.conditionalProbabilityOfPurchases({ alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 }, 5, 0, { frequency: 3, recency: 4, periods: 6 }) // ≈ 0.6042
 * ```
 */
export function conditionalProbabilityOfPurchases(
  params: BgbbParams,
  periodsAhead: number,
  transactions: number,
  customer: DiscreteSummaryRow,
): number {
  const alive = probabilityAlive(params, customer);
  checkPeriods(periodsAhead, "periodsAhead", MAX_SUMMED_PERIODS);
  checkPeriods(transactions, "transactions");
  const { alpha, beta, gamma, delta } = params;
  const [x, , n] = patternOf(customer);
  let future = transactions === 0 ? 1 : 0;
  if (periodsAhead > 0) {
    const a = alpha + x;
    const b = beta + (n - x);
    const rest = periodsAhead - 1;
    const later = (shiftA: number, count: number) =>
      count < 0 || count > rest
        ? 0
        : rest === 0
          ? count === 0
            ? 1
            : 0
          : probabilityOfPurchases(
              { alpha: a + shiftA, beta: b + 1 - shiftA, gamma, delta: delta + n + 1 },
              rest,
              count,
            );
    future = (a / (a + b)) * later(1, transactions - 1) + (b / (a + b)) * later(0, transactions);
  }
  return (transactions === 0 ? 1 - alive : 0) + alive * future;
}

/**
 * Discounted expected residual transactions (Fader, Hardie & Shang 2010, eq. 14) for a discount rate d per
 * period: DERT = B(α+x+1, β+n−x)/B(α,β) · B(γ, δ+n+1)/(B(γ,δ)(1+d)) · ₂F₁(1, δ+n+1; γ+δ+n+1; 1/(1+d)) / L.
 *
 * @param discountRate - d > 0 per period (e.g. 0.1).
 *
 * @example
 * ```ts
 * bgbb.discountedExpectedResidualTransactions(params, 0.1, { frequency: 6, recency: 6, periods: 6 })
 * ```
 */
export function discountedExpectedResidualTransactions(
  params: BgbbParams,
  discountRate: number,
  customer: DiscreteSummaryRow,
): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkDiscountRate(discountRate, "discountRate");
  const [x, tx, n] = patternOf(customer);
  return dertKernel(params.alpha, params.beta, params.gamma, params.delta, x, tx, n, discountRate);
}

/** DERT kernel. @internal */
export function dertKernel(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  x: number,
  tx: number,
  n: number,
  d: number,
): number {
  // ₂F₁(1, δ+n+1; γ+δ+n+1; z)/(1+d) at z = 1/(1+d) is E[1/(d + θ)] over θ ~ Beta(γ, δ+n+1) (Euler's integral):
  // the series converges too slowly for small d (NaN at d = 1e-6), the quadrature does not.
  let logDiscounted = logHypergeometric2F1(1, delta + n + 1, gamma + delta + n + 1, 1 / (1 + d)).logAbs - Math.log1p(d);
  if (!Number.isFinite(logDiscounted))
    logDiscounted = Math.log(expectationUnderBeta((theta) => 1 / (d + theta), gamma, delta + n + 1));
  const logValue =
    logBeta(alpha + x + 1, beta + (n - x)) -
    logBeta(alpha, beta) +
    logBeta(gamma, delta + n + 1) -
    logBeta(gamma, delta) +
    logDiscounted -
    logLikelihoodOfPattern(alpha, beta, gamma, delta, x, tx, n);
  return Math.exp(logValue);
}

function mapPatterns(data: DiscreteSummaryInput, kernel: (x: number, tx: number, n: number) => number): BatchResult {
  const rejections = rowRejections();
  const { frequency, recency, periods } = toDiscreteColumns(data, rejections);
  const invalid = rejections.invalid;
  const out = new Float64Array(frequency.length);
  const value = memoisePatterns(kernel);
  for (let index = 0; index < out.length; index++) {
    if (invalid?.[index]) continue;
    out[index] = value(frequency[index] as number, recency[index] as number, periods[index] as number);
  }
  return batchResult(out, rejections);
}

/**
 * Batch {@link probabilityAlive}.
 *
 * @example
 * ```ts
 * bgbb.probabilityAliveBatch(params, donations).values // Float64Array
 * ```
 */
export function probabilityAliveBatch(params: BgbbParams, data: DiscreteSummaryInput): BatchResult {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  const { alpha, beta, gamma, delta } = params;
  return mapPatterns(data, (x, tx, n) => probabilityAliveKernel(alpha, beta, gamma, delta, x, tx, n));
}

/**
 * Batch {@link conditionalExpectedPurchases}.
 *
 * @example
 * ```ts
 * bgbb.conditionalExpectedPurchasesBatch(params, 5, donations).values // Float64Array
 * ```
 */
export function conditionalExpectedPurchasesBatch(
  params: BgbbParams,
  periodsAhead: number,
  data: DiscreteSummaryInput,
): BatchResult {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkPeriods(periodsAhead, "periodsAhead");
  const { alpha, beta, gamma, delta } = params;
  return mapPatterns(data, (x, tx, n) => conditionalExpectedKernel(alpha, beta, gamma, delta, x, tx, n, periodsAhead));
}
