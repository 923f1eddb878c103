// The `timeZone` option (issue 12): date-times with an offset and Date objects count as the civil day they fall on
// in the zone named; date-times without an offset are wall-clock times there; date-only strings are the day written;
// an unknown zone is a typed error. The oracle is Intl's own calendar date in that zone, not our offset arithmetic.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError, lifecycle, psv, rfm, summarizeTransactions } from "../../src/index.js";
import { parseDate } from "../../src/schemas/parse-date.js";
import { withTimeZone } from "../../src/schemas/time-zone.js";

const dayIn = (value: unknown, timeZone?: string): string => {
  const parsed = withTimeZone(timeZone, () => parseDate(value));
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed.toISOString().slice(0, 10);
};
const oracle = (ms: number, timeZone: string): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);

const ZONES = [
  "UTC",
  "Asia/Shanghai",
  "America/New_York",
  "Pacific/Chatham",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "Pacific/Kiritimati",
  "America/St_Johns",
  "Europe/London",
];

describe("the timeZone option", () => {
  it("reads an instant as the civil day it falls on in the zone (Intl as the oracle), DST and odd offsets included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...ZONES),
        (ms, zone) => {
          expect(dayIn(new Date(ms), zone)).toBe(oracle(ms, zone));
          expect(dayIn(new Date(ms).toISOString(), zone)).toBe(oracle(ms, zone));
        },
      ),
      { numRuns: 2000 },
    );
  });
  it("checks the instants next to DST transitions in New York and Lord Howe (half-hour shift)", () => {
    for (const [iso, zone, day] of [
      ["2024-03-10T06:59:00Z", "America/New_York", "2024-03-10"],
      ["2024-03-10T04:59:00Z", "America/New_York", "2024-03-09"],
      ["2024-11-03T04:30:00Z", "America/New_York", "2024-11-03"],
      ["2024-04-06T13:29:00Z", "Australia/Lord_Howe", "2024-04-07"],
      ["2024-01-01T10:30:00Z", "Pacific/Chatham", "2024-01-02"],
      ["2024-01-01T23:30:00-05:00", "America/New_York", "2024-01-01"],
      ["2024-01-01T23:30:00-05:00", "UTC", "2024-01-02"],
    ] as const) {
      expect(dayIn(iso, zone), `${iso} in ${zone}`).toBe(day);
    }
  });
  it("keeps date-only strings and offset-free date-times on the day written, in every zone", () => {
    for (const zone of ZONES) {
      expect(dayIn("2024-02-29", zone)).toBe("2024-02-29");
      expect(dayIn("2024-01-01 23:30", zone)).toBe("2024-01-01");
      expect(dayIn("2024-01-01T00:15:00", zone)).toBe("2024-01-01");
    }
  });
  it("a nested call without a zone keeps the caller's (assessCustomers calling scoreBatch stays in Shanghai)", () => {
    const instant = new Date("2024-06-29T20:00:00Z");
    expect(withTimeZone("Asia/Shanghai", () => dayIn(instant))).toBe("2024-06-30");
    expect(withTimeZone("Asia/Shanghai", () => withTimeZone("UTC", () => dayIn(instant)))).toBe("2024-06-29");
  });
  it("restores the zone after a call, also when it throws", () => {
    expect(() =>
      withTimeZone("Asia/Shanghai", () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(dayIn(new Date("2024-06-29T20:00:00Z"))).toBe("2024-06-29");
  });
  it("reaches summaries, RFM, PSV and lifecycle through their options", () => {
    const log = [
      { c: "a", d: new Date("2024-06-01T02:00:00Z") },
      { c: "a", d: "2024-06-29T20:00:00Z" },
    ];
    const base = { observationEnd: "2024-06-30", timeUnit: "day" as const, customerId: "c", date: "d" };
    const utc = summarizeTransactions(log, base)[0];
    const shanghai = summarizeTransactions(log, { ...base, timeZone: "Asia/Shanghai" })[0];
    expect([utc?.recency, utc?.T]).toEqual([28, 29]);
    expect([shanghai?.recency, shanghai?.T]).toEqual([29, 29]);
    const rfmOptions = { asOf: "2024-06-30", customerId: "c", date: "d", amount: () => 1 };
    expect(rfm.fromTransactions(log, rfmOptions)[0]?.daysSinceLastPurchase).toBe(1);
    expect(rfm.fromTransactions(log, { ...rfmOptions, timeZone: "Asia/Shanghai" })[0]?.daysSinceLastPurchase).toBe(0);
    const { assumptions } = psv.defaultAssumptions({ segment: "mass" });
    const vehicle = { vehicleId: 1, deliveryDate: "2020-01-01" };
    const late = new Date("2024-06-29T20:00:00Z");
    const ages = ["UTC", "Asia/Shanghai"].map(
      (timeZone) => psv.score(vehicle, assumptions, { asOf: late, timeZone }).ageYears,
    );
    expect(((ages[1] as number) - (ages[0] as number)) * 365.25).toBeCloseTo(1, 3);
    const customer = {
      customerId: 1,
      vehicles: [{ vehicleId: 1, deliveryDate: "2021-06-30" }],
      serviceEvents: [{ vehicleId: 1, date: "2024-06-01", type: "maintenance" as const }],
    };
    const stages = ["America/Los_Angeles", "Asia/Shanghai"].map(
      (timeZone) => lifecycle.classify(customer, { asOf: new Date("2024-06-29T20:00:00Z"), timeZone }).stage,
    );
    expect(stages).toEqual(["in-warranty", "post-warranty"]);
  });
  it("rejects an unknown zone with a typed error naming the option", () => {
    for (const timeZone of ["Mars/Olympus", "", 7, "+08:00x"]) {
      const call = () =>
        summarizeTransactions([], {
          observationEnd: "2024-01-01",
          timeUnit: "day",
          customerId: "c",
          date: "d",
          timeZone: timeZone as string,
        });
      expect(call).toThrow(InvalidInputError);
      expect(call).toThrow(/timeZone/);
    }
  });
});
