import { describe, expect, it } from "vitest";
import { thousands } from "../../src/schemas/thousands.js";

describe("thousands", () => {
  it("groups the digits of the rounded number by three", () => {
    const cases: [number, string][] = [
      [0, "0"],
      [-0, "0"],
      [999, "999"],
      [999.5, "1,000"],
      [60_000, "60,000"],
      [-1234.4, "-1,234"],
      [123_456_789, "123,456,789"],
      [1e20, "100,000,000,000,000,000,000"],
      [1e21, "1e+21"],
      [Number.NaN, "NaN"],
      [Number.NEGATIVE_INFINITY, "-Infinity"],
    ];
    for (const [value, text] of cases) expect(thousands(value)).toBe(text);
  });
});
