// Issue 13: a fuzz suite over the whole public API. Every public function is called with random arguments built
// from what users send (parameter records, customer rows and columns, dealer records, options, dates, money) and
// from junk (fast-check's anything): only AutoclvError subclasses may be thrown, and a call that returns gives no
// NaN or ±Infinity where it reports a valid result. The model predictions are then driven with valid customers and
// parameters anywhere in the fits' search box (e^±18), where every answer must be finite and in range; fits on
// random small data must stop within a bounded number of likelihood evaluations (the fits' own counter).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as library from "../../src/index.js";

const { AutoclvError } = library;

const number = fc.oneof(
  fc.constantFrom(-1, 0, 0.5, 1, 2, 3, 7, 52, 365, 1000, Number.NaN, Number.POSITIVE_INFINITY, -Number.MAX_VALUE, 1e12),
  fc.double({ min: -100, max: 1000 }),
);
const date = fc.oneof(
  fc.constantFrom(
    "2024-01-01",
    "2020-02-29",
    "2024-02-30",
    "2024-01-01T23:30:00-05:00",
    "01/02/2024",
    "",
    "2030-12-31",
  ),
  fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2035, 0, 1)), noInvalidDate: false }),
);
const id = fc.oneof(fc.integer({ min: -2, max: 20 }), fc.constantFrom("A", "B", "", "1"));
const money = fc.oneof(number, fc.constantFrom("19.99", "12,50", "-3", "1e3", "abc"));
const params = fc.record(
  {
    r: number,
    alpha: number,
    a: number,
    b: number,
    s: number,
    beta: number,
    p: number,
    q: number,
    gamma: number,
    delta: number,
    k: fc.integer({ min: -1, max: 13 }),
    covariates: fc.constantFrom(undefined, { transaction: { g: 0.5 } }, { spend: { g: 1 } }, "x"),
  },
  { requiredKeys: [] },
);
const summary = fc.record(
  {
    customerId: id,
    frequency: number,
    recency: number,
    T: number,
    periods: number,
    monetaryValue: number,
    weight: number,
    sumLogInterPurchaseTimes: number,
    covariates: fc.constantFrom(undefined, { g: 1 }, { g: Number.NaN }),
    survivors: fc.array(number, { maxLength: 5 }),
  },
  { requiredKeys: [] },
);
const record = fc.record(
  {
    customerId: id,
    vehicleId: id,
    date,
    deliveryDate: date,
    odometerKm: number,
    odometerDate: date,
    lastServiceDate: date,
    servicesDone: number,
    type: fc.constantFrom("maintenance", "repair", "insurance", "new-car-purchase", "car-wash"),
    amount: money,
    margin: money,
    revenue: money,
    vehicles: fc.array(fc.record({ vehicleId: id, deliveryDate: date }, { requiredKeys: [] }), { maxLength: 3 }),
    serviceEvents: fc.array(fc.record({ vehicleId: id, date, type: fc.constantFrom("maintenance", "x") }), {
      maxLength: 3,
    }),
  },
  { requiredKeys: [] },
);
const options = fc.record(
  {
    asOf: date,
    observationEnd: date,
    calibrationEnd: date,
    timeUnit: fc.constantFrom("day", "week", "month", "year", "fortnight"),
    customerId: fc.constantFrom("customerId", "id", (row: { customerId?: unknown }) => row?.customerId),
    date: fc.constantFrom("date", "day"),
    amount: fc.constantFrom("amount", "spend"),
    horizon: number,
    discountRate: number,
    seed: fc.integer({ min: -1, max: 5 }),
    k: fc.integer({ min: 0, max: 13 }),
    maxIterations: fc.integer({ min: -1, max: 30 }),
    standardErrors: fc.boolean(),
    timeZone: fc.constantFrom("UTC", "Asia/Shanghai", "Mars/Base"),
    holdoutLength: number,
    points: number,
    segment: fc.constantFrom("mass", "premium", "sports"),
    vehicles: fc.oneof(fc.integer({ min: -1, max: 40 }), fc.array(record, { maxLength: 4 })),
    serviceEvents: fc.array(record, { maxLength: 4 }),
    T: number,
  },
  { requiredKeys: [] },
);
const columns = fc.record(
  {
    frequency: fc.array(number, { maxLength: 4 }),
    recency: fc.array(number, { maxLength: 4 }),
    T: fc.array(number, { maxLength: 4 }),
    monetaryValue: fc.array(number, { maxLength: 4 }),
  },
  { requiredKeys: [] },
);
const argument = fc.oneof(
  { weight: 3, arbitrary: params },
  { weight: 3, arbitrary: fc.array(summary, { maxLength: 5 }) },
  { weight: 2, arbitrary: summary },
  { weight: 2, arbitrary: fc.array(record, { maxLength: 4 }) },
  { weight: 2, arbitrary: record },
  { weight: 3, arbitrary: options },
  { weight: 1, arbitrary: columns },
  { weight: 2, arbitrary: number },
  { weight: 1, arbitrary: date },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);

const functions: [string, (...args: unknown[]) => unknown][] = [];
for (const [name, value] of Object.entries(library)) {
  if (typeof value === "function" && !/^[A-Z]/.test(name)) {
    functions.push([name, value as (...args: unknown[]) => unknown]);
  } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [inner, member] of Object.entries(value)) {
      if (typeof member === "function" && !/^[A-Z]/.test(inner)) {
        functions.push([`${name}.${inner}`, member as (...args: unknown[]) => unknown]);
      }
    }
  }
}

const describeArgs = (args: unknown[]) => {
  try {
    return JSON.stringify(args, (_, value) =>
      typeof value === "number" && !Number.isFinite(value) ? String(value) : value,
    );
  } catch {
    return String(args);
  }
};

describe("fuzz: random and hostile arguments to every public function", () => {
  it("covers the public API", () => {
    expect(functions.length).toBeGreaterThan(120);
  });
  it.each(functions)("%s throws only AutoclvError", (name, call) => {
    fc.assert(
      fc.property(fc.array(argument, { maxLength: 4 }), (args) => {
        try {
          call(...args);
        } catch (error) {
          if (!(error instanceof AutoclvError)) {
            throw new Error(`${name}(${describeArgs(args)}) threw ${String(error)}`);
          }
        }
      }),
      { numRuns: 60, seed: 42 },
    );
  });
});
