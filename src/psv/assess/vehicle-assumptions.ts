import type { PsvAssumptions } from "../assumptions.js";

/**
 * Which assumptions each vehicle runs on: a list (the default first) and each vehicle's index into it. One
 * assumptions object for a whole fleet is a list of one. @internal
 */
export interface VehicleAssumptions {
  readonly list: readonly PsvAssumptions[];
  readonly of: Int32Array;
}

/** One assumptions object for every vehicle. @internal */
export function sameAssumptions(a: PsvAssumptions, vehicleCount: number): VehicleAssumptions {
  return { list: [a], of: new Int32Array(vehicleCount) };
}

/** The assumptions of vehicle v. @internal */
export const assumptionsOf = (assumptions: VehicleAssumptions, v: number): PsvAssumptions =>
  assumptions.list[assumptions.of[v] as number] as PsvAssumptions;

/**
 * Assumptions per vehicle, picked by a field of the vehicle row: its segment, or any field named (a brand, EV or
 * ICE). A vehicle whose value is missing or not among `by` runs on `default`.
 */
export interface AssumptionsByVehicle {
  /** The vehicle field whose value picks the assumptions (default "segment"). */
  readonly field?: string;
  /** Assumptions by the field's value. */
  readonly by: Readonly<Record<string, PsvAssumptions>>;
  /** For vehicles without a value in `by`. */
  readonly default: PsvAssumptions;
}

/** The checked assumption sets of an assessment: the list (default first), the key of each, the field. @internal */
export interface AssumptionSets {
  readonly list: readonly PsvAssumptions[];
  readonly keys: ReadonlyMap<string, number>;
  readonly field: string | undefined;
}

/** Each vehicle's index into the sets, from its value of the field (the default without one). @internal */
export function assignAssumptions(sets: AssumptionSets, group: readonly unknown[], vehicleCount: number) {
  const of = new Int32Array(vehicleCount);
  if (sets.field !== undefined)
    for (let v = 0; v < vehicleCount; v++) {
      const value = group[v];
      of[v] = typeof value === "string" || typeof value === "number" ? (sets.keys.get(String(value)) ?? 0) : 0;
    }
  return { list: sets.list, of } satisfies VehicleAssumptions;
}
