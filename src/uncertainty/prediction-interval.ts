import { toDiscreteColumns } from "../clv/bgbb/data.js";
import type { ModelParams, ModelSpec } from "../clv/model-spec.js";
import { modelSpec, readModelParams } from "../clv/model-specs.js";
import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import { createRandomSource } from "../math/random-source.js";
import { toSummaryColumns } from "../schemas/summary-columns.js";
import { checkLevel } from "./interval.js";
import type { ParamDraws } from "./param-draws.js";
import { readDraws } from "./read-draws.js";

/** Options of {@link predictionInterval}. */
export interface PredictionIntervalOptions {
  /** The interval's probability, in (0, 1) (default 0.9). */
  readonly level?: number;
  /** Seed of the simulated futures, an integer (default 1). */
  readonly seed?: number;
}

/** Prediction intervals of each customer's future purchases, as columns of whole numbers. */
export interface PredictionIntervals {
  readonly level: number;
  /** The mean of the simulated futures: the conditional expectation with the parameters' uncertainty averaged in. */
  readonly mean: Float64Array;
  /** The (1 − level)/2 quantile of the simulated futures: the smallest count n with P(Y ≤ n) ≥ (1 − level)/2. */
  readonly low: Float64Array;
  /** The smallest count n with P(Y ≤ n) ≥ (1 + level)/2 among the simulated futures. */
  readonly high: Float64Array;
  readonly draws: number;
}

const SUBJECT = "prediction interval options";

/** The draws' model spec and each draw's parameters checked by it. */
function drawSpecs<P>(draws: ParamDraws<P>): { spec: ModelSpec; params: ModelParams[] } {
  const checked = readDraws<P>(draws);
  const spec = modelSpec(checked.model, "parameter draws", ["model"]);
  const params = checked.params.map((each) => readModelParams(spec, each));
  return { spec, params };
}

/** Lower and upper quantiles of whole counts (their histogram), as defined in {@link PredictionIntervals}. */
function countQuantiles(counts: Int32Array, tail: number): [number, number] {
  counts.sort();
  const n = counts.length;
  const low = counts[Math.max(0, Math.ceil(tail * n) - 1)] as number;
  const high = counts[Math.min(n - 1, Math.ceil((1 - tail) * n) - 1)] as number;
  return [low, high];
}

/**
 * Prediction intervals of each customer's purchases in the next t time units (the BG/BB: opportunities), with the
 * process noise of the model as well as the parameters' uncertainty: for each parameter draw, one future per
 * customer is simulated from the model given the customer's history — alive or not by P(alive), then the
 * purchase (and dropout) rates from their posterior given the history, then the purchases — and the interval holds
 * the equal-tailed quantiles of those futures (whole numbers, so it covers at least `level` of them).
 *
 * @param draws - Parameter draws of a BTYD model (from `drawParams`).
 * @param customers - Summaries `{ frequency, recency, T }` (the BG/BB: `{ frequency, recency, periods }`), rows or
 * columns, in the model's time unit.
 * @param t - The horizon after T: a number > 0 (the BG/BB: a whole number of opportunities).
 * @param options - `level` (default 0.9), `seed` (default 1).
 * @returns `{ level, mean, low, high, draws }`, one entry per customer in each column.
 * @throws InvalidInputError for draws of another model, bad customers, a bad horizon or options.
 *
 * @example
 * ```ts
 * const draws = uncertainty.drawParams("bgnbd", bgnbd.fit(cdnowSummaries), { seed: 7 });
 * uncertainty.predictionInterval(draws, [{ frequency: 2, recency: 30.43, T: 38.86 }], 39).high[0] // 4
 * ```
 */
export function predictionInterval<P>(
  draws: ParamDraws<P>,
  customers: unknown,
  t: number,
  options: PredictionIntervalOptions = {},
): PredictionIntervals {
  const { spec, params } = drawSpecs(draws);
  const read = readOptions<PredictionIntervalOptions>(SUBJECT, options, {
    level: true,
    seed: true,
  } as OptionNames<PredictionIntervalOptions>);
  const level = checkLevel(read.level ?? 0.9, SUBJECT);
  const seed = read.seed ?? 1;
  const issues = [];
  if (!Number.isInteger(seed))
    issues.push({ code: "custom", path: ["seed"], message: `must be an integer, got ${shown(seed)}` });
  if (!(typeof t === "number" && t > 0 && Number.isFinite(t) && (!spec.discrete || Number.isInteger(t))))
    issues.push({
      code: "custom",
      path: ["t"],
      message: `must be ${spec.discrete ? "a whole number of opportunities ≥ 1" : "a finite number > 0"}, got ${shown(t)}`,
    });
  if (issues.length > 0) throw new InvalidInputError(SUBJECT, issues);
  const columns = spec.discrete
    ? (({ frequency, recency, periods }) => ({ frequency, recency, T: periods }))(toDiscreteColumns(customers as never))
    : toSummaryColumns(customers as never);
  return simulateIntervals(spec, params, columns, t, level, seed);
}

function simulateIntervals(
  spec: ModelSpec,
  params: readonly ModelParams[],
  columns: { readonly frequency: Float64Array; readonly recency: Float64Array; readonly T: Float64Array },
  t: number,
  level: number,
  seed: number,
): PredictionIntervals {
  const random = createRandomSource(seed);
  const n = columns.frequency.length;
  const mean = new Float64Array(n);
  const low = new Float64Array(n);
  const high = new Float64Array(n);
  const futures = new Int32Array(params.length);
  for (let customer = 0; customer < n; customer++) {
    const x = columns.frequency[customer] as number;
    const tx = columns.recency[customer] as number;
    const T = columns.T[customer] as number;
    let sum = 0;
    params.forEach((draw, index) => {
      const count = spec.simulateFuture(draw, x, tx, T, t, random);
      futures[index] = count;
      sum += count;
    });
    mean[customer] = sum / params.length;
    [low[customer], high[customer]] = countQuantiles(futures, (1 - level) / 2);
  }
  return { level, mean, low, high, draws: params.length };
}
