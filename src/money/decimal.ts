import { Decimal } from "decimal.js";

/**
 * The library's private Decimal constructor: a clone of decimal.js with 34 significant digits (IEEE 754 decimal128)
 * and round-half-even ("banker's rounding"). The global `Decimal` configuration of the host application is never
 * read or changed.
 */
export const MoneyDecimal = Decimal.clone({
  precision: 34,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});

/** A Decimal value as produced by autoclv (an instance of the private clone; it has the full decimal.js API). */
export type Money = Decimal;

/** Names of the rounding modes accepted wherever money is rounded. */
export type RoundingMode = "half-even" | "half-up" | "half-down" | "up" | "down" | "ceil" | "floor";

const ROUNDING_CONSTANTS: Readonly<Record<RoundingMode, Decimal.Rounding>> = {
  "half-even": Decimal.ROUND_HALF_EVEN,
  "half-up": Decimal.ROUND_HALF_UP,
  "half-down": Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceil: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};

/** The decimal.js rounding constant for a named rounding mode; `undefined` for an unknown name. */
export function roundingConstant(mode: RoundingMode): Decimal.Rounding | undefined {
  return Object.hasOwn(ROUNDING_CONSTANTS, mode) ? ROUNDING_CONSTANTS[mode] : undefined;
}

/** The rounding modes, in a fixed order, for validation messages. */
export const ROUNDING_MODES: readonly RoundingMode[] = Object.keys(ROUNDING_CONSTANTS) as RoundingMode[];
