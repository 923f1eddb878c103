import type { PsvAssumptions } from "../assumptions.js";
import type { DealerVehicles } from "../dealer-records.js";
import {
  DAYS_PER_YEAR,
  type DueStage,
  type Schedule,
  scheduleFor,
  stageHazards,
  stageOf,
  vehicleSchedule,
  walkTimeline,
} from "../maintenance-timeline.js";
import { delaySurvival, projectVehicle, type VehicleOutlook, type VehicleProjection } from "../project-vehicle.js";
import { leadBandOf } from "../reminder/lead-bands.js";
import { type ReminderModel, reminderEffectAt, reminderModel } from "../reminder/reminder-model.js";
import { applyOwnerRates, type OwnerEvidence } from "./owner-rates.js";
import type { VehicleAssumptions } from "./vehicle-assumptions.js";
import type { VehicleHistories } from "./vehicle-histories.js";

/** The vehicle states, by code. @internal */
export const STATES = ["not-due", "due-soon", "overdue", "lost", "drifting", "traded-in", "end-of-life"] as const;
/** The state code of a lapsed vehicle (win-back). @internal */
export const LOST = 3;
/** The state code of a vehicle whose owner still comes for other services but skipped maintenance here. @internal */
export const DRIFTING = 4;
/** State codes from which a vehicle has no value left here. @internal */
export const TRADED_IN = 5;
/** Flags of a vehicle (bits). @internal */
export const FLAGS = {
  neverCameForFirstService: 1,
  firstServiceWasLast: 2,
  mileageAssumed: 4,
  insuranceDue: 8,
  firstServiceNext: 16,
} as const;

/** Per vehicle: P(alive), the chance of leaving at the next visit, the values, the due day, state and flags. @internal */
export interface VehicleColumns {
  readonly pAlive: Float64Array;
  readonly leave: Float64Array;
  readonly obtainable: Float64Array;
  readonly lifetime: Float64Array;
  readonly saveable: Float64Array;
  /**
   * What the saveable value is per unit of its lead-time band's effect (the stage factor × P(not back) × the value
   * kept, × P(reach) once weighed), and that band (−1: none): the saveable total's uncertainty from the band effects'.
   */
  readonly perEffect: Float64Array;
  readonly band: Int8Array;
  readonly winBack: Float64Array;
  /** The value over the horizon the vehicle would bring if here, × P(not here): what its loss costs. */
  readonly lostValue: Float64Array;
  readonly due: Float64Array;
  readonly state: Uint8Array;
  readonly flags: Uint8Array;
}

/** The checked settings the vehicle stage reads. @internal */
export interface OutlookSettings {
  readonly asOf: number;
  readonly horizonDays: number;
  readonly windowDays: number;
  readonly winBackRate: number;
  /** The first day of the history (−Infinity: from each delivery). */
  readonly historyStart: number;
}

/** Where the population's visit delays lie: the 5% and 95% points and the mean, in days. */
interface DelayRange {
  readonly low: number;
  readonly high: number;
  readonly mean: number;
}

/**
 * Every vehicle's outlook from its own history: its schedule at its own mileage, the timeline of its visits (the
 * loyalty record and the owner's punctuality), P(alive) and the projection over the horizon and its life, then its
 * state (not due, due soon, overdue, lost, traded in, end of life), saveable and win-back values. @internal
 */
export function vehicleOutlooks(
  assumptions: VehicleAssumptions,
  fleet: DealerVehicles,
  h: VehicleHistories,
  owners: OwnerEvidence,
  settings: OutlookSettings,
): VehicleColumns {
  const vehicleCount = fleet.ids.length;
  const columns = newVehicleColumns(vehicleCount);
  const contexts = assumptions.list.map(outlookContext);
  const projection: VehicleProjection = {
    pAlive: 0,
    leaveAtNextVisit: 0,
    horizonIfHere: 0,
    lifetimeIfHere: 0,
    keptIfStays: 0,
  };
  const { deliveryDay, customerOf } = fleet;
  const { latestKm, latestKmDay, visitDays, visitOffsets, tradeInDay, lastEventDay } = h;
  for (let v = 0; v < vehicleCount; v++) {
    const { a, hazards, outlook, reminder, readRecord, lapse } = contexts[
      assumptions.of[v] as number
    ] as OutlookContext;
    const delivery = deliveryDay[v] as number;
    const km = latestKm[v] as number;
    // Without a usable odometer reading the km limits are unknown: the schedule, the warranty and the service life
    // run on their time limits alone (and the reasons say so).
    const schedule = vehicleSchedule(a, fleet, v, km, latestKmDay[v] as number);
    const mileageAssumed = schedule.kmPerYear === Number.MIN_VALUE;
    const ownVisits = visitDays.subarray(visitOffsets[v] as number, visitOffsets[v + 1] as number);
    const start = fleet.historyStartDay[v] as number;
    const { timeline, stayedHazard, delayShiftDays } = readRecord(delivery, ownVisits, schedule, start);
    const ageDays = settings.asOf - delivery;
    const serviceEndDays = schedule.serviceEndDays;
    const drifting = isDrifting(timeline, lastEventDay[v] as number, settings.asOf, lapse);
    if (drifting)
      timeline.nextDueDay = nextDueAfterSkipped(timeline.nextDueDay, settings.asOf, lapse, schedule.intervalDays);
    columns.due[v] = timeline.nextDueDay;
    columns.flags[v] = mileageAssumed ? FLAGS.mileageAssumed : 0;
    const tradedIn = (tradeInDay[v] as number) !== Number.POSITIVE_INFINITY;
    if (tradedIn || ageDays >= serviceEndDays) {
      columns.state[v] = tradedIn ? TRADED_IN : TRADED_IN + 1;
      columns.due[v] = Number.NaN;
      continue;
    }
    outlook.ageDays = ageDays;
    outlook.schedule = schedule;
    outlook.visits = timeline.visits;
    outlook.dueInDays = timeline.nextDueDay - settings.asOf;
    outlook.stayedHazard = stayedHazard;
    outlook.delayShiftDays = delayShiftDays;
    applyOwnerRates(owners, a, customerOf[v] as number, outlook);
    outlook.sinceLastVisitDays =
      timeline.visits > 0 ? settings.asOf - timeline.lastVisitDay : ageDays - schedule.acquiredAgeDays;
    outlook.lifeLeftDays = serviceEndDays - ageDays;
    outlook.payoffOwnedDays = (h.payoffDay[v] as number) - delivery - schedule.acquiredAgeDays;
    projectVehicle(a, hazards, settings.horizonDays, outlook, projection);
    const stage = stageOf(timeline.visits, timeline.nextDueDay - delivery, schedule);
    // A used car's due visits are later ones: no first-service flags, whatever this owner's count.
    const visitsForFlags = schedule.acquiredAgeDays > 0 ? Math.max(2, timeline.visits) : timeline.visits;
    classifyVehicle(a, settings, outlook, projection, visitsForFlags, columns, v);
    if (drifting) columns.state[v] = DRIFTING;
    saveableOf(reminder, outlook.dueInDays, stage, projection, columns.state[v] === LOST, columns, v);
  }
  return columns;
}

/** What the outlooks of the vehicles on one assumptions object share: hazards, delays, reminder, scratch outlook. */
interface OutlookContext {
  readonly a: PsvAssumptions;
  readonly hazards: Float64Array;
  readonly outlook: VehicleOutlook;
  readonly reminder: ReminderModel;
  readonly readRecord: ReturnType<typeof ownRecordReader>;
  /** The lapse: the 95% point of the delays of owners who come. */
  readonly lapse: number;
}

function outlookContext(a: PsvAssumptions): OutlookContext {
  const hazards = stageHazards(a);
  const quantiles = a.visitDelayQuantilesDays;
  const delays: DelayRange = {
    low: quantiles[1] as number,
    high: quantiles[19] as number,
    mean: quantiles.reduce((sum, value) => sum + value, 0) / quantiles.length,
  };
  return {
    a,
    hazards,
    outlook: newOutlook(a),
    reminder: reminderModel(a),
    readRecord: ownRecordReader(a, hazards, delays),
    lapse: quantiles[19] as number,
  };
}

/**
 * The reader of a vehicle's own record: its timeline, the loyalty record (the stage hazards of the due visits it came
 * back for) and the owner's punctuality — the mean delay shrunk toward the population's, from delays within the
 * population's range (a first visit years late is a return, not a habit; a visit whose due date the history does not
 * show has no delay). One callback for all vehicles.
 */
function ownRecordReader(a: PsvAssumptions, hazards: Float64Array, delays: DelayRange) {
  let stayedHazard = 0;
  let delaySum = 0;
  let delayCount = 0;
  const onVisit = (stage: DueStage, delay: number) => {
    stayedHazard += hazards[stage] as number;
    if (Number.isNaN(delay)) return;
    delaySum += Math.min(Math.max(delay, delays.low), delays.high);
    delayCount += 1;
  };
  return (delivery: number, visits: ArrayLike<number>, schedule: Schedule, historyStart: number) => {
    stayedHazard = 0;
    delaySum = 0;
    delayCount = 0;
    const timeline = walkTimeline(delivery, visits, schedule, onVisit, historyStart);
    const weight = delayCount / (delayCount + a.delayShrinkageVisits);
    const delayShiftDays = delayCount > 0 ? weight * (delaySum / delayCount - delays.mean) : 0;
    return { timeline, stayedHazard, delayShiftDays };
  };
}

/**
 * A vehicle drifting to independent garages: its maintenance visit is overdue past the lapse (the 95% point of the
 * delays of owners who come), yet the owner has had another paid event here on it since the lapse began — a repair,
 * an insurance renewal, detailing — so the owner is still a customer whose maintenance goes elsewhere (share of
 * wallet falling), not gone. @internal
 */
export function isDrifting(
  timeline: { visits: number; nextDueDay: number; lastVisitDay: number },
  lastEventDay: number,
  asOf: number,
  lapse: number,
): boolean {
  return (
    timeline.visits > 0 &&
    asOf - timeline.nextDueDay > lapse &&
    lastEventDay > timeline.lastVisitDay &&
    asOf - lastEventDay <= lapse
  );
}

/** The due date of a drifting vehicle: the skipped visits' interval on, to the first still within the lapse. @internal */
export function nextDueAfterSkipped(due: number, asOf: number, lapse: number, intervalDays: number): number {
  return due + Math.ceil((asOf - lapse - due) / intervalDays) * intervalDays;
}

function newVehicleColumns(count: number): VehicleColumns {
  return {
    pAlive: new Float64Array(count),
    leave: new Float64Array(count),
    obtainable: new Float64Array(count),
    lifetime: new Float64Array(count),
    saveable: new Float64Array(count),
    perEffect: new Float64Array(count),
    band: new Int8Array(count).fill(-1),
    winBack: new Float64Array(count),
    lostValue: new Float64Array(count),
    due: new Float64Array(count),
    state: new Uint8Array(count),
    flags: new Uint8Array(count),
  };
}

function newOutlook(a: PsvAssumptions): VehicleOutlook {
  return {
    ageDays: 0,
    schedule: scheduleFor(a, a.kmPerYear),
    visits: 0,
    dueInDays: 0,
    stayedHazard: 0,
    delayShiftDays: 0,
    priceLevel: 1,
    rateFactor: 1,
    insuranceProbability: a.insuranceRenewalProbability,
    sinceLastVisitDays: 0,
    lifeLeftDays: 0,
    payoffOwnedDays: Number.NaN,
  };
}

/**
 * What a reminder that reaches the owner now is expected to save: the effect at this lead time and stage × the chance
 * the owner does not come back for the due visit (the chance of leaving at it; for an overdue vehicle, of being gone
 * already or about to go: 1 − P(alive)) × the value kept if the owner comes. Nothing for a lapsed vehicle (win-back).
 * Writes it, the vehicle's lead-time band and its value per unit of that band's effect (for the total's interval).
 */
function saveableOf(
  reminder: ReminderModel,
  dueInDays: number,
  stage: number,
  projection: VehicleProjection,
  lapsed: boolean,
  columns: VehicleColumns,
  v: number,
): void {
  const band = lapsed ? -1 : leadBandOf(dueInDays);
  columns.band[v] = band;
  if (band < 0) return;
  const ahead = dueInDays > 0;
  const notBack = ahead ? projection.leaveAtNextVisit : 1 - projection.pAlive;
  const kept = ahead ? projection.keptIfStays : projection.horizonIfHere;
  const factor = reminder.byStage[stage] as number;
  const effect = reminderEffectAt(reminder, dueInDays, stage);
  columns.saveable[v] = effect === 0 ? 0 : effect * notBack * kept;
  columns.perEffect[v] = effect < 1 ? factor * notBack * kept : 0;
}

/**
 * A projected vehicle's values and state: win-back if lapsed (overdue by more than 19 in 20 returning owners are
 * late: the shared definition), the state against the reminder window, and the flags the reasons read.
 */
function classifyVehicle(
  a: PsvAssumptions,
  settings: OutlookSettings,
  outlook: VehicleOutlook,
  projection: VehicleProjection,
  visits: number,
  columns: VehicleColumns,
  v: number,
): void {
  const { windowDays } = settings;
  const pAlive = projection.pAlive;
  columns.pAlive[v] = pAlive;
  columns.leave[v] = projection.leaveAtNextVisit;
  columns.obtainable[v] = pAlive * projection.horizonIfHere;
  columns.lifetime[v] = pAlive * projection.lifetimeIfHere;
  columns.lostValue[v] = (1 - pAlive) * projection.horizonIfHere;
  const dueIn = outlook.dueInDays;
  const dueSoon = dueIn > 0 && dueIn <= windowDays;
  const lost = -dueIn > (a.visitDelayQuantilesDays[19] as number);
  if (lost) columns.winBack[v] = settings.winBackRate * (1 - pAlive) * projection.horizonIfHere;
  columns.state[v] = dueIn > windowDays ? 0 : dueSoon ? 1 : lost ? 3 : 2;
  let flags = columns.flags[v] as number;
  const ageDays = outlook.ageDays;
  const nextAnniversary = (Math.floor(ageDays / DAYS_PER_YEAR) + 1) * DAYS_PER_YEAR - ageDays;
  if (nextAnniversary <= windowDays) flags |= FLAGS.insuranceDue;
  if (visits === 0) flags |= FLAGS.firstServiceNext;
  if (dueIn <= 0 && visits === 0 && delaySurvival(a.visitDelayQuantilesDays, -dueIn) < 0.05)
    flags |= FLAGS.neverCameForFirstService;
  if (dueIn <= 0 && visits === 1 && lost) flags |= FLAGS.firstServiceWasLast;
  columns.flags[v] = flags;
}
