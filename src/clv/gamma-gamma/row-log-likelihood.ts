import { digamma } from "../../math/digamma.js";
import { logGamma } from "../../math/log-gamma.js";

/**
 * Builds one repeat customer's Gamma-Gamma log-likelihood (Fader, Hardie & Lee 2005, section 4) from
 * log-parameters (ln p, ln q, ln γ), with its gradient in them, for covariate fits where γ differs by customer:
 * ℓ = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + px ln x + (px−1) ln m̄ − (px+q) ln(γ + x m̄). The terms in p, q
 * and x alone are cached per frequency while p and q stay the same (only γ has covariates). @internal
 */
export function createGammaGammaRowLogLikelihood() {
  let cachedP = Number.NaN;
  let cachedQ = Number.NaN;
  const logGammaTerms = new Map<number, number>();
  const digammaTerms = new Map<number, [number, number]>();
  return (logTheta: ArrayLike<number>, x: number, m: number, gradient?: Float64Array): number => {
    const p = Math.exp(logTheta[0] as number);
    const q = Math.exp(logTheta[1] as number);
    const gamma = Math.exp(logTheta[2] as number);
    if (!(p > 0 && q > 0 && gamma > 0) || !Number.isFinite(p + q + gamma)) return Number.NaN;
    if (p !== cachedP || q !== cachedQ) {
      cachedP = p;
      cachedQ = q;
      logGammaTerms.clear();
      digammaTerms.clear();
    }
    const px = p * x;
    let terms = logGammaTerms.get(x);
    if (terms === undefined) {
      terms = logGamma(px + q) - logGamma(px) - logGamma(q) + px * Math.log(x);
      logGammaTerms.set(x, terms);
    }
    const logM = Math.log(m);
    const logGammaXm = Math.log(gamma + x * m);
    const logGammaRate = logTheta[2] as number;
    const value = terms + q * logGammaRate + (px - 1) * logM - (px + q) * logGammaXm;
    if (gradient === undefined) return value;
    let digammas = digammaTerms.get(x);
    if (digammas === undefined) {
      const all = digamma(px + q);
      digammas = [all - digamma(px) + Math.log(x), all - digamma(q)];
      digammaTerms.set(x, digammas);
    }
    gradient[0] = px * (digammas[0] + logM - logGammaXm);
    gradient[1] = q * (digammas[1] + logGammaRate - logGammaXm);
    gradient[2] = gamma * (q / gamma - (px + q) / (gamma + x * m));
    return value;
  };
}
