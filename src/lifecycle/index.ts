/** Customer lifecycle stages (prospect … replacement window, lapsed) with flags and reasons. */

export type { LifecycleCustomer, LifecycleCustomerInput } from "../schemas/lifecycle-customer.js";
export {
  classify,
  classifyBatch,
  type LifecycleClassification,
  type LifecycleFlag,
  type LifecycleOptions,
  type LifecycleStage,
  type VehicleStage,
} from "./classify.js";
export { DEFAULT_LIFECYCLE_RULES, type LifecycleRules } from "./rules.js";
