import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { numberColumn } from "../input/columns.js";

/** The most period ends a tracking curve has, and the most (period, birth day) expectations it may need. */
const MAX_PERIODS = 100_000;
const MAX_EVALUATIONS = 100_000;

function fail(subject: string, path: string, message: string): never {
  throw new InvalidInputError(subject, [{ code: "custom", path: [path], message }]);
}

/**
 * Expected cumulative repeat transactions of a cohort whose customers were born at different times, at the end of
 * each of `periods` equal periods of (0, totalTime], as BTYD's `*.ExpectedCumulativeTransactions` defines it:
 * the calibration periods all end together, so customer i is born at max(T) − Tᵢ, and the cohort's expectation at
 * time τ is Σ over customers born by τ of wᵢ · E[X(τ − birthᵢ)], where E[X(t)] is the model's expected repeat
 * purchases of a new customer. The period ends are R's `seq(totalTime / periods, totalTime, length.out = periods)`.
 * E[X(t)] is evaluated once per distinct age (cohorts share few birth days); at most 100,000 periods and 100,000
 * (period, birth day) pairs (fewer where one expectation is costly), a typed error beyond (bounded work). @internal
 */
export function expectedCumulativeTransactionsOf(
  expected: (t: number) => number,
  calibrationT: ArrayLike<number>,
  totalTime: number,
  periods: number,
  weights: ArrayLike<number> | undefined,
  subject: string,
  maxEvaluations = MAX_EVALUATIONS,
): Float64Array {
  const births = cohortBirths(calibrationT, totalTime, periods, weights, subject);
  if (births.length * periods > maxEvaluations) {
    fail(
      subject,
      "periods",
      `× ${births.length.toLocaleString("en-US")} distinct birth days needs up to ${(births.length * periods).toLocaleString("en-US")} expectations, more than ${maxEvaluations.toLocaleString("en-US")} at these parameters: ask for fewer periods`,
    );
  }
  const memo = new Map<number, number>();
  const expectedAt = (t: number): number => {
    let value = memo.get(t);
    if (value === undefined) {
      value = t === 0 ? 0 : expected(t);
      memo.set(t, value);
    }
    return value;
  };
  const out = new Float64Array(periods);
  const first = totalTime / periods;
  const step = periods === 1 ? 0 : (totalTime - first) / (periods - 1);
  for (let period = 0; period < periods; period++) {
    const end = period === periods - 1 ? totalTime : first + period * step;
    let sum = 0;
    for (const [birth, customers] of births) {
      if (birth > end) break;
      sum += customers * expectedAt(end - birth);
    }
    out[period] = sum;
  }
  return out;
}

/** The cohort's birth times (max T − Tᵢ) with the customers born at each, in order; every argument checked. */
function cohortBirths(
  calibrationT: ArrayLike<number>,
  totalTime: number,
  periods: number,
  weights: ArrayLike<number> | undefined,
  subject: string,
): [birth: number, customers: number][] {
  if (calibrationT === null || typeof calibrationT !== "object") {
    fail(subject, "calibrationT", "must be an array of each customer's T in the calibration period");
  }
  calibrationT = numberColumn(subject, "calibrationT", calibrationT);
  if (weights !== undefined) weights = numberColumn(subject, "weights", weights);
  if (calibrationT.length === 0) fail(subject, "calibrationT", "must hold at least one customer");
  if (!(typeof totalTime === "number" && totalTime > 0 && totalTime <= 1e9)) {
    fail(subject, "totalTime", `must be a number above 0 to 1e9 (time units), got ${shown(totalTime)}`);
  }
  if (!(Number.isInteger(periods) && periods >= 1 && periods <= MAX_PERIODS)) {
    fail(subject, "periods", `must be a whole number from 1 to 100,000, got ${shown(periods)}`);
  }
  if (weights !== undefined && weights.length !== calibrationT.length) {
    fail(subject, "weights", `has ${weights.length} values but calibrationT has ${calibrationT.length}`);
  }
  let latest = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < calibrationT.length; index++) {
    const T = calibrationT[index] as number;
    if (!(typeof T === "number" && Number.isFinite(T) && T >= 0)) {
      throw new InvalidInputError(
        subject,
        [{ code: "custom", path: ["calibrationT"], message: `must be a finite number ≥ 0, got ${shown(T)}` }],
        index,
      );
    }
    const w = weights === undefined ? 1 : (weights[index] as number);
    if (!(typeof w === "number" && Number.isFinite(w) && w > 0)) {
      throw new InvalidInputError(
        subject,
        [{ code: "custom", path: ["weights"], message: `must be a finite number > 0, got ${shown(w)}` }],
        index,
      );
    }
    if (T > latest) latest = T;
  }
  const customersByBirth = new Map<number, number>();
  for (let index = 0; index < calibrationT.length; index++) {
    const birth = latest - (calibrationT[index] as number);
    customersByBirth.set(
      birth,
      (customersByBirth.get(birth) ?? 0) + (weights === undefined ? 1 : (weights[index] as number)),
    );
  }
  return [...customersByBirth.entries()].sort((left, right) => left[0] - right[0]);
}
