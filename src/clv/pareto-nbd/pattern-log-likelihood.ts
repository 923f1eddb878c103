import { digamma } from "../../math/digamma.js";
import { logGamma } from "../../math/log-gamma.js";
import type { SummaryColumns } from "../../schemas/summary-columns.js";
import { groupByFrequency } from "./frequency-groups.js";
import { logA0 } from "./log-likelihood.js";
import { logA0WithGradient } from "./row-log-likelihood.js";
import { buildSeriesTable, newSeriesTable, type SeriesTable, seriesFromTable } from "./series-table.js";

/** What one pass holds fixed: the parameters, the branch of the series (α ≥ β or not) and one frequency's terms. */
interface PassState {
  r: number;
  alpha: number;
  s: number;
  beta: number;
  alphaLarger: boolean;
  larger: number;
  smaller: number;
  logAlpha: number;
  logBeta: number;
  /** Whether the pass computes the gradient too. */
  withGradient: boolean;
  x: number;
  shape: number;
  second: number;
  /** ln(s / (r + s + x)) */
  logSOverShape: number;
  table: SeriesTable;
  /** F(0) = e^base · S at this frequency, the gradient of ln F(0) in `zeroGradient` (base NaN until asked). */
  zeroBase: number;
  zeroSum: number;
  /** Where the last {@link dropoutTerm} left F(t_x) = e^base · S. */
  recencyBase: number;
  recencySum: number;
}

/**
 * The one pass state every kernel uses (a pass runs to its end before another starts): one object of one shape, so
 * the functions that read it stay specialised however many kernels a process creates. Numbers start as NaN, stored
 * as doubles from the first.
 */
const state: PassState = {
  ...{ r: Number.NaN, alpha: Number.NaN, s: Number.NaN, beta: Number.NaN, alphaLarger: true },
  ...{ larger: Number.NaN, smaller: Number.NaN, logAlpha: Number.NaN, logBeta: Number.NaN, withGradient: true },
  ...{ x: Number.NaN, shape: Number.NaN, second: Number.NaN, logSOverShape: Number.NaN, table: newSeriesTable() },
  ...{ zeroBase: Number.NaN, zeroSum: Number.NaN, recencyBase: Number.NaN, recencySum: Number.NaN },
};

const zeroGradient = new Float64Array(4);
const recencyGradient = new Float64Array(4);
const endGradient = new Float64Array(4);
const dropoutGradient = new Float64Array(4);

/** ln F(t) without its series, (1 − b)(ln(S + t) − ln(L + t)) − a ln(L + t) (see `logA0`). */
function baseOf(state: PassState, logLarger: number, logSmaller: number): number {
  return (1 - state.second) * (logSmaller - logLarger) - state.shape * logLarger;
}

/**
 * The series S of F(t) = e^base · S (see `logA0`) from the frequency's table, with the gradient of ln F in
 * (r, α, s, β) into `out` when the pass wants it (`logFWithGradient`'s formulas); NaN if it does not settle.
 */
function seriesOfF(state: PassState, t: number, logLarger: number, logSmaller: number, out: Float64Array): number {
  const { larger, smaller, shape, second, alphaLarger } = state;
  const z = (larger - smaller) / (larger + t);
  const sum = seriesFromTable(state.table, z, state.withGradient ? out : undefined);
  if (!state.withGradient) return sum;
  const dd = out[0] as number;
  const dc = out[1] as number;
  const dz = out[2] as number;
  const overLarger = 1 / (larger + t);
  const dSecond = -(logSmaller - logLarger) - dd;
  const dShape = dd + dc - logLarger;
  const dLarger = overLarger * (-(1 - second) + dz * (smaller + t) * overLarger - shape);
  const dSmaller = (1 - second) / (smaller + t) - dz * overLarger;
  out[0] = dShape + (alphaLarger ? 0 : dSecond);
  out[1] = alphaLarger ? dLarger : dSmaller;
  out[2] = dShape + (alphaLarger ? dSecond : 0);
  out[3] = alphaLarger ? dSmaller : dLarger;
  return sum;
}

/** F(t_x) = e^recencyBase · recencySum (and its log-gradient in `recencyGradient`), once per frequency at t_x = 0. */
function recencyTerm(state: PassState, tx: number): void {
  const { larger, smaller } = state;
  if (tx !== 0) {
    const logLarger = Math.log(larger + tx);
    const logSmaller = Math.log(smaller + tx);
    state.recencyBase = baseOf(state, logLarger, logSmaller);
    state.recencySum = seriesOfF(state, tx, logLarger, logSmaller, recencyGradient);
    return;
  }
  if (Number.isNaN(state.zeroBase)) {
    const logLarger = Math.log(larger);
    const logSmaller = Math.log(smaller);
    state.zeroBase = baseOf(state, logLarger, logSmaller);
    state.zeroSum = seriesOfF(state, 0, logLarger, logSmaller, zeroGradient);
  }
  state.recencyBase = state.zeroBase;
  state.recencySum = state.zeroSum;
  recencyGradient.set(zeroGradient);
}

/**
 * A₀ / F(t_x) = 1 − F(T)/F(t_x) from the table (F(t_x) left in the state), with the gradient of ln A₀ into
 * `dropoutGradient`; NaN where this route does not apply: z at t_x above 0.95 (the series would crawl), F(T) within
 * a millionth of F(t_x) (the difference would cancel), or a series that does not settle.
 */
function dropoutShare(state: PassState, tx: number, T: number, logLargerT: number, logSmallerT: number): number {
  const { larger, smaller } = state;
  if (!((larger - smaller) / (larger + tx) <= 0.95)) return Number.NaN;
  recencyTerm(state, tx);
  const baseT = baseOf(state, logLargerT, logSmallerT);
  const sumT = seriesOfF(state, T, logLargerT, logSmallerT, endGradient);
  const q = (Math.exp(baseT - state.recencyBase) * sumT) / state.recencySum;
  if (!(q < 0.999999)) return Number.NaN;
  // 1 − q by subtraction where it keeps its digits, from expm1 where q is near 1
  const rest = q < 0.5 ? 1 - q : -Math.expm1(baseT - state.recencyBase + Math.log(sumT / state.recencySum));
  if (state.withGradient) {
    const scale = 1 / rest;
    for (let k = 0; k < 4; k++)
      dropoutGradient[k] = ((recencyGradient[k] as number) - q * (endGradient[k] as number)) * scale;
  }
  return rest;
}

/** ln B of the last customer (B = e^alive + s/(r+s+x) A₀) and the shares of its two terms. */
const mix = { logB: 0, alive: 0, dead: 0 };

/** ln B from A₀ = F(t_x) · rest: one exponential and one logarithm (e^alive taken relative to F(t_x)). */
function mixFromShare(state: PassState, alive: number, rest: number): void {
  const lead = alive - state.recencyBase;
  const deadPart = Math.exp(state.logSOverShape) * state.recencySum * rest;
  if (lead <= 700) {
    const alivePart = Math.exp(lead);
    const total = deadPart + alivePart;
    mix.logB = state.recencyBase + Math.log(total);
    mix.alive = alivePart / total;
    mix.dead = deadPart / total;
    return;
  }
  const ratio = deadPart * Math.exp(-lead); // the dead term is below e^−700 of the alive one
  mix.logB = alive + Math.log1p(ratio);
  mix.alive = 1 / (1 + ratio);
  mix.dead = ratio / (1 + ratio);
}

/** ln B from ln A₀ (the row kernel's quadrature, or −∞ when t_x = T): ln(e^alive + e^dead). */
function mixInLogs(state: PassState, alive: number, tx: number, T: number): void {
  const { r, alpha, s, beta, x } = state;
  const logA =
    tx === T
      ? Number.NEGATIVE_INFINITY
      : state.withGradient
        ? logA0WithGradient(r, alpha, s, beta, x, tx, T, dropoutGradient)
        : logA0(r, alpha, s, beta, x, tx, T);
  const dead = state.logSOverShape + logA;
  const aliveLarger = alive >= dead;
  const smallerShare = Math.exp(aliveLarger ? dead - alive : alive - dead);
  mix.logB = (aliveLarger ? alive : dead) + Math.log1p(smallerShare);
  mix.alive = aliveLarger ? 1 / (1 + smallerShare) : smallerShare / (1 + smallerShare);
  mix.dead = aliveLarger ? smallerShare / (1 + smallerShare) : 1 / (1 + smallerShare);
}

/**
 * Adds one customer's weighted log-likelihood gradient in the natural (r, α, s, β) into `gradient` (when the pass
 * wants it) and returns the weighted value: ℓ = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln B, B = (α+T)^−(r+x)
 * (β+T)^−s + s/(r+s+x) A₀ (Fader & Hardie 2005 note, eq. 22), with `constant` = ln Γ(r+x) − ln Γ(r) + r ln α +
 * s ln β and `digammaDifference` = ψ(r+x) − ψ(r).
 */
function customerTerm(
  state: PassState,
  tx: number,
  T: number,
  w: number,
  constant: number,
  digammaDifference: number,
  gradient: Float64Array,
): number {
  const { r, alpha, s, beta, x, shape, alphaLarger } = state;
  const logLargerT = Math.log(state.larger + T);
  const logSmallerT = Math.log(state.smaller + T);
  const logAlphaT = alphaLarger ? logLargerT : logSmallerT;
  const logBetaT = alphaLarger ? logSmallerT : logLargerT;
  const alive = -(r + x) * logAlphaT - s * logBetaT;
  const rest = tx === T ? Number.NaN : dropoutShare(state, tx, T, logLargerT, logSmallerT);
  if (Number.isNaN(rest)) mixInLogs(state, alive, tx, T);
  else mixFromShare(state, alive, rest);
  const value = w * (constant + mix.logB);
  if (!state.withGradient) return value;
  const wAlive = mix.alive;
  const wDead = mix.dead;
  let dr = digammaDifference + state.logAlpha - wAlive * logAlphaT;
  let dalpha = r / alpha - (wAlive * (r + x)) / (alpha + T);
  let ds = state.logBeta - wAlive * logBetaT;
  let dbeta = s / beta - (wAlive * s) / (beta + T);
  if (wDead > 0) {
    dr += wDead * (-1 / shape + (dropoutGradient[0] as number));
    dalpha += wDead * (dropoutGradient[1] as number);
    ds += wDead * (1 / s - 1 / shape + (dropoutGradient[2] as number));
    dbeta += wDead * (dropoutGradient[3] as number);
  }
  gradient[0] = (gradient[0] as number) + w * dr;
  gradient[1] = (gradient[1] as number) + w * dalpha;
  gradient[2] = (gradient[2] as number) + w * ds;
  gradient[3] = (gradient[3] as number) + w * dbeta;
  return value;
}

/**
 * The Pareto/NBD log-likelihood of weighted summaries with its analytic gradient in the natural (r, α, s, β), for
 * the fit: customers are taken frequency by frequency, and each frequency's hypergeometric series coefficients
 * (which depend on r, s and x only) are built once per pass, so a customer's two series are dot products with the
 * powers of z, and B = e^alive + s/(r+s+x) (F(t_x) − F(T)) is formed relative to F(t_x) (three exponentials and
 * logarithms a customer besides those of α+T, β+T, α+t_x, β+t_x). The same values as the row kernel summed over
 * the customers (to rounding). Without `gradient`, the value alone (one series a point instead of four). NaN for
 * impossible parameters or a non-finite term. @internal
 */
export function createPatternLogLikelihood(columns: SummaryColumns) {
  const groups = groupByFrequency(columns.frequency, columns.recency);
  const { recency, T, weight } = columns;
  const noGradient = new Float64Array(4);
  return (params: Float64Array, gradient: Float64Array = noGradient): number => {
    const [r, alpha, s, beta] = params as unknown as [number, number, number, number];
    if (!(r > 0 && alpha > 0 && s > 0 && beta > 0) || !Number.isFinite(r + alpha + s + beta)) return Number.NaN;
    startPass(state, params, gradient !== noGradient);
    const base = -logGamma(r) + r * state.logAlpha + s * state.logBeta;
    const digammaR = state.withGradient ? digamma(r) : 0;
    gradient.fill(0);
    let total = 0;
    let compensation = 0;
    for (let group = 0; group + 1 < groups.starts.length; group++) {
      const x = groups.frequencies[group] as number;
      startFrequency(state, x, groups.smallestRecency[group] as number);
      const constant = base + logGamma(r + x);
      const digammaDifference = state.withGradient ? digamma(r + x) - digammaR : 0;
      for (let at = groups.starts[group] as number; at < (groups.starts[group + 1] as number); at++) {
        const index = groups.order[at] as number;
        const w = weight[index] as number;
        const tx = recency[index] as number;
        const value = customerTerm(state, tx, T[index] as number, w, constant, digammaDifference, gradient);
        if (!Number.isFinite(value)) return Number.NaN;
        const next = total + value;
        compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
        total = next;
      }
    }
    return total + compensation;
  };
}

/** Sets the pass state to the parameters (r, α, s, β). */
function startPass(state: PassState, params: Float64Array, withGradient: boolean): void {
  const [r, alpha, s, beta] = params as unknown as [number, number, number, number];
  state.r = r;
  state.alpha = alpha;
  state.s = s;
  state.beta = beta;
  state.alphaLarger = alpha >= beta;
  state.larger = Math.max(alpha, beta);
  state.smaller = Math.min(alpha, beta);
  state.logAlpha = Math.log(alpha);
  state.logBeta = Math.log(beta);
  state.withGradient = withGradient;
}

/**
 * Sets the pass state to frequency x: its shape, the series' second parameter, F(0) to come, and the series table
 * for every z of the group's customers (the largest at its smallest t_x, at most 0.95: beyond, they integrate).
 */
function startFrequency(state: PassState, x: number, smallestRecency: number): void {
  state.x = x;
  state.shape = state.r + state.s + x;
  state.second = state.alphaLarger ? state.s + 1 : state.r + x;
  state.logSOverShape = Math.log(state.s / state.shape);
  state.zeroBase = Number.NaN;
  const zMax = Math.min(0.95, (state.larger - state.smaller) / (state.larger + smallestRecency));
  buildSeriesTable(state.table, state.shape + 1 - state.second, state.shape + 1, zMax);
}
