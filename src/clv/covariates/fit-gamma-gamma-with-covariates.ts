import { fit as fitGammaGamma, initialValues } from "../gamma-gamma/fit.js";
import {
  type GammaGammaParams,
  PARAMETER_NAMES,
  type SpendColumnsInput,
  type SpendRow,
  toSpendColumns,
} from "../gamma-gamma/log-likelihood.js";
import { createGammaGammaRowLogLikelihood } from "../gamma-gamma/row-log-likelihood.js";
import type { FitResult } from "../maximum-likelihood.js";
import { type CovariateFitOptions, fitCovariateModel, initialParamsOf } from "./fit-covariate-model.js";
import type { CovariateInput } from "./read-covariates.js";

/**
 * Fits the Gamma-Gamma spend model with time-invariant covariates: γ_i = γ·exp(δ'x_i), so a 1-unit rise of a
 * covariate multiplies expected spend per transaction by exp(δ). Fitted, like `gammaGamma.fit`, on the customers
 * with at least one repeat purchase.
 *
 * @param data - `{ frequency, monetaryValue, weight?, covariates }` rows or columns (with a `covariates` record of
 * columns).
 * @param options - `spend`: the covariate names; `regularization: { spend? }`: an L2 penalty; and every
 * `gammaGamma.fit` option. With no covariate listed it is `gammaGamma.fit`.
 * @returns The fit, with `params.covariates.spend` (and `standardErrors.covariates.spend`) holding the
 * coefficients by name; `gammaGamma`'s predictions read each customer's `covariates` with these params.
 * @throws InvalidInputError for bad rows, covariates (the row is named) or options.
 *
 * @example
 * ```ts
 * const rows = cdnowSpend.map((row, index) => ({ ...row, covariates: { odd: index % 2 } }));
 * fitGammaGammaWithCovariates(rows, { spend: ["odd"] }).params.covariates?.spend?.odd // ≈ 0
 * ```
 */
export function fitGammaGammaWithCovariates(
  data: readonly SpendRow[] | SpendColumnsInput,
  options: CovariateFitOptions<GammaGammaParams> = {},
): FitResult<GammaGammaParams> {
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
    initial: initialValues(columns, initialParamsOf(options)),
    fitWithout: (rest) => fitGammaGamma(columns, rest),
    subject: "Gamma-Gamma spend summaries",
  });
}
