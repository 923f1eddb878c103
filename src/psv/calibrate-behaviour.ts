import { type Reporter, SILENT } from "../input/progress.js";
import { gradientHessian } from "../math/gradient-hessian.js";
import { invertPositiveDefinite } from "../math/invert-positive-definite.js";
import { minimizeLbfgs } from "../math/lbfgs.js";
import { nelderMead } from "../math/nelder-mead.js";
import { SERVICE_EVENT_TYPES } from "../schemas/event-types.js";
import type { PsvAssumptions } from "./assumptions.js";
import { behaviourLikelihood, type DecisionPattern } from "./calibrate/behaviour-likelihood.js";
import { type CalibrationEvents, EVENT_CODE, isPresence } from "./calibrate/calibration-events.js";
import { judgeEstimate, NO_PRIOR, type Uncertainty } from "./calibrate/judge-estimate.js";
import { addUnit, newRatioSums, type RatioSums, ratioSe } from "./calibrate/ratio-sums.js";
import type { EstimateSampling } from "./calibrate/sampling.js";
import {
  addShrinkageGroup,
  newShrinkageSums,
  type ShrinkageSums,
  shrinkageCount,
} from "./calibrate/shrinkage-count.js";
import { DAYS_PER_YEAR, type DueStage, scheduleFor, stageOf, walkTimeline } from "./maintenance-timeline.js";

/** One vehicle's history as the behaviour estimates need it. @internal */
export interface BehaviourVehicle {
  readonly customerKey: unknown;
  /** Its id: the key of its bootstrap weight among the vehicles whose delays spread. */
  readonly vehicleKey: unknown;
  readonly deliveryDay: number;
  readonly kmPerYear: number;
  /** Maintenance visit days, ascending. */
  readonly maintenanceDays: readonly number[];
  /** The day the owner took delivery of a later vehicle here (the old one then leaves through a trade-in), if any. */
  readonly replacedDay: number | undefined;
  /** When the owner acquired it (0 for a car bought new) and its odometer then. */
  readonly acquiredAgeDays: number;
  readonly acquiredKm: number;
  /** The day the export's history of this vehicle starts (−Infinity: from its delivery). */
  readonly historyStartDay: number;
  /** Its events, rows `first` to `end − 1` (in day order): the visits and purchases among them are the paid ones. */
  readonly events: CalibrationEvents;
  readonly first: number;
  readonly end: number;
  /** The day of the last finance payoff (undefined: none). */
  readonly payoffDay?: number | undefined;
}

/** One behaviour estimate with its evidence. @internal */
export interface BehaviourEstimate {
  readonly name:
    | "leaveBeforeFirstService"
    | "leaveAfterFirstService"
    | "leaveInWarranty"
    | "leavePostWarranty"
    | "loyaltyShape"
    | "repurchaseProbability"
    | "replacementAgeYears"
    | "replacementAgeSpreadYears"
    | "replacementAfterPayoff"
    | "visitDelayQuantilesDays"
    | "delayShrinkageVisits"
    | "priceShrinkageEvents"
    | "rateShrinkageEvents";
  readonly value: number | number[];
  /** Decisions, visits or events the estimate rests on. */
  readonly evidence: number;
  readonly note: string;
  /** Why the data cannot identify it here (a degenerate optimum), if they cannot: then the fallback is kept. */
  readonly unidentified?: string;
  /** Its standard error on its working scale (the joint fit's: from the observed information). */
  readonly uncertainty?: Uncertainty;
  /** Vehicles whose records inform it. */
  readonly vehicles?: number;
  /** An array's 95% bounds, element by element. */
  readonly bounds?: { readonly low: number[]; readonly high: number[] };
  /** Its sampling error for intervals, when the fit gives it: sd on its working scale, correlations in its fit. */
  readonly sampling?: EstimateSampling;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

/** Salts that keep the bootstrap weights of the two owner-grouped pseudo-counts apart. */
const DELAY_SALT = 1;
const PRICE_SALT = 2;

/**
 * The delays of the visits after their due dates (visit − due date, over every counted visit), each vehicle's to
 * `onVehicle` (key: its id), each visit's to `onDelay`.
 */
function walkDelays(
  vehicles: readonly BehaviourVehicle[],
  a: PsvAssumptions,
  onDelay: (delay: number) => void,
  onVehicle?: (key: unknown, delays: number[]) => void,
): void {
  for (const vehicle of vehicles) {
    const own: number[] = [];
    const schedule = scheduleFor(a, vehicle.kmPerYear, vehicle.acquiredAgeDays, vehicle.acquiredKm);
    const onVisit = (_: number, delay: number) => {
      if (Number.isNaN(delay)) return; // a visit whose due date the history does not show
      onDelay(delay);
      own.push(delay);
    };
    walkTimeline(vehicle.deliveryDay, vehicle.maintenanceDays, schedule, onVisit, vehicle.historyStartDay);
    onVehicle?.(vehicle.vehicleKey, own);
  }
}

/** A delay's histogram bin (a quarter of a day): the bins hold the order statistics' second pass. */
const delayBin = (delay: number) => Math.floor(4 * delay);

/**
 * What the first pass over a partition knows of delays: their count, a histogram in quarter days (for the exact
 * order statistics a second pass reads) and each vehicle's spread (the punctuality pseudo-count). @internal
 */
export interface DelayCounts {
  count: number;
  readonly bins: Map<number, number>;
  readonly shrinkage: ShrinkageSums;
}

/** The delays' counts of a partition (the schedule is the fallback's: calibration keeps the maker's). @internal */
export function delayCounts(vehicles: readonly BehaviourVehicle[], a: PsvAssumptions): DelayCounts {
  const counts: DelayCounts = { count: 0, bins: new Map(), shrinkage: newShrinkageSums() };
  walkDelays(
    vehicles,
    a,
    (delay) => {
      counts.count += 1;
      const bin = delayBin(delay);
      counts.bins.set(bin, (counts.bins.get(bin) ?? 0) + 1);
    },
    (key, delays) => addShrinkageGroup(counts.shrinkage, key, delays, DELAY_SALT),
  );
  return counts;
}

/**
 * The ranks the delay estimates read (the quantiles' neighbours and their bounds' order statistics) for n delays,
 * and the histogram bins that hold them. @internal
 */
export function delayBinsWanted(counts: DelayCounts): number[] {
  const ranks = new Set<number>();
  readDelayQuantiles(counts.count, (rank) => {
    ranks.add(rank);
    return 0;
  });
  const wanted: number[] = [];
  let below = 0;
  for (const [bin, count] of [...counts.bins].sort((x, y) => x[0] - y[0])) {
    if ([...ranks].some((rank) => rank >= below && rank < below + count)) wanted.push(bin);
    below += count;
  }
  return wanted;
}

/** A partition's delays that fall in the wanted bins (the second pass). @internal */
export function delaysInBins(
  vehicles: readonly BehaviourVehicle[],
  a: PsvAssumptions,
  bins: readonly number[],
): number[] {
  const wanted = new Set(bins);
  const values: number[] = [];
  walkDelays(vehicles, a, (delay) => {
    if (wanted.has(delayBin(delay))) values.push(delay);
  });
  return values;
}

/**
 * The twentieth quantiles of n sorted delays (type 7: interpolated between neighbours) and distribution-free 95%
 * bounds, read through `at(rank)`: the order statistics at ranks nq ∓ 1.96 √(nq(1 − q)) (the binomial count below
 * the quantile, normal approximation). The 0% and 100% points are the sample's extremes, which a larger sample only
 * widens: their bounds run from the extreme to the 5% (95%) point's far bound.
 */
function readDelayQuantiles(n: number, at: (rank: number) => number) {
  const clamped = (rank: number) => at(Math.max(0, Math.min(n - 1, rank)));
  const quantiles: number[] = [];
  const low: number[] = [];
  const high: number[] = [];
  for (let step = 0; step <= 20; step++) {
    const position = (n - 1) * (step / 20);
    const below = Math.floor(position);
    const lower = at(below);
    quantiles.push(lower + (position - below) * (at(Math.min(n - 1, below + 1)) - lower));
    const q = Math.min(0.95, Math.max(0.05, step / 20));
    const half = 1.96 * Math.sqrt(n * q * (1 - q));
    low.push(step === 0 ? clamped(0) : clamped(Math.floor(q * (n - 1) - half)));
    high.push(step === 20 ? clamped(n - 1) : clamped(Math.ceil(q * (n - 1) + half)));
  }
  return { quantiles, bounds: { low, high } };
}

/** The order statistics at the wanted ranks: the histogram's counts below each wanted bin, and its values sorted. */
function orderStatistics(counts: DelayCounts, values: readonly number[]): (rank: number) => number {
  const sorted = Float64Array.from(values).sort();
  const bins = [...counts.bins].sort((x, y) => x[0] - y[0]);
  const wanted = new Set(delayBinsWanted(counts));
  return (rank) => {
    let below = 0;
    let skipped = 0; // values in bins before the rank's that were not read again
    for (const [bin, count] of bins) {
      if (rank < below + count) return sorted[rank - skipped] as number;
      below += count;
      if (!wanted.has(bin)) skipped += count;
    }
    return Number.NaN;
  };
}

/**
 * Delays of the visits after their due dates: their twentieth quantiles (exact, from the histogram and the values
 * of the bins that hold the ranks), the within- / between-owner variance ratio, and the allowance after which a
 * missed due visit counts as a departure (the 95% point, at least 30 days). Undefined with fewer than two delays. @internal
 */
export function delayEstimates(
  counts: DelayCounts,
  values: readonly number[],
): { estimates: BehaviourEstimate[]; allowance: number } | undefined {
  if (counts.count < 2) return undefined;
  const { quantiles, bounds } = readDelayQuantiles(counts.count, orderStatistics(counts, values));
  const delayShrinkage = shrinkageCount(counts.shrinkage);
  return {
    estimates: [
      {
        name: "visitDelayQuantilesDays",
        value: quantiles,
        evidence: counts.count,
        bounds,
        note: `median ${quantiles[10]?.toFixed(0)} days after the due date, 90% within ${quantiles[18]?.toFixed(0)} days (${counts.count} visits)`,
      },
      {
        name: "delayShrinkageVisits",
        value: delayShrinkage.value,
        evidence: delayShrinkage.evidence,
        uncertainty: { se: delayShrinkage.logSe, scale: "log" },
        note: "within-owner / between-owner variance of delays",
      },
    ],
    allowance: Math.max(quantiles[19] as number, 30),
  };
}

/** The vehicles' records grouped by pattern (by key), and the decisions and departures per stage. @internal */
export interface DecisionPatterns {
  readonly groups: Map<string, DecisionPattern>;
  readonly decisions: number[];
  readonly departures: number[];
  /** Vehicles whose record is seen (all of them, unless a history starts late), and those with a payoff. */
  vehicles: number;
  payoffs: number;
}

/** A partition's decision patterns: each vehicle's due visits kept, its end and ages (see calibrateBehaviour). @internal */
export function decisionPatterns(
  vehicles: readonly BehaviourVehicle[],
  a: PsvAssumptions,
  asOfDay: number,
  allowance: number,
): DecisionPatterns {
  const patterns: DecisionPatterns = {
    groups: new Map(),
    decisions: [0, 0, 0, 0],
    departures: [0, 0, 0, 0],
    vehicles: 0,
    payoffs: 0,
  };
  const { decisions, departures } = patterns;
  const tenths = (days: number) => Math.min(400, Math.max(0, Math.round((10 * days) / DAYS_PER_YEAR)));
  for (const vehicle of vehicles) {
    const schedule = scheduleFor(a, vehicle.kmPerYear, vehicle.acquiredAgeDays, vehicle.acquiredKm);
    const stays = [0, 0, 0, 0];
    const entryStays = [0, 0, 0, 0];
    const onVisit = (stage: DueStage, delay: number) => {
      if (Number.isNaN(delay)) entryStays[stage] = (entryStays[stage] as number) + 1;
      else {
        stays[stage] = (stays[stage] as number) + 1;
        decisions[stage] = (decisions[stage] as number) + 1;
      }
    };
    const { deliveryDay, maintenanceDays, historyStartDay } = vehicle;
    const timeline = walkTimeline(deliveryDay, maintenanceDays, schedule, onVisit, historyStartDay);
    if (Number.isNaN(timeline.entryDay)) continue; // never seen in the history: nothing to condition on
    patterns.vehicles += 1;
    const { visits, nextDueDay } = timeline;
    // Ages on the owner's time with the car (replacement runs on it): a used car's from its acquisition.
    const origin = deliveryDay + schedule.acquiredAgeDays;
    const entryAge = tenths(timeline.entryDay - origin);
    const lastAge = visits > 0 ? tenths(timeline.lastVisitDay - origin) : 0;
    let end = -1; // censored: still here
    let endAge = lastAge;
    if (vehicle.replacedDay !== undefined && vehicle.replacedDay <= nextDueDay + allowance) {
      end = 4; // replaced here: a later vehicle of the same owner
      endAge = Math.max(lastAge, tenths(vehicle.replacedDay - origin));
    } else if (asOfDay - nextDueDay > allowance) {
      end = stageOf(visits, nextDueDay - deliveryDay, schedule);
      endAge = Math.max(lastAge, tenths(nextDueDay - origin));
      decisions[end] = (decisions[end] as number) + 1;
      departures[end] = (departures[end] as number) + 1;
    }
    const payoffAge = vehicle.payoffDay === undefined ? -1 : tenths(vehicle.payoffDay - origin);
    if (payoffAge >= 0) patterns.payoffs += 1;
    addPattern(patterns.groups, { entryStays, entryAge, stays, end, lastAge, endAge, payoffAge, weight: 1 });
  }
  return patterns;
}

/** Adds a pattern (its weight) to the groups of its key. @internal */
export function addPattern(groups: Map<string, DecisionPattern>, pattern: DecisionPattern): void {
  const { entryStays, entryAge, stays, end, lastAge, endAge, payoffAge } = pattern;
  const key = `${entryStays.join(",")}|${entryAge}|${stays.join(",")}|${end}|${lastAge}|${endAge}|${payoffAge}`;
  const entry = groups.get(key);
  if (entry === undefined) groups.set(key, { ...pattern });
  else entry.weight += pattern.weight;
}

/** What the behaviour estimates rest on: every partition's statistics, merged. @internal */
export interface BehaviourStatistics {
  readonly delays: { estimates: BehaviourEstimate[]; allowance: number };
  readonly patterns: DecisionPatterns;
  readonly price: ShrinkageSums;
  readonly rate: RateSums;
}

/**
 * Estimates how owners behave from their maintenance visits against their own schedule:
 *
 * - delays: visit − due date over every counted visit → the 21 quantiles of `visitDelayQuantilesDays`;
 * - decisions: each due visit is a decision to come back (the visit came) or to leave (no visit, and the due date is
 *   further back than the 95% quantile of delays: active owners are rarely that late); due visits still within
 *   that allowance are censored, and a vehicle replaced here (a later vehicle of the same owner) is not a departure;
 * - the four leave probabilities and the loyalty shape s by maximum likelihood under a gamma-frailty model: an
 *   owner's leave hazard at a due visit is z × the stage hazard, z ~ Gamma(s, s), so an owner who has stayed through
 *   hazards H leaves at the next due visit (hazard h) with probability 1 − ((s + H)/(s + H + h))^s; a replacement
 *   of the car elsewhere (normal replacement ages, not a matter of loyalty) also ends a record;
 * - empirical-Bayes pseudo-counts (within-owner variance / between-owner variance, method of moments) for
 *   punctuality, price level (each event's value / the mean of its type) and event rates (repairs and detailing per
 *   year with the dealer against the population's rates: the gamma-Poisson moment estimator). @internal
 */
export function behaviourEstimates(
  statistics: BehaviourStatistics,
  a: PsvAssumptions,
  report: Reporter = SILENT,
): BehaviourEstimate[] {
  return [
    ...statistics.delays.estimates,
    ...loyaltyEstimates(statistics.patterns, a, report),
    priceShrinkageEstimate(statistics.price),
    rateShrinkageEstimate(statistics.rate),
  ];
}

/** The joint fit's bounds: logits of the four leave chances, log loyalty shape, logit repurchase, age, log spread. */
const LOWER = [-12, -12, -12, -12, Math.log(0.05), -8, 1, Math.log(0.1), -8];
const UPPER = [12, 12, 12, 12, Math.log(200), 8, 30, Math.log(10), 8];
/** Replacement ages outside this range (years) are not a replacement process the data can have shown. */
const PLAUSIBLE_AGE: readonly [number, number] = [1, 20];

/**
 * Why each parameter of the joint fit is not identified, if it is not: the optimum sits at (within 0.1% of the range
 * from) a bound — a probability of 0 or 1, a loyalty spread at its limit — or the replacement age lies outside
 * 1–20 years. Such a value is the edge of the search, not an estimate.
 */
function degenerateParameters(x: readonly number[]): (string | undefined)[] {
  return x.map((value, index) => {
    const low = LOWER[index] as number;
    const high = UPPER[index] as number;
    const margin = 1e-3 * (high - low);
    if (index === 6 && !(value >= PLAUSIBLE_AGE[0] && value <= PLAUSIBLE_AGE[1]))
      return `the fit puts the replacement age at ${value.toFixed(1)} years, outside ${PLAUSIBLE_AGE[0]}–${PLAUSIBLE_AGE[1]}`;
    if (value - low <= margin || high - value <= margin) return "the fit sits at the edge of its search range";
    return undefined;
  });
}

/** The `unidentified` field of an estimate, when there is a reason. */
const unidentified = (reason: string | undefined) => (reason === undefined ? {} : { unidentified: reason });

/**
 * The joint fit (with the payoff trigger as a parameter only where payoffs are seen: else the likelihood is flat in
 * it); with `fixedLogShape`, the loyalty shape held there and the search started from `start`.
 */
function fitJoint(
  patterns: DecisionPatterns,
  a: PsvAssumptions,
  report: Reporter,
  fixedLogShape?: number,
  start?: readonly number[],
) {
  const { decisions, departures } = patterns;
  const shares = [0, 1, 2, 3].map((stage) => {
    const rate = ((departures[stage] as number) + 0.5) / ((decisions[stage] as number) + 1);
    return logit(Math.min(0.95, Math.max(0.005, rate)));
  });
  // In key order: the sum runs the same way however the partitions split the vehicles.
  const groups = [...patterns.groups].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const negativeLogLikelihood = behaviourLikelihood(groups.map(([, group]) => group));
  const withTrigger = patterns.payoffs > 0;
  // Rounded to 1e-6: a start from sums that partitions add in another order starts the search at the same point.
  const initial =
    start?.slice() ??
    [
      ...shares,
      Math.log(2),
      logit(Math.min(0.9, Math.max(0.05, a.repurchaseProbability))),
      a.replacementAgeYears,
      Math.log(a.replacementAgeSpreadYears),
      ...(withTrigger ? [logit(0.1)] : []),
    ].map((value) => Math.round(value * 1e6) / 1e6);
  const lowerBounds = LOWER.slice(0, withTrigger ? 9 : 8);
  const upperBounds = UPPER.slice(0, withTrigger ? 9 : 8);
  if (fixedLogShape !== undefined) {
    lowerBounds[4] = fixedLogShape;
    upperBounds[4] = fixedLogShape;
    initial[4] = fixedLogShape;
  }
  const bounds = { lowerBounds, upperBounds };
  // L-BFGS (a third of Nelder–Mead's evaluations to the same optimum on a 12,000-vehicle dealer); Nelder–Mead
  // from where it stopped if it did not converge (a ridge, a bound).
  const onIteration = (iteration: number) => report("owner behaviour", iteration / 500);
  // L-BFGS asks for the gradient at the point its line search accepted, the last one evaluated: each evaluation
  // computes both and keeps the gradient.
  const lastPoint = new Float64Array(initial.length).fill(Number.NaN);
  const lastGradient = new Float64Array(initial.length);
  const objective = (theta: Float64Array) => {
    lastPoint.set(theta);
    return negativeLogLikelihood(theta, lastGradient);
  };
  const gradient = (theta: Float64Array, out: Float64Array) => {
    if (!theta.every((value, index) => value === lastPoint[index])) objective(theta);
    out.set(lastGradient);
  };
  const quasiNewton = minimizeLbfgs(objective, initial, { ...bounds, maxIterations: 500, onIteration, gradient });
  if (!quasiNewton.converged) report("owner behaviour (Nelder–Mead)", 0.9);
  const fit = quasiNewton.converged
    ? quasiNewton
    : nelderMead(negativeLogLikelihood, quasiNewton.x, {
        ...bounds,
        maxIterations: withTrigger ? 2500 : 1500,
        valueTolerance: 1e-10,
      });
  return { fit, negativeLogLikelihood, withTrigger };
}

/** The joint fit's values, the standard errors its verdicts use and its sampling error (for intervals). */
interface JointEstimates {
  readonly x: readonly number[];
  /** ln ŝ, the loyalty shape's own estimate (the setter's verdict on it gives the shape `x` holds). */
  readonly logShapeEstimate: number;
  readonly degenerate: readonly (string | undefined)[];
  /** Standard errors on θ's scales: the loyalty shape's own, the others' given the shape the assumptions hold. */
  readonly se: readonly number[];
  /** Sampling standard deviations on θ's scales (with the shape's as it is used) and their correlations. */
  readonly sd: readonly number[];
  readonly correlation: readonly (readonly number[])[];
  readonly converged: boolean;
  readonly withTrigger: boolean;
}

/**
 * The joint fit, made consistent with the loyalty shape the assumptions will hold. The setter keeps ŝ only when the
 * data pin it down; else it shrinks ŝ toward the fallback or keeps the fallback — and the leave chances, repurchase
 * and replacement ages fitted beside ŝ do not go with that shape (on the ridge between loyalty and the leave chance
 * after the warranty, the two move together). So the other parameters are fitted again with the shape held where it
 * will be, and their sampling error is the conditional one plus the shape's own carried along the ridge.
 */
function jointEstimates(patterns: DecisionPatterns, a: PsvAssumptions, report: Reporter): JointEstimates {
  const first = fitJoint(patterns, a, report);
  const degenerate = degenerateParameters(first.fit.x);
  const { se, correlation } = jointSampling(first.negativeLogLikelihood, first.fit.x, degenerate);
  const withTrigger = first.withTrigger;
  const shape = shapeInUse(first.fit.x[4] as number, se[4] as number, degenerate[4], a.loyaltyShape);
  if (shape.logShape === first.fit.x[4])
    return {
      x: first.fit.x,
      logShapeEstimate: shape.logShape,
      degenerate,
      se,
      sd: se,
      correlation,
      converged: first.fit.converged,
      withTrigger,
    };
  const second = fitJoint(patterns, a, SILENT, shape.logShape, first.fit.x);
  const held = degenerateParameters(second.fit.x).map((reason, index) => (index === 4 ? undefined : reason));
  const given = jointSampling(second.negativeLogLikelihood, second.fit.x, held, shape.sd);
  return {
    x: second.fit.x,
    logShapeEstimate: first.fit.x[4] as number,
    degenerate: held.map((reason, index) => (index === 4 ? degenerate[4] : reason)),
    se: given.se.map((value, index) => (index === 4 ? (se[4] as number) : value)),
    sd: given.sd,
    correlation: given.correlation,
    converged: first.fit.converged && second.fit.converged,
    withTrigger,
  };
}

/**
 * The loyalty shape the setter will keep from ŝ and its standard error (the same verdict): ŝ itself, shrunk toward
 * the fallback, or the fallback; with the standard deviation of ln s as used — the data's, the posterior's, or the
 * prior's (ln 2: the fallback may be off by a factor of two) when the data cannot tell.
 */
function shapeInUse(
  logShape: number,
  se: number,
  degenerate: string | undefined,
  fallback: number,
): { logShape: number; sd: number } {
  if (degenerate !== undefined) return { logShape: Math.log(fallback), sd: Math.LN2 };
  const judged = judgeEstimate(Math.exp(logShape), { se, scale: "log" }, fallback);
  if (judged.source === "data") return { logShape, sd: se };
  if (judged.source === "weak") return { logShape: Math.log(judged.value), sd: se * Math.sqrt(judged.weight) };
  return { logShape: Math.log(fallback), sd: Math.LN2 };
}

/**
 * The sampling error of the joint fit's parameters (on θ's scales: logits, logs, years) from the observed information
 * H — the Hessian of the negative log-likelihood at the point (central differences of its exact gradient), over the parameters not at a degenerate
 * optimum (those are held fixed and get NaN). With the loyalty shape (index 4) among them: the others' covariance
 * given the shape C = H₀₀⁻¹ and their shift with it b = −C H₀ₛ, so Σ₀₀ = C + b bᵀ sd², Σ₀ₛ = b sd², Σₛₛ = sd². Without
 * `shapeSd` the shape's own standard error, 1/√(Hₛₛ + Hₛ₀ b), makes Σ = H⁻¹ (the standard errors of the fit; H not
 * positive definite is a flat ridge: every one NaN); with it (the shape held at the value the assumptions keep, as
 * uncertain as that), `se` are the others' given the shape. Returns `se`, the sampling `sd` and the correlations.
 */
function jointSampling(
  negativeLogLikelihood: (theta: Float64Array, gradient?: Float64Array) => number,
  x: readonly number[],
  degenerate: readonly (string | undefined)[],
  shapeSd?: number,
): { se: number[]; sd: number[]; correlation: number[][] } {
  const others = x.flatMap((_, index) => (degenerate[index] === undefined && index !== 4 ? [index] : []));
  const withShape = degenerate[4] === undefined;
  const free = withShape ? [...others, 4] : others;
  // central differences of the exact gradient, steps 1e-5 · max(1, |θᵢ|)
  const gradientOf = (theta: Float64Array, out: Float64Array) => negativeLogLikelihood(theta, out);
  const hessian = gradientHessian(gradientOf, x, free, (value) => 1e-5 * Math.max(1, Math.abs(value)));
  const n = others.length;
  const m = free.length;
  const block = Float64Array.from({ length: n * n }, (_, at) => hessian[Math.floor(at / n) * m + (at % n)] as number);
  const inverse = invertPositiveDefinite(block, n);
  const se = x.map(() => Number.NaN);
  const sd = x.map(() => Number.NaN);
  const correlation = x.map(() => x.map(() => 0));
  if (inverse === undefined) return { se, sd, correlation };
  const c = (i: number, j: number) => inverse[i * n + j] as number;
  const towardShape = (j: number) => (withShape ? (hessian[j * m + n] as number) : 0);
  const shift = others.map((_, i) => -others.reduce((sum, _o, j) => sum + c(i, j) * towardShape(j), 0));
  const schur = withShape
    ? (hessian[n * m + n] as number) + shift.reduce((sum, b, j) => sum + b * towardShape(j), 0)
    : 0;
  const own = shapeSd === undefined;
  const shape = !withShape ? 0 : own ? 1 / Math.sqrt(schur) : shapeSd;
  if (own && withShape && !(schur > 0)) return { se, sd, correlation };
  const covariance = (i: number, j: number) => c(i, j) + (shift[i] as number) * (shift[j] as number) * shape ** 2;
  if (withShape) {
    sd[4] = shape;
    se[4] = own ? shape : Number.NaN;
    (correlation[4] as number[])[4] = 1;
  }
  others.forEach((row, i) => {
    sd[row] = Math.sqrt(covariance(i, i));
    se[row] = own ? (sd[row] as number) : Math.sqrt(c(i, i));
    const shapeCorrelation = withShape ? ((shift[i] as number) * shape) / (sd[row] as number) : 0;
    (correlation[row] as number[])[4] = shapeCorrelation;
    (correlation[4] as number[])[row] = shapeCorrelation;
    others.forEach((column, j) => {
      (correlation[row] as number[])[column] = covariance(i, j) / Math.sqrt(covariance(i, i) * covariance(j, j));
    });
  });
  return { se, sd, correlation };
}

/** Leave probabilities by stage, repurchase, replacement age and its spread, and loyalty: one joint fit. */
function loyaltyEstimates(patterns: DecisionPatterns, a: PsvAssumptions, report: Reporter): BehaviourEstimate[] {
  const { groups, decisions, departures } = patterns;
  const fitted = jointEstimates(patterns, a, report);
  const { x, degenerate, se, sd, correlation: matrix, converged, withTrigger } = fitted;
  const seen = { vehicles: patterns.vehicles };
  const joint = (index: number) => ({ sampling: { sd: sd[index] as number, correlation: { matrix, index } } });
  const names = ["leaveBeforeFirstService", "leaveAfterFirstService", "leaveInWarranty", "leavePostWarranty"] as const;
  const labels = ["before the first service", "right after the first service", "inside the warranty", "after it"];
  const estimates: BehaviourEstimate[] = names.map((name, stage) => ({
    name,
    ...unidentified(degenerate[stage]),
    ...seen,
    value: logistic(x[stage] as number),
    uncertainty: { se: se[stage] as number, scale: "logit" },
    ...joint(stage),
    evidence: decisions[stage] as number,
    note: `${departures[stage]} departures at ${decisions[stage]} due visits ${labels[stage]} (raw share ${(
      (departures[stage] as number) / Math.max(1, decisions[stage] as number)
    ).toFixed(3)}; gamma-frailty maximum likelihood)`,
  }));
  let repurchased = 0;
  for (const group of groups.values()) if (group.end === 4) repurchased += group.weight;
  const jointNote = `joint maximum likelihood with loyalty (${repurchased} vehicles replaced here)`;
  // Repurchase, the replacement age and its spread are one process: one of them degenerate leaves all three unknown.
  const replacement = unidentified(degenerate[5] ?? degenerate[6] ?? degenerate[7]);
  const shared = { evidence: repurchased, note: jointNote, ...replacement, ...seen };
  estimates.push(
    {
      name: "repurchaseProbability",
      value: logistic(x[5] as number),
      uncertainty: { se: se[5] as number, scale: "logit" },
      ...shared,
      ...joint(5),
    },
    {
      name: "replacementAgeYears",
      value: x[6] as number,
      uncertainty: { se: se[6] as number, scale: "identity", spread: 2 },
      ...shared,
      ...joint(6),
    },
    {
      name: "replacementAgeSpreadYears",
      value: Math.exp(x[7] as number),
      uncertainty: { se: se[7] as number, scale: "log" },
      ...shared,
      ...joint(7),
    },
    {
      name: "loyaltyShape",
      ...unidentified(degenerate[4]),
      ...seen,
      value: Math.exp(fitted.logShapeEstimate),
      uncertainty: { se: se[4] as number, scale: "log" },
      ...joint(4),
      evidence: decisions.reduce((sum, value) => sum + value, 0),
      note: `spread of loyalty across owners (smaller = owners differ more)${converged ? "" : "; the optimiser did not converge"}`,
    },
  );
  if (withTrigger)
    estimates.push({ ...payoffEstimate(patterns, x[8] as number, se[8] as number, degenerate[8]), ...joint(8) });
  else estimates.push(payoffEstimate(patterns, Number.NaN, Number.NaN, undefined));
  return estimates;
}

/** The payoff trigger's estimate (NaN without payoffs: the fallback is kept). */
function payoffEstimate(
  patterns: DecisionPatterns,
  logitQ: number,
  se: number,
  degenerate: string | undefined,
): BehaviourEstimate {
  return {
    name: "replacementAfterPayoff",
    ...unidentified(degenerate),
    value: logistic(logitQ),
    uncertainty: { se, scale: "logit", spread: NO_PRIOR },
    evidence: patterns.payoffs,
    vehicles: patterns.payoffs,
    note: `${patterns.payoffs} vehicles paid off: the chance of replacing the car within a year after, on top of the replacement ages (joint maximum likelihood)`,
  };
}

/** Price level: each event's value / the mean of its type, grouped by owner (within / between variance sums). @internal */
export function priceShrinkageSums(
  vehicles: readonly BehaviourVehicle[],
  typeMeans: Readonly<Record<string, number>>,
): ShrinkageSums {
  const byOwner = new Map<unknown, number[]>();
  for (const vehicle of vehicles) {
    const ratios = byOwner.get(vehicle.customerKey) ?? [];
    const { events } = vehicle;
    for (let e = vehicle.first; e < vehicle.end; e++) {
      const type = events.type[e] as number;
      if (!isPresence(type)) continue;
      const mean = type === EVENT_CODE.repair ? undefined : typeMeans[SERVICE_EVENT_TYPES[type] as string];
      const value = events.value[e] as number;
      if (!Number.isNaN(value) && mean !== undefined && mean > 0) ratios.push(value / mean);
    }
    byOwner.set(vehicle.customerKey, ratios);
  }
  const sums = newShrinkageSums();
  for (const [owner, ratios] of byOwner) addShrinkageGroup(sums, owner, ratios, PRICE_SALT);
  return sums;
}

function priceShrinkageEstimate(sums: ShrinkageSums): BehaviourEstimate {
  const price = shrinkageCount(sums);
  return {
    name: "priceShrinkageEvents",
    value: price.value,
    evidence: price.evidence,
    uncertainty: { se: price.logSe, scale: "log" },
    note: "within-owner / between-owner variance of event value relative to its type's mean",
  };
}

/** The gamma-Poisson moment sums of event rates, and the events they rest on. @internal */
export interface RateSums {
  readonly sums: RatioSums;
  evidence: number;
}

/** Event rates: repairs and detailing against the population's rates (gamma-Poisson moment sums). @internal */
export function rateShrinkageSums(vehicles: readonly BehaviourVehicle[], a: PsvAssumptions, asOfDay: number): RateSums {
  const rate: RateSums = { sums: newRatioSums(), evidence: 0 };
  for (const vehicle of vehicles) {
    const { events, first, end } = vehicle;
    let lastDay = vehicle.deliveryDay;
    let seen = 0;
    for (let e = first; e < end; e++)
      if (isPresence(events.type[e] as number)) {
        lastDay = Math.max(lastDay, events.day[e] as number);
        seen += 1;
      }
    const lapsed = asOfDay - lastDay > DAYS_PER_YEAR;
    const until = Math.min(vehicle.replacedDay ?? asOfDay, lapsed ? lastDay : asOfDay);
    const from = Math.max(vehicle.deliveryDay + vehicle.acquiredAgeDays, vehicle.historyStartDay);
    if (from > vehicle.deliveryDay && seen === 0) continue; // nothing seen in the history
    const expected =
      expectedBackgroundEvents(a, vehicle.deliveryDay, until) - expectedBackgroundEvents(a, vehicle.deliveryDay, from);
    if (expected <= 0) continue;
    let count = 0;
    for (let e = first; e < end; e++) {
      const type = events.type[e];
      if ((type === EVENT_CODE.repair || type === EVENT_CODE.detailing) && (events.day[e] as number) <= until)
        count += 1;
    }
    addUnit(rate.sums, expected * expected, (count - expected) ** 2 - count);
    rate.evidence += count;
  }
  return rate;
}

function rateShrinkageEstimate({ sums, evidence }: RateSums): BehaviourEstimate {
  const value = sums.e > 0 ? Math.min(1000, Math.max(0.05, sums.c / sums.e)) : 1000;
  return {
    name: "rateShrinkageEvents",
    value,
    evidence,
    uncertainty: { se: sums.e > 0 && value < 1000 ? ratioSe(sums) / value : Number.NaN, scale: "log" },
    note: "gamma-Poisson moment estimate over repairs and detailing (small = owners' rates differ a lot)",
  };
}

/** Expected repairs + detailing jobs of an average owner between two days (repair rates by age year). @internal */
export function expectedBackgroundEvents(a: PsvAssumptions, deliveryDay: number, until: number): number {
  const years = Math.max(0, (until - deliveryDay) / DAYS_PER_YEAR);
  let repairs = 0;
  for (let year = 0; year < years; year++) {
    const rate = a.repairVisitsByAge[Math.min(year, a.repairVisitsByAge.length - 1)] as number;
    repairs += rate * Math.min(1, years - year);
  }
  return repairs + a.detailingJobsPerYear * years;
}
