import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFloatMemo, floatMemoGet, floatMemoSet } from "../../src/math/float-memo.js";

describe("float memo", () => {
  it("returns what a Map returns for any keys, growing as it fills, and stops at its limit", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: 0, max: 20 })), fc.double({ noNaN: true })),
          {
            maxLength: 400,
          },
        ),
        fc.integer({ min: 1, max: 30 }),
        (entries, limit) => {
          const memo = createFloatMemo(limit);
          const map = new Map<number, number>();
          for (const [key, value] of entries) {
            floatMemoSet(memo, key, value);
            if (map.size < limit || map.has(key)) map.set(key, value);
          }
          for (const [key] of entries) expect(floatMemoGet(memo, key)).toBe(map.get(key) ?? Number.NaN);
          expect(memo.size).toBe(map.size);
          expect(floatMemoGet(memo, 0.123456789)).toBe(map.get(0.123456789) ?? Number.NaN);
        },
      ),
    );
  });
  it("treats 0 and −0 as one key", () => {
    const memo = createFloatMemo();
    floatMemoSet(memo, -0, 5);
    expect(floatMemoGet(memo, 0)).toBe(5);
  });
});
