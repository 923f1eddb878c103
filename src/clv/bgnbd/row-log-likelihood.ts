import { digamma } from "../../math/digamma.js";
import { logBeta } from "../../math/log-beta.js";
import { logGamma } from "../../math/log-gamma.js";

/**
 * One customer's BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6, in the stable form of the batch kernel)
 * from log-parameters (ln r, ln α, ln a, ln b), with its gradient in them, for covariate fits where α, a and b differ
 * by customer. NaN where the parameters are impossible. @internal
 */
export function bgnbdRowLogLikelihood(
  logTheta: ArrayLike<number>,
  x: number,
  tx: number,
  T: number,
  gradient?: Float64Array,
): number {
  const r = Math.exp(logTheta[0] as number);
  const alpha = Math.exp(logTheta[1] as number);
  const a = Math.exp(logTheta[2] as number);
  const b = Math.exp(logTheta[3] as number);
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Number.isFinite(r + alpha + a + b)) return Number.NaN;
  const logAlpha = Math.log(alpha);
  const logAT = Math.log(alpha + T);
  const a3 = -(r + x) * logAT;
  let term = a3;
  let w4 = 0;
  let logAtx = 0;
  if (x > 0) {
    logAtx = Math.log(alpha + tx);
    const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * logAtx;
    const top = Math.max(a3, a4);
    const e3 = Math.exp(a3 - top);
    const e4 = Math.exp(a4 - top);
    term = top + Math.log(e3 + e4);
    w4 = e4 / (e3 + e4);
  }
  const value = logGamma(r + x) - logGamma(r) + r * logAlpha + logBeta(a, b + x) - logBeta(a, b) + term;
  if (gradient === undefined) return value;
  const w3 = 1 - w4;
  const digammaAB = digamma(a + b);
  const digammaABX = digamma(a + b + x);
  gradient[0] = r * (digamma(r + x) - digamma(r) + logAlpha - w3 * logAT - w4 * logAtx);
  gradient[1] = alpha * (r / alpha - (w3 * (r + x)) / (alpha + T) - (x > 0 ? (w4 * (r + x)) / (alpha + tx) : 0));
  gradient[2] = a * (digammaAB - digammaABX + w4 / a);
  gradient[3] = b * (digammaAB + digamma(b + x) - digamma(b) - digammaABX - (w4 === 0 ? 0 : w4 / (b + x - 1)));
  return value;
}
