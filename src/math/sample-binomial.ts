import type { RandomSource } from "./random-source.js";
import { sampleBeta } from "./sample-beta.js";

/** Below this many trials they are drawn one by one. */
const DIRECT = 16;

/**
 * A binomial variate (`trials` trials, each with chance `chance`), exactly, in work that grows with log(trials) by
 * Knuth's beta splitting (TAOCP vol. 2, 3.4.1 G): the median order statistic of the uniforms is Beta(a, b) and
 * tells how many fall below the chance on one side of it. NaN for trials that are not a whole number ≥ 0 or a
 * chance outside [0, 1].
 *
 * @example
 * ```ts
 * sampleBinomial(createRandomSource(1), 1e9, 0.25) // about 2.5e8
 * ```
 */
export function sampleBinomial(random: RandomSource, trials: number, chance: number): number {
  if (typeof random !== "function" || typeof trials !== "number" || typeof chance !== "number") return Number.NaN;
  if (!(Number.isSafeInteger(trials) && trials >= 0 && chance >= 0 && chance <= 1)) return Number.NaN;
  let count = 0;
  let n = trials;
  let p = chance;
  while (n > DIRECT) {
    const a = 1 + Math.floor(n / 2);
    const b = n + 1 - a;
    const x = sampleBeta(random, a, b);
    if (x >= p) {
      n = a - 1;
      p /= x;
    } else {
      count += a;
      n = b - 1;
      p = (p - x) / (1 - x);
    }
  }
  for (let trial = 0; trial < n; trial++) if (random() < p) count += 1;
  return count;
}
