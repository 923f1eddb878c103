import { openUniform } from "./open-uniform.js";
import type { RandomSource } from "./random-source.js";
import { sampleNormal } from "./sample-normal.js";

/**
 * A gamma variate with shape `shape` and rate `rate` (mean shape/rate), by Marsaglia & Tsang (2000), with the
 * boost U^(1/shape) for shape < 1.
 *
 * @example
 * ```ts
 * sampleGamma(createRandomSource(1), 0.243, 4.414) // a purchase rate drawn from the CDNOW BG/NBD prior
 * ```
 */
export function sampleGamma(random: RandomSource, shape: number, rate = 1): number {
  if (typeof random !== "function" || typeof shape !== "number" || typeof rate !== "number") return Number.NaN;
  // A shape or rate that is not positive and finite has no gamma law: NaN (the recursion below would not end).
  if (!(shape > 0 && shape < Number.POSITIVE_INFINITY && rate > 0 && rate < Number.POSITIVE_INFINITY))
    return Number.NaN;
  if (shape < 1) return sampleGamma(random, shape + 1, rate) * openUniform(random) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = openUniform(random);
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}
