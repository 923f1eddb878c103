// summarizeTransactions on a log given as columns: BTYD's reference summary from typed arrays, the same summaries as
// the rows path on random logs (unsorted, same-day purchases, long histories), and clear errors for bad columns.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupByCustomer } from "../../src/clv/summarize-transactions.js";
import { bgnbd, InvalidInputError, summarizeTransactions } from "../../src/index.js";
import { daysFromCivil } from "../../src/schemas/civil-days.js";
import { cdnowSummary, readCsv } from "../helpers/reference-data.js";

const window = { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", timeUnit: "week" } as const;

describe("summarizeTransactions on columns", () => {
  it("reproduces BTYD's CDNOW calibration summary from an Int32Array of ids, day numbers and amounts", () => {
    const log = readCsv("cdnow_sample_transactions.csv");
    const columns = {
      customerId: Int32Array.from(log, (row) => Number(row["sampleid"])),
      day: Int32Array.from(log, (row) => {
        const text = row["date"] as string;
        return daysFromCivil(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
      }),
      amount: Float64Array.from(log, (row) => Number(row["sales"])),
    };
    const summary = summarizeTransactions(columns, window);
    const reference = cdnowSummary();
    expect(summary.customerId).toHaveLength(reference.length);
    const position = new Map(summary.customerId.map((id, index) => [id, index]));
    for (const expected of reference) {
      const index = position.get(expected.id) as number;
      expect(index, `customer ${expected.id}`).toBeDefined();
      expect(summary.frequency[index]).toBe(expected.frequency);
      expect(summary.recency[index]).toBeCloseTo(expected.recency, 12);
      expect(summary.T[index]).toBeCloseTo(expected.T, 12);
      expect(summary.holdoutFrequency?.[index]).toBe(expected.holdoutFrequency);
      expect(summary.monetaryValue[index]).toBeCloseTo(expected.monetaryValue, 9);
    }
    // The columns go straight into a fit: FHL 2005's estimates.
    const fitted = bgnbd.fit(summary).params;
    expect(fitted.r).toBeCloseTo(0.243, 3);
    expect(fitted.alpha).toBeCloseTo(4.414, 2);
  });

  it("gives what the rows give, for any log", () => {
    const transaction = fc.record({
      id: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom("a", "b", "c")),
      day: fc.integer({ min: 19_700, max: 19_900 }),
      amount: fc.integer({ min: -50, max: 500 }),
    });
    // Some logs hold one customer's long, unsorted history (the path for more than 64 transactions).
    const long = fc.array(fc.integer({ min: 19_700, max: 19_900 }), { minLength: 65, maxLength: 150 });
    fc.assert(
      fc.property(
        fc.array(transaction, { maxLength: 120 }),
        fc.option(long, { nil: undefined }),
        fc.integer({ min: 19_750, max: 19_900 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom("day", "week", "month"),
        (rows, history, calibrationEnd, holdout, timeUnit) => {
          const all = [...rows, ...(history ?? []).map((day, k) => ({ id: "long", day, amount: k % 7 }))];
          const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
          const options = {
            calibrationEnd: iso(calibrationEnd),
            observationEnd: iso(calibrationEnd + holdout),
            timeUnit,
          };
          const fromRows = summarizeTransactions(
            all.map((row) => ({ ...row, date: iso(row.day) })),
            { ...options, customerId: "id", date: "date", amount: "amount" },
          );
          for (const columns of [
            {
              customerId: all.map((row) => row.id),
              day: all.map((row) => row.day),
              amount: all.map((row) => row.amount),
            },
            {
              customerId: all.map((row) => row.id),
              date: all.map((row) => iso(row.day)),
              amount: all.map((row) => row.amount),
            },
          ]) {
            const summary = summarizeTransactions(columns, options);
            expect(summary.customerId).toEqual(fromRows.map((row) => row.customerId));
            expect([...summary.frequency]).toEqual(fromRows.map((row) => row.frequency));
            expect([...summary.recency]).toEqual(fromRows.map((row) => row.recency));
            expect([...summary.T]).toEqual(fromRows.map((row) => row.T));
            expect([...summary.monetaryValue]).toEqual(fromRows.map((row) => row.monetaryValue));
            expect([...summary.sumLogInterPurchaseTimes]).toEqual(fromRows.map((row) => row.sumLogInterPurchaseTimes));
            expect([...summary.firstPurchaseDay]).toEqual(
              fromRows.map((row) => row.firstPurchase.getTime() / 86_400_000),
            );
            if (holdout > 0)
              expect([...(summary.holdoutFrequency ?? [])]).toEqual(fromRows.map((row) => row.holdoutFrequency));
            else expect(summary.holdoutFrequency).toBeUndefined();
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("merges same-day purchases of a customer given in any order, in log order", () => {
    const summary = summarizeTransactions(
      { customerId: [7, 7, 7, 7], day: [10, 3, 10, 17], amount: [1, 100, 2, 4] },
      { observationEnd: "1970-01-20", timeUnit: "day" },
    );
    expect([...summary.frequency]).toEqual([2]);
    expect([...summary.monetaryValue]).toEqual([3.5]); // (1 + 2) on day 10, 4 on day 17
    expect([...summary.recency]).toEqual([14]);
    expect([...summary.firstPurchaseDay]).toEqual([3]);
  });

  it("rejects bad columns with the column and row", () => {
    const options = { observationEnd: "2024-01-31", timeUnit: "day" } as const;
    const bad = (columns: unknown) => () => summarizeTransactions(columns as never, options);
    expect(bad({ customerId: [1, 2], day: [19_700] })).toThrow(/day.*has 1 entries, customerId has 2/);
    expect(bad({ customerId: [1], day: [19_700.5] })).toThrow(/whole day number/);
    expect(bad({ customerId: [1], day: [19_700], date: ["2024-01-01"] })).toThrow(/one of day/);
    expect(bad({ customerId: [1], days: [19_700] })).toThrow(/days.*is not a transaction column/);
    expect(bad({ customerId: [""], day: [19_700] })).toThrow(/customerId.*non-empty/);
    expect(bad({ customerId: [1], date: ["2024-02-30"] })).toThrow(/date/);
    expect(bad({ customerId: [1], day: [19_700], amount: ["5"] })).toThrow(/amount/);
    expect(bad({ customerId: [1], day: [null] })).toThrow(/whole day number.*got null/);
    expect(() =>
      summarizeTransactions({ customerId: [1], day: [19_700] }, { ...options, customerId: "id" } as never),
    ).toThrow(/not an option for a log given as columns/);
    try {
      bad({ customerId: [1, 2, 3], day: [19_700, 19_701, Number.NaN] })();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).rowIndex).toBe(2);
    }
    expect.assertions(11);
  });
});

describe("grouping transactions by customer", () => {
  it("gives the same groups in one pass or two (the path of more than 65,536 customers)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ customer: fc.integer({ min: -1, max: 1500 }), day: fc.integer(), amount: fc.double() }), {
          maxLength: 400,
        }),
        fc.boolean(),
        (rows, withAmounts) => {
          const customers = Math.max(0, ...rows.map((row) => row.customer + 1));
          const log = {
            customerIds: Array.from({ length: customers }, (_, index) => index),
            rowCustomer: Int32Array.from(rows, (row) => row.customer),
            rowDay: rows.map((row) => row.day),
            rowAmount: withAmounts ? rows.map((row) => row.amount) : undefined,
            kept: rows.filter((row) => row.customer >= 0).length,
          };
          const onePass = groupByCustomer(log);
          const twoPasses = groupByCustomer(log, 0);
          expect(twoPasses).toEqual(onePass);
          // Each customer's group holds its own transactions in log order.
          for (let customer = 0; customer < customers; customer++) {
            const own = rows.filter((row) => row.customer === customer);
            const from = onePass.start[customer] as number;
            expect([...onePass.day.subarray(from, from + own.length)]).toEqual(own.map((row) => row.day));
            expect(onePass.start[customer + 1]).toBe(from + own.length);
          }
        },
      ),
    );
  });
});
