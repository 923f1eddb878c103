import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { numberField } from "../../input/columns.js";
import { type OptionNames, readOptions } from "../../input/read-options.js";
import { checkHorizon, MAX_FREQUENCY } from "../../schemas/summary-columns.js";
import { groupPatterns } from "../group-patterns.js";

/** Options of `<model>.expectationFactors`. */
export interface ExpectationFactorOptions {
  /** The horizon t of the expected purchases, in the summaries' time units. */
  readonly horizon: number;
}

/** The (x, T) pairs of customers, as rows or columns. */
export type FrequencyAgeInput =
  | readonly { readonly frequency: number; readonly T: number }[]
  | { readonly frequency: ArrayLike<number | bigint>; readonly T: ArrayLike<number> };

/** A factor table to load into the warehouse: one row per distinct (frequency, T), joined on both. */
export interface ExpectationFactors {
  readonly frequency: Float64Array;
  readonly T: Float64Array;
  /** E[Y(t) | x, T, alive]: the expected purchases over the horizon of a customer still alive. */
  readonly factor: Float64Array;
}

const OPTION_NAMES: OptionNames<ExpectationFactorOptions> = { horizon: true };

/** The (x, T) columns, checked: x a whole number from 0, T from 0 to 1e9; a bad row is an error naming it. */
function readPairs(input: FrequencyAgeInput, subject: string): { frequency: Float64Array; T: Float64Array } {
  if (input === null || typeof input !== "object")
    throw new InvalidInputError(subject, [{ code: "invalid_type", path: [], message: "must be rows or columns" }]);
  const frequency = numberField(subject, input, "frequency");
  const T = numberField(subject, input, "T");
  if (frequency === undefined || T === undefined || frequency.length !== T.length)
    throw new InvalidInputError(subject, [
      { code: "invalid_type", path: [], message: "needs frequency and T columns of one length" },
    ]);
  for (let index = 0; index < frequency.length; index++) {
    const x = frequency[index] as number;
    const t = T[index] as number;
    if (!(Number.isInteger(x) && x >= 0 && x <= MAX_FREQUENCY))
      throw new InvalidInputError(
        subject,
        [{ code: "custom", path: ["frequency"], message: `must be a whole number from 0, got ${shown(x)}` }],
        index,
      );
    if (!(t >= 0 && t <= 1e9))
      throw new InvalidInputError(
        subject,
        [{ code: "custom", path: ["T"], message: `must be a number from 0 to 1e9, got ${shown(t)}` }],
        index,
      );
  }
  return { frequency, T };
}

/**
 * The conditional expectation's factor given alive for each distinct (x, T): E[Y(t) | x, t_x, T] = P(alive | x, t_x,
 * T) × factor(x, T) for the one-phase models, so that a warehouse computes the expectation as its SQL P(alive) times
 * a joined factor. `factorOf(t)` is the model's factor at horizon t, of parameters the caller has checked. @internal
 */
export function expectationFactorsOf(
  label: string,
  factorOf: (t: number) => (x: number, T: number) => number,
  pairs: FrequencyAgeInput,
  options: ExpectationFactorOptions,
): ExpectationFactors {
  const subject = `${label} expectation factors`;
  const { horizon } = readOptions<ExpectationFactorOptions>(subject, options, OPTION_NAMES, { optional: false });
  checkHorizon(horizon, "horizon", subject);
  const columns = readPairs(pairs, "customer (frequency, T)");
  const distinct = groupPatterns(columns.frequency, new Float64Array(columns.T.length), columns.T, undefined);
  const factorAt = factorOf(horizon);
  const factor = new Float64Array(distinct.frequency.length);
  for (let index = 0; index < factor.length; index++)
    factor[index] = factorAt(distinct.frequency[index] as number, distinct.T[index] as number);
  return { frequency: distinct.frequency, T: distinct.T, factor };
}
