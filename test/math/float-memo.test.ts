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

describe("float memo hit-rate switch", () => {
  it("switches itself off when keys do not repeat, and stays on when they do", () => {
    const distinct = createFloatMemo();
    for (let index = 0; index < 5000; index++) {
      if (Number.isNaN(floatMemoGet(distinct, index + 0.5))) floatMemoSet(distinct, index + 0.5, index);
    }
    expect(distinct.off).toBe(true);
    expect(distinct.size).toBe(0);
    floatMemoSet(distinct, 1.5, 1);
    expect(floatMemoGet(distinct, 1.5)).toBeNaN();
    const cohort = createFloatMemo();
    for (let index = 0; index < 50_000; index++) {
      const key = (index % 91) / 7;
      if (Number.isNaN(floatMemoGet(cohort, key))) floatMemoSet(cohort, key, index);
    }
    expect(cohort.off).toBe(false);
    expect(cohort.size).toBe(91);
    expect(cohort.hits).toBe(50_000 - 91);
  });
});
