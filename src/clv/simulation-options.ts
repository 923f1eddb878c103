import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import type { SimulateOptions } from "./bgnbd/simulate.js";

const NAMES: OptionNames<SimulateOptions> = { seed: true, T: true, holdout: true, covariates: true };

/** Checks a simulation's seed: an integer (its low 32 bits seed the generator). @internal */
export function checkSeed(seed: unknown): void {
  if (!Number.isInteger(seed))
    throw new InvalidInputError("simulation options", [
      { code: "custom", path: ["seed"], message: `must be an integer, got ${shown(seed)}` },
    ]);
}

/**
 * Checks the options of a continuous-time simulation and returns each customer's T and the holdout: an integer
 * seed, T a finite number ≥ 0 (one for all, or one per customer, as many as customers) and a holdout ≥ 0. A negative
 * T gave rows of NaN before. @internal
 */
export function simulationHorizons(
  options: SimulateOptions,
  count: number,
  names: OptionNames<SimulateOptions> | OptionNames<Omit<SimulateOptions, "covariates">> = NAMES,
): { T: Float64Array; holdout: number } {
  const subject = "simulation options";
  const fail = (path: string, message: string, rowIndex?: number): never => {
    throw new InvalidInputError(subject, [{ code: "custom", path: [path], message }], rowIndex);
  };
  readOptions(subject, options, names, { optional: false });
  checkSeed(options.seed);
  const holdout = options.holdout ?? 0;
  if (!(typeof holdout === "number" && Number.isFinite(holdout) && holdout >= 0)) {
    fail("holdout", `must be a finite number ≥ 0, got ${shown(holdout)}`);
  }
  const T = new Float64Array(count);
  if (typeof options.T === "number") {
    T.fill(options.T);
  } else if (options.T !== null && typeof options.T === "object" && typeof options.T.length === "number") {
    if (options.T.length !== count) fail("T", `has ${options.T.length} values for ${count} customers`);
    for (let index = 0; index < count; index++) T[index] = options.T[index] as number;
  } else {
    fail("T", "must be a number or one number per customer");
  }
  T.forEach((value, index) => {
    if (!(Number.isFinite(value) && value >= 0)) fail("T", `must be a finite number ≥ 0, got ${shown(value)}`, index);
  });
  return { T, holdout };
}
