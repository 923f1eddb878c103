import { marksPresence } from "../../schemas/event-types.js";
import type { ServiceEventType } from "../../schemas/record-types.js";
import type { PsvAssumptions } from "../assumptions.js";
import { DAYS_PER_YEAR, type Schedule, scheduleFor, startsLate } from "../maintenance-timeline.js";
import { matchReplacements } from "../match-replacements.js";

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

/** An event as the calibration uses it: its amount of the value field as a number (undefined: not given). */
export interface CalibrationEvent {
  readonly vehicleId: string | number;
  /** Its day number. */
  readonly day: number;
  /** The vehicle's age at it, in years since delivery. */
  readonly age: number;
  readonly type: ServiceEventType;
  readonly odometerKm: number | undefined;
  readonly value: number | undefined;
}

/** Each vehicle (in fleet order) with its events (in row order until the facts sort them by age). */
export type VehicleRecords = { readonly vehicle: CalibrationVehicle; readonly events: CalibrationEvent[] }[];

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
  /** Its events, by age. */
  readonly vehicleEvents: CalibrationEvent[];
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
  vehicleEvents: readonly CalibrationEvent[],
  schedule: Schedule,
): { entryAge: number; enteredAtEvent: boolean } {
  const acquired = delivery + schedule.acquiredAgeDays; // a used car's record starts when this owner took it
  if (historyStart <= acquired) return { entryAge: schedule.acquiredAgeDays / DAYS_PER_YEAR, enteredAtEvent: false };
  if (!startsLate(delivery, schedule, historyStart))
    return { entryAge: (historyStart - delivery) / DAYS_PER_YEAR, enteredAtEvent: false };
  const first = vehicleEvents.find((event) => marksPresence(event.type));
  return first === undefined
    ? { entryAge: Number.NaN, enteredAtEvent: false }
    : { entryAge: first.age, enteredAtEvent: true };
}

/**
 * The owner's pace: the latest odometer reading of a vehicle (its own or an event's) as km a year since the owner
 * acquired it (delivery and 0 km for a car bought new), if at least 30 days after.
 */
function ownKmPerYearOf(vehicle: CalibrationVehicle, vehicleEvents: readonly CalibrationEvent[]): number | undefined {
  const acquiredAge = vehicle.acquiredAgeDays / DAYS_PER_YEAR;
  let readingKm: number | undefined;
  let readingAge = acquiredAge;
  if (vehicle.odometerKm !== undefined && vehicle.odometerDay !== undefined) {
    readingKm = vehicle.odometerKm;
    readingAge = (vehicle.odometerDay - vehicle.deliveryDay) / DAYS_PER_YEAR;
  }
  for (const event of vehicleEvents) {
    if (event.odometerKm !== undefined && event.age >= readingAge) {
      readingKm = event.odometerKm;
      readingAge = event.age;
    }
  }
  const km = readingKm === undefined ? 0 : readingKm - vehicle.acquiredKm;
  const years = readingAge - acquiredAge;
  return years >= 30 / DAYS_PER_YEAR && km > 0 ? km / years : undefined;
}

/** One vehicle's facts, and its own km a year from its readings (undefined: none; the facts then use the fallback's). */
function factsOf(
  vehicle: CalibrationVehicle,
  vehicleEvents: CalibrationEvent[],
  replaced: number,
  settings: CalibrateSettings,
): { fact: Facts; reading: number | undefined } {
  const { asOf, fallback, departureAfter } = settings;
  const delivery = vehicle.deliveryDay;
  const observedAge = (asOf - delivery) / DAYS_PER_YEAR;
  const ownKmPerYear = ownKmPerYearOf(vehicle, vehicleEvents);
  const schedule = scheduleFor(
    fallback,
    ownKmPerYear ?? fallback.kmPerYear,
    vehicle.acquiredAgeDays,
    vehicle.acquiredKm,
  );
  const { entryAge, enteredAtEvent } = entryOf(delivery, vehicle.historyStartDay, vehicleEvents, schedule);
  // The last sign of the owner (a finance payoff or a referral is not one).
  const lastEventAge = vehicleEvents.reduce((last, event) => (marksPresence(event.type) ? event.age : last), 0);
  const lastAge = Math.max(lastEventAge, Number.isNaN(entryAge) ? 0 : entryAge);
  const cutoff = Math.max(0, observedAge - departureAfter);
  const fact: Facts = {
    vehicle,
    vehicleEvents,
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
 * replaced it), the km readings, and the mean gap between events with the dealer (for the departure correction).
 */
export function vehicleFacts(
  byVehicle: VehicleRecords,
  settings: CalibrateSettings,
): { facts: Facts[]; kmReadings: number[]; meanGap: number } {
  // A repurchase is a "new-car-purchase" event, or a later vehicle of the same customer that replaced this one (see
  // matchReplacements: the old car stops coming when the new one arrives; a growing fleet replaces nothing).
  const entries = byVehicle;
  // The day each owner took the vehicle (its delivery, or a used car's acquisition): what a later car replaces.
  const deliveryDays = Float64Array.from(entries, ({ vehicle }) => vehicle.deliveryDay + vehicle.acquiredAgeDays);
  const lastSeenDays = Float64Array.from(entries, ({ events: vehicleEvents }, index) =>
    vehicleEvents.reduce(
      (latest, event) => (marksPresence(event.type) ? Math.max(latest, event.day) : latest),
      deliveryDays[index] as number,
    ),
  );
  const replacedOn = matchReplacements(
    entries.map(({ vehicle }) => vehicle.customerId),
    deliveryDays,
    lastSeenDays,
  );
  const facts: Facts[] = [];
  const kmReadings: number[] = [];
  let eventsSeen = 0;
  let roughExposure = 0;
  for (const [position, { vehicle, events: vehicleEvents }] of entries.entries()) {
    if (!isSortedByAge(vehicleEvents)) vehicleEvents.sort((x, y) => x.age - y.age);
    const { fact, reading } = factsOf(vehicle, vehicleEvents, replacedOn[position] as number, settings);
    facts.push(fact);
    if (reading !== undefined) kmReadings.push(reading);
    const { entryAge, enteredAtEvent, departed, lastAge, cutoff } = fact;
    if (Number.isNaN(entryAge)) continue;
    const until = departed ? lastAge : cutoff;
    roughExposure += Math.max(0, until - entryAge);
    for (const { type, age } of vehicleEvents)
      if (marksPresence(type) && age > entryAge - (enteredAtEvent ? 0 : 1e-9) && age <= until + 1e-9) eventsSeen += 1;
  }
  // A departed owner left some time after the last event: with events at rate λ a year, 1/λ on average
  // (the backward recurrence time of a Poisson process), so that much is added to the time with the dealer.
  return { facts, kmReadings, meanGap: eventsSeen > 0 ? roughExposure / eventsSeen : 0 };
}

/** Whether events are already in age order (exports usually are): then no sort is needed. */
function isSortedByAge(events: readonly CalibrationEvent[]): boolean {
  for (let index = 1; index < events.length; index++)
    if ((events[index] as CalibrationEvent).age < (events[index - 1] as CalibrationEvent).age) return false;
  return true;
}
