// The exact sum of float64 values behind a total with moneyPerCustomer: false: against Python's Decimal (exact
// conversions, printed below) and against adding every value through BigInt (no partials), on random values.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactFloatSum, exactSumByBigInt } from "../../src/money/exact-float-sum.js";

describe("exactFloatSum", () => {
  it("writes out the exact sum (Python: Decimal(a) + Decimal(b) at 2,000 digits)", () => {
    expect(exactFloatSum([0.1, 0.2])).toBe("0.3000000000000000166533453693773481063544750213623046875");
    expect(exactFloatSum([-0.5, 0.25])).toBe("-0.25");
    expect(exactFloatSum([1e308, 1e308])).toMatch(/^200000000000000002195812725888091083480984619354623692673621/);
    expect(exactFloatSum([5e-324])).toMatch(/^0\.0{323}4940656458412465441765687928682213723650598026143247644255/);
    expect(exactFloatSum([])).toBe("0");
    expect(exactFloatSum([1, -1, 0.5, -0.5])).toBe("0");
    expect(exactFloatSum([1e16, 1, -1e16])).toBe("1");
    expect(exactFloatSum([1, Number.NaN])).toBe("NaN");
  });
  it("equals adding every value exactly through BigInt", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 60 }), (values) => {
        expect(exactFloatSum(values)).toBe(exactSumByBigInt(values));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 300 }), (values) => {
        expect(exactFloatSum(values)).toBe(exactSumByBigInt(values));
      }),
      { numRuns: 300 },
    );
  });
});
