import { createRandomSource, type RandomSource } from "../../math/random-source.js";
import { sampleBeta } from "../../math/sample-beta.js";
import { sampleGamma } from "../../math/sample-gamma.js";
import { checkCount, checkPositiveParameters, MAX_SIMULATED } from "../../schemas/summary-columns.js";
import type { SimulateOptions } from "../bgnbd/simulate.js";
import { purchasesUntilDropout } from "../purchases-until-dropout.js";
import { simulationHorizons } from "../simulation-options.js";
import { type CnbdParams, checkK, PARAMETER_NAMES } from "./data.js";

/** Simulated (M)BG/CNBD-k customers, with litt for fitting k. */
export interface SimulatedCnbdCustomers {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  readonly sumLogInterPurchaseTimes: Float64Array;
  readonly holdoutFrequency: Float64Array;
}

/** Simulates one variant (shift 1: dropout coin after the first purchase too). @internal */
export function simulateCnbd(
  params: CnbdParams,
  count: number,
  options: SimulateOptions,
  shift: number,
): SimulatedCnbdCustomers {
  params = checkPositiveParameters(params, PARAMETER_NAMES, "(M)BG/CNBD-k parameters");
  const k = checkK(params.k);
  checkCount(count, "count", "simulation options", MAX_SIMULATED);
  const { T: horizons, holdout } = simulationHorizons(options, count, { seed: true, T: true, holdout: true });
  const random = createRandomSource(options.seed);
  const out = {
    frequency: new Float64Array(count),
    recency: new Float64Array(count),
    T: new Float64Array(count),
    sumLogInterPurchaseTimes: new Float64Array(count),
    holdoutFrequency: new Float64Array(count),
  };
  for (let customer = 0; customer < count; customer++) {
    const horizon = horizons[customer] as number;
    const lambda = sampleGamma(random, params.r, params.alpha);
    const p = sampleBeta(random, params.a, params.b);
    let alive = !(shift === 1 && random() < p);
    let time = 0;
    while (alive) {
      const gap = sampleGamma(random, k, lambda);
      time += gap;
      if (time > horizon + holdout) break;
      if (time <= horizon) {
        out.frequency[customer] = (out.frequency[customer] as number) + 1;
        out.recency[customer] = time;
        out.sumLogInterPurchaseTimes[customer] = (out.sumLogInterPurchaseTimes[customer] as number) + Math.log(gap);
      } else {
        out.holdoutFrequency[customer] = (out.holdoutFrequency[customer] as number) + 1;
      }
      if (random() < p) alive = false;
    }
    out.T[customer] = horizon;
  }
  return out;
}

/**
 * A draw of a customer's repeat purchases in (T, T + t] given the history: dead, or alive with the Erlang-k clock in
 * phase j, with the probabilities `weights` (P(alive, phase j | x, t_x, T), as {@link alivePhaseWeights} gives
 * them); given phase j, λ ~ Gamma(r + kx + j, α + T), the next purchase after Gamma(k − j, λ), later ones after
 * Gamma(k, λ), and p ~ Beta(a, b + x + shift) with a dropout coin after each purchase. With k = 1 and the one weight
 * P(alive), the BG/NBD's (shift 0) and MBG/NBD's (shift 1) draw. @internal
 */
export function simulateFutureKernel(
  p: CnbdParams,
  weights: Float64Array,
  x: number,
  T: number,
  t: number,
  shift: number,
  random: RandomSource,
): number {
  let u = random();
  let phase = 0;
  while (phase < p.k && u >= (weights[phase] as number)) {
    u -= weights[phase] as number;
    phase += 1;
  }
  if (phase === p.k) return 0;
  const lambda = sampleGamma(random, p.r + p.k * x + phase, p.alpha + T);
  const dropout = sampleBeta(random, p.a, p.b + x + shift);
  return purchasesUntilDropout(random, t, dropout, (first) => sampleGamma(random, first ? p.k - phase : p.k, lambda));
}
