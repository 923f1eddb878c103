/**
 * The float64 kernels under the models, each tested against values derived independently at 60 digits or against
 * closed forms: log-gamma, log-beta, digamma, ₂F₁, incomplete gamma, the normal distribution, log-sum-exp, compensated
 * sums, quadrature, L-BFGS and Nelder–Mead. They never throw: impossible points give NaN.
 *
 * @module autoclv/math
 */

export { expectationUnderBeta } from "./beta-expectation.js";
export { digamma } from "./digamma.js";
export { gaussianLogDensity } from "./gaussian-log-density.js";
export { hypergeometric2F1, logHypergeometric2F1, type SignedLog } from "./hypergeometric-2f1.js";
export { integrateUnitInterval } from "./integrate-unit-interval.js";
export { invertPositiveDefinite } from "./invert-positive-definite.js";
export { type LbfgsOptions, lbfgs } from "./lbfgs.js";
export { logBeta } from "./log-beta.js";
export { logGamma } from "./log-gamma.js";
export { logAddExp, logSubExp, logSumExp } from "./log-sum-exp.js";
export { type NelderMeadOptions, nelderMead } from "./nelder-mead.js";
export { neumaierSum } from "./neumaier-sum.js";
export { normalCdf } from "./normal-cdf.js";
export { numericGradient } from "./numeric-gradient.js";
export { numericHessian } from "./numeric-hessian.js";
export type { Bounds, OptimizationResult } from "./optimization-result.js";
export { createRandomSource, type RandomSource } from "./random-source.js";
export { regularizedBeta } from "./regularized-beta.js";
export { regularizedGammaP, regularizedGammaQ } from "./regularized-gamma.js";
export { sampleBeta } from "./sample-beta.js";
export { sampleBinomial } from "./sample-binomial.js";
export { sampleExponential } from "./sample-exponential.js";
export { sampleGamma } from "./sample-gamma.js";
export { sampleNormal } from "./sample-normal.js";
export { samplePoisson } from "./sample-poisson.js";
export { logTricomiUEqualParameters } from "./tricomi-u.js";
