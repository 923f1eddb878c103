/**
 * How sure: parameter draws from a fit (asymptotic normal or customer bootstrap), intervals of any statistic of
 * them, prediction intervals of customers' future purchases, and intervals on a dealer's assessment from its
 * calibration's sampling error.
 */
export {
  type AssessmentIntervalOptions,
  type AssessmentIntervals,
  assessmentIntervals,
  type IntervalValue,
} from "./assessment-intervals.js";
export { type DrawParamsOptions, drawParams } from "./draw-params.js";
export {
  combineDraws,
  type Interval,
  type IntervalOptions,
  type Intervals,
  interval,
  intervals,
} from "./interval.js";
export type { ParamDraws } from "./param-draws.js";
export { type PredictionIntervalOptions, type PredictionIntervals, predictionInterval } from "./prediction-interval.js";
export type { DrawableModel } from "./refit-models.js";
