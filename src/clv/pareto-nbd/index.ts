/** Pareto/NBD model (Schmittlein, Morrison & Colombo 1987). */
export { fit } from "./fit.js";
export { logLikelihood, type ParetoNbdParams } from "./log-likelihood.js";
export {
  conditionalExpectedPurchases,
  conditionalExpectedPurchasesBatch,
  conditionalProbabilityAlive,
  conditionalProbabilityOfPurchases,
  discountedExpectedResidualTransactions,
  expectedCumulativeTransactions,
  expectedPurchases,
  individualParams,
  probabilityAlive,
  probabilityAliveBatch,
  probabilityOfPurchases,
  scorePatterns,
} from "./predict.js";
export { simulate } from "./simulate.js";
