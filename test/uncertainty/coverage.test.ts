// Issue 27: on data simulated from known parameters, 90% intervals from the fit's asymptotic normal cover the truth
// (the statistic at the true parameters, on the same customers) in 87–93% of 400 replications, for each model. The
// coverage table in README.md is this test's output, checked here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bgbb, bgnbd, gammaGamma, InvalidInputError, mbgnbd, paretoNbd, uncertainty } from "../../src/index.js";

const REPLICATIONS = 400;
const CUSTOMERS = 2000;
const DRAWS = 200;
const sum = (values: ArrayLike<number>) => Array.prototype.reduce.call(values, (a, b) => a + b, 0) as number;
// Customers acquired in four quarterly cohorts, observed for 13 to 52 weeks.
const T = Float64Array.from({ length: CUSTOMERS }, (_, i) => 13 * (1 + (i % 4)));

interface Scenario<P, D> {
  readonly simulate: (seed: number) => D;
  readonly draws: (data: D, seed: number) => uncertainty.ParamDraws<P>;
  readonly statistics: Readonly<Record<string, (params: P, data: D) => number>>;
  readonly truth: P;
}

/**
 * Draws from the fit's asymptotic normal, or — when the fit has no covariance (a maximum on a ridge towards a limit
 * of the model, as a Pareto/NBD with s and β → ∞) or a parameter too vague for it — a customer bootstrap, as the
 * error tells a user to do.
 */
let bootstrapped = 0;
function drawsOf<P extends object>(
  model: uncertainty.DrawableModel,
  fit: { params: P; covariance?: readonly (readonly number[])[] },
  data: unknown,
  seed: number,
): uncertainty.ParamDraws<P> {
  if (fit.covariance !== undefined) {
    try {
      return uncertainty.drawParams(model, fit, { draws: DRAWS, seed });
    } catch (error) {
      // A parameter too vague for the normal (log-scale SD > 3): the error says to bootstrap.
      if (!(error instanceof InvalidInputError)) throw error;
    }
  }
  bootstrapped += 1;
  return uncertainty.drawParams(model, fit, { method: "bootstrap", data, draws: DRAWS, seed });
}

/** The share of replications whose 90% interval holds the truth, per statistic. */
function coverage<P, D>(scenario: Scenario<P, D>): Record<string, number> {
  const covered: Record<string, number> = Object.fromEntries(Object.keys(scenario.statistics).map((name) => [name, 0]));
  for (let rep = 1; rep <= REPLICATIONS; rep++) {
    const data = scenario.simulate(rep);
    const draws = scenario.draws(data, rep);
    for (const [name, statistic] of Object.entries(scenario.statistics)) {
      const truth = statistic(scenario.truth, data);
      const { low, high } = uncertainty.interval(draws, (params) => statistic(params, data), { level: 0.9 });
      if (low <= truth && truth <= high) covered[name] = (covered[name] as number) + 1;
    }
  }
  return Object.fromEntries(Object.entries(covered).map(([name, count]) => [name, count / REPLICATIONS]));
}

type Summaries = { frequency: Float64Array; recency: Float64Array; T: Float64Array };

function continuousScenario<P extends object>(
  model: "bgnbd" | "mbgnbd" | "paretoNbd",
  truth: P,
  api: {
    simulate: (params: P, count: number, options: { seed: number; T: Float64Array }) => Summaries;
    fit: (data: Summaries) => { params: P; covariance?: readonly (readonly number[])[] };
    conditionalExpectedPurchasesBatch: (params: P, t: number, data: Summaries) => { values: Float64Array };
    expectedPurchases: (params: P, t: number) => number;
  },
): Scenario<P, Summaries> {
  return {
    truth,
    simulate: (seed) => {
      const { frequency, recency } = api.simulate(truth, CUSTOMERS, { seed, T });
      return { frequency, recency, T };
    },
    draws: (data, seed) => drawsOf(model, api.fit(data), data, seed),
    statistics: {
      "customers' expected purchases, next 52 weeks (Σ, P(alive)-based)": (params, data) =>
        sum(api.conditionalExpectedPurchasesBatch(params, 52, data).values),
      "a new customer's expected purchases in 52 weeks": (params) => api.expectedPurchases(params, 52),
    },
  };
}

const measured: Record<string, Record<string, number>> = {};
const check = (model: string, result: Record<string, number>) => {
  measured[model] = result;
  for (const [statistic, share] of Object.entries(result))
    console.log(`| ${model} | ${statistic} | ${(100 * share).toFixed(1)}% |`);
  for (const share of Object.values(result)) {
    expect(share).toBeGreaterThanOrEqual(0.87);
    expect(share).toBeLessThanOrEqual(0.93);
  }
};

describe("90% parameter intervals cover the truth in 87–93% of 400 replications", () => {
  it("BG/NBD", () => {
    check("BG/NBD", coverage(continuousScenario("bgnbd", { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, bgnbd)));
  }, 240_000);
  it("MBG/NBD", () => {
    check("MBG/NBD", coverage(continuousScenario("mbgnbd", { r: 0.525, alpha: 6.18, a: 0.891, b: 1.614 }, mbgnbd)));
  }, 240_000);
  it("Pareto/NBD", () => {
    check(
      "Pareto/NBD",
      coverage(continuousScenario("paretoNbd", { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }, paretoNbd)),
    );
  }, 480_000);
  it("BG/BB", () => {
    const truth = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
    type Discrete = { frequency: number[]; recency: number[]; periods: number[]; weight: number[] };
    // The customers grouped by pattern (x, t_x, n), as BG/BB data come: a statistic is then a weighted sum.
    const patterns = (customers: { frequency: Float64Array; recency: Float64Array; periods: Float64Array }) => {
      const counts = new Map<string, number>();
      customers.frequency.forEach((x, i) => {
        const key = `${x},${customers.recency[i]},${customers.periods[i]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      });
      const data: Discrete = { frequency: [], recency: [], periods: [], weight: [] };
      for (const [key, count] of counts) {
        const [x, tx, n] = key.split(",").map(Number) as [number, number, number];
        data.frequency.push(x);
        data.recency.push(tx);
        data.periods.push(n);
        data.weight.push(count);
      }
      return data;
    };
    check(
      "BG/BB",
      coverage<typeof truth, Discrete>({
        truth,
        simulate: (seed) => patterns(bgbb.simulate(truth, CUSTOMERS, { seed, periods: 6 })),
        draws: (data, seed) => drawsOf("bgbb", bgbb.fit(data), data, seed),
        statistics: {
          "customers' expected purchases, next 5 opportunities (Σ, P(alive)-based)": (params, data) =>
            sum(
              bgbb
                .conditionalExpectedPurchasesBatch(params, 5, data)
                .values.map((value, i) => value * (data.weight[i] as number)),
            ),
          "a new customer's expected purchases in 6 opportunities": (params) => bgbb.expectedPurchases(params, 6),
        },
      }),
    );
  }, 240_000);
  it("Gamma-Gamma CLV (BG/NBD × Gamma-Gamma, both fits' uncertainty)", () => {
    const truth = {
      transaction: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
      spend: { p: 6.25, q: 3.74, gamma: 15.44 },
    };
    type Customers = Summaries & { monetaryValue: Float64Array };
    const value = (params: typeof truth, data: Customers) => {
      const purchases = bgnbd.conditionalExpectedPurchasesBatch(params.transaction, 52, data).values;
      const spend = gammaGamma.conditionalExpectedSpendBatch(params.spend, data).values;
      let total = 0;
      for (let i = 0; i < purchases.length; i++) total += (purchases[i] as number) * (spend[i] as number);
      return total;
    };
    check(
      "Gamma-Gamma CLV",
      coverage<typeof truth, Customers>({
        truth,
        simulate: (seed) => {
          const { frequency, recency } = bgnbd.simulate(truth.transaction, CUSTOMERS, { seed, T });
          const { monetaryValue } = gammaGamma.simulate(truth.spend, frequency, { seed: seed + 1e6 });
          return { frequency, recency, T, monetaryValue };
        },
        draws: (data, seed) =>
          uncertainty.combineDraws({
            transaction: drawsOf("bgnbd", bgnbd.fit(data), data, seed),
            spend: drawsOf("gammaGamma", gammaGamma.fit(data), data, seed + 1e6),
          }),
        statistics: { "customers' value, next 52 weeks (Σ E[purchases] × E[spend])": value },
      }),
    );
  }, 240_000);
  it("is the table in README.md", () => {
    console.log(`bootstrapped: ${bootstrapped}`);
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const percent = (share: number | undefined) => (share === undefined ? "–" : `${(100 * share).toFixed(1)}%`);
    for (const [model, result] of Object.entries(measured)) {
      const [total, newCustomer] = Object.values(result);
      const row = new RegExp(`^\\| ${model}[^|]* \\| (.*) \\| (.*) \\|$`, "m").exec(readme);
      expect(row?.slice(1), model).toEqual([percent(total), percent(newCustomer)]);
    }
  });
});
