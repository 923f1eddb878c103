import { type SummaryColumns, type SummaryInput, toSummaryColumns } from "../../schemas/summary-columns.js";
import { compressSummaries } from "../compress-summaries.js";
import { type FitOptions, type FitResult, maximizeLikelihood, readFitOptions } from "../maximum-likelihood.js";
import { PARAMETER_NAMES, type ParetoNbdParams, paretoNbdLogLikelihoodKernel } from "./log-likelihood.js";
import { createParetoNbdRowLogLikelihood } from "./row-log-likelihood.js";

/**
 * Fits the Pareto/NBD model by maximum likelihood (Schmittlein, Morrison & Colombo 1987; Fader, Hardie & Lee 2005
 * note): L-BFGS over log-parameters with the analytic gradient, summed over distinct histories. Covariates:
 * {@link fitParetoNbdWithCovariates}.
 *
 * @param data - Customer summaries `{ frequency, recency, T, weight? }` (rows or columns); `weight` counts customers
 * sharing a pattern.
 * @param options - Starting values (default r = s = 1, α = β = mean T / 4), iteration limit, standard errors.
 * @returns `{ params: { r, alpha, s, beta }, logLikelihood, converged, iterations, evaluations, message,
 * standardErrors?, warnings }`.
 * @throws InvalidInputError for bad summaries or options.
 *
 * @example
 * ```ts
 * paretoNbd.fit(cdnowSummaries).params // ≈ { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 } (BTYD)
 * ```
 */
export function fit(data: SummaryInput, options: FitOptions<ParetoNbdParams> = {}): FitResult<ParetoNbdParams> {
  options = readFitOptions(options);
  const customers = toSummaryColumns(data);
  const columns = compressSummaries(customers);
  return maximizeLikelihood<ParetoNbdParams>(
    {
      names: PARAMETER_NAMES,
      observations: customers.frequency.length,
      subject: "Pareto/NBD customer summaries",
      initial: initialValues(customers, options.initialParams),
      logLikelihood: (p) =>
        paretoNbdLogLikelihoodKernel(p[0] as number, p[1] as number, p[2] as number, p[3] as number, columns),
      logLikelihoodWithGradient: createGradient(columns),
    },
    options,
  );
}

/** Starting values: `initialParams`, else r = s = 1 and α = β = mean T / 4. @internal */
export function initialValues(customers: SummaryColumns, initialParams: Partial<ParetoNbdParams> = {}): number[] {
  let meanT = 0;
  for (let index = 0; index < customers.T.length; index++) meanT += customers.T[index] as number;
  meanT /= Math.max(1, customers.T.length);
  const scale = Math.max(1e-3, meanT / 4);
  const initial = initialParams ?? {};
  return [initial.r ?? 1, initial.alpha ?? scale, initial.s ?? 1, initial.beta ?? scale];
}

/**
 * The log-likelihood with its analytic gradient in the natural parameters, summed from each distinct history's row
 * gradient (ln A₀ and its derivatives in one pass over the series): one evaluation instead of the eight more a
 * numeric gradient costs.
 */
function createGradient(columns: SummaryColumns) {
  const row = createParetoNbdRowLogLikelihood();
  const logTheta = new Float64Array(4);
  const rowGradient = new Float64Array(4);
  const { frequency, recency, T, weight } = columns;
  return (params: Float64Array, gradient: Float64Array): number => {
    for (let k = 0; k < 4; k++) logTheta[k] = Math.log(params[k] as number);
    gradient.fill(0);
    let total = 0;
    let compensation = 0;
    for (let index = 0; index < frequency.length; index++) {
      const w = weight[index] as number;
      const value =
        w * row(logTheta, frequency[index] as number, recency[index] as number, T[index] as number, rowGradient);
      if (!Number.isFinite(value)) return Number.NaN;
      const next = total + value;
      compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
      total = next;
      for (let k = 0; k < 4; k++) gradient[k] = (gradient[k] as number) + w * (rowGradient[k] as number);
    }
    // ∂ℓ/∂θ = (∂ℓ/∂ln θ)/θ
    for (let k = 0; k < 4; k++) gradient[k] = (gradient[k] as number) / (params[k] as number);
    return total + compensation;
  };
}
