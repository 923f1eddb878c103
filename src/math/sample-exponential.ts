import { openUniform } from "./open-uniform.js";
import type { RandomSource } from "./random-source.js";

/**
 * An exponential variate with the given rate (mean 1/rate).
 *
 * @example
 * ```ts
 * sampleExponential(createRandomSource(1), 2) // mean 0.5 over many draws
 * ```
 */
export function sampleExponential(random: RandomSource, rate: number): number {
  if (typeof random !== "function" || typeof rate !== "number") return Number.NaN;
  return -Math.log(openUniform(random)) / rate;
}
