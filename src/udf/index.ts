/**
 * autoclv/udf: the models' predictions as scalar functions for warehouse UDFs (BigQuery, Snowflake: any engine that
 * runs JavaScript functions): numbers in, a number out, null (SQL NULL) for a bad row instead of an error, no row
 * objects and no validation objects, so each call costs about what the batch costs per row. The
 * parameters come first (literals in the SQL), then the horizon or discount rate, then the customer's summary. The
 * package also ships this module as one IIFE file, `dist/udf/autoclv-udf.iife.js`, that defines
 * `globalThis.autoclvUdf`: the library file of a BigQuery UDF, or the inline body of a Snowflake one (docs/udf.md).
 * For a UDTF that buffers a partition, the batch functions of the same models are here too.
 *
 * @module autoclv/udf
 */

export {
  conditionalExpectedPurchasesBatch as bgnbdConditionalExpectedPurchasesBatch,
  probabilityAliveBatch as bgnbdProbabilityAliveBatch,
} from "../clv/bgnbd/predict.js";
export {
  conditionalExpectedPurchasesBatch as paretoNbdConditionalExpectedPurchasesBatch,
  probabilityAliveBatch as paretoNbdProbabilityAliveBatch,
} from "../clv/pareto-nbd/predict.js";
export {
  bgbbConditionalExpectedPurchases,
  bgbbDiscountedExpectedResidualTransactions,
  bgbbProbabilityAlive,
} from "./bgbb.js";
export {
  bgnbdConditionalExpectedPurchases,
  bgnbdProbabilityAlive,
  mbgnbdConditionalExpectedPurchases,
  mbgnbdProbabilityAlive,
} from "./bgnbd.js";
export {
  bgcnbdConditionalExpectedPurchases,
  bgcnbdProbabilityAlive,
  mbgcnbdConditionalExpectedPurchases,
  mbgcnbdProbabilityAlive,
} from "./cnbd.js";
export { gammaGammaConditionalExpectedSpend } from "./gamma-gamma.js";
export {
  paretoNbdConditionalExpectedPurchases,
  paretoNbdDiscountedExpectedResidualTransactions,
  paretoNbdProbabilityAlive,
} from "./pareto-nbd.js";
