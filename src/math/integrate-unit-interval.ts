const MAX_LEVEL = 12;
const T_MAX = 6.1; // beyond this the nodes are within 1e-300 of the ends

/**
 * ∫₀¹ f(p) dp by tanh-sinh (double-exponential) quadrature (Takahasi & Mori 1974), which converges
 * exponentially even with algebraic singularities at the end points. The integrand receives both p and q = 1 − p,
 * each computed without cancellation, so it can evaluate powers of (1 − p) accurately near p = 1.
 *
 * Step halving stops when two levels agree to `tolerance` (relative, default 1e-13) or after 12 levels
 * (about 2 × 6.1 × 2¹² nodes at most).
 *
 * @returns The integral (NaN if the integrand returns NaN).
 *
 * @example
 * ```ts
 * integrateUnitInterval((p) => 1 / Math.sqrt(p)) // 2 (singular at 0)
 * ```
 */
export function integrateUnitInterval(f: (p: number, q: number) => number, tolerance = 1e-13): number {
  if (typeof f !== "function" || typeof tolerance !== "number") return Number.NaN;
  const evaluate = (t: number): number => {
    const u = (Math.PI / 2) * Math.sinh(t);
    const e = Math.exp(-2 * Math.abs(u));
    const small = e / (1 + e); // the end point nearer to the node, computed without cancellation
    const large = 1 / (1 + e);
    const p = u < 0 ? small : large;
    const q = u < 0 ? large : small;
    if (p === 0 || q === 0) return 0;
    const coshU = Math.cosh(u);
    const weight = ((Math.PI / 4) * Math.cosh(t)) / (coshU * coshU);
    if (weight === 0) return 0;
    return weight * f(p, q);
  };
  let step = 0.5;
  let sum = evaluate(0);
  for (let t = step; t <= T_MAX; t += step) sum += evaluate(t) + evaluate(-t);
  let estimate = sum * step;
  for (let level = 1; level <= MAX_LEVEL; level++) {
    step /= 2;
    for (let t = step; t <= T_MAX; t += 2 * step) sum += evaluate(t) + evaluate(-t);
    const refined = sum * step;
    if (Number.isNaN(refined)) return Number.NaN;
    if (Math.abs(refined - estimate) <= tolerance * Math.abs(refined) || (refined === 0 && estimate === 0))
      return refined;
    estimate = refined;
  }
  return estimate;
}
