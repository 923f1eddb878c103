import { logHypergeometric2F1 } from "../../math/hypergeometric-2f1.js";
import { logGamma } from "../../math/log-gamma.js";
import { logAddExp, logSubExp } from "../../math/log-sum-exp.js";
import {
  checkPositiveParameters,
  type SummaryColumns,
  type SummaryInput,
  toSummaryColumns,
} from "../../schemas/summary-columns.js";

/** Pareto/NBD parameters (Schmittlein, Morrison & Colombo 1987): λ ~ Gamma(r, α), μ ~ Gamma(s, β). */
export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

export const PARAMETER_NAMES = ["r", "alpha", "s", "beta"] as const;

/**
 * ln A₀ of Fader & Hardie's note "A Note on Deriving the Pareto/NBD Model and Related Expressions" (2005, eq. 18),
 * in log space: A₀ = F(t_x) − F(T) with F(t) = ₂F₁(r+s+x, s+1 or r+x; r+s+x+1; |α−β|/(max(α,β)+t)) /
 * (max(α,β)+t)^(r+s+x). −Infinity when t_x = T. @internal
 */
export function logA0(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  const shape = r + s + x;
  const alphaLarger = alpha >= beta;
  const larger = alphaLarger ? alpha : beta;
  const difference = Math.abs(alpha - beta);
  const second = alphaLarger ? s + 1 : r + x;
  const part = (t: number): number =>
    logHypergeometric2F1(shape, second, shape + 1, difference / (larger + t)).logAbs - shape * Math.log(larger + t);
  if (tx === T) return Number.NEGATIVE_INFINITY;
  return logSubExp(part(tx), part(T));
}

/**
 * ln of the bracket B = (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) A₀, so that L = Γ(r+x) α^r β^s / Γ(r) × B. @internal
 */
export function logBracket(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): number {
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  return logAddExp(alive, Math.log(s / (r + s + x)) + logA0(r, alpha, s, beta, x, tx, T));
}

/** Weighted log-likelihood over validated columns; NaN for impossible parameters. @internal */
export function paretoNbdLogLikelihoodKernel(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  data: SummaryColumns,
): number {
  if (!(r > 0 && alpha > 0 && s > 0 && beta > 0) || !Number.isFinite(r + alpha + s + beta)) return Number.NaN;
  const { frequency, recency, T, weight } = data;
  const constant = -logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  let cachedX = -1;
  let cachedLogGamma = 0;
  let total = 0;
  let compensation = 0;
  for (let index = 0; index < frequency.length; index++) {
    const x = frequency[index] as number;
    if (x !== cachedX) {
      cachedX = x;
      cachedLogGamma = logGamma(r + x);
    }
    const value =
      (weight[index] as number) *
      (cachedLogGamma + constant + logBracket(r, alpha, s, beta, x, recency[index] as number, T[index] as number));
    const next = total + value;
    compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
    total = next;
  }
  return total + compensation;
}

/**
 * Log-likelihood of the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987; the form of Fader & Hardie's
 * 2005 note, eq. 22): L = Γ(r+x) α^r β^s / Γ(r) × [1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) A₀], evaluated entirely in
 * log space so that high frequencies do not overflow.
 *
 * @example
 * ```ts
 * paretoNbd.logLikelihood({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }, cdnowSummaries) // ≈ -9595.0
 * ```
 */
export function logLikelihood(params: ParetoNbdParams, data: SummaryInput): number {
  checkPositiveParameters(params, PARAMETER_NAMES, "Pareto/NBD parameters");
  return paretoNbdLogLikelihoodKernel(params.r, params.alpha, params.s, params.beta, toSummaryColumns(data));
}
