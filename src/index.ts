/**
 * autoclv: customer value for car makers and dealer groups.
 *
 * @packageDocumentation
 */
export {
  AutoclvError,
  type AutoclvErrorCode,
  assertConverged,
  ConvergenceError,
  type FailedFit,
  type InputIssue,
  InvalidInputError,
} from "./errors.js";
export * from "./math/index.js";
export * from "./money/index.js";
export * from "./schemas/index.js";
