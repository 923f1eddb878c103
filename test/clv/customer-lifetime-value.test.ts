import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bgbb,
  bgcnbd,
  bgnbd,
  customerLifetimeValue,
  gammaGamma,
  InvalidInputError,
  mbgcnbd,
  paretoNbd,
  retentionLifetimeValue,
  sumMoney,
  summarizeTransactions,
} from "../../src/index.js";
import { relativeError } from "../helpers/high-precision.js";
import { cdnowSummary } from "../helpers/reference-data.js";

const cdnow = cdnowSummary().slice(0, 200);
const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const pnbd = { r: 0.5534, alpha: 10.58, s: 0.6061, beta: 11.656 };
const gg = { p: 6.25, q: 3.74, gamma: 15.44 };

describe("customerLifetimeValue with the BG/BB (discrete time)", () => {
  const params = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
  const customers = [
    { frequency: 6, recency: 6, periods: 6 },
    { frequency: 3, recency: 4, periods: 6 },
    { frequency: 0, recency: 0, periods: 6 },
    { frequency: 1, recency: 2, periods: 6 },
  ];
  const common = { transactionModel: { model: "bgbb", params }, timeUnit: "year", discountPeriod: "year" } as const;
  it("without discounting and with unit spend, is the conditional expected number of transactions", () => {
    const result = customerLifetimeValue({
      ...common,
      spendModel: { fixedSpend: 1 },
      customers,
      horizon: 5,
      discountRate: 0,
    });
    customers.forEach((customer, index) => {
      expect(
        relativeError(result.raw[index] as number, bgbb.conditionalExpectedPurchases(params, 5, customer)),
      ).toBeLessThan(1e-12);
    });
  });
  it("over an infinite horizon is the closed-form DERT, which long finite horizons approach", () => {
    const infinite = customerLifetimeValue({
      ...common,
      spendModel: { fixedSpend: 1 },
      customers,
      horizon: Number.POSITIVE_INFINITY,
      discountRate: 0.1,
    });
    const long = customerLifetimeValue({
      ...common,
      spendModel: { fixedSpend: 1 },
      customers,
      horizon: 400,
      discountRate: 0.1,
    });
    customers.forEach((customer, index) => {
      const dert = bgbb.discountedExpectedResidualTransactions(params, 0.1, customer);
      expect(relativeError(infinite.raw[index] as number, dert)).toBeLessThan(1e-10);
      expect(relativeError(long.raw[index] as number, dert)).toBeLessThan(1e-8);
    });
  });
  it("values customers who share a history (and those of other lengths) as each alone", () => {
    const many = Array.from({ length: 300 }, (_, index) => {
      const periods = 6 + (index % 3);
      const recency = index % (periods + 1);
      return { frequency: recency === 0 ? 0 : 1 + (index % recency), recency, periods };
    });
    for (const horizon of [4, Number.POSITIVE_INFINITY]) {
      const options = { ...common, spendModel: { fixedSpend: 1 }, horizon, discountRate: 0.1 } as const;
      const all = customerLifetimeValue({ ...options, customers: many, moneyPerCustomer: false });
      many.forEach((customer, index) => {
        const alone = customerLifetimeValue({ ...options, customers: [customer], moneyPerCustomer: false });
        expect(all.raw[index]).toBe(alone.raw[0]);
      });
    }
  });
  it("wants whole opportunities and a discount rate for an infinite horizon", () => {
    expect(() =>
      customerLifetimeValue({ ...common, spendModel: { fixedSpend: 1 }, customers, horizon: 2.5, discountRate: 0.1 }),
    ).toThrow(/whole number of opportunities/);
    expect(() =>
      customerLifetimeValue({
        ...common,
        spendModel: { fixedSpend: 1 },
        customers,
        horizon: Number.POSITIVE_INFINITY,
        discountRate: 0,
      }),
    ).toThrow(InvalidInputError);
    expect(() =>
      customerLifetimeValue({
        ...common,
        spendModel: { fixedSpend: 1 },
        customers: [{ frequency: 7, recency: 6, periods: 6 }],
        horizon: 2,
        discountRate: 0,
      }),
    ).toThrow(InvalidInputError);
  });
});

describe("customerLifetimeValue", () => {
  it("takes columns (typed arrays) as well as rows, with the same values", () => {
    const columns = {
      frequency: Float64Array.from(cdnow, (customer) => customer.frequency),
      recency: Float64Array.from(cdnow, (customer) => customer.recency),
      T: Float64Array.from(cdnow, (customer) => customer.T),
      monetaryValue: Float64Array.from(cdnow, (customer) => customer.monetaryValue),
    };
    for (const transactionModel of [
      { model: "bgnbd", params: bg },
      { model: "paretoNbd", params: pnbd },
    ] as const) {
      const common = {
        transactionModel,
        spendModel: { model: "gammaGamma", params: gg },
        horizon: 52,
        timeUnit: "week",
        discountRate: 0.1,
      } as const;
      const fromRows = customerLifetimeValue({ ...common, customers: cdnow });
      const fromColumns = customerLifetimeValue({ ...common, customers: columns });
      expect(Array.from(fromColumns.raw)).toEqual(Array.from(fromRows.raw));
      expect(fromColumns.total.toString()).toBe(fromRows.total.toString());
      // Without a Decimal per customer: the same raw values and the same total, and no values.
      const totalsOnly = customerLifetimeValue({ ...common, customers: columns, moneyPerCustomer: false });
      expect(Array.from(totalsOnly.raw)).toEqual(Array.from(fromRows.raw));
      expect(totalsOnly.total.toString()).toBe(fromRows.total.toString());
      expect("values" in totalsOnly).toBe(false);
    }
    expect(() =>
      customerLifetimeValue({
        transactionModel: { model: "bgnbd", params: bg },
        spendModel: { model: "gammaGamma", params: gg },
        customers: { ...columns, monetaryValue: columns.monetaryValue.slice(1) },
        horizon: 52,
        timeUnit: "week",
        discountRate: 0.1,
      }),
    ).toThrow(/monetaryValue/);
  });

  it("over an infinite horizon with the Pareto/NBD is margin × expected spend × DERT of each customer", () => {
    // CDNOW customers share T by first-purchase day, so the batch integrates Ψ(s, s; δ(β+T)) once per day.
    const delta = Math.log(1.15) / 52;
    const result = customerLifetimeValue({
      transactionModel: { model: "paretoNbd", params: pnbd },
      spendModel: { model: "gammaGamma", params: gg },
      customers: cdnow,
      horizon: Number.POSITIVE_INFINITY,
      timeUnit: "week",
      discountRate: 0.15,
      discountPeriod: "year",
      margin: 0.3,
    });
    expect(new Set(cdnow.map((customer) => customer.T)).size).toBeLessThan(cdnow.length / 2);
    cdnow.forEach((customer, index) => {
      const spend =
        customer.frequency > 0 ? gammaGamma.conditionalExpectedSpend(gg, customer) : gammaGamma.expectedSpend(gg);
      const dert = paretoNbd.discountedExpectedResidualTransactions(pnbd, ((delta * 52) / 365.2425) * 7, customer);
      expect(relativeError(result.raw[index] as number, 0.3 * spend * dert)).toBeLessThan(1e-12);
    });
  });

  it("without discounting and with unit spend, is the conditional expected number of purchases", () => {
    const result = customerLifetimeValue({
      transactionModel: { model: "bgnbd", params: bg },
      spendModel: { fixedSpend: 1 },
      customers: cdnow,
      horizon: 39,
      timeUnit: "week",
      discountRate: 0,
    });
    cdnow.forEach((customer, index) => {
      expect(result.raw[index]).toBeCloseTo(bgnbd.conditionalExpectedPurchases(bg, 39, customer), 10);
    });
  });
  it("with the (M)BG/CNBD-k, is the discounted sum of the model's own conditional expectations, per customer", () => {
    // Customers of a few cohorts (shared T) and repeated (x, T) with different t_x: the discounted purchases given
    // each phase of the Erlang clock are shared between them, the phase weights are each customer's own.
    const params = { k: 3, r: 1.33, alpha: 2.81, a: 0.425, b: 0.79 };
    const customers = cdnow.slice(0, 60).map((customer, index) => ({
      ...customer,
      T: 30 + (index % 3) * 4,
      recency: Math.min(customer.recency, 30 + (index % 3) * 4),
    }));
    for (const model of [bgcnbd, mbgcnbd]) {
      const name = model === bgcnbd ? "bgcnbd" : "mbgcnbd";
      const result = customerLifetimeValue({
        transactionModel: { model: name, params },
        spendModel: { fixedSpend: 2 },
        customers,
        horizon: 10.5,
        stepsPerTimeUnit: 2,
        timeUnit: "week",
        discountRate: 0.3,
        discountPeriod: "week",
      });
      const delta = Math.log1p(0.3);
      customers.forEach((customer, index) => {
        let expected = 0;
        let previous = 0;
        for (let step = 1; step <= 21; step++) {
          const end = Math.min(10.5, step / 2);
          const cumulative = model.conditionalExpectedPurchases(params, end, customer);
          expected += Math.exp(-delta * 0.5 * ((step - 1) / 2 + end)) * (cumulative - previous);
          previous = cumulative;
        }
        expect(relativeError(result.raw[index] as number, 2 * expected)).toBeLessThan(1e-12);
      });
    }
  });
  it("multiplies margin, Gamma-Gamma spend and discounted transactions; rounds money once", () => {
    const options = {
      transactionModel: { model: "bgnbd", params: bg },
      spendModel: { model: "gammaGamma", params: gg },
      customers: cdnow,
      horizon: 52,
      timeUnit: "week",
      discountRate: 0.1,
      margin: 0.3,
    } as const;
    const result = customerLifetimeValue(options);
    const unitSpend = customerLifetimeValue({ ...options, spendModel: { fixedSpend: 1 }, margin: 1 });
    cdnow.forEach((customer, index) => {
      const spend = gammaGamma.conditionalExpectedSpend(gg, customer);
      expect(relativeError(result.raw[index]!, 0.3 * spend * unitSpend.raw[index]!)).toBeLessThan(1e-12);
      expect(result.values[index]!.decimalPlaces()).toBeLessThanOrEqual(2);
      // Largest remainder: each value is its raw value floored or raised to the cent, within one cent.
      expect(Math.abs(result.values[index]!.toNumber() - result.raw[index]!)).toBeLessThan(0.01);
    });
    expect(sumMoney(result.values).toString()).toBe(result.total.toString());
    const exactTotal = result.raw.reduce((sum, value) => sum + value, 0);
    expect(Math.abs(result.total.toNumber() - exactTotal)).toBeLessThanOrEqual(0.005 + 1e-9);
  });
  it("Pareto/NBD with an infinite horizon equals the long finite-horizon sum (closed-form DERT)", () => {
    const customers = cdnow.slice(0, 5);
    const base = {
      transactionModel: { model: "paretoNbd", params: pnbd },
      spendModel: { fixedSpend: 1 },
      customers,
      timeUnit: "week",
      discountRate: 0.15,
    } as const;
    const infinite = customerLifetimeValue({ ...base, horizon: Number.POSITIVE_INFINITY });
    const finite = customerLifetimeValue({ ...base, horizon: 52 * 150, stepsPerTimeUnit: 2 });
    for (let index = 0; index < customers.length; index++)
      expect(relativeError(infinite.raw[index]!, finite.raw[index]!)).toBeLessThan(2e-4);
    expect(
      paretoNbd.discountedExpectedResidualTransactions(pnbd, Math.log(1.15) / (365.2425 / 7), customers[1]!),
    ).toBeCloseTo(infinite.raw[1]!, 10);
  });
  it("rises with the horizon and falls with the discount rate; step refinement converges", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 199 }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (index, horizon, rate) => {
          const base = {
            transactionModel: { model: "bgnbd", params: bg },
            spendModel: { fixedSpend: 10 },
            customers: [cdnow[index]!],
            timeUnit: "week",
          } as const;
          const value = customerLifetimeValue({ ...base, horizon, discountRate: rate }).raw[0]!;
          expect(
            customerLifetimeValue({ ...base, horizon: horizon + 10, discountRate: rate }).raw[0]!,
          ).toBeGreaterThanOrEqual(value);
          expect(customerLifetimeValue({ ...base, horizon, discountRate: rate + 0.05 }).raw[0]!).toBeLessThanOrEqual(
            value,
          );
        },
      ),
      { numRuns: 50 },
    );
    const base = {
      transactionModel: { model: "bgnbd", params: bg },
      spendModel: { fixedSpend: 1 },
      customers: cdnow.slice(0, 3),
      horizon: 104,
      timeUnit: "week",
      discountRate: 0.5,
    } as const;
    const coarse = customerLifetimeValue(base).raw;
    const fine = customerLifetimeValue({ ...base, stepsPerTimeUnit: 20 }).raw;
    for (let index = 0; index < 3; index++) expect(relativeError(coarse[index]!, fine[index]!)).toBeLessThan(1e-5);
  });
  it("rejects unclear options", () => {
    expect(() =>
      customerLifetimeValue({
        transactionModel: { model: "bgnbd", params: bg },
        spendModel: { model: "gammaGamma", params: gg },
        customers: cdnow,
        horizon: 52,
        timeUnit: "week",
        discountRate: 0.1,
        moneyPerCustomer: "no" as never,
      }),
    ).toThrow(/moneyPerCustomer/);
    const base = {
      transactionModel: { model: "bgnbd", params: bg },
      spendModel: { fixedSpend: 1 },
      customers: cdnow,
      horizon: 52,
      timeUnit: "week",
      discountRate: 0.1,
    } as const;
    expect(() => customerLifetimeValue({ ...base, horizon: Number.POSITIVE_INFINITY })).toThrow(
      /horizon: may be Infinity only/,
    );
    expect(() => customerLifetimeValue({ ...base, margin: 30 })).toThrow(/margin: must be in \(0, 1\]/);
    // @ts-expect-error: an unknown unit from untyped callers
    expect(() => customerLifetimeValue({ ...base, timeUnit: "fortnight" })).toThrow(InvalidInputError);
    expect(() => customerLifetimeValue({ ...base, customers: [{ frequency: 1, recency: 5, T: 2 }] })).toThrow(/row 0/);
    expect(() =>
      customerLifetimeValue({
        ...base,
        spendModel: { model: "gammaGamma", params: gg },
        customers: [{ frequency: 2, recency: 1, T: 2 }],
      }),
    ).toThrow(/monetaryValue/);
  });
});

describe("retentionLifetimeValue", () => {
  it("gives the textbook values", () => {
    expect(retentionLifetimeValue({ margin: "100", retentionRate: 0.8, discountRate: 0.1 }).toFixed(2)).toBe("266.67");
    expect(
      retentionLifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, timing: "start" }).toFixed(2),
    ).toBe("366.67");
    expect(retentionLifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: 1 }).toFixed(2)).toBe(
      "72.73",
    );
  });
  it("equals the period-by-period sum and approaches the infinite value", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 0, max: 60 }),
        (r, d, periods) => {
          let sum = 0;
          for (let t = 1; t <= periods; t++) sum += (1000 * r ** t) / (1 + d) ** t;
          const value = retentionLifetimeValue({
            margin: 1000,
            retentionRate: r,
            discountRate: d,
            periods,
            rounding: { decimalPlaces: 8 },
          });
          expect(Math.abs(value.toNumber() - sum)).toBeLessThan(1e-6 * Math.max(1, sum));
          expect(
            value.lte(
              retentionLifetimeValue({
                margin: 1000,
                retentionRate: r,
                discountRate: d,
                rounding: { decimalPlaces: 8 },
              }),
            ),
          ).toBe(true);
        },
      ),
    );
  });
  it("rejects impossible rates", () => {
    expect(() => retentionLifetimeValue({ margin: 1, retentionRate: 1, discountRate: 0 })).toThrow(/retentionRate/);
    expect(() => retentionLifetimeValue({ margin: "x", retentionRate: 0.5, discountRate: 0 })).toThrow(/margin/);
  });
});

describe("issue 23: summaries carry their time unit", () => {
  const log = [
    { id: 1, day: "2024-01-01", amount: 10 },
    { id: 1, day: "2024-02-15", amount: 20 },
    { id: 2, day: "2024-01-10", amount: 5 },
  ];
  const options = { customerId: "id", date: "day", amount: "amount", observationEnd: "2024-06-30" } as const;
  const model = {
    transactionModel: { model: "bgnbd" as const, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
    spendModel: { fixedSpend: 10 },
    discountRate: 0,
  };
  it("summaries say their unit, rows and columns alike", () => {
    expect(summarizeTransactions(log, { ...options, timeUnit: "day" })[0]?.timeUnit).toBe("day");
    const columns = { customerId: [1, 1, 2], day: [19_723, 19_768, 19_732], amount: [10, 20, 5] };
    expect(summarizeTransactions(columns, { observationEnd: "2024-06-30", timeUnit: "week" }).timeUnit).toBe("week");
  });
  it("a CLV asked in weeks of customers summarised in days is an error that says so", () => {
    const days = summarizeTransactions(log, { ...options, timeUnit: "day" });
    expect(() => customerLifetimeValue({ ...model, customers: days, horizon: 52, timeUnit: "week" })).toThrow(
      /timeUnit: is "week", but the customers were summarised in days/,
    );
    const weeks = summarizeTransactions(log, { ...options, timeUnit: "week" });
    expect(customerLifetimeValue({ ...model, customers: weeks, horizon: 52, timeUnit: "week" }).values).toHaveLength(2);
    expect(() =>
      customerLifetimeValue({ ...model, customers: [...days, ...weeks], horizon: 52, timeUnit: "week" }),
    ).toThrow(/mixes summaries in days and in weeks/);
  });
});
