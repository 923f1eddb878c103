/** BG/NBD: beta-geometric / negative binomial distribution model (Fader, Hardie & Lee 2005). */
export { fit } from "./fit.js";
export { type BgnbdParams, logLikelihood } from "./log-likelihood.js";
export {
  conditionalExpectedPurchases,
  conditionalExpectedPurchasesBatch,
  conditionalProbabilityAlive,
  conditionalProbabilityOfPurchases,
  expectedCumulativeTransactions,
  expectedPurchases,
  individualParams,
  probabilityAlive,
  probabilityAliveBatch,
  probabilityOfPurchases,
  scorePatterns,
} from "./predict.js";
export { type SimulatedCustomers, type SimulateOptions, simulate } from "./simulate.js";
export { expectationFactors, toSql } from "./to-sql.js";
