import { InvalidInputError } from "../errors.js";
import { readProgress } from "../input/progress.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import { choleskyLower } from "../math/cholesky-lower.js";
import { normalQuantile } from "../math/normal-quantile.js";
import { type Money, MoneyDecimal } from "../money/decimal.js";
import type { AssumptionsByVehicle } from "../psv/assess/vehicle-assumptions.js";
import {
  type AssessCustomersOptions,
  type AssessCustomersResult,
  assessCustomers,
  readAssessCustomersOptions,
} from "../psv/assess-customers.js";
import { checkAssumptions, type PsvAssumptions } from "../psv/assumptions.js";
import { fromWorking, toWorking, type WorkingScale } from "../psv/calibrate/judge-estimate.js";
import { checkLevel } from "./interval.js";

/** Options of {@link assessmentIntervals}. */
export interface AssessmentIntervalOptions {
  /** The intervals' probability, in (0, 1) (default 0.9). */
  readonly level?: number;
}

/** The values that get intervals. */
export type IntervalValue = "obtainableValue" | "obtainableLifetimeValue" | "saveableValue" | "winBackValue";

/** Intervals of an assessment's values: per customer (in the order of its columns) and for the totals. */
export interface AssessmentIntervals {
  readonly level: number;
  /** The assessment at the assumptions given (as `psv.assessCustomers` returns it). */
  readonly assessment: AssessCustomersResult;
  /** Per customer, in the order of `assessment.columns`: each value's low and high (money as numbers, rounded). */
  readonly columns: Readonly<Record<IntervalValue, { readonly low: Float64Array; readonly high: Float64Array }>>;
  /** The totals' intervals. */
  readonly totals: Readonly<Record<IntervalValue, { readonly low: Money; readonly high: Money }>>;
  /** Directions of the assumptions' sampling error assessed (two assessments each, after the one at the values). */
  readonly directions: number;
  /** What the intervals leave out, in words. */
  readonly leftOut: readonly string[];
}

const SUBJECT = "assessment interval options";
const VALUES: readonly IntervalValue[] = [
  "obtainableValue",
  "obtainableLifetimeValue",
  "saveableValue",
  "winBackValue",
];
/** Estimated assumptions `psv.assessCustomers` does not read (the schedule-only `psv.score` does). */
const NOT_ASSESSED = new Set(["retentionInWarranty", "retentionPostWarranty"]);
const LEFT_OUT = [
  "assumptions kept from the fallback (they are assumptions, not estimates)",
  "the visit delay quantiles' sampling error",
  "the sampling error of the reminder's stage factors and reach",
  "whether the model itself is right (only the calibration's sampling error is in the intervals)",
];

/**
 * Intervals on each owner's obtainable, lifetime, saveable and win-back value, and on their totals, from the sampling
 * error of the calibrated assumptions: the `sampling` record `psv.calibrate` leaves in them (the owner-behaviour
 * estimates with their joint fit's correlations, the rates and tickets, the repair rates by age year) and the
 * covariance of a learned reminder effect. The delta method with symmetric differences: along each column ℓⱼ of
 * the Cholesky factor of that covariance (on the estimates' working scales: log, logit, identity), the assessment is
 * repeated at θ ± ℓⱼ, and each value's variance is Σⱼ ((f(θ+ℓⱼ) − f(θ−ℓⱼ))/2)²; the interval is the value ± z
 * standard deviations, at least 0. It costs 2K + 1 assessments for K estimates (about 30 for a dealer with a few
 * years of history; the reminder effect adds 11). With per-vehicle assumptions, each set's error is its own.
 *
 * @param options - As `psv.assessCustomers` takes them; `assumptions` from `psv.calibrate` (with `sampling`).
 * @param intervalOptions - `level` (default 0.9).
 * @throws InvalidInputError for bad options, or assumptions without any sampling error (not calibrated).
 *
 * @example
 * ```ts
 * const owners = generateDealerData({ vehicles: 300, seed: 1, asOf: "2024-06-01" });
 * const vehicles = owners.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId })));
 * const serviceEvents = owners.flatMap((c) => c.serviceEvents);
 * const { assumptions } = psv.calibrate({ vehicles, serviceEvents, asOf: "2024-06-01" });
 * const ranges = uncertainty.assessmentIntervals({ vehicles, serviceEvents, asOf: "2024-06-01", assumptions });
 * ranges.totals.obtainableValue.low.lte(ranges.assessment.totals.obtainableValue) // true
 * ```
 */
export function assessmentIntervals(
  options: AssessCustomersOptions,
  intervalOptions: AssessmentIntervalOptions = {},
): AssessmentIntervals {
  const { level = 0.9 } = readOptions<AssessmentIntervalOptions>(SUBJECT, intervalOptions, {
    level: true,
  } as OptionNames<AssessmentIntervalOptions>);
  checkLevel(level, SUBJECT);
  options = readAssessCustomersOptions(options);
  const report = readProgress("assessCustomers options", options);
  const { onProgress: _, ...inner } = options; // the intervals report progress; the signal goes to each assessment
  const assessment = assessCustomers(inner);
  const sets = assumptionSets(options.assumptions);
  const directions = sets.flatMap((set, index) => samplingDirections(set, index));
  if (directions.length === 0)
    throw new InvalidInputError(SUBJECT, [
      {
        code: "custom",
        path: ["assumptions"],
        message:
          "carry no sampling error: intervals need assumptions from psv.calibrate (their `sampling`), or a learned reminder effect",
      },
    ]);
  const spread = newSpread(assessment);
  directions.forEach((direction, j) => {
    report("assessments", (2 * j + 1) / (2 * directions.length + 1));
    const plus = assessCustomers({
      ...inner,
      rows: 0,
      assumptions: perturbed(options.assumptions, sets, direction, 1),
    });
    const minus = assessCustomers({
      ...inner,
      rows: 0,
      assumptions: perturbed(options.assumptions, sets, direction, -1),
    });
    addDirection(spread, plus, minus);
  });
  report("done", 1);
  const decimals = options.rounding?.decimalPlaces ?? 2;
  const intervals = spreadIntervals(spread, assessment, normalQuantile(1 - (1 - level) / 2), decimals);
  return { level, assessment, ...intervals, directions: directions.length, leftOut: LEFT_OUT };
}

/**
 * The assumption sets of the options, checked (amounts given as text or Decimals read as numbers), in the order of
 * `psv.assessCustomers`: the one, or the default then `by`'s; undefined for the defaults (no sampling error).
 */
function assumptionSets(assumptions: AssessCustomersOptions["assumptions"]): (PsvAssumptions | undefined)[] {
  if (typeof assumptions !== "object" || assumptions === null) return [undefined];
  if (!("by" in assumptions)) return [checkAssumptions(assumptions)];
  const byVehicle = assumptions as AssumptionsByVehicle;
  return [byVehicle.default, ...Object.values(byVehicle.by)].map(checkAssumptions);
}

/** One direction of a set's sampling error: the working-scale shift of each estimate it moves. */
interface Direction {
  readonly set: number;
  readonly shifts: readonly { readonly name: string; readonly scale: WorkingScale; readonly shift: number }[];
}

/**
 * The columns of the Cholesky factor of a set's sampling covariance (the calibrated estimates `psv.assessCustomers`
 * reads, with a positive variance) and of its learned reminder effect's covariance.
 */
function samplingDirections(assumptions: PsvAssumptions | undefined, set: number): Direction[] {
  if (assumptions === undefined) return []; // the defaults: no sampling error
  const blocks: { names: string[]; scales: WorkingScale[]; covariance: (i: number, j: number) => number }[] = [];
  const { sampling, reminderEffectCovariance } = assumptions;
  if (sampling !== undefined) {
    const kept = sampling.names.flatMap((name, index) =>
      NOT_ASSESSED.has(name) || !(((sampling.covariance[index] as readonly number[])[index] as number) > 0)
        ? []
        : [index],
    );
    blocks.push({
      names: kept.map((index) => sampling.names[index] as string),
      scales: kept.map((index) => sampling.scales[index] as WorkingScale),
      covariance: (i, j) => (sampling.covariance[kept[i] as number] as readonly number[])[kept[j] as number] as number,
    });
  }
  if (reminderEffectCovariance !== undefined) {
    const bands = reminderEffectCovariance.flatMap((row, band) => ((row[band] as number) > 0 ? [band] : []));
    blocks.push({
      names: bands.map((band) => `reminderEffectByLead.${band}`),
      scales: bands.map(() => "identity"),
      covariance: (i, j) =>
        (reminderEffectCovariance[bands[i] as number] as readonly number[])[bands[j] as number] as number,
    });
  }
  return blocks.flatMap((block) => blockDirections(block, set));
}

/** The Cholesky columns of one block, as directions; a covariance that is not positive definite is a typed error. */
function blockDirections(
  block: { names: string[]; scales: WorkingScale[]; covariance: (i: number, j: number) => number },
  set: number,
): Direction[] {
  const n = block.names.length;
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) matrix[i * n + j] = block.covariance(i, j);
  const lower = choleskyLower(matrix, n);
  if (lower === undefined)
    throw new InvalidInputError(SUBJECT, [
      { code: "custom", path: ["assumptions", "sampling"], message: "its covariance is not positive definite" },
    ]);
  return block.names.map((_, j) => ({
    set,
    shifts: block.names.flatMap((name, i) =>
      i < j ? [] : [{ name, scale: block.scales[i] as WorkingScale, shift: lower[i * n + j] as number }],
    ),
  }));
}

/** The options' assumptions with one set moved by `sign` × a direction (on the working scales, kept in range). */
function perturbed(
  assumptions: AssessCustomersOptions["assumptions"],
  sets: readonly (PsvAssumptions | undefined)[],
  direction: Direction,
  sign: 1 | -1,
): PsvAssumptions | AssumptionsByVehicle {
  const base = sets[direction.set] as PsvAssumptions;
  const moved: Record<string, unknown> = { ...base };
  for (const { name, scale, shift } of direction.shifts) {
    const dot = name.lastIndexOf(".");
    const key = dot < 0 ? name : name.slice(0, dot);
    const index = dot < 0 ? -1 : Number(name.slice(dot + 1));
    const list = index < 0 ? undefined : [...(moved[key] as readonly number[])];
    const value = list === undefined ? (moved[key] as number) : (list[index] as number);
    const next = withinRange(key, fromWorking(toWorking(value, scale) + sign * shift, scale));
    if (list === undefined) moved[key] = next;
    else {
      list[index] = next;
      moved[key] = list;
    }
  }
  const set = moved as unknown as PsvAssumptions;
  if (assumptions === undefined || !("by" in assumptions)) return set;
  const byVehicle = assumptions as AssumptionsByVehicle;
  if (direction.set === 0) return { ...byVehicle, default: set };
  const keys = Object.keys(byVehicle.by);
  return { ...byVehicle, by: { ...byVehicle.by, [keys[direction.set - 1] as string]: set } };
}

/** Values on an identity scale kept where the assumptions allow them: reminder effects in [0, 1], ages ≥ 0.1 year. */
function withinRange(key: string, value: number): number {
  if (key === "reminderEffectByLead") return Math.min(1, Math.max(0, value));
  if (key === "replacementAgeYears") return Math.max(0.1, value);
  return value;
}

/** Each value's variance so far, per customer (the point assessment's order) and for the totals. */
interface Spread {
  readonly position: Map<string | number, number>;
  readonly customers: Record<IntervalValue, Float64Array>;
  readonly totals: Record<IntervalValue, number>;
}

function newSpread(assessment: AssessCustomersResult): Spread {
  const ids = assessment.columns.customerId;
  const count = ids.length;
  return {
    position: new Map(ids.map((id, index) => [id, index])),
    customers: Object.fromEntries(VALUES.map((value) => [value, new Float64Array(count)])) as Spread["customers"],
    totals: Object.fromEntries(VALUES.map((value) => [value, 0])) as Spread["totals"],
  };
}

/** Adds one direction's squared half difference to every value's variance. */
function addDirection(spread: Spread, plus: AssessCustomersResult, minus: AssessCustomersResult): void {
  const minusAt = new Int32Array(plus.columns.customerId.length);
  const minusPosition = new Map(minus.columns.customerId.map((id, index) => [id, index]));
  plus.columns.customerId.forEach((id, index) => {
    minusAt[index] = minusPosition.get(id) ?? -1;
  });
  for (const value of VALUES) {
    const variance = spread.customers[value];
    const up = plus.columns[value];
    const down = minus.columns[value];
    plus.columns.customerId.forEach((id, index) => {
      const at = spread.position.get(id);
      const other = minusAt[index] as number;
      if (at === undefined || other < 0) return;
      const half = ((up[index] as number) - (down[other] as number)) / 2;
      variance[at] = (variance[at] as number) + half * half;
    });
    const half = (plus.totals[value].toNumber() - minus.totals[value].toNumber()) / 2;
    spread.totals[value] += half * half;
  }
}

/** value ± z √variance, at least 0: per customer (rounded as the assessment rounds) and for the totals. */
function spreadIntervals(
  spread: Spread,
  assessment: AssessCustomersResult,
  z: number,
  decimals: number,
): Pick<AssessmentIntervals, "columns" | "totals"> {
  const places = 10 ** decimals;
  const round = (value: number) => Math.round(value * places) / places;
  const columns = Object.fromEntries(
    VALUES.map((value) => {
      const point = assessment.columns[value];
      const variance = spread.customers[value];
      const low = Float64Array.from(point, (x, i) => round(Math.max(0, x - z * Math.sqrt(variance[i] as number))));
      const high = Float64Array.from(point, (x, i) => round(x + z * Math.sqrt(variance[i] as number)));
      return [value, { low, high }];
    }),
  ) as AssessmentIntervals["columns"];
  const totals = Object.fromEntries(
    VALUES.map((value) => {
      const point = assessment.totals[value].toNumber();
      const half = z * Math.sqrt(spread.totals[value]);
      const money = (x: number) => new MoneyDecimal(x).toDecimalPlaces(decimals);
      return [value, { low: money(Math.max(0, point - half)), high: money(point + half) }];
    }),
  ) as AssessmentIntervals["totals"];
  return { columns, totals };
}
