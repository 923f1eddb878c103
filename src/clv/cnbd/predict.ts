import { logBeta } from "../../math/log-beta.js";
import { regularizedBeta } from "../../math/regularized-beta.js";
import type { CnbdParams } from "./data.js";
import { expectedCompletions } from "./expected-completions.js";
import { logAliveSum, logDeadTerm } from "./log-likelihood.js";

/** P(alive) = 1/(1 + S₁/S₂) (Reutterer, Platzer & Schröder 2020; BTYDplus's PAlive). @internal */
export function probabilityAliveKernel(p: CnbdParams, x: number, tx: number, T: number, shift: number): number {
  const logOdds = logDeadTerm(p.k, p.r, p.alpha, p.a, p.b, x, tx, T, shift) - logAliveSum(p.k, p.r, p.alpha, x, tx, T);
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * The alive part of E[Y(t) | x, t_x, T] for posterior phase `phase` of the Erlang-k clock at T: Σ_n E[(1−p)^(n−1)]
 * P(NB(r+kx+phase) ≥ nk − phase) with p ~ Beta(a, b+x+s). It depends on (x, T, t) and not on t_x, so customers
 * sharing (x, T) share it. @internal
 */
export function completionsIfAlive(
  p: CnbdParams,
  x: number,
  T: number,
  t: number,
  phase: number,
  shift: number,
): number {
  if (t === 0) return 0;
  const { k, r, alpha, a, b } = p;
  const logQ = Math.log(alpha + T) - Math.log(alpha + T + t);
  const logOneMinusQ = Math.log(t) - Math.log(alpha + T + t);
  return expectedCompletions(k, r + k * x + phase, logQ, logOneMinusQ, a, b + x + shift, phase);
}

/**
 * P(alive | x, t_x, T) times the posterior probability of each phase j < k of the Erlang-k clock at T (∝ the terms
 * of S₂), into out[0 … k−1]: E[Y(t) | x, t_x, T] = Σ_j out[j] × {@link completionsIfAlive}(j). @internal
 */
export function alivePhaseWeights(
  p: CnbdParams,
  x: number,
  tx: number,
  T: number,
  shift: number,
  out: Float64Array,
): void {
  const { k, r, alpha } = p;
  const shape0 = r + k * x;
  const logS2 = logAliveSum(k, r, alpha, x, tx, T);
  const alive = 1 / (1 + Math.exp(logDeadTerm(k, r, alpha, p.a, p.b, x, tx, T, shift) - logS2));
  const logRatio = Math.log(T - tx) - Math.log(alpha + T);
  let logPhaseTerm = 0;
  for (let phase = 0; phase < k; phase++) {
    if (phase > 0) logPhaseTerm += Math.log(shape0 + phase - 1) - Math.log(phase) + logRatio;
    out[phase] = alive * Math.exp(logPhaseTerm - logS2);
  }
}

/**
 * E[Y(t) | x, t_x, T] computed exactly: P(alive) × Σ_j w_j Σ_n E[(1−p)^(n−1)] P(NB(r+kx+j) ≥ nk − j), where j is
 * the posterior phase of the Erlang-k clock at T (weights ∝ the terms of S₂) and p ~ Beta(a, b+x+s). BTYDplus uses
 * a rescaled BG/NBD approximation here; this is the model's own expectation. A batch passes `ifAlive` (the
 * {@link completionsIfAlive} at this t, memoised across customers) and a scratch array for the weights. @internal
 */
export function conditionalExpectedKernel(
  p: CnbdParams,
  x: number,
  tx: number,
  T: number,
  t: number,
  shift: number,
  ifAlive: (x: number, T: number, phase: number) => number = (xi, Ti, phase) =>
    completionsIfAlive(p, xi, Ti, t, phase, shift),
  weights: Float64Array = new Float64Array(p.k),
): number {
  if (t === 0) return 0;
  alivePhaseWeights(p, x, tx, T, shift, weights);
  let expectation = 0;
  for (let phase = 0; phase < p.k; phase++) {
    const weight = weights[phase] as number;
    if (weight !== 0) expectation += weight * ifAlive(x, T, phase);
  }
  return expectation;
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
  // NB(r, q) masses up to (n+1)k − 1; beyond 10,000 of them (bounded work) the closed forms P(N ≥ m) =
  // I_{1−q}(m, r), the regularized incomplete beta.
  let below = 0; // P(N < nk)
  let within = 0; // P(nk ≤ N < (n+1)k)
  if ((n + 1) * k > 10_000) {
    const atLeast = (m: number) => (m === 0 ? 1 : regularizedBeta(t / (alpha + t), m, r));
    below = 1 - atLeast(n * k);
    within = Math.max(0, atLeast(n * k) - atLeast((n + 1) * k));
  } else {
    let logMass = r * logQ;
    for (let m = 0; m < (n + 1) * k; m++) {
      const mass = Math.exp(logMass);
      if (m < n * k) below += mass;
      else within += mass;
      logMass += Math.log(r + m) - Math.log(m + 1) + logOneMinusQ;
    }
  }
  const logBetaAB = logBeta(a, b);
  const alive = Math.exp(logBeta(a, b + n + shift) - logBetaAB) * within;
  const dead =
    n === 0 && shift === 0 ? 0 : Math.exp(logBeta(a + 1, b + (n - 1 + shift)) - logBetaAB) * Math.max(0, 1 - below);
  return alive + dead;
}
