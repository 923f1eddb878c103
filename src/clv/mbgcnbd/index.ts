/**
 * MBG/CNBD-k: the MBG/NBD with Erlang-k inter-purchase times (Reutterer, Platzer \& Schröder 2020), suited to regular purchasing such as scheduled service visits.
 * Parameters `{ k, r, alpha, a, b }`; k is the regularity (1 = memoryless). Time in one unit throughout.
 *
 * @module
 */

export type { CnbdParams, CnbdSummaryColumnsInput, CnbdSummaryInput, CnbdSummaryRow } from "../cnbd/data.js";
export type { CnbdFitOptions, CnbdFitResult } from "../cnbd/fit.js";
export type { SimulatedCnbdCustomers } from "../cnbd/simulate.js";

export {
  conditionalExpectedPurchases,
  conditionalExpectedPurchasesBatch,
  expectedCumulativeTransactions,
  expectedPurchases,
  fit,
  logLikelihood,
  probabilityAlive,
  probabilityAliveBatch,
  probabilityOfPurchases,
  scorePatterns,
  simulate,
} from "./model.js";
