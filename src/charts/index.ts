/**
 * Charts as Vega-Lite v5 specifications (plain JSON, no runtime dependency): each function takes the plot-ready
 * data of an `evaluate` function (or values by age, `psv.assessCustomers`' rows, RFM scores or a campaign's
 * uplift) and returns a spec that renders in Jupyter and Deno notebooks
 * (it displays itself through `Symbol.for("Jupyter.display")`, with an SVG fallback), in browsers with vega-embed and
 * in Observable; {@link toSvg} renders any of them to a standalone SVG without Vega.
 *
 * @module autoclv/charts
 */

export { calibrationVsHoldout } from "./calibration-vs-holdout.js";
export { type CallListCustomer, type CallListIntervals, type CallListOptions, callList } from "./call-list.js";
export { forVegaLite6, VEGA_LITE_MIME, type VegaLiteSpec } from "./chart.js";
export { type CohortVehicle, firstServiceWasLast } from "./first-service-cohorts.js";
export { frequencyRecencyMatrix } from "./frequency-recency-matrix.js";
export { gainsCurve } from "./gains-curve.js";
export { heterogeneity } from "./heterogeneity.js";
export { periodTransactions } from "./period-transactions.js";
export { probabilityAliveHistory } from "./probability-alive-history.js";
export { type RfmMapCustomer, rfmSegmentMap } from "./rfm-segment-map.js";
export { spendCheck } from "./spend-check.js";
export { toSvg } from "./svg.js";
export { tracking } from "./tracking.js";
export { type UpliftEstimate, type UpliftSegment, upliftByStage } from "./uplift-by-stage.js";
export { type ValueAtAge, valueByAge } from "./value-by-age.js";
export { type StageValueCustomer, valueByStage } from "./value-by-stage.js";
