import { logGamma, logGammaCorrection } from "./log-gamma.js";

const HALF_LOG_TWO_PI = 0.9189385332046728;

/**
 * Natural logarithm of the beta function, ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
 *
 * When an argument is 10 or more, the large parts of the three log-gamma terms are cancelled analytically
 * (the approach of R's `lbeta`, after Stirling's series), so precision is kept where the naive sum of
 * log-gammas loses many digits (e.g. ln B(1e8, 2)). Error below 1e-14 relative (absolute where |ln B| < 1).
 *
 * @param a - First shape, > 0.
 * @param b - Second shape, > 0.
 * @returns ln B(a, b); NaN if either argument is NaN or ≤ 0; −Infinity if one argument is +Infinity and the
 * other finite.
 *
 * @example
 * ```ts
 * logBeta(2, 3) // -2.4849066497880004 (= ln 1/12)
 * ```
 */
export function logBeta(a: number, b: number): number {
  if (typeof a !== "number" || typeof b !== "number") return Number.NaN;
  if (Number.isNaN(a) || Number.isNaN(b) || a <= 0 || b <= 0) return Number.NaN;
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (q === Number.POSITIVE_INFINITY) return p === Number.POSITIVE_INFINITY ? Number.NaN : Number.NEGATIVE_INFINITY;
  const total = p + q;
  if (p >= 10) {
    const correction = logGammaCorrection(p) + logGammaCorrection(q) - logGammaCorrection(total);
    return (
      -0.5 * Math.log(q) + HALF_LOG_TWO_PI + correction + (p - 0.5) * Math.log(p / total) + q * Math.log1p(-p / total)
    );
  }
  if (q >= 10) {
    const correction = logGammaCorrection(q) - logGammaCorrection(total);
    return logGamma(p) + correction + p - p * Math.log(total) + (q - 0.5) * Math.log1p(-p / total);
  }
  return logGamma(p) + logGamma(q) - logGamma(total);
}
