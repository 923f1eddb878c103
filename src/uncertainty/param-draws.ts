import type { DrawableModel } from "./refit-models.js";

/**
 * Parameter draws that stand for a fit's uncertainty: a plain, JSON-serialisable record that
 * `uncertainty.interval`, `uncertainty.intervals` and `uncertainty.predictionInterval` turn into intervals.
 */
export interface ParamDraws<P> {
  /** The model the draws are of (a record of models for draws combined by `combineDraws`). */
  readonly model: DrawableModel | Readonly<Record<string, DrawableModel>>;
  /** "normal": from the fit's asymptotic normal; "bootstrap": refits on resampled customers. */
  readonly method: "normal" | "bootstrap";
  /** The seed of the draws (same seed, same draws). */
  readonly seed: number;
  /** The fit's own estimates: a statistic of them is an interval's `estimate`. */
  readonly estimate: P;
  /** One parameter record per draw. */
  readonly params: readonly P[];
  /** What makes the draws doubtful, in words (e.g. bootstrap refits that did not converge and were left out). */
  readonly warnings: readonly string[];
}
