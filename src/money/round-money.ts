import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { requireObject } from "../schemas/options.js";
import { type Money, MoneyDecimal, ROUNDING_MODES, type RoundingMode, roundingConstant } from "./decimal.js";
import { type MoneyInput, parseMoney } from "./parse-money.js";

/** How to round money at output. */
export interface RoundingOptions {
  /** Decimal places to keep (default 2: cents, fen). Must be an integer in 0..20. */
  readonly decimalPlaces?: number;
  /** Rounding mode (default `"half-even"`, banker's rounding, which does not bias sums upward). */
  readonly rounding?: RoundingMode;
}

/**
 * Rounds a money amount to a fixed number of decimal places, once, at output. Idempotent: rounding a rounded
 * amount with the same options changes nothing.
 *
 * @param value - The amount (string, number or Decimal; see {@link parseMoney}).
 * @param options - Decimal places (default 2) and rounding mode (default `"half-even"`).
 * @returns The rounded Decimal.
 * @throws InvalidInputError for a bad amount, decimal places outside 0..20 or an unknown rounding mode.
 *
 * @example
 * ```ts
 * roundMoney("2.345").toFixed(2)                       // "2.34" (half-even)
 * roundMoney("2.345", { rounding: "half-up" }).toFixed(2) // "2.35"
 * ```
 */
export function roundMoney(value: MoneyInput, options: RoundingOptions = {}): Money {
  requireObject("rounding options", options);
  const decimalPlaces = options.decimalPlaces ?? 2;
  const mode = options.rounding ?? "half-even";
  if (!Number.isInteger(decimalPlaces) || decimalPlaces < 0 || decimalPlaces > 20) {
    throw new InvalidInputError("rounding options", [
      {
        code: "too_small",
        path: ["decimalPlaces"],
        message: `must be an integer from 0 to 20, got ${shown(decimalPlaces)}`,
      },
    ]);
  }
  const constant = roundingConstant(mode);
  if (constant === undefined) {
    throw new InvalidInputError("rounding options", [
      {
        code: "invalid_value",
        path: ["rounding"],
        message: `must be one of ${ROUNDING_MODES.join(", ")}, got ${shown(mode)}`,
      },
    ]);
  }
  return new MoneyDecimal(parseMoney(value).toDecimalPlaces(decimalPlaces, constant));
}
