/**
 * Columns as the tools users load data with hand them over: arrays, typed arrays (BigInt64Array for 64-bit integers),
 * Apache Arrow vectors and tables (read by duck typing: the library does not depend on apache-arrow), and other
 * objects with `toArray()` (Polars series). Ids may be BigInt (DuckDB's BIGINT, Arrow's Int64): within the safe
 * integer range they become numbers, beyond it decimal strings, never rounded.
 *
 * @module
 */
import { AutoclvError, InvalidInputError } from "../errors.js";
import { isColumn } from "../schemas/column-entries.js";
import { guardRead, unreadableIssue } from "./read-options.js";

/** A column as Apache Arrow's `Vector` exposes it (the part the library reads). */
export interface ArrowLikeVector<T = unknown> {
  readonly length: number;
  get(index: number): T | null;
  toArray(): ArrayLike<T>;
  readonly nullCount?: number;
  /** The Arrow data type: `typeId` 8 is a date, 10 a timestamp (their entries are read as epoch milliseconds). */
  readonly type?: { readonly typeId?: number };
}

/** A column: an array, a typed array, an Arrow vector or any object whose `toArray()` returns one (a Polars series). */
export type ColumnInput<T> = ArrayLike<T> | ArrowLikeVector<T> | { toArray(): ArrayLike<T> };

/** An object of columns as Apache Arrow's `Table` exposes it: each field of its schema is a column. */
export interface ArrowLikeTable {
  getChild(name: string): unknown;
  readonly schema: { readonly fields: readonly { readonly name: string }[] };
}

/** The entries of a column and what its own type says about time. @internal */
export interface ColumnEntries {
  readonly entries: ArrayLike<unknown>;
  /** An Arrow date column: entries are whole days since 1970-01-01 (converted from Arrow's milliseconds). */
  readonly civilDays: boolean;
  /** An Arrow timestamp column: entries are instants in epoch milliseconds. */
  readonly instants: boolean;
}

const MS_PER_DAY = 86_400_000;
const ARROW_DATE = 8;
const ARROW_TIMESTAMP = 10;

/**
 * The entries of a column, or undefined when the value is not a column. An Arrow vector with nulls is read entry by
 * entry (`toArray()` would show a null as 0). @internal
 */
export function columnEntries(value: unknown): ColumnEntries | undefined {
  if (isColumn(value)) return { entries: value, civilDays: false, instants: false };
  if (value === null || typeof value !== "object") return undefined;
  const toArray = (value as { toArray?: unknown }).toArray;
  if (typeof toArray !== "function") return undefined;
  const vector = value as Partial<ArrowLikeVector>;
  const entries: unknown =
    (vector.nullCount ?? 0) > 0 && typeof vector.get === "function"
      ? Array.from({ length: vector.length ?? 0 }, (_, index) => (vector.get as (index: number) => unknown)(index))
      : toArray.call(value);
  return isColumn(entries) ? { entries, civilDays: false, instants: false } : undefined;
}

/**
 * The entries of a column that may hold dates: an Arrow date column becomes day numbers (civil days), a timestamp
 * column epoch milliseconds (instants); anything else as {@link columnEntries} reads it. @internal
 */
export function datedColumnEntries(value: unknown): ColumnEntries | undefined {
  const vector = value as Partial<ArrowLikeVector> | null;
  const typeId = vector !== null && typeof vector === "object" ? vector.type?.typeId : undefined;
  if ((typeId !== ARROW_DATE && typeId !== ARROW_TIMESTAMP) || typeof vector?.get !== "function")
    return columnEntries(value);
  const get = vector.get.bind(vector);
  const entries = Array.from({ length: vector.length ?? 0 }, (_, index) => {
    const ms = get(index);
    return typeof ms === "number" && typeId === ARROW_DATE ? Math.floor(ms / MS_PER_DAY) : ms;
  });
  return { entries, civilDays: typeId === ARROW_DATE, instants: typeId === ARROW_TIMESTAMP };
}

/**
 * An object of columns as a plain record: an Arrow `Table` (anything with `getChild` and a schema's field names)
 * becomes `{ name: vector }`; other objects are returned as they are. @internal
 */
export function columnRecord(value: object): Record<string, unknown> {
  const table = value as { getChild?: unknown; schema?: { fields?: readonly { readonly name?: unknown }[] } };
  const fields = table.schema?.fields;
  if (typeof table.getChild !== "function" || !Array.isArray(fields)) return value as Record<string, unknown>;
  const record: Record<string, unknown> = {};
  for (const field of fields)
    if (typeof field.name === "string") record[field.name] = (table.getChild as (name: string) => unknown)(field.name);
  return record;
}

/** A BigInt as an id: a number within the safe integer range, else its decimal string. Anything else as it is. */
export function asId(value: unknown): unknown {
  if (typeof value !== "bigint") return value;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : value.toString();
}

/** A BigInt as a number when it is one exactly (within the safe integer range), else NaN; anything else as it is. */
export function asNumber(value: unknown): unknown {
  return typeof value === "bigint" ? bigIntAsNumber(value) : value;
}

/** A BigInt as a number when it is one exactly (within the safe integer range), else NaN. */
export function bigIntAsNumber(value: bigint): number {
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : Number.NaN;
}

function hasBigInts(entries: ArrayLike<unknown>): boolean {
  if (entries instanceof BigInt64Array || entries instanceof BigUint64Array) return true;
  if (!Array.isArray(entries)) return false;
  for (let index = 0; index < entries.length; index++) if (typeof entries[index] === "bigint") return true;
  return false;
}

/** A column of ids with BigInts made ids ({@link asId}); the column itself when it has none. @internal */
export function idEntries(entries: ArrayLike<unknown>): ArrayLike<unknown> {
  return hasBigInts(entries) ? Array.from(entries as ArrayLike<unknown>, asId) : entries;
}

/** A column of numbers with BigInts made numbers ({@link asNumber}); the column itself when it has none. @internal */
export function numberEntries(entries: ArrayLike<unknown>): ArrayLike<unknown> {
  return hasBigInts(entries)
    ? Float64Array.from(entries as ArrayLike<unknown>, (entry) => toFloat(entry, Number.NaN))
    : entries;
}

/**
 * A reader of one field of a row: the property `field` names (undefined for a row that is not an object), or the
 * caller's function. A row whose field cannot be read (a throwing getter or accessor) is a typed error. @internal
 */
export function fieldReader<Row>(field: string | ((row: Row) => unknown), subject = "row"): (row: Row) => unknown {
  const path = [typeof field === "string" ? field : "(accessor)"];
  const read =
    typeof field === "function"
      ? field
      : (row: Row) => (row !== null && typeof row === "object" ? (row as Record<string, unknown>)[field] : undefined);
  return (row: Row) => {
    try {
      return read(row);
    } catch (error) {
      if (error instanceof AutoclvError) throw error;
      throw new InvalidInputError(subject, [unreadableIssue(path, error)]);
    }
  };
}

/**
 * One numeric field of rows (an array of records) or of columns (an object of columns or an Arrow table) as a
 * Float64Array: numbers as they are, BigInts as numbers when exact, anything else (a missing field, a string, null)
 * NaN for the caller's checks to name; an entry left out (undefined) reads as `absent`. Undefined when columns lack
 * the field (rows always give a column). A field that cannot be read (a throwing getter) or a value that is
 * not a column is a typed error. @internal
 */
export function numberField(
  subject: string,
  input: object,
  field: string,
  absent: number = Number.NaN,
): Float64Array | undefined {
  if (Array.isArray(input)) return numberFieldOfRows(subject, input, field, absent);
  const value = guardRead(subject, [field], () => columnRecord(input)[field]);
  return value === undefined ? undefined : numberColumn(subject, field, value, absent);
}

/**
 * A column of numbers as a Float64Array (the column itself when it is one), read as {@link numberField} reads a
 * field; a value that is not a column is a typed error naming it. @internal
 */
export function numberColumn(subject: string, name: string, value: unknown, absent: number = Number.NaN): Float64Array {
  if (value instanceof Float64Array) return value;
  const column = guardRead(subject, [name], () => columnEntries(value));
  if (column === undefined)
    throw new InvalidInputError(subject, [
      { code: "invalid_type", path: [name], message: "must be an array, typed array or Arrow vector of numbers" },
    ]);
  return guardRead(subject, [name], () =>
    Float64Array.from(column.entries as ArrayLike<unknown>, (entry) => toFloat(entry, absent)),
  );
}

function toFloat(entry: unknown, absent: number): number {
  if (typeof entry === "number") return entry;
  if (entry === undefined) return absent;
  return typeof entry === "bigint" ? bigIntAsNumber(entry) : Number.NaN;
}

function numberFieldOfRows(subject: string, rows: readonly unknown[], field: string, absent: number): Float64Array {
  const out = new Float64Array(rows.length);
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    let value: unknown;
    try {
      value = row !== null && typeof row === "object" ? (row as Record<string, unknown>)[field] : undefined;
    } catch (error) {
      throw new InvalidInputError(subject, [unreadableIssue([field], error)], index);
    }
    out[index] = toFloat(value, absent);
  }
  return out;
}
