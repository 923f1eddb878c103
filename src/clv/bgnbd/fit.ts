import { type SummaryColumns, type SummaryInput, toSummaryColumns } from "../../schemas/summary-columns.js";
import { compressSummaries } from "../compress-summaries.js";
import { type FitOptions, type FitResult, maximizeLikelihood, readFitOptions } from "../maximum-likelihood.js";
import { type BgnbdParams, createBgnbdLogLikelihood, PARAMETER_NAMES } from "./log-likelihood.js";

/**
 * Fits the BG/NBD model by maximum likelihood (Fader, Hardie & Lee 2005): L-BFGS over log-parameters with the
 * analytic gradient, the terms that depend only on the frequency computed once per distinct frequency. Covariates:
 * {@link fitBgnbdWithCovariates}.
 *
 * @param data - Customer summaries `{ frequency, recency, T, weight? }` (rows or columns); `weight` counts
 * customers sharing a pattern, so grouped data fit in O(distinct patterns).
 * @param options - Starting values (default r = α = a = b = 1 with α scaled to the data), iteration limit,
 * standard errors.
 * @returns `{ params: { r, alpha, a, b }, logLikelihood, converged, iterations, evaluations, message,
 * standardErrors?, warnings }`.
 * @throws InvalidInputError for bad summaries or options.
 *
 * @example
 * ```ts
 * bgnbd.fit(cdnowSummaries).params // ≈ { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } (FHL 2005)
 * ```
 */
export function fit(data: SummaryInput, options: FitOptions<BgnbdParams> = {}): FitResult<BgnbdParams> {
  return fitBgnbdFamily(data, options, false);
}

/** Starting values: `initialParams`, else r = a = b = 1 and α = mean T / 4. @internal */
export function initialValues(customers: SummaryColumns, initialParams: Partial<BgnbdParams> = {}): number[] {
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
  options = readFitOptions(options);
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
