import { digamma } from "../../math/digamma.js";
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
  return Math.log(a) - Math.log(b + (x - 1 + shift)) + (r + k * x) * (Math.log(alpha + T) - Math.log(alpha + tx));
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

/**
 * Builds the weighted (M)BG/CNBD-k log-likelihood for one k over validated columns, as {@link cnbdLogLikelihoodKernel}
 * computes it, with its analytic gradient in (r, α, a, b) on request. The terms that depend only on the frequency
 * (log-gammas, log-betas, digammas) are computed once per distinct frequency and evaluation, and each customer's
 * regularity term once per fit, so one evaluation costs two logarithms, an exponential and a k-term sum per customer.
 * The alive-branch sum S₂ = Σ_{j<k} uⱼ, uⱼ = Γ(r+kx+j)/(Γ(r+kx) j!) ρʲ with ρ = (T−t_x)/(α+T), has
 * ∂S₂/∂r = Σ uⱼ Σ_{i<j} 1/(r+kx+i) and ∂S₂/∂α = −Σ j uⱼ/(α+T). @internal
 */
export function createCnbdLogLikelihood(k: number, data: CnbdColumns, shift: number) {
  const { frequency, recency, T, weight, sumLogInterPurchaseTimes } = data;
  const count = frequency.length;
  const distinct = Array.from(new Set(frequency)).sort((left, right) => left - right);
  const slotOf = new Map(distinct.map((x, slot) => [x, slot]));
  const slot = Int32Array.from(frequency, (x) => slotOf.get(x) as number);
  const logGammaK = logGamma(k);
  const regularity = Float64Array.from(frequency, (x, index) =>
    k === 1 ? 0 : (k - 1) * (sumLogInterPurchaseTimes[index] as number) - x * logGammaK,
  );
  const slots = distinct.length;
  const frequencyTerms = new Float64Array(slots);
  const logDead = new Float64Array(slots);
  const dRate = new Float64Array(slots);
  const dA = new Float64Array(slots);
  const dB = new Float64Array(slots);
  return (params: ArrayLike<number>, gradient?: Float64Array): number => {
    const r = params[1] as number;
    const alpha = params[2] as number;
    const a = params[3] as number;
    const b = params[4] as number;
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Number.isFinite(r + alpha + a + b)) return Number.NaN;
    const withGradient = gradient !== undefined;
    const logGammaR = logGamma(r);
    const logBetaAB = logBeta(a, b);
    const digammaR = withGradient ? digamma(r) : 0;
    const digammaAB = withGradient ? digamma(a + b) : 0;
    const digammaB = withGradient ? digamma(b) : 0;
    for (let s = 0; s < slots; s++) {
      const x = distinct[s] as number;
      frequencyTerms[s] = logGamma(r + k * x) - logGammaR + logBeta(a, b + x + shift) - logBetaAB;
      logDead[s] = x > 0 || shift > 0 ? Math.log(a) - Math.log(b + (x - 1 + shift)) : Number.NEGATIVE_INFINITY;
      if (withGradient) {
        const digammaABX = digamma(a + b + x + shift);
        dRate[s] = digamma(r + k * x) - digammaR;
        dA[s] = digammaAB - digammaABX;
        dB[s] = digammaAB + digamma(b + x + shift) - digammaB - digammaABX;
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
      const tx = recency[index] as number;
      const t = T[index] as number;
      const shape = r + k * x;
      const logAT = Math.log(alpha + t);
      const logAtx = Math.log(alpha + tx);
      const dead = (logDead[s] as number) + shape * (logAT - logAtx);
      // S₂ and, for the gradient, Σ uⱼ Hⱼ (Hⱼ = Σ_{i<j} 1/(shape+i)) and Σ j uⱼ.
      const rho = (t - tx) / (alpha + t);
      let term = 1;
      let aliveSum = 1;
      let harmonic = 0;
      let sumHarmonic = 0;
      let sumJ = 0;
      for (let j = 1; j < k; j++) {
        term *= ((shape + j - 1) / j) * rho;
        harmonic += 1 / (shape + j - 1);
        aliveSum += term;
        sumHarmonic += term * harmonic;
        sumJ += j * term;
      }
      const alive = Math.log(aliveSum);
      const top = Math.max(dead, alive);
      const eDead = Math.exp(dead - top);
      const eAlive = Math.exp(alive - top);
      const w = weight[index] as number;
      const value =
        w *
        ((regularity[index] as number) +
          (frequencyTerms[s] as number) +
          r * logAlpha -
          shape * logAT +
          top +
          Math.log(eDead + eAlive));
      const next = total + value;
      compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
      total = next;
      if (withGradient) {
        const wDead = eDead / (eDead + eAlive);
        const wAlive = 1 - wDead;
        gr +=
          w * ((dRate[s] as number) + logAlpha - logAT + wDead * (logAT - logAtx) + (wAlive * sumHarmonic) / aliveSum);
        galpha +=
          w *
          (r / alpha -
            shape / (alpha + t) +
            wDead * shape * (1 / (alpha + t) - 1 / (alpha + tx)) -
            (wAlive * sumJ) / (aliveSum * (alpha + t)));
        ga += w * ((dA[s] as number) + (wDead > 0 ? wDead / a : 0));
        gb += w * ((dB[s] as number) - (wDead > 0 ? wDead / (b + (x - 1 + shift)) : 0));
      }
    }
    if (gradient) {
      gradient[0] = 0;
      gradient[1] = gr;
      gradient[2] = galpha;
      gradient[3] = ga;
      gradient[4] = gb;
    }
    return total + compensation;
  };
}

/** Public log-likelihood for a variant. @internal */
export function logLikelihoodOf(params: CnbdParams, data: CnbdSummaryInput, shift: number, subject: string): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, subject);
  const k = checkK(params.k);
  return cnbdLogLikelihoodKernel(k, params.r, params.alpha, params.a, params.b, toCnbdColumns(data, k > 1), shift);
}
