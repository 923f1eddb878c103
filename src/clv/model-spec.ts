import type { RandomSource } from "../math/random-source.js";
import type { CovariateEffect } from "./covariates/individual-params.js";

/** The BTYD transaction models, named by their namespaces. */
export type BtydModelName = "bgnbd" | "mbgnbd" | "paretoNbd" | "bgcnbd" | "mbgcnbd" | "bgbb";

/** Parameters as a spec's generic functions see them. @internal */
export type ModelParams = Readonly<Record<string, number>>;

/**
 * How a parameter is distributed across customers (for heterogeneity plots): Gamma(shape `first`, rate `second`) or
 * Beta(`first`, `second`), of the named parameters; `secondTimes` multiplies the second (the CNBD-k's λ/k ~
 * Gamma(r, kα)). @internal
 */
export interface MixingDistribution {
  readonly family: "gamma" | "beta";
  readonly quantity: string;
  readonly first: string;
  readonly second: string;
  readonly secondTimes?: string;
}

/**
 * An expectation that is a sum over phases of a weight that depends on the customer's whole history times a part
 * that depends on (x, T) only: E[Y(t)] = Σ_j w_j(x, t_x, T) × E_j(x, T, t). One phase, w = P(alive), for the
 * BG/NBD, MBG/NBD and Pareto/NBD; k phases of the Erlang-k clock for the (M)BG/CNBD-k. Customers sharing (x, T)
 * share each E_j, so a batch computes it once per cohort. @internal
 */
export interface SeparableExpectation {
  readonly phases: number;
  /** w_j(x, t_x, T) for j < phases, into out. */
  weights(x: number, tx: number, T: number, out: Float64Array): void;
  /** E_j(x, T, t). */
  ifAlive(x: number, T: number, t: number, phase: number): number;
}

/**
 * Everything the model-generic code (CLV, model checking, model comparison, heterogeneity) needs of one BTYD model,
 * so that it reads a spec instead of switching on model names. The functions are float64 kernels of checked
 * parameters and one history (x, t_x, T) — for the discrete BG/BB (x, t_x, n) with t in opportunities — that never
 * throw; a customer's own parameters under covariates come from `covariateEffects`. @internal
 */
export interface ModelSpec<P extends object = ModelParams> {
  readonly name: BtydModelName;
  /** The model as people write it, e.g. "BG/NBD". */
  readonly label: string;
  /** True for the BG/BB: customers are (frequency, recency, periods) in opportunities. */
  readonly discrete: boolean;
  /** The estimated parameters (k of the CNBD-k models counts as one). */
  readonly parameterNames: readonly string[];
  /** How covariate coefficients scale the parameters; empty for a model that takes no covariates. */
  readonly covariateEffects: readonly CovariateEffect<string>[];
  /** The model this one contains as a special case (k = 1), for likelihood-ratio tests. */
  readonly contains?: BtydModelName;
  /** The purchase and dropout heterogeneity across customers. */
  readonly heterogeneity: { readonly purchase: MixingDistribution; readonly dropout: MixingDistribution };
  /** The parameters checked (a copy): an InvalidInputError naming the bad ones. Covariate coefficients pass through. */
  checkParams(params: unknown): P;
  /** P(alive | history). */
  probabilityAlive(p: P, x: number, tx: number, T: number): number;
  /** E[Y(t) | history]: expected repeat purchases in (T, T + t]. */
  conditionalExpected(p: P, x: number, tx: number, T: number, t: number): number;
  /** E[X(t)] of a new customer. */
  expected(p: P, t: number): number;
  /** P(X(t) = n) of a new customer. */
  probabilityOfPurchases(p: P, t: number, n: number): number;
  /**
   * A random draw of the repeat purchases in (T, T + t] (the BG/BB: in the next t opportunities) given the history,
   * from the posterior of the customer's latent state and rates given it: the process noise of a prediction interval.
   */
  simulateFuture(p: P, x: number, tx: number, T: number, t: number, random: RandomSource): number;
  /** The separable form of the conditional expectation, where the model has one (continuous-time models). */
  separable?(p: P): SeparableExpectation;
  /**
   * Where t ↦ conditionalExpected(p, x, t_x, T, t) and each separable part given alive are analytic in the complex
   * plane but for the cut (−∞, −radius]: a discounted sum over many steps interpolates them at Chebyshev points.
   */
  analyticRadius?(p: P, T: number): number;
  /**
   * The closed-form discounted expected residual transactions at a continuously compounded rate δ per time unit
   * (Pareto/NBD, BG/BB), as a function of a customer's own parameters and history; it may memoise across calls.
   */
  dert?(delta: number): (p: P, x: number, tx: number, T: number) => number;
}
