import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { type OptionNames, readOptions, readRecord } from "../input/read-options.js";
import { sortedQuantile } from "../math/sorted-quantile.js";
import type { ParamDraws } from "./param-draws.js";
import { readDraws, readStatistic } from "./read-draws.js";

/** Options of {@link interval} and {@link intervals}. */
export interface IntervalOptions {
  /** The interval's probability, in (0, 1) (default 0.9: from the 5% to the 95% quantile of the draws). */
  readonly level?: number;
}

/** An interval of one number: the statistic at the estimates and the equal-tailed quantiles of its draws. */
export interface Interval {
  readonly level: number;
  /** The statistic at the fit's estimates. */
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  /** The draws the quantiles come from. */
  readonly draws: number;
}

/** Intervals of many numbers (one per customer, say), as columns. */
export interface Intervals {
  readonly level: number;
  readonly estimate: Float64Array;
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly draws: number;
}

const SUBJECT = "interval options";
/** The most statistic values `intervals` holds at once (800 MB of float64). */
const MAX_VALUES = 1e8;

/** A level, checked to lie in (0, 1). @internal */
export function checkLevel(level: unknown, subject = SUBJECT): number {
  if (!(typeof level === "number" && level > 0 && level < 1))
    throw new InvalidInputError(subject, [
      { code: "custom", path: ["level"], message: `must be a number between 0 and 1, got ${shown(level)}` },
    ]);
  return level;
}

/** The options' level, checked (default 0.9). */
function readLevel(options: unknown): number {
  const { level = 0.9 } = readOptions<IntervalOptions>(SUBJECT, options, {
    level: true,
  } as OptionNames<IntervalOptions>);
  return checkLevel(level);
}

/** A statistic's values as float64, each checked to be a finite number. */
function finiteValues(result: unknown, index: number): Float64Array {
  if (!(ArrayBuffer.isView(result) || Array.isArray(result))) statisticFailed(index, result, "a list of numbers");
  const list = result as ArrayLike<unknown>;
  const values = new Float64Array(list.length);
  for (let item = 0; item < list.length; item++) {
    const value = list[item];
    if (typeof value !== "number" || !Number.isFinite(value)) statisticFailed(index, value);
    values[item] = value;
  }
  return values;
}

function statisticFailed(index: number, value: unknown, what = "a finite number"): never {
  throw new InvalidInputError("interval statistic", [
    {
      code: "custom",
      path: index < 0 ? ["estimate"] : ["params", index],
      message: `the statistic must return ${what}, got ${shown(value)}${index < 0 ? " at the estimate" : ` at draw ${index}`}`,
    },
  ]);
}

/**
 * The interval of any statistic of a model's parameters — an expectation, a P(alive), a CLV total — from
 * parameter draws: the statistic at each draw, and the equal-tailed quantiles (type 7) of those values at
 * (1 − level)/2 and (1 + level)/2 (the percentile interval). It carries the parameters' uncertainty only; a
 * customer's own future purchases vary more (see `predictionInterval`).
 *
 * @param draws - From `drawParams` (or `combineDraws`).
 * @param statistic - A function of one parameter record returning a finite number.
 * @param options - `level` (default 0.9).
 * @returns `{ level, estimate, low, high, draws }`.
 * @throws InvalidInputError for draws that are not a list, a level outside (0, 1), or a statistic that returns a
 * non-finite value (naming the draw).
 *
 * @example
 * ```ts
 * const draws = uncertainty.drawParams("bgnbd", bgnbd.fit(cdnowSummaries), { seed: 7 });
 * uncertainty.interval(draws, (params) => bgnbd.expectedPurchases(params, 52)) // ≈ { estimate: 1.444, low: 1.34, high: 1.57 }
 * ```
 */
export function interval<P>(
  draws: ParamDraws<P>,
  statistic: (params: P) => number,
  options: IntervalOptions = {},
): Interval {
  const checked = readDraws<P>(draws);
  const compute = readStatistic<(params: P) => number>(statistic);
  const level = readLevel(options);
  const params = checked.params;
  const estimate = compute(checked.estimate);
  if (!Number.isFinite(estimate)) statisticFailed(-1, estimate);
  const values = new Float64Array(params.length);
  params.forEach((draw, index) => {
    const value = compute(draw);
    if (!Number.isFinite(value)) statisticFailed(index, value);
    values[index] = value;
  });
  values.sort();
  return {
    level,
    estimate,
    low: sortedQuantile(values, (1 - level) / 2),
    high: sortedQuantile(values, (1 + level) / 2),
    draws: params.length,
  };
}

/**
 * Intervals of a statistic that returns one number per item (a batch prediction: each customer's P(alive),
 * conditional expectation or CLV), from parameter draws, as {@link interval} computes them for one number.
 *
 * @param draws - From `drawParams` (or `combineDraws`).
 * @param statistic - A function of one parameter record returning the same count of finite numbers every time.
 * @param options - `level` (default 0.9).
 * @returns `{ level, estimate, low, high, draws }` with one entry per item in each column.
 * @throws InvalidInputError as {@link interval}, and for results whose length changes between draws.
 *
 * @example
 * ```ts
 * const draws = uncertainty.drawParams("bgnbd", bgnbd.fit(cdnowSummaries), { seed: 7 });
 * uncertainty.intervals(draws, (params) => bgnbd.probabilityAliveBatch(params, cdnowSummaries).values).low.length // 2357
 * ```
 */
export function intervals<P>(
  draws: ParamDraws<P>,
  statistic: (params: P) => ArrayLike<number>,
  options: IntervalOptions = {},
): Intervals {
  const checked = readDraws<P>(draws);
  const compute = readStatistic<(params: P) => ArrayLike<number>>(statistic);
  const level = readLevel(options);
  const params = checked.params;
  const estimate = finiteValues(compute(checked.estimate), -1);
  const items = estimate.length;
  if (items * params.length > MAX_VALUES)
    throw new InvalidInputError("interval statistic", [
      {
        code: "too_big",
        path: [],
        message: `${items} values × ${params.length} draws is over 100 million numbers to hold: use fewer draws or take the customers in chunks`,
      },
    ]);
  const values = new Float64Array(items * params.length);
  params.forEach((draw, index) => {
    const result = finiteValues(compute(draw), index);
    if (result.length !== items)
      throw new InvalidInputError("interval statistic", [
        {
          code: "custom",
          path: ["params", index],
          message: `returned ${shown(result?.length)} values at draw ${index}, not ${items}`,
        },
      ]);
    for (let item = 0; item < items; item++) values[item * params.length + index] = result[item] as number;
  });
  const low = new Float64Array(items);
  const high = new Float64Array(items);
  for (let item = 0; item < items; item++) {
    const sorted = values.subarray(item * params.length, (item + 1) * params.length).sort();
    low[item] = sortedQuantile(sorted, (1 - level) / 2);
    high[item] = sortedQuantile(sorted, (1 + level) / 2);
  }
  return { level, estimate, low, high, draws: params.length };
}

/**
 * Pairs the draws of several fits draw by draw, so a statistic can use them together: a CLV from the transaction
 * and spend models' draws. The draws must come in equal numbers (fits on the same customers; draw each with its own
 * seed or the same, as they are independent estimates).
 *
 * @param draws - A record of draws by role, e.g. `{ transaction, spend }`.
 * @returns Draws whose parameter records hold one record per role.
 * @throws InvalidInputError for draws of different counts or methods.
 *
 * @example
 * ```ts
 * const transaction = uncertainty.drawParams("bgnbd", bgnbd.fit(cdnowSummaries), { draws: 200 });
 * const spend = uncertainty.drawParams("gammaGamma", gammaGamma.fit(cdnowSpend), { draws: 200, seed: 2 });
 * const both = uncertainty.combineDraws({ transaction, spend });
 * both.params.length // 200
 * ```
 */
export function combineDraws<D extends Readonly<Record<string, ParamDraws<object>>>>(
  draws: D,
): ParamDraws<{ readonly [K in keyof D]: D[K] extends ParamDraws<infer P> ? P : never }> {
  const entries = Object.entries(readRecord<D>("parameter draws", draws, { argument: "draws", optional: false })).map(
    ([role, each]) => [role, readDraws<object>(each)] as const,
  );
  const first = entries[0]?.[1];
  const count = first === undefined ? 0 : first.params.length;
  const bad = entries.find(([, each]) => each.params.length !== count || each.method !== first?.method);
  if (first === undefined || bad !== undefined)
    throw new InvalidInputError("parameter draws", [
      {
        code: "custom",
        path: bad === undefined ? [] : [bad[0]],
        message: "must be one or more draws of the same count and method",
      },
    ]);
  const pick = (at: (each: ParamDraws<object>) => object) =>
    Object.fromEntries(entries.map(([role, each]) => [role, at(each)]));
  type Combined = { readonly [K in keyof D]: D[K] extends ParamDraws<infer P> ? P : never };
  return {
    model: Object.fromEntries(entries.map(([role, each]) => [role, each.model])) as ParamDraws<Combined>["model"],
    method: first.method,
    seed: first.seed,
    estimate: pick((each) => each.estimate) as Combined,
    params: Array.from({ length: count }, (_, index) => pick((each) => each.params[index] as object) as Combined),
    warnings: entries.flatMap(([, each]) => each.warnings),
  };
}
