import { type Reporter, SILENT } from "../input/progress.js";
import { invertPositiveDefinite } from "../math/invert-positive-definite.js";
import { minimizeLbfgs } from "../math/lbfgs.js";
import { nelderMead } from "../math/nelder-mead.js";
import { normalCdf } from "../math/normal-cdf.js";
import { numericHessian } from "../math/numeric-hessian.js";
import type { PsvAssumptions } from "./assumptions.js";
import { NO_PRIOR, type Uncertainty } from "./calibrate/judge-estimate.js";
import { addUnit, newRatioSums, ratioSe } from "./calibrate/ratio-sums.js";
import { shrinkageCount } from "./calibrate/shrinkage-count.js";
import {
  DAYS_PER_YEAR,
  type DueStage,
  scheduleFor,
  stageOf,
  twentiethQuantiles,
  walkTimeline,
} from "./maintenance-timeline.js";

/** One vehicle's history as the behaviour estimates need it. @internal */
export interface BehaviourVehicle {
  readonly customerKey: unknown;
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
  /** Every paid event: type, day and value (margin, else revenue). */
  readonly events: readonly { readonly type: string; readonly day: number; readonly value: number | undefined }[];
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
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

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
export function calibrateBehaviour(
  vehicles: readonly BehaviourVehicle[],
  asOfDay: number,
  a: PsvAssumptions,
  typeMeans: Readonly<Record<string, number>>,
  report: Reporter = SILENT,
): BehaviourEstimate[] {
  const delays = delayEstimates(vehicles, a);
  if (delays === undefined) return [];
  const patterns = decisionPatterns(vehicles, a, asOfDay, delays.allowance);
  return [
    ...delays.estimates,
    ...loyaltyEstimates(patterns, a, report),
    priceShrinkageEstimate(vehicles, typeMeans),
    rateShrinkageEstimate(vehicles, a, asOfDay),
  ];
}

/**
 * Delays of the visits after their due dates: their twentieth quantiles, the within- / between-owner variance ratio,
 * and the allowance after which a missed due visit counts as a departure (the 95% point, at least 30 days).
 */
function delayEstimates(
  vehicles: readonly BehaviourVehicle[],
  a: PsvAssumptions,
): { estimates: BehaviourEstimate[]; allowance: number } | undefined {
  const delays: number[] = [];
  const delayGroups: number[][] = [];
  for (const vehicle of vehicles) {
    const own: number[] = [];
    const schedule = scheduleFor(a, vehicle.kmPerYear, vehicle.acquiredAgeDays, vehicle.acquiredKm);
    const onVisit = (_: number, delay: number) => {
      if (Number.isNaN(delay)) return; // a visit whose due date the history does not show
      delays.push(delay);
      own.push(delay);
    };
    walkTimeline(vehicle.deliveryDay, vehicle.maintenanceDays, schedule, onVisit, vehicle.historyStartDay);
    delayGroups.push(own);
  }
  if (delays.length < 2) return undefined;
  const quantiles = twentiethQuantiles(delays); // sorts the delays
  const delayShrinkage = shrinkageCount(delayGroups);
  return {
    estimates: [
      {
        name: "visitDelayQuantilesDays",
        value: quantiles,
        evidence: delays.length,
        bounds: quantileBounds(delays),
        note: `median ${quantiles[10]?.toFixed(0)} days after the due date, 90% within ${quantiles[18]?.toFixed(0)} days (${delays.length} visits)`,
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

/**
 * Distribution-free 95% bounds of the twentieth quantiles of a sorted sample: the order statistics at ranks
 * nq ∓ 1.96 √(nq(1 − q)) (the binomial count below the quantile, normal approximation). The 0% and 100% points are
 * the sample's extremes, which a larger sample only widens: their bounds run from the extreme to the 5% (95%)
 * point's far bound.
 */
function quantileBounds(sorted: readonly number[]): { low: number[]; high: number[] } {
  const n = sorted.length;
  const at = (rank: number) => sorted[Math.max(0, Math.min(n - 1, rank))] as number;
  const low: number[] = [];
  const high: number[] = [];
  for (let step = 0; step <= 20; step++) {
    const q = Math.min(0.95, Math.max(0.05, step / 20));
    const half = 1.96 * Math.sqrt(n * q * (1 - q));
    low.push(step === 0 ? at(0) : at(Math.floor(q * (n - 1) - half)));
    high.push(step === 20 ? at(n - 1) : at(Math.ceil(q * (n - 1) + half)));
  }
  return { low, high };
}

/**
 * One pattern of records: stays per stage before the record is seen (a history that starts late: what it is
 * conditioned on) and after, how the record ends, at which ages (tenths of a year), and how many.
 */
interface DecisionPattern {
  readonly entryStays: number[];
  readonly entryAge: number;
  readonly stays: number[];
  /** −1 still here, 0–3 left at a due visit of that stage, 4 replaced here. */
  readonly end: number;
  readonly lastAge: number;
  readonly endAge: number;
  /** The owned age (tenths of a year) at the last finance payoff, −1 for none: the payoff trigger's start. */
  readonly payoffAge: number;
  weight: number;
}

/** The vehicles' records grouped by pattern, and the decisions and departures per stage. */
interface DecisionPatterns {
  readonly groups: DecisionPattern[];
  readonly decisions: number[];
  readonly departures: number[];
  /** Vehicles whose record is seen (all of them, unless a history starts late), and those with a payoff. */
  readonly vehicles: number;
  readonly payoffs: number;
}

function decisionPatterns(
  vehicles: readonly BehaviourVehicle[],
  a: PsvAssumptions,
  asOfDay: number,
  allowance: number,
): DecisionPatterns {
  const patterns = new Map<string, DecisionPattern>();
  const decisions = [0, 0, 0, 0];
  const departures = [0, 0, 0, 0];
  const tenths = (days: number) => Math.min(400, Math.max(0, Math.round((10 * days) / DAYS_PER_YEAR)));
  let seen = 0;
  let payoffs = 0;
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
    seen += 1;
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
    if (payoffAge >= 0) payoffs += 1;
    const key = `${entryStays.join(",")}|${entryAge}|${stays.join(",")}|${end}|${lastAge}|${endAge}|${payoffAge}`;
    const entry = patterns.get(key);
    if (entry === undefined)
      patterns.set(key, { entryStays, entryAge, stays, end, lastAge, endAge, payoffAge, weight: 1 });
    else entry.weight += 1;
  }
  return { groups: [...patterns.values()], decisions, departures, vehicles: seen, payoffs };
}

/**
 * The negative log-likelihood of the patterns under the joint model: loyalty (gamma frailty on the stage hazards)
 * and the replacement of the car at a normal age R ~ N(μ, σ): here with probability p (a later vehicle), elsewhere
 * otherwise (the record just ends, like a departure). Still here: not replaced by the last visit, stayed at every
 * due visit. Replaced here in (L, E]: p (F(E) − F(L)). Left at the due visit at E: not replaced by L, then either
 * replaced elsewhere or left: (1 − F(L)) A(H) − (1 − F(E)) A(H + h) − p (F(E) − F(L)) A(H), where A(x) =
 * (s/(s + x))^s = E[e^{−zx}]; everything over what the record is conditioned on: not replaced by the age it is seen
 * from and stayed through the due visits before, (1 − F(E₀)) A(H₀) (E₀ = 0, H₀ = 0 for a record seen from delivery).
 * A vehicle whose finance was paid off at age P replaces by F*(t) = 1 − (1 − F(t))(1 − q·min(1, (t − P)/year)) past
 * it (the payoff trigger). θ = (logit leave by stage ×4, ln s, logit p, μ, ln σ[, logit q]).
 */
function behaviourLikelihood(groups: readonly DecisionPattern[]): (theta: Float64Array) => number {
  const count = groups.length;
  const hazards = hazardHistories(groups);
  const entryAges = Int16Array.from(groups, (group) => group.entryAge);
  const ends = Int8Array.from(groups, (group) => group.end);
  const lastAges = Int16Array.from(groups, (group) => group.lastAge);
  const endAges = Int16Array.from(groups, (group) => group.endAge);
  const payoffAges = Int16Array.from(groups, (group) => group.payoffAge);
  const weights = Float64Array.from(groups, (group) => group.weight);
  const cdf = new Float64Array(401);
  const h = new Float64Array(4);
  return (theta) => {
    for (let stage = 0; stage < 4; stage++) h[stage] = -Math.log1p(-logistic(theta[stage] as number));
    const s = Math.exp(theta[4] as number);
    const p = logistic(theta[5] as number);
    const mu = theta[6] as number;
    const sigma = Math.exp(theta[7] as number);
    const q = theta.length > 8 ? logistic(theta[8] as number) : 0;
    for (let tenth = 0; tenth <= 400; tenth++) cdf[tenth] = normalCdf((tenth / 10 - mu) / sigma);
    // F* at an age (tenths) for a vehicle paid off at `payoff` (−1: none).
    const F = (tenth: number, payoff: number) => {
      const base = cdf[tenth] as number;
      if (payoff < 0 || tenth <= payoff) return base;
      return 1 - (1 - base) * (1 - q * Math.min(1, (tenth - payoff) / 10));
    };
    hazards.evaluate(h, s);
    let total = 0;
    const { historyOf, logEntry, loyal: loyalOf, leaving } = hazards;
    for (let g = 0; g < count; g++) {
      const payoff = payoffAges[g] as number;
      const history = historyOf[g] as number;
      const notReplaced = Math.max(1 - F(entryAges[g] as number, payoff), 1e-300);
      const logStart = Math.log(notReplaced) + (logEntry[history] as number);
      const end = ends[g] as number;
      const before = F(lastAges[g] as number, payoff);
      const loyal = loyalOf[history] as number;
      let likelihood: number;
      if (end < 0) likelihood = (1 - before) * loyal;
      else {
        const after = F(endAges[g] as number, payoff);
        likelihood =
          end === 4
            ? p * Math.max(after - before, 1e-300) * loyal
            : (1 - before) * loyal - (1 - after) * (leaving[history] as number) - p * (after - before) * loyal;
      }
      total += (weights[g] as number) * (Math.log(Math.max(likelihood, 1e-300)) - logStart);
    }
    return -total;
  };
}

/**
 * The loyalty terms of the patterns, computed once per distinct hazard history (the stays by stage before the record
 * starts and in it, and the stage left at) rather than once per pattern: A(H₀) in logs, A(H) and A(H + h) with
 * A(x) = (s/(s + x))^s, written by `evaluate(h, s)` for each history (`historyOf` a pattern's).
 */
function hazardHistories(groups: readonly DecisionPattern[]) {
  const keys = new Map<string, number>();
  const historyOf = Int32Array.from(groups, (group) => {
    const key = `${group.entryStays.join(",")}|${group.stays.join(",")}|${group.end}`;
    let history = keys.get(key);
    if (history === undefined) {
      history = keys.size;
      keys.set(key, history);
    }
    return history;
  });
  const distinct = keys.size;
  const entryCounts = new Float64Array(4 * distinct);
  const stayCounts = new Float64Array(4 * distinct);
  const leftAt = new Int8Array(distinct);
  groups.forEach((group, g) => {
    const history = historyOf[g] as number;
    for (let stage = 0; stage < 4; stage++) {
      entryCounts[4 * history + stage] = group.entryStays[stage] as number;
      stayCounts[4 * history + stage] = (group.stays[stage] as number) + (group.entryStays[stage] as number);
    }
    leftAt[history] = group.end;
  });
  const result = {
    /** Each pattern's history. */
    historyOf,
    logEntry: new Float64Array(distinct),
    loyal: new Float64Array(distinct),
    leaving: new Float64Array(distinct),
    evaluate(h: Float64Array, s: number): void {
      for (let history = 0; history < distinct; history++) {
        let entry = 0;
        let exposure = 0;
        for (let stage = 0; stage < 4; stage++) {
          entry += (entryCounts[4 * history + stage] as number) * (h[stage] as number);
          exposure += (stayCounts[4 * history + stage] as number) * (h[stage] as number);
        }
        const end = leftAt[history] as number;
        result.logEntry[history] = entry === 0 ? 0 : s * Math.log(s / (s + entry));
        result.loyal[history] = (s / (s + exposure)) ** s;
        result.leaving[history] = end >= 0 && end < 4 ? (s / (s + exposure + (h[end] as number))) ** s : 0;
      }
    },
  };
  return result;
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

/**
 * Standard errors of the joint fit's parameters (on θ's scales: logits, logs, years) from the observed information
 * — the numeric Hessian of the negative log-likelihood at the optimum over the parameters not at a degenerate
 * optimum (those are held fixed). A Hessian that is not positive definite is a flat ridge: every free parameter gets
 * NaN (no finite error). Degenerate parameters get NaN too.
 */
function jointStandardErrors(
  negativeLogLikelihood: (theta: Float64Array) => number,
  x: readonly number[],
  degenerate: readonly (string | undefined)[],
): number[] {
  const free = x.flatMap((_, index) => (degenerate[index] === undefined ? [index] : []));
  const full = Float64Array.from(x);
  const restricted = (point: Float64Array) => {
    free.forEach((index, k) => {
      full[index] = point[k] as number;
    });
    return negativeLogLikelihood(full);
  };
  const hessian = numericHessian(
    restricted,
    Float64Array.from(free, (index) => x[index] as number),
  );
  const inverse = invertPositiveDefinite(hessian, free.length);
  const se = x.map(() => Number.NaN);
  free.forEach((index, k) => {
    const variance = inverse?.[k * free.length + k];
    se[index] = variance !== undefined && variance > 0 ? Math.sqrt(variance) : Number.NaN;
  });
  return se;
}

/** The `unidentified` field of an estimate, when there is a reason. */
const unidentified = (reason: string | undefined) => (reason === undefined ? {} : { unidentified: reason });

/** The joint fit (with the payoff trigger as a parameter only where payoffs are seen: else the likelihood is flat in it). */
function fitJoint(patterns: DecisionPatterns, a: PsvAssumptions, report: Reporter) {
  const { decisions, departures } = patterns;
  const start = [0, 1, 2, 3].map((stage) => {
    const rate = ((departures[stage] as number) + 0.5) / ((decisions[stage] as number) + 1);
    return logit(Math.min(0.95, Math.max(0.005, rate)));
  });
  const negativeLogLikelihood = behaviourLikelihood(patterns.groups);
  const withTrigger = patterns.payoffs > 0;
  const initial = [
    ...start,
    Math.log(2),
    logit(Math.min(0.9, Math.max(0.05, a.repurchaseProbability))),
    a.replacementAgeYears,
    Math.log(a.replacementAgeSpreadYears),
    ...(withTrigger ? [logit(0.1)] : []),
  ];
  const bounds = {
    lowerBounds: withTrigger ? LOWER : LOWER.slice(0, 8),
    upperBounds: withTrigger ? UPPER : UPPER.slice(0, 8),
  };
  // L-BFGS (a third of Nelder–Mead's evaluations to the same optimum on a 12,000-vehicle dealer); Nelder–Mead
  // from where it stopped if it did not converge (a ridge, a bound).
  const onIteration = (iteration: number) => report("owner behaviour", iteration / 500);
  const quasiNewton = minimizeLbfgs(negativeLogLikelihood, initial, { ...bounds, maxIterations: 500, onIteration });
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

/** Leave probabilities by stage, repurchase, replacement age and its spread, and loyalty: one joint fit. */
function loyaltyEstimates(patterns: DecisionPatterns, a: PsvAssumptions, report: Reporter): BehaviourEstimate[] {
  const { groups, decisions, departures } = patterns;
  const { fit, negativeLogLikelihood, withTrigger } = fitJoint(patterns, a, report);
  const degenerate = degenerateParameters(fit.x);
  const se = jointStandardErrors(negativeLogLikelihood, fit.x, degenerate);
  const seen = { vehicles: patterns.vehicles };
  const names = ["leaveBeforeFirstService", "leaveAfterFirstService", "leaveInWarranty", "leavePostWarranty"] as const;
  const labels = ["before the first service", "right after the first service", "inside the warranty", "after it"];
  const estimates: BehaviourEstimate[] = names.map((name, stage) => ({
    name,
    ...unidentified(degenerate[stage]),
    ...seen,
    value: logistic(fit.x[stage] as number),
    uncertainty: { se: se[stage] as number, scale: "logit" },
    evidence: decisions[stage] as number,
    note: `${departures[stage]} departures at ${decisions[stage]} due visits ${labels[stage]} (raw share ${(
      (departures[stage] as number) / Math.max(1, decisions[stage] as number)
    ).toFixed(3)}; gamma-frailty maximum likelihood)`,
  }));
  const repurchased = groups.reduce((sum, group) => sum + (group.end === 4 ? group.weight : 0), 0);
  const jointNote = `joint maximum likelihood with loyalty (${repurchased} vehicles replaced here)`;
  // Repurchase, the replacement age and its spread are one process: one of them degenerate leaves all three unknown.
  const replacement = unidentified(degenerate[5] ?? degenerate[6] ?? degenerate[7]);
  const joint = { evidence: repurchased, note: jointNote, ...replacement, ...seen };
  estimates.push(
    {
      name: "repurchaseProbability",
      value: logistic(fit.x[5] as number),
      uncertainty: { se: se[5] as number, scale: "logit" },
      ...joint,
    },
    {
      name: "replacementAgeYears",
      value: fit.x[6] as number,
      uncertainty: { se: se[6] as number, scale: "identity", spread: 2 },
      ...joint,
    },
    {
      name: "replacementAgeSpreadYears",
      value: Math.exp(fit.x[7] as number),
      uncertainty: { se: se[7] as number, scale: "log" },
      ...joint,
    },
    {
      name: "loyaltyShape",
      ...unidentified(degenerate[4]),
      ...seen,
      value: Math.exp(fit.x[4] as number),
      uncertainty: { se: se[4] as number, scale: "log" },
      evidence: decisions.reduce((sum, value) => sum + value, 0),
      note: `spread of loyalty across owners (smaller = owners differ more)${fit.converged ? "" : "; the optimiser did not converge"}`,
    },
  );
  if (withTrigger) estimates.push(payoffEstimate(patterns, fit.x[8] as number, se[8] as number, degenerate[8]));
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

/** Price level: each event's value / the mean of its type, grouped by owner (within / between variance). */
function priceShrinkageEstimate(
  vehicles: readonly BehaviourVehicle[],
  typeMeans: Readonly<Record<string, number>>,
): BehaviourEstimate {
  const byOwner = new Map<unknown, number[]>();
  for (const vehicle of vehicles) {
    const ratios = byOwner.get(vehicle.customerKey) ?? [];
    for (const event of vehicle.events) {
      const mean = event.type === "repair" ? undefined : typeMeans[event.type];
      if (event.value !== undefined && mean !== undefined && mean > 0) ratios.push(event.value / mean);
    }
    byOwner.set(vehicle.customerKey, ratios);
  }
  const price = shrinkageCount([...byOwner.values()]);
  return {
    name: "priceShrinkageEvents",
    value: price.value,
    evidence: price.evidence,
    uncertainty: { se: price.logSe, scale: "log" },
    note: "within-owner / between-owner variance of event value relative to its type's mean",
  };
}

/** Event rates: repairs and detailing against the population's rates (gamma-Poisson moments). */
function rateShrinkageEstimate(
  vehicles: readonly BehaviourVehicle[],
  a: PsvAssumptions,
  asOfDay: number,
): BehaviourEstimate {
  const sums = newRatioSums();
  let rateEvidence = 0;
  for (const vehicle of vehicles) {
    const lastDay = vehicle.events.reduce((latest, event) => Math.max(latest, event.day), vehicle.deliveryDay);
    const lapsed = asOfDay - lastDay > DAYS_PER_YEAR;
    const until = Math.min(vehicle.replacedDay ?? asOfDay, lapsed ? lastDay : asOfDay);
    const from = Math.max(vehicle.deliveryDay + vehicle.acquiredAgeDays, vehicle.historyStartDay);
    if (from > vehicle.deliveryDay && vehicle.events.length === 0) continue; // nothing seen in the history
    const expected =
      expectedBackgroundEvents(a, vehicle.deliveryDay, until) - expectedBackgroundEvents(a, vehicle.deliveryDay, from);
    if (expected <= 0) continue;
    const count = vehicle.events.filter(
      (event) => (event.type === "repair" || event.type === "detailing") && event.day <= until,
    ).length;
    addUnit(sums, expected * expected, (count - expected) ** 2 - count);
    rateEvidence += count;
  }
  const value = sums.e > 0 ? Math.min(1000, Math.max(0.05, sums.c / sums.e)) : 1000;
  return {
    name: "rateShrinkageEvents",
    value,
    evidence: rateEvidence,
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
