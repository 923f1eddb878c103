import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { guardRead, readOptions } from "../input/read-options.js";
import { addCivilMonths } from "../schemas/civil-days.js";
import { parseDate } from "../schemas/parse-date.js";
import { withTimeZone } from "../schemas/time-zone.js";
import { resolveSchedule, type ServiceSchedule } from "./schedule.js";

const MS_PER_DAY = 86_400_000;

/** What service timing needs to know about a vehicle. */
export interface ServiceVehicle {
  readonly deliveryDate: Date | string;
  /** Date of the last maintenance visit; omit if the vehicle has had none. */
  readonly lastServiceDate?: Date | string;
  /** Odometer at the last maintenance visit, km. */
  readonly lastServiceOdometerKm?: number;
  /**
   * Maintenance visits so far. Omitted: 0 without a lastServiceDate, unknown (at least 1) with one — an unknown count
   * never raises the "first service was the last" flag. A count > 0 needs lastServiceDate; 0 forbids it.
   */
  readonly servicesDone?: number;
  /** Latest known odometer reading, km, and its date (for the mileage per day). */
  readonly odometerKm?: number;
  readonly odometerDate?: Date | string;
  /**
   * A used car: the day the owner acquired it and its odometer then (`deliveryDate` is its first registration). Its
   * next service falls an interval after its last known one, or after the acquisition if none is known since; its
   * mileage per day is the owner's (km since the acquisition over days since), never the first service's limits.
   */
  readonly acquiredDate?: Date | string;
  readonly odometerAtAcquisition?: number;
  /**
   * The first day the records show (a DMS migration): with no last service since, a vehicle whose first service
   * could have fallen before it is taken to have kept its services on schedule up to it — its next service the first
   * due on or after the start, not a first service years overdue.
   */
  readonly historyStart?: Date | string;
}

/** The next maintenance due. */
export interface NextService {
  /** When the next service is due: the earlier of the time and the mileage due dates. */
  readonly dueDate: Date;
  /** Which limit comes first. */
  readonly basis: "time" | "mileage";
  /** The odometer reading at which it is due, km. */
  readonly dueOdometerKm: number;
  /** The time-based due date and the projected date of reaching the due mileage. */
  readonly dueByTime: Date;
  readonly dueByMileage: Date;
  /** Whether the next service is the first one. */
  readonly isFirstService: boolean;
  /** The mileage per day used for projection, and where it came from. */
  readonly kmPerDay: number;
  readonly kmPerDaySource: "odometer" | "default";
  /** Days from the last service (or delivery) to the due date: the interval that applies, for overdue ratios. */
  readonly intervalDays: number;
}

/** A civil day number: a Date counts as the day its instant falls on (UTC, or `status`'s time zone), as a string does. */
function day(value: unknown, field: string): number {
  const parsed = parseDate(value);
  if (typeof parsed === "string")
    throw new InvalidInputError("vehicle", [{ code: "custom", path: [field], message: parsed }]);
  return parsed.getTime() / MS_PER_DAY;
}

/** Validated vehicle facts as day numbers. @internal */
export function vehicleFacts(vehicle: ServiceVehicle) {
  return guardRead("vehicle", [], () => readVehicleFacts(vehicle));
}

/** A used car's acquisition day (the delivery for a car bought new), its issues added to `issues`. */
function acquisitionDay(
  vehicle: ServiceVehicle,
  delivery: number,
  issues: { code: string; path: string[]; message: string }[],
): number {
  const acquired = vehicle.acquiredDate === undefined ? delivery : day(vehicle.acquiredDate, "acquiredDate");
  if (acquired < delivery)
    issues.push({ code: "custom", path: ["acquiredDate"], message: "must not be before the delivery date" });
  if (vehicle.odometerAtAcquisition !== undefined && vehicle.acquiredDate === undefined)
    issues.push({ code: "custom", path: ["acquiredDate"], message: "is required with odometerAtAcquisition" });
  return acquired;
}

function readVehicleFacts(vehicle: ServiceVehicle) {
  if (vehicle === null || typeof vehicle !== "object")
    throw new InvalidInputError("vehicle", [{ code: "invalid_type", path: [], message: "must be an object" }]);
  const delivery = day(vehicle.deliveryDate, "deliveryDate");
  const lastService =
    vehicle.lastServiceDate === undefined ? undefined : day(vehicle.lastServiceDate, "lastServiceDate");
  const issues: { code: string; path: string[]; message: string }[] = [];
  const nonNegative = (value: unknown, name: string) => {
    if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value >= 0)) {
      issues.push({ code: "custom", path: [name], message: `must be a finite number ≥ 0, got ${shown(value)}` });
    }
  };
  nonNegative(vehicle.lastServiceOdometerKm, "lastServiceOdometerKm");
  nonNegative(vehicle.odometerKm, "odometerKm");
  nonNegative(vehicle.odometerAtAcquisition, "odometerAtAcquisition");
  const acquired = acquisitionDay(vehicle, delivery, issues);
  if (vehicle.servicesDone !== undefined && !(Number.isInteger(vehicle.servicesDone) && vehicle.servicesDone >= 0)) {
    issues.push({
      code: "custom",
      path: ["servicesDone"],
      message: `must be a whole number ≥ 0, got ${shown(vehicle.servicesDone)}`,
    });
  }
  if (typeof vehicle.servicesDone === "number" && vehicle.servicesDone > 0 && lastService === undefined)
    issues.push({ code: "custom", path: ["servicesDone"], message: "a service count > 0 needs lastServiceDate" });
  if (vehicle.servicesDone === 0 && lastService !== undefined)
    issues.push({ code: "custom", path: ["servicesDone"], message: "is 0, but lastServiceDate is given" });
  if (lastService !== undefined && lastService < delivery)
    issues.push({ code: "custom", path: ["lastServiceDate"], message: "must not be before the delivery date" });
  const odometerDay = vehicle.odometerDate === undefined ? undefined : day(vehicle.odometerDate, "odometerDate");
  if (odometerDay !== undefined && odometerDay < delivery)
    issues.push({ code: "custom", path: ["odometerDate"], message: "must not be before the delivery date" });
  if ((vehicle.odometerKm === undefined) !== (odometerDay === undefined))
    issues.push({ code: "custom", path: ["odometerKm"], message: "odometerKm and odometerDate go together" });
  if (
    vehicle.odometerKm !== undefined &&
    vehicle.lastServiceOdometerKm !== undefined &&
    odometerDay !== undefined &&
    lastService !== undefined &&
    odometerDay >= lastService &&
    vehicle.odometerKm < vehicle.lastServiceOdometerKm
  ) {
    issues.push({
      code: "custom",
      path: ["odometerKm"],
      message: "goes backwards: below the reading at the last service",
    });
  }
  if (issues.length > 0) throw new InvalidInputError("vehicle", issues);
  const servicesDone: number | undefined = vehicle.servicesDone ?? (lastService === undefined ? 0 : undefined);
  const acquiredKm = vehicle.odometerAtAcquisition ?? 0;
  const historyStart =
    vehicle.historyStart === undefined ? Number.NEGATIVE_INFINITY : day(vehicle.historyStart, "historyStart");
  return { delivery, lastService, odometerDay, servicesDone, acquired, acquiredKm, historyStart };
}

/**
 * The next maintenance due for a vehicle, by time and by mileage, whichever comes first (the "planned economy" of
 * after-sales: DOMAIN.md §2). The first service has its own limits. Mileage is projected from the latest odometer
 * reading at the vehicle's own observed km per day (reading / days since delivery), or the schedule's default.
 * Months are calendar months (31 January + 1 month = end of February).
 *
 * @param vehicle - Delivery date, last service (date, odometer, count) and the latest odometer reading.
 * @param schedule - Overrides of {@link DEFAULT_SERVICE_SCHEDULE}.
 * @param options - `timeZone`: the IANA zone in which Date objects and date-times with an offset count as civil days
 * (default "UTC"), as in `service.status`.
 *
 * @example
 * ```ts
 * service.nextDue({ deliveryDate: "2024-01-10" }).dueDate.toISOString().slice(0, 10) // "2024-04-15" (5,000 km at 52 km a day comes before 5 months)
 * ```
 */
export function nextDue(
  vehicle: ServiceVehicle,
  schedule: Partial<ServiceSchedule> = {},
  options: { readonly timeZone?: string } = {},
): NextService {
  const { timeZone } = readOptions("nextDue options", options, { timeZone: true });
  return withTimeZone(timeZone, () => nextDueInZone(vehicle, schedule));
}

function nextDueInZone(vehicle: ServiceVehicle, schedule: Partial<ServiceSchedule>): NextService {
  const rules = resolveSchedule(schedule);
  const facts = vehicleFacts(vehicle);
  const { delivery, lastService, odometerDay, servicesDone, acquired, acquiredKm } = facts;
  const dueAfter = (last: number | undefined, first: boolean) =>
    nextDueDays(
      rules,
      delivery,
      last,
      first,
      last === lastService ? vehicle.lastServiceOdometerKm : undefined,
      vehicle.odometerKm,
      odometerDay,
      acquired,
      acquiredKm,
    );
  let isFirstService = servicesDone === 0 && acquired === delivery;
  let due = dueAfter(lastService, isFirstService);
  // Records that start late, with no service since: the services before the start kept on schedule.
  const start = facts.historyStart;
  if ((lastService === undefined || lastService < start) && start > due.dueDay - 0.3 * due.intervalDays) {
    for (let k = 0; k < 400 && due.dueDay < start; k++) due = dueAfter(due.dueDay, false);
    isFirstService = false;
  }
  return {
    dueDate: new Date(Math.round(due.dueDay) * MS_PER_DAY),
    basis: due.dueByMileage < due.dueByTime ? "mileage" : "time",
    dueOdometerKm: due.dueOdometerKm,
    dueByTime: new Date(Math.round(due.dueByTime) * MS_PER_DAY),
    dueByMileage: new Date(Math.round(due.dueByMileage) * MS_PER_DAY),
    isFirstService,
    kmPerDay: due.kmPerDay,
    kmPerDaySource: due.kmPerDaySource,
    intervalDays: due.intervalDays,
  };
}

/**
 * The arithmetic of {@link nextDue} on day numbers (no Dates, no checks): `lastService` and the odometer reading are
 * undefined when unknown; a used car's acquisition day and odometer then (default: the delivery, 0 km). `dueDay` is
 * not rounded. @internal
 */
export function nextDueDays(
  rules: ServiceSchedule,
  delivery: number,
  lastService: number | undefined,
  isFirstService: boolean,
  lastServiceOdometerKm: number | undefined,
  odometerKm: number | undefined,
  odometerDay: number | undefined,
  acquired = delivery,
  acquiredKm = 0,
) {
  let kmPerDay = rules.defaultKmPerDay;
  let kmPerDaySource: NextService["kmPerDaySource"] = "default";
  if (
    odometerKm !== undefined &&
    odometerDay !== undefined &&
    odometerDay - acquired >= 30 &&
    odometerKm - acquiredKm > 0
  ) {
    kmPerDay = (odometerKm - acquiredKm) / (odometerDay - acquired);
    kmPerDaySource = "odometer";
  }
  // The anchor: the last service, or the acquisition (a used car with none known since; a new car's delivery).
  const anchor = isFirstService ? delivery : Math.max(lastService ?? acquired, acquired);
  const projected = acquiredKm + (anchor - acquired) * kmPerDay;
  const anchorKm = isFirstService
    ? 0
    : anchor === lastService || acquired === delivery
      ? (lastServiceOdometerKm ?? projected)
      : projected;
  const months = isFirstService ? rules.firstServiceMonths : rules.intervalMonths;
  const dueOdometerKm = isFirstService ? rules.firstServiceKm : anchorKm + rules.intervalKm;
  const dueByTime = addCivilMonths(anchor, months);
  // Odometer on a given day: the latest reading (or the anchor's) plus kmPerDay since then.
  const recent = odometerKm !== undefined && odometerDay !== undefined && odometerDay >= anchor;
  const referenceDay = recent ? odometerDay : anchor;
  const referenceKm = recent ? odometerKm : anchorKm;
  const dueByMileage = referenceDay + Math.max(0, dueOdometerKm - referenceKm) / kmPerDay;
  const dueDay = Math.min(dueByTime, dueByMileage);
  return {
    dueDay,
    dueByTime,
    dueByMileage,
    dueOdometerKm,
    kmPerDay,
    kmPerDaySource,
    intervalDays: Math.max(1, dueDay - anchor),
  };
}
