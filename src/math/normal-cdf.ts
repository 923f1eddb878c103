/** Coefficients of the Chebyshev fit of erfc (Numerical Recipes, 2nd ed., §6.2), lowest power of t first. */
const ERFC_FIT = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223,
  0.17087277,
] as const;

/** The fit's polynomial in t = 1/(1 + z/2), past its constant: c₁ + t(c₂ + t(… + t c₉)). */
function bracket(t: number): number {
  const c = ERFC_FIT;
  return c[1] + t * (c[2] + t * (c[3] + t * (c[4] + t * (c[5] + t * (c[6] + t * (c[7] + t * (c[8] + t * c[9])))))));
}

/**
 * The standard normal distribution function Φ(x) = ½ erfc(−x/√2), with erfc from the Chebyshev fit of Press et al.
 * (Numerical Recipes, 2nd ed., §6.2: relative error below 1.2e-7 everywhere, tails included). Fast enough to sit in
 * a likelihood evaluated millions of times.
 *
 * @example
 * ```ts
 * normalCdf(1.959963984540054) // ≈ 0.975
 * ```
 */
export function normalCdf(x: number): number {
  if (typeof x !== "number") return Number.NaN;
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc = t * Math.exp(-z * z + ERFC_FIT[0] + t * bracket(t));
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/**
 * {@link normalCdf} — bit for bit — and the fit's exact derivative in x written into `slope[0]`: a likelihood's
 * gradient must be the derivative of the function the optimiser minimises, and in the tails the fit's slope departs
 * from the normal density by far more than its 1.2e-7 in value (its two halves also meet 3e-8 apart at 0). @internal
 */
export function normalCdfWithSlope(x: number, slope: Float64Array): number {
  const c = ERFC_FIT;
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const inner = bracket(t);
  const exponential = Math.exp(-z * z + c[0] + t * inner);
  const erfc = t * exponential;
  let innerSlope = 0; // d(bracket)/dt
  for (let power = 9; power >= 2; power--) innerSlope = innerSlope * t + (power - 1) * (c[power] as number);
  const dtdz = -0.5 * t * t;
  const erfcByZ = exponential * (dtdz + t * (-2 * z + (inner + t * innerSlope) * dtdz));
  slope[0] = -erfcByZ / (2 * Math.SQRT2);
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}
