import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { wholeDayNumber } from "../input/day-numbers.js";
import { guardRead, type OptionNames, readOptions, unreadableIssue } from "../input/read-options.js";
import { allocateUnits, roundedWholeUnits } from "../money/allocate-units.js";
import { type Money, MoneyDecimal } from "../money/decimal.js";
import { ROUNDING_NAMES, type RoundingOptions } from "../money/round-money.js";
import { isAbsentEntry } from "../schemas/column-entries.js";
import { type IdIndex, idIndex } from "../schemas/id-index.js";
import { isId } from "../schemas/is-id.js";
import { parseDate } from "../schemas/parse-date.js";
import { withTimeZone } from "../schemas/time-zone.js";
import { status as serviceStatus } from "../service/status.js";
import { checkAssumptions, type PsvAssumptions } from "./assumptions.js";
import { buildCurve, COMPONENT_COUNT, COMPONENTS, evaluateCurve, type PsvComponent, type PsvCurve } from "./curve.js";

const MS_PER_DAY = 86_400_000;
const DAYS_PER_YEAR = 365.2425;

/** A vehicle as PSV scoring needs it. */
export interface PsvVehicle {
  readonly vehicleId: string | number;
  readonly customerId?: string | number;
  readonly deliveryDate: Date | string;
  /** Latest odometer reading (km) and its date. Without it the vehicle is assumed to follow kmPerYear. */
  readonly odometerKm?: number;
  readonly odometerDate?: Date | string;
  /** Last maintenance visit, for the next due date and the churn risk. */
  readonly lastServiceDate?: Date | string;
  readonly lastServiceOdometerKm?: number;
  readonly servicesDone?: number;
}

/**
 * Vehicles as columns (struct of arrays) for {@link scoreBatch}: one entry per vehicle in each column given. Dates
 * come as dates (`deliveryDate`, `odometerDate`: Date or string, read as {@link score} reads them) or as day numbers
 * (`deliveryDay`, `odometerDay`: whole days since 1970-01-01, e.g. an Int32Array, read with no parsing at all). In
 * the optional columns, `undefined`, `null` or NaN marks a vehicle without that field.
 */
export type PsvVehicleColumns = {
  readonly vehicleId: ArrayLike<string | number>;
  readonly customerId?: ArrayLike<string | number | null | undefined>;
  readonly odometerKm?: ArrayLike<number | null | undefined>;
  readonly lastServiceDate?: ArrayLike<Date | string | null | undefined>;
  readonly lastServiceOdometerKm?: ArrayLike<number | null | undefined>;
  readonly servicesDone?: ArrayLike<number | null | undefined>;
} & (
  | { readonly deliveryDate: ArrayLike<Date | string>; readonly deliveryDay?: never }
  | { readonly deliveryDay: ArrayLike<number>; readonly deliveryDate?: never }
) &
  (
    | { readonly odometerDate?: ArrayLike<Date | string | null | undefined>; readonly odometerDay?: never }
    | { readonly odometerDay?: ArrayLike<number | null | undefined>; readonly odometerDate?: never }
  );

const COLUMN_FIELDS = [
  "vehicleId",
  "customerId",
  "deliveryDate",
  "deliveryDay",
  "odometerKm",
  "odometerDate",
  "odometerDay",
  "lastServiceDate",
  "lastServiceOdometerKm",
  "servicesDone",
] as const;

/** Why a vehicle cannot be scored: the field and the message. @internal */
type VehicleIssue = readonly [field: string, message: string];

/**
 * Reads what {@link scoreBatch} needs of vehicle `index` into `days` (delivery day, odometer km, odometer day; NaN
 * for no reading) and returns its id, or the issue that makes it invalid. @internal
 */
type BatchRead = (index: number, days: Float64Array) => VehicleIssue | undefined;

/** One vehicle row's issue (field, message), or undefined with its days in `days`. */
function readVehicleRow(vehicle: PsvVehicle, days: Float64Array, cache: DayCache): VehicleIssue | undefined {
  if (vehicle === null || typeof vehicle !== "object") return ["vehicle", "must be an object"];
  if (!isId(vehicle.vehicleId))
    return ["vehicleId", `must be a non-empty string or a finite number, got ${shown(vehicle.vehicleId)}`];
  return readDays(vehicle, days, cache);
}

/** A reader of rows or columns; columns must all have the vehicleId column's length. @internal */
function batchReader(
  vehicles: readonly PsvVehicle[] | PsvVehicleColumns,
  cache: DayCache,
): { length: number; id: (index: number) => string | number | undefined; read: BatchRead } {
  if (Array.isArray(vehicles)) {
    const rows = vehicles as readonly PsvVehicle[];
    return {
      length: rows.length,
      id: (index) => {
        try {
          return (rows[index] as PsvVehicle | null)?.vehicleId;
        } catch {
          return undefined; // a failing getter: read() names the row
        }
      },
      read: (index, days) => {
        try {
          return readVehicleRow(rows[index] as PsvVehicle, days, cache);
        } catch (error) {
          return ["vehicle", unreadableIssue([], error).message]; // a failing getter of the caller's row
        }
      },
    };
  }
  const columns = vehicles as PsvVehicleColumns | null;
  if (columns === null || typeof columns !== "object" || typeof columns.vehicleId?.length !== "number") {
    throw new InvalidInputError("PSV vehicles", [
      {
        code: "invalid_type",
        path: [],
        message: "must be an array of vehicles or an object of columns with vehicleId",
      },
    ]);
  }
  const length = columns.vehicleId.length;
  for (const field of COLUMN_FIELDS) {
    const column = columns[field] as ArrayLike<unknown> | null | undefined;
    if (column !== undefined && (column === null || typeof column !== "object" || column.length !== length)) {
      throw new InvalidInputError("PSV vehicles", [
        { code: "custom", path: [field], message: `must be a column of ${length} values like vehicleId` },
      ]);
    }
  }
  for (const [dates, dayNumbers] of [
    ["deliveryDate", "deliveryDay"],
    ["odometerDate", "odometerDay"],
  ] as const) {
    if (columns[dates] !== undefined && columns[dayNumbers] !== undefined)
      throw new InvalidInputError("PSV vehicles", [
        { code: "custom", path: [dayNumbers], message: `give ${dates} or ${dayNumbers}, not both` },
      ]);
  }
  if (columns.deliveryDate === undefined && columns.deliveryDay === undefined)
    throw new InvalidInputError("PSV vehicles", [
      { code: "custom", path: ["deliveryDate"], message: "is required (or deliveryDay, as day numbers)" },
    ]);
  const ids = columns.vehicleId;
  const { deliveryDay, deliveryDate, odometerKm, odometerDay, odometerDate } = columns;
  /** A day from a day-number column or a date column; undefined when absent; the issue's message when invalid. */
  const dayAt = (
    numbers: ArrayLike<unknown> | undefined,
    dates: ArrayLike<unknown> | undefined,
    index: number,
  ): number | string | undefined => {
    if (numbers !== undefined) {
      const value = numbers[index];
      return isAbsentEntry(value) ? undefined : wholeDayNumber(value);
    }
    const value = dates?.[index];
    return isAbsentEntry(value) ? undefined : dayNumber(value, cache);
  };
  return {
    length,
    id: (index) => ids[index],
    read: (index, days) => {
      const id = ids[index];
      if (!isId(id)) return ["vehicleId", `must be a non-empty string or a finite number, got ${shown(id)}`];
      const delivery = dayAt(deliveryDay, deliveryDate, index);
      if (delivery === undefined) return [deliveryDay ? "deliveryDay" : "deliveryDate", "is missing"];
      if (typeof delivery === "string") return [deliveryDay ? "deliveryDay" : "deliveryDate", delivery];
      days[0] = delivery;
      const km = odometerKm?.[index];
      const read = dayAt(odometerDay, odometerDate, index);
      if (isAbsentEntry(km) && read === undefined) {
        days[1] = Number.NaN;
        days[2] = Number.NaN;
        return undefined;
      }
      if (typeof read === "string") return [odometerDay ? "odometerDay" : "odometerDate", read];
      return odometerReading(km, read ?? Number.NaN, days, odometerDay ? "odometerDay" : "odometerDate");
    },
  };
}

/** Checks an odometer reading and stores it in days[1] (km) and days[2] (day). @internal */
function odometerReading(km: unknown, day: number, days: Float64Array, dayField: string): VehicleIssue | undefined {
  if (!(typeof km === "number" && Number.isFinite(km) && km >= 0))
    return ["odometerKm", `must be a finite number ≥ 0 (with ${dayField}), got ${shown(km)}`];
  if (Number.isNaN(day)) return [dayField, `is required with odometerKm`];
  days[1] = km;
  days[2] = day;
  return undefined;
}

/** The day numbers of a vehicle record (dates parsed through the batch's cache). @internal */
function readDays(vehicle: PsvVehicle, days: Float64Array, cache?: DayCache): VehicleIssue | undefined {
  const delivery = dayNumber(vehicle.deliveryDate, cache);
  if (typeof delivery === "string") return ["deliveryDate", delivery];
  days[0] = delivery;
  days[1] = Number.NaN;
  days[2] = Number.NaN;
  if (vehicle.odometerKm === undefined && vehicle.odometerDate === undefined) return undefined;
  const read = dayNumber(vehicle.odometerDate, cache);
  if (!(typeof vehicle.odometerKm === "number" && Number.isFinite(vehicle.odometerKm) && vehicle.odometerKm >= 0))
    return ["odometerKm", `must be a finite number ≥ 0 (with odometerDate), got ${shown(vehicle.odometerKm)}`];
  if (typeof read === "string") return ["odometerDate", read];
  return odometerReading(vehicle.odometerKm, read, days, "odometerDate");
}

/** Options of {@link score} and {@link scoreBatch}. */
export interface PsvScoreOptions {
  /**
   * IANA time zone (e.g. "Asia/Shanghai") in which date-times with an offset and Date objects count as civil days;
   * date-times without an offset are wall-clock times there. Default "UTC". Date-only strings are the day written.
   */
  readonly timeZone?: string;
  /** The scoring date. */
  readonly asOf: Date | string;
  /** Money rounding (default 2 decimals, at most 10): wholes half-even, components by largest remainder so they add up. */
  readonly rounding?: RoundingOptions;
}

/** A vehicle's PSV, with money as Decimal. */
export interface PsvScore {
  readonly vehicleId: string | number;
  readonly customerId: string | number | undefined;
  /** Remaining obtainable value (discounted to asOf when discountRate > 0). */
  readonly total: Money;
  readonly components: Record<PsvComponent, Money>;
  /** Value already realised on the expected schedule (undiscounted), in total and per component. */
  readonly realised: Money;
  readonly realisedComponents: Record<PsvComponent, Money>;
  /** Lifetime value on the expected schedule (undiscounted): realised + remaining when discountRate = 0. */
  readonly lifetime: Money;
  readonly lifetimeComponents: Record<PsvComponent, Money>;
  /** Years of service life left: horizon end − progress. */
  readonly remainingYears: number;
  /** Age in years, and progress = max(age, odometer / kmPerYear): how far along its life the vehicle is. */
  readonly ageYears: number;
  readonly progressYears: number;
  /** Next maintenance due (time or mileage, whichever first) and the churn risk from service timing (0 … 1). */
  readonly nextServiceDue: Date;
  readonly churnRisk: number;
}

interface VehicleFacts {
  readonly age: number;
  readonly progress: number;
}

function bad(rowIndex: number | undefined, field: string, message: string): never {
  throw new InvalidInputError("vehicle", [{ code: "custom", path: [field], message }], rowIndex);
}

/** Day numbers of date strings already seen in a batch (fleets share delivery days). @internal */
type DayCache = Map<unknown, number | string>;

function dayNumber(value: unknown, cache: DayCache | undefined): number | string {
  const cached = cache?.get(value);
  if (cached !== undefined) return cached;
  const parsed = parseDate(value);
  const result = typeof parsed === "string" ? parsed : parsed.getTime() / MS_PER_DAY;
  if (cache !== undefined && typeof value === "string" && cache.size < 200_000) cache.set(value, result);
  return result;
}

/**
 * Age and progress (years) of a vehicle from its days (delivery, odometer km, odometer day; NaN for no reading), into
 * out[0] and out[1], or the issue with its dates. @internal
 */
function factsOfDays(
  days: Float64Array,
  asOfDay: number,
  kmPerYear: number,
  out: Float64Array,
  odometerField = "odometerDate",
): VehicleIssue | undefined {
  const deliveryDay = days[0] as number;
  if (deliveryDay > asOfDay) return ["deliveryDate", "is after asOf: the vehicle has not been delivered yet"];
  const km = days[1] as number;
  const readDay = days[2] as number;
  if (!Number.isNaN(km)) {
    if (readDay < deliveryDay) return [odometerField, "is before the delivery date"];
    if (readDay > asOfDay) return [odometerField, "is after asOf"];
  }
  storeFacts(deliveryDay, km, readDay, asOfDay, kmPerYear, out);
  return undefined;
}

/** Age and progress of a valid vehicle (km NaN for no reading) into out[0] and out[1]. @internal */
function storeFacts(
  deliveryDay: number,
  km: number,
  readDay: number,
  asOfDay: number,
  kmPerYear: number,
  out: Float64Array,
): void {
  const ageDays = asOfDay - deliveryDay;
  let odometerAtAsOf = (ageDays / DAYS_PER_YEAR) * kmPerYear;
  if (!Number.isNaN(km)) {
    // Project the reading to asOf at the vehicle's own pace (or the assumed pace for a reading in the first month).
    const ownKmPerDay = readDay - deliveryDay >= 30 ? km / (readDay - deliveryDay) : kmPerYear / DAYS_PER_YEAR;
    odometerAtAsOf = km + ownKmPerDay * (asOfDay - readDay);
  }
  const age = ageDays / DAYS_PER_YEAR;
  out[0] = age;
  out[1] = Math.max(age, odometerAtAsOf / kmPerYear);
}

/** values[from] + … + values[from + COMPONENT_COUNT − 1], left to right: one component group's total. */
function groupTotal(values: Float64Array, from: number): number {
  let sum = 0;
  for (let component = 0; component < COMPONENT_COUNT; component++) sum += values[from + component] as number;
  return sum;
}

/** The decimal places of a score's money (default 2, at most 10; only half-even rounding is offered). */
function decimalPlacesOf(options: PsvScoreOptions): number {
  const decimals = options.rounding?.decimalPlaces ?? 2;
  if (!(Number.isInteger(decimals) && decimals >= 0 && decimals <= 10))
    throw new InvalidInputError("PSV options", [
      { code: "custom", path: ["rounding", "decimalPlaces"], message: "must be a whole number from 0 to 10" },
    ]);
  if ((options.rounding?.rounding ?? "half-even") !== "half-even")
    throw new InvalidInputError("PSV options", [
      {
        code: "custom",
        path: ["rounding", "rounding"],
        message: "psv.score rounds half-even and allocates parts by largest remainder; other modes are not offered",
      },
    ]);
  return decimals;
}

/** A vehicle id seen on an earlier valid row: the row's issue (a fleet counts each vehicle once). */
function duplicateIssue(seen: IdIndex, id: unknown, index: number): VehicleIssue | undefined {
  const earlier = seen.get(id);
  if (earlier !== undefined) return ["vehicleId", `duplicate vehicle ${shown(id)} (row ${earlier})`];
  seen.set(id, index);
  return undefined;
}

/** The columns of day numbers that {@link scoreBatch} reads in its own loop, without a reader per row. @internal */
interface DayColumns {
  readonly ids: ArrayLike<unknown>;
  readonly delivery: ArrayLike<unknown>;
  readonly km: ArrayLike<unknown> | undefined;
  readonly read: ArrayLike<unknown> | undefined;
}

function dayColumnsOf(vehicles: readonly PsvVehicle[] | PsvVehicleColumns): DayColumns | undefined {
  if (Array.isArray(vehicles)) return undefined;
  const columns = vehicles as PsvVehicleColumns;
  if (columns.deliveryDay === undefined || columns.odometerDate !== undefined) return undefined;
  return { ids: columns.vehicleId, delivery: columns.deliveryDay, km: columns.odometerKm, read: columns.odometerDay };
}

/**
 * Age and progress of vehicle `index` of day-number columns into out[0] and out[1], as {@link factsOfDays} computes
 * them, when the row is valid; false for any row it does not take (a bad one, for the reader to name its issue).
 * One combined test per row: checking costs about as much as reading. @internal
 */
function quickFacts(
  columns: DayColumns,
  index: number,
  asOfDay: number,
  kmPerYear: number,
  out: Float64Array,
): boolean {
  const id = columns.ids[index];
  const deliveryDay = columns.delivery[index];
  if (!isId(id) || !(typeof deliveryDay === "number" && Number.isInteger(deliveryDay) && deliveryDay <= asOfDay))
    return false;
  const km = columns.km === undefined ? undefined : columns.km[index];
  const readDay = columns.read === undefined ? undefined : columns.read[index];
  if (typeof km === "number" && km >= 0 && km < Number.POSITIVE_INFINITY) {
    if (!(typeof readDay === "number" && Number.isInteger(readDay) && readDay >= deliveryDay && readDay <= asOfDay))
      return false;
    storeFacts(deliveryDay, km, readDay, asOfDay, kmPerYear, out);
    return true;
  }
  if (!isAbsentEntry(km) || !isAbsentEntry(readDay)) return false;
  storeFacts(deliveryDay, Number.NaN, Number.NaN, asOfDay, kmPerYear, out);
  return true;
}

/** Age and progress of one vehicle record, validated (a fast path, not zod). @internal */
function vehicleFacts(vehicle: PsvVehicle, asOfDay: number, kmPerYear: number): VehicleFacts {
  return guardRead("PSV vehicle", [], () => readVehicleFacts(vehicle, asOfDay, kmPerYear));
}

function readVehicleFacts(vehicle: PsvVehicle, asOfDay: number, kmPerYear: number): VehicleFacts {
  if (vehicle === null || typeof vehicle !== "object") bad(undefined, "vehicle", "must be an object");
  const id = vehicle.vehicleId;
  if (!isId(id)) bad(undefined, "vehicleId", `must be a non-empty string or a finite number, got ${shown(id)}`);
  const days = new Float64Array(3);
  const facts = new Float64Array(2);
  const issue = readDays(vehicle, days) ?? factsOfDays(days, asOfDay, kmPerYear, facts);
  if (issue !== undefined) bad(undefined, issue[0], issue[1]);
  return { age: facts[0] as number, progress: facts[1] as number };
}

function asOfDayOf(asOf: unknown): number {
  const parsed = parseDate(asOf);
  if (typeof parsed === "string")
    throw new InvalidInputError("PSV options", [{ code: "custom", path: ["asOf"], message: parsed }]);
  return parsed.getTime() / MS_PER_DAY;
}

// Curves are precomputed once per assumptions object and keyed by its content too, so an object edited in place
// (a.maintenanceValue *= 10) is validated and rebuilt instead of served from a stale cache.
const curves = new WeakMap<PsvAssumptions, { readonly content: string; readonly curve: PsvCurve }>();
const SCORE_OPTION_NAMES: OptionNames<PsvScoreOptions> = { timeZone: true, asOf: true, rounding: true };

/** The options of `score` and `scoreBatch`, read with the one option reader (the rounding's names too). */
function readScoreOptions(value: unknown): PsvScoreOptions {
  const options = readOptions("PSV options", value, SCORE_OPTION_NAMES, { optional: false });
  if (options.rounding === undefined) return options;
  return { ...options, rounding: readOptions("PSV options", options.rounding, ROUNDING_NAMES, { path: ["rounding"] }) };
}

function curveFor(assumptions: PsvAssumptions): PsvCurve {
  let content = "";
  try {
    content = assumptions !== null && typeof assumptions === "object" ? JSON.stringify(assumptions) : "";
  } catch {
    // a BigInt or a throwing getter: not cached, and checkAssumptions names the entry
  }
  const cached = curves.get(assumptions);
  if (cached !== undefined && cached.content === content) return cached.curve;
  const curve = buildCurve(checkAssumptions(assumptions));
  curves.set(assumptions, { content, curve });
  return curve;
}

/**
 * PSV (剩余价值可得): the remaining obtainable value of a vehicle and its owner, by component — maintenance (first
 * service and the schedule, time or mileage whichever first), repair (rates rising with age), insurance
 * renewals, detailing, other derivative consumption, and the repurchase ("variant new-born") value — weighted by
 * the probability that the owner is still serviced here, from delivery (retention drops after the warranty).
 *
 * The model (docs/psv.md is the full definition): value accrues at rate(u) × S(u) over vehicle age u up to the service
 * horizon E = min(horizonYears, horizonKm / kmPerYear). The vehicle's progress along that life is
 * p = max(age, odometer / kmPerYear) — a high-mileage car is further along and has realised more. PSV is the value
 * on [p, E], discounted to asOf at the annual `discountRate`; `realised` is [0, p] and `lifetime` [0, E], both
 * undiscounted, so realised + remaining = lifetime when the discount rate is 0. Money is rounded once, at output.
 *
 * @throws InvalidInputError for bad assumptions or a bad vehicle (dates out of order, negative odometer, …).
 *
 * @example
 * ```ts
 * psv.score({ vehicleId: "V1", deliveryDate: "2022-06-01" }, psv.defaultAssumptions({ segment: "mass" }).assumptions, { asOf: "2024-06-01" }).remainingYears // ≈ 8
 * ```
 */
export function score(vehicle: PsvVehicle, assumptions: PsvAssumptions, options: PsvScoreOptions): PsvScore {
  options = readScoreOptions(options);
  return withTimeZone(options.timeZone, () => scoreInZone(vehicle, assumptions, options));
}

function scoreInZone(vehicle: PsvVehicle, assumptions: PsvAssumptions, options: PsvScoreOptions): PsvScore {
  const curve = curveFor(assumptions);
  const asOfDay = asOfDayOf(options?.asOf);
  const facts = vehicleFacts(vehicle, asOfDay, curve.kmPerYear);
  const values = new Float64Array(3 * COMPONENT_COUNT);
  const remainingYears = evaluateCurve(curve, facts.age, facts.progress, values);
  // Money: each whole rounded once (half-even), its components allocated by largest remainder so that they add up
  // exactly; without discounting, lifetime = remaining + realised per component, to the cent.
  const units = 10 ** decimalPlacesOf(options);
  const part = (offset: number) => allocateUnits(values.subarray(offset, offset + COMPONENT_COUNT), units);
  // The remaining value (the PSV) and the realised value are each rounded once, as `scoreBatch`'s total rounds;
  // without discounting the lifetime is their sum, so realised + remaining = lifetime to the cent.
  const remainingUnits = part(0);
  const realisedUnits = part(COMPONENT_COUNT);
  const lifetimeUnits =
    curve.delta === 0
      ? {
          whole: remainingUnits.whole + realisedUnits.whole,
          parts: remainingUnits.parts.map((value, index) => value + (realisedUnits.parts[index] as number)),
        }
      : part(2 * COMPONENT_COUNT);
  const toMoney = (value: number) => new MoneyDecimal(value).div(units);
  const money = (allocation: { whole: number; parts: Float64Array }) => ({
    total: toMoney(allocation.whole),
    components: Object.fromEntries(
      COMPONENTS.map((name, index) => [name, toMoney(allocation.parts[index] as number)]),
    ) as Record<PsvComponent, Money>,
  });
  const remaining = money(remainingUnits);
  const realised = money(realisedUnits);
  const lifetime = money(lifetimeUnits);
  const timing = serviceStatus(
    {
      deliveryDate: vehicle.deliveryDate,
      ...(vehicle.lastServiceDate === undefined ? {} : { lastServiceDate: vehicle.lastServiceDate }),
      ...(vehicle.lastServiceOdometerKm === undefined ? {} : { lastServiceOdometerKm: vehicle.lastServiceOdometerKm }),
      ...(vehicle.servicesDone === undefined ? {} : { servicesDone: vehicle.servicesDone }),
      ...(vehicle.odometerKm === undefined ? {} : { odometerKm: vehicle.odometerKm }),
      ...(vehicle.odometerDate === undefined ? {} : { odometerDate: vehicle.odometerDate }),
    },
    {},
    { asOf: options.asOf },
  );
  return {
    vehicleId: vehicle.vehicleId,
    customerId: vehicle.customerId,
    total: remaining.total,
    components: remaining.components,
    realised: realised.total,
    realisedComponents: realised.components,
    lifetime: lifetime.total,
    lifetimeComponents: lifetime.components,
    remainingYears,
    ageYears: facts.age,
    progressYears: facts.progress,
    nextServiceDue: timing.next.dueDate,
    churnRisk: timing.risk,
  };
}

/** PSV of many vehicles as struct-of-arrays (float64, unrounded), with per-row errors. */
export interface PsvBatch {
  readonly vehicleId: (string | number | undefined)[];
  readonly total: Float64Array;
  readonly maintenance: Float64Array;
  readonly repair: Float64Array;
  readonly insurance: Float64Array;
  readonly detailing: Float64Array;
  readonly other: Float64Array;
  readonly finance: Float64Array;
  readonly referral: Float64Array;
  readonly repurchase: Float64Array;
  readonly realised: Float64Array;
  readonly lifetime: Float64Array;
  readonly remainingYears: Float64Array;
  /**
   * The fleet's PSV: Σ over the valid vehicles of each one's total as {@link score} rounds it (half-even, to
   * `rounding.decimalPlaces`), so that it is the sum of the vehicles' values to the cent.
   */
  readonly fleetTotal: Money;
  /** One error per invalid vehicle (its values are NaN; a vehicle id seen before is one), with the row index. */
  readonly errors: InvalidInputError[];
}

/**
 * {@link score} for many vehicles (rows, or columns: {@link PsvVehicleColumns}) at float64 speed: Float64Array per
 * component, NaN and an error for each invalid row (the batch is not aborted), and the fleet total as money. The
 * value curve is built once per assumptions object, so each vehicle costs a binary search and a few exponentials.
 *
 * @example
 * ```ts
 * psv.scoreBatch([{ vehicleId: 1, deliveryDate: "2020-01-01" }, { vehicleId: 2, deliveryDate: "2030-01-01" }], psv.defaultAssumptions({ segment: "mass" }).assumptions, { asOf: "2024-06-01" }).errors[0].rowIndex // 1
 * ```
 */
export function scoreBatch(
  vehicles: readonly PsvVehicle[] | PsvVehicleColumns,
  assumptions: PsvAssumptions,
  options: PsvScoreOptions,
): PsvBatch {
  options = readScoreOptions(options);
  return withTimeZone(options.timeZone, () => scoreBatchInZone(vehicles, assumptions, options));
}

function scoreBatchInZone(
  vehicles: readonly PsvVehicle[] | PsvVehicleColumns,
  assumptions: PsvAssumptions,
  options: PsvScoreOptions,
): PsvBatch {
  const curve = curveFor(assumptions);
  const asOfDay = asOfDayOf(options?.asOf);
  const cache: DayCache = new Map();
  const { reader, odometerField, deliveryField, dayColumns } = guardRead("vehicles", [], () => ({
    reader: batchReader(vehicles, cache),
    odometerField:
      !Array.isArray(vehicles) && (vehicles as PsvVehicleColumns).odometerDay ? "odometerDay" : "odometerDate",
    deliveryField:
      !Array.isArray(vehicles) && (vehicles as PsvVehicleColumns).deliveryDay ? "deliveryDay" : "deliveryDate",
    dayColumns: dayColumnsOf(vehicles),
  }));
  const n = reader.length;
  const maintenance = new Float64Array(n);
  const repair = new Float64Array(n);
  const insurance = new Float64Array(n);
  const detailing = new Float64Array(n);
  const other = new Float64Array(n);
  const finance = new Float64Array(n);
  const referral = new Float64Array(n);
  const repurchase = new Float64Array(n);
  const total = new Float64Array(n);
  const realised = new Float64Array(n);
  const lifetime = new Float64Array(n);
  const remainingYears = new Float64Array(n);
  const outputs = [
    total,
    realised,
    lifetime,
    remainingYears,
    maintenance,
    repair,
    insurance,
    detailing,
    other,
    finance,
    referral,
    repurchase,
  ];
  const components = outputs.slice(4);
  const vehicleId: (string | number | undefined)[] = new Array(n);
  const errors: InvalidInputError[] = [];
  const values = new Float64Array(3 * COMPONENT_COUNT);
  const days = new Float64Array(3);
  const facts = new Float64Array(2);
  const units = 10 ** decimalPlacesOf(options);
  const seen = idIndex(Array.isArray(vehicles) ? undefined : (vehicles as PsvVehicleColumns).vehicleId);
  let fleetUnits = 0;
  for (let index = 0; index < n; index++) {
    const id = reader.id(index);
    vehicleId[index] = id;
    const issue =
      (dayColumns !== undefined && quickFacts(dayColumns, index, asOfDay, curve.kmPerYear, facts)
        ? undefined
        : (reader.read(index, days) ?? factsOfDays(days, asOfDay, curve.kmPerYear, facts, odometerField))) ??
      duplicateIssue(seen, id, index);
    if (issue !== undefined) {
      const field = issue[0] === "deliveryDate" ? deliveryField : issue[0];
      errors.push(new InvalidInputError("vehicle", [{ code: "custom", path: [field], message: issue[1] }], index));
      for (const column of outputs) column[index] = Number.NaN;
      continue;
    }
    remainingYears[index] = evaluateCurve(curve, facts[0] as number, facts[1] as number, values);
    // The components in COMPONENTS' order: remaining, then realised, then lifetime (COMPONENT_COUNT values each).
    for (let component = 0; component < COMPONENT_COUNT; component++)
      (components[component] as Float64Array)[index] = values[component] as number;
    total[index] = groupTotal(values, 0);
    realised[index] = groupTotal(values, COMPONENT_COUNT);
    lifetime[index] = groupTotal(values, 2 * COMPONENT_COUNT);
    fleetUnits += roundedWholeUnits(values, 0, COMPONENT_COUNT, units);
  }
  return {
    vehicleId,
    total,
    maintenance,
    repair,
    insurance,
    detailing,
    other,
    finance,
    referral,
    repurchase,
    realised,
    lifetime,
    remainingYears,
    fleetTotal: new MoneyDecimal(fleetUnits).div(units),
    errors,
  };
}
