/** PSV (剩余价值可得): remaining obtainable value of vehicles and owners, calibration and prioritisation. */

export type { DealerNetworkReport, NetworkShare } from "./assess/network-report.js";
export type { SaveableInterval } from "./assess/saveable-interval.js";
export type { AssumptionsByVehicle } from "./assess/vehicle-assumptions.js";
export {
  type AssessCustomersOptions,
  type AssessCustomersResult,
  assessCustomers,
  type CustomerAssessment,
  type VehicleAssessment,
} from "./assess-customers.js";
export type { AssessEvent, AssessEventColumns, AssessVehicle, AssessVehicleColumns } from "./assess-input.js";
export {
  type AssessPartition,
  type AssessPartitionsOptions,
  assessPartitions,
  type PartitionedAssessment,
  type PartitionSource,
  type PartitionsSummary,
} from "./assess-partitions.js";
export type { AssumptionSampling, SamplingScale } from "./assumption-sampling.js";
export {
  type AssumptionSources,
  checkAssumptions,
  defaultAssumptions,
  type PsvAssumptions,
  type VehicleSegment,
} from "./assumptions.js";
export { type CalibrateOptions, type CalibrationEntry, type CalibrationResult, calibrate } from "./calibrate.js";
export { type CalibratePartitionsOptions, calibratePartitions } from "./calibrate-partitions.js";
export {
  type CalibrationPass,
  type CalibrationRound,
  type CalibrationStatistics,
  type CalibrationStep,
  calibrationStatistics,
  continueCalibration,
  startCalibration,
} from "./calibration-rounds.js";
export { COMPONENTS, type PsvComponent } from "./curve.js";
export type { ReminderCalibration } from "./reminder/calibrate-reminder.js";
export { REMINDER_LEAD_EDGES_DAYS } from "./reminder/lead-bands.js";
export type { ReminderEffectEvidence } from "./reminder/learn-effect.js";
export {
  type PsvBatch,
  type PsvScore,
  type PsvScoreOptions,
  type PsvVehicle,
  type PsvVehicleColumns,
  score,
  scoreBatch,
} from "./score.js";
