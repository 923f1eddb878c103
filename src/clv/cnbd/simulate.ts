import { createRandomSource } from "../../math/random-source.js";
import { sampleBeta } from "../../math/sample-beta.js";
import { sampleGamma } from "../../math/sample-gamma.js";
import { checkCount, checkPositiveParameters, MAX_SIMULATED } from "../../schemas/summary-columns.js";
import type { SimulateOptions } from "../bgnbd/simulate.js";
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
