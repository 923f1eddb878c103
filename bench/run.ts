// npm run bench: speed figures for each capability, as one table. Targets come from the issues.

import vm from "node:vm";
import { udfBundle } from "../scripts/udf-bundle.mjs";
import { aliveExpectation } from "../src/clv/bgnbd/alive-expectation.js";
import { probabilityAliveKernel as bgnbdAlive } from "../src/clv/bgnbd/predict-family.js";
import {
  probabilityAliveKernel as paretoAlive,
  conditionalExpectedKernel as paretoExpected,
} from "../src/clv/pareto-nbd/predict.js";
import {
  bgbb,
  bgcnbd,
  bgnbd,
  customerLifetimeValue,
  evaluate,
  fitBgnbdWithCovariates,
  fitGammaGammaWithCovariates,
  fitParetoNbdWithCovariates,
  gammaGamma,
  generateDealerData,
  lifecycle,
  mbgcnbd,
  paretoNbd,
  psv,
  rfm,
  sumMoney,
  summarizeTransactions,
  uncertainty,
} from "../src/index.js";
import { createRandomSource, logGamma, neumaierSum, sampleNormal } from "../src/math/index.js";
import { buildCurve, evaluateCurve } from "../src/psv/curve.js";
import { isoDate, readCsv } from "./data.js";
import { type BenchCase, measure, printTable } from "./harness.js";

const million = 1_000_000;
const cases: BenchCase[] = [];

// --- CLV (issue 3) ---------------------------------------------------------------------------------------------
const cdnowLog = readCsv("cdnow_sample_transactions.csv") ?? [];
const cdnow = summarizeTransactions(
  cdnowLog.map((row) => ({ id: row["sampleid"], date: isoDate(row["date"] as string), sales: row["sales"] })),
  {
    calibrationEnd: "1997-09-30",
    observationEnd: "1998-06-30",
    timeUnit: "week",
    customerId: "id",
    date: "date",
    amount: "sales",
  },
);
const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const pnbd = { r: 0.5534, alpha: 10.58, s: 0.6061, beta: 11.656 };
// A cohort acquired over one quarter (91 first-purchase days), observed to a common end: 91 distinct T values.
const population = bgnbd.simulate(bg, million, {
  seed: 1,
  T: Float64Array.from({ length: million }, (_, index) => 39 + (index % 91) / 7),
});
// The same customers with a T of their own each (no two share it): nothing to share between rows.
const distinctT = bgnbd.simulate(bg, million, {
  seed: 2,
  T: Float64Array.from({ length: million }, (_, index) => 20 + ((index * 0.6180339887) % 60)),
});
/**
 * The unit of issue 29's speed targets: BG/NBD P(alive) of the million cohort customers as a plain Float64Array loop
 * (no checks, no objects); lifetimes' numpy formula takes about one unit.
 */
function plainLoopAlive(): Float64Array {
  const { frequency, recency, T } = population;
  const out = new Float64Array(million);
  for (let index = 0; index < million; index++) {
    const x = frequency[index] as number;
    out[index] =
      x === 0
        ? 1
        : 1 /
          (1 +
            (bg.a / (bg.b + x - 1)) *
              Math.exp(
                (bg.r + x) * Math.log((bg.alpha + (T[index] as number)) / (bg.alpha + (recency[index] as number))),
              ));
  }
  return out;
}
const masterRows = readCsv("cdnow_master_transactions.csv");
if (masterRows) {
  const master = masterRows.map((row) => ({
    id: row["customer_id"],
    date: isoDate(row["date"] as string),
    value: row["dollar_value"],
  }));
  cases.push({
    capability: "clv",
    name: "summarizeTransactions, CDNOW master (69,659 rows)",
    targetMs: 1000,
    run: () =>
      summarizeTransactions(master, {
        calibrationEnd: "1997-09-30",
        observationEnd: "1998-06-30",
        timeUnit: "week",
        customerId: "id",
        date: "date",
        amount: "value",
      }),
  });
}
// Ten million transactions as columns (a till export in date order: 1,000,000 customers, about ten purchases each over
// three years), built on first use.
let tenMillion: { customerId: Int32Array; day: Int32Array; amount: Float64Array } | undefined;
const tenMillionLog = () => {
  if (tenMillion !== undefined) return tenMillion;
  const n = 10 * million;
  const random = createRandomSource(11);
  tenMillion = { customerId: new Int32Array(n), day: new Int32Array(n), amount: new Float64Array(n) };
  for (let index = 0; index < n; index++) {
    tenMillion.customerId[index] = Math.floor(random() * million);
    tenMillion.day[index] = 19_000 + Math.floor((index / n) * 1100);
    tenMillion.amount[index] = Math.round(random() * 50_000) / 100;
  }
  return tenMillion;
};
cases.push({
  capability: "rfm",
  name: "rfm.fromTransactions, 1e7 transactions as columns, 1e6 customers",
  targetMs: 5000,
  repeats: 3,
  run: () => rfm.fromTransactions(tenMillionLog(), { asOf: "2024-12-31" }),
  baseline: () => {
    // The same aggregation with no checks, customer numbers used as indices.
    const { customerId, day, amount } = tenMillionLog();
    const last = new Float64Array(million);
    const count = new Float64Array(million);
    const spend = new Float64Array(million);
    for (let index = 0; index < customerId.length; index++) {
      const customer = customerId[index] as number;
      if ((day[index] as number) > (last[customer] as number)) last[customer] = day[index] as number;
      count[customer] = (count[customer] as number) + 1;
      spend[customer] = (spend[customer] as number) + (amount[index] as number);
    }
    return spend;
  },
});
cases.push({
  capability: "clv",
  name: "summarizeTransactions, 1e7 transactions as columns, 1e6 customers (issue: < 5 s, < 800 MB)",
  targetMs: 5000,
  repeats: 1,
  run: () =>
    summarizeTransactions(tenMillionLog(), {
      calibrationEnd: "2024-06-30",
      observationEnd: "2024-12-31",
      timeUnit: "week",
    }),
});
const cdnowFit = bgnbd.fit(cdnow);
const paretoRidge = paretoNbd.simulate({ r: 3, alpha: 50, s: 0.05, beta: 20 }, 2000, { seed: 3, T: 52 });
cases.push(
  {
    capability: "clv",
    name: "bgnbd.fit, CDNOW 2,357 customers (with standard errors)",
    targetMs: 50,
    repeats: 9,
    run: () => bgnbd.fit(cdnow),
  },
  { capability: "clv", name: "paretoNbd.fit, CDNOW 2,357 customers", repeats: 3, run: () => paretoNbd.fit(cdnow) },
  {
    capability: "clv",
    name: "uncertainty: 200 bootstrap refits of the BG/NBD, CDNOW (≈ 200 fits without standard errors)",
    repeats: 1,
    run: () => uncertainty.drawParams("bgnbd", cdnowFit, { method: "bootstrap", data: cdnow, draws: 200 }),
  },
  {
    capability: "clv",
    name: "uncertainty: P(alive) intervals of CDNOW's 2,357 customers, 1,000 normal draws",
    repeats: 1,
    run: () =>
      uncertainty.intervals(
        uncertainty.drawParams("bgnbd", cdnowFit),
        (p) => bgnbd.probabilityAliveBatch(p, cdnow).values,
      ),
  },
  {
    capability: "clv",
    name: "uncertainty: 39-week prediction intervals of CDNOW's 2,357 customers, 1,000 draws",
    repeats: 1,
    run: () => uncertainty.predictionInterval(uncertainty.drawParams("bgnbd", cdnowFit), cdnow, 39),
  },
  {
    capability: "clv",
    name: "paretoNbd.fit, 2,000 customers simulated with α ≪ β (issue 13: hung before)",
    targetMs: 1000,
    repeats: 3,
    run: () => paretoNbd.fit(paretoRidge),
  },
  {
    capability: "clv",
    name: "bgnbd.conditionalExpectedPurchasesBatch × 1e6",
    targetMs: 300,
    run: () => bgnbd.conditionalExpectedPurchasesBatch(bg, 39, population).values,
  },
  {
    capability: "clv",
    name: "bgnbd.conditionalExpectedPurchasesBatch × 1e6, a T of its own per customer (CLVTools 463 ms)",
    targetMs: 463,
    run: () => bgnbd.conditionalExpectedPurchasesBatch(bg, 39, distinctT).values,
    baseline: () => {
      const { frequency, recency, T } = distinctT;
      const out = new Float64Array(million);
      for (let index = 0; index < million; index++) {
        const x = frequency[index] as number;
        const age = T[index] as number;
        out[index] =
          aliveExpectation(bg.r, bg.a, bg.b, x, 39 / (bg.alpha + age)) *
          bgnbdAlive(bg.r, bg.alpha, bg.a, bg.b, x, recency[index] as number, age);
      }
      return out;
    },
  },
  {
    capability: "clv",
    name: "paretoNbd.conditionalExpectedPurchasesBatch × 1e6, a T of its own per customer (CLVTools 564 ms)",
    targetMs: 564,
    run: () => paretoNbd.conditionalExpectedPurchasesBatch(pnbd, 39, distinctT).values,
    baseline: () => {
      const { frequency, recency, T } = distinctT;
      const out = new Float64Array(million);
      for (let index = 0; index < million; index++)
        out[index] = paretoExpected(
          pnbd.r,
          pnbd.alpha,
          pnbd.s,
          pnbd.beta,
          frequency[index] as number,
          recency[index] as number,
          T[index] as number,
          39,
        );
      return out;
    },
  },
  {
    capability: "clv",
    name: "bgnbd.probabilityAliveBatch × 1e6 (lifetimes 35 ms)",
    run: () => bgnbd.probabilityAliveBatch(bg, population).values,
    baseline: () => plainLoopAlive(),
  },
  {
    capability: "clv",
    name: "paretoNbd.probabilityAliveBatch × 1e6",
    targetMs: 500,
    run: () => paretoNbd.probabilityAliveBatch(pnbd, population).values,
    baseline: () => {
      const { frequency, recency, T } = population;
      const out = new Float64Array(million);
      for (let index = 0; index < million; index++)
        out[index] = paretoAlive(
          pnbd.r,
          pnbd.alpha,
          pnbd.s,
          pnbd.beta,
          frequency[index] as number,
          recency[index] as number,
          T[index] as number,
        );
      return out;
    },
  },
);

// --- CLV at scale (issue 14): 1,000,000 customers of a 91-day cohort, Gamma-Gamma spend ------------------------
const clvCustomers = Array.from(population.frequency, (x, index) => ({
  frequency: x,
  recency: population.recency[index] as number,
  T: population.T[index] as number,
  monetaryValue: 20 + (index % 50),
}));
const spendParams = { p: 6.25, q: 3.74, gamma: 15.44 };
// The Pareto/NBD valuation both CLV rows below share: infinite horizon (closed-form DERT), 15% a year.
const paretoClv = {
  transactionModel: { model: "paretoNbd", params: pnbd },
  spendModel: { model: "gammaGamma", params: spendParams },
  horizon: Number.POSITIVE_INFINITY,
  timeUnit: "week",
  discountRate: 0.15,
} as const;
cases.push(
  {
    capability: "clv",
    name: "customerLifetimeValue, BG/NBD + Gamma-Gamma, 52 weeks, 1e6 customers (lifetimes 12.2 s)",
    targetMs: 12_200,
    repeats: 1,
    run: () =>
      customerLifetimeValue({
        transactionModel: { model: "bgnbd", params: bg },
        spendModel: { model: "gammaGamma", params: spendParams },
        customers: clvCustomers,
        horizon: 52,
        timeUnit: "week",
        discountRate: 0.1,
      }),
  },
  {
    capability: "clv",
    name: "customerLifetimeValue, Pareto/NBD DERT × Gamma-Gamma, 1e6 customers (CLVTools 1.15 s)",
    targetMs: 1150,
    repeats: 1,
    run: () => customerLifetimeValue({ ...paretoClv, customers: clvCustomers }),
  },
);

const clvColumns = {
  frequency: Float64Array.from(clvCustomers, (customer) => customer.frequency),
  recency: Float64Array.from(clvCustomers, (customer) => customer.recency),
  T: Float64Array.from(clvCustomers, (customer) => customer.T),
  monetaryValue: Float64Array.from(clvCustomers, (customer) => customer.monetaryValue),
};
cases.push(
  {
    capability: "clv",
    name: "customerLifetimeValue, Pareto/NBD DERT × Gamma-Gamma, 1e6 customers as columns, moneyPerCustomer: false",
    targetMs: 1150,
    repeats: 1,
    run: () => customerLifetimeValue({ ...paretoClv, customers: clvColumns, moneyPerCustomer: false }),
  },
  {
    capability: "clv",
    name: "the same with money per customer (plain loop: the float CLV above; issue 29: ≤ 1.5×)",
    repeats: 3,
    run: () => customerLifetimeValue({ ...paretoClv, customers: clvColumns }),
    baseline: () => customerLifetimeValue({ ...paretoClv, customers: clvColumns, moneyPerCustomer: false }),
  },
);
// The other models on the same customers (the BG/BB on a cohort of 1e6 with 6 opportunities each).
const bgbbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
const bgbbCustomers = bgbb.simulate(bgbbParams, million, { seed: 4, periods: 6 });
cases.push(
  {
    capability: "clv",
    name: "customerLifetimeValue, BG/CNBD-k (k = 2) × Gamma-Gamma, 52 weeks, 1e6 customers as columns",
    targetMs: 12_200,
    repeats: 1,
    run: () =>
      customerLifetimeValue({
        transactionModel: { model: "bgcnbd", params: { k: 2, r: 1.33, alpha: 2.81, a: 0.425, b: 0.79 } },
        spendModel: { model: "gammaGamma", params: spendParams },
        customers: clvColumns,
        horizon: 52,
        timeUnit: "week",
        discountRate: 0.15,
        moneyPerCustomer: false,
      }),
  },
  {
    capability: "clv",
    name: "bgcnbd.conditionalExpectedPurchasesBatch (k = 2) × 1e6, 39 weeks",
    targetMs: 1000,
    repeats: 3,
    run: () =>
      bgcnbd.conditionalExpectedPurchasesBatch({ k: 2, r: 1.33, alpha: 2.81, a: 0.425, b: 0.79 }, 39, clvColumns)
        .values,
  },
  {
    capability: "clv",
    name: "bgbb.conditionalExpectedPurchasesBatch × 1e6, 5 opportunities ahead",
    targetMs: 1000,
    repeats: 3,
    run: () => bgbb.conditionalExpectedPurchasesBatch(bgbbParams, 5, bgbbCustomers).values,
  },
  {
    capability: "clv",
    name: "customerLifetimeValue, BG/BB, 5 opportunities ahead, 1e6 customers as columns",
    targetMs: 1000,
    repeats: 3,
    run: () =>
      customerLifetimeValue({
        transactionModel: { model: "bgbb", params: bgbbParams },
        spendModel: { fixedSpend: 25 },
        customers: bgbbCustomers,
        horizon: 5,
        timeUnit: "year",
        discountRate: 0.1,
        moneyPerCustomer: false,
      }),
  },
);

// --- Distinct rows (issue 29): 100,000 customers with a T of their own, in units of the plain-loop P(alive) ------
// The "× plain loop" column reads in issue 29's units: the case over 100,000 distinct customers divided by
// plainLoopAlive over the million cohort customers, measured alternately in one run.
const hundredThousand = 100_000;
const distinctColumns = {
  frequency: distinctT.frequency.subarray(0, hundredThousand),
  recency: distinctT.recency.subarray(0, hundredThousand),
  T: distinctT.T.subarray(0, hundredThousand),
  monetaryValue: Float64Array.from({ length: hundredThousand }, (_, index) => 20 + (index % 50)),
};
const distinctRows = Array.from(distinctColumns.frequency, (x, index) => ({
  frequency: x,
  recency: distinctColumns.recency[index] as number,
  T: distinctColumns.T[index] as number,
  monetaryValue: distinctColumns.monetaryValue[index] as number,
}));
const bgnbdClv = {
  transactionModel: { model: "bgnbd", params: bg },
  spendModel: { model: "gammaGamma", params: spendParams },
  horizon: 52,
  timeUnit: "week",
  discountRate: 0.1,
} as const;
cases.push(
  {
    capability: "distinct rows",
    name: "CLV Pareto/NBD DERT × GG, 1e5 distinct customers, columns, moneyPerCustomer: false (units; issue 29: ≤ 3)",
    run: () => customerLifetimeValue({ ...paretoClv, customers: distinctColumns, moneyPerCustomer: false }),
    baseline: plainLoopAlive,
  },
  {
    capability: "distinct rows",
    name: "CLV Pareto/NBD DERT × GG, 1e5 distinct customers as rows, money per customer (units)",
    repeats: 3,
    run: () => customerLifetimeValue({ ...paretoClv, customers: distinctRows }),
    baseline: plainLoopAlive,
  },
  {
    capability: "distinct rows",
    name: "CLV BG/NBD + GG, 52 weeks, 1e5 distinct customers, columns, moneyPerCustomer: false (units; issue 29: ≤ 33)",
    repeats: 3,
    run: () => customerLifetimeValue({ ...bgnbdClv, customers: distinctColumns, moneyPerCustomer: false }),
    baseline: plainLoopAlive,
  },
  {
    capability: "distinct rows",
    name: "paretoNbd.fit, 1e5 distinct customers (plain loop: bgnbd.fit on them; issue 29: ≤ 3×)",
    repeats: 3,
    run: () => paretoNbd.fit(distinctColumns),
    baseline: () => bgnbd.fit(distinctColumns),
  },
  {
    capability: "distinct rows",
    name: "CLV BG/NBD + GG, 52 weeks, 1e5 distinct customers as rows, money per customer (units)",
    repeats: 3,
    run: () => customerLifetimeValue({ ...bgnbdClv, customers: distinctRows }),
    baseline: plainLoopAlive,
  },
);

// --- MBG/CNBD-k (issue 14): the k search on BTYDplus's grocery log ------------------------------------------------
const groceryRows = readCsv("btydplus_grocery_elog.csv");
if (groceryRows) {
  const grocery = summarizeTransactions(groceryRows, {
    calibrationEnd: "2006-12-31",
    observationEnd: "2007-12-30",
    timeUnit: "week",
    customerId: "cust",
    date: "date",
  });
  cases.push(
    {
      capability: "clv",
      name: "mbgcnbd.fit, grocery 1,525 customers, k searched until the likelihood falls (picks k = 2; BTYDplus 458 ms)",
      targetMs: 458, // BTYDplus 1.2.0 on this machine kind (issue 14)
      repeats: 5,
      run: () => mbgcnbd.fit(grocery),
    },
    {
      capability: "clv",
      name: "mbgcnbd.fit, grocery, every k from 1 to 12",
      repeats: 3,
      run: () => mbgcnbd.fit(grocery, { kSearch: "all" }),
    },
  );
}

// --- Covariates (issue 11): 100,000 customers, 5 covariates (3 binary, 2 continuous) in each process -----------
const covariateCount = 100_000;
const covariateRandom = createRandomSource(3);
const covariateNames = ["fleet", "premium", "online", "age", "distance"];
const covariateColumns: Record<string, Float64Array> = {
  fleet: Float64Array.from({ length: covariateCount }, () => (covariateRandom() < 0.2 ? 1 : 0)),
  premium: Float64Array.from({ length: covariateCount }, () => (covariateRandom() < 0.3 ? 1 : 0)),
  online: Float64Array.from({ length: covariateCount }, () => (covariateRandom() < 0.5 ? 1 : 0)),
  age: Float64Array.from({ length: covariateCount }, () => sampleNormal(covariateRandom)),
  distance: Float64Array.from({ length: covariateCount }, () => sampleNormal(covariateRandom)),
};
const coefficients = (values: number[]) => Object.fromEntries(covariateNames.map((name, k) => [name, values[k] ?? 0]));
const withCovariates = paretoNbd.simulate(
  {
    r: 0.8,
    alpha: 8,
    s: 0.6,
    beta: 12,
    covariates: {
      transaction: coefficients([0.3, 0.2, -0.1, 0.1, -0.2]),
      lifetime: coefficients([-0.3, -0.2, 0.2, 0.1, 0.1]),
    },
  },
  covariateCount,
  {
    seed: 5,
    T: Float64Array.from({ length: covariateCount }, () => Math.round(182 + 546 * covariateRandom()) / 7),
    covariates: covariateColumns,
  },
);
const covariateData = { ...withCovariates, covariates: covariateColumns };
const bothProcesses = { transaction: covariateNames, lifetime: covariateNames };
const spendData = {
  ...gammaGamma.simulate(
    { p: 5, q: 4, gamma: 20, covariates: { spend: coefficients([0.4, 0.3, 0, 0.1, -0.1]) } },
    Float64Array.from({ length: covariateCount }, (_, index) => 1 + (index % 9)),
    { seed: 6, covariates: covariateColumns },
  ),
  covariates: covariateColumns,
};
cases.push(
  {
    capability: "covariates",
    name: "fitParetoNbdWithCovariates, 100,000 customers × 5 covariates in both processes (with standard errors)",
    targetMs: 5000,
    repeats: 1,
    run: () => fitParetoNbdWithCovariates(covariateData, bothProcesses),
  },
  {
    capability: "covariates",
    name: "fitBgnbdWithCovariates, 100,000 customers × 5 covariates in both processes (with standard errors)",
    targetMs: 5000,
    repeats: 1,
    run: () => fitBgnbdWithCovariates(covariateData, bothProcesses),
  },
  {
    capability: "covariates",
    name: "fitGammaGammaWithCovariates, 100,000 customers × 5 spend covariates (with standard errors)",
    targetMs: 5000,
    repeats: 1,
    run: () => fitGammaGammaWithCovariates(spendData, { spend: covariateNames }),
  },
);

// --- PSV (issue 4) ----------------------------------------------------------------------------------------------
const psvAssumptions = psv.defaultAssumptions({ segment: "mass" }).assumptions;
const psvCurve = buildCurve(psvAssumptions);
const psvVehicles = Array.from({ length: million }, (_, index) => {
  const delivered = new Date(Date.UTC(2014, 0, 1) + (index % 3800) * 86_400_000).toISOString().slice(0, 10);
  return index % 2 === 0
    ? { vehicleId: index, deliveryDate: delivered }
    : { vehicleId: index, deliveryDate: delivered, odometerKm: (index % 3800) * 55, odometerDate: "2024-05-01" };
});
// The same vehicles as columns of day numbers (days since 1970-01-01): no dates to parse.
const psvDayColumns = {
  vehicleId: Int32Array.from({ length: million }, (_, index) => index),
  deliveryDay: Int32Array.from({ length: million }, (_, index) => Date.UTC(2014, 0, 1) / 86_400_000 + (index % 3800)),
  odometerKm: Float64Array.from({ length: million }, (_, index) =>
    index % 2 === 0 ? Number.NaN : (index % 3800) * 55,
  ),
  odometerDay: Float64Array.from({ length: million }, (_, index) =>
    index % 2 === 0 ? Number.NaN : Date.UTC(2024, 4, 1) / 86_400_000,
  ),
};
const psvBaseline = () => {
  // The same arithmetic and outputs over the day columns with no checks: age and progress (the odometer projected to
  // asOf), the curve, the twelve result columns and the ids; no errors, no fleet total.
  const asOfDay = Date.UTC(2024, 5, 1) / 86_400_000;
  const kmPerYear = psvCurve.kmPerYear;
  const { vehicleId, deliveryDay, odometerKm, odometerDay } = psvDayColumns;
  const ids: number[] = new Array(million);
  const column = () => new Float64Array(million);
  const [total, realised, lifetime, remaining] = [column(), column(), column(), column()];
  // One column per component (eight), as the batch returns them.
  const components = Array.from({ length: 8 }, column);
  const values = new Float64Array(24);
  const group = (from: number) => {
    let sum = 0;
    for (let component = 0; component < 8; component++) sum += values[from + component] as number;
    return sum;
  };
  for (let index = 0; index < million; index++) {
    ids[index] = vehicleId[index] as number;
    const delivered = deliveryDay[index] as number;
    const km = odometerKm[index] as number;
    const read = odometerDay[index] as number;
    const age = (asOfDay - delivered) / 365.2425;
    const perDay = read - delivered >= 30 ? km / (read - delivered) : kmPerYear / 365.2425;
    const odometer = Number.isNaN(km) ? age * kmPerYear : km + perDay * (asOfDay - read);
    remaining[index] = evaluateCurve(psvCurve, age, Math.max(age, odometer / kmPerYear), values);
    for (let component = 0; component < 8; component++)
      (components[component] as Float64Array)[index] = values[component] as number;
    total[index] = group(0);
    realised[index] = group(8);
    lifetime[index] = group(16);
  }
  return total;
};
cases.push(
  {
    capability: "psv",
    name: "psv.scoreBatch × 1e6 vehicles, columns of day numbers",
    targetMs: 1000,
    run: () => psv.scoreBatch(psvDayColumns, psvAssumptions, { asOf: "2024-06-01" }),
    baseline: psvBaseline,
  },
  {
    capability: "psv",
    name: "psv.scoreBatch × 1e6 vehicles, rows with date strings",
    targetMs: 1000,
    run: () => psv.scoreBatch(psvVehicles, psvAssumptions, { asOf: "2024-06-01" }),
    baseline: psvBaseline,
  },
);

// --- The call list (issue 9): assessCustomers on a generated dealer, and at a million vehicles ---------------------
const dealer = generateDealerData({ vehicles: 12_000, seed: 1, asOf: "2024-06-30", prospectShare: 0 });
const dealerVehicles = dealer.flatMap((customer) =>
  customer.vehicles.map((vehicle) => ({ ...vehicle, customerId: customer.customerId })),
);
const dealerEvents = dealer.flatMap((customer) => customer.serviceEvents);
const dealerAssumptions = psv.calibrate({
  vehicles: dealerVehicles,
  serviceEvents: dealerEvents,
  asOf: "2024-06-30",
}).assumptions;
// psv.calibrate is linear in the vehicles, also when one fleet customer owns them all (issue 13.10: 40,000 took
// 42.7 s and 150,000 overflowed the stack): compare the two rows, ×10 vehicles should take about ×10 time.
const fleetOf = (count: number) => {
  const vehicles = Array.from({ length: count }, (_, index) => ({
    vehicleId: index,
    customerId: "FLEET",
    deliveryDate: new Date(Date.UTC(2015, 0, 1) + (index % 3000) * 86_400_000).toISOString().slice(0, 10),
  }));
  const serviceEvents = vehicles.map((vehicle) => ({
    vehicleId: vehicle.vehicleId,
    date: "2024-03-01",
    type: "maintenance" as const,
    margin: 200,
  }));
  return { vehicles, serviceEvents, asOf: "2024-06-30" };
};
for (const count of [10_000, 100_000]) {
  const fleet = fleetOf(count);
  cases.push({
    capability: "psv",
    name: `psv.calibrate, one fleet customer with ${count.toLocaleString("en-US")} vehicles (linear: compare the two rows)`,
    repeats: 1,
    run: () => psv.calibrate(fleet),
  });
}
const assessDealer = () =>
  psv.assessCustomers({
    vehicles: dealerVehicles,
    serviceEvents: dealerEvents,
    asOf: "2024-06-30",
    assumptions: dealerAssumptions,
  });
// The same dealer as columns: day numbers, numeric ids and margins in typed arrays (the route for a warehouse export).
const dayNumber = (date: string) => Date.parse(date) / 86_400_000;
const dealerColumns = {
  vehicles: {
    vehicleId: Int32Array.from(dealerVehicles, (vehicle) => Number(String(vehicle.vehicleId).slice(1))),
    customerId: Int32Array.from(dealerVehicles, (vehicle) => Number(String(vehicle.customerId).slice(1))),
    deliveryDay: Int32Array.from(dealerVehicles, (vehicle) => dayNumber(String(vehicle.deliveryDate))),
    odometerKm: Float64Array.from(dealerVehicles, (vehicle) => vehicle.odometerKm ?? Number.NaN),
    odometerDay: Float64Array.from(dealerVehicles, (vehicle) =>
      vehicle.odometerDate === undefined ? Number.NaN : dayNumber(String(vehicle.odometerDate)),
    ),
  },
  serviceEvents: {
    vehicleId: Int32Array.from(dealerEvents, (event) => Number(String(event.vehicleId).slice(1))),
    day: Int32Array.from(dealerEvents, (event) => dayNumber(String(event.date))),
    type: dealerEvents.map((event) => event.type),
    odometerKm: Float64Array.from(dealerEvents, (event) => event.odometerKm ?? Number.NaN),
    margin: Float64Array.from(dealerEvents, (event) =>
      event.margin === undefined ? Number.NaN : Number(event.margin),
    ),
  },
  asOf: "2024-06-30",
};
const columnAssumptions = psv.calibrate(dealerColumns).assumptions;
cases.push({
  capability: "psv",
  name: `psv.calibrate on the same dealer as columns (plain loop: its psv.assessCustomers from the columns; issue 29: ≤ 1×)`,
  repeats: 5,
  run: () => psv.calibrate(dealerColumns),
  baseline: () => psv.assessCustomers({ ...dealerColumns, assumptions: columnAssumptions }),
});
cases.push({
  capability: "psv",
  name: `psv.calibrate on the same dealer (plain loop: its psv.assessCustomers; issue 29: ≤ 1×)`,
  repeats: 3,
  run: () => psv.calibrate({ vehicles: dealerVehicles, serviceEvents: dealerEvents, asOf: "2024-06-30" }),
  baseline: assessDealer,
});
/** The dealer in 8 partitions (whole customers), calibrated in JSON rounds as other processes would. */
function calibrateInRounds(): unknown {
  const parts = Array.from({ length: 8 }, (_, k) => {
    const owners = dealer.filter((_, index) => index % 8 === k);
    return {
      vehicles: owners.flatMap((customer) =>
        customer.vehicles.map((vehicle) => ({ ...vehicle, customerId: customer.customerId })),
      ),
      serviceEvents: owners.flatMap((customer) => customer.serviceEvents),
    };
  });
  let round = psv.startCalibration({ asOf: "2024-06-30" });
  for (;;) {
    const statistics = parts.map((part) => JSON.parse(JSON.stringify(psv.calibrationStatistics(round, part))));
    const step = psv.continueCalibration(round, statistics);
    if (step.done) return step.result;
    round = JSON.parse(JSON.stringify(step.round));
  }
}
cases.push({
  capability: "psv",
  name: "psv calibration rounds: the same dealer in 8 partitions, every round and statistics through JSON (plain loop: psv.calibrate; 3 passes)",
  repeats: 3,
  run: calibrateInRounds,
  baseline: () => psv.calibrate({ vehicles: dealerVehicles, serviceEvents: dealerEvents, asOf: "2024-06-30" }),
});
cases.push({
  capability: "psv",
  name: `psv.assessCustomers × ${dealer.length.toLocaleString("en-US")} customers (${dealerEvents.length.toLocaleString("en-US")} events)`,
  targetMs: 1000,
  repeats: 3,
  run: () =>
    psv.assessCustomers({
      vehicles: dealerVehicles,
      serviceEvents: dealerEvents,
      asOf: "2024-06-30",
      assumptions: dealerAssumptions,
    }),
});

// Two years of quarterly reminder campaigns over the same dealer's owners (20% held out, 85% of attempts reached):
// the log evaluate.campaign measures and assessCustomers learns reachability from (issue 24).
const campaignContacts = (() => {
  let state = 12_345;
  const random = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
  const owners = [...new Set(dealerVehicles.map((vehicle) => vehicle.customerId))];
  const dates = [
    "2022-06-01",
    "2022-09-01",
    "2022-12-01",
    "2023-03-01",
    "2023-06-01",
    "2023-09-01",
    "2023-12-01",
    "2024-03-01",
  ];
  return dates.flatMap((date) =>
    owners.map((customerId) =>
      random() < 0.2
        ? { customerId, date, group: "control" as const }
        : { customerId, date, group: "treatment" as const, reached: random() < 0.85 },
    ),
  );
})();
cases.push(
  {
    capability: "psv",
    name: `evaluate.campaign, ${campaignContacts.length.toLocaleString("en-US")} contacts in 8 campaigns (${dealerEvents.length.toLocaleString("en-US")} events)`,
    targetMs: 2000,
    repeats: 3,
    run: () =>
      evaluate.campaign({
        contacts: campaignContacts,
        vehicles: dealerVehicles,
        serviceEvents: dealerEvents,
        asOf: "2024-06-30",
        responseWindowDays: 60,
      }),
  },
  {
    capability: "psv",
    name: `psv.assessCustomers with the campaign log (${campaignContacts.length.toLocaleString("en-US")} contacts)`,
    targetMs: 1000,
    repeats: 3,
    run: () =>
      psv.assessCustomers({
        vehicles: dealerVehicles,
        serviceEvents: dealerEvents,
        contacts: campaignContacts,
        asOf: "2024-06-30",
        assumptions: dealerAssumptions,
      }),
  },
);

// The issue-24 target: 12,000 owners with two years of monthly campaigns (owners due from 120 days overdue to 240
// ahead, 20% held out), generated with their logged contacts; calibrate learns the reminder effect, assess uses it.
const campaignWorld = (() => {
  const dates = Array.from({ length: 24 }, (_, k) =>
    new Date(Date.parse("2021-07-10") + Math.round(k * 30.4) * 86_400_000).toISOString().slice(0, 10),
  );
  const data = generateDealerData({
    vehicles: 12_000,
    seed: 3,
    asOf: "2023-06-30",
    prospectShare: 0,
    campaigns: { dates, leadDays: [-120, 240] },
  });
  return {
    vehicles: data.flatMap((c) => c.vehicles.map((v) => ({ ...v, customerId: c.customerId }))),
    serviceEvents: data.flatMap((c) => c.serviceEvents),
    contacts: data.flatMap((c) => (c.contacts ?? []).map((row) => ({ ...row, customerId: c.customerId }))),
  };
})();
cases.push({
  capability: "psv",
  name: `psv.calibrate + psv.assessCustomers, 12,000 owners, 2 years of campaigns (${campaignWorld.contacts.length.toLocaleString("en-US")} contacts; issue 24: < 2 s)`,
  targetMs: 2000,
  repeats: 3,
  run: () => {
    const { assumptions } = psv.calibrate({ ...campaignWorld, asOf: "2023-06-30" });
    return psv.assessCustomers({ ...campaignWorld, asOf: "2023-06-30", assumptions, rows: 200 });
  },
});

// --- RFM and lifecycle (issue 5) --------------------------------------------------------------------------------
const rfmColumns = {
  daysSinceLastPurchase: Float64Array.from({ length: million }, (_, index) => (index * 7919) % 1500),
  purchaseCount: Float64Array.from({ length: million }, (_, index) => 1 + ((index * 104_729) % 40)),
  totalSpend: Float64Array.from({ length: million }, (_, index) => ((index * 15_485_863) % 1_000_000) / 100),
};
// Realistic customers (generateDealerData: vehicles, visits with odometer readings, contracts, leads, trade-ins), a
// quarter of a million generated and listed four times over: 1.1 million customers, 12.8 million service events.
// Built on first use (the warm-up run), like the big dealer below.
let lifecycleCustomers: ReturnType<typeof generateDealerData> = [];
const realisticCustomers = () => {
  if (lifecycleCustomers.length === 0) {
    const generated = generateDealerData({ vehicles: 250_000, seed: 7, asOf: "2024-06-30" });
    lifecycleCustomers = [...generated, ...generated, ...generated, ...generated];
  }
  return lifecycleCustomers;
};
cases.push(
  {
    capability: "rfm",
    name: "rfm.scoreColumns × 1e6 customers (quintiles)",
    targetMs: 500,
    run: () => rfm.scoreColumns(rfmColumns),
    baseline: () => {
      // Plain quintiles by rank (no tie rule, no validation): sort a copy, then compare with four cut values.
      const out = new Uint8Array(million);
      for (const column of [rfmColumns.daysSinceLastPurchase, rfmColumns.purchaseCount, rfmColumns.totalSpend]) {
        const sorted = Float64Array.from(column).sort();
        const cuts = [0.2, 0.4, 0.6, 0.8].map((share) => sorted[Math.floor(share * million)] as number);
        for (let index = 0; index < million; index++) {
          const value = column[index] as number;
          let level = 0;
          while (level < 4 && value >= (cuts[level] as number)) level++;
          out[index] = level + 1;
        }
      }
      return out;
    },
  },
  {
    capability: "lifecycle",
    name: "lifecycle.classifyBatch × 1.1e6 generated customers, 12.8e6 events (issue: seconds)",
    targetMs: 20_000,
    repeats: 1,
    run: () => lifecycle.classifyBatch(realisticCustomers(), { asOf: "2024-06-30" }),
    baseline: () => {
      // Reading every field classification reads, with no checks and no output: the cost of touching the objects.
      let sum = 0;
      for (const customer of realisticCustomers()) {
        sum += customer.leads.length + customer.purchases.length + customer.contracts.length;
        for (const vehicle of customer.vehicles) sum += vehicle.deliveryDate.charCodeAt(9) + (vehicle.odometerKm ?? 0);
        for (const event of customer.serviceEvents)
          sum += event.date.charCodeAt(9) + (event.type === "maintenance" ? 1 : 0) + (event.odometerKm ?? 0);
      }
      return sum;
    },
  },
  {
    capability: "lifecycle",
    name: "lifecycle.classifyBatch, the same, reasons: false",
    targetMs: 10_000,
    repeats: 1,
    run: () => lifecycle.classifyBatch(realisticCustomers(), { asOf: "2024-06-30", reasons: false }),
  },
);

// --- foundation ------------------------------------------------------------------------------------------------
const inputs = Float64Array.from({ length: million }, (_, index) => 0.1 + (index % 1000) * 0.37);
cases.push(
  {
    capability: "math",
    name: "logGamma × 1e6",
    run: () => {
      let sum = 0;
      for (let index = 0; index < million; index++) sum += logGamma(inputs[index] as number);
      return sum;
    },
  },
  {
    capability: "math",
    name: "neumaierSum × 1e6 (compensated)",
    run: () => neumaierSum(inputs),
    baseline: () => {
      let sum = 0;
      for (let index = 0; index < million; index++) sum += inputs[index] as number;
      return sum;
    },
  },
  {
    capability: "money",
    name: "sumMoney × 1e5 decimal strings",
    repeats: 3,
    run: () => sumMoney(Array.from({ length: 100_000 }, (_, index) => `${index}.25`)),
  },
);

// Last, so that its ten million event objects do not slow the garbage collection of every other case; built on the
// first (untimed, warm-up) run. A million vehicles with ten events each, as rows (what a CRM export gives).
const bigDates = Array.from({ length: 4000 }, (_, day) =>
  new Date(Date.UTC(2014, 0, 1) + day * 86_400_000).toISOString().slice(0, 10),
);
const eventTypes = ["maintenance", "repair", "insurance", "detailing", "other"] as const;
function buildBigDealer(): { vehicles: psv.AssessVehicle[]; events: psv.AssessEvent[] } {
  const bigVehicles: psv.AssessVehicle[] = [];
  const bigEvents: psv.AssessEvent[] = [];
  for (let vehicle = 0; vehicle < million; vehicle++) {
    const delivered = (vehicle * 7) % 3600;
    bigVehicles.push({
      vehicleId: vehicle,
      customerId: vehicle - (vehicle % 3 === 2 ? 1 : 0),
      deliveryDate: bigDates[delivered] as string,
    });
    for (let k = 0; k < 10; k++) {
      const day = delivered + Math.floor(((k + 1) * (3700 - delivered)) / 11);
      bigEvents.push({
        vehicleId: vehicle,
        date: bigDates[day] as string,
        type: eventTypes[k % 5] as (typeof eventTypes)[number],
        odometerKm: (day - delivered) * 52,
        margin: `${300 + ((k * 37) % 200)}.50`,
      });
    }
  }
  return { vehicles: bigVehicles, events: bigEvents };
}
// The same dealer as columns: ids, day numbers, km and margins in typed arrays (about 0.3 GB for the events).
function buildBigColumns() {
  const eventCount = 10 * million;
  const vehicles = {
    vehicleId: new Int32Array(million),
    customerId: new Int32Array(million),
    deliveryDay: new Int32Array(million),
  };
  const serviceEvents = {
    vehicleId: new Int32Array(eventCount),
    day: new Int32Array(eventCount),
    type: new Array<(typeof eventTypes)[number]>(eventCount),
    odometerKm: new Float64Array(eventCount),
    margin: new Float64Array(eventCount),
  };
  const firstDay = Date.UTC(2014, 0, 1) / 86_400_000;
  for (let vehicle = 0; vehicle < million; vehicle++) {
    const delivered = (vehicle * 7) % 3600;
    vehicles.vehicleId[vehicle] = vehicle;
    vehicles.customerId[vehicle] = vehicle - (vehicle % 3 === 2 ? 1 : 0);
    vehicles.deliveryDay[vehicle] = firstDay + delivered;
    for (let k = 0; k < 10; k++) {
      const row = vehicle * 10 + k;
      const day = delivered + Math.floor(((k + 1) * (3700 - delivered)) / 11);
      serviceEvents.vehicleId[row] = vehicle;
      serviceEvents.day[row] = firstDay + day;
      serviceEvents.type[row] = eventTypes[k % 5] as (typeof eventTypes)[number];
      serviceEvents.odometerKm[row] = (day - delivered) * 52;
      serviceEvents.margin[row] = 300 + ((k * 37) % 200) + 0.5;
    }
  }
  return { vehicles, serviceEvents };
}
let bigColumns: ReturnType<typeof buildBigColumns> | undefined;
cases.push({
  capability: "psv",
  name: "psv.assessCustomers × 1e6 vehicles, 1e7 events as columns of day numbers (rows: 1,000)",
  targetMs: 10_000,
  repeats: 1,
  run: () => {
    bigColumns ??= buildBigColumns();
    return psv.assessCustomers({ ...bigColumns, asOf: "2024-06-30", rows: 1000 });
  },
});
let bigDealer: { vehicles: psv.AssessVehicle[]; events: psv.AssessEvent[] } | undefined;
cases.push({
  capability: "psv",
  name: "psv.assessCustomers × 1e6 vehicles, 1e7 events as rows (rows: 1,000; columns for all)",
  targetMs: 10_000,
  repeats: 1,
  run: () => {
    bigDealer ??= buildBigDealer();
    return psv.assessCustomers({
      vehicles: bigDealer.vehicles,
      serviceEvents: bigDealer.events,
      asOf: "2024-06-30",
      rows: 1000,
    });
  },
});

// --- UDF (issue 28) ---------------------------------------------------------------------------------------------
// The UDF script in a bare vm context as the warehouse contract tests run it, its data made in the context: one
// scalar call per row against the batch over the same 200,000 customers in the same context (target: the scalar
// ≤ 3× the batch per row, the "× plain loop" column). Node's vm contexts look every global (Math, Float64Array) up
// through an interceptor, so both run 5–50× slower than in a warehouse's own V8 isolate: compare the ratio only.
const udfRows = 200_000;
const warehouse = vm.createContext({
  source: {
    x: Array.from(distinctT.frequency.subarray(0, udfRows)),
    tx: Array.from(distinctT.recency.subarray(0, udfRows)),
    age: Array.from(distinctT.T.subarray(0, udfRows)),
  },
});
vm.runInContext(udfBundle("."), warehouse);
vm.runInContext(
  "var x = Float64Array.from(source.x), tx = Float64Array.from(source.tx), age = Float64Array.from(source.age);",
  warehouse,
);
// And the same script in this realm (through new Function, as an isolate of its own would run it): absolute costs.
const realmUdf = new Function(`${udfBundle(".")}; return autoclvUdf;`)();
const realmData = vm.runInContext("({ x: source.x, tx: source.tx, age: source.age })", warehouse);
const [realmX, realmTx, realmAge] = [realmData.x, realmData.tx, realmData.age].map((values) =>
  Float64Array.from(values),
);
const inWarehouse = (source: string) => vm.runInContext(`(() => { ${source} })`, warehouse) as () => unknown;
const inRealm = (source: string) => {
  const run = new Function("autoclvUdf", "x", "tx", "age", source);
  return () => run(realmUdf, realmX, realmTx, realmAge);
};
const loopOver = (call: string) =>
  `const f = autoclvUdf, X = x, TX = tx, AGE = age, out = new Float64Array(X.length); for (let i = 0; i < X.length; i++) out[i] = ${call}; return out;`;
const udfCases: [string, string, string][] = [
  [
    "BG/NBD P(alive)",
    "f.bgnbdProbabilityAlive(0.243, 4.414, 0.793, 2.426, X[i], TX[i], AGE[i])",
    "return autoclvUdf.bgnbdProbabilityAliveBatch({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { frequency: x, recency: tx, T: age });",
  ],
  [
    "BG/NBD E[Y(39)]",
    "f.bgnbdConditionalExpectedPurchases(0.243, 4.414, 0.793, 2.426, 39, X[i], TX[i], AGE[i])",
    "return autoclvUdf.bgnbdConditionalExpectedPurchasesBatch({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, { frequency: x, recency: tx, T: age });",
  ],
  [
    "Pareto/NBD P(alive)",
    "f.paretoNbdProbabilityAlive(0.5534, 10.58, 0.6061, 11.656, X[i], TX[i], AGE[i])",
    "return autoclvUdf.paretoNbdProbabilityAliveBatch({ r: 0.5534, alpha: 10.58, s: 0.6061, beta: 11.656 }, { frequency: x, recency: tx, T: age });",
  ],
  [
    "Pareto/NBD E[Y(39)]",
    "f.paretoNbdConditionalExpectedPurchases(0.5534, 10.58, 0.6061, 11.656, 39, X[i], TX[i], AGE[i])",
    "return autoclvUdf.paretoNbdConditionalExpectedPurchasesBatch({ r: 0.5534, alpha: 10.58, s: 0.6061, beta: 11.656 }, 39, { frequency: x, recency: tx, T: age });",
  ],
];
for (const [name, call, batch] of udfCases) {
  cases.push({
    capability: "udf",
    name: `${name}: scalar UDF × 2e5 rows in a vm context (plain loop = the batch there)`,
    repeats: 3,
    run: inWarehouse(loopOver(call)),
    baseline: inWarehouse(batch),
  });
  cases.push({
    capability: "udf",
    name: `${name}: scalar UDF × 2e5 rows, the script in this realm (plain loop = the batch)`,
    run: inRealm(loopOver(call)),
    baseline: inRealm(batch),
  });
}

// `npm run bench -- <text> [<text> …]` runs only the cases whose capability or name contains one of the texts.
const only = process.argv.slice(2);
printTable(
  cases
    .filter(
      (benchCase) =>
        only.length === 0 || only.some((text) => `${benchCase.capability} ${benchCase.name}`.includes(text)),
    )
    .map(measure),
);
