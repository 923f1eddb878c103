import { InvalidInputError } from "../errors.js";
import { asId, asNumber, columnRecord, datedColumnEntries, idEntries, numberEntries } from "../input/columns.js";
import { wholeDayNumber } from "../input/day-numbers.js";
import type { Money } from "../money/decimal.js";
import { isAbsentEntry, isColumn } from "../schemas/column-entries.js";
import { dayNumber } from "../schemas/day-number.js";
import type { ServiceEventType } from "../schemas/record-types.js";

/** A vehicle as `psv.assessCustomers` takes it. Ids compare by value and type: 1 and "1" are different. */
export interface AssessVehicle {
  readonly vehicleId: string | number;
  readonly customerId: string | number;
  readonly deliveryDate: Date | string;
  /** The latest odometer reading and its date (both or neither); events' readings are used too. */
  readonly odometerKm?: number;
  readonly odometerDate?: Date | string;
  /**
   * A used car: the day this owner acquired it and its odometer then (`deliveryDate` is its first registration,
   * from which the warranty and the service life run). Default: acquired new, at delivery, at 0 km.
   */
  readonly acquiredDate?: Date | string;
  readonly odometerAtAcquisition?: number;
  /**
   * The first day this vehicle's history shows (its dealer's DMS migration, say), as the `historyStart` option does
   * for the whole export; the later of the two applies.
   */
  readonly historyStart?: Date | string;
  /** Its segment (or any field named by `assumptions.field`): which assumptions it runs on, with per-vehicle ones. */
  readonly segment?: string;
  /** The dealer of a group or a maker's network that sold it (its home dealer; see the `scope` option). */
  readonly dealerId?: string | number;
}

/** An after-sales or sales event as `psv.assessCustomers` takes it. */
export interface AssessEvent {
  readonly vehicleId: string | number;
  readonly date: Date | string;
  readonly type: ServiceEventType;
  readonly odometerKm?: number;
  /** Money (decimal string, number or Decimal). Only `margin` counts as value (see the `value` option). */
  readonly margin?: string | number | Money;
  readonly revenue?: string | number | Money;
  /** The dealer of the network where it happened (default: the vehicle's own dealer). */
  readonly dealerId?: string | number;
}

/**
 * Vehicles as columns (struct of arrays), one entry per vehicle in each column given. Delivery as dates
 * (`deliveryDate`) or day numbers (`deliveryDay`: whole days since 1970-01-01, e.g. an Int32Array); the odometer
 * reading likewise (`odometerDate` or `odometerDay`), where `undefined`, `null` or NaN marks a vehicle without one.
 */
export interface AssessVehicleColumns {
  readonly vehicleId: ArrayLike<string | number>;
  readonly customerId: ArrayLike<string | number>;
  readonly deliveryDate?: ArrayLike<Date | string>;
  readonly deliveryDay?: ArrayLike<number>;
  readonly odometerKm?: ArrayLike<number | null | undefined>;
  readonly odometerDate?: ArrayLike<Date | string | null | undefined>;
  readonly odometerDay?: ArrayLike<number | null | undefined>;
  /** Used cars: the day each was acquired (dates or day numbers) and its odometer then; empty entries: acquired new. */
  readonly acquiredDate?: ArrayLike<Date | string | null | undefined>;
  readonly acquiredDay?: ArrayLike<number | null | undefined>;
  readonly odometerAtAcquisition?: ArrayLike<number | null | undefined>;
  /** The first day each vehicle's history shows (dates or day numbers); empty entries: from its delivery. */
  readonly historyStart?: ArrayLike<Date | string | null | undefined>;
  readonly historyStartDay?: ArrayLike<number | null | undefined>;
  /** Each vehicle's segment (or the column named by `assumptions.field`), with per-vehicle assumptions. */
  readonly segment?: ArrayLike<string | null | undefined>;
  /** Each vehicle's home dealer in a network; empty entries: none. */
  readonly dealerId?: ArrayLike<string | number | null | undefined>;
}

/**
 * Events as columns (struct of arrays), one entry per event in each column given: dates as `date` or day numbers
 * as `day`; in `odometerKm`, `margin` and `revenue` (e.g. Float64Arrays), `undefined`, `null` or NaN marks an event
 * without that field. Ten million events take about 0.3 GB this way, against 1.1 GB as objects.
 */
export interface AssessEventColumns {
  readonly vehicleId: ArrayLike<string | number>;
  readonly date?: ArrayLike<Date | string>;
  readonly day?: ArrayLike<number>;
  readonly type: ArrayLike<AssessEvent["type"]>;
  readonly odometerKm?: ArrayLike<number | null | undefined>;
  readonly margin?: ArrayLike<string | number | Money | null | undefined>;
  readonly revenue?: ArrayLike<string | number | Money | null | undefined>;
  /** The dealer where each event happened; empty entries: the vehicle's own. */
  readonly dealerId?: ArrayLike<string | number | null | undefined>;
}

/** One vehicle as the assessment reads it, whatever its source: days read (a day, or the message). @internal */
export interface VehicleFields {
  vehicleId: unknown;
  customerId: unknown;
  delivery: number | string;
  odometerKm: unknown;
  /** The reading's day, its issue, or undefined for no reading. */
  odometerDay: number | string | undefined;
  /** A used car's acquisition day (or its issue) and odometer then; undefined: acquired new. */
  acquiredDay: number | string | undefined;
  acquiredKm: unknown;
  /** The first day of its history (or its issue); undefined: from its delivery. */
  historyStartDay: number | string | undefined;
  /** The value of the field that picks its assumptions (e.g. its segment), when one is named. */
  group: unknown;
  /** Its home dealer (undefined: none given). */
  dealer: unknown;
}

/** One event as the assessment reads it. @internal */
export interface EventFields {
  vehicleId: unknown;
  day: number | string;
  type: unknown;
  odometerKm: unknown;
  /** The value field's amount (margin or revenue); undefined when absent. */
  amount: unknown;
  /** The dealer where it happened (undefined: the vehicle's own). */
  dealer: unknown;
}

/**
 * Rows or columns, read one at a time into one reused record of fields (no object per row from columns). `read`
 * returns false for a row that is not an object. Field names are those of the input (`deliveryDay` for day
 * numbers). @internal
 */
export interface FieldReader<Fields> {
  readonly length: number;
  readonly read: (row: number, into: Fields) => boolean;
  readonly field: (name: "delivery" | "odometer" | "date" | "acquired" | "historyStart") => string;
  /** The ids of one column, for an id index over them (undefined: no index for this input). */
  readonly column: (name: "vehicleId" | "customerId") => ArrayLike<unknown> | undefined;
}

export function columnsError(subject: string, path: string, message: string): never {
  throw new InvalidInputError(`${subject} columns`, [{ code: "custom", path: [path], message }]);
}

const DAY_COLUMNS: Readonly<Record<string, string>> = {
  deliveryDate: "deliveryDay",
  odometerDate: "odometerDay",
  acquiredDate: "acquiredDay",
  historyStart: "historyStartDay",
  date: "day",
};

/**
 * An object of columns (or an Arrow table) with each column's entries as an array-like: Arrow vectors read, BigInt
 * ids made ids and BigInt numbers numbers; what is not a column is left for {@link checkColumns} to name.
 */
export function readColumns(
  value: object,
  idNames: readonly string[],
  numberNames: readonly string[],
): Record<string, unknown> {
  const record = columnRecord(value);
  const read: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(record)) {
    const entries = datedColumnEntries(column);
    // An Arrow date column holds civil days (its day-number twin); a timestamp column instants.
    const dayName = DAY_COLUMNS[name];
    if (entries?.civilDays && dayName !== undefined) {
      read[dayName] = entries.entries;
      continue;
    }
    if (entries?.instants) {
      read[name] = Array.from(entries.entries, (ms) => (typeof ms === "number" ? new Date(ms) : ms));
      continue;
    }
    read[name] =
      entries === undefined
        ? column
        : idNames.includes(name)
          ? idEntries(entries.entries)
          : numberNames.includes(name)
            ? numberEntries(entries.entries)
            : entries.entries;
  }
  return read;
}

/** Checks an object of columns: known keys, columns of one length, required ones, a date or a day column. */
export function checkColumns(
  subject: string,
  columns: object,
  required: readonly string[],
  optional: readonly string[],
  dates: readonly (readonly [dates: string, days: string, required: boolean])[],
): number {
  const known = [...required, ...optional];
  const record = columns as Record<string, unknown>;
  for (const key of Object.keys(columns))
    if (!known.includes(key)) columnsError(subject, key, `is not a column (${known.join(", ")})`);
  const first = record[required[0] as string];
  if (!isColumn(first)) columnsError(subject, required[0] as string, "must be an array or typed array");
  const length = first.length;
  for (const key of known) {
    const column = record[key];
    if (column === undefined) {
      if (required.includes(key)) columnsError(subject, key, "is required");
      continue;
    }
    if (!isColumn(column) || column.length !== length)
      columnsError(subject, key, `must be an array or typed array of ${length} entries, like ${required[0]}`);
  }
  for (const [dateKey, dayKey, needed] of dates) {
    const given = (record[dateKey] !== undefined ? 1 : 0) + (record[dayKey] !== undefined ? 1 : 0);
    if (given === 2) columnsError(subject, dayKey, `give ${dateKey} or ${dayKey}, not both`);
    if (given === 0 && needed) columnsError(subject, dateKey, `is required (or ${dayKey}, as day numbers)`);
  }
  return length;
}

/** The date column of each vehicle field (its day-number twin in DAY_COLUMNS). */
const VEHICLE_DATE_COLUMNS: Readonly<Record<string, string>> = {
  delivery: "deliveryDate",
  odometer: "odometerDate",
  acquired: "acquiredDate",
  historyStart: "historyStart",
  date: "date",
};

/** Reads `vehicles` (rows or columns). @throws InvalidInputError for input that is neither. @internal */
export function vehicleReader(vehicles: unknown, groupField?: string): FieldReader<VehicleFields> {
  if (Array.isArray(vehicles)) return vehicleRowReader(vehicles as readonly AssessVehicle[], groupField);
  if (vehicles === null || typeof vehicles !== "object")
    columnsError("vehicle", "", "must be an array of vehicles or an object of columns");
  return vehicleColumnReader(vehicles, groupField);
}

/** Vehicles as rows. */
function vehicleRowReader(rows: readonly AssessVehicle[], groupField: string | undefined): FieldReader<VehicleFields> {
  return {
    length: rows.length,
    read: (row, into) => {
      const vehicle = rows[row] as AssessVehicle | null;
      if (vehicle === null || typeof vehicle !== "object") return false;
      into.vehicleId = asId(vehicle.vehicleId);
      into.customerId = asId(vehicle.customerId);
      into.delivery = dayNumber(vehicle.deliveryDate);
      into.odometerKm = asNumber(vehicle.odometerKm);
      into.odometerDay = vehicle.odometerDate === undefined ? undefined : dayNumber(vehicle.odometerDate);
      into.acquiredDay = vehicle.acquiredDate === undefined ? undefined : dayNumber(vehicle.acquiredDate);
      into.acquiredKm = asNumber(vehicle.odometerAtAcquisition);
      into.historyStartDay = vehicle.historyStart === undefined ? undefined : dayNumber(vehicle.historyStart);
      into.group = groupField === undefined ? undefined : (vehicle as unknown as Record<string, unknown>)[groupField];
      into.dealer = asId(vehicle.dealerId);
      return true;
    },
    field: (name) =>
      name === "historyStart"
        ? "historyStart"
        : name === "acquired"
          ? "acquiredDate"
          : name === "delivery"
            ? "deliveryDate"
            : "odometerDate",
    column: (name) =>
      Array.from(rows, (row) => (row === null || typeof row !== "object" ? undefined : asId(row[name]))),
  };
}

/** Vehicles as columns (or an Arrow table). */
function vehicleColumnReader(vehicles: object, groupField: string | undefined): FieldReader<VehicleFields> {
  const columns = readColumns(
    vehicles,
    ["vehicleId", "customerId", "dealerId"],
    ["odometerKm", "odometerAtAcquisition"],
  ) as unknown as AssessVehicleColumns;
  const length = checkColumns(
    "vehicle",
    columns,
    ["vehicleId", "customerId"],
    [
      "deliveryDate",
      "deliveryDay",
      "odometerKm",
      "odometerDate",
      "odometerDay",
      "acquiredDate",
      "acquiredDay",
      "odometerAtAcquisition",
      "historyStart",
      "historyStartDay",
      "dealerId",
      ...(groupField === undefined || groupField === "segment" ? ["segment"] : ["segment", groupField]),
    ],
    [
      ["deliveryDate", "deliveryDay", true],
      ["odometerDate", "odometerDay", false],
      ["acquiredDate", "acquiredDay", false],
      ["historyStart", "historyStartDay", false],
    ],
  );
  const { vehicleId, customerId, deliveryDate, deliveryDay, odometerKm, odometerDate, odometerDay } = columns;
  const readAcquisition = acquisitionColumns(columns);
  const groupColumn =
    groupField === undefined
      ? undefined
      : ((columns as unknown as Record<string, ArrayLike<unknown>>)[groupField] ?? undefined);
  return {
    length,
    read: (row, into) => {
      into.vehicleId = vehicleId[row];
      into.customerId = customerId[row];
      into.delivery = deliveryDay !== undefined ? wholeDayNumber(deliveryDay[row]) : dayNumber(deliveryDate?.[row]);
      const km = odometerKm?.[row];
      into.odometerKm = isAbsentEntry(km) ? undefined : km;
      into.odometerDay = optionalDay(odometerDate, odometerDay, row);
      readAcquisition(row, into);
      into.group = groupColumn?.[row];
      const dealer = columns.dealerId?.[row];
      into.dealer = isAbsentEntry(dealer) ? undefined : dealer;
      return true;
    },
    field: (name) => {
      const date = VEHICLE_DATE_COLUMNS[name] as string;
      return (columns as unknown as Record<string, unknown>)[DAY_COLUMNS[date] as string] !== undefined
        ? (DAY_COLUMNS[date] as string)
        : date;
    },
    column: (name) => columns[name],
  };
}

/** Reads the used-car and history-start columns of one row into its fields (none given: new, seen from delivery). */
function acquisitionColumns(columns: AssessVehicleColumns): (row: number, into: VehicleFields) => void {
  const { acquiredDate, acquiredDay, odometerAtAcquisition, historyStart, historyStartDay } = columns;
  return (row, into) => {
    into.acquiredDay = optionalDay(acquiredDate, acquiredDay, row);
    const km = odometerAtAcquisition?.[row];
    into.acquiredKm = isAbsentEntry(km) ? undefined : km;
    into.historyStartDay = optionalDay(historyStart, historyStartDay, row);
  };
}

/**
 * One entry of an optional date column as a day number (or its issue), read from its day-number twin when that is
 * the column given; undefined for an empty entry (undefined, null, NaN).
 */
function optionalDay(
  dates: ArrayLike<unknown> | undefined,
  days: ArrayLike<unknown> | undefined,
  row: number,
): number | string | undefined {
  const entry = days !== undefined ? days[row] : dates?.[row];
  if (isAbsentEntry(entry)) return undefined;
  return days !== undefined ? wholeDayNumber(entry) : dayNumber(entry);
}

/** Reads `serviceEvents` (rows or columns), with the amount of `valueField`. @internal */
export function eventReader(events: unknown, valueField: "margin" | "revenue"): FieldReader<EventFields> {
  if (Array.isArray(events)) {
    const rows = events as readonly AssessEvent[];
    return {
      length: rows.length,
      read: (row, into) => {
        const event = rows[row] as AssessEvent | null;
        if (event === null || typeof event !== "object") return false;
        into.vehicleId = asId(event.vehicleId);
        into.day = dayNumber(event.date);
        into.type = event.type;
        into.odometerKm = asNumber(event.odometerKm);
        into.amount = event[valueField];
        into.dealer = asId(event.dealerId);
        return true;
      },
      field: () => "date",
      column: () => undefined,
    };
  }
  if (events === null || typeof events !== "object")
    columnsError("service event", "", "must be an array of events or an object of columns");
  const columns = readColumns(events, ["vehicleId", "dealerId"], ["odometerKm"]) as unknown as AssessEventColumns;
  const length = checkColumns(
    "service event",
    columns,
    ["vehicleId", "type"],
    ["date", "day", "odometerKm", "margin", "revenue", "dealerId"],
    [["date", "day", true]],
  );
  const { vehicleId, type, date, day, odometerKm, dealerId } = columns;
  const amounts = columns[valueField];
  return {
    length,
    read: (row, into) => {
      into.vehicleId = vehicleId[row];
      into.day = day !== undefined ? wholeDayNumber(day[row]) : dayNumber(date?.[row]);
      into.type = type[row];
      const km = odometerKm?.[row];
      into.odometerKm = isAbsentEntry(km) ? undefined : km;
      const amount = amounts?.[row];
      into.amount = isAbsentEntry(amount) ? undefined : amount;
      const dealer = dealerId?.[row];
      into.dealer = isAbsentEntry(dealer) ? undefined : dealer;
      return true;
    },
    field: () => (day !== undefined ? "day" : "date"),
    column: (name) => (name === "vehicleId" ? vehicleId : undefined),
  };
}
