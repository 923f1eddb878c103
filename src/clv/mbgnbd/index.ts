/** MBG/NBD: the modified BG/NBD (Batislam, Denizel & Filiztekin 2007). */
export { fit } from "./fit.js";
export { logLikelihood, type MbgnbdParams } from "./log-likelihood.js";
export {
  conditionalExpectedPurchases,
  conditionalExpectedPurchasesBatch,
  conditionalProbabilityAlive,
  conditionalProbabilityOfPurchases,
  expectedCumulativeTransactions,
  expectedPurchases,
  probabilityAlive,
  probabilityAliveBatch,
  probabilityOfPurchases,
  scorePatterns,
} from "./predict.js";
export { simulate } from "./simulate.js";
export { expectationFactors, toSql } from "./to-sql.js";
