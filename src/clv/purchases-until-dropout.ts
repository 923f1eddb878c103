import type { RandomSource } from "../math/random-source.js";

/**
 * The purchases of an alive customer in (0, t] when each purchase is followed by a dropout with probability
 * `dropout` (the BG/NBD's coin): gaps between purchases from `gap(first)`, the first gap from the customer's current
 * state. At most 1e6 purchases (a rate and horizon beyond any data). @internal
 */
export function purchasesUntilDropout(
  random: RandomSource,
  t: number,
  dropout: number,
  gap: (first: boolean) => number,
): number {
  let time = gap(true);
  let count = 0;
  while (time <= t && count < 1e6) {
    count += 1;
    if (random() < dropout) break;
    time += gap(false);
  }
  return count;
}
