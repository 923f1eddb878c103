import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError, MoneyDecimal, parseMoney, roundMoney, sumMoney } from "../../src/index.js";

const amountString = fc
  .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }))
  .map(([units, scale]) => {
    const sign = units < 0n ? "-" : "";
    const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, "0");
    return scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  });

describe("parseMoney", () => {
  it("reads strings, numbers and Decimals exactly", () => {
    expect(parseMoney("19.99").toString()).toBe("19.99");
    expect(parseMoney(" -3 ").toString()).toBe("-3");
    expect(parseMoney("1e3").toString()).toBe("1000");
    expect(parseMoney(0.1).toString()).toBe("0.1");
    expect(parseMoney(new Decimal("12.345")).toString()).toBe("12.345");
    expect(parseMoney("19.99").plus(parseMoney(0.01)).toString()).toBe("20");
  });
  it("rejects NaN, Infinity and garbage with a clear, typed error", () => {
    for (const bad of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      "",
      "  ",
      "12,50",
      "1,000",
      "$5",
      "0x1F",
      "Infinity",
      "NaN",
      "1.2.3",
      null,
      undefined,
      {},
      true,
      new Decimal(Number.NaN),
    ]) {
      expect(() => parseMoney(bad), String(bad)).toThrow(InvalidInputError);
    }
    try {
      parseMoney("12,50", { field: "ticket", rowIndex: 7 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      const invalid = error as InvalidInputError;
      expect(invalid.code).toBe("INVALID_INPUT");
      expect(invalid.rowIndex).toBe(7);
      expect(invalid.issues[0]?.path).toEqual(["ticket"]);
      expect(invalid.message).toMatch(/row 7.*ticket.*no thousands separators/);
    }
  });
  it("does not touch the global Decimal configuration", () => {
    const before = { precision: Decimal.precision, rounding: Decimal.rounding };
    parseMoney("1.005");
    roundMoney("1.005", { rounding: "half-up" });
    expect({ precision: Decimal.precision, rounding: Decimal.rounding }).toEqual(before);
    expect(MoneyDecimal.precision).toBe(34);
    expect(MoneyDecimal.rounding).toBe(Decimal.ROUND_HALF_EVEN);
  });
});

describe("roundMoney", () => {
  it("rounds half to even by default, other modes on request", () => {
    expect(roundMoney("2.345").toFixed(2)).toBe("2.34");
    expect(roundMoney("2.355").toFixed(2)).toBe("2.36");
    expect(roundMoney("2.345", { rounding: "half-up" }).toFixed(2)).toBe("2.35");
    expect(roundMoney("-2.345", { rounding: "floor" }).toFixed(2)).toBe("-2.35");
    expect(roundMoney("2.341", { rounding: "ceil" }).toFixed(2)).toBe("2.35");
    expect(roundMoney("1234.5", { decimalPlaces: 0 }).toString()).toBe("1234");
  });
  it("is idempotent for every mode and scale", () => {
    const modes = ["half-even", "half-up", "half-down", "up", "down", "ceil", "floor"] as const;
    fc.assert(
      fc.property(
        amountString,
        fc.constantFrom(...modes),
        fc.integer({ min: 0, max: 4 }),
        (amount, rounding, decimalPlaces) => {
          const once = roundMoney(amount, { rounding, decimalPlaces });
          expect(roundMoney(once, { rounding, decimalPlaces }).eq(once)).toBe(true);
          expect(once.decimalPlaces()).toBeLessThanOrEqual(decimalPlaces);
          expect(once.minus(amount).abs().lt(new Decimal(10).pow(-decimalPlaces))).toBe(true);
        },
      ),
    );
  });
  it("rejects bad options", () => {
    expect(() => roundMoney("1", { decimalPlaces: -1 })).toThrow(/decimalPlaces/);
    expect(() => roundMoney("1", { decimalPlaces: 2.5 })).toThrow(InvalidInputError);
    // @ts-expect-error: an unknown mode from untyped callers
    expect(() => roundMoney("1", { rounding: "bankers" })).toThrow(/must be one of half-even/);
  });
});

describe("sumMoney", () => {
  it("is exact where floats are not", () => {
    expect(sumMoney([0.1, 0.2]).toString()).toBe("0.3");
    expect(sumMoney([]).toString()).toBe("0");
    expect(sumMoney(["1e20", "0.01", "-1e20"]).toString()).toBe("0.01");
  });
  it("is exact and independent of order (checked against bigint arithmetic)", () => {
    fc.assert(
      fc.property(fc.array(amountString, { maxLength: 60 }), (amounts) => {
        // Exact reference: scale every amount to integer micro-units with bigint.
        const toMicros = (text: string): bigint => {
          const negative = text.startsWith("-");
          const [whole = "0", fraction = ""] = text.replace("-", "").split(".");
          const micros = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0"));
          return negative ? -micros : micros;
        };
        const exact = amounts.reduce((sum, text) => sum + toMicros(text), 0n);
        const total = sumMoney(amounts);
        expect(total.times(1_000_000).toFixed(0)).toBe(exact.toString());
        expect(sumMoney([...amounts].reverse()).eq(total)).toBe(true);
      }),
    );
  });
  it("names the index of a bad amount", () => {
    expect(() => sumMoney(["1", "2", "oops"])).toThrow(/row 2/);
  });
});

describe("errors survive two copies of the library (ESM and CommonJS side by side)", () => {
  it("instanceof recognises an error thrown by another copy, by kind", async () => {
    // A second, independent instance of the errors module, as a dual-package consumer would load.
    const secondCopy = "../../src/errors.ts?second-copy";
    const other = (await import(/* @vite-ignore */ secondCopy)) as typeof import("../../src/errors.js");
    const mine = await import("../../src/errors.js");
    expect(other.InvalidInputError).not.toBe(mine.InvalidInputError);
    const foreign = new other.InvalidInputError("thing", [{ code: "custom", path: ["x"], message: "bad" }], 3);
    expect(foreign instanceof mine.InvalidInputError).toBe(true);
    expect(foreign instanceof mine.AutoclvError).toBe(true);
    expect(foreign instanceof mine.ConvergenceError).toBe(false);
    const converge = new other.ConvergenceError({ converged: false, iterations: 3, message: "no" });
    expect(converge instanceof mine.ConvergenceError).toBe(true);
    expect(converge instanceof mine.InvalidInputError).toBe(false);
    expect(new Error("plain") instanceof mine.AutoclvError).toBe(false);
    expect({ code: "INVALID_INPUT" } instanceof mine.InvalidInputError).toBe(false);
  });
});
