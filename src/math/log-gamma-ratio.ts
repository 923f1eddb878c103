import { logGamma, logGammaCorrection } from "./log-gamma.js";

/**
 * ln Γ(z + h) − ln Γ(z), accurate to a few ulps of the answer even where both log-gammas are huge and h is small
 * (a difference of two 2e10-sized numbers loses six digits at z = 1e9): for z and z + h ≥ 10 it is the difference of
 * Stirling series written as (z − ½) ln(1 + h/z) + h ln(z + h) − h plus the difference of the remainders; elsewhere the
 * plain difference. NaN where either log-gamma is not finite. @internal
 */
export function logGammaRatio(z: number, h: number): number {
  if (!(z >= 10 && z + h >= 10)) return logGamma(z + h) - logGamma(z);
  return (z - 0.5) * Math.log1p(h / z) + h * Math.log(z + h) - h + logGammaCorrection(z + h) - logGammaCorrection(z);
}
