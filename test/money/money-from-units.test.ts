import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MoneyDecimal } from "../../src/money/decimal.js";
import { moneyFromUnits } from "../../src/money/money-from-units.js";

/** "whole.fraction" of units × 10^(−decimals), written with BigInt: the text decimal.js parses. */
function text(units: number, decimals: number): string {
  const digits = BigInt(units)
    .toString()
    .padStart(decimals + 1, "0");
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

describe("moneyFromUnits", () => {
  it("builds the very Decimal that decimal.js parses from the text, field for field", () => {
    const units = fc.oneof(
      fc.integer({ min: 0, max: 10_000_000 }),
      fc.maxSafeInteger().filter((value) => value >= 0),
      fc.integer({ min: 0, max: 99_999 }).map((value) => value * 10 ** 9), // trailing zeros across words
      fc.constantFrom(1, 10, 1_000_000, 10_000_000, 9_999_999, 10_000_001, 2 ** 53 - 1, 10 ** 15, 123_400_000_560),
    );
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 10 }), (value, decimals) => {
        const built = moneyFromUnits(value, decimals);
        const parsed = new MoneyDecimal(text(value, decimals));
        expect(built).toEqual(parsed);
        expect(Object.keys(built)).toEqual(Object.keys(parsed));
        expect(built.equals(parsed)).toBe(true);
        expect(built.toFixed(decimals)).toBe(text(value, decimals));
        expect(built.plus(1).minus(parsed).toFixed()).toBe("1");
      }),
      { numRuns: 3000 },
    );
  });
});
