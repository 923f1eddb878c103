const EPSILON = 2.3e-16; // just above the spacing of doubles at 1 (2.22e-16)
const MAX_TERMS = 100_000;
const TINY = 1e-300;

/**
 * Legendre's continued fraction of the upper incomplete gamma function (DLMF 8.9.2; Numerical Recipes 6.2.7),
 * h = 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2(2 − a)/(x + 5 − a − …))), so that Γ(a, x) = e^(−x) x^a h, by the
 * modified Lentz method. It converges for every x > 0 and real a, in few terms where x is large against 1 − a.
 * @internal
 */
export function upperGammaFraction(a: number, x: number): number {
  let denominator = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / denominator;
  let value = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const numerator = -i * (i - a);
    denominator += 2;
    d = numerator * d + denominator;
    if (Math.abs(d) < TINY) d = TINY;
    c = denominator + numerator / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    value *= step;
    if (Math.abs(step - 1) <= EPSILON) break;
  }
  return value;
}
