// Issue 26: the invariants the domain states, checked on random inputs anywhere in the models' valid box
// (parameters log-uniform over 1e-10 … 1e10): bounds, monotonicity, conservation of money, row =
// batch, Date = civil day. The whole suite also runs under four time zones in CI (.ci/run), which makes every
// invariant here a time-zone invariant too.
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import {
  bgbb,
  bgcnbd,
  bgnbd,
  customerLifetimeValue,
  gammaGamma,
  mbgcnbd,
  mbgnbd,
  paretoNbd,
  psv,
  rfm,
  service,
  shiftedBetaGeometric,
  sumMoney,
} from "../../src/index.js";
import { SCALE } from "./harness.js";

// FUZZ_SCALE multiplies the runs, so the time a test may take too.
vi.setConfig({ testTimeout: 60_000 * SCALE });

const runs = (count: number) => ({ numRuns: count * SCALE, seed: 26 });
const inBox = fc.double({ min: -23, max: 23, noNaN: true }).map((x) => Math.min(1e10, Math.max(1e-10, Math.exp(x))));
const history = fc
  .tuple(
    fc.integer({ min: 0, max: 200 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0.5, max: 300, noNaN: true }),
  )
  .map(([x, share, T]) => ({ frequency: x, recency: x === 0 ? 0 : Math.max(1e-3, share * T), T }));
const horizon = fc.double({ min: 0.01, max: 500, noNaN: true });
const ROUNDING = 1e-9; // relative slack for rounding in sums and ratios

type Model = Record<string, (...args: never[]) => unknown>;
const continuous: [string, Model, fc.Arbitrary<object>][] = [
  ["bgnbd", bgnbd as never, fc.record({ r: inBox, alpha: inBox, a: inBox, b: inBox })],
  ["mbgnbd", mbgnbd as never, fc.record({ r: inBox, alpha: inBox, a: inBox, b: inBox })],
  ["paretoNbd", paretoNbd as never, fc.record({ r: inBox, alpha: inBox, s: inBox, beta: inBox })],
  [
    "bgcnbd",
    bgcnbd as never,
    fc.record({ k: fc.integer({ min: 1, max: 6 }), r: inBox, alpha: inBox, a: inBox, b: inBox }),
  ],
  [
    "mbgcnbd",
    mbgcnbd as never,
    fc.record({ k: fc.integer({ min: 1, max: 6 }), r: inBox, alpha: inBox, a: inBox, b: inBox }),
  ],
];

const call = (model: Model, name: string, ...args: unknown[]) => (model[name] as (...a: unknown[]) => number)(...args);

describe.each(continuous)("%s invariants", (_, model, params) => {
  it("P(alive) in [0, 1]; alive later no likelier than alive now", () => {
    fc.assert(
      fc.property(params, history, horizon, (p, customer, t) => {
        const alive = call(model, "probabilityAlive", p, customer);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        if (model.conditionalProbabilityAlive !== undefined) {
          const later = call(model, "conditionalProbabilityAlive", p, t, customer);
          expect(later).toBeGreaterThanOrEqual(0);
          expect(later).toBeLessThanOrEqual(alive * (1 + ROUNDING) + 1e-300);
        }
      }),
      runs(60),
    );
  });

  it("expectations are ≥ 0, 0 at t = 0 and non-decreasing in the horizon", () => {
    fc.assert(
      fc.property(params, history, horizon, (p, customer, t) => {
        expect(call(model, "expectedPurchases", p, 0)).toBe(0);
        const near = call(model, "expectedPurchases", p, t);
        const far = call(model, "expectedPurchases", p, 2 * t);
        expect(near).toBeGreaterThanOrEqual(0);
        expect(far).toBeGreaterThanOrEqual(near * (1 - ROUNDING));
        const conditionalNear = call(model, "conditionalExpectedPurchases", p, t, customer);
        const conditionalFar = call(model, "conditionalExpectedPurchases", p, 2 * t, customer);
        expect(conditionalNear).toBeGreaterThanOrEqual(0);
        expect(conditionalFar).toBeGreaterThanOrEqual(conditionalNear * (1 - ROUNDING));
      }),
      runs(40),
    );
  });

  it("P(X(t) = n) ≥ 0 and Σ over n ≤ 1", () => {
    fc.assert(
      fc.property(params, fc.double({ min: 0.01, max: 50, noNaN: true }), (p, t) => {
        let total = 0;
        for (let n = 0; n <= 30; n++) {
          const mass = call(model, "probabilityOfPurchases", p, t, n);
          expect(mass).toBeGreaterThanOrEqual(0);
          total += mass;
        }
        expect(total).toBeLessThanOrEqual(1 + 1e-9);
      }),
      runs(20),
    );
  });

  it("conditional P(X(t) = n | history) is a probability; DERT is finite and ≥ 0", () => {
    fc.assert(
      fc.property(params, history, horizon, fc.integer({ min: 0, max: 300 }), (p, customer, t, n) => {
        if (model.conditionalProbabilityOfPurchases !== undefined) {
          const mass = call(model, "conditionalProbabilityOfPurchases", p, t, n, customer);
          expect(mass >= 0 && mass <= 1).toBe(true);
        }
        if (model.discountedExpectedResidualTransactions !== undefined) {
          const dert = call(model, "discountedExpectedResidualTransactions", p, 0.01, customer);
          expect(Number.isFinite(dert) && dert >= 0).toBe(true);
        }
      }),
      runs(30),
    );
  });

  it("a batch gives what the rows give, row by row", () => {
    fc.assert(
      fc.property(params, fc.array(history, { minLength: 1, maxLength: 8 }), horizon, (p, customers, t) => {
        const alive = (model.probabilityAliveBatch as (...a: unknown[]) => { values: Float64Array })(p, customers);
        const expected = (model.conditionalExpectedPurchasesBatch as (...a: unknown[]) => { values: Float64Array })(
          p,
          t,
          customers,
        );
        customers.forEach((customer, index) => {
          expect(alive.values[index]).toBeCloseTo(call(model, "probabilityAlive", p, customer), 12);
          const single = call(model, "conditionalExpectedPurchases", p, t, customer);
          expect(Math.abs((expected.values[index] as number) - single)).toBeLessThanOrEqual(1e-9 * Math.max(1, single));
        });
      }),
      runs(20),
    );
  });
});

describe("BG/BB, sBG and Gamma-Gamma invariants", () => {
  const discrete = fc.tuple(fc.integer({ min: 1, max: 200 }), fc.nat(), fc.nat()).map(([n, a, b]) => {
    const recency = a % (n + 1);
    return { frequency: recency === 0 ? 0 : 1 + (b % recency), recency, periods: n };
  });
  const bgbbParams = fc.record({ alpha: inBox, beta: inBox, gamma: inBox, delta: inBox });

  it("BG/BB: P(alive) in [0, 1], 0 ≤ E[X(n*)] ≤ n*, monotone in n*, batch = rows", () => {
    fc.assert(
      fc.property(
        bgbbParams,
        fc.array(discrete, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 300 }),
        (p, customers, ahead) => {
          const batch = bgbb.probabilityAliveBatch(p, customers);
          customers.forEach((customer, index) => {
            const alive = bgbb.probabilityAlive(p, customer);
            expect(alive).toBeGreaterThanOrEqual(0);
            expect(alive).toBeLessThanOrEqual(1);
            expect(batch.values[index]).toBe(alive);
            const near = bgbb.conditionalExpectedPurchases(p, ahead, customer);
            const far = bgbb.conditionalExpectedPurchases(p, 2 * ahead, customer);
            expect(near).toBeGreaterThanOrEqual(0);
            expect(near).toBeLessThanOrEqual(ahead * (1 + ROUNDING));
            expect(far).toBeGreaterThanOrEqual(near * (1 - ROUNDING));
          });
        },
      ),
      runs(40),
    );
  });

  it("sBG: survival falls with time, retention and churn are probabilities", () => {
    fc.assert(
      fc.property(fc.record({ alpha: inBox, beta: inBox }), fc.integer({ min: 1, max: 400 }), (p, t) => {
        const now = shiftedBetaGeometric.survivalProbability(p, t);
        const next = shiftedBetaGeometric.survivalProbability(p, t + 1);
        expect(next).toBeLessThanOrEqual(now * (1 + ROUNDING));
        for (const value of [
          now,
          shiftedBetaGeometric.retentionRate(p, t),
          shiftedBetaGeometric.churnProbability(p, t),
        ]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }),
      runs(40),
    );
  });

  it("Gamma-Gamma: the conditional mean lies between the population mean and the customer's own", () => {
    fc.assert(
      fc.property(
        fc.record({ p: inBox, q: fc.double({ min: 1.01, max: 1e6, noNaN: true }), gamma: inBox }),
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0.01, max: 1e5, noNaN: true }),
        (p, x, m) => {
          const prior = gammaGamma.expectedSpend(p);
          const posterior = gammaGamma.conditionalExpectedSpend(p, { frequency: x, monetaryValue: m });
          expect(posterior).toBeGreaterThanOrEqual(Math.min(prior, m) * (1 - ROUNDING));
          expect(posterior).toBeLessThanOrEqual(Math.max(prior, m) * (1 + ROUNDING));
        },
      ),
      runs(60),
    );
  });
});

describe("money is conserved", () => {
  const bgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const spend = { p: 6.25, q: 3.74, gamma: 15.44 };

  it("CLV: the customers' rounded values add up exactly to the total", () => {
    fc.assert(
      fc.property(
        fc.array(history, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 104 }),
        (customers, weeks) => {
          const rows = customers.map((row) => ({ ...row, monetaryValue: row.frequency > 0 ? 20 + row.T : 0 }));
          const result = customerLifetimeValue({
            transactionModel: { model: "bgnbd", params: bgnbdParams },
            spendModel: { model: "gammaGamma", params: spend },
            customers: rows,
            horizon: weeks,
            timeUnit: "week",
            discountRate: 0.1,
          });
          expect(sumMoney(result.values).toString()).toBe(result.total.toString());
          for (const value of result.values) expect(value.isNegative()).toBe(false);
        },
      ),
      runs(20),
    );
  });

  const assumptions = psv.defaultAssumptions({ segment: "mass" }).assumptions;
  const day = fc.integer({ min: 17_000, max: 19_900 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
  const vehicle = fc.record({
    vehicleId: fc.nat(),
    deliveryDate: day,
    odometerKm: fc.integer({ min: 0, max: 300_000 }),
  });

  it("PSV: components add up to the total, realised + remaining = lifetime, a fleet is the sum of its vehicles", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(vehicle, { minLength: 1, maxLength: 12, selector: (v) => v.vehicleId }),
        (vehicles) => {
          const asOf = "2024-10-01";
          const rows = vehicles.map((v) => ({
            ...v,
            odometerDate: v.deliveryDate < "2024-09-01" ? "2024-09-01" : asOf,
          }));
          const batch = psv.scoreBatch(rows, assumptions, { asOf });
          let fleet = sumMoney([]);
          rows.forEach((row, index) => {
            if (batch.errors.some((error) => error.rowIndex === index)) return;
            const single = psv.score(row, assumptions, { asOf });
            expect(sumMoney(Object.values(single.components)).toString()).toBe(single.total.toString());
            expect(single.realised.plus(single.total).toString()).toBe(single.lifetime.toString());
            expect(Math.abs(single.total.toNumber() - (batch.total[index] as number))).toBeLessThanOrEqual(
              0.005 + 1e-9,
            );
            fleet = fleet.plus(single.total);
          });
          expect(batch.fleetTotal.toString()).toBe(fleet.toString());
        },
      ),
      runs(15),
    );
  });
});

describe("scores and dates", () => {
  it("RFM: every score within 1 … bins, and recency ranks the other way to days since the last purchase", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            daysSinceLastPurchase: fc.nat(2000),
            purchaseCount: fc.integer({ min: 1, max: 200 }),
            totalSpend: fc.integer({ min: 1, max: 1e6 }),
          }),
          { minLength: 2, maxLength: 40 },
        ),
        fc.integer({ min: 2, max: 5 }),
        (customers, bins) => {
          const scores = rfm.score(customers, { bins }) as unknown as { r: number; f: number; m: number }[];
          scores.forEach((score, index) => {
            for (const value of [score.r, score.f, score.m]) expect(value >= 1 && value <= bins).toBe(true);
            customers.forEach((other, j) => {
              if ((customers[index]?.daysSinceLastPurchase ?? 0) < other.daysSinceLastPurchase)
                expect(score.r).toBeGreaterThanOrEqual((scores[j] as { r: number }).r);
            });
          });
        },
      ),
      runs(20),
    );
  });

  it("a Date at any hour counts as its civil day in the zone asked for: nextDue agrees with the ISO day", () => {
    fc.assert(
      fc.property(fc.integer({ min: 16_000, max: 20_000 }), fc.integer({ min: 0, max: 86_399_999 }), (d, ms) => {
        const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
        const instant = new Date(d * 86_400_000 + ms);
        const fromDate = service.nextDue({ deliveryDate: instant }, {}, { timeZone: "UTC" });
        const fromString = service.nextDue({ deliveryDate: iso }, {}, { timeZone: "UTC" });
        expect(String(fromDate.dueByTime)).toBe(String(fromString.dueByTime));
      }),
      runs(40),
    );
  });
});

describe("fits on random small data stop within a fixed budget of likelihood evaluations", () => {
  const customers = fc.array(history, { minLength: 1, maxLength: 25 });
  const fits = [
    ["bgnbd", (data: never) => bgnbd.fit(data)],
    ["mbgnbd", (data: never) => mbgnbd.fit(data)],
    ["paretoNbd", (data: never) => paretoNbd.fit(data)],
    ["mbgcnbd (k = 2)", (data: never) => mbgcnbd.fit(data, { k: 2 })],
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
        runs(25),
      );
    });
  }
});
