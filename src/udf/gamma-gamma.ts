import { conditionalSpendKernel } from "../clv/gamma-gamma/predict.js";
import { finiteOrNull, isParameter, isWhole } from "./scalar-checks.js";

/**
 * Gamma-Gamma expected spend per transaction of one warehouse row given x repeat purchases of mean value m̄ (Fader,
 * Hardie & Lee 2005, eq. 5): p(γ + x m̄)/(px + q − 1). Null for a bad row, and where the mean does not exist
 * (px + q ≤ 1).
 *
 * @example
 * ```ts
 * udf.gammaGammaConditionalExpectedSpend(6.25, 3.74, 15.44, 2, 22.345) // ≈ 24.66
 * ```
 */
export function gammaGammaConditionalExpectedSpend(
  p: number,
  q: number,
  gamma: number,
  x: number | null,
  monetaryValue: number | null,
): number | null {
  const valid =
    x !== null &&
    monetaryValue !== null &&
    isParameter(p) &&
    isParameter(q) &&
    isParameter(gamma) &&
    isWhole(x, 10_000_000) &&
    typeof monetaryValue === "number" &&
    monetaryValue >= 0 &&
    monetaryValue <= 1e12;
  return valid ? finiteOrNull(conditionalSpendKernel(p, q, gamma, x, monetaryValue)) : null;
}
