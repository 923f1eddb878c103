import { integrateUnitInterval } from "./integrate-unit-interval.js";
import { logBeta } from "./log-beta.js";

/**
 * E[g(p)] for p ~ Beta(A, B), for a function g that is smooth and bounded on [0, 1].
 *
 * The linear interpolant h(p) = g(0)(1 − p) + g(1)p is integrated exactly (E[h] = g(0)B/(A+B) + g(1)A/(A+B)),
 * and the remainder (g − h), which vanishes at both ends, by tanh-sinh quadrature against the beta density. That
 * removes the density's end-point singularities, so shapes from 1e-4 to 1e4 are handled.
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
  const atZero = g(0, 1);
  const atOne = g(1, 0);
  const exactPart = (atZero * B + atOne * A) / (A + B);
  const logNormaliser = logBeta(A, B);
  const remainder = integrateUnitInterval((p, q) => {
    const difference = g(p, q) - atZero * q - atOne * p;
    if (difference === 0) return 0;
    return difference * Math.exp((A - 1) * Math.log(p) + (B - 1) * Math.log(q) - logNormaliser);
  }, 1e-12);
  return exactPart + remainder;
}
