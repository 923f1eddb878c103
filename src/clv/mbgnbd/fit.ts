import type { SummaryInput } from "../../schemas/summary-columns.js";
import { fitBgnbdFamily } from "../bgnbd/fit.js";
import type { FitOptions, FitResult } from "../maximum-likelihood.js";
import type { MbgnbdParams } from "./log-likelihood.js";

/**
 * Fits the MBG/NBD by maximum likelihood (L-BFGS over log-parameters with the analytic gradient).
 *
 * @example
 * ```ts
 * mbgnbd.fit(cdnowSummaries).params // { r, alpha, a, b }
 * ```
 */
export function fit(data: SummaryInput, options: FitOptions<MbgnbdParams> = {}): FitResult<MbgnbdParams> {
  return fitBgnbdFamily(data, options, true);
}
