/** BG/BB: beta-geometric / beta-Bernoulli model for discrete-time data (Fader, Hardie & Shang 2010). */
export type { DiscreteSummaryColumnsInput, DiscreteSummaryInput, DiscreteSummaryRow } from "./data.js";
export { fit } from "./fit.js";
export { type BgbbParams, logLikelihood } from "./log-likelihood.js";
export {
  conditionalExpectedPurchases,
  conditionalExpectedPurchasesBatch,
  conditionalProbabilityAlive,
  conditionalProbabilityOfPurchases,
  discountedExpectedResidualTransactions,
  expectedCumulativeTransactions,
  expectedPurchases,
  probabilityAlive,
  probabilityAliveBatch,
  probabilityOfPurchases,
} from "./predict.js";
export { simulate } from "./simulate.js";
export {
  type DiscretePattern,
  type DiscreteSummaryOptions,
  type DiscreteTransactionSummary,
  type OpportunityUnit,
  summarizeTransactions,
  toPatterns,
} from "./summarize-transactions.js";
