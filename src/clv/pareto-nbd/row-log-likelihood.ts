import { digamma } from "../../math/digamma.js";
import { logGamma } from "../../math/log-gamma.js";
import { logA0 } from "./log-likelihood.js";

/**
 * One customer's Pareto/NBD log-likelihood ℓ(r, α, s, β | x, t_x, T) from log-parameters, and its gradient in them
 * (for covariate fits, where α and β differ by customer). ℓ = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β +
 * ln[(α+T)^−(r+x) (β+T)^−s + s I], I = ∫_{t_x}^T (α+τ)^−(r+x) (β+τ)^−(s+1) dτ (Fader & Hardie 2005 note, eq. 18).
 * ∂I/∂α = −(r+x) I|ₓ₊₁ and ∂I/∂β = −(s+1) I|ₛ₊₁ are integrals of the same family, computed exactly by the kernel
 * the likelihood uses; ∂ ln I/∂r and ∂ ln I/∂s by central differences. NaN where the parameters are impossible.
 * @internal
 */
export function paretoNbdRowLogLikelihood(
  logTheta: ArrayLike<number>,
  x: number,
  tx: number,
  T: number,
  gradient?: Float64Array,
): number {
  const r = Math.exp(logTheta[0] as number);
  const alpha = Math.exp(logTheta[1] as number);
  const s = Math.exp(logTheta[2] as number);
  const beta = Math.exp(logTheta[3] as number);
  if (!(r > 0 && alpha > 0 && s > 0 && beta > 0) || !Number.isFinite(r + alpha + s + beta)) return Number.NaN;
  const logAlphaT = Math.log(alpha + T);
  const logBetaT = Math.log(beta + T);
  const alive = -(r + x) * logAlphaT - s * logBetaT;
  const logI = (rr: number, ss: number, xx: number): number =>
    logA0(rr, alpha, ss, beta, xx, tx, T) - Math.log(rr + ss + xx);
  const dead = tx === T ? Number.NEGATIVE_INFINITY : Math.log(s) + logI(r, s, x);
  const top = Math.max(alive, dead);
  const eAlive = Math.exp(alive - top);
  const eDead = Math.exp(dead - top);
  const value =
    logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta) + top + Math.log(eAlive + eDead);
  if (gradient === undefined) return value;
  const wAlive = eAlive / (eAlive + eDead);
  const wDead = 1 - wAlive;
  let dr = digamma(r + x) - digamma(r) + Math.log(alpha) - wAlive * logAlphaT;
  let dalpha = r / alpha - (wAlive * (r + x)) / (alpha + T);
  let ds = Math.log(beta) - wAlive * logBetaT;
  let dbeta = s / beta - (wAlive * s) / (beta + T);
  if (wDead > 0) {
    const base = dead - Math.log(s);
    const h = 1e-5;
    dr += (wDead * (logI(r * Math.exp(h), s, x) - logI(r * Math.exp(-h), s, x))) / (2 * h * r);
    ds += wDead * (1 / s + (logI(r, s * Math.exp(h), x) - logI(r, s * Math.exp(-h), x)) / (2 * h * s));
    dalpha -= wDead * (r + x) * Math.exp(logI(r, s, x + 1) - base);
    dbeta -= wDead * (s + 1) * Math.exp(logI(r, s + 1, x) - base);
  }
  gradient[0] = r * dr;
  gradient[1] = alpha * dalpha;
  gradient[2] = s * ds;
  gradient[3] = beta * dbeta;
  return value;
}
