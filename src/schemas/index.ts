export { type LifecycleCustomer, type LifecycleCustomerInput, lifecycleCustomerSchema } from "./lifecycle-customer.js";
export { dateSchema, idSchema, moneySchema, nonNegativeMoneySchema } from "./primitives.js";
export {
  type CustomerSummary,
  customerSummarySchema,
  type DiscreteCustomerSummary,
  discreteCustomerSummarySchema,
  type ServiceEvent,
  type ServiceEventType,
  serviceEventSchema,
  serviceEventTypeSchema,
  type Transaction,
  type TransactionInput,
  transactionSchema,
  type Vehicle,
  vehicleSchema,
  vehicleSegmentSchema,
} from "./records.js";
export {
  checkHorizon,
  checkPositiveParameters,
  type SummaryColumns,
  type SummaryColumnsInput,
  type SummaryInput,
  type SummaryRow,
  toSummaryColumns,
} from "./summary-columns.js";
export { type BatchValidation, validate, validateAll, validateEach } from "./validate.js";
