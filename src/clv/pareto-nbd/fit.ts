import { requireObject } from "../../schemas/options.js";
import { type SummaryInput, toSummaryColumns } from "../../schemas/summary-columns.js";
import { compressSummaries } from "../compress-summaries.js";
import { type FitOptions, type FitResult, maximizeLikelihood } from "../maximum-likelihood.js";
import { PARAMETER_NAMES, type ParetoNbdParams, paretoNbdLogLikelihoodKernel } from "./log-likelihood.js";

/**
 * Fits the Pareto/NBD model by maximum likelihood (L-BFGS over log-parameters, numeric gradients).
 *
 * @param data - Customer summaries `{ frequency, recency, T, weight? }` (rows or columns).
 * @param options - Starting values (default r = s = 1, α = β = mean T / 4), iteration limit, standard errors.
 *
 * @example
 * ```ts
 * paretoNbd.fit(cdnowSummaries).params // ≈ { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 } (BTYD)
 * ```
 */
export function fit(data: SummaryInput, options: FitOptions<ParetoNbdParams> = {}): FitResult<ParetoNbdParams> {
  requireObject("fit options", options);
  const customers = toSummaryColumns(data);
  let meanT = 0;
  for (let index = 0; index < customers.T.length; index++) meanT += customers.T[index] as number;
  meanT /= Math.max(1, customers.T.length);
  const columns = compressSummaries(customers);
  const scale = Math.max(1e-3, meanT / 4);
  const initial = options.initialParams ?? {};
  return maximizeLikelihood<ParetoNbdParams>(
    {
      names: PARAMETER_NAMES,
      observations: customers.frequency.length,
      subject: "Pareto/NBD customer summaries",
      initial: [initial.r ?? 1, initial.alpha ?? scale, initial.s ?? 1, initial.beta ?? scale],
      logLikelihood: (p) =>
        paretoNbdLogLikelihoodKernel(p[0] as number, p[1] as number, p[2] as number, p[3] as number, columns),
    },
    options,
  );
}
