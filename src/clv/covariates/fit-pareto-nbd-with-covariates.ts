import type { SummaryInput } from "../../schemas/summary-columns.js";
import type { FitResult } from "../maximum-likelihood.js";
import { fit as fitParetoNbd, initialValues } from "../pareto-nbd/fit.js";
import { PARAMETER_NAMES, type ParetoNbdParams } from "../pareto-nbd/log-likelihood.js";
import { createParetoNbdRowLogLikelihood } from "../pareto-nbd/row-log-likelihood.js";
import type { CovariateFitOptions } from "./fit-covariate-model.js";
import { fitSummaryModelWithCovariates } from "./fit-summary-model-with-covariates.js";

/**
 * Fits the Pareto/NBD with time-invariant covariates (Fader & Hardie 2007 note "Incorporating time-invariant
 * covariates into the Pareto/NBD and BG/NBD models"; CLVTools' parameterisation and penalty): α_i = α·exp(−γ_trans'x_i)
 * and β_i = β·exp(−γ_life'x_i), so a 1-unit rise of a covariate multiplies the customer's mean purchase rate r/α_i
 * by exp(γ_trans) and mean dropout rate s/β_i by exp(γ_life). Maximised by L-BFGS over (ln θ, coefficients) with the
 * analytic gradient, on standardised covariates; standard errors from the exact Hessian of the row gradients.
 *
 * @param data - Customer summaries `{ frequency, recency, T, weight?, covariates }` (rows, or columns with a
 * `covariates` record of columns); each customer needs a finite number for every covariate the fit uses.
 * @param options - `transaction` and `lifetime`: the covariate names of each process; `constrained`: names given
 * one coefficient in both processes (CLVTools' `names.cov.constr`); `regularization: { transaction?, lifetime? }`:
 * L2 penalties (CLVTools' `reg.lambdas`); and every `paretoNbd.fit` option. With no covariate listed it is
 * `paretoNbd.fit`.
 * @returns The fit, with `params.covariates` (and `standardErrors.covariates`) holding the coefficients by process
 * and name; `paretoNbd`'s predictions read each customer's `covariates` with these params.
 * @throws InvalidInputError for bad summaries, covariates (the row is named) or options, or a covariate that takes
 * one value for every customer.
 *
 * @example
 * ```ts
 * const fit = fitParetoNbdWithCovariates(apparel, { transaction: ["Gender", "Channel"], lifetime: ["Gender", "Channel"] });
 * fit.params.covariates?.transaction // ≈ { Gender: 0.286, Channel: 0.624 }
 * ```
 */
export function fitParetoNbdWithCovariates(
  data: SummaryInput,
  options: CovariateFitOptions<ParetoNbdParams> = {},
): FitResult<ParetoNbdParams> {
  return fitSummaryModelWithCovariates<ParetoNbdParams>(data, options, {
    baseNames: PARAMETER_NAMES,
    effects: { transaction: [{ param: 1, sign: -1 }], lifetime: [{ param: 3, sign: -1 }] },
    createRowLogLikelihood: createParetoNbdRowLogLikelihood,
    initialValues,
    fitWithout: fitParetoNbd,
    subject: "Pareto/NBD customer summaries",
  });
}
