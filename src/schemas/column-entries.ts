/** Whether a value can be a column: an array or a typed array (not a DataView). @internal */
export function isColumn(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** Whether an entry of an optional column marks a row without that field: undefined, null or NaN. @internal */
export function isAbsentEntry(value: unknown): boolean {
  return value === undefined || value === null || Number.isNaN(value);
}
