import { type SummaryColumns, type SummaryInput, toSummaryColumns } from "../../schemas/summary-columns.js";
import type { FitOptions, FitResult } from "../maximum-likelihood.js";
import {
  type CovariateFitOptions,
  type CovariateModelSpec,
  fitCovariateModel,
  initialParamsOf,
} from "./fit-covariate-model.js";
import type { CovariateInput } from "./read-covariates.js";
import type { CovariateCoefficients } from "./types.js";

/** A transaction model fitted on customer summaries (x, t_x, T), as {@link fitSummaryModelWithCovariates} needs it. @internal */
export interface SummaryCovariateModel<Params> {
  readonly baseNames: CovariateModelSpec<Params>["baseNames"];
  readonly effects: CovariateModelSpec<Params>["effects"];
  /** A row log-likelihood at individual log-parameters, with its gradient in them when asked. */
  readonly createRowLogLikelihood: () => (
    logTheta: ArrayLike<number>,
    x: number,
    tx: number,
    T: number,
    gradient?: Float64Array,
  ) => number;
  readonly initialValues: (customers: SummaryColumns, initialParams?: Partial<Params>) => number[];
  readonly fitWithout: (customers: SummaryColumns, options: FitOptions<Params>) => FitResult<Params>;
  readonly subject: string;
}

/** Fits a summary model (Pareto/NBD, BG/NBD) with covariates in its transaction and lifetime processes. @internal */
export function fitSummaryModelWithCovariates<Params extends { readonly covariates?: CovariateCoefficients }>(
  data: SummaryInput,
  options: CovariateFitOptions<Params>,
  model: SummaryCovariateModel<Params>,
): FitResult<Params> {
  const customers = toSummaryColumns(data);
  const { frequency, recency, T } = customers;
  const rowLogLikelihood = model.createRowLogLikelihood();
  return fitCovariateModel<Params>(data as CovariateInput, options, {
    baseNames: model.baseNames,
    processes: ["transaction", "lifetime"],
    effects: model.effects,
    dataColumns: [frequency, recency, T],
    weight: customers.weight,
    inputLength: frequency.length,
    rowLogLikelihood: (row, logTheta, gradient) =>
      rowLogLikelihood(logTheta, frequency[row] as number, recency[row] as number, T[row] as number, gradient),
    initial: model.initialValues(customers, initialParamsOf(options)),
    fitWithout: (rest) => model.fitWithout(customers, rest),
    subject: model.subject,
  });
}
