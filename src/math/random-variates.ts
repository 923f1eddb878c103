import type { RandomSource } from "./random-source.js";

/** Uniform in (0, 1): never exactly 0, so logarithms stay finite. @internal */
function openUniform(random: RandomSource): number {
  let u = random();
  while (u === 0) u = random();
  return u;
}

/**
 * A standard normal variate (Marsaglia polar method).
 *
 * @example
 * ```ts
 * sampleNormal(createRandomSource(1)) // a number, mean 0 and variance 1 over many draws
 * ```
 */
export function sampleNormal(random: RandomSource): number {
  for (;;) {
    const u = 2 * random() - 1;
    const v = 2 * random() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/**
 * An exponential variate with the given rate (mean 1/rate).
 *
 * @example
 * ```ts
 * sampleExponential(createRandomSource(1), 2) // mean 0.5 over many draws
 * ```
 */
export function sampleExponential(random: RandomSource, rate: number): number {
  return -Math.log(openUniform(random)) / rate;
}

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

/**
 * A beta variate, as G₁ / (G₁ + G₂) with G₁ ~ Gamma(a), G₂ ~ Gamma(b).
 *
 * @example
 * ```ts
 * sampleBeta(createRandomSource(1), 0.793, 2.426) // a dropout probability from the CDNOW BG/NBD prior
 * ```
 */
export function sampleBeta(random: RandomSource, a: number, b: number): number {
  const x = sampleGamma(random, a);
  const y = sampleGamma(random, b);
  return x + y === 0 ? (random() < a / (a + b) ? 1 : 0) : x / (x + y);
}
