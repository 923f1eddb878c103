import { integrateUnitInterval } from "./integrate-unit-interval.js";

/**
 * ln U(a, a, z): the log of Tricomi's confluent hypergeometric function of the second kind with equal first two
 * parameters, U(a, a, z) = e^z Γ(1 − a, z) (DLMF 13.6.4), for a > 0 and z > 0. This is the Ψ(s, s; δ(β+T)) of
 * the Pareto/NBD discounted expected residual transactions (Fader, Hardie & Lee 2005, "RFM and CLV", eq. 2).
 *
 * Kummer's transformation U(a, b, z) = z^(1−b) U(a − b + 1, 2 − b, z) (DLMF 13.2.40) gives
 * U(a, a, z) = z^(1−a) U(1, 2 − a, z) = z^(1−a) ∫₀^∞ e^(−zt) (1 + t)^(−a) dt (DLMF 13.4.4): a bounded, decreasing
 * integrand whatever a and z. With t = v/(z + a) its decay is e^(−v) at the start for every a and z, and
 * v = u/(1 − u) maps it to the unit interval for tanh-sinh quadrature; so large a (a Pareto/NBD dropout shape
 * s = 10,000) neither overflows nor loses digits, and the result is taken in logs.
 *
 * @returns ln U(a, a, z); NaN for a ≤ 0, z ≤ 0 or NaN.
 *
 * @example
 * ```ts
 * Math.exp(logTricomiUEqualParameters(1, 1)) // 0.5963473623231940 (= e E₁(1))
 * ```
 */
export function logTricomiUEqualParameters(a: number, z: number): number {
  if (typeof a !== "number" || typeof z !== "number") return Number.NaN;
  if (!(a > 0 && z > 0) || !Number.isFinite(a) || !Number.isFinite(z)) return Number.NaN;
  const scale = z + a;
  const integral = integrateUnitInterval((u, q) => {
    const t = u / q / scale;
    const logValue = -z * t - a * Math.log1p(t) - 2 * Math.log(q);
    return logValue > -745 ? Math.exp(logValue) : 0;
  }, 1e-13);
  return (1 - a) * Math.log(z) + Math.log(integral) - Math.log(scale);
}
