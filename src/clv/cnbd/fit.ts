import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { partOf, readProgress } from "../../input/progress.js";
import type { OptionNames } from "../../input/read-options.js";
import {
  FIT_OPTION_NAMES,
  type FitOptions,
  type FitResult,
  maximizeLikelihood,
  readFitOptions,
} from "../maximum-likelihood.js";
import { type CnbdParams, type CnbdSummaryInput, checkK, toCnbdColumns } from "./data.js";
import { createCnbdLogLikelihood } from "./log-likelihood.js";

/** Options of the (M)BG/CNBD-k fit. */
export interface CnbdFitOptions extends FitOptions<CnbdParams> {
  /** Fix the regularity k; by default every k in 1..`maxK` is fitted and the most likely kept. */
  readonly k?: number;
  /** Largest k tried when k is not given (default 12, as BTYDplus). */
  readonly maxK?: number;
  /**
   * How k is searched when not given: "until-worse" (default, as BTYDplus) fits k = 1, 2, … and stops at the first
   * k whose likelihood is lower than the previous one's; "all" fits every k up to `maxK` and keeps the most likely
   * (for data whose likelihood in k has more than one peak).
   */
  readonly kSearch?: "until-worse" | "all";
}

const CNBD_FIT_OPTION_NAMES: OptionNames<CnbdFitOptions> = { ...FIT_OPTION_NAMES, k: true, maxK: true, kSearch: true };

/** Fit result with the log-likelihood reached for every k tried. */
export interface CnbdFitResult extends FitResult<CnbdParams> {
  /** `logLikelihoodByK[k - 1]`: the maximised log-likelihood with that k (only the tried ones). */
  readonly logLikelihoodByK: readonly number[];
}

/**
 * Fits one variant (shift 0: BG/CNBD-k, 1: MBG/CNBD-k): for each k tried, L-BFGS with the analytic gradient from
 * the fit of k − 1 (α scaled by k/(k − 1): the Erlang-k rate of one purchase is kλ), and standard errors for the k
 * kept. @internal
 */
export function fitCnbd(data: CnbdSummaryInput, options: CnbdFitOptions, shift: number): CnbdFitResult {
  options = readFitOptions(options, CNBD_FIT_OPTION_NAMES);
  const search = options.kSearch ?? "until-worse";
  if (search !== "until-worse" && search !== "all") {
    throw new InvalidInputError("fit options", [
      { code: "invalid_value", path: ["kSearch"], message: `must be "until-worse" or "all", got ${shown(search)}` },
    ]);
  }
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
  const { kSearch: _search, onProgress: _onProgress, signal: _signal, ...fitOptions } = options;
  // One share of the progress per k tried, and one for the standard errors of the k kept.
  const report = readProgress("fit options", options);
  const shares = candidates.length + 1;
  const shareOf = (slot: number) => partOf(report, slot / shares, (slot + 1) / shares);
  const problemFor = (k: number, start: readonly number[]) => {
    const evaluate = createCnbdLogLikelihood(k, columns, shift);
    return {
      names: ["k", "r", "alpha", "a", "b"],
      fixed: ["k"],
      observations: columns.T.length,
      subject: "(M)BG/CNBD-k customer summaries",
      initial: [k, ...start],
      logLikelihood: (p: Float64Array) => evaluate(p),
      logLikelihoodWithGradient: (p: Float64Array, gradient: Float64Array) => evaluate(p, gradient),
    };
  };
  const defaultStart = (k: number) => [
    initial.r ?? 1,
    initial.alpha ?? Math.max(1e-3, meanT / 4) * k,
    initial.a ?? 1,
    initial.b ?? 1,
  ];
  // Every fit of the search counts in the result's iterations and evaluations (the work the call did).
  let iterations = 0;
  let evaluations = 0;
  const counted = (fit: FitResult<CnbdParams>) => {
    iterations += fit.iterations;
    evaluations += fit.evaluations;
    return fit;
  };
  const fitFrom = (k: number, start: readonly number[]) =>
    counted(
      maximizeLikelihood<CnbdParams>(
        problemFor(k, start),
        { ...fitOptions, standardErrors: false },
        shareOf(candidates.indexOf(k)),
      ),
    );
  let best: FitResult<CnbdParams> | undefined;
  let bestWasWarm = false;
  let previous: FitResult<CnbdParams> | undefined;
  const logLikelihoodByK: number[] = [];
  for (const k of candidates) {
    const from = options.initialParams === undefined ? previous?.params : undefined;
    const warm = from !== undefined;
    let fit = from ? fitFrom(k, [from.r, (from.alpha * k) / (k - 1), from.a, from.b]) : fitFrom(k, defaultStart(k));
    let fromWarm = warm;
    if (warm && previous !== undefined && fit.logLikelihood < previous.logLikelihood) {
      // Before concluding that k fits worse than k − 1, make sure the warm start did not just stall.
      const fresh = fitFrom(k, defaultStart(k));
      if (fresh.logLikelihood > fit.logLikelihood) {
        fit = fresh;
        fromWarm = false;
      }
    }
    logLikelihoodByK[k - 1] = fit.logLikelihood;
    const worse = previous !== undefined && fit.logLikelihood < previous.logLikelihood;
    if (best === undefined || fit.logLikelihood > best.logLikelihood) {
      best = fit;
      bestWasWarm = fromWarm;
    }
    previous = fit;
    if (worse && search === "until-worse") break;
  }
  let chosen = best as FitResult<CnbdParams>;
  if (bestWasWarm) {
    // A warm start can stall where the likelihood is flat in some directions: the k kept is also fitted from the
    // default start, and the better of the two kept.
    const fresh = fitFrom(chosen.params.k, defaultStart(chosen.params.k));
    if (fresh.logLikelihood > chosen.logLikelihood) {
      chosen = fresh;
      logLikelihoodByK[chosen.params.k - 1] = fresh.logLikelihood;
    }
  }
  const withErrors =
    (options.standardErrors ?? true)
      ? counted(
          maximizeLikelihood<CnbdParams>(
            problemFor(chosen.params.k, [chosen.params.r, chosen.params.alpha, chosen.params.a, chosen.params.b]),
            { ...fitOptions, standardErrors: true },
            shareOf(shares - 1),
          ),
        )
      : chosen;
  const result =
    withErrors.logLikelihood >= chosen.logLikelihood
      ? withErrors
      : {
          ...chosen,
          ...(withErrors.standardErrors ? { standardErrors: withErrors.standardErrors } : {}),
          ...(withErrors.covariance ? { covariance: withErrors.covariance } : {}),
        };
  report("done", 1);
  return { ...result, iterations, evaluations, logLikelihoodByK };
}
