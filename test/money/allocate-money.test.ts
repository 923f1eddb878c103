// The largest-remainder allocation on exact integers against the same rule in Decimal arithmetic (the previous
// implementation, kept here as the reference): same parts, same total, for any finite parts and rounding.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateMoney, allocateOnFloats } from "../../src/money/allocate-money.js";
import { type Money, MoneyDecimal } from "../../src/money/decimal.js";
import { type RoundingOptions, roundMoney } from "../../src/money/round-money.js";

function reference(parts: ArrayLike<number>, rounding: RoundingOptions = {}): { parts: Money[]; total: Money } {
  const decimals = rounding.decimalPlaces ?? 2;
  const exact = Array.from(parts, (value) => new MoneyDecimal(value));
  const total = roundMoney(
    exact.reduce((sum, value) => sum.plus(value), new MoneyDecimal(0)),
    rounding,
  );
  const floors = exact.map((value) => value.toDecimalPlaces(decimals, MoneyDecimal.ROUND_FLOOR));
  const unit = new MoneyDecimal(10).pow(-decimals);
  let left = total
    .minus(floors.reduce((sum, value) => sum.plus(value), new MoneyDecimal(0)))
    .div(unit)
    .toNumber();
  if (left > 0) {
    const order = exact
      .map((value, index) => ({ index, remainder: value.minus(floors[index] as Money) }))
      .sort((x, y) => y.remainder.comparedTo(x.remainder) || x.index - y.index);
    for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
      const index = (order[k] as { index: number }).index;
      floors[index] = (floors[index] as Money).plus(unit);
    }
  }
  return { parts: floors, total };
}

const part = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((value) => (Math.abs(value) < 1e-9 ? 0 : value)),
  // Tiny parts down to 1e-9: the reference works to Decimal's 34 significant digits, the allocation exactly, so
  // parts 30 orders of magnitude apart would differ in the reference's rounding, not in the rule.
  fc.double({ min: 1e-9, max: 1e-6, noNaN: true }),
  fc.integer({ min: -1000, max: 1000 }).map((cents) => cents / 100),
  fc.constantFrom(0, 0.005, 0.015, 0.125, 1e-7, 2.5e-9, 1e6, 123456.125),
);

describe("allocateMoney", () => {
  it("gives the parts and total the Decimal reference gives, and parts that add up to the total", () => {
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom("half-even", "half-up", "down", "up") as fc.Arbitrary<RoundingOptions["rounding"]>,
        (parts, decimalPlaces, mode) => {
          const rounding = { decimalPlaces, ...(mode ? { rounding: mode } : {}) };
          const fast = allocateMoney(parts, rounding);
          const slow = reference(parts, rounding);
          expect(fast.total.toString()).toBe(slow.total.toString());
          expect(fast.parts.map(String)).toEqual(slow.parts.map(String));
          expect(fast.parts.reduce((sum, value) => sum.plus(value), new MoneyDecimal(0)).toString()).toBe(
            fast.total.toString(),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
  it("on float64 integers, for parts ≥ 0, gives what the reference gives (ties and tiny parts included)", () => {
    const usual = fc.oneof(
      fc.double({ min: 1e-4, max: 1e6, noNaN: true }),
      fc.double({ min: 1e-14, max: 1e-4, noNaN: true }), // 16 to 30 digits beyond the places, some with an exponent
      fc.integer({ min: 0, max: 100_000 }).map((cents) => cents / 100),
      fc.integer({ min: 0, max: 1000 }).map((eighths) => eighths / 8), // ties at every rounding
      fc.constantFrom(0, 0.005, 0.015, 0.125, 123456.125, 4_000_000_000, 1e-7, 2.5e-9, 1e-20),
    );
    fc.assert(
      fc.property(
        fc.array(usual, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom("half-even", "half-up", "down", "up") as fc.Arbitrary<RoundingOptions["rounding"]>,
        (parts, decimalPlaces, mode) => {
          const rounding = { decimalPlaces, ...(mode ? { rounding: mode } : {}) };
          const fast = allocateOnFloats(parts, rounding);
          const slow = reference(parts, rounding);
          const digitsBeyond = Math.max(
            ...parts.map((value) => new MoneyDecimal(value).decimalPlaces() - decimalPlaces),
          );
          const units = parts.reduce((sum, value) => sum + value, 0) * 10 ** decimalPlaces;
          if (digitsBeyond > 30 || units >= 9e15) {
            expect(fast).toBeUndefined();
            return;
          }
          expect(fast).toBeDefined();
          expect(fast?.total.toString()).toBe(slow.total.toString());
          expect(fast?.parts.map(String)).toEqual(slow.parts.map(String));
        },
      ),
      { numRuns: 1000 },
    );
  });
  it("on float64 integers, declines what it cannot hold exactly (the BigInt path takes it)", () => {
    expect(allocateOnFloats([1, -0.5])).toBeUndefined();
    expect(allocateOnFloats([1.2345678901234567e-20, 2])).toBeUndefined(); // 35 digits beyond the cents
    expect(allocateOnFloats([2e21])).toBeUndefined(); // written with a positive exponent
    expect(allocateOnFloats([5e13, 5e13])).toBeUndefined(); // more than 9 × 10^15 cents in all
    expect(allocateOnFloats([0.125, 0.125], { decimalPlaces: 2 })?.parts.map(String)).toEqual(["0.13", "0.12"]);
    expect(allocateMoney([1, -0.5]).parts.map(String)).toEqual(["1", "-0.5"]);
  });
  it("on float64 integers, carries the remainders' low digits into the total exactly", () => {
    // 0.4999999999999999 + 0.0000000000000001 is exactly one half: the 16th digits carry into the 15th.
    const parts = [0.4999999999999999, 1e-16];
    expect(allocateOnFloats(parts, { decimalPlaces: 0 })?.total.toString()).toBe("0"); // half to even
    expect(allocateOnFloats(parts, { decimalPlaces: 0, rounding: "half-up" })?.parts.map(String)).toEqual(["1", "0"]);
    expect(allocateOnFloats([0.4999999999999999, 2e-16], { decimalPlaces: 0 })?.total.toString()).toBe("1");
  });
});
