import type { PsvAssumptions } from "../assumptions.js";
import { DAYS_PER_YEAR, type Schedule, scheduleFor, startsLate } from "../maintenance-timeline.js";
import { matchReplacements } from "../match-replacements.js";
import { type CalibrationEvents, isPresence } from "./calibration-events.js";

const MS_PER_DAY = 86_400_000;
/** A date's day number (days since 1970-01-01, fractional for a time of day). @internal */
export const dayOf = (date: Date) => date.getTime() / MS_PER_DAY;

/** A vehicle as the calibration uses it (read and checked by the dealer-record reader). @internal */
export interface CalibrationVehicle {
  readonly vehicleId: string | number;
  readonly customerId: string | number;
  /** Its delivery, as a day number (days since 1970-01-01). */
  readonly deliveryDay: number;
  /** When the owner acquired it (0 for a car bought new) and its odometer then. */
  readonly acquiredAgeDays: number;
  readonly acquiredKm: number;
  /** The first day its history shows (−Infinity: from its delivery). */
  readonly historyStartDay: number;
  readonly odometerKm?: number;
  readonly odometerDay?: number;
}

/** The checked options of a calibration. */
export interface CalibrateSettings {
  readonly asOf: number;
  readonly fallback: PsvAssumptions;
  /** Years after the last event at which a vehicle counts as departed. */
  readonly departureAfter: number;
  readonly minimum: number;
  readonly valueField: "margin" | "revenue";
  /** The first day of the history (−Infinity: from each delivery). */
  readonly historyStart: number;
  /** Whose history: the network's (every dealer's visits) or each vehicle's own dealer's. */
  readonly scope: "network" | "dealer";
}

/** What one vehicle's history says, before the exposure is counted (pass 1). */
export interface Facts {
  readonly vehicle: CalibrationVehicle;
  /** Its events: rows `first` to `end − 1` of the calibration's events (in age order). */
  readonly events: CalibrationEvents;
  readonly first: number;
  readonly end: number;
  readonly observedAge: number;
  readonly lastAge: number;
  readonly departed: boolean;
  readonly cutoff: number;
  readonly ownKmPerYear: number;
  /** Age at which the owner took delivery of the vehicle that replaced this one (a repurchase), if any. */
  readonly nextDeliveryAge: number | undefined;
  /**
   * Age from which the record is seen: 0 from delivery; the history's start, if no service could have fallen
   * before it; else the first event in the history (`enteredAtEvent`: what the record is conditioned on). NaN: no
   * event in a history that starts after the vehicle's first service could have fallen (nothing seen).
   */
  readonly entryAge: number;
  readonly enteredAtEvent: boolean;
}

/** The age from which a vehicle's record is seen, and whether it enters at its first event (see {@link Facts}). */
function entryOf(
  delivery: number,
  historyStart: number,
  events: CalibrationEvents,
  first: number,
  end: number,
  schedule: Schedule,
): { entryAge: number; enteredAtEvent: boolean } {
  const acquired = delivery + schedule.acquiredAgeDays; // a used car's record starts when this owner took it
  if (historyStart <= acquired) return { entryAge: schedule.acquiredAgeDays / DAYS_PER_YEAR, enteredAtEvent: false };
  if (!startsLate(delivery, schedule, historyStart))
    return { entryAge: (historyStart - delivery) / DAYS_PER_YEAR, enteredAtEvent: false };
  for (let e = first; e < end; e++)
    if (isPresence(events.type[e] as number)) return { entryAge: events.age[e] as number, enteredAtEvent: true };
  return { entryAge: Number.NaN, enteredAtEvent: false };
}

/**
 * The owner's pace: the latest odometer reading of a vehicle (its own or an event's) as km a year since the owner
 * acquired it (delivery and 0 km for a car bought new), if at least 30 days after.
 */
function ownKmPerYearOf(
  vehicle: CalibrationVehicle,
  events: CalibrationEvents,
  first: number,
  end: number,
): number | undefined {
  const acquiredAge = vehicle.acquiredAgeDays / DAYS_PER_YEAR;
  let readingKm: number | undefined;
  let readingAge = acquiredAge;
  if (vehicle.odometerKm !== undefined && vehicle.odometerDay !== undefined) {
    readingKm = vehicle.odometerKm;
    readingAge = (vehicle.odometerDay - vehicle.deliveryDay) / DAYS_PER_YEAR;
  }
  for (let e = first; e < end; e++) {
    const km = events.km[e] as number;
    const age = events.age[e] as number;
    if (!Number.isNaN(km) && age >= readingAge) {
      readingKm = km;
      readingAge = age;
    }
  }
  const km = readingKm === undefined ? 0 : readingKm - vehicle.acquiredKm;
  const years = readingAge - acquiredAge;
  return years >= 30 / DAYS_PER_YEAR && km > 0 ? km / years : undefined;
}

/** One vehicle's facts, and its own km a year from its readings (undefined: none; the facts then use the fallback's). */
function factsOf(
  vehicle: CalibrationVehicle,
  events: CalibrationEvents,
  position: number,
  replaced: number,
  settings: CalibrateSettings,
): { fact: Facts; reading: number | undefined } {
  const first = events.start[position] as number;
  const end = events.start[position + 1] as number;
  const { asOf, fallback, departureAfter } = settings;
  const delivery = vehicle.deliveryDay;
  const observedAge = (asOf - delivery) / DAYS_PER_YEAR;
  const ownKmPerYear = ownKmPerYearOf(vehicle, events, first, end);
  const schedule = scheduleFor(
    fallback,
    ownKmPerYear ?? fallback.kmPerYear,
    vehicle.acquiredAgeDays,
    vehicle.acquiredKm,
  );
  const { entryAge, enteredAtEvent } = entryOf(delivery, vehicle.historyStartDay, events, first, end, schedule);
  // The last sign of the owner (a finance payoff or a referral is not one).
  let lastEventAge = 0;
  for (let e = first; e < end; e++) if (isPresence(events.type[e] as number)) lastEventAge = events.age[e] as number;
  const lastAge = Math.max(lastEventAge, Number.isNaN(entryAge) ? 0 : entryAge);
  const cutoff = Math.max(0, observedAge - departureAfter);
  const fact: Facts = {
    vehicle,
    events,
    first,
    end,
    observedAge,
    lastAge,
    departed: lastAge < cutoff,
    cutoff,
    ownKmPerYear: ownKmPerYear ?? fallback.kmPerYear,
    nextDeliveryAge: Number.isNaN(replaced) ? undefined : (replaced - delivery) / DAYS_PER_YEAR,
    entryAge,
    enteredAtEvent,
  };
  return { fact, reading: ownKmPerYear };
}

/**
 * Pass 1: per-vehicle facts (age observed, last event, departed or censored, own km a year, the delivery that
 * replaced it), the km readings, and the exposure and events with the dealer whose ratio is the mean gap between
 * events (the departure correction: see meanGapOf).
 */
export function vehicleFacts(
  vehicles: readonly CalibrationVehicle[],
  events: CalibrationEvents,
  settings: CalibrateSettings,
): { facts: Facts[]; kmReadings: number[]; exposure: number; eventsSeen: number } {
  // A repurchase is a "new-car-purchase" event, or a later vehicle of the same customer that replaced this one (see
  // matchReplacements: the old car stops coming when the new one arrives; a growing fleet replaces nothing).
  // The day each owner took the vehicle (its delivery, or a used car's acquisition): what a later car replaces.
  const deliveryDays = Float64Array.from(vehicles, (vehicle) => vehicle.deliveryDay + vehicle.acquiredAgeDays);
  const lastSeenDays = Float64Array.from(vehicles, (_, v) => {
    let latest = deliveryDays[v] as number;
    for (let e = events.start[v] as number; e < (events.start[v + 1] as number); e++)
      if (isPresence(events.type[e] as number)) latest = Math.max(latest, events.day[e] as number);
    return latest;
  });
  const replacedOn = matchReplacements(
    vehicles.map((vehicle) => vehicle.customerId),
    deliveryDays,
    lastSeenDays,
  );
  const facts: Facts[] = [];
  const kmReadings: number[] = [];
  let eventsSeen = 0;
  let roughExposure = 0;
  for (const [position, vehicle] of vehicles.entries()) {
    const { fact, reading } = factsOf(vehicle, events, position, replacedOn[position] as number, settings);
    facts.push(fact);
    if (reading !== undefined) kmReadings.push(reading);
    const { entryAge, enteredAtEvent, departed, lastAge, cutoff, first, end } = fact;
    if (Number.isNaN(entryAge)) continue;
    const until = departed ? lastAge : cutoff;
    roughExposure += Math.max(0, until - entryAge);
    const from = entryAge - (enteredAtEvent ? 0 : 1e-9);
    for (let e = first; e < end; e++) {
      const age = events.age[e] as number;
      if (isPresence(events.type[e] as number) && age > from && age <= until + 1e-9) eventsSeen += 1;
    }
  }
  return { facts, kmReadings, exposure: roughExposure, eventsSeen };
}

/**
 * The mean gap between events with the dealer, from the first pass's exposure and events. A departed owner left
 * some time after the last event: with events at rate λ a year, 1/λ on average (the backward recurrence time of a
 * Poisson process), so that much is added to the time with the dealer. @internal
 */
export const meanGapOf = (exposure: number, eventsSeen: number) => (eventsSeen > 0 ? exposure / eventsSeen : 0);
