import { expectationUnderBeta } from "../../math/beta-expectation.js";
import { logBeta } from "../../math/log-beta.js";
import { logNegativeBinomialMass } from "../../math/log-negative-binomial-mass.js";
import { logSumExp } from "../../math/log-sum-exp.js";
import { regularizedBeta } from "../../math/regularized-beta.js";
import { type BatchResult, batchResult, rowRejections } from "../../schemas/row-rejections.js";
import {
  checkCount,
  checkHorizon,
  checkPositiveParameters,
  isValidSummary,
  readSummaryColumns,
  rejectSummary,
  type SummaryInput,
  type SummaryRow,
  toSummaryColumns,
} from "../../schemas/summary-columns.js";
import {
  type CovariateEffect,
  covariatesOf,
  hasCovariates,
  individualParamsOf,
  linearPredictors,
  rowParams,
} from "../covariates/individual-params.js";
import type { CovariateValues } from "../covariates/types.js";
import { requireWithoutCovariates } from "../covariates/without-covariates.js";
import { expectedCumulativeTransactionsOf } from "../expected-cumulative-transactions.js";
import { mapSummaries, summaryOf } from "../map-summaries.js";
import { memoiseCohorts } from "../memoise-cohorts.js";
import { aliveExpectation } from "./alive-expectation.js";
import { aliveExpectationTables } from "./alive-expectation-tables.js";
import { type BgnbdParams, PARAMETER_NAMES } from "./log-likelihood.js";

/**
 * P(alive | x, t_x, T) kernel as a logistic of a log-odds: BG/NBD (shift 0, FHL 2005 eq. 11) and MBG/NBD
 * (shift 1, Batislam et al. 2007 eq. 11), 1/(1 + a/(b + x − 1 + shift) ((α+T)/(α+t_x))^(r+x)); a BG/NBD customer
 * without repeat purchases is alive for sure. @internal
 */
export function probabilityAliveKernel(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number,
  shift = 0,
): number {
  if (x === 0 && shift === 0) return 1;
  // One logarithm and one exponential (a third faster than a power, within 1e-15 relative for CDNOW's customers):
  // overflow gives odds ∞ and P(alive) 0, underflow odds 0 and 1, the limits.
  const odds = (a / (b + (x - 1 + shift))) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx)));
  return 1 / (1 + odds);
}

/**
 * E[Y(t) | x, t_x, T] kernel: P(alive) × E over p ~ Beta(a, b + x + shift) of (1/p)(1 − (1 + p t/(α+T))^−(r+x))
 * (FHL 2005 eq. 10; Batislam et al. 2007 eq. 13). @internal
 */
export function conditionalExpectedKernel(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number,
  t: number,
  shift = 0,
): number {
  if (t === 0) return 0;
  return (
    aliveExpectation(r, a, b + shift, x, t / (alpha + T)) * probabilityAliveKernel(r, alpha, a, b, x, tx, T, shift)
  );
}

/**
 * P(X(t) = n) kernel of a customer alive at 0 (FHL 2005 eq. 8; Batislam et al. 2007 eq. 8 with shift 1):
 * B(a, b + n + s)/B(a, b) · NB(n) + [n > 0 or s = 1] B(a + 1, b + n − 1 + s)/B(a, b) · P(NB ≥ n). @internal
 */
export function probabilityOfPurchasesKernel(
  r: number,
  alpha: number,
  a: number,
  b: number,
  t: number,
  n: number,
  shift = 0,
): number {
  const logP = Math.log(alpha / (alpha + t));
  const logQ = Math.log(t / (alpha + t));
  const logBetaAB = logBeta(a, b);
  // Loader's masses: log-gamma differences carried 1e-9 of noise at r = 1e8 (Σ P(X = n) came to 1 + 1.5e-9).
  const logNegativeBinomial = (j: number): number => logNegativeBinomialMass(j, r, logP, logQ);
  const alive = Math.exp(logBeta(a, b + n + shift) - logBetaAB + logNegativeBinomial(n));
  if (n === 0 && shift === 0) return alive;
  // P(NB ≥ n): 1 − the sum of the first n masses, or for n beyond 10,000 (bounded work) its closed form, the
  // regularized incomplete beta I_{t/(α+t)}(n, r).
  let atLeast = 1;
  if (n > 10_000) atLeast = regularizedBeta(t / (alpha + t), n, r);
  else if (n > 0)
    atLeast = Math.max(0, -Math.expm1(logSumExp(Array.from({ length: n }, (_, j) => logNegativeBinomial(j)))));
  // A probability: rounding can carry the sum of the two parts a few ulps above 1 near the edges of the fit box.
  return Math.min(1, alive + Math.exp(logBeta(a + 1, b + (n - 1 + shift)) - logBetaAB) * atLeast);
}

/**
 * One member of the BG/NBD family: the BG/NBD (shift 0, Fader, Hardie & Lee 2005) or the MBG/NBD (shift 1,
 * Batislam, Denizel & Filiztekin 2007, where a customer may also drop out right after the first purchase). The
 * functions below take it first; `bgnbd` and `mbgnbd` export them bound to their model. @internal
 */
export interface BgnbdFamily {
  readonly shift: 0 | 1;
  readonly name: string;
}

/** How covariates scale the BG/NBD family's parameters: α_i = α·exp(−γ_trans'x), a_i, b_i = a, b·exp(γ_life'x). @internal */
export const COVARIATE_EFFECTS: readonly CovariateEffect<"alpha" | "a" | "b">[] = [
  { process: "transaction", param: "alpha", sign: -1 },
  { process: "lifetime", param: "a", sign: 1 },
  { process: "lifetime", param: "b", sign: 1 },
];

/** Validated parameters of one kind of customer (a new one: no covariates to read). */
function checked(model: BgnbdFamily, params: BgnbdParams, functionName?: string): BgnbdParams {
  params = checkPositiveParameters(params, PARAMETER_NAMES, `${model.name} parameters`);
  if (functionName !== undefined) requireWithoutCovariates(params, model.name, "bgnbd", functionName);
  return params;
}

/** Validated own parameters of the customer in `customer` (its covariates when the params have coefficients). */
function own(model: BgnbdFamily, params: BgnbdParams, customer: SummaryRow): BgnbdParams {
  return individualParamsOf(
    checked(model, params),
    covariatesOf(customer),
    COVARIATE_EFFECTS,
    `${model.name} parameters`,
  );
}

/** Applies a kernel to every customer with its own α, a and b. */
function mapCustomers(
  model: BgnbdFamily,
  params: BgnbdParams,
  data: SummaryInput,
  kernel: (r: number, alpha: number, a: number, b: number, x: number, tx: number, T: number) => number,
): BatchResult {
  const { r, alpha, a, b } = checked(model, params);
  const rejections = rowRejections();
  const { frequency, recency, T } = toSummaryColumns(data, undefined, rejections);
  const predictors = linearPredictors(
    params,
    ["transaction", "lifetime"],
    data,
    frequency.length,
    `${model.name} parameters`,
    rejections,
  );
  const invalid = rejections.invalid;
  const out = new Float64Array(frequency.length);
  for (let index = 0; index < out.length; index++) {
    if (invalid?.[index]) continue;
    const own = rowParams({ r, alpha, a, b }, COVARIATE_EFFECTS, predictors, index);
    const x = frequency[index] as number;
    out[index] = kernel(own.r, own.alpha, own.a, own.b, x, recency[index] as number, T[index] as number);
  }
  return batchResult(out, rejections);
}

export function individualParams(model: BgnbdFamily, params: BgnbdParams, covariates?: CovariateValues): BgnbdParams {
  return individualParamsOf(checked(model, params), covariates, COVARIATE_EFFECTS, `${model.name} parameters`);
}

export function expectedPurchases(model: BgnbdFamily, params: BgnbdParams, t: number): number {
  const { r, alpha, a, b } = checked(model, params, "expectedPurchases");
  checkHorizon(t, "t", `${model.name} horizon`);
  if (t === 0) return 0;
  const survivesFirst = model.shift === 0 ? 1 : b / (a + b);
  return survivesFirst * aliveExpectation(r, a, b + model.shift, 0, t / alpha);
}

export function expectedCumulativeTransactions(
  model: BgnbdFamily,
  params: BgnbdParams,
  calibrationT: ArrayLike<number>,
  totalTime: number,
  periods: number,
  weights?: ArrayLike<number>,
): Float64Array {
  const { r, alpha, a, b } = checked(model, params, "expectedCumulativeTransactions");
  const survivesFirst = model.shift === 0 ? 1 : b / (a + b);
  return expectedCumulativeTransactionsOf(
    (t) => survivesFirst * aliveExpectation(r, a, b + model.shift, 0, t / alpha),
    calibrationT,
    totalTime,
    periods,
    weights,
    `${model.name} tracking`,
  );
}

export function conditionalExpectedPurchases(
  model: BgnbdFamily,
  params: BgnbdParams,
  t: number,
  customer: SummaryRow,
): number {
  const { r, alpha, a, b } = own(model, params, customer);
  checkHorizon(t, "t", `${model.name} horizon`);
  const [x, tx, T] = summaryOf(customer);
  return conditionalExpectedKernel(r, alpha, a, b, x, tx, T, t, model.shift);
}

export function probabilityAlive(model: BgnbdFamily, params: BgnbdParams, customer: SummaryRow): number {
  const { r, alpha, a, b } = own(model, params, customer);
  const [x, tx, T] = summaryOf(customer);
  return probabilityAliveKernel(r, alpha, a, b, x, tx, T, model.shift);
}

export function probabilityOfPurchases(model: BgnbdFamily, params: BgnbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = checked(model, params, "probabilityOfPurchases");
  checkHorizon(t, "t", `${model.name} horizon`);
  checkCount(n, "n", `${model.name} purchase count`);
  return probabilityOfPurchasesKernel(r, alpha, a, b, t, n, model.shift);
}

export function conditionalProbabilityAlive(
  model: BgnbdFamily,
  params: BgnbdParams,
  t: number,
  customer: SummaryRow,
): number {
  const { r, alpha, a, b } = own(model, params, customer);
  checkHorizon(t, "t", `${model.name} horizon`);
  const [x, tx, T] = summaryOf(customer);
  const alive = probabilityAliveKernel(r, alpha, a, b, x, tx, T, model.shift);
  if (t === 0) return alive;
  const scaled = t / (alpha + T);
  const shape = r + x;
  // The integrand is in [0, 1], so is its expectation: the clamp removes quadrature error (1e-9 at b = 1e9), and
  // keeps P(alive at T + t) ≤ P(alive at T).
  const survives = expectationUnderBeta((p) => Math.exp(-shape * Math.log1p(p * scaled)), a, b + x + model.shift);
  return alive * Math.min(1, survives);
}

export function conditionalProbabilityOfPurchases(
  model: BgnbdFamily,
  params: BgnbdParams,
  t: number,
  n: number,
  customer: SummaryRow,
): number {
  const { r, alpha, a, b } = own(model, params, customer);
  checkHorizon(t, "t", `${model.name} horizon`);
  checkCount(n, "n", `${model.name} purchase count`);
  const [x, tx, T] = summaryOf(customer);
  const alive = probabilityAliveKernel(r, alpha, a, b, x, tx, T, model.shift);
  const future = probabilityOfPurchasesKernel(r + x, alpha + T, a, b + x + model.shift, t, n, 0);
  return (n === 0 ? 1 - alive : 0) + alive * future;
}

export function conditionalExpectedPurchasesBatch(
  model: BgnbdFamily,
  params: BgnbdParams,
  t: number,
  data: SummaryInput,
): BatchResult {
  const { r, alpha, a, b } = checked(model, params);
  checkHorizon(t, "t", `${model.name} horizon`);
  if (hasCovariates(params)) {
    return mapCustomers(model, params, data, (ri, alphai, ai, bi, x, tx, T) =>
      conditionalExpectedKernel(ri, alphai, ai, bi, x, tx, T, t, model.shift),
    );
  }
  if (t === 0) return mapSummaries(data, () => 0);
  const expectation = aliveExpectationTables(r, a, b + model.shift);
  const expectationIfAlive = memoiseCohorts(1, (x, T) => expectation(x, t / (alpha + T)));
  return mapSummaries(
    data,
    (x, tx, T) => expectationIfAlive(x, T, 0) * probabilityAliveKernel(r, alpha, a, b, x, tx, T, model.shift),
  );
}

export function probabilityAliveBatch(model: BgnbdFamily, params: BgnbdParams, data: SummaryInput): BatchResult {
  const { r, alpha, a, b } = checked(model, params);
  if (hasCovariates(params)) {
    return mapCustomers(model, params, data, (ri, alphai, ai, bi, x, tx, T) =>
      probabilityAliveKernel(ri, alphai, ai, bi, x, tx, T, model.shift),
    );
  }
  // A loop of its own rather than mapSummaries' callback, checking each row as it goes: one pass over the columns,
  // the kernel inlined, as in a plain Float64Array loop.
  const rejections = rowRejections();
  const subject = "customer summary";
  const { frequency, recency, T, weight } = readSummaryColumns(data, subject);
  const shift = model.shift;
  const length = frequency.length;
  const out = new Float64Array(length);
  for (let index = 0; index < length; index++) {
    const x = frequency[index] as number;
    const tx = recency[index] as number;
    const age = T[index] as number;
    const w = weight === undefined ? 1 : (weight[index] as number);
    if (isValidSummary(x, tx, age, w)) out[index] = probabilityAliveKernel(r, alpha, a, b, x, tx, age, shift);
    else rejectSummary(rejections, length, subject, x, tx, age, w, index);
  }
  return batchResult(out, rejections);
}
