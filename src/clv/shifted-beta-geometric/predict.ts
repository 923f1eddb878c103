import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { expectationUnderBeta } from "../../math/beta-expectation.js";
import { logHypergeometric2F1 } from "../../math/hypergeometric-2f1.js";
import { logBeta } from "../../math/log-beta.js";
import { checkDiscountRate, checkPositiveParameters } from "../../schemas/summary-columns.js";
import { PARAMETER_NAMES, type ShiftedBetaGeometricParams } from "./log-likelihood.js";

const SUBJECT = "shifted-beta-geometric parameters";

function checkPeriod(value: number, name: string, minimum: number): void {
  if (!(Number.isInteger(value) && value >= minimum)) {
    throw new InvalidInputError("period", [
      { code: "custom", path: [name], message: `must be a whole number ≥ ${minimum}, got ${shown(value)}` },
    ]);
  }
}

/**
 * P(T = t): probability that a customer's contract ends at renewal opportunity t ≥ 1
 * (Fader & Hardie 2007, eq. 5): B(α+1, β+t−1)/B(α, β).
 *
 * @example
 * ```ts
 * shiftedBetaGeometric.churnProbability({ alpha: 0.704, beta: 1.182 }, 1) // ≈ 0.373 (= α/(α+β))
 * ```
 */
export function churnProbability(params: ShiftedBetaGeometricParams, t: number): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkPeriod(t, "t", 1);
  return Math.exp(logBeta(params.alpha + 1, params.beta + (t - 1)) - logBeta(params.alpha, params.beta));
}

/**
 * S(t): probability that a new customer is still active after t renewal opportunities (Fader & Hardie 2007, eq. 6):
 * B(α, β+t)/B(α, β).
 *
 * @example
 * ```ts
 * shiftedBetaGeometric.survivalProbability({ alpha: 0.704, beta: 1.182 }, 7) // ≈ 0.24
 * ```
 */
export function survivalProbability(params: ShiftedBetaGeometricParams, t: number): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkPeriod(t, "t", 0);
  return Math.exp(logBeta(params.alpha, params.beta + t) - logBeta(params.alpha, params.beta));
}

/**
 * Retention rate at renewal t ≥ 1, r_t = S(t)/S(t−1) = (β + t − 1)/(α + β + t − 1) (Fader & Hardie 2007, eq. 8):
 * it rises with t as the cohort sorts itself (heterogeneity, not changing behaviour).
 *
 * @example
 * ```ts
 * shiftedBetaGeometric.retentionRate({ alpha: 0.704, beta: 1.182 }, 1) // ≈ 0.627
 * ```
 */
export function retentionRate(params: ShiftedBetaGeometricParams, t: number): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkPeriod(t, "t", 1);
  return (params.beta + (t - 1)) / (params.alpha + params.beta + (t - 1));
}

/** The most periods a projection returns (an array entry each): a larger count is a typed error, not a RangeError. */
const MAX_PROJECTED_PERIODS = 10_000_000;

/**
 * Projected survivors of a cohort for t = 0 … periods: cohortSize × S(t) (at most 10,000,000 periods).
 *
 * @example
 * ```ts
 * shiftedBetaGeometric.projectSurvivors({ alpha: 0.704, beta: 1.182 }, 1000, 12) // Float64Array(13)
 * ```
 */
export function projectSurvivors(
  params: ShiftedBetaGeometricParams,
  cohortSize: number,
  periods: number,
): Float64Array {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkPeriod(periods, "periods", 0);
  if (periods > MAX_PROJECTED_PERIODS)
    throw new InvalidInputError("period", [
      {
        code: "custom",
        path: ["periods"],
        message: `must be at most ${MAX_PROJECTED_PERIODS.toLocaleString("en-US")} (one entry per period), got ${shown(periods)}`,
      },
    ]);
  if (!(Number.isFinite(cohortSize) && cohortSize >= 0)) {
    throw new InvalidInputError("cohort", [
      { code: "custom", path: ["cohortSize"], message: `must be a finite number ≥ 0, got ${shown(cohortSize)}` },
    ]);
  }
  const out = new Float64Array(periods + 1);
  let survival = 1;
  for (let t = 0; t <= periods; t++) {
    if (t > 0) survival *= (params.beta + (t - 1)) / (params.alpha + params.beta + (t - 1));
    out[t] = cohortSize * survival;
  }
  return out;
}

/**
 * Discounted expected residual lifetime of a customer who has made n − 1 renewals and is about to decide on the
 * n-th, the next payment due at once if it renews (Fader & Hardie 2010, "Customer-base valuation in a
 * contractual setting", eq. 6): DERL = Σ_{t≥n} S(t)/S(n−1) (1+d)^−(t−n) =
 * (β+n−1)/(α+β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d)), in periods (multiply by the margin per
 * period, received at the start of each period, for the residual value). n = 1 is a customer at the first renewal.
 *
 * @param discountRate - d > 0 per period.
 * @param periodsCompleted - n ≥ 1.
 *
 * @example
 * ```ts
 * shiftedBetaGeometric.discountedExpectedResidualLifetime({ alpha: 0.704, beta: 1.182 }, 0.1, 1)
 * ```
 */
export function discountedExpectedResidualLifetime(
  params: ShiftedBetaGeometricParams,
  discountRate: number,
  periodsCompleted: number,
): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkDiscountRate(discountRate, "discountRate");
  checkPeriod(periodsCompleted, "periodsCompleted", 1);
  const { alpha, beta } = params;
  const n = periodsCompleted;
  const hypergeometric = logHypergeometric2F1(1, beta + n, alpha + beta + n, 1 / (1 + discountRate));
  const series = ((beta + n - 1) / (alpha + beta + n - 1)) * Math.exp(hypergeometric.logAbs);
  if (Number.isFinite(series)) return series;
  // The series converges too slowly as 1/(1+d) → 1 (small d): E over θ ~ Beta(α, β+n−1) of (1−θ)(1+d)/(d+θ).
  const d = discountRate;
  return expectationUnderBeta((theta, survive) => (survive * (1 + d)) / (d + theta), alpha, beta + (n - 1));
}

/**
 * Discounted expected lifetime of a new customer, counting the first period (Fader & Hardie 2010, eq. 3):
 * DEL(d | α, β) = ₂F₁(1, β; α+β; 1/(1+d)) periods; for small d, where the series converges too slowly, its integral
 * form E[(1+d)/(d+θ)] over θ ~ Beta(α, β) by quadrature (finite for every d > 0, growing like d^(α−1) when α < 1).
 *
 * @example
 * ```ts
 * shiftedBetaGeometric.discountedExpectedLifetime({ alpha: 0.704, beta: 1.182 }, 0.1)
 * ```
 */
export function discountedExpectedLifetime(params: ShiftedBetaGeometricParams, discountRate: number): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  checkDiscountRate(discountRate, "discountRate");
  const series = Math.exp(
    logHypergeometric2F1(1, params.beta, params.alpha + params.beta, 1 / (1 + discountRate)).logAbs,
  );
  if (Number.isFinite(series)) return series;
  // Small d: the series converges too slowly; DEL = E over θ ~ Beta(α, β) of (1+d)/(d+θ).
  const d = discountRate;
  return expectationUnderBeta((theta) => (1 + d) / (d + theta), params.alpha, params.beta);
}
