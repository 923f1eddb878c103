// The largest-remainder allocation on exact integers against the same rule in Decimal arithmetic (the previous
// implementation, kept here as the reference): same parts, same total, for any finite parts and rounding.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateMoney } from "../../src/money/allocate-money.js";
import { allocateOnDigits } from "../../src/money/allocate-on-digits.js";
import { allocateOnFloats } from "../../src/money/allocate-on-floats.js";
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
          if (units >= 9e15) {
            expect(fast).toBeUndefined();
            return;
          }
          // Beyond 30 digits only the float route can decide (the digits would not fit two limbs).
          if (digitsBeyond > 30 && fast === undefined) return;
          expect(fast).toBeDefined();
          expect(fast?.total.toString()).toBe(slow.total.toString());
          expect(allocateMoney(parts, rounding).parts.map(String)).toEqual(slow.parts.map(String));
        },
      ),
      { numRuns: 1000 },
    );
  });
  it("decides by floats what the digits decide: same units and total, near whole numbers, halves and ties too", () => {
    const awkward = fc.oneof(
      fc.double({ min: 0, max: 5e4, noNaN: true }),
      fc.integer({ min: 0, max: 1_000_000 }).map((cents) => cents / 100), // 0.29 × 100 = 28.999999999999996
      fc.integer({ min: 0, max: 100_000 }).map((halves) => halves / 200 + 0.0025), // half a cent and a quarter
      fc.integer({ min: 0, max: 4000 }).map((eighths) => eighths / 8),
      fc.integer({ min: 0, max: 1000 }).map((cents) => cents / 100 + 1e-13), // a hair above a cent
      fc.constantFrom(0, 1.005, 2.675, 0.29, 1e-12, 123.455, 9_999.995),
    );
    fc.assert(
      fc.property(
        fc.array(awkward, { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom("half-even", "half-up", "half-down", "up", "down") as fc.Arbitrary<RoundingOptions["rounding"]>,
        (parts, decimalPlaces, mode) => {
          const rounding = { decimalPlaces, ...(mode ? { rounding: mode } : {}) };
          const byFloats = allocateOnFloats(parts, rounding);
          const byDigits = allocateOnDigits(parts, rounding);
          if (byDigits === undefined) return; // beyond 30 digits (1e-300): the test against the reference covers
          expect(byFloats?.units).toEqual(byDigits?.units);
          expect(byFloats?.total.toString()).toBe(byDigits?.total.toString());
        },
      ),
      { numRuns: 3000 },
    );
  });
  it("on float64 integers, declines what it cannot hold exactly (the BigInt path takes it)", () => {
    expect(allocateOnFloats([1, -0.5])).toBeUndefined();
    expect(allocateOnDigits([1.2345678901234567e-20, 2])).toBeUndefined(); // 35 digits beyond the cents
    expect(allocateOnFloats([1e-310, 2])).toBeUndefined(); // a subnormal product
    expect(allocateOnFloats([2e21])).toBeUndefined(); // written with a positive exponent
    expect(allocateOnFloats([5e13, 5e13])).toBeUndefined(); // more than 9 × 10^15 cents in all
    expect(allocateOnFloats([0.125, 0.125], { decimalPlaces: 2 })?.units).toEqual(Float64Array.of(13, 12));
    expect(allocateMoney([1, -0.5]).parts.map(String)).toEqual(["1", "-0.5"]);
  });
  it("on float64 integers, carries the remainders' low digits into the total exactly", () => {
    // 0.4999999999999999 + 0.0000000000000001 is exactly one half: the 16th digits carry into the 15th.
    const parts = [0.4999999999999999, 1e-16];
    expect(allocateOnFloats(parts, { decimalPlaces: 0 })?.total.toString()).toBe("0"); // half to even
    expect(allocateOnFloats(parts, { decimalPlaces: 0, rounding: "half-up" })?.units).toEqual(Float64Array.of(1, 0));
    expect(allocateOnFloats([0.4999999999999999, 2e-16], { decimalPlaces: 0 })?.total.toString()).toBe("1");
  });
  it("gives Money made when a row is read, an array to every reader, equal to eager Decimals row for row", () => {
    const parts = [12.345, 0.005, 7, 1e-7, 99_999.995];
    const { parts: money } = allocateMoney(parts);
    const eager = reference(parts).parts;
    expect(Array.isArray(money)).toBe(true);
    expect(money.length).toBe(5);
    expect(money[4]?.toFixed(2)).toBe(eager[4]?.toFixed(2));
    expect(money).toEqual(eager);
    expect(JSON.stringify(money)).toBe(JSON.stringify(eager));
    expect([...money].map(String)).toEqual(eager.map(String));
    expect(Object.keys(money)).toEqual(["0", "1", "2", "3", "4"]);
    expect(money.map((value) => value.toFixed(2))).toEqual(eager.map((value) => value.toFixed(2)));
    expect(money[0]).toBe(money[0]); // made once
    expect(money[5]).toBeUndefined();
    expect(money.indexOf(money[2] as Money)).toBe(2);
  });
});
