import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
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
  const { periods } = options;
  if (
    !(
      Number.isInteger(cohortSize) &&
      cohortSize > 0 &&
      cohortSize <= 1_000_000 &&
      Number.isInteger(periods) &&
      periods >= 1 &&
      periods <= 1_000_000
    )
  ) {
    throw new InvalidInputError("simulation options", [
      {
        code: "custom",
        path: ["cohortSize"],
        message: `cohortSize must be a whole number from 1 to 1,000,000 and periods one from 1 to 1,000,000, got ${shown(cohortSize)} and ${shown(periods)}`,
      },
    ]);
  }
  const random = createRandomSource(options.seed);
  // Each customer's periods survived is geometric given θ: one draw, not one per period (work ∝ cohort + periods).
  const lasted = new Float64Array(periods + 1);
  for (let customer = 0; customer < cohortSize; customer++) {
    const theta = sampleBeta(random, params.alpha, params.beta);
    const survived = Math.floor(Math.log(1 - random()) / Math.log1p(-theta));
    const index = Number.isFinite(survived) && survived < periods ? Math.max(0, survived) : periods;
    lasted[index] = (lasted[index] as number) + 1;
  }
  const survivors = new Array<number>(periods + 1).fill(0);
  let alive = 0;
  for (let t = periods; t >= 0; t--) {
    alive += lasted[t] as number;
    survivors[t] = alive;
  }
  return { survivors };
}
