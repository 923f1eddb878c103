import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { numberField } from "../../input/columns.js";
import { logGamma } from "../../math/log-gamma.js";
import { MAX_AMOUNT } from "../../money/max-amount.js";
import { checkPositiveParameters, MAX_FREQUENCY, MAX_WEIGHT } from "../../schemas/summary-columns.js";
import type { CovariateCoefficients } from "../covariates/types.js";

/** Gamma-Gamma spend parameters (Fader, Hardie & Lee 2005; Fader & Hardie note "The Gamma-Gamma model"). */
export interface GammaGammaParams {
  /** Shape of each transaction's Gamma(p, ν) value. */
  readonly p: number;
  /** Shape of the Gamma(q, γ) distribution of ν across customers. */
  readonly q: number;
  /** Rate of the Gamma(q, γ) distribution of ν across customers. */
  readonly gamma: number;
  /**
   * Covariate coefficients (a fit with `covariates: { spend }`): γ_i = γ·exp(Σ spend[k]·x_ik), so a 1-unit rise of
   * covariate k multiplies the customer's expected spend per transaction pγ_i/(q − 1) by exp(spend[k]).
   */
  readonly covariates?: CovariateCoefficients;
}

/** A customer's spend summary: repeat purchases x and their mean value m̄. */
export interface SpendRow {
  readonly frequency: number;
  readonly monetaryValue: number;
  readonly weight?: number;
  /** Time-invariant covariates by name, for a spend model fitted with covariates. */
  readonly covariates?: Readonly<Record<string, number>>;
}

/** Spend summaries as columns. */
export interface SpendColumnsInput {
  readonly frequency: ArrayLike<number>;
  readonly monetaryValue: ArrayLike<number>;
  readonly weight?: ArrayLike<number>;
  /** Covariate columns by name, for a spend model fitted with covariates. */
  readonly covariates?: Readonly<Record<string, ArrayLike<number>>>;
}

export const PARAMETER_NAMES = ["p", "q", "gamma"] as const;

/** Validated spend columns of the customers with at least one repeat purchase. @internal */
export interface SpendColumns {
  readonly frequency: Float64Array;
  readonly monetaryValue: Float64Array;
  readonly weight: Float64Array;
  /** Index in the input of each kept row. */
  readonly inputRows: Int32Array;
  /** Rows in the input. */
  readonly inputLength: number;
}

/**
 * Validates spend summaries and keeps the customers with frequency ≥ 1 (a customer without repeat purchases
 * carries no information on spend in this model, as in BTYD and lifetimes). @internal
 */
export function toSpendColumns(input: readonly SpendRow[] | SpendColumnsInput): SpendColumns {
  const subject = "spend summaries";
  const fail = (path: string, message: string): never => {
    throw new InvalidInputError(subject, [{ code: "invalid_type", path: [path], message }]);
  };
  if (input === null || typeof input !== "object") fail("", "must be rows or columns of { frequency, monetaryValue }");
  const frequencies = numberField(subject, input, "frequency") ?? fail("frequency", "is a required column");
  const length = frequencies.length;
  const amounts = numberField(subject, input, "monetaryValue") ?? fail("monetaryValue", "is a required column");
  const weights = numberField(subject, input, "weight", 1) ?? new Float64Array(length).fill(1);
  if (amounts.length !== length) fail("monetaryValue", `must have ${length} values like frequency`);
  if (weights.length !== length) fail("weight", `must have ${length} values like frequency`);
  const columns = { frequency: frequencies, monetaryValue: amounts, weight: weights };
  const read = (field: "frequency" | "monetaryValue" | "weight", index: number): number =>
    columns[field][index] as number;
  const frequency: number[] = [];
  const monetaryValue: number[] = [];
  const weight: number[] = [];
  const inputRows: number[] = [];
  for (let index = 0; index < length; index++) {
    const x = read("frequency", index);
    const m = read("monetaryValue", index);
    const w = read("weight", index);
    const fail = (field: string, message: string): never => {
      throw new InvalidInputError("spend summary", [{ code: "custom", path: [field], message }], index);
    };
    if (!(typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= MAX_FREQUENCY))
      fail("frequency", `must be a whole number from 0 to 10,000,000, got ${shown(x)}`);
    if (!(typeof w === "number" && w > 0 && w <= MAX_WEIGHT))
      fail("weight", `must be a number above 0 to 1e12, got ${shown(w)}`);
    if (x === 0) continue;
    if (!(typeof m === "number" && m > 0 && m <= MAX_AMOUNT))
      fail(
        "monetaryValue",
        `must be an amount from above 0 to 1e12 for a repeat customer, got ${shown(m)}: the Gamma-Gamma model describes positive spend, ` +
          "so a customer whose repeat purchases carried no amount (or were outweighed by refunds) cannot be fitted; " +
          "leave such customers out of the spend fit",
      );
    frequency.push(x);
    monetaryValue.push(m);
    weight.push(w);
    inputRows.push(index);
  }
  return {
    inputRows: Int32Array.from(inputRows),
    inputLength: length,
    frequency: Float64Array.from(frequency),
    monetaryValue: Float64Array.from(monetaryValue),
    weight: Float64Array.from(weight),
  };
}

/** Weighted log-likelihood over validated columns; NaN for impossible parameters. @internal */
export function gammaGammaLogLikelihoodKernel(p: number, q: number, gamma: number, data: SpendColumns): number {
  if (!(p > 0 && q > 0 && gamma > 0 && Number.isFinite(p + q + gamma))) return Number.NaN;
  const { frequency, monetaryValue, weight } = data;
  const constant = -logGamma(q) + q * Math.log(gamma);
  let total = 0;
  let compensation = 0;
  for (let index = 0; index < frequency.length; index++) {
    const x = frequency[index] as number;
    const m = monetaryValue[index] as number;
    const px = p * x;
    const value =
      (weight[index] as number) *
      (logGamma(px + q) -
        logGamma(px) +
        constant +
        px * Math.log(x) +
        (px - 1) * Math.log(m) -
        (px + q) * Math.log(gamma + x * m));
    const next = total + value;
    compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
    total = next;
  }
  return total + compensation;
}

/**
 * Log-likelihood of the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV", section 4; Fader &
 * Hardie's note on the Gamma-Gamma model, eq. 3): the mean m̄ of a customer's x repeat transaction values has density
 * f(m̄ | p, q, γ, x) = Γ(px + q)/(Γ(px)Γ(q)) γ^q x^(px) m̄^(px−1) / (γ + x m̄)^(px+q).
 * Customers with frequency 0 are skipped (no spend information).
 *
 * @example
 * ```ts
 * gammaGamma.logLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, spendRows)
 * ```
 */
export function logLikelihood(params: GammaGammaParams, data: readonly SpendRow[] | SpendColumnsInput): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, "Gamma-Gamma parameters");
  return gammaGammaLogLikelihoodKernel(params.p, params.q, params.gamma, toSpendColumns(data));
}
