import { type FitOptions, type FitResult, maximizeLikelihood, readFitOptions } from "../maximum-likelihood.js";
import { type DiscreteSummaryInput, toDiscreteColumns } from "./data.js";
import { type BgbbParams, bgbbLogLikelihoodKernel, PARAMETER_NAMES } from "./log-likelihood.js";

/**
 * Fits the BG/BB model by maximum likelihood; grouped data (one row per (x, t_x, n) pattern with a weight) fit in
 * O(patterns).
 *
 * @example
 * ```ts
 * bgbb.fit(donations).params // ≈ { alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 } (FHS 2010)
 * ```
 */
export function fit(data: DiscreteSummaryInput, options: FitOptions<BgbbParams> = {}): FitResult<BgbbParams> {
  options = readFitOptions(options);
  const columns = toDiscreteColumns(data);
  const initial = options.initialParams ?? {};
  return maximizeLikelihood<BgbbParams>(
    {
      names: PARAMETER_NAMES,
      observations: columns.frequency.length,
      subject: "BG/BB customer summaries",
      initial: [initial.alpha ?? 1, initial.beta ?? 1, initial.gamma ?? 1, initial.delta ?? 1],
      logLikelihood: (p) =>
        bgbbLogLikelihoodKernel(p[0] as number, p[1] as number, p[2] as number, p[3] as number, columns),
    },
    options,
  );
}
