/** A customer's covariates: numbers by name (e.g. `{ Gender: 1, Channel: 0 }`; dummies from {@link dummyCode}). */
export type CovariateValues = Readonly<Record<string, number>>;

/** The processes a covariate can act on. */
export type CovariateProcess = "transaction" | "lifetime" | "spend";

/**
 * Coefficients of fitted covariates by process and name, as in CLVTools: a 1-unit change of covariate `x` multiplies
 * a rate by exp(coefficient). Pareto/NBD: α_i = α·exp(−γ_trans'x_i) and β_i = β·exp(−γ_life'x_i), so the mean purchase
 * rate r/α_i and the mean dropout rate s/β_i are multiplied by exp(γ'x). BG/NBD: α_i = α·exp(−γ_trans'x_i), a_i =
 * a·exp(γ_life'x_i), b_i = b·exp(γ_life'x_i). Gamma-Gamma: γ_i = γ·exp(δ'x_i), so mean spend is multiplied by exp(δ'x).
 */
export interface CovariateCoefficients {
  readonly transaction?: Readonly<Record<string, number>>;
  readonly lifetime?: Readonly<Record<string, number>>;
  readonly spend?: Readonly<Record<string, number>>;
}

/** Which covariates a fit uses, and how (CLVTools' names.cov.trans / names.cov.life / names.cov.constr / reg.lambdas). */
export interface CovariateOptions {
  /** Covariates of the purchase process (Pareto/NBD, BG/NBD). */
  readonly transaction?: readonly string[];
  /** Covariates of the dropout process (Pareto/NBD, BG/NBD). */
  readonly lifetime?: readonly string[];
  /** Covariates of mean spend (Gamma-Gamma). */
  readonly spend?: readonly string[];
  /**
   * Covariates forced to one coefficient in both processes (each must be listed in `transaction` and `lifetime`);
   * CLVTools' `names.cov.constr`.
   */
  readonly constrained?: readonly string[];
  /**
   * L2 penalties λ ≥ 0 by process, CLVTools' `reg.lambdas`: the fit maximises LL/n − λ_trans‖γ_trans‖² −
   * λ_life‖γ_life‖² (n customers; constrained coefficients are not penalised). Default none.
   */
  readonly regularization?: { readonly transaction?: number; readonly lifetime?: number; readonly spend?: number };
}
