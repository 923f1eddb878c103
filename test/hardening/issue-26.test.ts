// Regression tests for issue 26 (hardening, round two): each repro of the issue, failing on the code before its fix.
import { describe, expect, it } from "vitest";
import { integratedCompletions, massRange, summedCompletions } from "../../src/clv/cnbd/expected-completions.js";
import {
  bgbb,
  bgcnbd,
  bgnbd,
  customerLifetimeValue,
  gammaGamma,
  generateDealerData,
  InvalidInputError,
  lifecycle,
  MoneyDecimal,
  mbgcnbd,
  paretoNbd,
  psv,
  service,
  shiftedBetaGeometric,
} from "../../src/index.js";
import { createRandomSource, sampleBeta, sampleBinomial, sampleGamma, samplePoisson } from "../../src/math/index.js";
import { allocateMoney } from "../../src/money/allocate-money.js";

describe("issue 26.1: (M)BG/CNBD-k expectations are never negative when a + b < 1", () => {
  const repro = { k: 2, r: 335, alpha: 3.4, a: 0.07, b: 0.6 };

  it("the repro: E[X(100)] was −427.6 (log|Γ| of a negative argument lost its sign)", () => {
    expect(bgcnbd.expectedPurchases(repro, 100)).toBeGreaterThan(0);
    const zeroRepeat = { frequency: 0, recency: 0, T: 20, sumLogInterPurchaseTimes: 0 };
    expect(bgcnbd.conditionalExpectedPurchases(repro, 100, zeroRepeat)).toBeGreaterThan(0);
  });

  it("E[X(t)] = Σ n P(X(t) = n) where a + b < 1 (an independent sum of the distribution)", () => {
    const params = { k: 2, r: 3, alpha: 3.4, a: 0.07, b: 0.6 };
    let mean = 0;
    let mass = 0;
    for (let n = 0; n < 400; n++) {
      const probability = bgcnbd.probabilityOfPurchases(params, 10, n);
      mean += n * probability;
      mass += probability;
    }
    expect(mass).toBeCloseTo(1, 9);
    expect(bgcnbd.expectedPurchases(params, 10)).toBeCloseTo(mean, 8);
  });

  it("≥ 0 and non-decreasing in the horizon over a grid with a + b from 0.1 to 5 (k 2–4), for both models", () => {
    let checked = 0;
    for (const model of [bgcnbd, mbgcnbd])
      for (const k of [2, 3, 4])
        for (const r of [0.5, 50, 335])
          for (const alpha of [3.4, 50])
            for (const a of [0.05, 0.3, 3])
              for (const b of [0.05, 0.6, 2]) {
                let previous = 0;
                for (const t of [1, 10, 100, 1000]) {
                  const value = model.expectedPurchases({ k, r, alpha, a, b }, t);
                  expect(value).toBeGreaterThanOrEqual(previous * (1 - 1e-12));
                  previous = value;
                  checked += 1;
                }
              }
    expect(checked).toBe(1296);
  });
});

describe("issue 26.2: (M)BG/CNBD-k summaries that no purchase history can have are errors", () => {
  const rows = () =>
    Array.from(mbgcnbd.simulate({ k: 2, r: 1, alpha: 5, a: 0.5, b: 3 }, 200, { T: 52, seed: 3 }).frequency, () => ({
      frequency: 2,
      recency: 29,
      T: 52,
      sumLogInterPurchaseTimes: 2 * Math.log(29 / 2) - 0.3,
    }));

  it("Σ ln ITT above x·ln(t_x / x) names the row (a fit on it had LL +9,092.5 and 'converged')", () => {
    const data = rows();
    data[7] = { ...data[7]!, sumLogInterPurchaseTimes: 1e3 };
    const error = (() => {
      try {
        mbgcnbd.fit(data);
      } catch (caught) {
        return caught;
      }
    })() as InvalidInputError;
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.rowIndex).toBe(7);
    expect(error.message).toMatch(/sumLogInterPurchaseTimes: 1000 is more than x·ln\(recency \/ x\)/);
    // At the bound (equal gaps) it is accepted.
    data[7] = { ...data[7]!, sumLogInterPurchaseTimes: 2 * Math.log(29 / 2) };
    expect(() => mbgcnbd.logLikelihood({ k: 2, r: 1, alpha: 5, a: 0.5, b: 3 }, data)).not.toThrow();
  });

  it("a numeric string is not a number, and a short column beside long ones is an error, not ignored", () => {
    const data = rows() as { sumLogInterPurchaseTimes: unknown }[];
    data[0] = { ...data[0]!, sumLogInterPurchaseTimes: "1e3" };
    expect(() => mbgcnbd.fit(data as never)).toThrow(/row 0: sumLogInterPurchaseTimes/);
    const columns = {
      frequency: new Float64Array(200).fill(2),
      recency: new Float64Array(200).fill(29),
      T: new Float64Array(200).fill(52),
      sumLogInterPurchaseTimes: [5],
    };
    const params = { k: 2, r: 1, alpha: 5, a: 0.5, b: 3 };
    expect(() => bgcnbd.probabilityAliveBatch(params, columns)).toThrow(
      /sumLogInterPurchaseTimes: has 1 values but frequency has 200/,
    );
    expect(() =>
      bgcnbd.probabilityAliveBatch(params, {
        ...columns,
        sumLogInterPurchaseTimes: undefined as never,
        monetaryValue: [1, 2],
      } as never),
    ).toThrow(/monetaryValue: has 2 values/);
  });
});

describe("issue 26.3: BG/BB conditional expectations are finite over the fit box", () => {
  const repro = { alpha: 114.05, beta: 2.4e-6, gamma: 290_028, delta: 8.6e-8 };
  const customer = { frequency: 85, recency: 86, periods: 86 };

  it("the repro was NaN (e^802 × e^−810 in floats): now P(alive) × the periods a live customer buys in", () => {
    const value = bgbb.conditionalExpectedPurchases(repro, 10, customer);
    expect(Number.isFinite(value)).toBe(true);
    // Alive with P(alive) ≈ 3e-4, buying in nearly every one of 10 periods while alive: at most P(alive) × 10.
    const alive = bgbb.probabilityAlive(repro, customer);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThanOrEqual(alive * 10);
    expect(bgbb.conditionalExpectedPurchasesBatch(repro, 10, [customer]).values[0]).toBe(value);
  });

  it("finite, ≥ 0 and P(alive) in [0, 1] on 5,000 draws over shapes 1e-6 … 1e6 (1.5% were NaN)", () => {
    let state = 7;
    const uniform = () => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    };
    const logUniform = (low: number, high: number) => Math.exp(Math.log(low) + uniform() * Math.log(high / low));
    for (let draw = 0; draw < 5000; draw++) {
      const params = {
        alpha: logUniform(1e-6, 1e6),
        beta: logUniform(1e-6, 1e6),
        gamma: logUniform(1e-6, 1e6),
        delta: logUniform(1e-8, 1e6),
      };
      const n = 1 + Math.floor(uniform() * 100);
      const x = Math.floor(uniform() * (n + 1));
      const history = { frequency: x, recency: x === 0 ? 0 : x + Math.floor(uniform() * (n - x + 1)), periods: n };
      const value = bgbb.conditionalExpectedPurchases(params, 1 + Math.floor(uniform() * 50), history);
      const alive = bgbb.probabilityAlive(params, history);
      expect(Number.isFinite(value) && value >= 0, JSON.stringify({ params, history })).toBe(true);
      expect(alive >= 0 && alive <= 1).toBe(true);
    }
  });

  it("a customer value that is not a number is a typed error naming the row, not a SyntaxError from BigInt", () => {
    expect(() => allocateMoney([1, Number.NaN], {}, true, "customer lifetime value")).toThrow(InvalidInputError);
    expect(() => allocateMoney([1, Number.POSITIVE_INFINITY])).toThrow(/row 1 is Infinity/);
    const value = customerLifetimeValue({
      transactionModel: { model: "bgbb", params: repro },
      customers: [customer],
      horizon: 10,
      timeUnit: "week",
      spendModel: { fixedSpend: 30 },
      discountRate: 0,
      margin: 1,
    } as never);
    expect(Number.isFinite(value.raw[0])).toBe(true);
  });
});

describe("issue 26.4: a Date counts as its civil day, in the zone asked for", () => {
  it("a Date after 12:00 UTC gives the due date of the same day as a string; nextDue takes a timeZone", () => {
    const afternoon = service.nextDue({ deliveryDate: new Date("2024-01-10T15:00:00Z") });
    expect(afternoon.dueDate.toISOString()).toBe(service.nextDue({ deliveryDate: "2024-01-10" }).dueDate.toISOString());
    const late = { deliveryDate: new Date("2023-01-10T20:00:00Z") };
    expect(service.status(late, {}, { asOf: "2024-06-30" }).daysOverdue).toBe(
      service.status({ deliveryDate: "2023-01-10" }, {}, { asOf: "2024-06-30" }).daysOverdue,
    );
    // 20:00 UTC is 04:00 the next day in Shanghai: delivered on the 11th there.
    const shanghai = service.nextDue(late, {}, { timeZone: "Asia/Shanghai" });
    expect(shanghai.dueDate.toISOString()).toBe(service.nextDue({ deliveryDate: "2023-01-11" }).dueDate.toISOString());
    expect(() => service.nextDue(late, {}, { timezone: "UTC" } as never)).toThrow(/timezone/);
  });
});

describe("issue 26.5: psv.scoreBatch agrees with psv.score, and its fleet total is the vehicles' sum", () => {
  const assumptions = psv.defaultAssumptions({ segment: "mass" }).assumptions;
  const asOf = "2024-10-01";
  let state = 3;
  const uniform = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  const vehicles = Array.from({ length: 800 }, (_, index) => {
    const delivery = 19_000 + Math.floor(uniform() * 900);
    const read = Math.min(delivery + 30 + Math.floor(uniform() * 200), 19_990);
    const reading = uniform() < 0.5 && read > delivery;
    return {
      vehicleId: index,
      deliveryDate: iso(delivery),
      ...(reading ? { odometerKm: Math.floor(uniform() * 90_000), odometerDate: iso(read) } : {}),
    };
  });

  it("every row's total within half a cent of psv.score's (70 of 800 were up to a cent off)", () => {
    const batch = psv.scoreBatch(vehicles, assumptions, { asOf });
    let cents = 0;
    vehicles.forEach((vehicle, index) => {
      const single = psv.score(vehicle, assumptions, { asOf });
      expect(Math.abs(single.total.toNumber() - (batch.total[index] as number))).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(single.realised.plus(single.total).toString()).toBe(single.lifetime.toString());
      cents += Math.round(single.total.toNumber() * 100);
    });
    expect(batch.fleetTotal.toFixed(2)).toBe((cents / 100).toFixed(2));
  });

  it("a duplicated vehicle id is an error row, not counted twice", () => {
    const once = psv.scoreBatch(vehicles.slice(0, 3), assumptions, { asOf });
    const twice = psv.scoreBatch([...vehicles.slice(0, 3), vehicles[1]!], assumptions, { asOf });
    expect(twice.fleetTotal.toString()).toBe(once.fleetTotal.toString());
    expect(twice.errors.map((error) => error.rowIndex)).toEqual([3]);
    expect(twice.errors[0]!.message).toMatch(/duplicate vehicle 1 \(row 1\)/);
    expect(Number.isNaN(twice.total[3] as number)).toBe(true);
  });
});

describe("issue 26.8: the same input, the same rule everywhere", () => {
  const bgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const clv = (fixedSpend: unknown) =>
    customerLifetimeValue({
      transactionModel: { model: "bgnbd", params: bgnbdParams },
      spendModel: { fixedSpend } as never,
      customers: [{ frequency: 2, recency: 20, T: 30 }],
      horizon: 52,
      timeUnit: "week",
      discountRate: 0,
      margin: 1,
    }).total.toString();

  it('CLV\'s fixedSpend is an amount like every other: 30, "30" and a Decimal agree; "abc" names it', () => {
    expect(clv("30")).toBe(clv(30));
    expect(clv(new MoneyDecimal("30"))).toBe(clv(30));
    expect(() => clv("abc")).toThrow(/fixedSpend must be an amount ≥ 0, got abc/);
  });

  it("a lifecycle customer with two vehicles of one id is an error naming the second", () => {
    const customer = {
      customerId: "C",
      vehicles: [
        { vehicleId: "V", deliveryDate: "2022-01-01" },
        { vehicleId: "V", deliveryDate: "2023-01-01" },
      ],
    };
    expect(() => lifecycle.classify(customer, { asOf: "2024-01-01" })).toThrow(/vehicles\[1\]\.vehicleId: duplicate/);
    const batch = lifecycle.classifyBatch([customer], { asOf: "2024-01-01" });
    expect(batch.errors.map((error) => error.rowIndex)).toEqual([0]);
  });

  it("bgbb batches reject null like every model; a gamma or beta draw with a shape ≤ 0 or ∞ is NaN, not a hang", () => {
    expect(() => bgbb.probabilityAliveBatch({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, null as never)).toThrow(
      InvalidInputError,
    );
    const random = createRandomSource(1);
    for (const shape of [Number.NEGATIVE_INFINITY, -1, 0, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(sampleGamma(random, shape)).toBeNaN();
      expect(sampleBeta(random, shape, 1)).toBeNaN();
    }
    expect(sampleBeta(random, 0.5, 2)).toBeGreaterThan(0);
  });

  it("sBG survivors over 1e15 periods are a typed error naming the limit (a RangeError before)", () => {
    expect(() => shiftedBetaGeometric.projectSurvivors({ alpha: 1, beta: 1 }, 1000, 1e15)).toThrow(
      /periods: must be at most 10,000,000/,
    );
    expect(shiftedBetaGeometric.projectSurvivors({ alpha: 1, beta: 1 }, 1000, 3).length).toBe(4);
  });
});

describe("issue 26.6: work bounded by the answer, not by the counts the input makes huge", () => {
  it("Pareto/NBD simulate at α = 1e-6 draws tens of millions of purchases whole (it took 13.9 s for 3 customers)", () => {
    const simulated = paretoNbd.simulate({ r: 0.5, alpha: 1e-6, s: 0.6, beta: 11.67 }, 3, {
      seed: 1,
      T: 39,
      holdout: 39,
    });
    for (let customer = 0; customer < 3; customer++) {
      expect(Number.isInteger(simulated.frequency[customer])).toBe(true);
      expect(simulated.recency[customer]).toBeLessThanOrEqual(39);
    }
    expect(Math.max(...simulated.frequency)).toBeGreaterThan(1e6);
  });

  it("heavy buyers drawn whole have the model's mean count and recency", () => {
    const params = { r: 400, alpha: 1, s: 1, beta: 2 };
    const simulated = paretoNbd.simulate(params, 4000, { seed: 2, T: 5 });
    const counts = Array.from(simulated.frequency);
    const mean = counts.reduce((sum, x) => sum + x, 0) / counts.length;
    const sd = Math.sqrt(counts.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (counts.length - 1));
    expect(Math.abs(mean - paretoNbd.expectedPurchases(params, 5))).toBeLessThan((3 * sd) / Math.sqrt(counts.length));
    // Alive through T with n purchases: the last at T·U^(1/n), mean T·n/(n + 1).
    let ratio = 0;
    let alive = 0;
    counts.forEach((n, customer) => {
      if (simulated.aliveAtT[customer] !== 1) return;
      ratio += (simulated.recency[customer] as number) / 5 / (n / (n + 1));
      alive += 1;
    });
    expect(ratio / alive).toBeCloseTo(1, 3);
  });

  it("Poisson and binomial draws: exact means and variances at any size", () => {
    const random = createRandomSource(5);
    for (const mean of [0.5, 20, 1e6, 1e12]) {
      const draws = Array.from({ length: 20_000 }, () => samplePoisson(random, mean));
      const average = draws.reduce((sum, x) => sum + x, 0) / draws.length;
      const variance = draws.reduce((sum, x) => sum + (x - average) ** 2, 0) / (draws.length - 1);
      expect(Math.abs(average - mean)).toBeLessThan(4 * Math.sqrt(mean / draws.length));
      expect(variance / mean).toBeGreaterThan(0.95);
      expect(variance / mean).toBeLessThan(1.05);
    }
    const binomial = Array.from({ length: 20_000 }, () => sampleBinomial(random, 1000, 0.3));
    expect(Math.abs(binomial.reduce((sum, x) => sum + x, 0) / 20_000 - 300)).toBeLessThan(4 * Math.sqrt(210 / 20_000));
    expect(samplePoisson(random, -1)).toBeNaN();
    expect(sampleBinomial(random, 1.5, 0.5)).toBeNaN();
  });
});

describe("issue 26.7: absurd assumptions are typed errors, not DecimalErrors or hangs", () => {
  const mass = psv.defaultAssumptions({ segment: "mass" }).assumptions;
  const vehicles = [{ vehicleId: "V", customerId: "C", deliveryDate: "2022-01-01" }];
  const assess = (assumptions: psv.PsvAssumptions) =>
    psv.assessCustomers({ vehicles, serviceEvents: [], asOf: "2024-01-01", assumptions });

  it("a maintenance ticket of 1e300 (assess threw an untyped DecimalError) and an interval of 1e-300 months", () => {
    expect(() => assess({ ...mass, maintenanceValue: 1e300 })).toThrow(/maintenanceValue: must be at most 1e\+12/);
    expect(() => psv.score(vehicles[0]!, { ...mass, maintenanceValue: 1e300 }, { asOf: "2024-01-01" })).toThrow(
      InvalidInputError,
    );
    expect(() => assess({ ...mass, serviceIntervalMonths: 1e-300 })).toThrow(
      /serviceIntervalMonths: must be from 0.25/,
    );
    // A km limit of 1e9 still means "no km limit".
    expect(assess({ ...mass, horizonKm: 1e9 }).errors).toEqual([]);
  });
});

describe("issue 26.6 (rest): counts of a billion summed by quadrature, horizons and periods bounded", () => {
  it("(M)BG/CNBD-k E[X(t)] at α = 1.6e-8 and at t = 1e8 (> 20 s before): finite, ≥ 0 and monotone in t", () => {
    for (const model of [bgcnbd, mbgcnbd]) {
      const tiny = model.expectedPurchases({ k: 2, r: 1, alpha: 1.6e-8, a: 1, b: 1 }, 10);
      const longer = model.expectedPurchases({ k: 2, r: 1, alpha: 1.6e-8, a: 1, b: 1 }, 20);
      expect(tiny).toBeGreaterThan(15);
      expect(longer).toBeGreaterThan(tiny);
      const far = model.expectedPurchases({ k: 2, r: 1, alpha: 3, a: 0.5, b: 1 }, 1e8);
      expect(far).toBeGreaterThan(model.expectedPurchases({ k: 2, r: 1, alpha: 3, a: 0.5, b: 1 }, 1e7));
      const conditional = model.conditionalExpectedPurchases({ k: 3, r: 2, alpha: 1e-7, a: 0.3, b: 2 }, 52, {
        frequency: 4,
        recency: 30,
        T: 40,
        sumLogInterPurchaseTimes: 4 * Math.log(30 / 4) - 0.5,
      });
      expect(Number.isFinite(conditional) && conditional > 0).toBe(true);
    }
  });

  it("the quadrature over blocks agrees with the mass-by-mass sum to 1e-9 where both run", () => {
    const cases = [
      [2, 1, 1, 2e5, 0.5, 1, 0],
      [3, 0.3, 1, 5e5, 2, 0.7, 1],
      [1, 50, 10, 3e5, 0.07, 0.6, 0],
      [4, 2000, 100, 3e6, 1, 3, 2],
      [100, 5, 1, 1e4, 0.3, 2, 50],
      [7, 1e5, 1e3, 1e4, 0.01, 0.01, 3],
    ] as const;
    for (const [k, shape, alphaT, t, a, b0, phase] of cases) {
      const count = {
        shape,
        logQ: Math.log(alphaT) - Math.log(alphaT + t),
        logOneMinusQ: Math.log(t) - Math.log(alphaT + t),
      };
      const range = massRange(count);
      const summed = summedCompletions(k, count, a, b0, phase, range);
      const integrated = integratedCompletions(k, count, a, b0, phase, range);
      expect(Math.abs(integrated / summed - 1)).toBeLessThan(1e-9);
    }
  });

  it("BG/BB P(alive) sums only the terms that count: 1e7 opportunities answer, more are a typed error", () => {
    const params = { alpha: 1e-6, beta: 1, gamma: 1e-6, delta: 1 };
    const alive = bgbb.probabilityAlive(params, { frequency: 0, recency: 0, periods: 10_000_000 });
    expect(alive).toBeGreaterThan(0.99);
    expect(alive).toBeLessThanOrEqual(1);
    // Fast-decaying terms stop early (x = 5 of 1e8 needs a few hundred of them).
    expect(
      bgbb.probabilityAlive({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, { frequency: 5, recency: 20, periods: 1e7 }),
    ).toBeGreaterThan(0);
    expect(() => bgbb.probabilityAlive(params, { frequency: 0, recency: 0, periods: 1e8 })).toThrow(
      /periods: must be a whole number from 1 to 10,000,000/,
    );
  });

  it("tracking curves and CLV horizons that would take hours are typed errors naming the limit", () => {
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(() => bgnbd.expectedCumulativeTransactions(params, [38, 30], 78, 541_670)).toThrow(
      /periods: must be a whole number from 1 to 100,000/,
    );
    const manyBirths = Array.from({ length: 5000 }, (_, index) => index / 100);
    expect(() => bgnbd.expectedCumulativeTransactions(params, manyBirths, 78, 78)).toThrow(/distinct birth days/);
    const costly = { k: 2, r: 1.33, alpha: 0.00281, a: 1, b: 0.79 };
    expect(() => bgcnbd.expectedCumulativeTransactions(costly, [38, 30, 20], 78, 5000)).toThrow(/at these parameters/);
    expect(() =>
      customerLifetimeValue({
        transactionModel: { model: "bgnbd", params },
        spendModel: { model: "gammaGamma", params: { p: 6.25, q: 3.74, gamma: 15.44 } },
        customers: [{ frequency: 2, recency: 30, T: 38, monetaryValue: 20 }],
        horizon: 1e7,
        timeUnit: "week",
        discountRate: 0.1,
      }),
    ).toThrow(/horizon: × stepsPerTimeUnit is 10000000 steps, more than 20,000/);
  });

  it("heavy spenders and big cohorts are drawn whole: Gamma-Gamma sums in one draw, sBG lifetimes are geometric", () => {
    const spend = gammaGamma.simulate({ p: 6.25, q: 3.74, gamma: 15.44 }, [5_000_000, 2], { seed: 3 });
    expect(Number.isFinite(spend.monetaryValue[0])).toBe(true);
    expect(() => gammaGamma.simulate({ p: 6.25, q: 3.74, gamma: 15.44 }, [1e8], { seed: 3 })).toThrow(
      /frequency: must be a whole number from 0 to 10,000,000/,
    );
    const params = { alpha: 0.704, beta: 1.182 };
    const cohort = 200_000;
    const { survivors } = shiftedBetaGeometric.simulate(params, cohort, { seed: 4, periods: 12 });
    survivors.forEach((alive, t) => {
      const expected = cohort * shiftedBetaGeometric.survivalProbability(params, t);
      expect(Math.abs(alive - expected)).toBeLessThan(5 * Math.sqrt(expected) + 1);
    });
    expect(() => shiftedBetaGeometric.simulate(params, 1e12, { seed: 4, periods: 12 })).toThrow(/1,000,000/);
  });
});

describe("issue 26.7 (rest): parameters outside the models' box and covariates in the wrong unit", () => {
  it("Pareto/NBD r = MAX_VALUE (P(alive) NaN) and BG/NBD b = 1e15 (P(alive) 1.0014) are typed errors", () => {
    const customer = { frequency: 2, recency: 5, T: 10 };
    expect(() => paretoNbd.probabilityAlive({ r: Number.MAX_VALUE, alpha: 1, s: 1, beta: 1 }, customer)).toThrow(
      /r: must be a number from 1e-10 to 1e10/,
    );
    expect(() => bgnbd.probabilityAlive({ r: 1, alpha: 1, a: 1, b: 1e15 }, customer)).toThrow(InvalidInputError);
    // The edges of the box answer, in [0, 1].
    for (const b of [1e-10, 1e10]) {
      const alive = bgnbd.probabilityAlive({ r: 1, alpha: 1, a: 1, b }, customer);
      expect(alive >= 0 && alive <= 1).toBe(true);
    }
  });

  it("a covariate of 1e15 gives a typed error naming the linear predictor, not a parameter of Infinity", () => {
    const params = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67, covariates: { transaction: { income: 1 } } };
    const customer = { frequency: 2, recency: 5, T: 10, covariates: { income: 1e15 } };
    expect(() => paretoNbd.probabilityAlive(params, customer)).toThrow(/transaction linear predictor .* within ±23/);
    const batch = paretoNbd.probabilityAliveBatch(params, [customer, { ...customer, covariates: { income: 0.5 } }]);
    expect(batch.errors.map((error) => error.rowIndex)).toEqual([0]);
    expect(Number.isNaN(batch.values[0])).toBe(true);
    expect(batch.values[1]).toBeGreaterThan(0);
  });

  it("b + x − 1 + s is summed integers first: Σ P(X = n) ≤ 1 at b = 1.6e-8 (it was 1 + 3.4e-9)", () => {
    const params = { k: 1, r: 1, alpha: 1, a: 1, b: 1.6247516609890743e-8 };
    let total = 0;
    for (let n = 0; n <= 30; n++) total += mbgcnbd.probabilityOfPurchases(params, 0.01, n);
    expect(total).toBeLessThanOrEqual(1 + 1e-12);
    expect(mbgcnbd.probabilityOfPurchases(params, 0.01, 0)).toBeLessThanOrEqual(1);
  });
});

describe("issue 26.8 and 26.9: no misleading errors, no heap aborts", () => {
  it("psv.calibrate with vehicles but no events gives the defaults' assumptions, not an assumptions error", () => {
    const result = psv.calibrate({
      vehicles: [{ vehicleId: "V1", customerId: "C1", deliveryDate: "2020-01-01" }],
      serviceEvents: [],
      asOf: "2024-06-01",
    });
    expect(result.assumptions.maintenanceValue).toBeGreaterThan(0);
  });

  it("inputs that would not fit the heap are refused up front with the size, not a V8 abort", () => {
    expect(() => generateDealerData({ vehicles: 5_000_000, seed: 1 })).toThrow(/from 0 to 2,000,000 .*1.5 kB/);
    expect(() => paretoNbd.simulate({ r: 0.55, alpha: 10.6, s: 0.6, beta: 11.7 }, 1e9, { seed: 1, T: 39 })).toThrow(
      /count: must be a whole number from 0 to 1,000,000/,
    );
    expect(() =>
      bgbb.simulate({ alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 }, 1000, { seed: 1, periods: 1e9 }),
    ).toThrow(/at most 100,000,000 opportunities/);
  });
});

describe("issue 26: what the tenfold fuzz found at the edges of the box", () => {
  it("BG/NBD E[X] near a = 1 with a large b rises with t (c/(a − 1) scaled rounding into 15% errors)", () => {
    const params = { r: 1, alpha: 1, a: 0.999999, b: 54_589_086.566 };
    const customer = { frequency: 0, recency: 0, T: 0.5 };
    const near = bgnbd.conditionalExpectedPurchases(params, 0.01, customer);
    const far = bgnbd.conditionalExpectedPurchases(params, 0.02, customer);
    const atOne = bgnbd.conditionalExpectedPurchases({ ...params, a: 1 }, 0.01, customer);
    expect(far).toBeGreaterThan(near);
    expect(Math.abs(near / atOne - 1)).toBeLessThan(1e-6);
  });

  it("BG/BB E[X(n*)] ≤ n* at γ = 1 − 1e-8 (it was 239 of 213), continuous through γ = 1", () => {
    const customer = { frequency: 0, recency: 0, periods: 1 };
    const at = (gamma: number) =>
      bgbb.conditionalExpectedPurchases({ alpha: 1, beta: 1, gamma, delta: 61_510.076 }, 213, customer);
    expect(at(0.99999999)).toBeLessThanOrEqual(213);
    expect(Math.abs(at(0.99999999) / at(1) - 1)).toBeLessThan(1e-7);
  });

  it("Σ P(X(t) = n) ≤ 1 at shapes of 1e8–1e9 (log-gamma noise carried it to 1 + 1.5e-9)", () => {
    const cases = [
      [bgnbd, { r: 103_597_684.8, alpha: 8_596_082_848.8, a: 1, b: 1 }],
      [paretoNbd, { r: 1_248_071_114.9, alpha: 1, s: 691_250_636.9, beta: 1 }],
    ] as const;
    for (const [model, params] of cases) {
      let total = 0;
      for (let n = 0; n <= 30; n++)
        total += (model.probabilityOfPurchases as (...a: unknown[]) => number)(params, 0.01, n);
      expect(total).toBeLessThanOrEqual(1 + 1e-12);
    }
  });
});
