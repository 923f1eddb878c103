import type { SummaryInput } from "../../schemas/summary-columns.js";
import { fit as fitBgnbd, initialValues } from "../bgnbd/fit.js";
import { type BgnbdParams, PARAMETER_NAMES } from "../bgnbd/log-likelihood.js";
import { createBgnbdRowLogLikelihood } from "../bgnbd/row-log-likelihood.js";
import type { FitResult } from "../maximum-likelihood.js";
import type { CovariateFitOptions } from "./fit-covariate-model.js";
import { fitSummaryModelWithCovariates } from "./fit-summary-model-with-covariates.js";

/**
 * Fits the BG/NBD with time-invariant covariates (Fader & Hardie 2007 note "Incorporating time-invariant covariates
 * into the Pareto/NBD and BG/NBD models"; CLVTools' parameterisation and penalty): α_i = α·exp(−γ_trans'x_i) (a
 * 1-unit rise multiplies the mean purchase rate r/α_i by exp(γ_trans)), a_i = a·exp(γ_life'x_i) and
 * b_i = b·exp(γ_life'x_i) (the mean dropout probability a/(a+b) stays; exp(γ_life) scales a + b, the concentration
 * of the dropout probability around it). Maximised by L-BFGS over (ln θ, coefficients) with the analytic gradient.
 *
 * @param data - Customer summaries `{ frequency, recency, T, weight?, covariates }` (rows, or columns with a
 * `covariates` record of columns).
 * @param options - `transaction`, `lifetime`, `constrained`, `regularization` as in
 * {@link fitParetoNbdWithCovariates}, and every `bgnbd.fit` option. With no covariate listed it is `bgnbd.fit`.
 * @returns The fit, with `params.covariates` (and `standardErrors.covariates`) holding the coefficients by process
 * and name; `bgnbd`'s predictions read each customer's `covariates` with these params.
 * @throws InvalidInputError for bad summaries, covariates (the row is named) or options.
 *
 * @example
 * ```ts
 * const fit = fitBgnbdWithCovariates(apparel, { transaction: ["Channel"], standardErrors: false });
 * fit.params.covariates?.transaction?.Channel // ≈ 0.57 (offline buyers buy e^0.57 = 1.8 times as often)
 * ```
 */
export function fitBgnbdWithCovariates(
  data: SummaryInput,
  options: CovariateFitOptions<BgnbdParams> = {},
): FitResult<BgnbdParams> {
  return fitSummaryModelWithCovariates<BgnbdParams>(data, options, {
    baseNames: PARAMETER_NAMES,
    effects: {
      transaction: [{ param: 1, sign: -1 }],
      lifetime: [
        { param: 2, sign: 1 },
        { param: 3, sign: 1 },
      ],
    },
    createRowLogLikelihood: createBgnbdRowLogLikelihood,
    initialValues,
    fitWithout: fitBgnbd,
    subject: "BG/NBD customer summaries",
  });
}
