import { logBeta } from "./log-beta.js";

const EPSILON = 1e-15;
const TINY = 1e-300;

/** Continued fraction of the incomplete beta function (modified Lentz; Numerical Recipes 6.4). */
function continuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/**
 * The regularized incomplete beta function I_x(a, b) = P(Beta(a, b) ≤ x), by its continued fraction (Numerical
 * Recipes 6.4), using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where that converges faster. NaN for a or b ≤ 0.
 *
 * @example
 * ```ts
 * regularizedBeta(0.5, 2, 2) // ≈ 0.5
 * ```
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (typeof x !== "number" || typeof a !== "number" || typeof b !== "number") return Number.NaN;
  if (!(a > 0 && b > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * continuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * continuedFraction(b, a, 1 - x)) / b;
}
