import type { Decimal } from "decimal.js";
import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
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
  return roundDecimal(parseMoney(value), readRounding(options));
}

/** The option names of {@link RoundingOptions}. @internal */
export const ROUNDING_NAMES: OptionNames<RoundingOptions> = { decimalPlaces: true, rounding: true };

/** Checked rounding options: decimal places and the decimal.js rounding constant. @internal */
export interface CheckedRounding {
  readonly decimalPlaces: number;
  readonly constant: Decimal.Rounding;
}

/**
 * Reads rounding options (an argument of their own, or nested at `path` in another function's options) with the one
 * option reader, and checks them. @internal
 */
export function readRounding(
  options: unknown,
  path?: readonly string[],
  subject = "rounding options",
): CheckedRounding {
  const read = readOptions(subject, options, ROUNDING_NAMES, path === undefined ? {} : { path });
  const decimalPlaces = read.decimalPlaces ?? 2;
  const mode = read.rounding ?? "half-even";
  if (!Number.isInteger(decimalPlaces) || decimalPlaces < 0 || decimalPlaces > 20) {
    throw new InvalidInputError(subject, [
      {
        code: "too_small",
        path: [...(path ?? []), "decimalPlaces"],
        message: `must be an integer from 0 to 20, got ${shown(decimalPlaces)}`,
      },
    ]);
  }
  const constant = roundingConstant(mode);
  if (constant === undefined) {
    throw new InvalidInputError(subject, [
      {
        code: "invalid_value",
        path: [...(path ?? []), "rounding"],
        message: `must be one of ${ROUNDING_MODES.join(", ")}, got ${shown(mode)}`,
      },
    ]);
  }
  return { decimalPlaces, constant };
}

/** Rounds a Decimal with checked rounding options. @internal */
export function roundDecimal(value: Decimal, rounding: CheckedRounding): Money {
  return new MoneyDecimal(value.toDecimalPlaces(rounding.decimalPlaces, rounding.constant));
}
