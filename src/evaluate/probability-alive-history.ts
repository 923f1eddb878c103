import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { readOptions } from "../input/read-options.js";
import { wholeNumberOption } from "../schemas/options.js";
import { type BtydModel, modelFunctions } from "./btyd-model.js";

/** One point of a P(alive) history. */
export interface AliveHistoryPoint {
  /** Time on the caller's scale (the same origin as the purchase times). */
  readonly time: number;
  /** P(alive) at that time given the purchases up to it. */
  readonly probabilityAlive: number;
  /** Repeat purchases so far. */
  readonly frequency: number;
}

/**
 * The P(alive) history of one customer (lifetimes' `plot_history_alive`): P(alive) at each step from the first
 * purchase to `end`, given the purchases made by then, with a point at each repeat purchase. Times are in the
 * model's time unit, on any origin; the first purchase time is the customer's birth, and purchases at the same time
 * count once. For the BG/BB, times are whole opportunities and the history has a point per opportunity.
 *
 * @param purchaseTimes - All purchase times of the customer, the first included.
 * @param options - `end` (default the last purchase), `steps` (default 100; continuous models).
 *
 * @example
 * ```ts
 * evaluate.probabilityAliveHistory({ model: "bgnbd", params: bgnbdFit.params }, [0, 5, 10], { end: 39, steps: 39 }).at(-1).probabilityAlive // ≈ 0.267
 * ```
 */
export function probabilityAliveHistory(
  model: BtydModel,
  purchaseTimes: readonly number[],
  options: { readonly end?: number; readonly steps?: number } = {},
): AliveHistoryPoint[] {
  options = readOptions<NonNullable<typeof options>>("P(alive) history", options, { end: true, steps: true });
  const subject = "P(alive) history";
  const functions = modelFunctions(model, subject);
  if (!Array.isArray(purchaseTimes) || purchaseTimes.length === 0) {
    throw new InvalidInputError(subject, [
      { code: "too_small", path: ["purchaseTimes"], message: "needs at least the first purchase" },
    ]);
  }
  purchaseTimes.forEach((time, index) => {
    const ok = typeof time === "number" && Math.abs(time) <= 1e9 && (!functions.discrete || Number.isInteger(time));
    if (!ok) {
      throw new InvalidInputError(
        subject,
        [
          {
            code: "custom",
            path: ["purchaseTimes"],
            message: `must be a ${functions.discrete ? "whole " : ""}number from -1e9 to 1e9, got ${shown(time)}`,
          },
        ],
        index,
      );
    }
  });
  const times = [...new Set(purchaseTimes)].sort((left, right) => left - right);
  const birth = times[0] as number;
  const last = times.at(-1) as number;
  const end = options?.end ?? last;
  if (!(typeof end === "number" && end <= birth + 1e9 && end >= last && end > birth)) {
    throw new InvalidInputError(subject, [
      {
        code: "custom",
        path: ["end"],
        message: `must be after the first purchase (by at most 1e9) and not before the last (${last}), got ${shown(end)}`,
      },
    ]);
  }
  const grid = new Set<number>();
  if (functions.discrete) {
    if (!Number.isInteger(end)) {
      throw new InvalidInputError(subject, [
        { code: "custom", path: ["end"], message: `must be a whole period for the BG/BB, got ${shown(end)}` },
      ]);
    }
    for (let n = birth + 1; n <= end; n++) grid.add(n);
  } else {
    const steps = wholeNumberOption(subject, options.steps, "steps", 100, 1, 100_000);
    for (let step = 1; step <= steps; step++) grid.add(birth + ((end - birth) * step) / steps);
    for (const time of times) if (time > birth) grid.add(time);
  }
  const points = [...grid].sort((left, right) => left - right);
  const repeat = times.slice(1);
  let seen = 0;
  return points.map((time) => {
    while (seen < repeat.length && (repeat[seen] as number) <= time) seen++;
    const recency = seen === 0 ? 0 : (repeat[seen - 1] as number) - birth;
    return {
      time,
      probabilityAlive: functions.probabilityAliveOf(seen, recency, time - birth),
      frequency: seen,
    };
  });
}
