/**
 * Model checking and backtests: tracking, calibration vs holdout, period transactions, frequency/recency matrices,
 * P(alive) histories, heterogeneity, spend checks, holdout errors and model comparison for BTYD fits; captured
 * value, gains, Gini, AUC, Brier and calibration for rankings.
 */

export type { CampaignContact, CampaignContactColumns } from "../psv/contact-input.js";
export { areaUnderRoc } from "./area-under-roc.js";
export { brierScore } from "./brier-score.js";
export type { BtydModel, CheckedCustomer, CheckedCustomers } from "./btyd-model.js";
export {
  type CalibrationVsHoldoutOptions,
  calibrationVsHoldout,
  type HoldoutGroup,
} from "./calibration-vs-holdout.js";
export {
  type CampaignGroup,
  type CampaignOptions,
  type CampaignResult,
  type CampaignSegment,
  campaign,
} from "./campaign/campaign.js";
export type { Estimate, Uplift } from "./campaign/stratified-uplift.js";
export { type CapturedValue, capturedValue } from "./captured-value.js";
export {
  compareModels,
  type LikelihoodRatioTest,
  type ModelComparison,
  type ModelComparisonRow,
  type ModelToCompare,
} from "./compare-models.js";
export { compareRankings, type RankingComparison } from "./compare-rankings.js";
export { type CalibrationGroup, decileCalibration } from "./decile-calibration.js";
export {
  type FitConvergence,
  type FitRecord,
  type FitSummary,
  type FitSummaryOptions,
  type FitSummaryRow,
  fitSummary,
} from "./fit-summary.js";
export {
  type FrequencyRecencyCell,
  type FrequencyRecencyMatrixOptions,
  frequencyRecencyMatrix,
} from "./frequency-recency-matrix.js";
export { type GainsCurve, gainsCurve } from "./gains-curve.js";
export { type Heterogeneity, heterogeneity, type MixingDensity } from "./heterogeneity.js";
export {
  type ErrorSummary,
  type FrequencyErrorSummary,
  type HoldoutErrors,
  holdoutErrors,
} from "./holdout-errors.js";
export { type PeriodTransactionsGroup, periodTransactions } from "./period-transactions.js";
export { type AliveHistoryPoint, probabilityAliveHistory } from "./probability-alive-history.js";
export { type SpendCheck, spendCheck } from "./spend-check.js";
export { splitByDate } from "./split-by-date.js";
export {
  type RepeatTransactionsByPeriod,
  type RepeatTransactionsByPeriodOptions,
  repeatTransactionsByPeriod,
  type TrackingOptions,
  type TrackingPoint,
  tracking,
} from "./tracking.js";
