import { type FitOptions, type FitResult, maximizeLikelihood, readFitOptions } from "../maximum-likelihood.js";
import {
  checkSeries,
  PARAMETER_NAMES,
  type RetentionSeries,
  type ShiftedBetaGeometricParams,
  sbgLogLikelihoodKernel,
} from "./log-likelihood.js";

/**
 * Fits the shifted-beta-geometric model to a cohort's survivor series by maximum likelihood.
 *
 * @example
 * ```ts
 * shiftedBetaGeometric.fit({ survivors: [1000, 631, 468, 382, 326, 289, 262, 241] }).params // ≈ { alpha: 0.704, beta: 1.182 }
 * ```
 */
export function fit(
  data: RetentionSeries,
  options: FitOptions<ShiftedBetaGeometricParams> = {},
): FitResult<ShiftedBetaGeometricParams> {
  options = readFitOptions(options);
  const survivors = checkSeries(data);
  const initial = options.initialParams ?? {};
  return maximizeLikelihood<ShiftedBetaGeometricParams>(
    {
      names: PARAMETER_NAMES,
      observations: survivors[0] ?? 0,
      subject: "sBG survivor series",
      initial: [initial.alpha ?? 1, initial.beta ?? 1],
      logLikelihood: (p) => sbgLogLikelihoodKernel(p[0] as number, p[1] as number, survivors),
    },
    options,
  );
}
