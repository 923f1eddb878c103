/** PSV (剩余价值可得): remaining obtainable value of vehicles and owners, calibration and prioritisation. */
export {
  type AssumptionSources,
  checkAssumptions,
  defaultAssumptions,
  type PsvAssumptions,
  type VehicleSegment,
} from "./assumptions.js";
export { COMPONENTS, type PsvComponent } from "./curve.js";
export { type PsvBatch, type PsvScore, type PsvScoreOptions, type PsvVehicle, score, scoreBatch } from "./score.js";
