import { createRandomSource } from "../../math/random-source.js";
import { sampleBeta } from "../../math/sample-beta.js";
import { sampleExponential } from "../../math/sample-exponential.js";
import { sampleGamma } from "../../math/sample-gamma.js";
import { checkCount, checkPositiveParameters, MAX_SIMULATED } from "../../schemas/summary-columns.js";
import { rowParams, simulationPredictors } from "../covariates/individual-params.js";
import { simulationHorizons } from "../simulation-options.js";
import { type BgnbdParams, PARAMETER_NAMES } from "./log-likelihood.js";
import { COVARIATE_EFFECTS } from "./predict-family.js";

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Seed of the random source (same seed, same customers). */
  readonly seed: number;
  /** Observation length T per customer (time since the first purchase), one value for all or one per customer. */
  readonly T: number | ArrayLike<number>;
  /** Optional holdout length after T: the simulation also counts purchases in (T, T + holdout]. */
  readonly holdout?: number;
  /**
   * Covariate columns by name, one value per customer, for params with covariate coefficients: each customer is
   * simulated with its own parameters (see the model's `individualParams`).
   */
  readonly covariates?: Readonly<Record<string, ArrayLike<number>>>;
}

/** Simulated customers as columns, plus the latent truth. */
export interface SimulatedCustomers {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  /** Repeat purchases in (T, T + holdout] (zeros without a holdout). */
  readonly holdoutFrequency: Float64Array;
  /** Whether each customer was still alive at T. */
  readonly aliveAtT: Uint8Array;
}

/**
 * Simulates customers from the BG/NBD story (FHL 2005, section 2): λ ~ Gamma(r, α), p ~ Beta(a, b); purchases
 * follow a Poisson process with rate λ from a first purchase at 0; after each repeat purchase the customer drops
 * out with probability p.
 *
 * @param params - `{ r, alpha, a, b }`.
 * @param count - Number of customers.
 * @param options - Seed, observation length T and optional holdout.
 *
 * @example
 * ```ts
 * bgnbd.simulate({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 1000, { seed: 1, T: 39 }).frequency.length // 1000
 * ```
 */
export function simulate(params: BgnbdParams, count: number, options: SimulateOptions): SimulatedCustomers {
  return simulateBgnbdFamily(params, count, options, false);
}

/** Simulates the BG/NBD (modified = false) or the MBG/NBD, where the first purchase may also end the life. @internal */
export function simulateBgnbdFamily(
  params: BgnbdParams,
  count: number,
  options: SimulateOptions,
  modified: boolean,
): SimulatedCustomers {
  params = checkPositiveParameters(params, PARAMETER_NAMES, modified ? "MBG/NBD parameters" : "BG/NBD parameters");
  checkCount(count, "count", "simulation options", MAX_SIMULATED);
  const { T: horizons, holdout } = simulationHorizons(options, count);
  const predictors = simulationPredictors(params, ["transaction", "lifetime"], options.covariates, count);
  const random = createRandomSource(options.seed);
  const frequency = new Float64Array(count);
  const recency = new Float64Array(count);
  const T = new Float64Array(count);
  const holdoutFrequency = new Float64Array(count);
  const aliveAtT = new Uint8Array(count);
  for (let customer = 0; customer < count; customer++) {
    const horizon = horizons[customer] as number;
    const own = predictors ? rowParams(params, COVARIATE_EFFECTS, predictors, customer) : params;
    const lambda = sampleGamma(random, own.r, own.alpha);
    const p = sampleBeta(random, own.a, own.b);
    let time = 0;
    let x = 0;
    let last = 0;
    let future = 0;
    let alive = !(modified && random() < p); // the MBG/NBD coin after the first purchase
    let deathTime = alive ? Number.POSITIVE_INFINITY : 0;
    while (alive) {
      time += sampleExponential(random, lambda);
      if (time > horizon + holdout) break;
      if (time <= horizon) {
        x += 1;
        last = time;
      } else {
        future += 1;
      }
      if (random() < p) {
        alive = false;
        deathTime = time;
      }
    }
    frequency[customer] = x;
    recency[customer] = last;
    T[customer] = horizon;
    holdoutFrequency[customer] = future;
    aliveAtT[customer] = deathTime > horizon ? 1 : 0;
  }
  return { frequency, recency, T, holdoutFrequency, aliveAtT };
}
