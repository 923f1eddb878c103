import { digamma } from "../../math/digamma.js";
import { logGamma } from "../../math/log-gamma.js";
import { createRateTerms } from "../covariates/rate-terms.js";

/**
 * Σ_{k<x} ln((b+k)/(c+k)) = ln Γ(b+x) − ln Γ(b) − ln Γ(c+x) + ln Γ(c) and Σ_{k<x} 1/(b+k), for the beta-function
 * ratios of one customer: x logarithms instead of four log-gammas for the small frequencies most customers have.
 */
function logRisingRatio(b: number, c: number, x: number): number {
  if (x > 30) return logGamma(b + x) - logGamma(b) - logGamma(c + x) + logGamma(c);
  let sum = 0;
  for (let k = 0; k < x; k++) sum += Math.log((b + k) / (c + k));
  return sum;
}

function digammaDifference(b: number, x: number): number {
  if (x > 30) return digamma(b + x) - digamma(b);
  let sum = 0;
  for (let k = 0; k < x; k++) sum += 1 / (b + k);
  return sum;
}

/**
 * Builds one customer's BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6, in the stable form of the batch kernel)
 * from log-parameters (ln r, ln α, ln a, ln b), with its gradient in them, for covariate fits where α, a and b differ
 * by customer; the terms in r and x alone are cached per frequency while r stays the same. NaN where the parameters
 * are impossible. @internal
 */
export function createBgnbdRowLogLikelihood() {
  const terms = createRateTerms();
  return (logTheta: ArrayLike<number>, x: number, tx: number, T: number, gradient?: Float64Array): number => {
    const r = Math.exp(logTheta[0] as number);
    const alpha = Math.exp(logTheta[1] as number);
    const a = Math.exp(logTheta[2] as number);
    const b = Math.exp(logTheta[3] as number);
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Number.isFinite(r + alpha + a + b)) return Number.NaN;
    const ratio = terms.logGammaRatio(r, x);
    const logAlpha = Math.log(alpha);
    const logAT = Math.log(alpha + T);
    const a3 = -(r + x) * logAT;
    let term = a3;
    let w4 = 0;
    let logAtx = 0;
    if (x > 0) {
      logAtx = Math.log(alpha + tx);
      const a4 = Math.log(a) - Math.log(b + (x - 1)) - (r + x) * logAtx;
      const top = Math.max(a3, a4);
      const e3 = Math.exp(a3 - top);
      const e4 = Math.exp(a4 - top);
      term = top + Math.log(e3 + e4);
      w4 = e4 / (e3 + e4);
    }
    // ln B(a, b+x) − ln B(a, b) = ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x) + ln Γ(a+b)
    const value = ratio + r * logAlpha + logRisingRatio(b, a + b, x) + term;
    if (gradient === undefined) return value;
    const digammaR = terms.digammaRatio(r, x);
    const w3 = 1 - w4;
    const digammaABXminusAB = digammaDifference(a + b, x);
    gradient[0] = r * (digammaR + logAlpha - w3 * logAT - w4 * logAtx);
    gradient[1] = alpha * (r / alpha - (w3 * (r + x)) / (alpha + T) - (x > 0 ? (w4 * (r + x)) / (alpha + tx) : 0));
    gradient[2] = a * (-digammaABXminusAB + w4 / a);
    gradient[3] = b * (digammaDifference(b, x) - digammaABXminusAB - (w4 === 0 ? 0 : w4 / (b + (x - 1))));
    return value;
  };
}
