import type { PsvAssumptions } from "./assumptions.js";
import {
  DAYS_PER_YEAR,
  replacedBetween,
  replacementCdfWithPayoff,
  type Schedule,
  stageOf,
} from "./maintenance-timeline.js";

/** What the projection needs to know of one vehicle and its owner on the scoring day. @internal */
export interface VehicleOutlook {
  /** Days since delivery. */
  ageDays: number;
  schedule: Schedule;
  /** Counted maintenance visits so far, and days until the next one is due (≤ 0: due or overdue). */
  visits: number;
  dueInDays: number;
  /** Σ of the leave hazards of the due visits the owner came back for (the loyalty record). */
  stayedHazard: number;
  /** Days to shift the population's delay distribution for this owner (own punctuality, shrunk). */
  delayShiftDays: number;
  /** Owner's price level (1 = average) and event-rate factors (1 = average), shrunk toward the population. */
  priceLevel: number;
  rateFactor: number;
  insuranceProbability: number;
  /** Days since the last counted visit (or since delivery). */
  sinceLastVisitDays: number;
  /** Days of service life left: to the end of the service horizon. */
  lifeLeftDays: number;
  /** The owner's time with the car (days) when a finance contract on it was paid off (NaN: none). */
  payoffOwnedDays: number;
}

/** Results of {@link projectVehicle}, written into a reusable record. @internal */
export interface VehicleProjection {
  /** P(the owner is still served here for this vehicle). */
  pAlive: number;
  /** Chance of leaving for another dealer at the next due visit (for an overdue vehicle: the one just due). */
  leaveAtNextVisit: number;
  /** Expected value over the horizon and over the rest of the vehicle's life, if the owner is still here … */
  horizonIfHere: number;
  lifetimeIfHere: number;
  /** … and over the horizon from the next due visit on, if the owner comes back then (the value a reminder keeps). */
  keptIfStays: number;
}

/**
 * Projects one vehicle's value from the scoring day: value accrues at the owner's own rates (repairs by age year,
 * detailing, other purchases, insurance renewals on delivery anniversaries, a maintenance ticket at each visit)
 * while the owner stays; at each due visit the owner stays with probability ((s + H)/(s + H + h))^s (gamma-frailty
 * posterior after staying through hazards H; h the stage's hazard); between visits the owner may replace the car
 * (normal replacement ages): here with the repurchase probability (earning the repurchase value), elsewhere
 * otherwise — either way this vehicle's value here ends. Everything is linear in the probability of being here
 * today, so values are returned "if here"; the caller multiplies by pAlive. Never throws. @internal
 */
export function projectVehicle(
  a: PsvAssumptions,
  hazards: Float64Array,
  horizonDays: number,
  v: VehicleOutlook,
  out: VehicleProjection,
): void {
  const s = a.loyaltyShape;
  const ticket = a.maintenanceValue * v.priceLevel;
  const continuousBase =
    (a.detailingJobsPerYear * a.detailingValue * v.rateFactor + a.otherValuePerYear) * v.priceLevel;
  const insurance = v.insuranceProbability * a.insuranceValue * v.priceLevel;
  const repairs = a.repairVisitsByAge;
  // Finance renewals a year (at the owner's price level) and referrals (a referred sale's value) accrue like "other";
  // checked assumptions hold 0 for the ones not given (read here without an object per vehicle).
  const financeValue = a.financeValue ?? 0;
  const officeBase =
    (a.financeRenewalsPerYear ?? 0) * financeValue * v.priceLevel + (a.referralsPerYear ?? 0) * (a.referralValue ?? 0);
  // The next car bought here: its margin, the trade-in, and its finance commission if the dealer finances it.
  const repurchase =
    a.repurchaseProbability * (a.newCarValue + a.tradeInValue + (a.financeShare ?? 0) * financeValue) * v.priceLevel;
  const lastRepair = repairs.length - 1;
  let stayed = v.stayedHazard;
  let visits = v.visits;
  let survival = 1;
  const sums = accumulator;
  sums.horizon = 0;
  sums.life = 0;
  sums.kept = 0;
  sums.afterFirstDecision = false;
  sums.horizonDays = horizonDays;
  let survivalAfterFirst = 1;
  const end = Math.max(0, v.lifeLeftDays);
  // P(alive) and the decision ahead (or just taken).
  const stageNow = stageOf(visits, v.ageDays + v.dueInDays, v.schedule);
  const hazardNow = hazards[stageNow] as number;
  const leave = 1 - ((s + stayed) / (s + stayed + hazardNow)) ** s;
  out.leaveAtNextVisit = leave;
  let nextDecision: number;
  // Replacement runs on the owner's time with the car (a used car's from its acquisition; a new car's, its age).
  const owned = v.schedule.acquiredAgeDays;
  const payoff = v.payoffOwnedDays;
  let lastAge = v.ageDays - v.sinceLastVisitDays;
  if (v.dueInDays <= 0) {
    // The due visit has passed without a visit: here only if the owner stayed, kept the car and is late; gone if
    // the owner left or replaced the car elsewhere (a replacement here would show as a new vehicle).
    const late = -v.dueInDays - v.delayShiftDays;
    const notYet = delaySurvival(a.visitDelayQuantilesDays, late);
    const replaced = replacedBetween(
      replacementCdfWithPayoff(a, lastAge - owned, payoff),
      replacementCdfWithPayoff(a, v.ageDays - owned, payoff),
    );
    const kept = (1 - leave) * (1 - replaced);
    const stay = kept * notYet;
    const gone = 1 - kept - replaced * a.repurchaseProbability;
    out.pAlive = stay + gone > 0 ? stay / (stay + gone) : 0;
    lastAge = v.ageDays;
    // If here, the pending visit comes now and the next is due an interval later.
    stayed += hazardNow;
    visits += 1;
    add(sums, 0, ticket);
    nextDecision = v.schedule.intervalDays;
    sums.afterFirstDecision = true;
  } else {
    out.pAlive = 1;
    nextDecision = v.dueInDays;
  }
  let cdfLast = replacementCdfWithPayoff(a, lastAge - owned, payoff);
  let time = 0;
  while (time < end) {
    const segmentEnd = Math.min(nextDecision, end);
    // Continuous value and insurance anniversaries on [time, segmentEnd), split at age-year boundaries.
    let from = time;
    while (from < segmentEnd) {
      const age = v.ageDays + from;
      const year = Math.floor(age / DAYS_PER_YEAR + 1e-9);
      const yearEnd = (year + 1) * DAYS_PER_YEAR - v.ageDays;
      const to = Math.min(segmentEnd, yearEnd);
      const repairRate = (repairs[Math.min(year, lastRepair)] as number) * a.repairValue * v.rateFactor * v.priceLevel;
      const perDay = (repairRate + continuousBase + officeBase) / DAYS_PER_YEAR;
      // Split at the horizon so that the horizon total is exact.
      if (from < horizonDays && to > horizonDays) {
        add(sums, from, survival * perDay * (horizonDays - from));
        add(sums, horizonDays, survival * perDay * (to - horizonDays));
      } else add(sums, from, survival * perDay * (to - from));
      if (to === yearEnd && to < end) add(sums, to, survival * insurance);
      from = to;
    }
    time = segmentEnd;
    if (time >= end) break;
    // A replacement since the last visit (the repurchase value if here), then the due visit: stay (and visit) or leave.
    // P(replaced in (last, now] | not before) from the normal replacement ages, one Φ per visit (the last is kept).
    const cdfNow = replacementCdfWithPayoff(a, v.ageDays + time - owned, payoff);
    const replaced = replacedBetween(cdfLast, cdfNow);
    cdfLast = cdfNow;
    add(sums, time, survival * replaced * repurchase);
    const stage = stageOf(visits, v.ageDays + time, v.schedule);
    const hazard = hazards[stage] as number;
    survival *= (1 - replaced) * ((s + stayed) / (s + stayed + hazard)) ** s;
    stayed += hazard;
    visits += 1;
    if (!sums.afterFirstDecision) {
      sums.afterFirstDecision = true;
      survivalAfterFirst = survival;
    }
    add(sums, time, survival * ticket);
    nextDecision = time + v.schedule.intervalDays;
  }
  out.horizonIfHere = sums.horizon;
  out.lifetimeIfHere = sums.life;
  out.keptIfStays = survivalAfterFirst > 0 ? sums.kept / survivalAfterFirst : 0;
}

/** Running sums of one projection (one record for all calls: no allocation per vehicle). */
const accumulator = { horizon: 0, life: 0, kept: 0, afterFirstDecision: false, horizonDays: 0 };

/** Adds value earned at `time` (days from now): to the lifetime, the horizon, and what a reminder keeps. */
function add(sums: typeof accumulator, time: number, amount: number): void {
  sums.life += amount;
  if (time < sums.horizonDays) {
    sums.horizon += amount;
    if (sums.afterFirstDecision) sums.kept += amount;
  }
}

/**
 * P(delay > days) among owners who come, from the 21 quantiles (linear between them, 0 past the last). @internal
 */
export function delaySurvival(quantiles: readonly number[], days: number): number {
  const n = quantiles.length - 1;
  if (days < (quantiles[0] as number)) return 1;
  if (days >= (quantiles[n] as number)) return 0;
  let low = 0;
  let high = n;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if ((quantiles[middle] as number) <= days) low = middle;
    else high = middle;
  }
  const q0 = quantiles[low] as number;
  const q1 = quantiles[high] as number;
  const fraction = q1 > q0 ? (days - q0) / (q1 - q0) : 1;
  return 1 - (low + fraction) / n;
}
