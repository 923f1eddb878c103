/** Backtests of rankings and predictions on held-out data: captured value, gains, Gini, AUC, Brier, calibration. */
export { areaUnderRoc } from "./area-under-roc.js";
export { brierScore } from "./brier-score.js";
export { type CapturedValue, capturedValue } from "./captured-value.js";
export { compareRankings, type RankingComparison } from "./compare-rankings.js";
export { type CalibrationGroup, decileCalibration } from "./decile-calibration.js";
export { type GainsCurve, gainsCurve } from "./gains-curve.js";
export { splitByDate } from "./split-by-date.js";
