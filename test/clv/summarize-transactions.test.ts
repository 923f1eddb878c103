import { describe, expect, it } from "vitest";
import { InvalidInputError, summarizeTransactions } from "../../src/index.js";
import { cdnowSummary, readCsv } from "../helpers/reference-data.js";

const isoDate = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

describe("summarizeTransactions", () => {
  it("reproduces BTYD's CDNOW calibration summary (x, t.x, T.cal, x.star, m.x) from the transaction log", () => {
    const log = readCsv("cdnow_sample_transactions.csv").map((row) => ({
      id: Number(row["sampleid"]),
      date: isoDate(row["date"] as string),
      sales: row["sales"],
    }));
    const summaries = summarizeTransactions(log, {
      calibrationEnd: "1997-09-30",
      observationEnd: "1998-06-30",
      timeUnit: "week",
      customerId: "id",
      date: "date",
      amount: "sales",
    });
    const reference = cdnowSummary();
    expect(summaries).toHaveLength(reference.length);
    const byId = new Map(summaries.map((summary) => [summary.customerId, summary]));
    for (const expected of reference) {
      const actual = byId.get(expected.id);
      expect(actual, `customer ${expected.id}`).toBeDefined();
      expect(actual?.frequency).toBe(expected.frequency);
      expect(actual?.recency).toBeCloseTo(expected.recency, 12);
      expect(actual?.T).toBeCloseTo(expected.T, 12);
      expect(actual?.holdoutFrequency).toBe(expected.holdoutFrequency);
      expect(actual?.monetaryValue).toBeCloseTo(expected.monetaryValue, 9);
    }
  });
  it("summarises the 69,659-row CDNOW master log", () => {
    const rows = readCsv("cdnow_master_transactions.csv");
    const log = rows.map((row) => ({
      id: row["customer_id"],
      date: new Date(`${isoDate(row["date"] as string)}T00:00:00Z`),
      value: Number(row["dollar_value"]),
    }));
    const summaries = summarizeTransactions(log, {
      calibrationEnd: "1997-09-30",
      observationEnd: "1998-06-30",
      timeUnit: "week",
      customerId: "id",
      date: "date",
      amount: "value",
    });
    expect(summaries).toHaveLength(23_570);
    expect(summaries.every((summary) => summary.recency <= summary.T && summary.frequency >= 0)).toBe(true);
  });
  it("merges same-day purchases, excludes the first purchase, measures in the chosen unit", () => {
    const [summary] = summarizeTransactions(
      [
        { id: "a", day: "2024-01-01", spend: 10 },
        { id: "a", day: "2024-01-08", spend: 5 },
        { id: "a", day: "2024-01-08", spend: "7" },
        { id: "a", day: "2024-02-01", spend: 100 },
      ],
      { observationEnd: "2024-01-29", timeUnit: "week", customerId: "id", date: "day", amount: "spend" },
    );
    expect(summary).toMatchObject({ customerId: "a", frequency: 1, recency: 1, T: 4, monetaryValue: 12 });
    const [daily] = summarizeTransactions(
      [
        { c: 1, d: "2024-01-01" },
        { c: 1, d: "2024-12-31" },
      ],
      {
        observationEnd: "2024-12-31",
        timeUnit: "year",
        customerId: "c",
        date: "d",
      },
    );
    expect(daily?.T).toBeCloseTo(365 / 365.2425, 12);
    expect(daily?.monetaryValue).toBeNaN();
  });
  it("rejects bad rows with their index", () => {
    const options = { observationEnd: "2024-12-31", timeUnit: "day", customerId: "c", date: "d", amount: "m" } as const;
    expect(() =>
      summarizeTransactions(
        [
          { c: 1, d: "2024-01-01", m: 1 },
          { c: 1, d: "2024-13-01", m: 1 },
        ],
        options,
      ),
    ).toThrow(/row 1: date/);
    expect(() => summarizeTransactions([{ c: 1, d: "2024-01-01", m: "1,5" }], options)).toThrow(/row 0: amount/);
    expect(() => summarizeTransactions([{ d: "2024-01-01", m: 1 }], options)).toThrow(InvalidInputError);
    expect(() => summarizeTransactions([], { ...options, calibrationEnd: "2025-01-01" })).toThrow(
      /calibrationEnd: must not be after/,
    );
    // @ts-expect-error: an unknown unit from untyped callers
    expect(() => summarizeTransactions([], { ...options, timeUnit: "fortnight" })).toThrow(/timeUnit/);
  });
});
