/** RFM: recency-frequency-monetary measures, scores 1…bins and named segments. */
export type { RfmMeasureColumns } from "./from-transaction-columns.js";
export {
  fromTransactions,
  type RfmFromColumnsOptions,
  type RfmFromTransactionsOptions,
  type RfmMeasures,
} from "./from-transactions.js";
export {
  type RfmInput,
  type RfmScore,
  type RfmScoreColumns,
  type RfmScoreOptions,
  type RfmThresholds,
  rfmCode,
  score,
  scoreColumns,
} from "./score.js";
export { checkSegmentMap, type SegmentMap, type SegmentSummaryRow, segment, segmentSummary } from "./segment.js";
export { STANDARD_SEGMENT_MAP } from "./segment-map.js";
