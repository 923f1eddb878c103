import type { RandomSource } from "../math/random-source.js";
import { sampleExponential } from "../math/sample-exponential.js";

/**
 * A customer bootstrap of grouped data: N = round(Σ w) customers drawn with replacement, row i with probability
 * w_i / Σ w, returned as each row's new count (a multinomial draw). N sorted uniforms come from normalised sums of
 * exponentials, so a draw costs O(N + rows) whatever the weights. @internal
 */
export function resampleWeights(weight: Float64Array, random: RandomSource): Float64Array {
  let total = 0;
  for (let i = 0; i < weight.length; i++) total += weight[i] as number;
  const customers = Math.max(1, Math.round(total));
  const counts = new Float64Array(weight.length);
  const gaps = new Float64Array(customers + 1);
  let span = 0;
  for (let j = 0; j <= customers; j++) {
    const gap = sampleExponential(random, 1);
    gaps[j] = gap;
    span += gap;
  }
  let uniform = 0;
  let row = 0;
  let cumulative = (weight[0] as number) / total;
  for (let j = 0; j < customers; j++) {
    uniform += (gaps[j] as number) / span;
    while (uniform > cumulative && row < weight.length - 1) {
      row += 1;
      cumulative += (weight[row] as number) / total;
    }
    counts[row] = (counts[row] as number) + 1;
  }
  return counts;
}
