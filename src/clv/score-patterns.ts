import type { InvalidInputError } from "../errors.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import type { BatchResult } from "../schemas/row-rejections.js";
import { checkHorizon, readSummaryColumns, type SummaryInput } from "../schemas/summary-columns.js";

/** Options of `<model>.scorePatterns`. */
export interface PatternScoreOptions {
  /** The horizon t of the expected purchases, in the summaries' time units. */
  readonly horizon: number;
}

/**
 * Scores of summary patterns, a table to load back into the warehouse and join on (frequency, recency, T): the keys
 * as given, then the scores. A bad pattern row gets NaN scores and its error in `errors` (as every batch).
 */
export interface PatternScores {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  /** P(alive | x, t_x, T). */
  readonly probabilityAlive: Float64Array;
  /** E[Y(horizon) | x, t_x, T]: the expected repeat purchases in (T, T + horizon]. */
  readonly conditionalExpectedPurchases: Float64Array;
  readonly errors: InvalidInputError[];
}

/** Pattern columns as the batch scorers get them. @internal */
export interface PatternColumns {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
}

/** The two batch scorers of a continuous-time model. @internal */
export interface PatternScorers<Params> {
  probabilityAliveBatch(params: Params, data: PatternColumns): BatchResult;
  conditionalExpectedPurchasesBatch(params: Params, t: number, data: PatternColumns): BatchResult;
}

const OPTION_NAMES: OptionNames<PatternScoreOptions> = { horizon: true };

/** `<model>.scorePatterns` of a model's batch scorers: the patterns read once, both scores over the same columns. @internal */
export function scorePatternsWith<Params>(
  scorers: PatternScorers<Params>,
  params: Params,
  patterns: SummaryInput,
  options: PatternScoreOptions,
  label: string,
): PatternScores {
  const { horizon } = readOptions<PatternScoreOptions>(`${label} pattern scoring`, options, OPTION_NAMES, {
    optional: false,
  });
  checkHorizon(horizon, "horizon", `${label} pattern scoring`);
  const { frequency, recency, T } = readSummaryColumns(patterns, "customer pattern");
  const columns = { frequency, recency, T };
  const alive = scorers.probabilityAliveBatch(params, columns);
  const expected = scorers.conditionalExpectedPurchasesBatch(params, horizon, columns);
  return {
    frequency,
    recency,
    T,
    probabilityAlive: alive.values,
    conditionalExpectedPurchases: expected.values,
    errors: alive.errors,
  };
}
