// Regression tests for issue 13 items fixed so far: each failed on the code before the fix.
import { describe, expect, it } from "vitest";
import {
  bgbb,
  bgcnbd,
  bgnbd,
  customerLifetimeValue,
  gammaGamma,
  generateDealerData,
  InvalidInputError,
  lifecycle,
  mbgcnbd,
  mbgnbd,
  paretoNbd,
  psv,
  rfm,
  service,
  shiftedBetaGeometric,
  sumMoney,
  summarizeTransactions,
} from "../../src/index.js";
import { logBeta, logGamma } from "../../src/math/index.js";

describe("issue 13.1: psv.score follows assumptions edited in place", () => {
  it("rebuilds its value curve when the content changes, and validates the edit", () => {
    const { assumptions } = psv.defaultAssumptions({ segment: "mass" });
    const vehicle = { vehicleId: "V1", deliveryDate: "2022-01-01" };
    const before = psv.score(vehicle, assumptions, { asOf: "2024-01-01" }).total.toNumber();
    const edited = assumptions as { maintenanceValue: number };
    edited.maintenanceValue *= 10;
    const after = psv.score(vehicle, assumptions, { asOf: "2024-01-01" }).total.toNumber();
    const fresh = psv.score(vehicle, structuredClone(assumptions), { asOf: "2024-01-01" }).total.toNumber();
    expect(after).toBeGreaterThan(before);
    expect(after).toBe(fresh);
    edited.maintenanceValue = -5;
    expect(() => psv.score(vehicle, assumptions, { asOf: "2024-01-01" })).toThrow(InvalidInputError);
  });
});

describe("issue 13.5: sumMoney takes a list, not a string of digits", () => {
  it("rejects a bare string and sums a list of strings", () => {
    expect(() => sumMoney("100" as never)).toThrow(InvalidInputError);
    expect(() => sumMoney(null as never)).toThrow(InvalidInputError);
    expect(sumMoney(["100"]).toString()).toBe("100");
  });
});

describe("issue 13.4 and 13.6: fits on no data, bad options, and maxima that are not estimates", () => {
  const fits: [string, (data: never, options?: never) => unknown][] = [
    ["bgnbd", bgnbd.fit as never],
    ["mbgnbd", mbgnbd.fit as never],
    ["paretoNbd", paretoNbd.fit as never],
    ["bgcnbd", bgcnbd.fit as never],
    ["mbgcnbd", mbgcnbd.fit as never],
    ["bgbb", bgbb.fit as never],
    ["gammaGamma", gammaGamma.fit as never],
  ];
  it.each(fits)("%s.fit([]) is an InvalidInputError, not LL 0 and converged", (_, fitModel) => {
    expect(() => fitModel([] as never)).toThrow(InvalidInputError);
  });

  it("rejects maxIterations −1, a negative starting value and a misspelt option, naming the option", () => {
    const data = [{ frequency: 1, recency: 5, T: 10 }];
    expect(() => bgnbd.fit(data, { maxIterations: -1 })).toThrow(/maxIterations/);
    expect(() => bgnbd.fit(data, { initialParams: { r: -1 } })).toThrow(/initialParams/);
    expect(() => bgnbd.fit(data, { maxIteration: 5 } as never)).toThrow(/maxIteration/);
    expect(() => bgnbd.fit(data, { initialParams: { s: 1 } as never })).toThrow(
      /unknown parameter `s` \(parameters: r, alpha, a, b\)/,
    );
  });

  it("one customer: not converged, with the reason in words", () => {
    const fit = bgnbd.fit([{ frequency: 3, recency: 20, T: 30 }]);
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/not converged to estimates/);
    expect(fit.warnings.length).toBeGreaterThan(0);
  });

  it("identified fits still converge", () => {
    const fit = shiftedBetaGeometric.fit({ survivors: [1000, 631, 468, 382, 326, 289, 262, 241] });
    expect(fit.converged).toBe(true);
    expect(fit.warnings).toEqual([]);
  });
});

describe("issue 13.5: customer lifetime values add up to their total", () => {
  it("allocates the customers' values by largest remainder so that Σ values = total to the cent", () => {
    const customers = bgnbd.simulate({ r: 0.3, alpha: 5, a: 0.8, b: 2.5 }, 2000, { seed: 7, T: 52 });
    const rows = Array.from(customers.frequency, (frequency, index) => ({
      frequency,
      recency: customers.recency[index] as number,
      T: customers.T[index] as number,
      monetaryValue: 20 + (index % 37),
    }));
    const clv = customerLifetimeValue({
      transactionModel: { model: "bgnbd", params: { r: 0.3, alpha: 5, a: 0.8, b: 2.5 } },
      spendModel: { model: "gammaGamma", params: { p: 6, q: 4, gamma: 15 } },
      customers: rows,
      horizon: 52,
      timeUnit: "week",
      discountRate: 0.1,
      margin: 0.3,
    });
    expect(sumMoney(clv.values).toString()).toBe(clv.total.toString());
    clv.values.forEach((value, index) => {
      expect(Math.abs(value.toNumber() - (clv.raw[index] as number))).toBeLessThan(0.01);
      expect(value.decimalPlaces()).toBeLessThanOrEqual(2);
    });
  });
});

describe("issue 13.5: PSV money adds up on every vehicle", () => {
  it("Σ components = total, Σ realised components = realised, and realised + total = lifetime without discounting", () => {
    const { assumptions } = psv.defaultAssumptions({ segment: "premium" });
    const undiscounted = { ...assumptions, discountRate: 0 };
    for (let index = 0; index < 400; index++) {
      const ageDays = (index * 9173) % 4000;
      const delivery = new Date(Date.UTC(2024, 5, 1) - ageDays * 86_400_000).toISOString().slice(0, 10);
      const vehicle = {
        vehicleId: index,
        deliveryDate: delivery,
        ...(index % 3 === 0 && ageDays > 60 ? { odometerKm: (index * 777) % 150_000, odometerDate: "2024-05-01" } : {}),
      };
      for (const set of [assumptions, undiscounted]) {
        const scored = psv.score(vehicle, set, { asOf: "2024-06-01" });
        expect(sumMoney(Object.values(scored.components)).toString()).toBe(scored.total.toString());
        expect(sumMoney(Object.values(scored.realisedComponents)).toString()).toBe(scored.realised.toString());
        expect(sumMoney(Object.values(scored.lifetimeComponents)).toString()).toBe(scored.lifetime.toString());
        if (set === undiscounted)
          expect(scored.realised.plus(scored.total).toString()).toBe(scored.lifetime.toString());
      }
    }
  });
});

describe("issue 13.7: every row summarizeTransactions returns, a fit accepts", () => {
  it("a customer whose first purchase is on calibrationEnd (T = 0) no longer aborts the fit: no information, LL 0", () => {
    const log = [
      { id: 1, day: "2024-01-01" },
      { id: 1, day: "2024-02-01" },
      { id: 2, day: "2024-01-10" },
      { id: 2, day: "2024-03-05" },
      { id: 2, day: "2024-04-20" },
      { id: 3, day: "2024-06-30" },
    ];
    const rows = summarizeTransactions(log, {
      observationEnd: "2024-06-30",
      timeUnit: "week",
      customerId: "id",
      date: "day",
    });
    expect(rows.find((row) => row.customerId === 3)?.T).toBe(0);
    for (const model of [bgnbd, mbgnbd, paretoNbd]) {
      expect(
        model.logLikelihood({ r: 1, alpha: 2, a: 1, b: 2, s: 1, beta: 2 } as never, [rows[2]] as never),
      ).toBeCloseTo(0, 12);
      expect(() => model.fit(rows as never)).not.toThrow();
      expect(
        model.probabilityAlive({ r: 1, alpha: 2, a: 1, b: 2, s: 1, beta: 2 } as never, rows[2] as never),
      ).toBeGreaterThan(0);
    }
  });
});

describe("issue 13.6: no silent coercion of numbers", () => {
  it("summary columns reject null, empty strings and numeric strings instead of reading 0 and 2", () => {
    const columns = (frequency: unknown[]) => ({ frequency, recency: [0, 0], T: [10, 10] }) as never;
    for (const bad of [null, "", "2"]) {
      const { values, errors } = bgnbd.probabilityAliveBatch({ r: 1, alpha: 2, a: 1, b: 2 }, columns([0, bad]));
      expect(errors.map((error) => [error instanceof InvalidInputError, error.rowIndex])).toEqual([[true, 1]]);
      expect(Number.isNaN(values[1])).toBe(true);
      expect(values[0]).toBe(1);
    }
  });

  it("rfm.score rejects an empty-string daysSinceLastPurchase instead of reading 0 days", () => {
    const rows = [
      { customerId: 1, daysSinceLastPurchase: "", purchaseCount: 2, totalSpend: 10 },
      { customerId: 2, daysSinceLastPurchase: 30, purchaseCount: 1, totalSpend: 5 },
    ];
    expect(() => rfm.score(rows as never)).toThrow(InvalidInputError);
  });
});

describe("issue 13.6: a misspelt field is an error, not silently dropped", () => {
  it("lifecycle: serviceEvent (for serviceEvents) and deliverydate are named, other extra fields pass", () => {
    const customer = {
      customerId: 1,
      email: "owner@example.com",
      vehicles: [{ vehicleId: "V1", deliveryDate: "2022-03-01" }],
      serviceEvent: [{ vehicleId: "V1", date: "2024-05-01", type: "maintenance" }],
    };
    expect(() => lifecycle.classify(customer as never, { asOf: "2024-06-01" })).toThrow(/did you mean serviceEvents/);
    const batch = lifecycle.classifyBatch(
      [customer as never, { customerId: 2, vehicles: [{ vehicleId: "V2", deliverydate: "2022-03-01" }] } as never],
      { asOf: "2024-06-01" },
    );
    expect(batch.errors.map((error) => error.rowIndex)).toEqual([0, 1]);
    expect(batch.errors[1]?.message).toMatch(/did you mean deliveryDate/);
    const { email: _, serviceEvent: __, ...valid } = customer;
    expect(
      lifecycle.classify({ ...valid, email: "owner@example.com" } as never, { asOf: "2024-06-01" }).stage,
    ).toBeDefined();
  });
});

describe("issue 13.3: Gamma-Gamma spend is never negative or infinite", () => {
  it("p·x + q ≤ 1 is a typed error naming the condition, not −8.75 or Infinity", () => {
    const params = { p: 0.2, q: 0.5, gamma: 10 };
    expect(() => gammaGamma.conditionalExpectedSpend(params, { frequency: 1, monetaryValue: 20 })).toThrow(
      /p·x \+ q > 1/,
    );
    expect(() => gammaGamma.expectedSpend(params)).toThrow(InvalidInputError);
    expect(gammaGamma.conditionalExpectedSpend(params, { frequency: 5, monetaryValue: 20 })).toBeGreaterThan(0);
  });

  it("the batch takes rows as well as columns (rows gave a raw TypeError)", () => {
    const params = { p: 6.25, q: 3.74, gamma: 15.44 };
    const rows = [
      { frequency: 2, monetaryValue: 22.345 },
      { frequency: 0, monetaryValue: 0 },
    ];
    const fromRows = gammaGamma.conditionalExpectedSpendBatch(params, rows).values;
    const fromColumns = gammaGamma.conditionalExpectedSpendBatch(params, {
      frequency: [2, 0],
      monetaryValue: [22.345, 0],
    }).values;
    expect(Array.from(fromRows)).toEqual(Array.from(fromColumns));
    expect(() => gammaGamma.conditionalExpectedSpendBatch(params, null as never).values).toThrow(InvalidInputError);
  });
});

describe("issue 13.3: sBG DEL and DERL are finite for small discount rates", () => {
  it("agree with the series where it converges and stay finite and monotone as d → 0", () => {
    const params = { alpha: 0.704, beta: 1.182 };
    let previousDel = 0;
    let previousDerl = 0;
    for (const d of [0.1, 1e-3, 1e-5, 1e-8, 1e-12]) {
      const del = shiftedBetaGeometric.discountedExpectedLifetime(params, d);
      const derl = shiftedBetaGeometric.discountedExpectedResidualLifetime(params, d, 3);
      expect(Number.isFinite(del) && Number.isFinite(derl)).toBe(true);
      expect(del).toBeGreaterThan(previousDel);
      expect(derl).toBeGreaterThan(previousDerl);
      previousDel = del;
      previousDerl = derl;
    }
    // α < 1: DEL grows like d^(α−1) π/sin(πα)/B(α, β) as d → 0 (leading term; the rest is O(1)).
    const d = 1e-12;
    const logB = Math.log(1.2877) + Math.log(0.9186) - Math.log(0.9552); // Γ(0.704)Γ(1.182)/Γ(1.886), 4 digits
    const leading = (d ** (params.alpha - 1) * Math.PI) / Math.sin(Math.PI * params.alpha) / Math.exp(logB);
    expect(Math.abs(shiftedBetaGeometric.discountedExpectedLifetime(params, d) / leading - 1)).toBeLessThan(0.01);
  });
});

describe("issue 13.3: Pareto/NBD DERT is finite over the whole fit box", () => {
  it("finite and ≥ 0 for shapes and scales from 1e-4 to 1e4 (Infinity at s = 1,000 and NaN at s = 10,000 before)", () => {
    const values = [1e-4, 1e-2, 1, 100, 1e4];
    for (const r of values)
      for (const alpha of values)
        for (const s of values)
          for (const beta of values) {
            const dert = paretoNbd.discountedExpectedResidualTransactions({ r, alpha, s, beta }, 0.01, {
              frequency: 3,
              recency: 20,
              T: 39,
            });
            expect(Number.isFinite(dert) && dert >= 0, `r ${r} α ${alpha} s ${s} β ${beta}: ${dert}`).toBe(true);
          }
  });

  it("tends to the fixed-dropout limit P(alive)(r + x)/(α + T)/(δ + μ) as s → ∞ with β/s = 1/μ", () => {
    const customer = { frequency: 2, recency: 30, T: 39 };
    const mu = 1 / 11.7;
    const delta = 0.001;
    const s = 1e5;
    const params = { r: 0.55, alpha: 10.6, s, beta: s / mu };
    const alive = paretoNbd.probabilityAlive(params, customer);
    const limit = (alive * (0.55 + 2)) / (10.6 + 39) / (delta + mu);
    const dert = paretoNbd.discountedExpectedResidualTransactions(params, delta, customer);
    expect(Math.abs(dert / limit - 1)).toBeLessThan(1e-3);
  });
});

describe("issue 13.3: Pareto/NBD P(X(t) = n) is a probability over the whole fit box", () => {
  it("in [0, 1] for shapes and scales from 1e-4 to 1e4 (41% of this grid was NaN or above 1 before)", () => {
    const values = [1e-4, 1e-2, 1, 100, 1e4];
    for (const r of values)
      for (const alpha of values)
        for (const s of values)
          for (const beta of values) {
            const probability = paretoNbd.probabilityOfPurchases({ r, alpha, s, beta }, 39, 1);
            expect(probability >= 0 && probability <= 1, `r ${r} α ${alpha} s ${s} β ${beta}: ${probability}`).toBe(
              true,
            );
          }
  });

  it("sums to 1 with mean E[X(t)] where the hypergeometric form failed (α ≫ β)", () => {
    const params = { r: 3, alpha: 50, s: 0.05, beta: 0.02 };
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 400; n++) {
      const probability = paretoNbd.probabilityOfPurchases(params, 39, n);
      total += probability;
      mean += n * probability;
    }
    expect(Math.abs(total - 1)).toBeLessThan(1e-10);
    expect(Math.abs(mean / paretoNbd.expectedPurchases(params, 39) - 1)).toBeLessThan(1e-8);
  });
});

describe("issue 13.2: paretoNbd.fit finishes on data that made it hang", () => {
  it("2,000 customers with α ≪ β: a bounded number of evaluations, and not converged because s and β are not identified", () => {
    const simulated = paretoNbd.simulate({ r: 3, alpha: 50, s: 0.05, beta: 20 }, 2000, { seed: 3, T: 52 });
    const fit = paretoNbd.fit(simulated);
    expect(fit.evaluations).toBeLessThan(3000);
    expect(fit.converged).toBe(false);
    expect(fit.warnings.join(" ")).toMatch(/s and beta are not identified/);
  }, 60_000);

  it("identical rows and all-zero rows fit in one term per distinct history", () => {
    const identical = Array.from({ length: 50 }, () => ({ frequency: 3, recency: 20, T: 40 }));
    const zeros = Array.from({ length: 500 }, () => ({ frequency: 0, recency: 0, T: 40 }));
    for (const data of [identical, zeros]) {
      const fit = paretoNbd.fit(data);
      expect(fit.evaluations).toBeLessThan(5000);
      expect(fit.converged).toBe(false); // no repeat-purchase variation: the parameters cannot be identified
    }
    // Merging identical histories leaves the fit unchanged: the same data as one weighted row.
    const merged = paretoNbd.fit([{ frequency: 3, recency: 20, T: 40, weight: 50 }], { standardErrors: false });
    const expanded = paretoNbd.fit(identical, { standardErrors: false });
    expect(merged.logLikelihood).toBeCloseTo(expanded.logLikelihood, 8);
  }, 60_000);
});

describe("issue 13.6: simulations reject impossible horizons instead of returning NaN rows", () => {
  it("negative T, a T column of the wrong length, a negative holdout and a non-integer seed are typed errors", () => {
    const bg = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    expect(() => bgnbd.simulate(bg, 10, { seed: 1, T: -5 })).toThrow(/T: must be a finite number ≥ 0/);
    expect(() => mbgnbd.simulate(bg, 3, { seed: 1, T: [10, 20] })).toThrow(/has 2 values for 3 customers/);
    expect(() => paretoNbd.simulate({ r: 1, alpha: 2, s: 1, beta: 2 }, 5, { seed: 1, T: 10, holdout: -1 })).toThrow(
      /holdout/,
    );
    expect(() => mbgcnbd.simulate({ k: 2, r: 1, alpha: 5, a: 1, b: 3 }, 5, { seed: 0.5, T: 10 })).toThrow(/seed/);
    const simulated = bgnbd.simulate(bg, 100, { seed: 1, T: 0 });
    expect(Array.from(simulated.frequency).every((x) => x === 0)).toBe(true);
  });
});

describe("issue 13.8: contradictory service records are errors", () => {
  it("service.status: a last service after asOf is not read as 'not due'", () => {
    expect(() =>
      service.status(
        { deliveryDate: "2023-01-01", lastServiceDate: "2024-07-01", servicesDone: 1 },
        {},
        { asOf: "2024-06-01" },
      ),
    ).toThrow(/lastServiceDate: is after asOf/);
  });

  it("lifecycle: an odometer going 70,000 → 1,000 km is an error, not a car in warranty", () => {
    const customer = {
      customerId: 1,
      vehicles: [{ vehicleId: "V", deliveryDate: "2023-01-01", odometerKm: 1000, odometerDate: "2024-05-01" }],
      serviceEvents: [{ vehicleId: "V", date: "2024-01-01", type: "maintenance" as const, odometerKm: 70_000 }],
    };
    expect(() => lifecycle.classify(customer, { asOf: "2024-06-01" })).toThrow(
      /goes backwards: 70000 km on 2024-01-01/,
    );
    const consistent = { ...customer, vehicles: [{ ...customer.vehicles[0]!, odometerKm: 71_000 }] };
    expect(lifecycle.classify(consistent, { asOf: "2024-06-01" }).stage).toBe("post-warranty");
  });
});

describe("issue 13.9: a missing or misspelt accessor in summarizeTransactions is the options' fault, not row 0's", () => {
  it("names the option and the fields the rows do have", () => {
    const log = [{ id: 1, day: "2024-01-01" }];
    const options = { observationEnd: "2024-02-01", timeUnit: "week" as const, customerId: "id" };
    expect(() => summarizeTransactions(log, options as never)).toThrow(/options: date: must be a field name/);
    try {
      summarizeTransactions(log, { ...options, date: "dat" });
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidInputError).rowIndex).toBeUndefined();
      expect((error as Error).message).toMatch(/"dat", which the transactions do not have \(the first has id, day\)/);
    }
  });

  it("generateDealerData rejects marginShare 0 (revenue would be margin / 0)", () => {
    expect(() => generateDealerData({ vehicles: 10, seed: 1, asOf: "2024-06-30", marginShare: 0 })).toThrow(
      /marginShare/,
    );
  });
});

describe("issue 13.10: work bounded by the size of the answer, not by n", () => {
  // P(NB(r, α/(α+t)) ≥ n) by summing the first n masses in log space: the oracle for the closed form used beyond 10,000.
  const tailBySum = (r: number, alpha: number, t: number, n: number): number => {
    let logMass = r * Math.log(alpha / (alpha + t));
    let below = 0;
    for (let m = 0; m < n; m++) {
      below += Math.exp(logMass);
      logMass += Math.log(r + m) - Math.log(m + 1) + Math.log(t / (alpha + t));
    }
    return 1 - below;
  };
  it("BG/NBD and MBG/CNBD-k P(X(t) = n) for n beyond 10,000 agree with the direct sums, and n = 10⁷ is instant", () => {
    const params = { r: 2.5, alpha: 4.414, a: 0.793, b: 2.426 };
    const t = 30_000;
    for (const n of [10_000, 10_001, 25_000]) {
      const logBetaAB = logBeta(params.a, params.b);
      const logNb =
        logGamma(params.r + n) -
        logGamma(params.r) -
        logGamma(n + 1) +
        params.r * Math.log(params.alpha / (params.alpha + t)) +
        n * Math.log(t / (params.alpha + t));
      const expected =
        Math.exp(logBeta(params.a, params.b + n) - logBetaAB + logNb) +
        Math.exp(logBeta(params.a + 1, params.b + n - 1) - logBetaAB) * tailBySum(params.r, params.alpha, t, n);
      expect(Math.abs(bgnbd.probabilityOfPurchases(params, t, n) / expected - 1), `n = ${n}`).toBeLessThan(1e-9);
    }
    const cnbd = { k: 2, ...params };
    for (const n of [4_999, 5_000, 9_000]) {
      const within = tailBySum(cnbd.r, cnbd.alpha, t, n * 2) - tailBySum(cnbd.r, cnbd.alpha, t, (n + 1) * 2);
      const logBetaAB = logBeta(cnbd.a, cnbd.b);
      const expected =
        Math.exp(logBeta(cnbd.a, cnbd.b + n + 1) - logBetaAB) * within +
        Math.exp(logBeta(cnbd.a + 1, cnbd.b + n) - logBetaAB) * tailBySum(cnbd.r, cnbd.alpha, t, n * 2);
      expect(Math.abs(mbgcnbd.probabilityOfPurchases(cnbd, t, n) / expected - 1), `n = ${n}`).toBeLessThan(1e-8);
    }
    const started = performance.now();
    expect(bgnbd.probabilityOfPurchases(params, 39, 1e7)).toBe(0);
    expect(mbgcnbd.probabilityOfPurchases(cnbd, 39, 1e7)).toBe(0);
    expect(performance.now() - started).toBeLessThan(1000); // 44 s before; generous for a shared machine
    // Beyond ten million purchases, the counts' box (issue 26): a typed error naming it.
    expect(() => bgnbd.probabilityOfPurchases(params, 39, 1e8)).toThrow(
      /n: must be a whole number from 0 to 10,000,000/,
    );
  });
  it("BG/BB distributions summed over periods refuse more than a million periods, naming the argument", () => {
    const params = { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 };
    expect(() => bgbb.probabilityOfPurchases(params, 1e7, 5)).toThrow(/periods: must be at most 1,000,000/);
    expect(() =>
      bgbb.conditionalProbabilityOfPurchases(params, 1e7, 1, { frequency: 2, recency: 4, periods: 6 }),
    ).toThrow(/periodsAhead: must be at most 1,000,000/);
    expect(bgbb.conditionalExpectedPurchases(params, 1e9, { frequency: 2, recency: 4, periods: 6 })).toBeGreaterThan(0);
  });
});
