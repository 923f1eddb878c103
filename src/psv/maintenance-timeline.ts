import { normalCdf } from "../math/normal-cdf.js";
import type { PsvAssumptions } from "./assumptions.js";
import type { DealerVehicles } from "./dealer-records.js";

/** Days in a mean Gregorian year. @internal */
export const DAYS_PER_YEAR = 365.2425;

/** The stage of a due visit, in the order of the leave probabilities: 0 before the first service, 1 right after it, 2 in the warranty, 3 after it. @internal */
export type DueStage = 0 | 1 | 2 | 3;

/** The stages of a due visit in words, in the order of `stageOf`. @internal */
export const DUE_STAGE_NAMES = [
  "before first service",
  "after first service (首保即终保 window)",
  "in warranty",
  "after warranty",
] as const;

/** A vehicle's maintenance schedule in days since delivery, from its own mileage (time or km, whichever first). @internal */
export interface Schedule {
  /** The first due visit: the first service; for a used car, an interval after its acquisition. */
  readonly firstServiceDays: number;
  readonly intervalDays: number;
  readonly warrantyEndDays: number;
  /** The end of its service life (the horizon, in years or km). */
  readonly serviceEndDays: number;
  /** When the owner acquired it: 0 for a car bought new; a used car's due visits are all later ones (stage 2 or 3). */
  readonly acquiredAgeDays: number;
}

/**
 * The km a year a vehicle's schedule runs on, from an odometer reading `readingAgeDays` after delivery: the reading
 * over its age if it is at least 30 days old and above 0 km; else Number.MIN_VALUE, so that the km limits never come
 * first and the schedule, the warranty and the service life run on their time limits alone. A used car's pace is
 * the km since its acquisition over the days since (pass those). @internal
 */
export function scheduleKmPerYear(km: number, readingAgeDays: number): number {
  return readingAgeDays >= 30 && km > 0 ? (km / readingAgeDays) * DAYS_PER_YEAR : Number.MIN_VALUE;
}

/**
 * The schedule of a vehicle that runs `kmPerYear`; a used car acquired `acquiredAgeDays` after its delivery at
 * `acquiredKm`: its km limits count from the odometer then (the warranty and service life end at the first of
 * their years since delivery and their km on the odometer), its first due visit an interval after the acquisition. @internal
 */
export function scheduleFor(a: PsvAssumptions, kmPerYear: number, acquiredAgeDays = 0, acquiredKm = 0): Schedule {
  const intervalDays = Math.min(a.serviceIntervalMonths / 12, a.serviceIntervalKm / kmPerYear) * DAYS_PER_YEAR;
  const kmLimitDays = (limitKm: number) => acquiredAgeDays + ((limitKm - acquiredKm) / kmPerYear) * DAYS_PER_YEAR;
  return {
    firstServiceDays:
      acquiredAgeDays > 0
        ? acquiredAgeDays + intervalDays
        : Math.min(a.firstServiceMonths / 12, a.firstServiceKm / kmPerYear) * DAYS_PER_YEAR,
    intervalDays,
    warrantyEndDays: Math.min(a.warrantyYears * DAYS_PER_YEAR, kmLimitDays(a.warrantyKm)),
    serviceEndDays: Math.min(a.horizonYears * DAYS_PER_YEAR, kmLimitDays(a.horizonKm)),
    acquiredAgeDays,
  };
}

/**
 * A vehicle's schedule at its own pace: the km since the owner acquired it (delivery and 0 km for a car bought new)
 * over the days since, from the latest reading (Number.MIN_VALUE without a usable one: time limits alone). @internal
 */
export function vehicleSchedule(
  a: PsvAssumptions,
  fleet: Pick<DealerVehicles, "deliveryDay" | "acquiredDay" | "acquiredKm">,
  v: number,
  latestKm: number,
  latestKmDay: number,
): Schedule & { readonly kmPerYear: number } {
  const delivery = fleet.deliveryDay[v] as number;
  const acquiredDay = fleet.acquiredDay[v] as number;
  const acquiredKm = fleet.acquiredKm[v] as number;
  const kmPerYear = scheduleKmPerYear(latestKm - acquiredKm, latestKmDay - acquiredDay);
  return { ...scheduleFor(a, kmPerYear, acquiredDay - delivery, acquiredKm), kmPerYear };
}

/** Where a vehicle's timeline stands: counted visits, the next due day, the last visit, and the day its decisions are seen from. @internal */
export interface Timeline {
  visits: number;
  nextDueDay: number;
  lastVisitDay: number;
  /**
   * The day from which the record is seen whole: the delivery (a used car's acquisition); for a vehicle whose history
   * starts after its first due visit could have fallen, its first maintenance visit in the history (NaN: none).
   */
  entryDay: number;
}

/**
 * Walks a vehicle's maintenance visits (ascending day numbers) against its schedule: the first service falls due
 * at delivery + firstServiceDays, each later one an interval after the previous visit. A visit within 30% of an
 * interval after the previous one is a repeat of the same service and is skipped. Calls `onVisit(stage, delay, dueAge)` for
 * each counted visit (delay = visit − due, days; dueAge = due − delivery, days) and returns the number of counted
 * visits and the next due day.
 *
 * A history that starts on `historyStartDay`, after the first service could have fallen (later than 30% of an
 * interval before it), does not show the visits before it. A vehicle that comes in the history stayed through every
 * due visit before (leaving is for good): its first visit there is the service the schedule puts nearest, the ones
 * before it are counted as kept on time, and all of these are reported with delay NaN (unknown) — they are what the
 * record is conditioned on. A vehicle that does not come is placed on schedule up to the start (entryDay NaN).
 * @internal
 */
export function walkTimeline(
  deliveryDay: number,
  visitDays: ArrayLike<number>,
  schedule: Schedule,
  onVisit?: (stage: DueStage, delayDays: number, dueAgeDays: number) => void,
  historyStartDay = Number.NEGATIVE_INFINITY,
): Timeline {
  const timeline: Timeline = {
    visits: 0,
    nextDueDay: deliveryDay + schedule.firstServiceDays,
    lastVisitDay: Number.NEGATIVE_INFINITY,
    entryDay: deliveryDay + schedule.acquiredAgeDays,
  };
  let index = 0;
  if (startsLate(deliveryDay, schedule, historyStartDay))
    index = enterLate(timeline, deliveryDay, visitDays, schedule, onVisit, historyStartDay);
  for (; index < visitDays.length; index++) {
    const day = visitDays[index] as number;
    if (day - timeline.lastVisitDay < 0.3 * schedule.intervalDays) continue;
    const due = timeline.nextDueDay;
    onVisit?.(stageOf(timeline.visits, due - deliveryDay, schedule), day - due, due - deliveryDay);
    timeline.visits += 1;
    timeline.lastVisitDay = day;
    timeline.nextDueDay = day + schedule.intervalDays;
  }
  return timeline;
}

/**
 * Whether a history that starts on `historyStartDay` starts after the vehicle's first due visit could have fallen
 * (later than 30% of an interval before it): then the visits before the start are missing, not missed. @internal
 */
export function startsLate(deliveryDay: number, schedule: Schedule, historyStartDay: number): boolean {
  return historyStartDay > deliveryDay + schedule.firstServiceDays - 0.3 * schedule.intervalDays;
}

/**
 * A record that starts after the first service could have fallen: the services kept before the first visit seen
 * (on schedule), that visit itself, each with an unknown delay; or, with no visit seen, the timeline on schedule up
 * to the start. Returns the index of the first visit still to walk.
 */
function enterLate(
  timeline: Timeline,
  deliveryDay: number,
  visitDays: ArrayLike<number>,
  schedule: Schedule,
  onVisit: ((stage: DueStage, delayDays: number, dueAgeDays: number) => void) | undefined,
  historyStartDay: number,
): number {
  const first = visitDays.length > 0 ? (visitDays[0] as number) : Number.NaN;
  const firstDue = timeline.nextDueDay;
  const kept = Number.isNaN(first)
    ? Math.max(0, Math.ceil((historyStartDay - firstDue) / schedule.intervalDays))
    : Math.max(0, Math.round((first - firstDue) / schedule.intervalDays));
  for (let k = 0; k < kept; k++) {
    const due = firstDue + k * schedule.intervalDays;
    onVisit?.(stageOf(k, due - deliveryDay, schedule), Number.NaN, due - deliveryDay);
  }
  timeline.visits = kept;
  timeline.nextDueDay = firstDue + kept * schedule.intervalDays;
  timeline.lastVisitDay = kept > 0 ? timeline.nextDueDay - schedule.intervalDays : Number.NEGATIVE_INFINITY;
  timeline.entryDay = first;
  if (Number.isNaN(first)) return 0;
  const due = timeline.nextDueDay;
  onVisit?.(stageOf(kept, due - deliveryDay, schedule), Number.NaN, due - deliveryDay);
  timeline.visits = kept + 1;
  timeline.lastVisitDay = first;
  timeline.nextDueDay = first + schedule.intervalDays;
  return 1;
}

/**
 * Stage of the due visit after `visits` counted visits, due at `dueAgeDays` after delivery: a used car's due visits
 * are later ones, in or after the warranty, whatever this owner's count. @internal
 */
export function stageOf(visits: number, dueAgeDays: number, schedule: Schedule): DueStage {
  if (visits === 0 && schedule.acquiredAgeDays === 0) return 0;
  if (visits <= 1 && schedule.acquiredAgeDays === 0) return 1;
  return dueAgeDays < schedule.warrantyEndDays ? 2 : 3;
}

/** Leave hazards −ln(1 − p) of the four stages. @internal */
export function stageHazards(a: PsvAssumptions): Float64Array {
  return Float64Array.of(
    -Math.log1p(-a.leaveBeforeFirstService),
    -Math.log1p(-a.leaveAfterFirstService),
    -Math.log1p(-a.leaveInWarranty),
    -Math.log1p(-a.leavePostWarranty),
  );
}

/** P(the owner has replaced the vehicle by an age, in days), replacement ages normal (replacementAgeYears, replacementAgeSpreadYears). @internal */
export function replacementCdf(a: PsvAssumptions, ageDays: number): number {
  const sigma = Math.max(a.replacementAgeSpreadYears, 1e-6);
  return normalCdf((ageDays / DAYS_PER_YEAR - a.replacementAgeYears) / sigma);
}

/**
 * The replacement distribution of an owner who paid a finance contract off at `payoffAgeDays` (NaN: none): the
 * replacement ages, or the payoff trigger — replaced within the year after it with `replacementAfterPayoff`, evenly
 * over that year: F*(t) = 1 − (1 − F(t))·(1 − q·min(1, (t − payoff)/year)) past the payoff. @internal
 */
export function replacementCdfWithPayoff(a: PsvAssumptions, ageDays: number, payoffAgeDays: number): number {
  const base = replacementCdf(a, ageDays);
  const q = a.replacementAfterPayoff ?? 0;
  if (!(q > 0 && ageDays > payoffAgeDays)) return base;
  return 1 - (1 - base) * (1 - q * Math.min(1, (ageDays - payoffAgeDays) / DAYS_PER_YEAR));
}

/** P(replaced between two ages | not before), from the distribution function at both ages. @internal */
export function replacedBetween(cdfFrom: number, cdfTo: number): number {
  if (!(cdfTo > cdfFrom)) return 0;
  const remaining = 1 - cdfFrom;
  return remaining > 1e-12 ? Math.min(1, (cdfTo - cdfFrom) / remaining) : 1;
}

/** P(the owner replaces the vehicle between two ages | not before), ages in days. @internal */
export function replacementProbability(a: PsvAssumptions, fromAgeDays: number, toAgeDays: number): number {
  if (!(toAgeDays > fromAgeDays)) return 0;
  return replacedBetween(replacementCdf(a, fromAgeDays), replacementCdf(a, toAgeDays));
}
