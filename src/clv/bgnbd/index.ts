/** BG/NBD: beta-geometric / negative binomial distribution model (Fader, Hardie & Lee 2005). */
import { createBgnbdFamilyPredictions } from "./predict.js";

export { fit } from "./fit.js";
export { type BgnbdParams, logLikelihood } from "./log-likelihood.js";
export { type SimulatedCustomers, type SimulateOptions, simulate } from "./simulate.js";

export const {
  individualParams,
  expectedPurchases,
  expectedCumulativeTransactions,
  conditionalExpectedPurchases,
  conditionalProbabilityAlive,
  conditionalProbabilityOfPurchases,
  probabilityAlive,
  probabilityOfPurchases,
  conditionalExpectedPurchasesBatch,
  probabilityAliveBatch,
} = createBgnbdFamilyPredictions(0, "BG/NBD");
