import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgbb, InvalidInputError } from "../../src/index.js";
import { relativeError } from "../helpers/high-precision.js";
import { readCsv } from "../helpers/reference-data.js";

// Fader, Hardie & Shang (2010), donations data: α 1.204, β 0.750, γ 0.657, δ 2.783, LL −33,225.6.
const published = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
const donations = readCsv("btyd_donations_rf_matrix_with_xstar.csv").map((row) => ({
  frequency: Number(row["x"]),
  recency: Number(row["t.x"]),
  periods: Number(row["n.cal"]),
  weight: Number(row["custs"]),
  holdout: Number(row["x.star"]),
}));

function logBetaDirect(a: number, b: number): number {
  // Independent of the library: ln B via the product form for a check on small arguments is overkill; use lgamma sums.
  const lgamma = (z: number): number => {
    // Lanczos (g = 7, n = 9): a different method from the library's Stirling recurrence.
    const c = [
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
      12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
    if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lgamma(1 - z);
    const x = z - 1;
    let sum = c[0]!;
    for (let i = 1; i < 9; i++) sum += c[i]! / (x + i);
    const t = x + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
  };
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

describe("BG/BB on the donations data (Fader, Hardie & Shang 2010)", () => {
  const fit = bgbb.fit(donations);
  it("reproduces the published estimates and log-likelihood", () => {
    expect(donations.reduce((sum, row) => sum + row.weight, 0)).toBe(11_104);
    expect(fit.converged).toBe(true);
    expect(fit.logLikelihood).toBeCloseTo(-33225.6, 1);
    expect(fit.params.alpha.toPrecision(3)).toBe("1.20");
    expect(fit.params.beta.toPrecision(3)).toBe("0.750");
    expect(fit.params.gamma.toPrecision(3)).toBe("0.657");
    expect(fit.params.delta.toPrecision(3)).toBe("2.78");
  });
  it("conditional expectations equal the period-by-period sum of P(alive) × E[p]", () => {
    const { alpha, beta, gamma, delta } = published;
    for (const row of donations) {
      const { frequency: x, recency: tx, periods: n } = row;
      const likelihood = Math.exp(bgbb.logLikelihood(published, [{ frequency: x, recency: tx, periods: n }]));
      let expected = 0;
      for (let k = 1; k <= 5; k++) {
        const aliveBranch = Math.exp(
          logBetaDirect(alpha + x, beta + n - x) -
            logBetaDirect(alpha, beta) +
            logBetaDirect(gamma, delta + n + k) -
            logBetaDirect(gamma, delta),
        );
        expected += ((alpha + x) / (alpha + beta + n)) * (aliveBranch / likelihood);
      }
      expect(relativeError(bgbb.conditionalExpectedPurchases(published, 5, row), expected)).toBeLessThan(1e-10);
    }
  });
  it("predicts the holdout total of the cohort within 3% (FHS report close agreement)", () => {
    const predicted = bgbb
      .conditionalExpectedPurchasesBatch(fit.params, 5, donations)
      .values.reduce((sum, value, index) => sum + value * donations[index]!.weight, 0);
    const actual = donations.reduce((sum, row) => sum + row.holdout, 0);
    expect(Math.abs(predicted - actual) / actual).toBeLessThan(0.03);
  });
  it("PMF sums to 1 and its mean is E[X(n)]; unconditional expectation has the γ = 1 limit", () => {
    let total = 0;
    let mean = 0;
    for (let x = 0; x <= 6; x++) {
      const probability = bgbb.probabilityOfPurchases(published, 6, x);
      total += probability;
      mean += x * probability;
    }
    expect(total).toBeCloseTo(1, 12);
    expect(mean).toBeCloseTo(bgbb.expectedPurchases(published, 6), 12);
    const atOne = bgbb.expectedPurchases({ ...published, gamma: 1 }, 6);
    expect(atOne).toBeCloseTo(bgbb.expectedPurchases({ ...published, gamma: 1 + 1e-6 }, 6), 5);
  });
  it("DERT is the discounted sum of expected future transactions", () => {
    const customer = { frequency: 4, recency: 5, periods: 6 };
    const d = 0.1;
    let sum = 0;
    let previous = 0;
    for (let k = 1; k <= 3000; k++) {
      const cumulative = bgbb.conditionalExpectedPurchases(published, k, customer);
      sum += (cumulative - previous) / (1 + d) ** k;
      previous = cumulative;
    }
    expect(relativeError(bgbb.discountedExpectedResidualTransactions(published, d, customer), sum)).toBeLessThan(1e-9);
  });
  it("P(alive) in [0, 1], expectations monotone, recovery from simulation", () => {
    const parameter = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
    fc.assert(
      fc.property(
        fc.record({ alpha: parameter, beta: parameter, gamma: parameter, delta: parameter }),
        fc.integer({ min: 1, max: 60 }),
        fc.nat(60),
        fc.nat(60),
        fc.integer({ min: 0, max: 50 }),
        (p, n, a, b, ahead) => {
          const tx = Math.min(a, n);
          const x = tx === 0 ? 0 : 1 + (b % tx);
          const alive = bgbb.probabilityAlive(p, { frequency: x, recency: tx, periods: n });
          expect(alive).toBeGreaterThanOrEqual(0);
          expect(alive).toBeLessThanOrEqual(1);
          const near = bgbb.conditionalExpectedPurchases(p, ahead, { frequency: x, recency: tx, periods: n });
          expect(
            bgbb.conditionalExpectedPurchases(p, ahead + 1, { frequency: x, recency: tx, periods: n }),
          ).toBeGreaterThanOrEqual(near);
        },
      ),
      { numRuns: 200 },
    );
    const truth = { alpha: 2, beta: 1.5, gamma: 0.8, delta: 3 };
    const simulated = bgbb.simulate(truth, 20_000, { seed: 4, periods: 8 });
    const recovered = bgbb.fit(simulated);
    for (const name of ["alpha", "beta", "gamma", "delta"] as const) {
      expect(Math.abs(recovered.params[name] - truth[name]), name).toBeLessThan(
        3.5 * (recovered.standardErrors?.[name] ?? Number.NaN),
      );
    }
  });
  it("rejects impossible patterns", () => {
    expect(() => bgbb.fit([{ frequency: 3, recency: 2, periods: 6 }])).toThrow(/frequency: must not exceed recency/);
    expect(() => bgbb.fit([{ frequency: 1, recency: 7, periods: 6 }])).toThrow(/recency: must not exceed periods/);
    expect(() => bgbb.conditionalExpectedPurchases(published, 1.5, { frequency: 1, recency: 1, periods: 2 })).toThrow(
      InvalidInputError,
    );
  });
});

describe("BG/BB batches over customers who share histories", () => {
  it("give each customer what the single-customer functions give, and NaN with an error for a bad row", () => {
    const params = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
    const customers = Array.from({ length: 400 }, (_, index) => {
      const periods = 5 + (index % 4);
      const recency = (index * 7) % (periods + 1);
      return { frequency: recency === 0 ? 0 : 1 + (index % recency), recency, periods };
    });
    customers[17] = { frequency: 3, recency: 2, periods: 6 }; // frequency above recency
    const alive = bgbb.probabilityAliveBatch(params, customers);
    const expected = bgbb.conditionalExpectedPurchasesBatch(params, 4, customers);
    expect(alive.errors.map((error) => error.rowIndex)).toEqual([17]);
    expect(expected.errors.map((error) => error.rowIndex)).toEqual([17]);
    customers.forEach((customer, index) => {
      if (index === 17) {
        expect(alive.values[index]).toBeNaN();
        expect(expected.values[index]).toBeNaN();
        return;
      }
      expect(alive.values[index]).toBe(bgbb.probabilityAlive(params, customer));
      expect(expected.values[index]).toBe(bgbb.conditionalExpectedPurchases(params, 4, customer));
    });
  });
});

describe("bgbb.summarizeTransactions and toPatterns: a log to the rf-matrix", () => {
  it("reproduces BTYD's discreteSimElog rf-matrix (walkthrough: calibration to 1977-01-01, yearly opportunities)", () => {
    const log = readCsv("btyd_discrete_sim_elog.csv");
    const rows = bgbb.summarizeTransactions(log, {
      customerId: "cust",
      date: "date",
      timeUnit: "year",
      calibrationEnd: "1977-01-01",
      observationEnd: "1983-01-01",
    });
    expect(rows).toHaveLength(10_000);
    expect(rows.every((row) => row.periods === 7 && row.holdoutPeriods === 6)).toBe(true);
    const patterns = bgbb.toPatterns(rows);
    // BTYD walkthrough: cal.rf.matrix[1:5,] = (0,0,7,2900), (1,1,7,933), (1,2,7,218), (2,2,7,489), (1,3,7,95).
    expect(patterns.slice(0, 5).map((row) => [row.frequency, row.recency, row.periods, row.weight])).toEqual([
      [0, 0, 7, 2900],
      [1, 1, 7, 933],
      [1, 2, 7, 218],
      [2, 2, 7, 489],
      [1, 3, 7, 95],
    ]);
    expect(patterns.reduce((sum, row) => sum + row.weight, 0)).toBe(10_000);
    const holdoutTotal = rows.reduce((sum, row) => sum + (row.holdoutFrequency as number), 0);
    const fromPatterns = patterns.reduce((sum, row) => sum + row.weight * (row.holdoutFrequency as number), 0);
    expect(fromPatterns).toBeCloseTo(holdoutTotal, 9);
    // The whole log: every transaction after the birth year is either a calibration or a holdout opportunity.
    const repeat = log.length - 10_000;
    expect(rows.reduce((sum, row) => sum + row.frequency, 0) + holdoutTotal).toBe(repeat);
  });

  it("counts calendar periods from the first purchase day, once per period, and leaves out customers without one", () => {
    const log = [
      { id: "a", day: "2023-01-31" },
      { id: "a", day: "2023-02-28" }, // still period 0 (less than a month after 31 January)
      { id: "a", day: "2023-03-01" }, // period 1
      { id: "a", day: "2023-03-20" }, // period 1 again: counts once
      { id: "a", day: "2023-06-30" }, // period 4
      { id: "b", day: "2023-06-15" }, // born less than a month before the end: left out
    ];
    const [row, ...rest] = bgbb.summarizeTransactions(log, {
      customerId: "id",
      date: "day",
      timeUnit: "month",
      calibrationEnd: "2023-07-01",
    });
    expect(rest).toHaveLength(0);
    expect(row).toEqual({ customerId: "a", firstPurchase: "2023-01-31", frequency: 2, recency: 4, periods: 5 });
    expect(() =>
      bgbb.summarizeTransactions([{ id: "a", day: "2023-02-30" }], {
        customerId: "id",
        date: "day",
        timeUnit: "month",
        calibrationEnd: "2023-07-01",
      }),
    ).toThrow(InvalidInputError);
    expect(() =>
      bgbb.summarizeTransactions(log, {
        customerId: "id",
        date: "day",
        timeUnit: "decade" as never,
        calibrationEnd: "2023-07-01",
      }),
    ).toThrow(/timeUnit/);
    expect(() => bgbb.toPatterns([{ frequency: 3, recency: 2, periods: 6 }])).toThrow(InvalidInputError);
  });
});
