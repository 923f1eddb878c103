import { describe, expect, it } from "vitest";
import { AutoclvError, assertConverged, bgnbd, ConvergenceError, InvalidInputError } from "../../src/index.js";
import {
  customerSummarySchema,
  discreteCustomerSummarySchema,
  serviceEventSchema,
  transactionSchema,
  validate,
  validateAll,
  validateEach,
  vehicleSchema,
} from "../../src/schemas/index.js";

function issueOf(run: () => unknown): InvalidInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error("expected an InvalidInputError");
}

describe("transactions", () => {
  it("parses dates as UTC and money exactly", () => {
    const parsed = validate(transactionSchema, { customerId: 7, date: "1997-01-01", amount: "29.33" }, "transaction");
    expect(parsed.date.toISOString()).toBe("1997-01-01T00:00:00.000Z");
    expect(parsed.amount?.toString()).toBe("29.33");
  });
  it("rejects impossible dates, garbage and missing ids with the field named", () => {
    expect(
      issueOf(() => validate(transactionSchema, { customerId: 1, date: "1997-02-30" }, "transaction")).message,
    ).toMatch(/date: is not a real calendar date/);
    expect(
      issueOf(() => validate(transactionSchema, { customerId: 1, date: "01/02/1997" }, "transaction")).message,
    ).toMatch(/ISO 8601/);
    expect(
      issueOf(() => validate(transactionSchema, { customerId: 1, date: new Date(Number.NaN) }, "transaction")).message,
    ).toMatch(/invalid Date/);
    expect(
      issueOf(() => validate(transactionSchema, { customerId: 1, date: "1997-01-01", amount: "1,5" }, "transaction"))
        .message,
    ).toMatch(/amount/);
    expect(
      issueOf(() => validate(transactionSchema, { customerId: "", date: "1997-01-01" }, "transaction")).message,
    ).toMatch(/customerId/);
  });
});

describe("customer summaries", () => {
  it("accept valid summaries", () => {
    expect(validate(customerSummarySchema, { frequency: 2, recency: 30.43, T: 38.86 }, "customer summary").T).toBe(
      38.86,
    );
    expect(
      validate(discreteCustomerSummarySchema, { frequency: 3, recency: 5, periods: 6, weight: 100 }, "summary").weight,
    ).toBe(100);
  });
  it("reject each impossible combination", () => {
    const bad = [
      [{ frequency: -1, recency: 0, T: 1 }, /frequency/],
      [{ frequency: 1.5, recency: 1, T: 2 }, /whole number/],
      [{ frequency: 1, recency: 3, T: 2 }, /recency: must not exceed T/],
      [{ frequency: 0, recency: 1, T: 2 }, /must be 0 when frequency is 0/],
      [{ frequency: 1, recency: 1, T: -1 }, /T: must be ≥ 0/],
      [{ frequency: 1, recency: Number.NaN, T: 1 }, /recency/],
      [{ frequency: 1, recency: 1, T: 2, weight: 0 }, /weight/],
    ] as const;
    for (const [row, pattern] of bad)
      expect(issueOf(() => validate(customerSummarySchema, row, "customer summary")).message).toMatch(pattern);
    expect(
      issueOf(() => validate(discreteCustomerSummarySchema, { frequency: 4, recency: 3, periods: 6 }, "s")).message,
    ).toMatch(/frequency: must not exceed recency/);
    expect(
      issueOf(() => validate(discreteCustomerSummarySchema, { frequency: 1, recency: 7, periods: 6 }, "s")).message,
    ).toMatch(/periods/);
  });
  it("batches report every bad row with its index, without aborting", () => {
    const rows = [
      { frequency: 1, recency: 1, T: 2 },
      { frequency: 1, recency: 3, T: 2 },
      { frequency: 0, recency: 0, T: 5 },
      "nope",
    ];
    const { values, errors } = validateEach(customerSummarySchema, rows, "customer summary");
    expect(values.map((value) => value !== undefined)).toEqual([true, false, true, false]);
    expect(errors.map((error) => error.rowIndex)).toEqual([1, 3]);
    const thrown = issueOf(() => validateAll(customerSummarySchema, rows, "customer summary"));
    expect(thrown.rowIndex).toBe(1);
    expect(thrown.message).toMatch(/at row 1: .*and 1 more invalid rows/);
  });
});

describe("vehicles and service events", () => {
  it("validate vehicles", () => {
    const vehicle = validate(
      vehicleSchema,
      {
        vehicleId: "V1",
        customerId: "C1",
        deliveryDate: "2021-05-01",
        odometerKm: 30000,
        odometerDate: "2023-05-01",
        segment: "premium",
      },
      "vehicle",
    );
    expect(vehicle.segment).toBe("premium");
    expect(
      issueOf(() =>
        validate(
          vehicleSchema,
          { vehicleId: "V1", customerId: "C1", deliveryDate: "2021-05-01", odometerKm: 10, odometerDate: "2020-01-01" },
          "vehicle",
        ),
      ).message,
    ).toMatch(/odometerDate: must not be before the delivery date/);
    expect(
      issueOf(() =>
        validate(
          vehicleSchema,
          { vehicleId: "V1", customerId: "C1", deliveryDate: "2021-05-01", odometerDate: "2022-01-01" },
          "vehicle",
        ),
      ).message,
    ).toMatch(/odometerKm: is required/);
    expect(
      issueOf(() =>
        validate(
          vehicleSchema,
          { vehicleId: "V1", customerId: "C1", deliveryDate: "2021-05-01", segment: "sports" },
          "vehicle",
        ),
      ).message,
    ).toMatch(/segment/);
  });
  it("validate service events: unknown types and negative amounts fail", () => {
    expect(
      validate(
        serviceEventSchema,
        { vehicleId: 1, date: "2022-01-01", type: "maintenance", revenue: "660.00" },
        "service event",
      ).revenue?.toString(),
    ).toBe("660");
    expect(
      issueOf(() =>
        validate(serviceEventSchema, { vehicleId: 1, date: "2022-01-01", type: "car-wash" }, "service event"),
      ).message,
    ).toMatch(/type/);
    expect(
      issueOf(() =>
        validate(
          serviceEventSchema,
          { vehicleId: 1, date: "2022-01-01", type: "repair", revenue: -5 },
          "service event",
        ),
      ).message,
    ).toMatch(/revenue: must not be negative/);
  });
});

describe("errors", () => {
  it("share a base class and stable codes", () => {
    const invalid = new InvalidInputError("thing", [{ code: "custom", path: ["a", 2, "b"], message: "bad" }], 4);
    expect(invalid).toBeInstanceOf(AutoclvError);
    expect(invalid.message).toBe("Invalid thing at row 4: a[2].b: bad");
    const fit = { converged: false, iterations: 500, message: "iteration limit reached", params: { r: 1 } };
    expect(() => assertConverged(fit, "BG/NBD fit")).toThrow(ConvergenceError);
    try {
      assertConverged(fit);
    } catch (error) {
      expect((error as ConvergenceError).code).toBe("CONVERGENCE");
      expect((error as ConvergenceError).fit).toBe(fit);
      expect((error as Error).message).toMatch(/did not converge after 500 iterations: iteration limit reached/);
    }
    expect(assertConverged({ converged: true, iterations: 12, message: "ok" }).iterations).toBe(12);
  });
});

describe("summary columns: one combined test per row, the first failed rule named", () => {
  const good = { frequency: [0, 2, 5], recency: [0, 10, 30], T: [40, 40, 40], weight: [1, 2, 3] };
  const cases: [string, Partial<Record<keyof typeof good, number[]>>, string, number][] = [
    ["frequency Infinity", { frequency: [0, Number.POSITIVE_INFINITY, 5] }, "frequency", 1],
    ["frequency NaN", { frequency: [0, 2, Number.NaN] }, "frequency", 2],
    ["fractional frequency", { frequency: [0.5, 2, 5] }, "frequency", 0],
    ["T Infinity", { T: [40, Number.POSITIVE_INFINITY, 40] }, "T", 1],
    ["recency above T", { recency: [0, 41, 30] }, "recency", 1],
    ["recency with no repeat purchases", { recency: [3, 10, 30] }, "recency", 0],
    ["weight 0", { weight: [1, 0, 3] }, "weight", 1],
    ["weight Infinity", { weight: [1, 2, Number.POSITIVE_INFINITY] }, "weight", 2],
  ];
  for (const [name, change, field, row] of cases) {
    it(`rejects ${name}: NaN and an error at that row only, the batch goes on`, () => {
      const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
      const { values, errors } = bgnbd.probabilityAliveBatch(params, { ...good, ...change });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(InvalidInputError);
      expect(errors[0]?.rowIndex).toBe(row);
      expect(errors[0]?.issues[0]?.path).toEqual([field]);
      values.forEach((value, index) => {
        if (index === row) expect(value).toBeNaN();
        else
          expect(value).toBe(
            bgnbd.probabilityAlive(params, {
              frequency: good.frequency[index] as number,
              recency: good.recency[index] as number,
              T: 40,
            }),
          );
      });
    });
  }
});
