import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { numberField } from "../../input/columns.js";
import { guardRead } from "../../input/read-options.js";
import {
  type BatchResult,
  batchResult,
  type RowRejections,
  rejectRow,
  rowRejections,
} from "../../schemas/row-rejections.js";
import { checkPositiveParameters, MAX_FREQUENCY } from "../../schemas/summary-columns.js";
import {
  type CovariateEffect,
  covariatesOf,
  hasCovariates,
  individualParamsOf,
  linearPredictors,
  scaledParameter,
} from "../covariates/individual-params.js";
import type { CovariateInput } from "../covariates/read-covariates.js";
import type { CovariateValues } from "../covariates/types.js";
import { requireWithoutCovariates } from "../covariates/without-covariates.js";
import { type GammaGammaParams, PARAMETER_NAMES, type SpendColumnsInput, type SpendRow } from "./log-likelihood.js";

const SUBJECT = "Gamma-Gamma parameters";
/** How covariates scale the Gamma-Gamma: γ_i = γ·exp(δ'x_i). @internal */
export const COVARIATE_EFFECTS: readonly CovariateEffect<"gamma">[] = [{ process: "spend", param: "gamma", sign: 1 }];

/**
 * A customer's own Gamma-Gamma parameters under a fit with spend covariates: γ_i = γ·exp(Σ spend[k]·x_k), so
 * expected spend pγ_i/(q − 1) is multiplied by exp(Σ spend[k]·x_k). Without coefficients, the parameters unchanged.
 *
 * @example
 * ```ts
 * const fitted = { p: 6, q: 4, gamma: 15, covariates: { spend: { Premium: 0.2 } } };
 * gammaGamma.individualParams(fitted, { Premium: 1 }) // ≈ { p: 6, q: 4, gamma: 18.321 }
 * ```
 */
export function individualParams(params: GammaGammaParams, covariates?: CovariateValues): GammaGammaParams {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  return individualParamsOf(params, covariates, COVARIATE_EFFECTS, SUBJECT);
}

/** E[M | x, m̄] kernel; +Infinity where the posterior mean of the spend does not exist (px + q ≤ 1), never negative. @internal */
export function conditionalSpendKernel(p: number, q: number, gamma: number, x: number, m: number): number {
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) return Number.POSITIVE_INFINITY;
  return x === 0 ? (p * gamma) / denominator : (p * (gamma + x * m)) / denominator;
}

/** A valid spend customer, in one combined test that builds nothing: a batch of a million rows only compares. */
function isSpendCustomer(x: unknown, m: unknown): x is number {
  return (
    typeof x === "number" &&
    typeof m === "number" &&
    x >= 0 &&
    x === Math.floor(x) &&
    x <= MAX_FREQUENCY &&
    m >= 0 &&
    m <= 1e12
  );
}

function checkSpendCustomer(x: unknown, m: unknown, rowIndex?: number): void {
  if (isSpendCustomer(x, m)) return;
  const issues = [];
  if (!(typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= MAX_FREQUENCY))
    issues.push({
      code: "custom",
      path: ["frequency"],
      message: `must be a whole number from 0 to 10,000,000, got ${shown(x)}`,
    });
  if (!(typeof m === "number" && m >= 0 && m <= 1e12))
    issues.push({
      code: "custom",
      path: ["monetaryValue"],
      message: `must be an amount from 0 to 1e12, got ${shown(m)}`,
    });
  if (issues.length > 0) throw new InvalidInputError("spend summary", issues, rowIndex);
}

function finiteSpend(value: number, params: GammaGammaParams, x: number, rowIndex?: number): number {
  if (Number.isFinite(value)) return value;
  throw new InvalidInputError(
    "Gamma-Gamma parameters",
    [
      {
        code: "custom",
        path: ["q"],
        message:
          `the expected spend does not exist for a customer with ${x} repeat purchases: it needs p·x + q > 1, got ` +
          `p·x + q = ${params.p * x + params.q} (a fitted q ≤ 1 means spend so dispersed that its mean is infinite)`,
      },
    ],
    rowIndex,
  );
}

/**
 * Expected value of a customer's future transactions given x repeat purchases with mean value m̄ (Fader, Hardie &
 * Lee 2005, eq. 5): E[M | p, q, γ, m̄, x] = p(γ + x m̄)/(px + q − 1), a weighted average of the population mean
 * pγ/(q − 1) and the customer's own mean; for x = 0 it is the population mean.
 *
 * @throws InvalidInputError where the mean does not exist (p·x + q ≤ 1, e.g. q ≤ 1 for a customer without repeat
 *   purchases) rather than returning Infinity or a negative amount.
 *
 * @example
 * ```ts
 * gammaGamma.conditionalExpectedSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, { frequency: 2, monetaryValue: 22.345 }) // ≈ 24.66
 * ```
 */
export function conditionalExpectedSpend(
  params: GammaGammaParams,
  customer: { frequency: number; monetaryValue: number; covariates?: CovariateValues },
): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  const { frequency: x, monetaryValue: m } = guardRead("spend summary", [], () => ({
    frequency: customer?.frequency,
    monetaryValue: customer?.monetaryValue,
  }));
  checkSpendCustomer(x, m);
  const own = individualParamsOf(params, covariatesOf(customer), COVARIATE_EFFECTS, SUBJECT);
  return finiteSpend(conditionalSpendKernel(own.p, own.q, own.gamma, x, m), own, x);
}

/**
 * Batch version of {@link conditionalExpectedSpend} over rows or columns `{ frequency, monetaryValue }`.
 *
 * A bad row (or one whose mean spend does not exist) gets NaN and an error in `errors`.
 *
 * @example
 * ```ts
 * gammaGamma.conditionalExpectedSpendBatch(params, { frequency, monetaryValue }).values // Float64Array
 * ```
 */
export function conditionalExpectedSpendBatch(
  params: GammaGammaParams,
  data: readonly SpendRow[] | SpendColumnsInput,
): BatchResult {
  params = checkPositiveParameters(params, PARAMETER_NAMES, "Gamma-Gamma parameters");
  const { frequency, monetaryValue } = readSpendColumns(data);
  const length = frequency.length;
  const rejections = rowRejections();
  const spend = hasCovariates(params)
    ? linearPredictors(params, ["spend"], data as CovariateInput, length, SUBJECT, rejections).spend
    : undefined;
  const out = new Float64Array(length);
  for (let index = 0; index < length; index++) {
    const x = frequency[index] as number;
    const m = monetaryValue[index] as number;
    if (rejections.invalid?.[index]) continue;
    const gamma = spend === undefined ? params.gamma : scaledParameter(params.gamma, 1, spend[index] as number);
    // The common case compares and computes only; a bad row goes to a function of its own (no closure per row).
    if (isSpendCustomer(x, m)) {
      const value = conditionalSpendKernel(params.p, params.q, gamma, x, m);
      if (Number.isFinite(value)) {
        out[index] = value;
        continue;
      }
    }
    rejectSpendRow(rejections, length, params, gamma, x, m, index);
  }
  return batchResult(out, rejections);
}

/** The frequency and mean-spend columns of spend rows or columns (each field read once, NaN where not a number). */
function readSpendColumns(data: unknown): { frequency: Float64Array; monetaryValue: Float64Array } {
  const subject = "spend summaries";
  const fail = (path: string, message: string): never => {
    throw new InvalidInputError(subject, [{ code: "invalid_type", path: [path], message }]);
  };
  if (data === null || typeof data !== "object") fail("", "must be rows or columns of { frequency, monetaryValue }");
  const frequency = numberField(subject, data as object, "frequency") ?? fail("frequency", "is a required column");
  const monetaryValue =
    numberField(subject, data as object, "monetaryValue") ?? fail("monetaryValue", "is a required column");
  if (monetaryValue.length !== frequency.length)
    fail("monetaryValue", `must have ${frequency.length} values like frequency`);
  return { frequency, monetaryValue };
}

/** Records a bad spend row with the error the single-customer function would throw for it. */
function rejectSpendRow(
  rejections: RowRejections,
  length: number,
  params: GammaGammaParams,
  gamma: number,
  x: number,
  m: number,
  index: number,
): void {
  rejectRow(rejections, length, index, () => {
    checkSpendCustomer(x, m, index);
    finiteSpend(conditionalSpendKernel(params.p, params.q, gamma, x, m), params, x, index);
  });
}

/**
 * Mean transaction value across the population, pγ/(q − 1).
 *
 * @throws InvalidInputError for q ≤ 1, where the mean does not exist.
 *
 * @example
 * ```ts
 * gammaGamma.expectedSpend({ p: 6.25, q: 3.74, gamma: 15.44 }) // ≈ 35.2
 * ```
 */
export function expectedSpend(params: GammaGammaParams): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, SUBJECT);
  requireWithoutCovariates(params, "Gamma-Gamma", "gammaGamma", "expectedSpend");
  return finiteSpend(conditionalSpendKernel(params.p, params.q, params.gamma, 0, 0), params, 0);
}
