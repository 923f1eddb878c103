import { InvalidInputError } from "../errors.js";
import { mergePositiveSettings } from "../schemas/positive-settings.js";

/** A maintenance schedule: time and mileage intervals, whichever comes first, with a separate first service. */
export interface ServiceSchedule {
  /** First service due this many months after delivery (default 5: China's usual 3–5 months). */
  readonly firstServiceMonths: number;
  /** …or at this odometer reading, km (default 5,000: the usual 3,000–5,000 km). */
  readonly firstServiceKm: number;
  /** Later services every this many months (default 12). */
  readonly intervalMonths: number;
  /** …or every this many km (default 10,000: the usual 5,000–10,000 km). */
  readonly intervalKm: number;
  /** Mileage per day when the vehicle has no usable odometer history (default 19,000 km a year / 365.2425). */
  readonly defaultKmPerDay: number;
}

/**
 * Default schedule from DOMAIN.md §4: first service at 5 months or 5,000 km, then every 12 months or 10,000 km
 * (the upper ends of "3–5 months or 3,000–5,000 km" and "6–12 months or 5,000–10,000 km"), and 19,000 km a year
 * (average annual mileage of a light vehicle in China, 2015 estimate) where the odometer history is unknown.
 */
export const DEFAULT_SERVICE_SCHEDULE: ServiceSchedule = {
  firstServiceMonths: 5,
  firstServiceKm: 5000,
  intervalMonths: 12,
  intervalKm: 10_000,
  defaultKmPerDay: 19_000 / 365.2425,
};

/** Merges a partial schedule over the defaults and checks it. @internal */
export function resolveSchedule(schedule: Partial<ServiceSchedule> = {}): ServiceSchedule {
  const { merged, issues } = mergePositiveSettings(DEFAULT_SERVICE_SCHEDULE, schedule, "service schedule", {
    argument: "schedule",
  });
  if (issues.length > 0) throw new InvalidInputError("service schedule", issues);
  return merged;
}
