// One valid call of every public function of every entry point (autoclv, autoclv/charts, autoclv/math, autoclv/udf), with the
// argument that holds its options. The input-layer tests start from these calls: a misspelt option must be named,
// and a hostile value in any input position must give a typed error or a result.
import * as library from "../../src/index.js";
import * as math from "../../src/math/index.js";

const { bgnbd, bgbb, bgcnbd, mbgcnbd, mbgnbd, paretoNbd, gammaGamma, shiftedBetaGeometric, evaluate, psv } = library;

/** A valid call: its arguments (built fresh each time) and, when it has one, the index of its options argument. */
export interface PublicCall {
  readonly args: () => unknown[];
  /** The argument whose names are options (an options object, a nested model record, a schedule …). */
  readonly options?: number;
  /** The option name to misspell when the valid call sets none (else the first name it sets). */
  readonly misspell?: string;
}

const bgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const paretoParams = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 };
const cnbdParams = { k: 2, r: 1.33, alpha: 2.81, a: 0.425, b: 0.79 };
const bgbbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
const spendParams = { p: 6.25, q: 3.74, gamma: 15.44 };
const sbgParams = { alpha: 0.704, beta: 1.182 };
const customer = { frequency: 2, recency: 30.43, T: 38.86 };
const discreteCustomer = { frequency: 3, recency: 4, periods: 6 };

/** 60 simulated customers with holdout purchases and spend: enough for every fit and model check to run. */
function summaries() {
  const simulated = bgnbd.simulate(bgnbdParams, 60, { seed: 3, T: 38, holdout: 39 });
  const spend = gammaGamma.simulate(spendParams, simulated.frequency, { seed: 4 });
  return Array.from(simulated.frequency, (frequency, index) => ({
    customerId: index,
    frequency,
    recency: simulated.recency[index] as number,
    T: simulated.T[index] as number,
    holdoutFrequency: simulated.holdoutFrequency[index] as number,
    monetaryValue: frequency > 0 ? (spend.monetaryValue[index] as number) : 0,
    sumLogInterPurchaseTimes:
      frequency > 0 ? frequency * Math.log((simulated.recency[index] as number) / frequency) : 0,
    covariates: { channel: index % 2 },
  }));
}
const spendRows = () => summaries().filter((row) => row.frequency > 0);
const discreteRows = () => [
  { frequency: 3, recency: 4, periods: 6, weight: 10 },
  { frequency: 0, recency: 0, periods: 6, weight: 30 },
  { frequency: 6, recency: 6, periods: 6, weight: 5 },
  { frequency: 1, recency: 2, periods: 6, weight: 12 },
  { frequency: 2, recency: 5, periods: 6, weight: 8 },
];
const log = () => [
  { id: 1, day: "2024-01-01", amount: "10.50" },
  { id: 1, day: "2024-01-03", amount: 3 },
  { id: 2, day: "2024-01-02", amount: 4 },
  { id: 2, day: "2024-01-09", amount: 8 },
  { id: 3, day: "2024-02-01", amount: 1 },
];
const assumptions = () => psv.defaultAssumptions({ segment: "mass" }).assumptions;
const dealer = () => {
  const base = library.generateDealerData({ vehicles: 40, seed: 2, asOf: "2024-06-01" });
  return {
    vehicles: base.flatMap((owner) => owner.vehicles.map((vehicle) => ({ ...vehicle, customerId: owner.customerId }))),
    serviceEvents: base.flatMap((owner) => owner.serviceEvents),
    customers: base,
  };
};
const lifecycleCustomer = () => ({
  customerId: 1,
  vehicles: [{ vehicleId: "V1", deliveryDate: "2022-03-01" }],
  serviceEvents: [{ vehicleId: "V1", date: "2024-02-01", type: "maintenance", odometerKm: 64_000 }],
});
const model = { model: "bgnbd", params: bgnbdParams } as const;
const bgnbdDraws = () => ({
  model: "bgnbd" as const,
  method: "normal" as const,
  seed: 1,
  estimate: bgnbdParams,
  params: [bgnbdParams, { ...bgnbdParams, r: 0.25 }, { ...bgnbdParams, a: 0.7 }],
  warnings: [],
});
const modelCheck = (options: object) => () => [model, summaries(), options];
const quadratic = (x: Float64Array) => ((x[0] as number) - 1) ** 2 + ((x[1] as number) + 2) ** 2;

/** Continuous-time model namespaces share one set of calls. */
function continuousModel(name: string, params: object, simulateOptions: object = { seed: 1, T: 38 }) {
  return {
    [`${name}.fit`]: { args: () => [summaries(), { maxIterations: 200 }], options: 1 },
    [`${name}.simulate`]: { args: () => [params, 20, simulateOptions], options: 2 },
    [`${name}.logLikelihood`]: { args: () => [params, summaries()] },
    [`${name}.probabilityAlive`]: { args: () => [params, customer] },
    [`${name}.probabilityAliveBatch`]: { args: () => [params, summaries()] },
    [`${name}.conditionalExpectedPurchases`]: { args: () => [params, 10, customer] },
    [`${name}.conditionalExpectedPurchasesBatch`]: { args: () => [params, 10, summaries()] },
    [`${name}.expectedPurchases`]: { args: () => [params, 10] },
    [`${name}.expectedCumulativeTransactions`]: { args: () => [params, [38, 30, 20], 78, 78] },
    [`${name}.probabilityOfPurchases`]: { args: () => [params, 10, 2] },
    [`${name}.scorePatterns`]: { args: () => [params, summaries(), { horizon: 10 }], options: 2 },
  } satisfies Record<string, PublicCall>;
}

export const PUBLIC_CALLS: Record<string, PublicCall> = {
  ...continuousModel("bgnbd", bgnbdParams),
  ...continuousModel("mbgnbd", bgnbdParams),
  ...continuousModel("paretoNbd", paretoParams),
  ...continuousModel("bgcnbd", cnbdParams),
  ...continuousModel("mbgcnbd", cnbdParams),
  "bgcnbd.fit": { args: () => [summaries(), { k: 2, maxIterations: 200 }], options: 1, misspell: "maxIterations" },
  "mbgcnbd.fit": { args: () => [summaries(), { k: 2, maxIterations: 200 }], options: 1, misspell: "maxIterations" },
  "bgnbd.conditionalProbabilityAlive": { args: () => [bgnbdParams, 10, customer] },
  "bgnbd.conditionalProbabilityOfPurchases": { args: () => [bgnbdParams, 10, 1, customer] },
  "bgnbd.individualParams": { args: () => [bgnbdParams] },
  "mbgnbd.conditionalProbabilityAlive": { args: () => [bgnbdParams, 10, customer] },
  "mbgnbd.conditionalProbabilityOfPurchases": { args: () => [bgnbdParams, 10, 1, customer] },
  "paretoNbd.conditionalProbabilityAlive": { args: () => [paretoParams, 10, customer] },
  "paretoNbd.conditionalProbabilityOfPurchases": { args: () => [paretoParams, 10, 1, customer] },
  "paretoNbd.discountedExpectedResidualTransactions": { args: () => [paretoParams, 0.002, customer] },
  "paretoNbd.individualParams": { args: () => [paretoParams] },
  "bgbb.fit": { args: () => [discreteRows(), { maxIterations: 200 }], options: 1 },
  "bgbb.simulate": { args: () => [bgbbParams, 20, { seed: 1, periods: 6 }], options: 2 },
  "bgbb.logLikelihood": { args: () => [bgbbParams, discreteRows()] },
  "bgbb.probabilityAlive": { args: () => [bgbbParams, discreteCustomer] },
  "bgbb.probabilityAliveBatch": { args: () => [bgbbParams, discreteRows()] },
  "bgbb.conditionalExpectedPurchases": { args: () => [bgbbParams, 5, discreteCustomer] },
  "bgbb.conditionalExpectedPurchasesBatch": { args: () => [bgbbParams, 5, discreteRows()] },
  "bgbb.conditionalProbabilityAlive": { args: () => [bgbbParams, 5, discreteCustomer] },
  "bgbb.conditionalProbabilityOfPurchases": { args: () => [bgbbParams, 5, 2, discreteCustomer] },
  "bgbb.discountedExpectedResidualTransactions": { args: () => [bgbbParams, 0.1, discreteCustomer] },
  "bgbb.expectedPurchases": { args: () => [bgbbParams, 5] },
  "bgbb.expectedCumulativeTransactions": { args: () => [bgbbParams, [6, 6, 5], 11] },
  "bgbb.probabilityOfPurchases": { args: () => [bgbbParams, 5, 2] },
  "bgbb.summarizeTransactions": {
    args: () => [log(), { customerId: "id", date: "day", timeUnit: "week", calibrationEnd: "2024-03-01" }],
    options: 1,
  },
  "bgbb.toPatterns": { args: () => [discreteRows()] },
  "gammaGamma.fit": { args: () => [spendRows(), { maxIterations: 200 }], options: 1 },
  "gammaGamma.simulate": { args: () => [spendParams, [1, 2, 5], { seed: 1 }], options: 2 },
  "gammaGamma.logLikelihood": { args: () => [spendParams, spendRows()] },
  "gammaGamma.conditionalExpectedSpend": { args: () => [spendParams, { frequency: 2, monetaryValue: 20 }] },
  "gammaGamma.conditionalExpectedSpendBatch": { args: () => [spendParams, spendRows()] },
  "gammaGamma.expectedSpend": { args: () => [spendParams] },
  "gammaGamma.individualParams": { args: () => [spendParams] },
  "shiftedBetaGeometric.fit": {
    args: () => [{ survivors: [1000, 631, 468, 382, 326] }, {}],
    options: 1,
    misspell: "maxIterations",
  },
  "shiftedBetaGeometric.simulate": { args: () => [sbgParams, 100, { seed: 1, periods: 4 }], options: 2 },
  "shiftedBetaGeometric.logLikelihood": { args: () => [sbgParams, { survivors: [1000, 631, 468] }] },
  "shiftedBetaGeometric.churnProbability": { args: () => [sbgParams, 3] },
  "shiftedBetaGeometric.survivalProbability": { args: () => [sbgParams, 3] },
  "shiftedBetaGeometric.retentionRate": { args: () => [sbgParams, 3] },
  "shiftedBetaGeometric.projectSurvivors": { args: () => [sbgParams, 1000, 5] },
  "shiftedBetaGeometric.discountedExpectedLifetime": { args: () => [sbgParams, 0.1] },
  "shiftedBetaGeometric.discountedExpectedResidualLifetime": { args: () => [sbgParams, 0.1, 2] },
  customerLifetimeValue: {
    args: () => [
      {
        transactionModel: { model: "bgnbd", params: bgnbdParams },
        spendModel: { model: "gammaGamma", params: spendParams },
        customers: summaries(),
        horizon: 52,
        timeUnit: "week",
        discountRate: 0.1,
        margin: 0.3,
      },
    ],
    options: 0,
    misspell: "margin",
  },
  retentionLifetimeValue: { args: () => [{ margin: "100", retentionRate: 0.8, discountRate: 0.1 }], options: 0 },
  dummyCode: { args: () => [["a", "b", "a"], { name: "segment", reference: "a" }], options: 1 },
  fitBgnbdWithCovariates: { args: () => [summaries(), { transaction: ["channel"], maxIterations: 100 }], options: 1 },
  fitParetoNbdWithCovariates: {
    args: () => [summaries(), { transaction: ["channel"], maxIterations: 100 }],
    options: 1,
  },
  fitGammaGammaWithCovariates: { args: () => [spendRows(), { spend: ["channel"], maxIterations: 100 }], options: 1 },
  summarizeTransactions: {
    args: () => [
      log(),
      { customerId: "id", date: "day", amount: "amount", observationEnd: "2024-03-01", timeUnit: "week" },
    ],
    options: 1,
    misspell: "observationEnd",
  },
  generateDealerData: { args: () => [{ vehicles: 5, seed: 1, asOf: "2024-06-01" }], options: 0, misspell: "vehicles" },
  validateTransactions: { args: () => [log().map(({ id, day, amount }) => ({ customerId: id, date: day, amount }))] },
  assertConverged: { args: () => [{ converged: true, iterations: 12, message: "ok" }] },
  parseMoney: { args: () => ["19.99", { field: "price" }], options: 1 },
  roundMoney: { args: () => ["2.345", { rounding: "half-up" }], options: 1 },
  sumMoney: { args: () => [["1.10", 2, "3"]] },
  toPlainData: { args: () => [{ total: library.sumMoney(["1.10", 2]), rows: [new Float64Array(2)] }] },
  "evaluate.areaUnderRoc": {
    args: () => [
      [0.9, 0.2, 0.6],
      [1, 0, 1],
    ],
  },
  "evaluate.brierScore": {
    args: () => [
      [0.9, 0.2, 0.6],
      [1, 0, 1],
    ],
  },
  "evaluate.campaign": {
    args: () => {
      const { vehicles, serviceEvents } = dealer();
      const customers = [...new Set(vehicles.map((vehicle) => vehicle.customerId))];
      const contacts = customers.map((customerId, index) => ({
        customerId,
        date: index % 2 === 0 ? "2023-06-01" : "2023-09-01",
        group: index % 3 === 0 ? "control" : "treatment",
      }));
      return [{ contacts, vehicles, serviceEvents, asOf: "2024-06-01", responseWindowDays: 60 }];
    },
    options: 0,
    misspell: "responseWindowDays",
  },
  "evaluate.capturedValue": { args: () => [[3, 1, 2, 0], [10, 0, 5, 5], 0.5] },
  "evaluate.splitByDate": { args: () => [[{ date: "2022-01-05" }, { date: "2022-07-01" }], "2022-06-30"] },
  "evaluate.calibrationVsHoldout": { args: modelCheck({ holdoutLength: 39 }), options: 2 },
  "evaluate.holdoutErrors": { args: modelCheck({ holdoutLength: 39 }), options: 2 },
  "evaluate.periodTransactions": { args: modelCheck({ maxFrequency: 5 }), options: 2 },
  "evaluate.compareModels": {
    args: () => [[{ model: "bgnbd", fit: { params: bgnbdParams, logLikelihood: -100 } }], { observations: 60 }],
    options: 1,
  },
  "evaluate.fitSummary": {
    args: () => [
      {
        params: bgnbdParams,
        logLikelihood: -100,
        standardErrors: { r: 0.02, alpha: 0.3, a: 0.1, b: 0.4 },
        converged: true,
        message: "ok",
      },
      { observations: 60, level: 0.9 },
    ],
    options: 1,
  },
  "evaluate.compareRankings": {
    args: () => [{ good: [3, 2, 1], bad: [1, 2, 3] }, [5, 1, 0], { shares: [0.3], reference: "good" }],
    options: 2,
  },
  "evaluate.decileCalibration": { args: () => [[4, 3, 2, 1], [5, 2, 2, 0], { groups: 2 }], options: 2 },
  "evaluate.frequencyRecencyMatrix": {
    args: () => [model, { T: 38, maxFrequency: 5 }],
    options: 1,
    misspell: "maxFrequency",
  },
  "evaluate.gainsCurve": { args: () => [[3, 2, 1, 0], [5, 3, 2, 0], { points: 4 }], options: 2 },
  "evaluate.heterogeneity": { args: () => [model, { points: 10 }], options: 1 },
  "evaluate.probabilityAliveHistory": { args: () => [model, [0, 5, 10], { end: 39, steps: 39 }], options: 2 },
  "evaluate.repeatTransactionsByPeriod": { args: () => [log(), { customerId: "id", date: "day" }], options: 1 },
  "evaluate.spendCheck": { args: () => [spendParams, spendRows(), { bins: 5 }], options: 2 },
  "evaluate.tracking": {
    args: () => [model, { calibrationT: [38, 30, 20], actualCumulative: [0, 1, 3], totalTime: 3 }],
    options: 1,
    misspell: "calibrationT",
  },
  "lifecycle.classify": { args: () => [lifecycleCustomer(), { asOf: "2024-06-01" }], options: 1 },
  "lifecycle.classifyBatch": { args: () => [[lifecycleCustomer()], { asOf: "2024-06-01" }], options: 1 },
  "psv.defaultAssumptions": { args: () => [{ segment: "premium" }], options: 0 },
  "psv.checkAssumptions": { args: () => [assumptions()], options: 0, misspell: "maintenanceValue" },
  "psv.score": {
    args: () => [{ vehicleId: "V1", deliveryDate: "2022-06-01" }, assumptions(), { asOf: "2024-06-01" }],
    options: 2,
  },
  "psv.scoreBatch": {
    args: () => [[{ vehicleId: 1, deliveryDate: "2020-01-01" }], assumptions(), { asOf: "2024-06-01" }],
    options: 2,
  },
  "psv.assessCustomers": {
    args: () => {
      const { vehicles, serviceEvents } = dealer();
      const contacts = [...new Set(vehicles.map((vehicle) => vehicle.customerId))].map((customerId, index) => ({
        customerId,
        date: "2024-01-15",
        group: index % 4 === 0 ? "control" : "treatment",
        ...(index % 4 === 0 ? {} : { reached: index % 3 !== 0 }),
      }));
      return [{ vehicles, serviceEvents, contacts, asOf: "2024-06-01" }];
    },
    options: 0,
    misspell: "serviceEvents",
  },
  "psv.assessPartitions": {
    args: () => {
      const { vehicles, serviceEvents } = dealer();
      return [() => [{ vehicles, serviceEvents }], { asOf: "2024-06-01", rows: 10 }];
    },
    options: 1,
    misspell: "horizonYears",
  },
  "psv.calibratePartitions": {
    args: () => {
      const { vehicles, serviceEvents } = dealer();
      return [() => [{ vehicles, serviceEvents }], { asOf: "2024-06-01" }];
    },
    options: 1,
    misspell: "departureAfterDays",
  },
  "psv.startCalibration": {
    args: () => [{ asOf: "2024-06-01" }],
    options: 0,
    misspell: "asOf",
  },
  "psv.calibrationStatistics": {
    args: () => {
      const { vehicles, serviceEvents } = dealer();
      return [psv.startCalibration({ asOf: "2024-06-01" }), { vehicles, serviceEvents }];
    },
    options: 1,
    misspell: "serviceEvents",
  },
  "psv.continueCalibration": {
    args: () => {
      const { vehicles, serviceEvents } = dealer();
      const round = psv.startCalibration({ asOf: "2024-06-01" });
      return [round, [psv.calibrationStatistics(round, { vehicles, serviceEvents })]];
    },
    options: 0,
    misspell: "check",
  },
  "psv.calibrate": {
    args: () => {
      const { vehicles, serviceEvents } = dealer();
      return [{ vehicles, serviceEvents, asOf: "2024-06-01" }];
    },
    options: 0,
    misspell: "serviceEvents",
  },
  "rfm.fromTransactions": {
    args: () => [log(), { asOf: "2024-03-01", customerId: "id", date: "day", amount: "amount" }],
    options: 1,
  },
  "rfm.score": {
    args: () => [
      [
        { daysSinceLastPurchase: 3, purchaseCount: 12, totalSpend: "1500" },
        { daysSinceLastPurchase: 300, purchaseCount: 1, totalSpend: 80 },
      ],
      { bins: 2 },
    ],
    options: 1,
  },
  "rfm.scoreColumns": {
    args: () => [
      { daysSinceLastPurchase: [1, 30, 400], purchaseCount: [9, 2, 1], totalSpend: [900, 50, 20] },
      { bins: 3 },
    ],
    options: 1,
  },
  "rfm.checkSegmentMap": { args: () => [library.rfm.STANDARD_SEGMENT_MAP] },
  "rfm.rfmCode": { args: () => [5, 4, 3] },
  "rfm.segment": { args: () => [{ r: 5, f: 5, m: 4, code: "554" }] },
  "rfm.segmentSummary": {
    args: () => [
      [
        { code: "555", totalSpend: 100 },
        { code: "111", totalSpend: 10 },
      ],
    ],
  },
  "service.nextDue": { args: () => [{ deliveryDate: "2024-01-10" }, { firstServiceMonths: 4 }], options: 1 },
  "service.status": {
    args: () => [
      { deliveryDate: "2023-01-10", lastServiceDate: "2023-06-01", servicesDone: 1 },
      {},
      { asOf: "2024-12-01" },
    ],
    options: 2,
  },
  "uncertainty.drawParams": {
    args: () => [
      "bgnbd",
      {
        params: bgnbdParams,
        covariance: [
          [1e-4, 0, 0, 0],
          [0, 0.1, 0, 0],
          [0, 0, 0.03, 0],
          [0, 0, 0, 0.5],
        ],
      },
      { draws: 20, seed: 3 },
    ],
    options: 2,
  },
  "uncertainty.interval": {
    args: () => [bgnbdDraws(), (params: typeof bgnbdParams) => params.r, { level: 0.8 }],
    options: 2,
  },
  "uncertainty.intervals": {
    args: () => [bgnbdDraws(), (params: typeof bgnbdParams) => [params.r, params.a], { level: 0.8 }],
    options: 2,
  },
  "uncertainty.combineDraws": { args: () => [{ transaction: bgnbdDraws(), also: bgnbdDraws() }] },
  "uncertainty.assessmentIntervals": {
    args: () => {
      const { vehicles, serviceEvents } = dealer();
      const sampling = {
        names: ["maintenanceValue", "leaveInWarranty"],
        scales: ["log", "logit"],
        covariance: [
          [0.01, 0],
          [0, 0.04],
        ],
      };
      return [
        { vehicles, serviceEvents, asOf: "2024-06-01", assumptions: { ...assumptions(), sampling } },
        { level: 0.8 },
      ];
    },
    options: 1,
  },
  "uncertainty.predictionInterval": {
    args: () => [bgnbdDraws(), summaries(), 39, { level: 0.8, seed: 2 }],
    options: 3,
  },
  "charts.forVegaLite6": {
    args: () => [library.charts.valueByAge([{ age: 1, component: "maintenance", value: 100 }])],
  },
  "bgnbd.toSql": { args: () => [bgnbdParams, { dialect: "duckdb", columns: { frequency: "x" } }], options: 1 },
  "mbgnbd.toSql": { args: () => [bgnbdParams, { dialect: "postgres" }], options: 1 },
  "bgnbd.expectationFactors": { args: () => [bgnbdParams, summaries(), { horizon: 10 }], options: 2 },
  "mbgnbd.expectationFactors": { args: () => [bgnbdParams, [{ frequency: 1, T: 3 }], { horizon: 10 }], options: 2 },
  patternsSql: { args: () => [{ dialect: "duckdb", from: "rfm", resolution: 7 }], options: 0 },
  summarySql: {
    args: () => [
      {
        dialect: "postgres",
        from: "sales",
        columns: { customerId: "c", date: "d", amount: "a" },
        calibrationEnd: "2024-06-30",
        timeUnit: "week",
      },
    ],
    options: 0,
  },
  toPatterns: { args: () => [summaries(), { resolution: 7 }], options: 1 },
  "charts.callList": {
    args: () => [
      [
        { customerId: "C1", saveableValue: library.parseMoney("120.5"), obtainableValue: "2400", action: "remind" },
        { customerId: 2, saveableValue: 80, obtainableValue: 900, action: "win-back" },
      ],
      { top: 10, currency: "RMB" },
    ],
    options: 1,
  },
  "charts.valueByStage": {
    args: () => [
      [
        { stage: "in-warranty", saveableValue: library.parseMoney("120.5"), obtainableValue: "2400", winBackValue: 0 },
        { stage: "lapsed", saveableValue: 0, obtainableValue: 900, winBackValue: 300 },
      ],
      { currency: "RMB", title: "t" },
    ],
    options: 1,
  },
  "charts.firstServiceWasLast": {
    args: () => [
      [
        { cohort: 2021, state: "lapsed", neverCameForFirstService: false, firstServiceWasLast: true },
        { cohort: 2022, state: "overdue", neverCameForFirstService: true, firstServiceWasLast: false },
      ],
      { title: "t" },
    ],
    options: 1,
  },
  "charts.rfmSegmentMap": {
    args: () => [
      [
        { r: 5, f: 5, segment: "Champions" },
        { r: 1, f: 2, segment: "Lost" },
      ],
      { title: "t" },
    ],
    options: 1,
  },
  "charts.upliftByStage": {
    args: () => [
      [{ label: "in-warranty", uplift: { rate: { estimate: 0.1, low: 0.02, high: 0.18 } } }],
      { measure: "rate", title: "t" },
    ],
    options: 1,
  },
  "charts.calibrationVsHoldout": {
    args: () => [[{ label: "0", value: 0, customers: 10, actual: 0.2, expected: 0.25 }], { title: "t" }],
    options: 1,
  },
  "charts.frequencyRecencyMatrix": {
    args: () => [[{ frequency: 0, recency: 0, value: 1 }], { title: "t" }],
    options: 1,
  },
  "charts.gainsCurve": {
    args: () => [{ model: evaluate.gainsCurve([3, 2, 1, 0], [5, 3, 2, 0], { points: 4 }) }, { title: "t" }],
    options: 1,
  },
  "charts.heterogeneity": { args: () => [evaluate.heterogeneity(model, { points: 10 }), { title: "t" }], options: 1 },
  "charts.periodTransactions": {
    args: () => [[{ label: "0", frequency: 0, actual: 5, expected: 4.5 }], { title: "t" }],
    options: 1,
  },
  "charts.probabilityAliveHistory": {
    args: () => [[{ time: 1, probabilityAlive: 1, frequency: 0 }], { title: "t" }],
    options: 1,
  },
  "charts.spendCheck": { args: () => [evaluate.spendCheck(spendParams, spendRows()), { title: "t" }], options: 1 },
  "charts.toSvg": {
    args: () => [library.charts.periodTransactions([{ label: "0", frequency: 0, actual: 5, expected: 4.5 }])],
  },
  "charts.tracking": {
    args: () => [
      [
        {
          period: 1,
          holdout: false,
          actualCumulative: 0,
          expectedCumulative: 1,
          actualIncremental: 0,
          expectedIncremental: 1,
        },
      ],
      { title: "t" },
    ],
    options: 1,
  },
  "charts.valueByAge": { args: () => [[{ age: 0, component: "repair", value: 100 }], { title: "t" }], options: 1 },
  "udf.bgnbdProbabilityAlive": { args: () => [0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86] },
  "udf.mbgnbdProbabilityAlive": { args: () => [0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86] },
  "udf.bgnbdConditionalExpectedPurchases": { args: () => [0.243, 4.414, 0.793, 2.426, 39, 2, 30.43, 38.86] },
  "udf.mbgnbdConditionalExpectedPurchases": { args: () => [0.243, 4.414, 0.793, 2.426, 39, 2, 30.43, 38.86] },
  "udf.paretoNbdProbabilityAlive": { args: () => [0.553, 10.58, 0.606, 11.67, 2, 30.43, 38.86] },
  "udf.paretoNbdConditionalExpectedPurchases": { args: () => [0.553, 10.58, 0.606, 11.67, 39, 2, 30.43, 38.86] },
  "udf.paretoNbdDiscountedExpectedResidualTransactions": {
    args: () => [0.553, 10.58, 0.606, 11.67, 0.01, 2, 30.43, 38.86],
  },
  "udf.bgcnbdProbabilityAlive": { args: () => [2, 1.33, 2.81, 0.425, 0.79, 2, 30.43, 38.86] },
  "udf.mbgcnbdProbabilityAlive": { args: () => [2, 1.33, 2.81, 0.425, 0.79, 2, 30.43, 38.86] },
  "udf.bgcnbdConditionalExpectedPurchases": { args: () => [2, 1.33, 2.81, 0.425, 0.79, 39, 2, 30.43, 38.86] },
  "udf.mbgcnbdConditionalExpectedPurchases": { args: () => [2, 1.33, 2.81, 0.425, 0.79, 39, 2, 30.43, 38.86] },
  "udf.bgbbProbabilityAlive": { args: () => [1.204, 0.75, 0.657, 2.783, 3, 4, 6] },
  "udf.bgbbConditionalExpectedPurchases": { args: () => [1.204, 0.75, 0.657, 2.783, 5, 3, 4, 6] },
  "udf.bgbbDiscountedExpectedResidualTransactions": { args: () => [1.204, 0.75, 0.657, 2.783, 0.1, 3, 4, 6] },
  "udf.gammaGammaConditionalExpectedSpend": { args: () => [6.25, 3.74, 15.44, 2, 22.345] },
  "udf.bgnbdProbabilityAliveBatch": { args: () => [bgnbdParams, summaries()] },
  "udf.bgnbdConditionalExpectedPurchasesBatch": { args: () => [bgnbdParams, 10, summaries()] },
  "udf.paretoNbdProbabilityAliveBatch": { args: () => [paretoParams, summaries()] },
  "udf.paretoNbdConditionalExpectedPurchasesBatch": { args: () => [paretoParams, 10, summaries()] },
  "math.createRandomSource": { args: () => [1] },
  "math.digamma": { args: () => [2.5] },
  "math.expectationUnderBeta": { args: () => [(p: number) => p, 2, 3] },
  "math.hypergeometric2F1": { args: () => [1, 2, 3, 0.5] },
  "math.logHypergeometric2F1": { args: () => [1, 2, 3, 0.5] },
  "math.integrateUnitInterval": { args: () => [(p: number) => p * p] },
  "math.invertPositiveDefinite": { args: () => [Float64Array.of(2, 0, 0, 2), 2] },
  "math.gaussianLogDensity": { args: () => [Float64Array.of(2, 0, 0, 2), Float64Array.of(1, -1), 2] },
  "math.lbfgs": { args: () => [quadratic, [0, 0], { maxIterations: 100 }], options: 2 },
  "math.nelderMead": { args: () => [quadratic, [0, 0], { maxIterations: 500 }], options: 2 },
  "math.logAddExp": { args: () => [1, 2] },
  "math.logSubExp": { args: () => [2, 1] },
  "math.logSumExp": { args: () => [[1, 2, 3]] },
  "math.logBeta": { args: () => [2, 3] },
  "math.logGamma": { args: () => [4.5] },
  "math.logTricomiUEqualParameters": { args: () => [0.5, 2] },
  "math.neumaierSum": { args: () => [[0.1, 0.2, 0.3]] },
  "math.normalCdf": { args: () => [0.5] },
  "math.numericGradient": { args: () => [quadratic, Float64Array.of(0, 0), new Float64Array(2)] },
  "math.numericHessian": { args: () => [quadratic, Float64Array.of(0, 0)] },
  "math.regularizedBeta": { args: () => [0.3, 2, 3] },
  "math.regularizedGammaP": { args: () => [2, 1.5] },
  "math.regularizedGammaQ": { args: () => [2, 1.5] },
  "math.sampleBeta": { args: () => [math.createRandomSource(1), 2, 3] },
  "math.sampleExponential": { args: () => [math.createRandomSource(1), 2] },
  "math.sampleBinomial": { args: () => [math.createRandomSource(1), 100, 0.3] },
  "math.sampleGamma": { args: () => [math.createRandomSource(1), 2] },
  "math.samplePoisson": { args: () => [math.createRandomSource(1), 20] },
  "math.sampleNormal": { args: () => [math.createRandomSource(1)] },
};

/** Every public function of every entry point, by its dotted name (the charts as `charts.*`, math as `math.*`). */
export function publicFunctions(): Map<string, (...args: unknown[]) => unknown> {
  const found = new Map<string, (...args: unknown[]) => unknown>();
  const walk = (prefix: string, namespace: object) => {
    for (const [name, value] of Object.entries(namespace)) {
      if (typeof value === "function" && !/^[A-Z]/.test(name)) found.set(`${prefix}${name}`, value as never);
      else if (prefix === "" && value !== null && typeof value === "object" && !Array.isArray(value))
        walk(`${name}.`, value);
    }
  };
  walk("", library);
  walk("math.", math);
  return found;
}

let all: Map<string, (...args: unknown[]) => unknown> | undefined;

/** Calls the public function of that name with the arguments. */
export function run(name: string, args: unknown[]): unknown {
  all ??= publicFunctions();
  const call = all.get(name);
  if (call === undefined) throw new Error(`no public function ${name}`);
  return call(...args);
}

/** The error an action throws, or undefined when it returns. */
export function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

// Silence unused-binding lints for namespaces only used through PUBLIC_CALLS' names.
void [bgcnbd, mbgcnbd, mbgnbd, paretoNbd, shiftedBetaGeometric, bgbb];
