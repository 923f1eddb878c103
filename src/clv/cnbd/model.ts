import type { BatchResult } from "../../schemas/row-rejections.js";
import { checkCount, checkHorizon, checkPositiveParameters } from "../../schemas/summary-columns.js";
import type { SimulateOptions } from "../bgnbd/simulate.js";
import { expectedCumulativeTransactionsOf } from "../expected-cumulative-transactions.js";
import { mapSummaries, summaryOf } from "../map-summaries.js";
import { memoiseCohorts } from "../memoise-cohorts.js";
import { type CnbdParams, type CnbdSummaryInput, type CnbdSummaryRow, checkK, PARAMETER_NAMES } from "./data.js";
import { completionsWork } from "./expected-completions.js";
import { type CnbdFitOptions, type CnbdFitResult, fitCnbd } from "./fit.js";
import { logLikelihoodOf } from "./log-likelihood.js";
import {
  completionsIfAlive,
  conditionalExpectedKernel,
  expectedPurchasesKernel,
  probabilityAliveKernel,
  probabilityOfPurchasesKernel,
} from "./predict.js";
import { type SimulatedCnbdCustomers, simulateCnbd } from "./simulate.js";

/**
 * One (M)BG/CNBD-k variant (Reutterer, Platzer & Schröder 2020): shift 0 is the BG/CNBD-k (dropout possible after
 * each repeat purchase), shift 1 the MBG/CNBD-k (also right after the first). The functions below take it first;
 * the `bgcnbd` and `mbgcnbd` namespaces export them bound to their variant. @internal
 */
export interface CnbdFamily {
  readonly shift: 0 | 1;
  readonly name: string;
}

function checked(model: CnbdFamily, params: CnbdParams): CnbdParams {
  params = checkPositiveParameters(params, PARAMETER_NAMES, `${model.name} parameters`);
  checkK(params.k);
  return params;
}

export function fit(model: CnbdFamily, data: CnbdSummaryInput, options: CnbdFitOptions = {}): CnbdFitResult {
  return fitCnbd(data, options, model.shift);
}

export function logLikelihood(model: CnbdFamily, params: CnbdParams, data: CnbdSummaryInput): number {
  return logLikelihoodOf(params, data, model.shift, `${model.name} parameters`);
}

export function probabilityAlive(model: CnbdFamily, params: CnbdParams, customer: CnbdSummaryRow): number {
  const [x, tx, T] = summaryOf(customer);
  return probabilityAliveKernel(checked(model, params), x, tx, T, model.shift);
}

export function conditionalExpectedPurchases(
  model: CnbdFamily,
  params: CnbdParams,
  t: number,
  customer: CnbdSummaryRow,
): number {
  checkHorizon(t, "t", `${model.name} horizon`);
  const [x, tx, T] = summaryOf(customer);
  return conditionalExpectedKernel(checked(model, params), x, tx, T, t, model.shift);
}

export function expectedPurchases(model: CnbdFamily, params: CnbdParams, t: number): number {
  checkHorizon(t, "t", `${model.name} horizon`);
  return expectedPurchasesKernel(checked(model, params), t, model.shift);
}

export function expectedCumulativeTransactions(
  model: CnbdFamily,
  params: CnbdParams,
  calibrationT: ArrayLike<number>,
  totalTime: number,
  periods: number,
  weights?: ArrayLike<number>,
): Float64Array {
  const p = checked(model, params);
  // One expectation at the longest age costs up to `work` mass evaluations (~10 ns each): 3e7 of them in all.
  const work =
    typeof totalTime === "number" && totalTime > 0 && Number.isFinite(totalTime)
      ? completionsWork(
          p.k,
          p.r,
          Math.log(p.alpha) - Math.log(p.alpha + totalTime),
          Math.log(totalTime) - Math.log(p.alpha + totalTime),
        )
      : 1;
  return expectedCumulativeTransactionsOf(
    (t) => expectedPurchasesKernel(p, t, model.shift),
    calibrationT,
    totalTime,
    periods,
    weights,
    `${model.name} tracking`,
    Math.max(1, Math.min(100_000, Math.floor(3e7 / work))),
  );
}

export function probabilityOfPurchases(model: CnbdFamily, params: CnbdParams, t: number, n: number): number {
  checkHorizon(t, "t", `${model.name} horizon`);
  checkCount(n, "n", `${model.name} purchase count`);
  return probabilityOfPurchasesKernel(checked(model, params), t, n, model.shift);
}

export function probabilityAliveBatch(model: CnbdFamily, params: CnbdParams, data: CnbdSummaryInput): BatchResult {
  const p = checked(model, params);
  return mapSummaries(data, (x, tx, T) => probabilityAliveKernel(p, x, tx, T, model.shift));
}

export function conditionalExpectedPurchasesBatch(
  model: CnbdFamily,
  params: CnbdParams,
  t: number,
  data: CnbdSummaryInput,
): BatchResult {
  const p = checked(model, params);
  checkHorizon(t, "t", `${model.name} horizon`);
  if (t === 0) return mapSummaries(data, () => 0);
  // Each customer's phase weights times the expectations given each phase, which customers sharing (x, T) share.
  const ifAlive = memoiseCohorts(p.k, (x, T, phase) => completionsIfAlive(p, x, T, t, phase, model.shift));
  const weights = new Float64Array(p.k);
  return mapSummaries(data, (x, tx, T) => conditionalExpectedKernel(p, x, tx, T, t, model.shift, ifAlive, weights));
}

export function simulate(
  model: CnbdFamily,
  params: CnbdParams,
  count: number,
  options: SimulateOptions,
): SimulatedCnbdCustomers {
  return simulateCnbd(params, count, options, model.shift);
}
