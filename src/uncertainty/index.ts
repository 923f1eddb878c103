/**
 * How sure: parameter draws from a fit (asymptotic normal or customer bootstrap), intervals of any statistic of
 * them, and prediction intervals of customers' future purchases.
 */
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
