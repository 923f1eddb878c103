/**
 * BG/CNBD-k: the BG/NBD with Erlang-k inter-purchase times (Reutterer, Platzer \& Schröder 2020).
 * Parameters `{ k, r, alpha, a, b }`; k is the regularity (1 = memoryless). Time in one unit throughout.
 *
 * @module
 */
import { createCnbdModel } from "../cnbd/model.js";

export type { CnbdParams, CnbdSummaryColumnsInput, CnbdSummaryInput, CnbdSummaryRow } from "../cnbd/data.js";
export type { CnbdFitOptions, CnbdFitResult } from "../cnbd/fit.js";
export type { SimulatedCnbdCustomers } from "../cnbd/simulate.js";

export const {
  fit,
  logLikelihood,
  probabilityAlive,
  conditionalExpectedPurchases,
  expectedPurchases,
  expectedCumulativeTransactions,
  probabilityOfPurchases,
  probabilityAliveBatch,
  conditionalExpectedPurchasesBatch,
  simulate,
} = createCnbdModel(0, "BG/CNBD-k");
