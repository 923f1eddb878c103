import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import { parseDate } from "../schemas/parse-date.js";
import { withTimeZone } from "../schemas/time-zone.js";
import { DEFAULT_LAPSED_AFTER_DAYS } from "./lapse.js";
import { type NextService, nextDue, type ServiceVehicle, vehicleFacts } from "./next-due.js";
import type { ServiceSchedule } from "./schedule.js";

const MS_PER_DAY = 86_400_000;

/** Thresholds of {@link status}. */
export interface ServiceStatusOptions {
  /**
   * IANA time zone (e.g. "Asia/Shanghai") in which date-times with an offset and Date objects count as civil days;
   * date-times without an offset are wall-clock times there. Default "UTC". Date-only strings are the day written.
   */
  readonly timeZone?: string;
  /** The reference date. */
  readonly asOf: Date | string;
  /** "due-soon" this many days before the due date (default 30). */
  readonly dueSoonDays?: number;
  /** "lapsed" once overdue by more than this many days (default {@link DEFAULT_LAPSED_AFTER_DAYS}: 95). */
  readonly lapsedAfterDays?: number;
}

/** Where a vehicle stands against its maintenance schedule. */
export interface ServiceStatus {
  readonly state: "not-due" | "due-soon" | "overdue" | "lapsed";
  /** Days past the due date (0 when not yet due). */
  readonly daysOverdue: number;
  /** daysOverdue / the interval in days: 0 until due, 1 after a whole missed interval. */
  readonly overdueRatio: number;
  /**
   * Interval-aware recency score, 1 … 5: 5 until the service is due (a vehicle just serviced is not "likely to
   * return soon" — it is not due yet), then falling as the days overdue grow, 1 once lapsed.
   */
  readonly recencyScore: number;
  /** Risk of loss 0 … 1: 0 until due, rising linearly with the days overdue, 1 when lapsed. */
  readonly risk: number;
  /** "首保即终保": the vehicle had exactly one service (the first) and has lapsed since. */
  readonly firstServiceWasLast: boolean;
  readonly next: NextService;
}

/**
 * A vehicle's maintenance status as of a date: not yet due, due soon, overdue or lapsed (overdue by more than
 * `lapsedAfterDays`, default {@link DEFAULT_LAPSED_AFTER_DAYS}: the library's one definition of lapsed), with the
 * days and share of an interval overdue, an interval-aware recency score (the fix for RFM's blind spot in scheduled
 * after-sales: risk rises only once the service is overdue) and the "first service was the last" flag.
 *
 * @example
 * ```ts
 * service.status({ deliveryDate: "2023-01-10", lastServiceDate: "2023-06-01", servicesDone: 1 }, {}, { asOf: "2024-12-01" }).state // "lapsed"
 * ```
 */
export function status(
  vehicle: ServiceVehicle,
  schedule: Partial<ServiceSchedule>,
  options: ServiceStatusOptions,
): ServiceStatus {
  options = readOptions("service status options", options, OPTION_NAMES, { optional: false });
  return withTimeZone(options.timeZone, () => statusInZone(vehicle, schedule, options));
}

const OPTION_NAMES: OptionNames<ServiceStatusOptions> = {
  timeZone: true,
  asOf: true,
  dueSoonDays: true,
  lapsedAfterDays: true,
};

function statusInZone(
  vehicle: ServiceVehicle,
  schedule: Partial<ServiceSchedule>,
  options: ServiceStatusOptions,
): ServiceStatus {
  const parsed = parseDate(options?.asOf);
  if (typeof parsed === "string")
    throw new InvalidInputError("service status options", [{ code: "custom", path: ["asOf"], message: parsed }]);
  const dueSoonDays = options.dueSoonDays ?? 30;
  const lapsedAfterDays = options.lapsedAfterDays ?? DEFAULT_LAPSED_AFTER_DAYS;
  if (!(typeof dueSoonDays === "number" && Number.isFinite(dueSoonDays) && dueSoonDays >= 0))
    throw new InvalidInputError("service status options", [
      { code: "custom", path: ["dueSoonDays"], message: `must be a number ≥ 0, got ${shown(dueSoonDays)}` },
    ]);
  if (!(typeof lapsedAfterDays === "number" && Number.isFinite(lapsedAfterDays) && lapsedAfterDays > 0))
    throw new InvalidInputError("service status options", [
      { code: "custom", path: ["lapsedAfterDays"], message: `must be a number > 0, got ${shown(lapsedAfterDays)}` },
    ]);
  const asOf = Math.floor(parsed.getTime() / MS_PER_DAY);
  const { servicesDone, acquired, delivery } = vehicleFacts(vehicle);
  // A record dated after asOf contradicts a status "as of" that day (a last service in the future read as "not due").
  const future = (["deliveryDate", "lastServiceDate", "odometerDate", "acquiredDate", "historyStart"] as const).filter(
    (field) => {
      const value = vehicle[field];
      if (value === undefined) return false;
      const date = parseDate(value);
      return typeof date !== "string" && Math.floor(date.getTime() / MS_PER_DAY) > asOf;
    },
  );
  if (future.length > 0) {
    throw new InvalidInputError(
      "vehicle",
      future.map((field) => ({
        code: "custom",
        path: [field],
        message: `is after asOf (${shown(options.asOf)}): a status as of a day cannot use records from after it`,
      })),
    );
  }
  const next = nextDue(vehicle, schedule);
  const due = next.dueDate.getTime() / MS_PER_DAY;
  const daysOverdue = Math.max(0, asOf - due);
  const overdueRatio = daysOverdue / next.intervalDays;
  const state: ServiceStatus["state"] =
    daysOverdue > lapsedAfterDays
      ? "lapsed"
      : daysOverdue > 0
        ? "overdue"
        : due - asOf <= dueSoonDays
          ? "due-soon"
          : "not-due";
  const risk = Math.min(1, daysOverdue / lapsedAfterDays);
  const recencyScore = daysOverdue === 0 ? 5 : Math.max(1, 4 - Math.floor(3 * risk));
  return {
    state,
    daysOverdue,
    overdueRatio,
    recencyScore,
    risk,
    // A used car's first visit with its owner is not the car's first service.
    firstServiceWasLast: servicesDone === 1 && state === "lapsed" && acquired === delivery,
    next,
  };
}
