import { InvalidInputError } from "../../errors.js";
import { checkPositiveParameters } from "../../schemas/summary-columns.js";
import { type GammaGammaParams, PARAMETER_NAMES, type SpendColumnsInput } from "./log-likelihood.js";

function conditionalSpendKernel(p: number, q: number, gamma: number, x: number, m: number): number {
  if (x === 0) return q > 1 ? (p * gamma) / (q - 1) : Number.POSITIVE_INFINITY;
  return (p * (gamma + x * m)) / (p * x + q - 1);
}

function checkSpendCustomer(x: unknown, m: unknown, rowIndex?: number): void {
  const issues = [];
  if (!(typeof x === "number" && Number.isInteger(x) && x >= 0))
    issues.push({ code: "custom", path: ["frequency"], message: `must be a whole number ≥ 0, got ${String(x)}` });
  if (!(typeof m === "number" && Number.isFinite(m) && m >= 0))
    issues.push({ code: "custom", path: ["monetaryValue"], message: `must be a finite amount ≥ 0, got ${String(m)}` });
  if (issues.length > 0) throw new InvalidInputError("spend summary", issues, rowIndex);
}

/**
 * Expected value of a customer's future transactions given x repeat purchases with mean value m̄ (Fader, Hardie &
 * Lee 2005, eq. 5): E[M | p, q, γ, m̄, x] = p(γ + x m̄)/(px + q − 1), a weighted average of the population mean
 * pγ/(q − 1) and the customer's own mean. For x = 0 it is the population mean (Infinity when q ≤ 1: the mean
 * does not exist). Requires px + q > 1 for x ≥ 1 (always true when q ≥ 1).
 *
 * @example
 * ```ts
 * gammaGamma.conditionalExpectedSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, { frequency: 2, monetaryValue: 22.345 }) // ≈ 24.66
 * ```
 */
export function conditionalExpectedSpend(
  params: GammaGammaParams,
  customer: { frequency: number; monetaryValue: number },
): number {
  checkPositiveParameters(params, PARAMETER_NAMES, "Gamma-Gamma parameters");
  checkSpendCustomer(customer?.frequency, customer?.monetaryValue);
  return conditionalSpendKernel(params.p, params.q, params.gamma, customer.frequency, customer.monetaryValue);
}

/**
 * Batch version of {@link conditionalExpectedSpend} over columns.
 *
 * @example
 * ```ts
 * gammaGamma.conditionalExpectedSpendBatch(params, { frequency, monetaryValue }) // Float64Array
 * ```
 */
export function conditionalExpectedSpendBatch(params: GammaGammaParams, data: SpendColumnsInput): Float64Array {
  checkPositiveParameters(params, PARAMETER_NAMES, "Gamma-Gamma parameters");
  const out = new Float64Array(data.frequency.length);
  for (let index = 0; index < out.length; index++) {
    const x = data.frequency[index] as number;
    const m = data.monetaryValue[index] as number;
    checkSpendCustomer(x, m, index);
    out[index] = conditionalSpendKernel(params.p, params.q, params.gamma, x, m);
  }
  return out;
}

/**
 * Mean transaction value across the population, pγ/(q − 1) (Infinity for q ≤ 1).
 *
 * @example
 * ```ts
 * gammaGamma.expectedSpend({ p: 6.25, q: 3.74, gamma: 15.44 }) // ≈ 35.2
 * ```
 */
export function expectedSpend(params: GammaGammaParams): number {
  checkPositiveParameters(params, PARAMETER_NAMES, "Gamma-Gamma parameters");
  return conditionalSpendKernel(params.p, params.q, params.gamma, 0, 0);
}
