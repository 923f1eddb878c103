import { openUniform } from "./open-uniform.js";
import type { RandomSource } from "./random-source.js";
import { sampleBinomial } from "./sample-binomial.js";
import { sampleGamma } from "./sample-gamma.js";

/** Below this mean the multiplication method is used: its work grows with the mean. */
const DIRECT = 16;

/**
 * A Poisson variate with the given mean, exactly, in work that grows with log(mean) (Knuth, TAOCP vol. 2, 3.4.1 F):
 * the m-th arrival of a unit-rate process, m = ⌊7/8 mean⌋, is Gamma(m); if it falls past the mean, the count is
 * binomial among the m − 1 arrivals before it, else m plus a Poisson count of the rest. NaN for a mean that is not
 * finite and ≥ 0.
 *
 * @example
 * ```ts
 * samplePoisson(createRandomSource(1), 1e9) // about 1e9, in microseconds
 * ```
 */
export function samplePoisson(random: RandomSource, mean: number): number {
  if (typeof random !== "function" || typeof mean !== "number" || !(mean >= 0 && mean < Number.POSITIVE_INFINITY))
    return Number.NaN;
  let count = 0;
  let rest = mean;
  while (rest > DIRECT) {
    const m = Math.floor(0.875 * rest);
    const arrival = sampleGamma(random, m);
    if (arrival >= rest) return count + sampleBinomial(random, m - 1, rest / arrival);
    count += m;
    rest -= arrival;
  }
  // Multiplication of uniforms: the number of arrivals of a unit-rate process before `rest`.
  let product = openUniform(random);
  const threshold = Math.exp(-rest);
  while (product > threshold) {
    count += 1;
    product *= openUniform(random);
  }
  return count;
}
