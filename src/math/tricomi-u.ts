import { integrateUnitInterval } from "./integrate-unit-interval.js";
import { logGamma } from "./log-gamma.js";

/**
 * ln U(a, a, z): the log of Tricomi's confluent hypergeometric function of the second kind with equal first two
 * parameters, U(a, a, z) = e^z Γ(1 − a, z) (DLMF 13.6.4), for a > 0 and z > 0. This is the Ψ(s, s; δ(β+T)) of
 * the Pareto/NBD discounted expected residual transactions (Fader, Hardie & Lee 2005, "RFM and CLV", eq. 2).
 *
 * From the integral U(a, a, z) = (1/Γ(a)) ∫₀^∞ e^(−zt) t^(a−1) (1+t)^(−1) dt (DLMF 13.4.4) with t = u/(1 − u):
 * U = (1/Γ(a)) [1/a + ∫₀¹ u^(a−1) (e^(−zu/(1−u)) (1−u)^(−a) − 1) du], the 1/a part taken exactly so that the
 * remaining integrand is bounded, then tanh-sinh quadrature.
 *
 * @returns ln U(a, a, z); NaN for a ≤ 0, z ≤ 0 or NaN.
 *
 * @example
 * ```ts
 * Math.exp(logTricomiUEqualParameters(1, 1)) // 0.5963473623231940 (= e E₁(1))
 * ```
 */
export function logTricomiUEqualParameters(a: number, z: number): number {
  if (!(a > 0 && z > 0) || !Number.isFinite(a) || !Number.isFinite(z)) return Number.NaN;
  const remainder = integrateUnitInterval((u, q) => {
    const inner = Math.exp(-z * (u / q) - a * Math.log(q));
    return Math.exp((a - 1) * Math.log(u)) * (inner - 1);
  }, 1e-12);
  return Math.log(1 / a + remainder) - logGamma(a);
}
