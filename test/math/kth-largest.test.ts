import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kthLargest } from "../../src/math/kth-largest.js";

describe("kthLargest", () => {
  it("is the k-th entry of the values sorted from the largest, for any values and k", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -3, max: 3 })), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.nat(),
        (values, seed) => {
          const k = 1 + (seed % values.length);
          const sorted = Float64Array.from(values).sort().reverse();
          expect(kthLargest(Float64Array.from(values), k) === sorted[k - 1]).toBe(true); // −0 and 0 alike
        },
      ),
      { numRuns: 2000 },
    );
    expect(kthLargest(Float64Array.of(3, 9, 1, 7), 2)).toBe(7);
    expect(kthLargest(Float64Array.of(1), 2)).toBeNaN();
  });
});
