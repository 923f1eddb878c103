import { expectationUnderBeta } from "../../math/beta-expectation.js";
import { logHypergeometric2F1 } from "../../math/hypergeometric-2f1.js";
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
import { type BgnbdParams, PARAMETER_NAMES } from "./log-likelihood.js";

/**
 * E over p ~ Beta(a, b + x) of (1/p)[1 − (1 + p·s)^−(r+x)]: the expected purchases of a customer known to be alive,
 * with s = t/(α + T). Integrating λ out of FHL 2005's derivation gives this form; its closed form is FHL eq. 10's
 * bracket (a + b + x − 1)/(a − 1) [1 − (1 − z)^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; z)], z = s/(1 + s), which is
 * evaluated after Euler's transformation, (1 − z)^(a−1) ₂F₁(a + b − 1 − r, a − 1; a + b + x − 1; z), so that high
 * frequencies neither overflow nor lose digits. Where that series cancels badly (tiny α with z → 1) or meets a
 * removable singularity (a = 1, a + b + x = 1), the expectation is integrated numerically instead.
 * @internal
 */
export function aliveExpectation(r: number, a: number, b: number, x: number, s: number): number {
  const c = a + b + (x - 1);
  const direct = aliveExpectationSeries(r + x, a, c, s);
  if (direct !== undefined) return direct;
  const z = s / (1 + s);
  if (Math.abs(a - 1) > 1e-6 && Math.abs(c) > 1e-6) {
    const hypergeometric = logHypergeometric2F1(a + b - 1 - r, a - 1, c, z);
    if (hypergeometric.conditionNumber < 1e4 && Number.isFinite(hypergeometric.logAbs)) {
      const logPower = (a - 1) * Math.log1p(-z) + hypergeometric.logAbs;
      const bracket = hypergeometric.sign > 0 ? -Math.expm1(logPower) : 1 + Math.exp(logPower);
      const value = (c / (a - 1)) * bracket;
      // The bracket carries ~1e-16 absolute rounding, which c/(a − 1) scales up: near a = 1 with a large b it swamps
      // the value (a = 0.999999, b = 5e7: 15% off, and E[X] fell as t grew). Then integrate instead.
      const rounding = Math.abs(c / (a - 1)) * 4e-16 * (1 + Math.abs(logPower));
      if (Number.isFinite(value) && value >= 0 && rounding <= 1e-11 * value) return value;
    }
  }
  const shape = r + x;
  const zeroLimit = shape * s;
  return expectationUnderBeta((p) => (p === 0 ? zeroLimit : -Math.expm1(-shape * Math.log1p(p * s)) / p), a, b + x);
}

/**
 * The same expectation as k s Σ_m (k+1)_m (a)_m / ((c+1)_m (m+1)!) (−s)^m, k = r + x: Pfaff's transformation turns
 * FHL's bracket into 1 − ₂F₁(k, a − 1; c; −s), whose series, divided by (a − 1)/c term by term, has no 1/(a − 1)
 * left to cancel (near a = 1 with b = 5e7 the other forms lost 15%, or took 18 ms a call to integrate). The series
 * in s has radius 1, but its terms are E[(p s)^m] times binomial factors: where they fall below 1e-17 of the sum
 * within 2,000 terms the Beta mass beyond p = 1/s is as small, so it is summed for any s > 0 (a large c makes that
 * common) with terms at most 100 (no cancellation worse than 100 ulps); undefined elsewhere.
 */
function aliveExpectationSeries(k: number, a: number, c: number, s: number): number | undefined {
  if (!(c > 0)) return undefined;
  let term = 1;
  let sum = 1;
  let largest = 1;
  for (let m = 0; m < 2000; m++) {
    term *= (-s * (k + 1 + m) * (a + m)) / ((c + 1 + m) * (m + 2));
    if (!(Math.abs(term) <= 100)) return undefined; // terms that large cancel: another form
    sum += term;
    largest = Math.max(largest, Math.abs(term));
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) return largest <= 100 * Math.abs(sum) ? k * s * sum : undefined;
  }
  return undefined;
}

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
  const expectationIfAlive = memoiseCohorts(
    1,
    (x, T) => aliveExpectation(r, a, b + model.shift, x, t / (alpha + T)),
    true,
  );
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
