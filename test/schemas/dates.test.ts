// One date policy for every function, whatever the machine's time zone (CI runs this file under UTC,
// Asia/Shanghai, America/New_York and Pacific/Chatham): date-only strings are civil days, date-times with an offset
// count as the UTC day of their instant, date-times without one are the day written (wall-clock time in UTC, or in
// the `timeZone` option: see time-zone.test.ts), impossible dates and times are rejected.
import { describe, expect, it } from "vitest";
import { InvalidInputError, rfm, summarizeTransactions } from "../../src/index.js";
import { dayNumber } from "../../src/schemas/day-number.js";
import { parseDate } from "../../src/schemas/parse-date.js";

const iso = (value: unknown) => {
  const parsed = parseDate(value);
  return typeof parsed === "string" ? parsed : parsed.toISOString();
};

describe("the date policy", () => {
  it("reads date-times without an offset as the day written, never in the host's zone", () => {
    expect(iso("2024-01-01 07:30")).toBe("2024-01-01T00:00:00.000Z");
    expect(iso("2024-01-01T23:30:00")).toBe("2024-01-01T00:00:00.000Z");
    expect(dayNumber("2024-01-01T23:59:59")).toBe(dayNumber("2024-01-01"));
  });
  it("reads date-times with an offset, and Dates, as the UTC day of their instant", () => {
    expect(iso("2024-01-01T23:30:00-05:00")).toBe("2024-01-02T00:00:00.000Z");
    expect(iso("2024-01-01T03:30:00+0530")).toBe("2023-12-31T00:00:00.000Z");
    expect(iso(new Date(Date.UTC(2024, 5, 30, 23, 59)))).toBe("2024-06-30T00:00:00.000Z");
    expect(dayNumber("2024-01-01T23:30:00-05:00")).toBe(dayNumber("2024-01-02") as number);
  });
  it("rejects impossible dates and times instead of rolling them over, and foreign formats", () => {
    for (const value of [
      "2024-02-30T10:00:00Z",
      "2023-02-29",
      "2024-01-01T24:00",
      "2024-01-01T10:60",
      "2024-01-01 12:00 PM",
      "01/02/2024",
      "20240101",
    ]) {
      expect(typeof parseDate(value)).toBe("string");
    }
  });
  it("keeps the year written (0050 is the year 50, not 1950)", () => {
    expect(iso("0050-06-01")).toBe("0050-06-01T00:00:00.000Z");
    expect(dayNumber("0050-06-01")).toBe(Math.floor((parseDate("0050-06-01") as Date).getTime() / 86_400_000));
  });
  it("gives summaries and RFM days that do not depend on the zone", () => {
    const [summary] = summarizeTransactions(
      [
        { id: "a", date: "2024-01-01 07:30" },
        { id: "a", date: "2024-01-08T22:00:00" },
      ],
      { observationEnd: "2024-01-15", timeUnit: "day", customerId: "id", date: "date" },
    );
    expect(summary?.recency).toBe(7);
    expect(summary?.T).toBe(14);
    expect(() =>
      summarizeTransactions([{ id: "a", date: "0050-01-01 12:00 PM" }], {
        observationEnd: "2024-01-15",
        timeUnit: "day",
        customerId: "id",
        date: "date",
      }),
    ).toThrow(InvalidInputError);
    const scores = rfm.fromTransactions([{ id: "a", day: "2024-06-29T23:00:00", spend: "10.00" }], {
      asOf: "2024-06-30",
      customerId: "id",
      date: "day",
      amount: "spend",
    });
    expect(scores[0]?.daysSinceLastPurchase).toBe(1);
  });
});
