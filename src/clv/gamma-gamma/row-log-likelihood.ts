import { digamma } from "../../math/digamma.js";
import { logGamma } from "../../math/log-gamma.js";

/**
 * One repeat customer's Gamma-Gamma log-likelihood (Fader, Hardie & Lee 2005, section 4) from log-parameters
 * (ln p, ln q, ln γ), with its gradient in them, for covariate fits where γ differs by customer:
 * ℓ = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + px ln x + (px−1) ln m̄ − (px+q) ln(γ + x m̄). @internal
 */
export function gammaGammaRowLogLikelihood(
  logTheta: ArrayLike<number>,
  x: number,
  m: number,
  gradient?: Float64Array,
): number {
  const p = Math.exp(logTheta[0] as number);
  const q = Math.exp(logTheta[1] as number);
  const gamma = Math.exp(logTheta[2] as number);
  if (!(p > 0 && q > 0 && gamma > 0) || !Number.isFinite(p + q + gamma)) return Number.NaN;
  const px = p * x;
  const logGammaXm = Math.log(gamma + x * m);
  const logGammaRate = logTheta[2] as number;
  const value =
    logGamma(px + q) -
    logGamma(px) -
    logGamma(q) +
    q * logGammaRate +
    px * Math.log(x) +
    (px - 1) * Math.log(m) -
    (px + q) * logGammaXm;
  if (gradient === undefined) return value;
  const digammaAll = digamma(px + q);
  gradient[0] = p * x * (digammaAll - digamma(px) + Math.log(x) + Math.log(m) - logGammaXm);
  gradient[1] = q * (digammaAll - digamma(q) + logGammaRate - logGammaXm);
  gradient[2] = gamma * (q / gamma - (px + q) / (gamma + x * m));
  return value;
}
