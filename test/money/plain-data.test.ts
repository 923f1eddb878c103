// Issue 29: every result has a plain-data form that crosses postMessage and structuredClone. The money values are
// their exact decimal text; a CLV result's lazy Money column is written from its units and must equal the Decimals'.
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bgnbd,
  customerLifetimeValue,
  generateDealerData,
  InvalidInputError,
  MoneyDecimal,
  parseMoney,
  psv,
  sumMoney,
  toPlainData,
} from "../../src/index.js";
import { lazyMoneySource } from "../../src/money/lazy-money-array.js";

const dealer = generateDealerData({ vehicles: 300, seed: 5, asOf: "2024-06-30", prospectShare: 0 });
const vehicles = dealer.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId })));
const serviceEvents = dealer.flatMap((c) => c.serviceEvents);

describe("toPlainData", () => {
  it("makes an assessment structured-cloneable, money as the Decimals' exact text", () => {
    const result = psv.assessCustomers({ vehicles, serviceEvents, asOf: "2024-06-30" });
    expect(() => structuredClone(result)).toThrow();
    const plain = structuredClone(toPlainData(result));
    expect(plain.customers).toHaveLength(result.customers.length);
    result.customers.forEach((customer, index) => {
      const copy = plain.customers[index];
      expect(copy?.saveableValue).toBe(customer.saveableValue.toFixed());
      expect(copy?.obtainableValue).toBe(customer.obtainableValue.toFixed());
      expect(copy?.vehicles.map((v) => v.lockedValue)).toEqual(customer.vehicles.map((v) => v.lockedValue.toFixed()));
      expect(copy?.reasons).toEqual(customer.reasons);
    });
    expect(plain.totals.obtainableValue).toBe(result.totals.obtainableValue.toFixed());
    expect(plain.columns.pAlive).toBeInstanceOf(Float64Array);
    expect(Array.from(plain.columns.pAlive)).toEqual(Array.from(result.columns.pAlive));
    // and back: parseMoney reads the text to the same Money
    const first = plain.customers[0]?.obtainableValue as string;
    expect(parseMoney(first).equals(result.customers[0]?.obtainableValue as Decimal)).toBe(true);
  });

  it("writes a CLV result's lazy Money column from its units, equal to the Decimals read row by row", () => {
    const customers = Array.from({ length: 2000 }, (_, i) => ({
      frequency: i % 7,
      recency: i % 7 === 0 ? 0 : 5 + (i % 30),
      T: 40 + (i % 13),
      monetaryValue: i % 7 === 0 ? 0 : 10 + ((i * 37) % 500) / 7,
    }));
    for (const decimalPlaces of [0, 2, 4]) {
      const result = customerLifetimeValue({
        customers,
        transactionModel: { model: "bgnbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
        spendModel: { model: "gammaGamma", params: { p: 6.25, q: 3.74, gamma: 15.44 } },
        horizon: 52,
        timeUnit: "week",
        discountRate: 0.01,
        rounding: { decimalPlaces },
      });
      expect(lazyMoneySource(result.values)).toBeDefined(); // the fast path is the one under test
      const plain = structuredClone(toPlainData(result));
      expect(plain.values).toEqual(result.values.map((value) => value.toFixed()));
      expect(plain.total).toBe(result.total.toFixed());
    }
  });

  it("reads the rows themselves once a lazy column was written to", () => {
    const result = customerLifetimeValue({
      customers: [{ frequency: 2, recency: 30, T: 40, monetaryValue: 50 }],
      transactionModel: { model: "bgnbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
      spendModel: { model: "gammaGamma", params: { p: 6.25, q: 3.74, gamma: 15.44 } },
      horizon: 52,
      timeUnit: "week",
      discountRate: 0.01,
    });
    result.values[0] = new MoneyDecimal("7.25");
    expect(toPlainData(result).values).toEqual(["7.25"]);
  });

  it("keeps errors' codes, rows and issues; drops methods and symbol keys; keeps shared and cyclic objects", () => {
    const error = new InvalidInputError(
      "rows",
      [{ code: "custom", path: [3, "amount", Symbol("s")], message: "bad" }],
      3,
    );
    const shared = { money: sumMoney(["0.10", "0.20"]) };
    const cyclic: Record<string, unknown> = { shared, again: shared, error, method: () => 1, [Symbol.for("x")]: 1 };
    cyclic.self = cyclic;
    const plain = toPlainData(cyclic) as Record<string, unknown>;
    const cloned = structuredClone(plain) as Record<string, unknown>;
    expect(cloned.self).toBe(cloned);
    expect(cloned.shared).toBe(cloned.again);
    expect(cloned.shared).toEqual({ money: "0.3" });
    expect("method" in cloned).toBe(false);
    expect(cloned.error).toEqual({
      name: "InvalidInputError",
      message: error.message,
      code: "INVALID_INPUT",
      subject: "rows",
      rowIndex: 3,
      issues: [{ code: "custom", path: [3, "amount", "Symbol(s)"], message: "bad" }],
    });
  });

  it("is a typed error, naming the path, on a value it cannot read", () => {
    const value = {
      rows: [
        {
          get broken(): number {
            throw new Error("nope");
          },
        },
      ],
    };
    const error = (() => {
      try {
        toPlainData(value);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues[0]?.path).toEqual(["rows", 0, "broken"]);
  });

  it("always gives a structured-cloneable copy whose money is the Decimals' text (fast-check)", () => {
    const money = fc
      .tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 6 }))
      .map(([units, places]) => new Decimal(units).div(10 ** places));
    const leaf = fc.oneof(
      money,
      fc.double(),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.date({ noInvalidDate: true }),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("node")), fc.dictionary(fc.string(), tie("node"))),
    })).node;
    const text = (value: unknown): unknown =>
      Decimal.isDecimal(value)
        ? (value as Decimal).toFixed()
        : Array.isArray(value)
          ? value.map(text)
          : value !== null && typeof value === "object" && !(value instanceof Date)
            ? Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, text(entry)]))
            : value;
    fc.assert(
      fc.property(tree, (value) => {
        expect(structuredClone(toPlainData(value))).toEqual(text(value));
      }),
      { numRuns: 300, seed: 29 },
    );
  });

  it("a fit record crosses unchanged", () => {
    const simulated = bgnbd.simulate({ r: 0.5, alpha: 5, a: 0.8, b: 2.5 }, 200, { seed: 1, T: 30 });
    const fit = bgnbd.fit(simulated, { maxIterations: 200 });
    expect(structuredClone(toPlainData(fit))).toEqual(JSON.parse(JSON.stringify(fit)));
  });
});
