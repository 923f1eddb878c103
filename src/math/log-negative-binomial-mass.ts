import { logGamma, logGammaCorrection } from "./log-gamma.js";

const HALF_LOG_TWO_PI = 0.9189385332046728;
const LOG_TWO_PI = 1.8378770664093453;

/**
 * The Stirling-series error ln Γ(n + 1) − [(n + ½) ln n − n + ½ ln 2π] (Loader 2000's stirlerr). @internal
 */
function stirlingError(n: number): number {
  if (n >= 10) return logGammaCorrection(n);
  return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - HALF_LOG_TWO_PI;
}

/**
 * x ln(x / μ) + μ − x, the deviance term of Loader (2000), without the cancellation of its three large terms when x
 * is near μ (a series in v = (x − μ)/(x + μ)). @internal
 */
function devianceTerm(x: number, mu: number): number {
  if (Math.abs(x - mu) < 0.1 * (x + mu)) {
    let v = (x - mu) / (x + mu);
    let sum = (x - mu) * v;
    let term = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      term *= v;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / mu) + mu - x;
}

/**
 * ln P(N = m) for N ~ NB(shape, q): Γ(shape + m)/(Γ(shape) m!) q^shape (1 − q)^m, as Loader's (2000) saddle-point
 * form of the binomial mass (R's dnbinom): shape/(shape + m) · Binomial(shape; shape + m, q). Accurate to a few
 * ulps of the log even at counts of 1e16, where ln Γ(m) itself is 6e17 and carries an error of 64 (the masses of a
 * plain log-gamma difference are noise there). Takes ln q and ln(1 − q), which callers have exactly. @internal
 */
export function logNegativeBinomialMass(m: number, shape: number, logQ: number, logOneMinusQ: number): number {
  const n = shape + m;
  const q = Math.exp(logQ);
  const p = Math.exp(logOneMinusQ); // 1 − q, from its own log (exact where q is tiny)
  let logBinomial: number;
  if (m === 0) {
    logBinomial = p < 0.1 ? -devianceTerm(n, n * q) - n * p : n * logQ;
  } else {
    const mean = n * q;
    logBinomial =
      stirlingError(n) -
      stirlingError(shape) -
      stirlingError(m) -
      devianceTerm(shape, mean) -
      devianceTerm(m, n * p) -
      0.5 * (LOG_TWO_PI + Math.log(shape) + Math.log1p(-shape / n));
  }
  return Math.log(shape / n) + logBinomial;
}
