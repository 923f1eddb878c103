import { normalCdf } from "./normal-cdf.js";

/** The standard normal quantile at p (0 < p < 1), by bisection on normalCdf (to its 1.2e-7 accuracy). @internal */
export function normalQuantile(p: number): number {
  let low = -40;
  let high = 40;
  for (let step = 0; step < 100; step++) {
    const middle = (low + high) / 2;
    if (normalCdf(middle) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
