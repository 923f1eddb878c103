import { logGamma } from "./log-gamma.js";
import { upperGammaFraction } from "./upper-gamma-fraction.js";

const EPSILON = 1e-16;
const MAX_ITERATIONS = 100_000;

/** Series for P(a, x), good for x < a + 1 (Numerical Recipes 6.2.5). */
function lowerSeries(a: number, x: number): number {
  let denominator = a;
  let term = 1 / a;
  let sum = term;
  for (let n = 0; n < MAX_ITERATIONS; n++) {
    denominator += 1;
    term *= x / denominator;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Continued fraction for Q(a, x), good for x ≥ a + 1 (modified Lentz, Numerical Recipes 6.2.7). */
function upperContinuedFraction(a: number, x: number): number {
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * upperGammaFraction(a, x);
}

/**
 * Regularised lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a), the CDF of a Gamma(a, 1) variable at x
 * (for integer a = k, the probability that an Erlang-k clock with unit rate has ticked by time x).
 *
 * Series for x < a + 1, Lentz continued fraction for the complement otherwise (A&S 6.5.29 and 6.5.31), so that
 * neither form is used where it loses precision. Relative error about 1e-14 for a up to 1e4.
 *
 * @param a - Shape, > 0.
 * @param x - Argument, ≥ 0.
 * @returns P(a, x) in [0, 1]; NaN for a ≤ 0, x < 0 or NaN.
 *
 * @example
 * ```ts
 * regularizedGammaP(1, 1) // 0.6321205588285577 (= 1 − e⁻¹)
 * ```
 */
export function regularizedGammaP(a: number, x: number): number {
  if (typeof a !== "number" || typeof x !== "number") return Number.NaN;
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0 || a === Number.POSITIVE_INFINITY) return Number.NaN;
  if (x === 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x < a + 1) return Math.min(1, lowerSeries(a, x));
  return Math.max(0, 1 - upperContinuedFraction(a, x));
}

/**
 * Regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x), computed directly (not as
 * 1 − P) where it is small, so tail probabilities keep full relative precision.
 *
 * @param a - Shape, > 0.
 * @param x - Argument, ≥ 0.
 * @returns Q(a, x) in [0, 1]; NaN for a ≤ 0, x < 0 or NaN.
 *
 * @example
 * ```ts
 * regularizedGammaQ(2, 3) // 0.1991482734714558 (= 4 e⁻³)
 * ```
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (typeof a !== "number" || typeof x !== "number") return Number.NaN;
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0 || a === Number.POSITIVE_INFINITY) return Number.NaN;
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x < a + 1) return Math.max(0, 1 - lowerSeries(a, x));
  return Math.min(1, upperContinuedFraction(a, x));
}
