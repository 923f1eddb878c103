import { logBeta } from "../../math/log-beta.js";
import { logGamma } from "../../math/log-gamma.js";
import { logAddExp } from "../../math/log-sum-exp.js";
import { checkPositiveParameters } from "../../schemas/summary-columns.js";
import {
  type CnbdColumns,
  type CnbdParams,
  type CnbdSummaryInput,
  checkK,
  PARAMETER_NAMES,
  toCnbdColumns,
} from "./data.js";

/**
 * ln of the alive-branch sum S₂ = Σ_{j<k} Γ(r+kx+j)/(Γ(r+kx) j!) ((T−t_x)/(α+T))^j: the probability, given λ
 * integrated out, that the Erlang-k clock running since the last purchase has not yet completed. @internal
 */
export function logAliveSum(k: number, r: number, alpha: number, x: number, tx: number, T: number): number {
  const shape = r + k * x;
  const logRatio = Math.log(T - tx) - Math.log(alpha + T);
  let logTerm = 0;
  let total = 0;
  for (let j = 1; j < k; j++) {
    logTerm += Math.log(shape + j - 1) - Math.log(j) + logRatio;
    total = logAddExp(total, logTerm);
  }
  return total;
}

/** ln of S₁ = a/(b+x−1+s) ((α+T)/(α+t_x))^(r+kx) (−∞ for x = 0 in the BG variant). @internal */
export function logDeadTerm(
  k: number,
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number,
  shift: number,
): number {
  if (x === 0 && shift === 0) return Number.NEGATIVE_INFINITY;
  return Math.log(a) - Math.log(b + x - 1 + shift) + (r + k * x) * (Math.log(alpha + T) - Math.log(alpha + tx));
}

/**
 * Weighted log-likelihood of the (M)BG/CNBD-k (Reutterer, Platzer & Schröder 2020, eq. 5; the form of BTYDplus):
 * ln L = (k−1) litt − x ln Γ(k) + ln B(a, b+x+s) − ln B(a, b) + ln Γ(r+kx) − ln Γ(r) + r ln α − (r+kx) ln(α+T)
 *        + ln(S₁ + S₂), with s = 1 for the MBG variant (dropout possible right after the first purchase).
 * @internal
 */
export function cnbdLogLikelihoodKernel(
  k: number,
  r: number,
  alpha: number,
  a: number,
  b: number,
  data: CnbdColumns,
  shift: number,
): number {
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Number.isFinite(r + alpha + a + b)) return Number.NaN;
  const { frequency, recency, T, weight, sumLogInterPurchaseTimes } = data;
  const constant = -logGamma(r) + r * Math.log(alpha) - logBeta(a, b);
  const logGammaK = logGamma(k);
  let total = 0;
  let compensation = 0;
  for (let index = 0; index < frequency.length; index++) {
    const x = frequency[index] as number;
    const tx = recency[index] as number;
    const t = T[index] as number;
    const regularity = k === 1 ? 0 : (k - 1) * (sumLogInterPurchaseTimes[index] as number) - x * logGammaK;
    const value =
      (weight[index] as number) *
      (regularity +
        constant +
        logBeta(a, b + x + shift) +
        logGamma(r + k * x) -
        (r + k * x) * Math.log(alpha + t) +
        logAddExp(logDeadTerm(k, r, alpha, a, b, x, tx, t, shift), logAliveSum(k, r, alpha, x, tx, t)));
    const next = total + value;
    compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
    total = next;
  }
  return total + compensation;
}

/** Public log-likelihood for a variant. @internal */
export function logLikelihoodOf(params: CnbdParams, data: CnbdSummaryInput, shift: number, subject: string): number {
  checkPositiveParameters(params, PARAMETER_NAMES, subject);
  const k = checkK(params.k);
  return cnbdLogLikelihoodKernel(k, params.r, params.alpha, params.a, params.b, toCnbdColumns(data, k > 1), shift);
}
