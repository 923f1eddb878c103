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

// Parameters anywhere in the fits' search box: every parameter log-uniform over e^±18 (what a fit can return).
const inBox = fc.double({ min: -18, max: 18, noNaN: true }).map(Math.exp);
const customerHistory = fc
  .tuple(
    fc.integer({ min: 0, max: 500 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0.01, max: 500, noNaN: true }),
  )
  .map(([x, share, T]) => ({ frequency: x, recency: x === 0 ? 0 : share * T, T }));
const horizon = fc.double({ min: 0, max: 1000, noNaN: true });
const count = fc.integer({ min: 0, max: 300 });

/** Fails with the inputs when a result is not finite or not in [low, high]. */
function inRange(value: number, low: number, high: number, what: string, inputs: unknown): void {
  if (!(Number.isFinite(value) && value >= low && value <= high)) {
    throw new Error(`${what} = ${value}, not in [${low}, ${high}], for ${JSON.stringify(inputs)}`);
  }
}

const continuousModels = [
  ["bgnbd", library.bgnbd, fc.record({ r: inBox, alpha: inBox, a: inBox, b: inBox })],
  ["mbgnbd", library.mbgnbd, fc.record({ r: inBox, alpha: inBox, a: inBox, b: inBox })],
  ["paretoNbd", library.paretoNbd, fc.record({ r: inBox, alpha: inBox, s: inBox, beta: inBox })],
  [
    "bgcnbd",
    library.bgcnbd,
    fc.record({ k: fc.integer({ min: 1, max: 12 }), r: inBox, alpha: inBox, a: inBox, b: inBox }),
  ],
  [
    "mbgcnbd",
    library.mbgcnbd,
    fc.record({ k: fc.integer({ min: 1, max: 12 }), r: inBox, alpha: inBox, a: inBox, b: inBox }),
  ],
] as const;

describe("fuzz: valid customers and any parameters inside the fit box give finite answers in range", () => {
  for (const [name, model, params] of continuousModels) {
    const m = model as unknown as Record<string, (...args: unknown[]) => number>;
    it(`${name}: P(alive), expectations, P(X = n) and their conditional forms`, () => {
      fc.assert(
        fc.property(params, customerHistory, horizon, count, (p, customer, t, n) => {
          const inputs = { p, customer, t, n };
          inRange(m["probabilityAlive"]?.(p, customer) as number, 0, 1, "probabilityAlive", inputs);
          inRange(m["expectedPurchases"]?.(p, t) as number, 0, Number.MAX_VALUE, "expectedPurchases", inputs);
          inRange(
            m["conditionalExpectedPurchases"]?.(p, t, customer) as number,
            0,
            Number.MAX_VALUE,
            "conditionalExpectedPurchases",
            inputs,
          );
          inRange(m["probabilityOfPurchases"]?.(p, t, n) as number, 0, 1, "probabilityOfPurchases", inputs);
          if (m["conditionalProbabilityAlive"] !== undefined)
            inRange(m["conditionalProbabilityAlive"](p, t, customer), 0, 1, "conditionalProbabilityAlive", inputs);
          if (m["conditionalProbabilityOfPurchases"] !== undefined)
            inRange(
              m["conditionalProbabilityOfPurchases"](p, t, n, customer),
              0,
              1,
              "conditionalProbabilityOfPurchases",
              inputs,
            );
          if (m["discountedExpectedResidualTransactions"] !== undefined)
            inRange(
              m["discountedExpectedResidualTransactions"](p, 0.01, customer),
              0,
              Number.MAX_VALUE,
              "discountedExpectedResidualTransactions",
              inputs,
            );
        }),
        { numRuns: 150, seed: 7 },
      );
    });
  }
  it("bgbb: P(alive), expectations, P(X = n), DERT", () => {
    const bgbbHistory = fc
      .tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }))
      .map(([n, a, b]) => {
        const recency = Math.min(a, n);
        return { frequency: recency === 0 ? 0 : Math.max(1, Math.min(b, recency)), recency, periods: n };
      });
    fc.assert(
      fc.property(
        fc.record({ alpha: inBox, beta: inBox, gamma: inBox, delta: inBox }),
        bgbbHistory,
        fc.integer({ min: 0, max: 200 }),
        (p, customer, ahead) => {
          const inputs = { p, customer, ahead };
          const { bgbb } = library;
          inRange(bgbb.probabilityAlive(p, customer), 0, 1, "probabilityAlive", inputs);
          inRange(bgbb.expectedPurchases(p, ahead), 0, ahead, "expectedPurchases", inputs);
          inRange(bgbb.conditionalExpectedPurchases(p, ahead, customer), 0, ahead, "conditionalExpected", inputs);
          inRange(bgbb.probabilityOfPurchases(p, ahead, Math.min(ahead, 3)), 0, 1, "probabilityOfPurchases", inputs);
          inRange(bgbb.conditionalProbabilityAlive(p, ahead, customer), 0, 1, "conditionalProbabilityAlive", inputs);
          inRange(
            bgbb.discountedExpectedResidualTransactions(p, 0.1, customer),
            0,
            Number.MAX_VALUE,
            "discountedExpectedResidualTransactions",
            inputs,
          );
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
  it("shiftedBetaGeometric and gammaGamma", () => {
    fc.assert(
      fc.property(
        fc.record({ alpha: inBox, beta: inBox }),
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 1e-6, max: 2, noNaN: true }),
        (p, t, d) => {
          const { shiftedBetaGeometric: sbg } = library;
          const inputs = { p, t, d };
          inRange(sbg.churnProbability(p, t), 0, 1, "churnProbability", inputs);
          inRange(sbg.survivalProbability(p, t), 0, 1, "survivalProbability", inputs);
          inRange(sbg.retentionRate(p, t), 0, 1, "retentionRate", inputs);
          inRange(sbg.discountedExpectedLifetime(p, d), 0, Number.MAX_VALUE, "discountedExpectedLifetime", inputs);
          inRange(
            sbg.discountedExpectedResidualLifetime(p, d, t),
            0,
            Number.MAX_VALUE,
            "discountedExpectedResidualLifetime",
            inputs,
          );
        },
      ),
      { numRuns: 200, seed: 7 },
    );
    fc.assert(
      fc.property(
        fc.record({ p: inBox, q: inBox, gamma: inBox }),
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0.01, max: 1e5, noNaN: true }),
        (p, x, m) => {
          // The mean exists only where p·x + q > 1 (a typed error otherwise, tested elsewhere).
          fc.pre(p.p * x + p.q > 1);
          const value = library.gammaGamma.conditionalExpectedSpend(p, { frequency: x, monetaryValue: m });
          inRange(value, 0, Number.MAX_VALUE, "conditionalExpectedSpend", { p, x, m });
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe("fuzz: fits on random small data stop within a fixed budget of likelihood evaluations", () => {
  const customers = fc.array(customerHistory, { minLength: 1, maxLength: 25 });
  const fits = [
    ["bgnbd", (data: never) => library.bgnbd.fit(data)],
    ["mbgnbd", (data: never) => library.mbgnbd.fit(data)],
    ["paretoNbd", (data: never) => library.paretoNbd.fit(data)],
    ["mbgcnbd (k = 2)", (data: never) => library.mbgcnbd.fit(data, { k: 2 })],
  ] as const;
  for (const [name, fitModel] of fits) {
    it(`${name}: a finite likelihood, converged or a reason why not, and at most 5,000 evaluations`, () => {
      fc.assert(
        fc.property(customers, (rows) => {
          // A purchase history's Σ ln ITT: at most x·ln(t_x / x) (equal gaps); repeat purchases need t_x > 0.
          const data = rows.map((row) =>
            row.frequency > 0 && row.recency > 0
              ? { ...row, sumLogInterPurchaseTimes: row.frequency * Math.log(row.recency / row.frequency) }
              : { ...row, frequency: 0, recency: 0, sumLogInterPurchaseTimes: 0 },
          );
          const result = fitModel(data as never) as {
            logLikelihood: number;
            converged: boolean;
            message: string;
            evaluations: number;
          };
          if (!Number.isFinite(result.logLikelihood))
            throw new Error(`LL ${result.logLikelihood} for ${JSON.stringify(rows)}`);
          if (!result.converged && result.message === "") throw new Error("not converged without a reason");
          if (result.evaluations > 5000)
            throw new Error(`${result.evaluations} evaluations for ${JSON.stringify(rows)}`);
        }),
        { numRuns: 25, seed: 11 },
      );
    });
  }
});
