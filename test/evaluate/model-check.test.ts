// Model checking: tracking, calibration vs holdout, period transactions, matrices, histories, heterogeneity,
// spend checks, holdout errors and model comparison, against BTYD's published numbers and independent formulas.
import { describe, expect, it } from "vitest";
import {
  bgbb,
  bgcnbd,
  bgnbd,
  evaluate,
  gammaGamma,
  InvalidInputError,
  mbgcnbd,
  mbgnbd,
  paretoNbd,
  summarizeTransactions,
} from "../../src/index.js";
import { regularizedBeta } from "../../src/math/index.js";
import { relativeError } from "../helpers/high-precision.js";
import { cdnowSummary, readCsv } from "../helpers/reference-data.js";

const cdnow = cdnowSummary();
const calibrationT = cdnow.map((row) => row.T);
// BTYD's estimates on cdnowSummary$cbs (bgnbd.EstimateParameters; cdnowSummary$est.params for the Pareto/NBD).
const bgnbdParams = { r: 0.2425945, alpha: 4.4136019, a: 0.7929199, b: 2.4258881 };
const paretoParams = {
  r: 0.5533971432566355,
  alpha: 10.580198543474351,
  s: 0.6060624971176619,
  beta: 11.656223670707698,
};
const bgnbdModel = { model: "bgnbd", params: bgnbdParams } as const;
const paretoModel = { model: "paretoNbd", params: paretoParams } as const;
const donations = readCsv("btyd_donations_rf_matrix_with_xstar.csv").map((row) => ({
  frequency: Number(row["x"]),
  recency: Number(row["t.x"]),
  periods: Number(row["n.cal"]),
  weight: Number(row["custs"]),
  holdoutFrequency: Number(row["x.star"]) / Number(row["custs"]),
}));
const donationParams = { alpha: 1.2035, beta: 0.7497, gamma: 0.6567, delta: 2.7834 };

/** FHL 2005 eq. 9 with the Gauss series summed term by term (no transformation), in float64. */
function bgnbdExpectedDirect(p: typeof bgnbdParams, t: number): number {
  const z = t / (p.alpha + t);
  const c = p.a + p.b - 1;
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 20_000; n++) {
    term *= (((p.r + n) * (p.b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(term) < 1e-17 * sum) break;
  }
  return (c / (p.a - 1)) * (1 - (p.alpha / (p.alpha + t)) ** p.r * sum);
}

/** BTYD's ExpectedCumulativeTransactions, customer by customer, with a given E[X(t)]. */
function trackingDirect(expected: (t: number) => number, Ts: number[], total: number, periods: number): number[] {
  const latest = Math.max(...Ts);
  return Array.from({ length: periods }, (_, index) => {
    const end = (total * (index + 1)) / periods;
    let sum = 0;
    for (const T of Ts) {
      const birth = latest - T;
      if (birth < end) sum += expected(end - birth);
    }
    return sum;
  });
}

describe("tracking", () => {
  const log = readCsv("cdnow_sample_transactions.csv");
  const day = (row: Record<string, string>) =>
    `${row["date"]?.slice(0, 4)}-${row["date"]?.slice(4, 6)}-${row["date"]?.slice(6)}`;
  const actual = evaluate.repeatTransactionsByPeriod(log, {
    customerId: "sampleid",
    date: day,
    start: "1997-01-01",
    periods: 78,
  });

  it("the actual weekly series equals BTYD's cdnowSummary$cu.tracking for all 78 weeks", () => {
    const published = readCsv("btyd_cdnow_weekly_cum_repeat_transactions.csv").map((row) =>
      Number(row["cum_repeat_transactions"]),
    );
    expect(Array.from(actual.cumulative)).toEqual(published);
    expect(actual.periodStart[39]).toBe("1997-10-01"); // week 40, the first of the holdout
    expect(actual.incremental.reduce((sum, value) => sum + value, 0)).toBe(4339);
  });

  it("BG/NBD expected cumulative repeat transactions equal BTYD's definition for every week 1–78 to 1e-9", () => {
    const ours = bgnbd.expectedCumulativeTransactions(bgnbdParams, calibrationT, 78, 78);
    const direct = trackingDirect((t) => bgnbdExpectedDirect(bgnbdParams, t), calibrationT, 78, 78);
    expect(ours).toHaveLength(78);
    for (let week = 0; week < 78; week++)
      expect(relativeError(ours[week] as number, direct[week] as number)).toBeLessThan(1e-9);
    // FHL 2005 figure 2: the model tracks the cumulative curve within a few percent at week 78.
    expect(Math.abs((ours[77] as number) / 4339 - 1)).toBeLessThan(0.05);
  });

  it("Pareto/NBD expected cumulative repeat transactions equal BTYD's definition (closed form) to 1e-12", () => {
    const { r, alpha, s, beta } = paretoParams;
    const expected = (t: number) => ((r * beta) / (alpha * (s - 1))) * (1 - (beta / (beta + t)) ** (s - 1));
    const ours = paretoNbd.expectedCumulativeTransactions(paretoParams, calibrationT, 78, 78);
    const direct = trackingDirect(expected, calibrationT, 78, 78);
    for (let week = 0; week < 78; week++)
      expect(relativeError(ours[week] as number, direct[week] as number)).toBeLessThan(1e-12);
  });

  it("(M)BG/CNBD-k with k = 1 tracks exactly as the (M)BG/NBD; periods need not be one time unit", () => {
    const mbg = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    const a = mbgnbd.expectedCumulativeTransactions(mbg, calibrationT, 78, 26);
    const b = mbgcnbd.expectedCumulativeTransactions({ k: 1, ...mbg }, calibrationT, 78, 26);
    const c = bgcnbd.expectedCumulativeTransactions({ k: 1, ...bgnbdParams }, calibrationT, 78, 26);
    const d = bgnbd.expectedCumulativeTransactions(bgnbdParams, calibrationT, 78, 78);
    for (let period = 0; period < 26; period++) {
      expect(relativeError(b[period] as number, a[period] as number)).toBeLessThan(1e-8);
      expect(relativeError(c[period] as number, d[3 * period + 2] as number)).toBeLessThan(1e-8);
    }
  });

  it("BG/BB on the donations: n·E[X(n)] by its defining sum, and the 11-year curve within 3% of the actual", () => {
    const ours = bgbb.expectedCumulativeTransactions(
      donationParams,
      donations.map((row) => row.periods),
      11,
      11,
      donations.map((row) => row.weight),
    );
    const { alpha, beta, gamma, delta } = donationParams;
    const logB = (x: number, y: number) =>
      Math.log(Math.abs((gammaFunction(x) * gammaFunction(y)) / gammaFunction(x + y)));
    let sum = 0;
    for (let n = 1; n <= 11; n++) {
      sum += (alpha / (alpha + beta)) * Math.exp(logB(gamma, delta + n) - logB(gamma, delta));
      expect(relativeError(ours[n - 1] as number, 11_104 * sum)).toBeLessThan(1e-9);
    }
    const annual = readCsv("btyd_donations_annual_transactions.csv").map((row) => Number(row["transactions"]));
    const total = annual.reduce((sum, value) => sum + value, 0);
    expect(Math.abs((ours[10] as number) / total - 1)).toBeLessThan(0.03);
  });

  it("tracking() pairs the series, marks the holdout and differences both into increments", () => {
    const points = evaluate.tracking(bgnbdModel, { calibrationT, actualCumulative: actual.cumulative, totalTime: 78 });
    expect(points.filter((point) => !point.holdout)).toHaveLength(39);
    const expected = bgnbd.expectedCumulativeTransactions(bgnbdParams, calibrationT, 78, 78);
    expect(points[77]?.expectedCumulative).toBe(expected[77]);
    expect(points[40]?.actualIncremental).toBe((actual.cumulative[40] as number) - (actual.cumulative[39] as number));
    const donationsTracking = evaluate.tracking(
      { model: "bgbb", params: donationParams },
      {
        calibrationT: donations.map((row) => row.periods),
        weights: donations.map((row) => row.weight),
        actualCumulative: [5652, 10326, 14_500, 18_000, 21_000, 24_000, 27_000, 29_000, 31_000, 33_000, 35_000],
      },
    );
    expect(donationsTracking.filter((point) => point.holdout)).toHaveLength(5);
  });

  it("rejects bad tracking input with typed errors", () => {
    expect(() => bgnbd.expectedCumulativeTransactions(bgnbdParams, [], 78, 78)).toThrow(InvalidInputError);
    expect(() => bgnbd.expectedCumulativeTransactions(bgnbdParams, [39, Number.NaN], 78, 78)).toThrow(/calibrationT/);
    expect(() => bgnbd.expectedCumulativeTransactions(bgnbdParams, [39], 0, 78)).toThrow(/totalTime/);
    expect(() => bgnbd.expectedCumulativeTransactions(bgnbdParams, [39], 78, 1.5)).toThrow(/periods/);
    expect(() => bgnbd.expectedCumulativeTransactions(bgnbdParams, [39], 78, 78, [1, 2])).toThrow(/weights/);
    expect(() => bgbb.expectedCumulativeTransactions(donationParams, [6], 11, 4)).toThrow(/whole number/);
    expect(() => evaluate.tracking(bgnbdModel, { calibrationT, actualCumulative: [3, 2] })).toThrow(/non-decreasing/);
    expect(() =>
      evaluate.repeatTransactionsByPeriod([{ id: 1, day: "1997-02-30" }], { customerId: "id", date: "day" }),
    ).toThrow(/real calendar date/);
  });
});

function gammaFunction(x: number): number {
  // Lanczos (g = 7), enough for the 1e-9 checks above.
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gammaFunction(1 - x));
  const y = x - 1;
  let a = c[0] as number;
  const t = y + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += (c[i] as number) / (y + i);
  return Math.sqrt(2 * Math.PI) * t ** (y + 0.5) * Math.exp(-t) * a;
}

describe("calibration vs holdout", () => {
  it("Pareto/NBD on CDNOW by frequency reproduces BTYD's published table (walkthrough, 3 decimals)", () => {
    const groups = evaluate.calibrationVsHoldout(paretoModel, cdnow, { holdoutLength: 39, maxFrequency: 7 });
    const published = {
      act: [0.237, 0.697, 1.393, 1.56, 2.532, 2.947, 3.862, 6.359],
      exp: [0.138, 0.6, 1.196, 1.714, 2.399, 2.907, 3.819, 6.403],
      bin: [1411, 439, 214, 100, 62, 38, 29, 64],
    };
    expect(groups.map((group) => group.label)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    groups.forEach((group, index) => {
      expect(group.customers).toBe(published.bin[index]);
      expect(Math.abs(group.actual - (published.act[index] as number))).toBeLessThan(0.0005 + 1e-12);
      // BTYD's walkthrough fits its own parameters from the log; they agree with est.params to about 1e-3.
      expect(Math.abs(group.expected - (published.exp[index] as number))).toBeLessThan(0.0015);
    });
  });

  it("by recency: customer-weighted means of the model's own predictions per whole-week bin", () => {
    const groups = evaluate.calibrationVsHoldout(bgnbdModel, cdnow, { holdoutLength: 39, by: "recency" });
    const bins = new Map<number, { n: number; actual: number; expected: number }>();
    for (const row of cdnow) {
      const key = Math.floor(row.recency);
      const bin = bins.get(key) ?? { n: 0, actual: 0, expected: 0 };
      bin.n += 1;
      bin.actual += row.holdoutFrequency;
      bin.expected += bgnbd.conditionalExpectedPurchases(bgnbdParams, 39, row);
      bins.set(key, bin);
    }
    expect(groups).toHaveLength(bins.size);
    for (const group of groups) {
      const bin = bins.get(group.value) as { n: number; actual: number; expected: number };
      expect(group.customers).toBe(bin.n);
      expect(group.actual).toBeCloseTo(bin.actual / bin.n, 12);
      expect(relativeError(group.expected, bin.expected / bin.n)).toBeLessThan(1e-12);
    }
  });

  it("BG/BB on the donations (weighted patterns): the 6-of-6 donors gave 3.53 a head in the holdout, the model says 3.75", () => {
    const groups = evaluate.calibrationVsHoldout({ model: "bgbb", params: donationParams }, donations, {
      holdoutLength: 5,
      maxFrequency: 6,
    });
    expect(groups.map((group) => group.customers).reduce((sum, value) => sum + value, 0)).toBe(11_104);
    const top = groups.at(-1);
    expect(top?.label).toBe("6+");
    expect(top?.actual).toBeCloseTo(4252 / 1203, 12);
    // One pattern in the group: its weighted mean is that pattern's expectation, to the last bits.
    const single = bgbb.conditionalExpectedPurchases(donationParams, 5, { frequency: 6, recency: 6, periods: 6 });
    expect(Math.abs((top?.expected as number) / single - 1)).toBeLessThan(1e-14);
    expect(Math.abs((top?.expected as number) / (top?.actual as number) - 1)).toBeLessThan(0.07);
  });

  it("rejects a missing holdout, a bad holdout length and a fractional BG/BB horizon", () => {
    const noHoldout = cdnow.map(({ frequency, recency, T }) => ({ frequency, recency, T }));
    expect(() => evaluate.calibrationVsHoldout(bgnbdModel, noHoldout, { holdoutLength: 39 })).toThrow(
      /holdoutFrequency/,
    );
    expect(() => evaluate.calibrationVsHoldout(bgnbdModel, cdnow, { holdoutLength: 0 })).toThrow(/holdoutLength/);
    expect(() =>
      evaluate.calibrationVsHoldout({ model: "bgbb", params: donationParams }, donations, { holdoutLength: 2.5 }),
    ).toThrow(/whole number of periods/);
    expect(() => evaluate.calibrationVsHoldout({ model: "nbd" } as never, cdnow, { holdoutLength: 39 })).toThrow(
      /must name one of/,
    );
    expect(() => evaluate.calibrationVsHoldout(bgnbdModel, cdnow, { holdoutLength: 39, by: "age" as never })).toThrow(
      /by/,
    );
    const badRow = [...cdnow.slice(0, 3), { ...cdnow[3], holdoutFrequency: -1 }];
    try {
      evaluate.calibrationVsHoldout(bgnbdModel, badRow as never, { holdoutLength: 39 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).rowIndex).toBe(3);
    }
  });
});

describe("period transactions", () => {
  it("counts CDNOW's customers by calibration frequency and expects Σᵢ P(X(Tᵢ) = n), the rest in the last group", () => {
    const groups = evaluate.periodTransactions(bgnbdModel, cdnow);
    expect(groups.map((group) => group.actual)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    for (const group of groups.slice(0, -1)) {
      let expected = 0;
      for (const row of cdnow) expected += bgnbd.probabilityOfPurchases(bgnbdParams, row.T, group.frequency);
      expect(relativeError(group.expected, expected)).toBeLessThan(1e-12);
    }
    const total = groups.reduce((sum, group) => sum + group.expected, 0);
    expect(total).toBeCloseTo(2357, 9);
  });

  it("BG/BB donations: expected counts from the pattern weights add up to the 11,104 donors", () => {
    const groups = evaluate.periodTransactions({ model: "bgbb", params: donationParams }, donations, {
      maxFrequency: 6,
    });
    expect(groups.reduce((sum, group) => sum + group.actual, 0)).toBe(11_104);
    expect(groups.reduce((sum, group) => sum + group.expected, 0)).toBeCloseTo(11_104, 6);
    // FHS 2010 figure 3: the fit is close for every frequency.
    for (const group of groups) expect(Math.abs(group.expected - group.actual) / 11_104).toBeLessThan(0.01);
  });
});

describe("frequency/recency matrix and P(alive) history", () => {
  it("holds only possible histories and the model's own P(alive) or conditional expectation", () => {
    const cells = evaluate.frequencyRecencyMatrix(bgnbdModel, { T: 39, maxFrequency: 10, recencySteps: 39 });
    expect(cells).toHaveLength(1 + 10 * 39);
    expect(cells.filter((cell) => cell.frequency === 0).map((cell) => cell.recency)).toEqual([0]);
    for (const cell of cells.filter((_, index) => index % 37 === 0)) {
      expect(cell.value).toBe(
        bgnbd.probabilityAlive(bgnbdParams, { frequency: cell.frequency, recency: cell.recency, T: 39 }),
      );
    }
    const expectations = evaluate.frequencyRecencyMatrix(paretoModel, {
      T: 39,
      maxFrequency: 3,
      recencySteps: 3,
      quantity: "conditionalExpectedPurchases",
      horizon: 52,
    });
    const cell = expectations.at(-1) as { frequency: number; recency: number; value: number };
    expect(cell.value).toBe(
      paretoNbd.conditionalExpectedPurchases(paretoParams, 52, { frequency: 3, recency: 39, T: 39 }),
    );
    const discrete = evaluate.frequencyRecencyMatrix(
      { model: "bgbb", params: donationParams },
      { T: 6, maxFrequency: 6 },
    );
    expect(discrete).toHaveLength(22); // the 22 possible (x, t_x) patterns of six opportunities
    expect(() =>
      evaluate.frequencyRecencyMatrix(bgnbdModel, { T: 39, quantity: "conditionalExpectedPurchases" }),
    ).toThrow(/horizon/);
  });

  it("a P(alive) history follows the model between purchases and jumps at each one", () => {
    const history = evaluate.probabilityAliveHistory(paretoModel, [100, 104, 110, 110], { end: 152, steps: 52 });
    expect(history.at(-1)?.time).toBe(152);
    for (const point of history) {
      const repeats = [104, 110].filter((time) => time <= point.time);
      const recency = repeats.length === 0 ? 0 : (repeats.at(-1) as number) - 100;
      expect(point.frequency).toBe(repeats.length);
      expect(point.probabilityAlive).toBe(
        paretoNbd.probabilityAlive(paretoParams, { frequency: repeats.length, recency, T: point.time - 100 }),
      );
    }
    const after = history.filter((point) => point.time >= 110);
    for (let index = 1; index < after.length; index++) {
      expect(after[index]?.probabilityAlive as number).toBeLessThanOrEqual(
        after[index - 1]?.probabilityAlive as number,
      );
    }
    const discrete = evaluate.probabilityAliveHistory({ model: "bgbb", params: donationParams }, [0, 1, 2], { end: 6 });
    expect(discrete.map((point) => point.time)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(discrete[5]?.probabilityAlive).toBe(
      bgbb.probabilityAlive(donationParams, { frequency: 2, recency: 2, periods: 6 }),
    );
    expect(() => evaluate.probabilityAliveHistory(paretoModel, [])).toThrow(InvalidInputError);
    expect(() => evaluate.probabilityAliveHistory(paretoModel, [0, 10], { end: 5 })).toThrow(/end/);
  });
});

describe("heterogeneity", () => {
  it("regularizedBeta matches closed forms", () => {
    expect(regularizedBeta(0.5, 2, 2)).toBeCloseTo(0.5, 14);
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 14);
    expect(regularizedBeta(0.3, 1, 3)).toBeCloseTo(1 - 0.7 ** 3, 14);
    expect(Number.isNaN(regularizedBeta(0.3, -1, 3))).toBe(true);
  });

  it("gives the mixing densities with their moments and a grid to the 99% quantile", () => {
    const { purchase, dropout } = evaluate.heterogeneity(paretoModel, { points: 400 });
    expect(purchase.mean).toBeCloseTo(paretoParams.r / paretoParams.alpha, 14);
    expect(dropout.variance).toBeCloseTo(paretoParams.s / paretoParams.beta ** 2, 14);
    // Trapezoid over the grid (density infinite at 0 for shapes < 1 is left out): about 0.99 of the mass.
    const mass = (points: readonly { value: number; density: number }[]) =>
      points.slice(1).reduce((sum, point, index) => {
        const previous = points[index] as { value: number; density: number };
        return sum + ((point.density + previous.density) / 2) * (point.value - previous.value);
      }, 0);
    const bgbbDensities = evaluate.heterogeneity(
      { model: "bgbb", params: { alpha: 2, beta: 3, gamma: 4, delta: 5 } },
      { points: 2000 },
    );
    expect(mass(bgbbDensities.purchase.points)).toBeCloseTo(0.99, 4);
    expect(mass(bgbbDensities.dropout.points)).toBeCloseTo(0.99, 4);
    const cnbd = evaluate.heterogeneity({ model: "mbgcnbd", params: { k: 2, r: 3, alpha: 4, a: 1, b: 3 } });
    expect(cnbd.purchase.parameters).toEqual({ shape: 3, rate: 8 });
    expect(cnbd.dropout.distribution).toBe("beta");
    expect(bgbbDensities.purchase.points.at(-1)?.value).toBeCloseTo(
      (() => {
        let low = 0;
        let high = 1;
        for (let i = 0; i < 100; i++) {
          const middle = (low + high) / 2;
          if (regularizedBeta(middle, 2, 3) < 0.99) low = middle;
          else high = middle;
        }
        return low;
      })(),
      10,
    );
  });
});

describe("Gamma-Gamma spend check", () => {
  it("computes the frequency–spend correlation and warns only when it is large", () => {
    const check = evaluate.spendCheck({ p: 6.25, q: 3.74, gamma: 15.44 }, cdnow);
    const repeat = cdnow.filter((row) => row.frequency > 0);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const x = repeat.map((row) => row.frequency);
    const m = repeat.map((row) => row.monetaryValue);
    const mx = mean(x);
    const mm = mean(m);
    const pearson =
      x.reduce((sum, value, index) => sum + (value - mx) * ((m[index] as number) - mm), 0) /
      Math.sqrt(
        x.reduce((sum, value) => sum + (value - mx) ** 2, 0) * m.reduce((sum, value) => sum + (value - mm) ** 2, 0),
      );
    expect(check.customers).toBe(946);
    expect(check.correlation).toBeCloseTo(pearson, 12);
    expect(check.warning).toBeUndefined();
    const correlated = repeat.map((row) => ({ frequency: row.frequency, monetaryValue: 10 + 5 * row.frequency }));
    expect(evaluate.spendCheck({ p: 6.25, q: 3.74, gamma: 15.44 }, correlated).warning).toMatch(/independent/);
  });

  it("on data simulated from the model, the model density matches the histogram", () => {
    const params = { p: 4, q: 5, gamma: 60 };
    const frequencies = Array.from({ length: 20_000 }, (_, index) => [1, 2, 3, 5, 8][index % 5] as number);
    const simulated = gammaGamma.simulate(params, frequencies, { seed: 5 });
    const check = evaluate.spendCheck(params, simulated, { bins: 40, points: 400 });
    expect(Math.abs(check.correlation)).toBeLessThan(0.05);
    // Histogram bin densities vs the model density at bin middles: close in total variation.
    let difference = 0;
    for (const bin of check.observed) {
      const middle = (bin.from + bin.to) / 2;
      const nearest = check.model.reduce((best, point) =>
        Math.abs(point.spend - middle) < Math.abs(best.spend - middle) ? point : best,
      );
      difference += Math.abs(bin.density - nearest.density) * (bin.to - bin.from);
    }
    expect(difference / 2).toBeLessThan(0.06);
  });
});

describe("holdout errors and model comparison", () => {
  it("per-customer errors equal a direct computation; CDNOW's aggregate error is BG/NBD's known under-prediction", () => {
    const errors = evaluate.holdoutErrors(bgnbdModel, cdnow, { holdoutLength: 39 });
    const predictions = cdnow.map((row) => bgnbd.conditionalExpectedPurchases(bgnbdParams, 39, row));
    const residuals = predictions.map((value, index) => value - (cdnow[index]?.holdoutFrequency as number));
    const n = cdnow.length;
    expect(errors.customers).toBe(n);
    expect(errors.meanAbsoluteError).toBeCloseTo(residuals.reduce((sum, value) => sum + Math.abs(value), 0) / n, 12);
    expect(errors.rootMeanSquaredError).toBeCloseTo(
      Math.sqrt(residuals.reduce((sum, value) => sum + value * value, 0) / n),
      12,
    );
    expect(errors.bias).toBeCloseTo(residuals.reduce((sum, value) => sum + value, 0) / n, 12);
    expect(errors.actualTotal).toBe(1882);
    expect(Math.abs(errors.expectedTotal - 1653.6)).toBeLessThan(1); // BTYD / FHL 2005: about 1,654 predicted vs 1,882 actual
    expect(errors.totalError).toBeCloseTo((errors.expectedTotal - 1882) / 1882, 12);
    expect(errors.correlation).toBeGreaterThan(0.5);
    expect(errors.byFrequency.map((group) => group.customers)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    const sum = errors.byFrequency.reduce((total, group) => total + group.expectedTotal, 0);
    expect(sum).toBeCloseTo(errors.expectedTotal, 9);
  });

  it("compareModels: AIC, BIC, holdout errors, the best model, and likelihood-ratio tests of nested models", () => {
    const grocery = summarizeTransactions(readCsv("btydplus_grocery_elog.csv"), {
      calibrationEnd: "2006-12-31",
      observationEnd: "2007-12-30",
      timeUnit: "week",
      customerId: "cust",
      date: "date",
    });
    const bg = bgnbd.fit(grocery);
    const cnbd = bgcnbd.fit(grocery, { maxK: 3 });
    const mbg = mbgnbd.fit(grocery);
    const comparison = evaluate.compareModels(
      [
        { model: "bgnbd", fit: bg },
        { model: "mbgnbd", fit: mbg },
        { model: "bgcnbd", fit: cnbd },
      ],
      { customers: grocery, holdoutLength: 52 },
    );
    const [first, , third] = comparison.rows;
    expect(first?.aic).toBeCloseTo(8 - 2 * bg.logLikelihood, 9);
    expect(first?.bic).toBeCloseTo(4 * Math.log(grocery.length) - 2 * bg.logLikelihood, 9);
    expect(third?.parameterCount).toBe(5);
    expect(third?.params).toEqual(cnbd.params);
    expect(cnbd.params.k).toBe(2);
    expect(comparison.bestByAic).toBe("BG/CNBD-k");
    expect(comparison.bestByHoldout).toBeDefined();
    const nested = comparison.likelihoodRatioTests.find((test) => test.restricted === "BG/NBD");
    expect(nested?.full).toBe("BG/CNBD-k");
    expect(nested?.statistic).toBeCloseTo(2 * (cnbd.logLikelihood - bg.logLikelihood), 9);
    expect(nested?.degreesOfFreedom).toBe(1);
    expect(nested?.pValue).toBeLessThan(1e-10);
    const overK = comparison.likelihoodRatioTests.find((test) => test.restricted === "BG/CNBD-k with k = 1");
    expect(overK?.statistic).toBeCloseTo(2 * (cnbd.logLikelihood - (cnbd.logLikelihoodByK[0] as number)), 9);
    // BG/NBD at k = 1 inside the CNBD fit is the BG/NBD fit itself.
    expect(cnbd.logLikelihoodByK[0]).toBeCloseTo(bg.logLikelihood, 3);
    const errors = evaluate.holdoutErrors({ model: "bgnbd", params: bg.params }, grocery, { holdoutLength: 52 });
    expect(first?.holdout?.rootMeanSquaredError).toBe(errors.rootMeanSquaredError);
  });

  it("a χ² tail of a known case, and clear errors for bad comparisons", () => {
    const comparison = evaluate.compareModels(
      [
        { model: "mbgnbd", fit: { params: { r: 1, alpha: 2, a: 1, b: 2 }, logLikelihood: -100 } },
        {
          model: "mbgcnbd",
          fit: { params: { k: 2, r: 1, alpha: 2, a: 1, b: 2 }, logLikelihood: -100 + 3.841458820694124 / 2 },
        },
      ],
      { observations: 50 },
    );
    expect(comparison.likelihoodRatioTests[0]?.pValue).toBeCloseTo(0.05, 10);
    expect(comparison.rows[0]?.bic).toBeCloseTo(4 * Math.log(50) + 200, 10);
    expect(() => evaluate.compareModels([])).toThrow(InvalidInputError);
    expect(() =>
      evaluate.compareModels([
        { model: "bgnbd", fit: { params: bgnbdParams, logLikelihood: -1 } },
        { model: "bgnbd", fit: { params: bgnbdParams, logLikelihood: -2 } },
      ]),
    ).toThrow(/appears twice/);
    expect(() =>
      evaluate.compareModels([{ model: "bgnbd", fit: { params: bgnbdParams, logLikelihood: Number.NaN } }]),
    ).toThrow(/finite/);
    expect(() =>
      evaluate.compareModels([{ model: "bgnbd", fit: { params: { r: -1 }, logLikelihood: -1 } as never }]),
    ).toThrow(InvalidInputError);
  });

  it("fits say when their estimates are doubtful: confounded, on a bound, or with no standard errors", () => {
    expect(bgnbd.fit(cdnow).warnings).toEqual([]);
    expect(gammaGamma.fit(cdnow).warnings).toEqual([]);
    // Spend that does not differ between customers: ν has no spread, q → ∞ with γ/q fixed.
    const flat = Array.from({ length: 400 }, (_, index) => ({
      frequency: 1 + (index % 5),
      monetaryValue: 20 + ((index * 7919) % 13) / 13,
    }));
    const degenerate = gammaGamma.fit(flat);
    expect(degenerate.warnings.join(" ")).toMatch(/confounded|search bound|no standard errors|converge/);
    // Little spread of spend between customers (q = 3,000): the fit runs along the q–γ ridge to q ≈ 1e5 with
    // standard errors that look fine (±9%); it must say that q and γ are not identified.
    const frequencies = Array.from({ length: 3000 }, (_, index) => 1 + (index % 6));
    const ridge = gammaGamma.fit(gammaGamma.simulate({ p: 2, q: 3000, gamma: 24_000 }, frequencies, { seed: 2 }));
    expect(ridge.params.q).toBeGreaterThan(10_000);
    expect(ridge.warnings.join(" ")).toMatch(/q and gamma are not identified/);
    // Identified fits stay quiet: BG/NBD, Pareto/NBD, MBG/NBD on CDNOW.
    expect(paretoNbd.fit(cdnow).warnings).toEqual([]);
    expect(mbgnbd.fit(cdnow).warnings).toEqual([]);
  });
});
