import { requireObject } from "../../schemas/options.js";
import { type CovariateFitOptions, fitCovariateModel } from "../covariates/fit-covariate-model.js";
import type { CovariateInput } from "../covariates/read-covariates.js";
import { type FitOptions, type FitResult, maximizeLikelihood } from "../maximum-likelihood.js";
import {
  type GammaGammaParams,
  gammaGammaLogLikelihoodKernel,
  PARAMETER_NAMES,
  type SpendColumns,
  type SpendColumnsInput,
  type SpendRow,
  toSpendColumns,
} from "./log-likelihood.js";
import { createGammaGammaRowLogLikelihood } from "./row-log-likelihood.js";

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood on the customers with at least one repeat purchase.
 *
 * @param data - `{ frequency, monetaryValue, weight? }` rows or columns; monetaryValue is the mean value of the
 * repeat purchases (as `summarizeTransactions` returns it).
 * @param options - Starting values, iteration limit, standard errors, and optionally `covariates: { spend,
 * regularization? }`: time-invariant covariates read from each customer's `covariates`, with γ_i = γ·exp(δ'x_i), so
 * a 1-unit rise of a covariate multiplies expected spend per transaction by exp(δ).
 * @returns `{ params: { p, q, gamma, covariates? }, logLikelihood, converged, ... }`.
 *
 * @example
 * ```ts
 * gammaGamma.fit(cdnowSpend).params // ≈ { p: 6.25, q: 3.74, gamma: 15.44 } on the 946 CDNOW repeat customers
 * ```
 */
export function fit(
  data: readonly SpendRow[] | SpendColumnsInput,
  options: CovariateFitOptions<GammaGammaParams> = {},
): FitResult<GammaGammaParams> {
  requireObject("fit options", options);
  if (options.covariates === undefined) return fitWithout(data, options);
  const columns = toSpendColumns(data);
  const { frequency, monetaryValue } = columns;
  const rowLogLikelihood = createGammaGammaRowLogLikelihood();
  return fitCovariateModel<GammaGammaParams>(data as CovariateInput, options, {
    baseNames: PARAMETER_NAMES,
    processes: ["spend"],
    effects: { spend: [{ param: 2, sign: 1 }] },
    dataColumns: [frequency, monetaryValue],
    weight: columns.weight,
    used: columns.inputRows,
    inputLength: columns.inputLength,
    rowLogLikelihood: (row, logTheta, gradient) =>
      rowLogLikelihood(logTheta, frequency[row] as number, monetaryValue[row] as number, gradient),
    initial: initialValues(columns, options.initialParams),
    fitWithout: (rest) => fitWithout(columns, rest),
    subject: "Gamma-Gamma spend summaries",
  });
}

/** Starting values: `initialParams`, else p = 1, q = 2 and γ = the mean spend. */
function initialValues(columns: SpendColumns, initialParams: Partial<GammaGammaParams> = {}): number[] {
  let meanSpend = 0;
  for (let index = 0; index < columns.monetaryValue.length; index++)
    meanSpend += columns.monetaryValue[index] as number;
  meanSpend /= Math.max(1, columns.monetaryValue.length);
  const initial = initialParams ?? {};
  return [initial.p ?? 1, initial.q ?? 2, initial.gamma ?? Math.max(1e-6, meanSpend)];
}

function fitWithout(
  data: readonly SpendRow[] | SpendColumnsInput,
  options: FitOptions<GammaGammaParams>,
): FitResult<GammaGammaParams> {
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
