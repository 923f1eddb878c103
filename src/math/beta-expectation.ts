import { integrateUnitInterval } from "./integrate-unit-interval.js";
import { logBeta } from "./log-beta.js";

const TOLERANCE = 1e-13;

/**
 * E[g(p)] for p ~ Beta(A, B), for a function g that is smooth and bounded on [0, 1], by tanh-sinh quadrature.
 *
 * - Both shapes ≥ 1 (a density without end-point singularities, possibly sharply peaked): the interval is split at
 *   the mode, so that each half has its peak at an end, where tanh-sinh nodes cluster.
 * - A shape < 1 (an integrable singularity p^(A−1) at 0 or (1−p)^(B−1) at 1): the interval is split at ½ and the
 *   singular half is mapped by p^A = u (½)^A (resp. (1−p)^B = v (½)^B), which makes the integrand bounded.
 *
 * No part is subtracted analytically, so there is no cancellation even where g(0) is huge. Shapes from 1e-4 to
 * 1e4 are handled.
 *
 * @param g - The function; receives p and q = 1 − p (both accurate near the ends).
 * @param A - First shape, > 0.
 * @param B - Second shape, > 0.
 *
 * @example
 * ```ts
 * expectationUnderBeta((p) => p * p, 2, 3) // 0.2 (= A(A+1)/((A+B)(A+B+1)))
 * ```
 */
export function expectationUnderBeta(g: (p: number, q: number) => number, A: number, B: number): number {
  if (typeof g !== "function" || typeof A !== "number" || typeof B !== "number") return Number.NaN;
  const logNormaliser = logBeta(A, B);
  const powerOf = (base: number, exponent: number): number => (exponent === 0 ? 0 : exponent * Math.log(base));
  const density = (p: number, q: number): number => Math.exp(powerOf(p, A - 1) + powerOf(q, B - 1) - logNormaliser);
  if (A >= 1 && B >= 1) {
    const mode = A + B > 2 ? (A - 1) / (A + B - 2) : 0.5;
    const below =
      mode === 0
        ? 0
        : integrateUnitInterval((u) => {
            const p = mode * u;
            return g(p, 1 - p) * density(p, 1 - p);
          }, TOLERANCE);
    const above =
      mode === 1
        ? 0
        : integrateUnitInterval((_, v) => {
            const q = (1 - mode) * v;
            return g(1 - q, q) * density(1 - q, q);
          }, TOLERANCE);
    return mode * below + (1 - mode) * above;
  }
  // Lower half: p = (u/2^A)^(1/A) gives p^(A−1) dp = (½)^A / A du; upper half likewise in q with B.
  const lower = integrateUnitInterval((u) => {
    const p = 0.5 * u ** (1 / A);
    const q = 1 - p;
    return g(p, q) * Math.exp((B - 1) * Math.log(q));
  }, TOLERANCE);
  const upper = integrateUnitInterval((_, v) => {
    const q = 0.5 * v ** (1 / B);
    const p = 1 - q;
    return g(p, q) * Math.exp((A - 1) * Math.log(p));
  }, TOLERANCE);
  return (
    Math.exp(-A * Math.LN2 - Math.log(A) - logNormaliser) * lower +
    Math.exp(-B * Math.LN2 - Math.log(B) - logNormaliser) * upper
  );
}
