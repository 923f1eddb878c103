import { requireObject } from "../../schemas/options.js";
import { type FitOptions, type FitResult, maximizeLikelihood } from "../maximum-likelihood.js";
import { type CnbdParams, type CnbdSummaryInput, checkK, toCnbdColumns } from "./data.js";
import { cnbdLogLikelihoodKernel } from "./log-likelihood.js";

/** Options of the (M)BG/CNBD-k fit. */
export interface CnbdFitOptions extends FitOptions<CnbdParams> {
  /** Fix the regularity k; by default every k in 1..`maxK` is fitted and the most likely kept. */
  readonly k?: number;
  /** Largest k tried when k is not given (default 12, as BTYDplus). */
  readonly maxK?: number;
}

/** Fit result with the log-likelihood reached for every k tried. */
export interface CnbdFitResult extends FitResult<CnbdParams> {
  /** `logLikelihoodByK[k - 1]`: the maximised log-likelihood with that k (only the tried ones). */
  readonly logLikelihoodByK: readonly number[];
}

/** Fits one variant (shift 0: BG/CNBD-k, 1: MBG/CNBD-k). @internal */
export function fitCnbd(data: CnbdSummaryInput, options: CnbdFitOptions, shift: number): CnbdFitResult {
  requireObject("fit options", options);
  const candidates =
    options.k !== undefined
      ? [checkK(options.k)]
      : Array.from({ length: checkK(options.maxK ?? 12) }, (_, index) => index + 1);
  const columns = toCnbdColumns(
    data,
    candidates.some((k) => k > 1),
  );
  let meanT = 0;
  for (let index = 0; index < columns.T.length; index++) meanT += columns.T[index] as number;
  meanT /= Math.max(1, columns.T.length);
  const initial = options.initialParams ?? {};
  let best: FitResult<CnbdParams> | undefined;
  const logLikelihoodByK: number[] = [];
  for (const k of candidates) {
    const fit = maximizeLikelihood<CnbdParams>(
      {
        names: ["k", "r", "alpha", "a", "b"],
        fixed: ["k"],
        observations: columns.T.length,
        subject: "(M)BG/CNBD-k customer summaries",
        initial: [k, initial.r ?? 1, initial.alpha ?? Math.max(1e-3, meanT / 4) * k, initial.a ?? 1, initial.b ?? 1],
        logLikelihood: (p) =>
          cnbdLogLikelihoodKernel(k, p[1] as number, p[2] as number, p[3] as number, p[4] as number, columns, shift),
      },
      { ...options, standardErrors: false },
    );
    logLikelihoodByK[k - 1] = fit.logLikelihood;
    if (best === undefined || fit.logLikelihood > best.logLikelihood) best = fit;
  }
  const chosen = best as FitResult<CnbdParams>;
  const withErrors =
    (options.standardErrors ?? true)
      ? maximizeLikelihood<CnbdParams>(
          {
            names: ["k", "r", "alpha", "a", "b"],
            fixed: ["k"],
            observations: columns.T.length,
            subject: "(M)BG/CNBD-k customer summaries",
            initial: [chosen.params.k, chosen.params.r, chosen.params.alpha, chosen.params.a, chosen.params.b],
            logLikelihood: (p) =>
              cnbdLogLikelihoodKernel(
                chosen.params.k,
                p[1] as number,
                p[2] as number,
                p[3] as number,
                p[4] as number,
                columns,
                shift,
              ),
          },
          { ...options, standardErrors: true },
        )
      : chosen;
  const result =
    withErrors.logLikelihood >= chosen.logLikelihood
      ? withErrors
      : { ...chosen, ...(withErrors.standardErrors ? { standardErrors: withErrors.standardErrors } : {}) };
  return { ...result, logLikelihoodByK };
}
