/** MBG/NBD: the modified BG/NBD (Batislam, Denizel & Filiztekin 2007). */
import { createBgnbdFamilyPredictions } from "../bgnbd/predict.js";

export { fit } from "./fit.js";
export { logLikelihood, type MbgnbdParams } from "./log-likelihood.js";
export { simulate } from "./simulate.js";

export const {
  expectedPurchases,
  expectedCumulativeTransactions,
  conditionalExpectedPurchases,
  conditionalProbabilityAlive,
  conditionalProbabilityOfPurchases,
  probabilityAlive,
  probabilityOfPurchases,
  conditionalExpectedPurchasesBatch,
  probabilityAliveBatch,
} = createBgnbdFamilyPredictions(1, "MBG/NBD");
