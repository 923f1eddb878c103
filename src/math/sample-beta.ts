import type { RandomSource } from "./random-source.js";
import { sampleGamma } from "./sample-gamma.js";

/**
 * A beta variate, as G₁ / (G₁ + G₂) with G₁ ~ Gamma(a), G₂ ~ Gamma(b).
 *
 * @example
 * ```ts
 * sampleBeta(createRandomSource(1), 0.793, 2.426) // a dropout probability from the CDNOW BG/NBD prior
 * ```
 */
export function sampleBeta(random: RandomSource, a: number, b: number): number {
  if (typeof random !== "function" || typeof a !== "number" || typeof b !== "number") return Number.NaN;
  const x = sampleGamma(random, a);
  const y = sampleGamma(random, b);
  return x + y === 0 ? (random() < a / (a + b) ? 1 : 0) : x / (x + y);
}
