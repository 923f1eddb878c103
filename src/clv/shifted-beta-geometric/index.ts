/** Shifted-beta-geometric (sBG) model of contract duration and retention (Fader & Hardie 2007). */
export { fit } from "./fit.js";
export { logLikelihood, type RetentionSeries, type ShiftedBetaGeometricParams } from "./log-likelihood.js";
export {
  churnProbability,
  discountedExpectedLifetime,
  discountedExpectedResidualLifetime,
  projectSurvivors,
  retentionRate,
  survivalProbability,
} from "./predict.js";
export { simulate } from "./simulate.js";
