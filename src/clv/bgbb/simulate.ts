import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { readOptions } from "../../input/read-options.js";
import { createRandomSource, type RandomSource } from "../../math/random-source.js";
import { sampleBeta } from "../../math/sample-beta.js";
import { checkPositiveParameters } from "../../schemas/summary-columns.js";
import { checkSeed } from "../simulation-options.js";
import { type BgbbParams, PARAMETER_NAMES } from "./log-likelihood.js";

/**
 * Simulates discrete-time customers from the BG/BB story (FHS 2010): p ~ Beta(α, β), θ ~ Beta(γ, δ); at each of
 * the `periods` opportunities an alive customer first dies with probability θ, else transacts with probability p.
 *
 * @example
 * ```ts
 * bgbb.simulate({ alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 }, 1000, { seed: 1, periods: 6 }).frequency.length // 1000
 * ```
 */
export function simulate(
  params: BgbbParams,
  count: number,
  options: { seed: number; periods: number; holdoutPeriods?: number },
): { frequency: Float64Array; recency: Float64Array; periods: Float64Array; holdoutFrequency: Float64Array } {
  params = checkPositiveParameters(params, PARAMETER_NAMES, "BG/BB parameters");
  options = readOptions<typeof options>(
    "simulation options",
    options,
    { seed: true, periods: true, holdoutPeriods: true },
    { optional: false },
  );
  checkSeed(options.seed);
  const { periods: n } = options;
  const holdout = options.holdoutPeriods ?? 0;
  const whole = [count, n, holdout].every((value) => Number.isInteger(value));
  if (!(whole && count >= 0 && count <= 1_000_000 && n >= 1 && holdout >= 0 && count * (n + holdout) <= 1e8)) {
    throw new InvalidInputError("simulation options", [
      {
        code: "custom",
        path: ["count"],
        message: `count (at most 1,000,000), periods and holdoutPeriods must be whole numbers (periods ≥ 1) with count × (periods + holdoutPeriods) at most 100,000,000 opportunities (one draw each), got ${shown(count)}, ${shown(n)} and ${shown(holdout)}`,
      },
    ]);
  }
  const random = createRandomSource(options.seed);
  const frequency = new Float64Array(count);
  const recency = new Float64Array(count);
  const periods = new Float64Array(count).fill(options.periods);
  const holdoutFrequency = new Float64Array(count);
  for (let customer = 0; customer < count; customer++) {
    const p = sampleBeta(random, params.alpha, params.beta);
    const theta = sampleBeta(random, params.gamma, params.delta);
    for (let period = 1; period <= options.periods + holdout; period++) {
      if (random() < theta) break;
      if (random() < p) {
        if (period <= options.periods) {
          frequency[customer] = (frequency[customer] as number) + 1;
          recency[customer] = period;
        } else {
          holdoutFrequency[customer] = (holdoutFrequency[customer] as number) + 1;
        }
      }
    }
  }
  return { frequency, recency, periods, holdoutFrequency };
}

/**
 * A draw of a customer's purchases in the next t opportunities given the history (x, t_x, n): alive at the next
 * opportunity with probability `alive`; then p ~ Beta(α + x, β + n − x) and θ ~ Beta(γ, δ + n + 1) (the posterior given
 * alive at opportunity n + 1: n + 1 dropout chances survived), a purchase with probability p at each opportunity the customer is alive for, and a dropout with
 * probability θ before each opportunity after the first. @internal
 */
export function simulateFutureKernel(
  p: BgbbParams,
  alive: number,
  x: number,
  n: number,
  t: number,
  random: RandomSource,
): number {
  if (!(random() < alive)) return 0;
  const purchase = sampleBeta(random, p.alpha + x, p.beta + n - x);
  const dropout = sampleBeta(random, p.gamma, p.delta + n + 1);
  let count = 0;
  for (let step = 0; step < t; step++) {
    if (step > 0 && random() < dropout) break;
    if (random() < purchase) count += 1;
  }
  return count;
}
