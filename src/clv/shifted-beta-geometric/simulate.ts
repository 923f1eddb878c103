import { InvalidInputError } from "../../errors.js";
import { readOptions } from "../../input/read-options.js";
import { createRandomSource } from "../../math/random-source.js";
import { sampleBeta } from "../../math/sample-beta.js";
import { checkPositiveParameters } from "../../schemas/summary-columns.js";
import { checkSeed } from "../simulation-options.js";
import { PARAMETER_NAMES, type RetentionSeries, type ShiftedBetaGeometricParams } from "./log-likelihood.js";

/**
 * Simulates a cohort: each customer draws θ ~ Beta(α, β) and churns at each renewal with probability θ.
 * Returns the survivor series for t = 0 … periods.
 *
 * @example
 * ```ts
 * shiftedBetaGeometric.simulate({ alpha: 0.7, beta: 1.2 }, 1000, { seed: 1, periods: 7 }).survivors.length // 8
 * ```
 */
export function simulate(
  params: ShiftedBetaGeometricParams,
  cohortSize: number,
  options: { seed: number; periods: number },
): RetentionSeries & { survivors: number[] } {
  params = checkPositiveParameters(params, PARAMETER_NAMES, "shifted-beta-geometric parameters");
  options = readOptions<typeof options>(
    "simulation options",
    options,
    { seed: true, periods: true },
    { optional: false },
  );
  checkSeed(options.seed);
  if (!(Number.isInteger(cohortSize) && cohortSize > 0 && Number.isInteger(options.periods) && options.periods >= 1)) {
    throw new InvalidInputError("simulation options", [
      { code: "custom", path: ["cohortSize"], message: "cohortSize and periods must be whole numbers ≥ 1" },
    ]);
  }
  const random = createRandomSource(options.seed);
  const survivors = new Array<number>(options.periods + 1).fill(0);
  for (let customer = 0; customer < cohortSize; customer++) {
    const theta = sampleBeta(random, params.alpha, params.beta);
    survivors[0] = (survivors[0] as number) + 1;
    for (let t = 1; t <= options.periods; t++) {
      if (random() < theta) break;
      survivors[t] = (survivors[t] as number) + 1;
    }
  }
  return { survivors };
}
