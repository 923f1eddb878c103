import type { RandomSource } from "./random-source.js";

/**
 * A standard normal variate (Marsaglia polar method).
 *
 * @example
 * ```ts
 * sampleNormal(createRandomSource(1)) // a number, mean 0 and variance 1 over many draws
 * ```
 */
export function sampleNormal(random: RandomSource): number {
  if (typeof random !== "function") return Number.NaN;
  for (;;) {
    const u = 2 * random() - 1;
    const v = 2 * random() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}
