import { normalCdf } from "../math/normal-cdf.js";
import type { PsvAssumptions } from "./assumptions.js";

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

/** A vehicle's maintenance schedule in days, from its own mileage (time or km, whichever first). @internal */
export interface Schedule {
  readonly firstServiceDays: number;
  readonly intervalDays: number;
  readonly warrantyEndDays: number;
}

/**
 * The km a year a vehicle's schedule runs on, from an odometer reading `readingAgeDays` after delivery: the reading
 * over its age if it is at least 30 days old and above 0 km; else Number.MIN_VALUE, so that the km limits never come
 * first and the schedule, the warranty and the service life run on their time limits alone. @internal
 */
export function scheduleKmPerYear(km: number, readingAgeDays: number): number {
  return readingAgeDays >= 30 && km > 0 ? (km / readingAgeDays) * DAYS_PER_YEAR : Number.MIN_VALUE;
}

/** The schedule of a vehicle that runs `kmPerYear`. @internal */
export function scheduleFor(a: PsvAssumptions, kmPerYear: number): Schedule {
  return {
    firstServiceDays: Math.min(a.firstServiceMonths / 12, a.firstServiceKm / kmPerYear) * DAYS_PER_YEAR,
    intervalDays: Math.min(a.serviceIntervalMonths / 12, a.serviceIntervalKm / kmPerYear) * DAYS_PER_YEAR,
    warrantyEndDays: Math.min(a.warrantyYears, a.warrantyKm / kmPerYear) * DAYS_PER_YEAR,
  };
}

/**
 * Walks a vehicle's maintenance visits (ascending day numbers) against its schedule: the first service falls due
 * at delivery + firstServiceDays, each later one an interval after the previous visit. A visit within 30% of an
 * interval after the previous one is a repeat of the same service and is skipped. Calls `onVisit(stage, delay, dueAge)` for
 * each counted visit (delay = visit − due, days; dueAge = due − delivery, days) and returns the number of counted visits and the next due day.
 * @internal
 */
export function walkTimeline(
  deliveryDay: number,
  visitDays: ArrayLike<number>,
  schedule: Schedule,
  onVisit?: (stage: DueStage, delayDays: number, dueAgeDays: number) => void,
): { visits: number; nextDueDay: number; lastVisitDay: number } {
  let due = deliveryDay + schedule.firstServiceDays;
  let visits = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < visitDays.length; index++) {
    const day = visitDays[index] as number;
    if (day - last < 0.3 * schedule.intervalDays) continue;
    onVisit?.(stageOf(visits, due - deliveryDay, schedule), day - due, due - deliveryDay);
    visits += 1;
    last = day;
    due = day + schedule.intervalDays;
  }
  return { visits, nextDueDay: due, lastVisitDay: last };
}

/** Stage of the due visit after `visits` counted visits, due at `dueAgeDays` after delivery. @internal */
export function stageOf(visits: number, dueAgeDays: number, schedule: Schedule): DueStage {
  if (visits === 0) return 0;
  if (visits === 1) return 1;
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

/** Quantiles 0, 5, …, 100% of a sample (sorted in place). @internal */
export function twentiethQuantiles(sample: number[]): number[] {
  sample.sort((x, y) => x - y);
  const quantiles: number[] = [];
  for (let step = 0; step <= 20; step++) {
    const position = (step / 20) * (sample.length - 1);
    const low = Math.floor(position);
    const high = Math.min(low + 1, sample.length - 1);
    quantiles.push((sample[low] as number) + ((sample[high] as number) - (sample[low] as number)) * (position - low));
  }
  return quantiles;
}

/** P(the owner has replaced the vehicle by an age, in days), replacement ages normal (replacementAgeYears, replacementAgeSpreadYears). @internal */
export function replacementCdf(a: PsvAssumptions, ageDays: number): number {
  const sigma = Math.max(a.replacementAgeSpreadYears, 1e-6);
  return normalCdf((ageDays / DAYS_PER_YEAR - a.replacementAgeYears) / sigma);
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
