import { logBeta } from "../../math/log-beta.js";
import type { CnbdParams } from "./data.js";
import { logAliveSum, logDeadTerm } from "./log-likelihood.js";

/** P(alive) = 1/(1 + S₁/S₂) (Reutterer, Platzer & Schröder 2020; BTYDplus's PAlive). @internal */
export function probabilityAliveKernel(p: CnbdParams, x: number, tx: number, T: number, shift: number): number {
  const logOdds = logDeadTerm(p.k, p.r, p.alpha, p.a, p.b, x, tx, T, shift) - logAliveSum(p.k, p.r, p.alpha, x, tx, T);
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * Upper tails P(N ≥ m) of N ~ NB(shape, q), for m = 0 … until the mass is negligible (past the mode and below
 * e^−45 of the peak). Masses are walked in log space and the tails summed backwards, so tails keep their relative
 * precision (no 1 − CDF cancellation). With NB means in the hundreds of thousands (heavy buyers, long horizons)
 * the log-mass recurrence limits the relative accuracy to about 1e-10. @internal
 */
function negativeBinomialTails(shape: number, logQ: number, logOneMinusQ: number): Float64Array {
  const masses: number[] = [];
  const mode = shape > 1 ? ((shape - 1) * Math.exp(logOneMinusQ)) / Math.exp(logQ) : 0;
  let logMass = shape * logQ;
  let peak = logMass;
  for (let m = 0; m < 50_000_000; m++) {
    masses.push(logMass);
    if (logMass > peak) peak = logMass;
    if (m > mode && logMass < peak - 45) break;
    logMass += Math.log(shape + m) - Math.log(m + 1) + logOneMinusQ;
  }
  // Backward compensated (Neumaier) sums: the tails near 1 add up hundreds of thousands of masses.
  const tails = new Float64Array(masses.length + 1);
  let sum = 0;
  let compensation = 0;
  for (let m = masses.length - 1; m >= 0; m--) {
    const mass = Math.exp((masses[m] as number) - peak);
    const next = sum + mass;
    compensation += Math.abs(sum) >= mass ? sum - next + mass : mass - next + sum;
    sum = next;
    tails[m] = sum + compensation;
  }
  const scale = Math.exp(peak);
  for (let m = 0; m < tails.length; m++) tails[m] = (tails[m] as number) * scale;
  return tails;
}

/**
 * Σ_{n≥1} w_n P(N ≥ nk − phase), with N ~ NB(shape, q) (the Poisson count of a Gamma(shape, ·)-mixed rate) and
 * w_n = B(a, B₀+n−1)/B(a, B₀) the chance of surviving the dropout coins before the n-th future purchase. @internal
 */
function expectedCompletions(
  k: number,
  shape: number,
  logQ: number,
  logOneMinusQ: number,
  a: number,
  b0: number,
  phase: number,
): number {
  const tails = negativeBinomialTails(shape, logQ, logOneMinusQ);
  let weight = 1;
  let total = 0;
  for (let n = 1; n * k - phase < tails.length - 1; n++) {
    total += weight * (tails[n * k - phase] as number);
    weight *= (b0 + n - 1) / (a + b0 + n - 1);
  }
  return total;
}

/**
 * E[Y(t) | x, t_x, T] computed exactly: P(alive) × Σ_j w_j Σ_n E[(1−p)^(n−1)] P(NB(r+kx+j) ≥ nk − j), where j is
 * the posterior phase of the Erlang-k clock at T (weights ∝ the terms of S₂) and p ~ Beta(a, b+x+s). BTYDplus uses
 * a rescaled BG/NBD approximation here; this is the model's own expectation. @internal
 */
export function conditionalExpectedKernel(
  p: CnbdParams,
  x: number,
  tx: number,
  T: number,
  t: number,
  shift: number,
): number {
  if (t === 0) return 0;
  const { k, r, alpha, a, b } = p;
  const shape0 = r + k * x;
  const logQ = Math.log(alpha + T) - Math.log(alpha + T + t);
  const logOneMinusQ = Math.log(t) - Math.log(alpha + T + t);
  const logS2 = logAliveSum(k, r, alpha, x, tx, T);
  const logRatio = Math.log(T - tx) - Math.log(alpha + T);
  let logPhaseTerm = 0;
  let expectation = 0;
  for (let phase = 0; phase < k; phase++) {
    if (phase > 0) logPhaseTerm += Math.log(shape0 + phase - 1) - Math.log(phase) + logRatio;
    const phaseWeight = Math.exp(logPhaseTerm - logS2);
    if (phaseWeight === 0) continue;
    expectation += phaseWeight * expectedCompletions(k, shape0 + phase, logQ, logOneMinusQ, a, b + x + shift, phase);
  }
  return expectation * probabilityAliveKernel(p, x, tx, T, shift);
}

/** E[X(t)] for a new customer: Σ_n B(a, b+n−1+s)/B(a, b) P(NB(r, α/(α+t)) ≥ nk). @internal */
export function expectedPurchasesKernel(p: CnbdParams, t: number, shift: number): number {
  if (t === 0) return 0;
  const { k, r, alpha, a, b } = p;
  const first = shift === 0 ? 1 : b / (a + b);
  const logQ = Math.log(alpha) - Math.log(alpha + t);
  const logOneMinusQ = Math.log(t) - Math.log(alpha + t);
  return first * expectedCompletions(k, r, logQ, logOneMinusQ, a, b + shift, 0);
}

/** P(X(t) = n) for a new customer. @internal */
export function probabilityOfPurchasesKernel(p: CnbdParams, t: number, n: number, shift: number): number {
  const { k, r, alpha, a, b } = p;
  const logQ = Math.log(alpha) - Math.log(alpha + t);
  const logOneMinusQ = t === 0 ? Number.NEGATIVE_INFINITY : Math.log(t) - Math.log(alpha + t);
  // NB(r, q) masses up to (n+1)k − 1.
  let logMass = r * logQ;
  let below = 0; // P(N < nk)
  let within = 0; // P(nk ≤ N < (n+1)k)
  for (let m = 0; m < (n + 1) * k; m++) {
    const mass = Math.exp(logMass);
    if (m < n * k) below += mass;
    else within += mass;
    logMass += Math.log(r + m) - Math.log(m + 1) + logOneMinusQ;
  }
  const logBetaAB = logBeta(a, b);
  const alive = Math.exp(logBeta(a, b + n + shift) - logBetaAB) * within;
  const dead =
    n === 0 && shift === 0 ? 0 : Math.exp(logBeta(a + 1, b + n - 1 + shift) - logBetaAB) * Math.max(0, 1 - below);
  return alive + dead;
}
