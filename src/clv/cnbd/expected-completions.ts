import { digamma } from "../../math/digamma.js";
import { gaussLegendreRule } from "../../math/gauss-legendre.js";
import { logGamma } from "../../math/log-gamma.js";
import { logGammaRatio } from "../../math/log-gamma-ratio.js";
import { logNegativeBinomialMass } from "../../math/log-negative-binomial-mass.js";

/** Masses below e^−45 of the peak leave out less than e^−40 of the whole. */
const LOG_CUTOFF = 45;
/** Up to this many masses (the count's spread, not its mean) are summed one by one. */
const SUMMED_MASSES = 50_000;
/** Below this many completions the weights bend on the scale of one completion: those blocks are summed. */
const SUMMED_BLOCKS = 1_000;
const NODES = 20;

/** The negative binomial NB(shape, q) of the Erlang events over the horizon, as logs. */
interface EventCount {
  readonly shape: number;
  readonly logQ: number;
  readonly logOneMinusQ: number;
}

/** Where the masses count: [low, high] around the mode, out to e^−45 of the peak on both sides. */
interface MassRange {
  readonly low: number;
  readonly high: number;
  readonly logPeak: number;
}

function logMassAt(count: EventCount, m: number): number {
  return logNegativeBinomialMass(m, count.shape, count.logQ, count.logOneMinusQ);
}

/**
 * W(c) = Σ_{n=1}^{c} (b₀)_{n−1}/(a+b₀)_{n−1}: the expected number of the first c completions that come before the
 * dropout coin, by telescoping (a+b₀−1)/(a−1) [1 − (b₀)_c/(a+b₀−1)_c] (b₀ ψ-difference at a = 1), for any real
 * c ≥ 0. Γ(b₀+c)/Γ(s+c) is one {@link logGammaRatio} (b₀ = s + 1 − a), exact to the last digits at c = 1e12. @internal
 */
export function survivingCompletions(a: number, b0: number, c: number): number {
  if (c <= 0) return 0;
  if (Math.abs(a - 1) < 1e-9) return b0 * (digamma(b0 + c) - digamma(b0));
  const s = a + b0 - 1;
  const logGrowth = logGammaRatio(s + c, 1 - a); // ln Γ(b₀+c)/Γ(s+c)
  if (s > 0) return (s / (a - 1)) * -Math.expm1(logGrowth - logGammaRatio(s, 1 - a));
  // a + b₀ ≤ 1: Γ(s) is negative (or infinite) there, and log|Γ| would lose its sign; Γ(s) = Γ(a + b₀)/s gives
  // W(c) = (s − Γ(b₀+c) Γ(a+b₀) / (Γ(b₀) Γ(s+c))) / (a − 1), every Γ at a positive argument (s + c ≥ a + b₀ > 0).
  return (s - Math.exp(logGrowth - logGamma(b0) + logGamma(a + b0))) / (a - 1);
}

/** w_{c+1} = (b₀)_c/(a+b₀)_c, the chance of surviving the dropout coins of the first c completions. */
function weightAfter(a: number, b0: number, c: number): number {
  return Math.exp(logGammaRatio(b0, a) - logGammaRatio(b0 + c, a));
}

/** The first m from `from` (stepping by `direction`) whose mass is below the cut, by doubling then bisection. */
function edgeOfMasses(count: EventCount, from: number, direction: 1 | -1, cut: number, firstStep: number): number {
  let inside = from;
  let step = firstStep;
  let outside = from + direction * step;
  while (!(outside < 0) && logMassAt(count, outside) >= cut && Number.isFinite(outside)) {
    inside = outside;
    step *= 2;
    outside = from + direction * step;
  }
  if (outside < 0) return 0;
  if (!Number.isFinite(outside)) return Number.POSITIVE_INFINITY;
  while (Math.abs(outside - inside) > 1) {
    const middle = Math.floor((inside + outside) / 2);
    if (middle === inside || middle === outside) break; // counts beyond 2^53: no integer between
    if (logMassAt(count, middle) >= cut) inside = middle;
    else outside = middle;
  }
  return inside;
}

/** Where the NB masses count: out to e^−45 of the peak on both sides, found by doubling then bisection. @internal */
export function massRange(count: EventCount): MassRange {
  const ratio = Math.exp(count.logOneMinusQ - count.logQ); // (1 − q)/q
  const mode = count.shape > 1 ? Math.floor((count.shape - 1) * ratio) : 0;
  const logPeak = logMassAt(count, mode);
  const cut = logPeak - LOG_CUTOFF;
  const spread = Math.max(1, Math.ceil(Math.sqrt(count.shape * ratio * (1 + ratio))));
  const low = mode === 0 ? 0 : edgeOfMasses(count, mode, -1, cut, spread);
  return { low, high: edgeOfMasses(count, mode, 1, cut, spread), logPeak };
}

/**
 * E[W(⌊(N + phase)/k⌋)], one mass at a time from low to high (masses by recurrence, normalised by their sum).
 * @internal
 */
export function summedCompletions(
  k: number,
  count: EventCount,
  a: number,
  b0: number,
  phase: number,
  range: MassRange,
) {
  const { shape, logOneMinusQ } = count;
  let completions = Math.floor((range.low + phase) / k);
  let cumulative = survivingCompletions(a, b0, completions);
  let nextWeight = weightAfter(a, b0, completions);
  let total = 0;
  let compensation = 0;
  let massSum = 0; // normalising by the masses' own sum cancels the error of log Γ at huge counts
  let logMass = logMassAt(count, range.low) - range.logPeak;
  for (let m = range.low; m <= range.high; m++) {
    const reached = Math.floor((m + phase) / k);
    while (completions < reached) {
      cumulative += nextWeight;
      nextWeight *= (b0 + completions) / (a + b0 + completions);
      completions += 1;
    }
    const mass = Math.exp(logMass);
    massSum += mass;
    const term = mass * cumulative;
    const next = total + term;
    compensation += Math.abs(total) >= Math.abs(term) ? total - next + term : term - next + total;
    total = next;
    logMass += Math.log1p((shape - 1) / (m + 1)) + logOneMinusQ;
  }
  return (total + compensation) / massSum;
}

/** P(ck − phase ≤ N < (c+1)k − phase) / peak mass, for a real c (masses from the first by recurrence). */
function blockMass(k: number, count: EventCount, phase: number, c: number, logPeak: number): number {
  let m = c * k - phase;
  let logMass = m >= 0 ? logMassAt(count, m) - logPeak : Number.NEGATIVE_INFINITY;
  let total = 0;
  for (let j = 0; j < k; j++, m++) {
    if (m >= 0) {
      if (logMass === Number.NEGATIVE_INFINITY) logMass = logMassAt(count, m) - logPeak;
      total += Math.exp(logMass);
      logMass += Math.log1p((count.shape - 1) / (m + 1)) + count.logOneMinusQ;
    }
  }
  return total;
}

/**
 * E[W(⌊(N + phase)/k⌋)] where the count's spread is too wide to sum: Σ_c W(c) B(c) over blocks c of k masses, the
 * first {@link SUMMED_BLOCKS} summed, the rest as ∫ W B dc by 20-point Gauss–Legendre panels (a quarter of c wide,
 * at most 1/128 of the range) with the midpoint Euler–Maclaurin correction (F(c₀) − F(c₀−1))/24 at the seam; both
 * W and B are smooth there on scales ≥ 250 blocks, so the sum and the integral agree to rounding. @internal
 */
export function integratedCompletions(
  k: number,
  count: EventCount,
  a: number,
  b0: number,
  phase: number,
  range: MassRange,
) {
  const cLow = Math.floor((range.low + phase) / k);
  const cHigh = Math.floor((range.high + phase) / k) + 1;
  let total = 0;
  let massSum = 0;
  let start = cLow;
  if (cLow < SUMMED_BLOCKS) {
    let term = 0;
    let mass = 0;
    for (let c = cLow; c < SUMMED_BLOCKS; c++) {
      mass = blockMass(k, count, phase, c, range.logPeak);
      term = mass * survivingCompletions(a, b0, c);
      total += term;
      massSum += mass;
    }
    const seamMass = blockMass(k, count, phase, SUMMED_BLOCKS, range.logPeak);
    total += (seamMass * survivingCompletions(a, b0, SUMMED_BLOCKS) - term) / 24;
    massSum += (seamMass - mass) / 24;
    start = SUMMED_BLOCKS - 0.5;
  }
  const { nodes, weights } = gaussLegendreRule(NODES);
  const widest = (cHigh - start) / 128;
  for (let left = start; left < cHigh; ) {
    const right = Math.min(cHigh, left + Math.max(1, Math.min(0.25 * left, widest)));
    const half = (right - left) / 2;
    for (let i = 0; i < NODES; i++) {
      const c = left + half * (1 + (nodes[i] as number));
      const mass = blockMass(k, count, phase, c, range.logPeak) * half * (weights[i] as number);
      total += mass * survivingCompletions(a, b0, c);
      massSum += mass;
    }
    left = right;
  }
  return total / massSum;
}

/**
 * The work of one {@link expectedCompletions} in mass evaluations: the masses summed, or the blocks and the
 * quadrature nodes where the spread is integrated. @internal
 */
export function completionsWork(k: number, shape: number, logQ: number, logOneMinusQ: number): number {
  const range = massRange({ shape, logQ, logOneMinusQ });
  if (!Number.isFinite(range.high)) return Number.POSITIVE_INFINITY;
  const span = range.high - range.low;
  return span <= SUMMED_MASSES && range.high <= Number.MAX_SAFE_INTEGER
    ? span + 1
    : (SUMMED_BLOCKS + 200 * NODES) * (k + 4);
}

/**
 * Σ_{n≥1} w_n P(N ≥ nk − phase), with N ~ NB(shape, q) (the Poisson count of a Gamma(shape, ·)-mixed rate) and
 * w_n = B(a, b₀+n−1)/B(a, b₀) the chance of surviving the dropout coins before the n-th future purchase. Written as
 * E[W(⌊(N + phase)/k⌋)] with W the cumulative weights ({@link survivingCompletions}): the masses out to e^−45 of the
 * peak on both sides, one by one where there are at most 50,000 of them, else by blocks of
 * k integrated by Gauss–Legendre (relative error ~1e-8 at counts of 1e9, where ln Γ of the count itself carries
 * 1e-6 of rounding). Work is bounded whatever the count: a few milliseconds at α = 1e-8 or t = 1e8. @internal
 */
export function expectedCompletions(
  k: number,
  shape: number,
  logQ: number,
  logOneMinusQ: number,
  a: number,
  b0: number,
  phase: number,
): number {
  const count = { shape, logQ, logOneMinusQ };
  const range = massRange(count);
  if (!(Number.isFinite(range.logPeak) && range.high < 1e100)) return Number.NaN;
  // One by one only where every count is a distinct float (beyond 2^53, m + 1 === m).
  return range.high - range.low <= SUMMED_MASSES && range.high <= Number.MAX_SAFE_INTEGER
    ? summedCompletions(k, count, a, b0, phase, range)
    : integratedCompletions(k, count, a, b0, phase, range);
}
