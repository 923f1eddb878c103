import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { readOptions } from "../input/read-options.js";
import { checkColumns, rankDescending } from "./check-columns.js";

/** A cumulative gains curve with its Gini coefficients. */
export interface GainsCurve {
  /** Share of rows contacted (0 … 1), at `points` + 1 evenly spaced points from 0. */
  readonly population: Float64Array;
  /** Share of the total outcome captured by then. */
  readonly captured: Float64Array;
  /** 2 × (area under the curve) − 1: 0 for a random ranking, exact over every row. */
  readonly gini: number;
  /** gini / the gini of the perfect ranking (by the outcomes themselves): 1 = as good as hindsight. */
  readonly normalizedGini: number;
}

function areaUnderGains(order: ArrayLike<number>, outcomes: ArrayLike<number>, total: number): number {
  const n = order.length;
  let cumulative = 0;
  let area = 0;
  for (let rank = 0; rank < n; rank++) {
    const next = cumulative + (outcomes[order[rank] as number] as number) / total;
    area += (cumulative + next) / 2 / n;
    cumulative = next;
  }
  return area;
}

/**
 * The cumulative gains curve of a ranking (rows by descending score, ties in input order): the share of the total
 * outcome captured by the top x of rows, for x from 0 to 1, and the Gini coefficient 2 × area − 1 with its
 * normalised form (divided by the Gini of the hindsight ranking). Plot `captured` against `population`.
 *
 * @param options - `points`: points of the returned curve (default 100); the Gini uses every row.
 * @throws InvalidInputError for bad columns, a total outcome ≤ 0, or points not a whole number from 1 to 10,000.
 *
 * @example
 * ```ts
 * evaluate.gainsCurve([3, 2, 1, 0], [5, 3, 2, 0], { points: 4 }).captured // Float64Array [0, 0.5, 0.8, 1, 1]
 * ```
 */
export function gainsCurve(
  scores: ArrayLike<number>,
  outcomes: ArrayLike<number>,
  options: { readonly points?: number } = {},
): GainsCurve {
  options = readOptions<NonNullable<typeof options>>("gains curve", options, { points: true });
  const n = checkColumns("gains curve", { scores, outcomes });
  const points = options?.points ?? 100;
  if (!(Number.isInteger(points) && points >= 1 && points <= 10_000))
    throw new InvalidInputError("gains curve", [
      { code: "custom", path: ["points"], message: `must be a whole number from 1 to 10,000, got ${shown(points)}` },
    ]);
  let total = 0;
  for (let index = 0; index < n; index++) total += outcomes[index] as number;
  if (!(total > 0))
    throw new InvalidInputError("gains curve", [
      { code: "custom", path: ["outcomes"], message: "must add up to more than 0" },
    ]);
  const order = rankDescending(scores);
  const population = new Float64Array(points + 1);
  const captured = new Float64Array(points + 1);
  let rank = 0;
  let cumulative = 0;
  for (let point = 0; point <= points; point++) {
    const until = Math.round((point / points) * n);
    while (rank < until) cumulative += outcomes[order[rank++] as number] as number;
    population[point] = point / points;
    captured[point] = cumulative / total;
  }
  const gini = 2 * areaUnderGains(order, outcomes, total) - 1;
  const best = 2 * areaUnderGains(rankDescending(outcomes), outcomes, total) - 1;
  return { population, captured, gini, normalizedGini: best > 0 ? gini / best : 0 };
}
