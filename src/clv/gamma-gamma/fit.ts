import { type FitOptions, type FitResult, maximizeLikelihood, readFitOptions } from "../maximum-likelihood.js";
import {
  type GammaGammaParams,
  gammaGammaLogLikelihoodKernel,
  PARAMETER_NAMES,
  type SpendColumns,
  type SpendColumnsInput,
  type SpendRow,
  toSpendColumns,
} from "./log-likelihood.js";

/**
 * Fits the Gamma-Gamma spend model (Fader, Hardie & Lee 2005 note "The Gamma-Gamma model of monetary value") by
 * maximum likelihood on the customers with at least one repeat purchase. Covariates:
 * {@link fitGammaGammaWithCovariates}.
 *
 * @param data - `{ frequency, monetaryValue, weight? }` rows or columns; monetaryValue is the mean value of the
 * repeat purchases (as `summarizeTransactions` returns it).
 * @param options - Starting values (default p = 1, q = 2, γ = the mean spend), iteration limit, standard errors.
 * @returns `{ params: { p, q, gamma }, logLikelihood, converged, ... }`.
 * @throws InvalidInputError for bad rows or options.
 *
 * @example
 * ```ts
 * gammaGamma.fit(cdnowSpend).params // ≈ { p: 6.25, q: 3.74, gamma: 15.44 } on the 946 CDNOW repeat customers
 * ```
 */
export function fit(
  data: readonly SpendRow[] | SpendColumnsInput,
  options: FitOptions<GammaGammaParams> = {},
): FitResult<GammaGammaParams> {
  options = readFitOptions(options);
  const columns = toSpendColumns(data);
  return maximizeLikelihood<GammaGammaParams>(
    {
      names: PARAMETER_NAMES,
      observations: columns.frequency.length,
      subject: "Gamma-Gamma spend summaries (customers with at least one repeat purchase)",
      initial: initialValues(columns, options.initialParams),
      logLikelihood: (params) =>
        gammaGammaLogLikelihoodKernel(params[0] as number, params[1] as number, params[2] as number, columns),
    },
    options,
  );
}

/** Starting values: `initialParams`, else p = 1, q = 2 and γ = the mean spend. @internal */
export function initialValues(columns: SpendColumns, initialParams: Partial<GammaGammaParams> = {}): number[] {
  let meanSpend = 0;
  for (let index = 0; index < columns.monetaryValue.length; index++)
    meanSpend += columns.monetaryValue[index] as number;
  meanSpend /= Math.max(1, columns.monetaryValue.length);
  const initial = initialParams ?? {};
  return [initial.p ?? 1, initial.q ?? 2, initial.gamma ?? Math.max(1e-6, meanSpend)];
}
