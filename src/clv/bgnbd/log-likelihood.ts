import { digamma } from "../../math/digamma.js";
import { logBeta } from "../../math/log-beta.js";
import { logGamma } from "../../math/log-gamma.js";
import {
  checkPositiveParameters,
  type SummaryColumns,
  type SummaryInput,
  toSummaryColumns,
} from "../../schemas/summary-columns.js";
import type { CovariateCoefficients } from "../covariates/types.js";

/** BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rate λ ~ Gamma(r, α), dropout p ~ Beta(a, b). */
export interface BgnbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
  /**
   * Covariate coefficients (BG/NBD fit with `covariates`): α_i = α·exp(−Σ transaction[k]·x_ik), a_i = a·exp(Σ
   * lifetime[k]·x_ik), b_i = b·exp(Σ lifetime[k]·x_ik); predictions then read each customer's `covariates`.
   */
  readonly covariates?: CovariateCoefficients;
}

export const PARAMETER_NAMES = ["r", "alpha", "a", "b"] as const;

/**
 * Builds a log-likelihood evaluator over validated columns that caches the terms depending only on the integer
 * frequency x (log-gammas and digammas), so one evaluation costs two logarithms and one exponential per customer.
 * Returns the weighted log-likelihood (FHL 2005, eq. 6, in the stable form of Hardie's note 027) and, when asked,
 * its gradient in the natural parameters.
 * @internal
 */
export function createBgnbdLogLikelihood(data: SummaryColumns, modified = false) {
  // The MBG/NBD (Batislam et al. 2007) lets a customer drop out right after the first purchase too: one more
  // Bernoulli survival per customer (b + x + 1 in the beta terms) and a dead branch also for x = 0.
  const shift = modified ? 1 : 0;
  const { frequency, recency, T, weight } = data;
  const count = frequency.length;
  const distinct = Array.from(new Set(frequency)).sort((left, right) => left - right);
  const slotOf = new Map(distinct.map((x, slot) => [x, slot]));
  const slot = Int32Array.from(frequency, (x) => slotOf.get(x) as number);
  const slots = distinct.length;
  const a1 = new Float64Array(slots);
  const a2 = new Float64Array(slots);
  const logA4 = new Float64Array(slots);
  const dA1dr = new Float64Array(slots);
  const dA2da = new Float64Array(slots);
  const dA2db = new Float64Array(slots);

  return (params: ArrayLike<number>, gradient?: Float64Array): number => {
    const r = params[0] as number;
    const alpha = params[1] as number;
    const a = params[2] as number;
    const b = params[3] as number;
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || ![r, alpha, a, b].every(Number.isFinite)) return Number.NaN;
    const logGammaR = logGamma(r);
    const logBetaAB = logBeta(a, b);
    const withGradient = gradient !== undefined;
    const digammaR = withGradient ? digamma(r) : 0;
    const digammaAB = withGradient ? digamma(a + b) : 0;
    const digammaB = withGradient ? digamma(b) : 0;
    for (let s = 0; s < slots; s++) {
      const x = distinct[s] as number;
      a1[s] = logGamma(r + x) - logGammaR;
      a2[s] = logBeta(a, b + x + shift) - logBetaAB;
      logA4[s] = x > 0 || modified ? Math.log(a) - Math.log(b + (x - 1 + shift)) : Number.NEGATIVE_INFINITY;
      if (withGradient) {
        dA1dr[s] = digamma(r + x) - digammaR;
        const digammaABX = digamma(a + b + x + shift);
        dA2da[s] = digammaAB - digammaABX;
        dA2db[s] = digammaAB + digamma(b + x + shift) - digammaB - digammaABX;
      }
    }
    const logAlpha = Math.log(alpha);
    let total = 0;
    let compensation = 0;
    let gr = 0;
    let galpha = 0;
    let ga = 0;
    let gb = 0;
    for (let index = 0; index < count; index++) {
      const s = slot[index] as number;
      const x = frequency[index] as number;
      const w = weight[index] as number;
      const logAT = Math.log(alpha + (T[index] as number));
      const a3 = -(r + x) * logAT;
      let term: number;
      let w4 = 0;
      let logAtx = 0;
      if (x > 0 || modified) {
        logAtx = Math.log(alpha + (recency[index] as number));
        const a4 = (logA4[s] as number) - (r + x) * logAtx;
        const maximum = Math.max(a3, a4);
        const e3 = Math.exp(a3 - maximum);
        const e4 = Math.exp(a4 - maximum);
        term = maximum + Math.log(e3 + e4);
        w4 = e4 / (e3 + e4);
      } else {
        term = a3;
      }
      const value = w * ((a1[s] as number) + r * logAlpha + (a2[s] as number) + term);
      const next = total + value;
      compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
      total = next;
      if (withGradient) {
        const w3 = 1 - w4;
        gr += w * ((dA1dr[s] as number) + logAlpha - w3 * logAT - w4 * logAtx);
        galpha +=
          w *
          (r / alpha -
            w3 * ((r + x) / (alpha + (T[index] as number))) -
            w4 * ((r + x) / (alpha + (recency[index] as number))));
        ga += w * ((dA2da[s] as number) + w4 / a);
        gb += w * ((dA2db[s] as number) - (w4 === 0 ? 0 : w4 / (b + (x - 1 + shift))));
      }
    }
    if (gradient) {
      gradient[0] = gr;
      gradient[1] = galpha;
      gradient[2] = ga;
      gradient[3] = gb;
    }
    return total + compensation;
  };
}

/**
 * Log-likelihood of the BG/NBD model for a set of customers (Fader, Hardie & Lee 2005, "Counting your customers
 * the easy way", eq. 6; stable form after Hardie's note 027):
 * ln L = ln Γ(r + x) − ln Γ(r) + r ln α + ln B(a, b + x) − ln B(a, b)
 *        + ln[(α + T)^−(r+x) + 1{x>0} a/(b + x − 1) (α + t_x)^−(r+x)], summed over customers with their weights.
 *
 * @param params - `{ r, alpha, a, b }`, all > 0.
 * @param data - Customer summaries `{ frequency, recency, T, weight? }` as rows or columns (one time unit).
 * @returns The weighted log-likelihood (compensated sum).
 * @throws InvalidInputError for bad parameters or summaries.
 *
 * @example
 * ```ts
 * bgnbd.logLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, cdnowSummaries) // ≈ -9582.43
 * ```
 */
export function logLikelihood(params: BgnbdParams, data: SummaryInput): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, "BG/NBD parameters");
  const evaluate = createBgnbdLogLikelihood(toSummaryColumns(data));
  return evaluate([params.r, params.alpha, params.a, params.b]);
}
