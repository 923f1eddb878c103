import { Decimal } from "decimal.js";
import { InvalidInputError } from "../errors.js";
import { guardRead, readOptions } from "../input/read-options.js";
import { type Money, MoneyDecimal } from "./decimal.js";

/** A money amount as accepted at the public boundary: a decimal string, a finite number, or a decimal.js value. */
export type MoneyInput = string | number | Decimal;

const DECIMAL_STRING = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function fail(field: string, message: string, rowIndex: number | undefined): never {
  throw new InvalidInputError("money amount", [{ code: "invalid_money", path: [field], message }], rowIndex);
}

/**
 * Parses a money amount into the library's Decimal type, exactly (no float rounding for strings and Decimals;
 * a number is taken as the shortest decimal that reads back to the same double, so `0.1` becomes exactly `0.1`).
 *
 * Accepted: decimal strings such as `"12.50"`, `"-3"`, `"1e3"` (surrounding white space is ignored), finite
 * numbers, and any decimal.js `Decimal` (from any clone). Rejected with {@link InvalidInputError}: NaN, ±Infinity,
 * empty strings, thousands separators or decimal commas (`"1,000"`, `"12,50"`), hexadecimal/binary strings, and
 * anything else.
 *
 * @param value - The amount.
 * @param options.field - Name of the field, used in the error message (default `"amount"`).
 * @param options.rowIndex - Row index for batch input, carried by the error.
 * @returns A Decimal of the private 34-digit clone.
 * @throws InvalidInputError when the value is not a finite decimal amount.
 *
 * @example
 * ```ts
 * parseMoney("19.99").plus(parseMoney(0.01)).toString() // "20"
 * ```
 */
export function parseMoney(value: unknown, options: ParseMoneyOptions = {}): Money {
  const { field, rowIndex } = readOptions<ParseMoneyOptions>("money options", options, { field: true, rowIndex: true });
  if (field !== undefined && typeof field !== "string")
    fail("field", `must be a string, got ${typeof field}`, undefined);
  if (rowIndex !== undefined && !(Number.isInteger(rowIndex) && rowIndex >= 0))
    fail("rowIndex", `must be a whole number ≥ 0, got ${String(rowIndex)}`, undefined);
  return toMoney(value, field ?? "amount", rowIndex);
}

/** Options of {@link parseMoney}. */
export interface ParseMoneyOptions {
  /** Name of the field, used in the error message (default `"amount"`). */
  readonly field?: string;
  /** Row index for batch input, carried by the error. */
  readonly rowIndex?: number;
}

/** The text of a decimal.js value (from any clone), or undefined for anything else. */
function decimalText(value: unknown): string | undefined {
  return Decimal.isDecimal(value) ? (value as Decimal).toString() : undefined;
}

/** {@link parseMoney} with its options already read (the library's own calls, once per row). @internal */
export function toMoney(value: unknown, field: string, rowIndex: number | undefined): Money {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) fail(field, `must be a finite number, got ${value}`, rowIndex);
    return new MoneyDecimal(value);
  }
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (trimmed === "") fail(field, 'must be a decimal amount such as "12.50", got an empty string', rowIndex);
    if (!DECIMAL_STRING.test(trimmed)) {
      fail(
        field,
        `must be a plain decimal amount such as "1234.50" (no thousands separators, decimal commas or currency symbols), got ${JSON.stringify(value)}`,
        rowIndex,
      );
    }
    return new MoneyDecimal(trimmed);
  }
  const text = guardRead("money amount", [field], () => decimalText(value));
  if (text !== undefined) {
    if (text === "NaN" || text.endsWith("Infinity")) fail(field, `must be finite, got ${text}`, rowIndex);
    return new MoneyDecimal(text);
  }
  const shown = value === null ? "null" : typeof value;
  return fail(field, `must be a string, number or Decimal, got ${shown}`, rowIndex);
}
