/**
 * autoclv: customer value for car makers and dealer groups — CLV (BTYD models and classic formulas), RFM, PSV (the
 * value still to be earned from a vehicle and its owner), service timing, lifecycle stages and the retention call
 * list. Models are namespaces (`bgnbd`, `paretoNbd`, `psv`, …); charts and math kernels have entry points of their
 * own (`autoclv/charts`, `autoclv/math`, `autoclv/udf`).
 *
 * @module autoclv
 */

export * as charts from "./charts/index.js";
export * as bgbb from "./clv/bgbb/index.js";
export * as bgcnbd from "./clv/bgcnbd/index.js";
export * as bgnbd from "./clv/bgnbd/index.js";
export { type RetentionLifetimeValueOptions, retentionLifetimeValue } from "./clv/classic/retention-lifetime-value.js";
export { type DummyCodeOptions, type DummyCoding, dummyCode } from "./clv/covariates/dummy-code.js";
export { fitBgnbdWithCovariates } from "./clv/covariates/fit-bgnbd-with-covariates.js";
export type { CovariateFitOptions } from "./clv/covariates/fit-covariate-model.js";
export { fitGammaGammaWithCovariates } from "./clv/covariates/fit-gamma-gamma-with-covariates.js";
export { fitParetoNbdWithCovariates } from "./clv/covariates/fit-pareto-nbd-with-covariates.js";
export type {
  CovariateCoefficients,
  CovariateOptions,
  CovariateProcess,
  CovariateValues,
} from "./clv/covariates/types.js";
export {
  type CustomerLifetimeValueOptions,
  type CustomerLifetimeValueResult,
  type CustomerLifetimeValueTotals,
  type CustomerValueColumns,
  type CustomerValueRow,
  customerLifetimeValue,
  type TransactionModel,
} from "./clv/customer-lifetime-value.js";
export * as gammaGamma from "./clv/gamma-gamma/index.js";
export type { FitOptions, FitResult } from "./clv/maximum-likelihood.js";
export * as mbgcnbd from "./clv/mbgcnbd/index.js";
export * as mbgnbd from "./clv/mbgnbd/index.js";
export * as paretoNbd from "./clv/pareto-nbd/index.js";
export type { PatternScoreOptions, PatternScores } from "./clv/score-patterns.js";
export * as shiftedBetaGeometric from "./clv/shifted-beta-geometric/index.js";
export type {
  ExpectationFactorOptions,
  ExpectationFactors,
  FrequencyAgeInput,
} from "./clv/sql/expectation-factors.js";
export { type PatternsSql, type PatternsSqlOptions, patternsSql } from "./clv/sql/patterns-sql.js";
export type { ModelSql, ModelSqlOptions } from "./clv/sql/probability-alive-sql.js";
export type { SqlColumns, SqlDialect, SqlOptions } from "./clv/sql/sql-options.js";
export { type SummarySqlOptions, summarySql } from "./clv/sql/summary-sql.js";
export {
  type FieldAccessor,
  type SummarizeColumnsOptions,
  type SummarizeTransactionsOptions,
  summarizeTransactions,
  type TransactionColumns,
  type TransactionSummary,
  type TransactionSummaryColumns,
} from "./clv/summarize-transactions.js";
export { DAYS_PER_TIME_UNIT, type TimeUnit } from "./clv/time-unit.js";
export { type PatternOptions, type SummaryPatterns, toPatterns } from "./clv/to-patterns.js";
export {
  type DealerCustomer,
  type DealerTruth,
  type GenerateDealerDataOptions,
  generateDealerData,
} from "./dealer/generate-dealer-data.js";
export { DEFAULT_DEALER_MECHANICS, type DealerMechanics } from "./dealer/owner-simulation.js";
export {
  AutoclvError,
  type AutoclvErrorCode,
  assertConverged,
  ConvergenceError,
  type FailedFit,
  type InputIssue,
  InvalidInputError,
} from "./errors.js";
export * as evaluate from "./evaluate/index.js";
export type { ArrowLikeTable, ArrowLikeVector, ColumnInput } from "./input/columns.js";
export type { AbortSignalLike, Progress, ProgressOptions } from "./input/progress.js";
export * as lifecycle from "./lifecycle/index.js";
export * from "./money/index.js";
export { type PlainData, type PlainError, toPlainData } from "./plain-data.js";
export * as psv from "./psv/index.js";
export * as rfm from "./rfm/index.js";
export type { LifecycleCustomer, LifecycleCustomerInput } from "./schemas/lifecycle-customer.js";
export type { DateInput } from "./schemas/parse-date.js";
export type { Reason } from "./schemas/reason.js";
export type { ContractType, Id, PurchaseType, VehicleSegment } from "./schemas/record-types.js";
export type {
  CustomerSummary,
  DiscreteCustomerSummary,
  ServiceEvent,
  ServiceEventInput,
  ServiceEventType,
  Transaction,
  TransactionInput,
  Vehicle,
  VehicleInput,
} from "./schemas/records.js";
export type { BatchResult } from "./schemas/row-rejections.js";
export type { SummaryColumns, SummaryColumnsInput, SummaryInput, SummaryRow } from "./schemas/summary-columns.js";
export type { BatchValidation } from "./schemas/validate.js";
export { validateTransactions } from "./schemas/validate-transactions.js";
export * as service from "./service/index.js";
export * as udf from "./udf/index.js";
export * as uncertainty from "./uncertainty/index.js";
