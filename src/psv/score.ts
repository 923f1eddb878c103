import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { allocateUnits } from "../money/allocate-units.js";
import { type Money, MoneyDecimal } from "../money/decimal.js";
import { type RoundingOptions, roundMoney } from "../money/round-money.js";
import { isId } from "../schemas/is-id.js";
import { parseDate } from "../schemas/parse-date.js";
import { withTimeZone } from "../schemas/time-zone.js";
import { status as serviceStatus } from "../service/status.js";
import { checkAssumptions, type PsvAssumptions } from "./assumptions.js";
import { buildCurve, COMPONENTS, evaluateCurve, type PsvComponent, type PsvCurve } from "./curve.js";

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
 * Vehicles as columns (struct of arrays) for {@link scoreBatch}: one entry per vehicle in each column given. In the
 * optional columns, `undefined` or `null` marks a vehicle without that field.
 */
export interface PsvVehicleColumns {
  readonly vehicleId: ArrayLike<string | number>;
  readonly customerId?: ArrayLike<string | number | null | undefined>;
  readonly deliveryDate: ArrayLike<Date | string>;
  readonly odometerKm?: ArrayLike<number | null | undefined>;
  readonly odometerDate?: ArrayLike<Date | string | null | undefined>;
  readonly lastServiceDate?: ArrayLike<Date | string | null | undefined>;
  readonly lastServiceOdometerKm?: ArrayLike<number | null | undefined>;
  readonly servicesDone?: ArrayLike<number | null | undefined>;
}

const VEHICLE_FIELDS = [
  "vehicleId",
  "customerId",
  "deliveryDate",
  "odometerKm",
  "odometerDate",
  "lastServiceDate",
  "lastServiceOdometerKm",
  "servicesDone",
] as const;

/**
 * Reads vehicle `index` of rows or columns. Columns fill one reused record, so a million vehicles make no objects.
 * Columns must all have the vehicleId column's length. @internal
 */
function vehicleReader(vehicles: readonly PsvVehicle[] | PsvVehicleColumns): {
  length: number;
  at: (index: number) => PsvVehicle;
} {
  if (Array.isArray(vehicles)) {
    const rows = vehicles as readonly PsvVehicle[];
    return { length: rows.length, at: (index) => rows[index] as PsvVehicle };
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
  const present = VEHICLE_FIELDS.filter((field) => columns[field] !== undefined);
  for (const field of present) {
    const column = columns[field] as ArrayLike<unknown> | null;
    if (column === null || typeof column !== "object" || column.length !== length) {
      throw new InvalidInputError("PSV vehicles", [
        { code: "custom", path: [field], message: `must be a column of ${length} values like vehicleId` },
      ]);
    }
  }
  const record: Record<string, unknown> = {};
  return {
    length,
    at: (index) => {
      for (const field of present) {
        const value = (columns[field] as ArrayLike<unknown>)[index];
        record[field] = value === null ? undefined : value;
      }
      return record as unknown as PsvVehicle;
    },
  };
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

/** Age and progress of one vehicle, validated (a fast path, not zod, for millions of vehicles). @internal */
function vehicleFacts(
  vehicle: PsvVehicle,
  asOfDay: number,
  kmPerYear: number,
  rowIndex?: number,
  cache?: DayCache,
): VehicleFacts {
  if (vehicle === null || typeof vehicle !== "object") bad(rowIndex, "vehicle", "must be an object");
  const id = vehicle.vehicleId;
  if (!isId(id)) bad(rowIndex, "vehicleId", `must be a non-empty string or a finite number, got ${shown(id)}`);
  const deliveryDay = dayNumber(vehicle.deliveryDate, cache);
  if (typeof deliveryDay === "string") bad(rowIndex, "deliveryDate", deliveryDay);
  if (deliveryDay > asOfDay) bad(rowIndex, "deliveryDate", "is after asOf: the vehicle has not been delivered yet");
  const ageDays = asOfDay - deliveryDay;
  let odometerAtAsOf = (ageDays / DAYS_PER_YEAR) * kmPerYear;
  if (vehicle.odometerKm !== undefined || vehicle.odometerDate !== undefined) {
    const km = vehicle.odometerKm;
    if (!(typeof km === "number" && Number.isFinite(km) && km >= 0))
      bad(rowIndex, "odometerKm", `must be a finite number ≥ 0 (with odometerDate), got ${shown(km)}`);
    const readDay = dayNumber(vehicle.odometerDate, cache);
    if (typeof readDay === "string") bad(rowIndex, "odometerDate", readDay);
    if (readDay < deliveryDay) bad(rowIndex, "odometerDate", "is before the delivery date");
    if (readDay > asOfDay) bad(rowIndex, "odometerDate", "is after asOf");
    // Project the reading to asOf at the vehicle's own pace (or the assumed pace for a reading in the first month).
    const ownKmPerDay = readDay - deliveryDay >= 30 ? km / (readDay - deliveryDay) : kmPerYear / DAYS_PER_YEAR;
    odometerAtAsOf = km + ownKmPerDay * (asOfDay - readDay);
  }
  const age = ageDays / DAYS_PER_YEAR;
  return { age, progress: Math.max(age, odometerAtAsOf / kmPerYear) };
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
function curveFor(assumptions: PsvAssumptions): PsvCurve {
  const content = assumptions !== null && typeof assumptions === "object" ? JSON.stringify(assumptions) : "";
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
  return withTimeZone(options?.timeZone, () => scoreInZone(vehicle, assumptions, options));
}

function scoreInZone(vehicle: PsvVehicle, assumptions: PsvAssumptions, options: PsvScoreOptions): PsvScore {
  const curve = curveFor(assumptions);
  const asOfDay = asOfDayOf(options?.asOf);
  const facts = vehicleFacts(vehicle, asOfDay, curve.kmPerYear);
  const values = new Float64Array(18);
  const remainingYears = evaluateCurve(curve, facts.age, facts.progress, values);
  // Money: each whole rounded once (half-even), its components allocated by largest remainder so that they add up
  // exactly; without discounting, remaining = lifetime − realised per component, so realised + remaining = lifetime
  // holds to the cent as well.
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
  const units = 10 ** decimals;
  const part = (offset: number) => allocateUnits(values.subarray(offset, offset + 6), units);
  const lifetimeUnits = part(12);
  const realisedUnits = part(6);
  const remainingUnits =
    curve.delta === 0
      ? {
          whole: lifetimeUnits.whole - realisedUnits.whole,
          parts: lifetimeUnits.parts.map((value, index) => value - (realisedUnits.parts[index] as number)),
        }
      : part(0);
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
  readonly repurchase: Float64Array;
  readonly realised: Float64Array;
  readonly lifetime: Float64Array;
  readonly remainingYears: Float64Array;
  /** Sum of `total` over the valid vehicles, as exact money rounded once (the fleet's PSV). */
  readonly fleetTotal: Money;
  /** One error per invalid vehicle (its values are NaN), with the row index. */
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
  return withTimeZone(options?.timeZone, () => scoreBatchInZone(vehicles, assumptions, options));
}

function scoreBatchInZone(
  vehicles: readonly PsvVehicle[] | PsvVehicleColumns,
  assumptions: PsvAssumptions,
  options: PsvScoreOptions,
): PsvBatch {
  const curve = curveFor(assumptions);
  const asOfDay = asOfDayOf(options?.asOf);
  const reader = vehicleReader(vehicles);
  const n = reader.length;
  const columns = COMPONENTS.map(() => new Float64Array(n));
  const total = new Float64Array(n);
  const realised = new Float64Array(n);
  const lifetime = new Float64Array(n);
  const remainingYears = new Float64Array(n);
  const vehicleId: (string | number | undefined)[] = new Array(n);
  const errors: InvalidInputError[] = [];
  const values = new Float64Array(18);
  const cache: DayCache = new Map();
  let fleet = 0;
  let compensation = 0;
  for (let index = 0; index < n; index++) {
    const vehicle = reader.at(index);
    vehicleId[index] = vehicle?.vehicleId;
    let facts: VehicleFacts;
    try {
      facts = vehicleFacts(vehicle, asOfDay, curve.kmPerYear, index, cache);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      errors.push(error);
      for (const column of [total, realised, lifetime, remainingYears, ...columns]) column[index] = Number.NaN;
      continue;
    }
    remainingYears[index] = evaluateCurve(curve, facts.age, facts.progress, values);
    let sum = 0;
    let realisedSum = 0;
    let lifetimeSum = 0;
    for (let component = 0; component < 6; component++) {
      (columns[component] as Float64Array)[index] = values[component] as number;
      sum += values[component] as number;
      realisedSum += values[6 + component] as number;
      lifetimeSum += values[12 + component] as number;
    }
    total[index] = sum;
    realised[index] = realisedSum;
    lifetime[index] = lifetimeSum;
    const next = fleet + sum;
    compensation += Math.abs(fleet) >= Math.abs(sum) ? fleet - next + sum : sum - next + fleet;
    fleet = next;
  }
  const [maintenance, repair, insurance, detailing, other, repurchase] = columns as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return {
    vehicleId,
    total,
    maintenance,
    repair,
    insurance,
    detailing,
    other,
    repurchase,
    realised,
    lifetime,
    remainingYears,
    fleetTotal: roundMoney(new MoneyDecimal(fleet + compensation), options.rounding ?? {}),
    errors,
  };
}
