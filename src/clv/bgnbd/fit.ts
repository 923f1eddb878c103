import { requireObject } from "../../schemas/options.js";
import { type SummaryColumns, type SummaryInput, toSummaryColumns } from "../../schemas/summary-columns.js";
import { compressSummaries } from "../compress-summaries.js";
import { type CovariateFitOptions, fitCovariateModel } from "../covariates/fit-covariate-model.js";
import type { CovariateInput } from "../covariates/read-covariates.js";
import { type FitOptions, type FitResult, maximizeLikelihood } from "../maximum-likelihood.js";
import { type BgnbdParams, createBgnbdLogLikelihood, PARAMETER_NAMES } from "./log-likelihood.js";
import { createBgnbdRowLogLikelihood } from "./row-log-likelihood.js";

/**
 * Fits the BG/NBD model by maximum likelihood (Fader, Hardie & Lee 2005): L-BFGS over log-parameters with the
 * analytic gradient, the terms that depend only on the frequency computed once per distinct frequency.
 *
 * @param data - Customer summaries `{ frequency, recency, T, weight? }` (rows or columns); `weight` counts
 * customers sharing a pattern, so grouped data fit in O(distinct patterns).
 * @param options - Starting values (default r = α = a = b = 1 with α scaled to the data), iteration limit,
 * standard errors, and optionally `covariates: { transaction, lifetime, constrained?, regularization? }`:
 * time-invariant covariates read from each customer's `covariates`, in CLVTools' parameterisation α_i =
 * α·exp(−γ_trans'x_i) (a 1-unit rise multiplies the mean purchase rate r/α_i by exp(γ_trans)), a_i = a·exp(γ_life'x_i)
 * and b_i = b·exp(γ_life'x_i) (the mean dropout probability a/(a+b) stays; exp(γ_life) scales a + b, the
 * concentration of the dropout probability around it).
 * @returns `{ params: { r, alpha, a, b }, logLikelihood, converged, iterations, evaluations, message, standardErrors? }`.
 * @throws InvalidInputError for bad summaries.
 *
 * @example
 * ```ts
 * bgnbd.fit(cdnowSummaries).params // ≈ { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } (FHL 2005)
 * ```
 */
export function fit(data: SummaryInput, options: CovariateFitOptions<BgnbdParams> = {}): FitResult<BgnbdParams> {
  requireObject("fit options", options);
  if (options.covariates === undefined) return fitBgnbdFamily(data, options, false);
  const customers = toSummaryColumns(data);
  const { frequency, recency, T } = customers;
  const rowLogLikelihood = createBgnbdRowLogLikelihood();
  return fitCovariateModel<BgnbdParams>(data as CovariateInput, options, {
    baseNames: PARAMETER_NAMES,
    processes: ["transaction", "lifetime"],
    effects: {
      transaction: [{ param: 1, sign: -1 }],
      lifetime: [
        { param: 2, sign: 1 },
        { param: 3, sign: 1 },
      ],
    },
    dataColumns: [frequency, recency, T],
    weight: customers.weight,
    inputLength: frequency.length,
    rowLogLikelihood: (row, logTheta, gradient) =>
      rowLogLikelihood(logTheta, frequency[row] as number, recency[row] as number, T[row] as number, gradient),
    initial: initialValues(customers, options.initialParams),
    fitWithout: (rest) => fitBgnbdFamily(customers, rest, false),
    subject: "BG/NBD customer summaries",
  });
}

/** Starting values: `initialParams`, else r = a = b = 1 and α = mean T / 4. */
function initialValues(customers: SummaryColumns, initialParams: Partial<BgnbdParams> = {}): number[] {
  let meanT = 0;
  for (let index = 0; index < customers.T.length; index++) meanT += customers.T[index] as number;
  meanT /= Math.max(1, customers.T.length);
  const initial = initialParams ?? {};
  return [initial.r ?? 1, initial.alpha ?? Math.max(1e-3, meanT / 4), initial.a ?? 1, initial.b ?? 1];
}

/** Fits the BG/NBD (modified = false) or the MBG/NBD (modified = true). @internal */
export function fitBgnbdFamily(
  data: SummaryInput,
  options: FitOptions<BgnbdParams>,
  modified: boolean,
): FitResult<BgnbdParams> {
  requireObject("fit options", options);
  const customers = toSummaryColumns(data);
  const columns = compressSummaries(customers);
  const evaluate = createBgnbdLogLikelihood(columns, modified);
  return maximizeLikelihood<BgnbdParams>(
    {
      names: PARAMETER_NAMES,
      observations: customers.frequency.length,
      subject: modified ? "MBG/NBD customer summaries" : "BG/NBD customer summaries",
      initial: initialValues(customers, options.initialParams),
      logLikelihood: (params) => evaluate(params),
      logLikelihoodWithGradient: (params, gradient) => evaluate(params, gradient),
    },
    options,
  );
}
