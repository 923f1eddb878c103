import { shown } from "../errors-shown.js";

/** Whether a value can be a column: an array or a typed array (not a DataView). @internal */
export function isColumn(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** Whether an entry of an optional column marks a row without that field: undefined, null or NaN. @internal */
export function isAbsentEntry(value: unknown): boolean {
  return value === undefined || value === null || Number.isNaN(value);
}

/** An entry of a day-number column (whole days since 1970-01-01), or the message. @internal */
export function wholeDayNumber(value: unknown): number | string {
  return Number.isInteger(value)
    ? (value as number)
    : `must be a whole day number (days since 1970-01-01), got ${shown(value)}`;
}
