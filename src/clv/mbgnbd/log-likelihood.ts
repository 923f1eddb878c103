import { checkPositiveParameters, type SummaryInput, toSummaryColumns } from "../../schemas/summary-columns.js";
import { type BgnbdParams, createBgnbdLogLikelihood, PARAMETER_NAMES } from "../bgnbd/log-likelihood.js";

/** MBG/NBD parameters (Batislam, Denizel & Filiztekin 2007): as the BG/NBD, λ ~ Gamma(r, α), p ~ Beta(a, b). */
export type MbgnbdParams = BgnbdParams;

/**
 * Log-likelihood of the MBG/NBD (Batislam, Denizel & Filiztekin 2007, eq. 6): as the BG/NBD, but a customer may
 * also drop out right after the first purchase, so customers without repeat purchases can be inactive:
 * L = Γ(r+x) α^r/Γ(r) · B(a, b+x+1)/B(a, b) · (α+T)^−(r+x) · [1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)].
 *
 * @example
 * ```ts
 * mbgnbd.logLikelihood({ r: 0.525, alpha: 6.18, a: 0.891, b: 1.614 }, cdnowSummaries)
 * ```
 */
export function logLikelihood(params: MbgnbdParams, data: SummaryInput): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, "MBG/NBD parameters");
  return createBgnbdLogLikelihood(toSummaryColumns(data), true)([params.r, params.alpha, params.a, params.b]);
}
