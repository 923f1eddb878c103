import { type Money, MoneyDecimal } from "../../money/decimal.js";
import { LEAD_BAND_COUNT } from "../reminder/lead-bands.js";
import type { VehicleAssumptions } from "./vehicle-assumptions.js";
import type { VehicleColumns } from "./vehicle-outlooks.js";

const Z95 = 1.959963984540054;

/** The 95% interval of the saveable total (null: the reminder effect is assumed, so its uncertainty is unknown). */
export interface SaveableInterval {
  readonly level: 0.95;
  readonly low: Money;
  readonly high: Money;
}

/** w per assumption set and lead band: Σ over the vehicles due in the band of the value per unit of effect. @internal */
export function effectWeights(columns: VehicleColumns, assumptions: VehicleAssumptions): Float64Array[] {
  const weights = assumptions.list.map(() => new Float64Array(LEAD_BAND_COUNT));
  for (let v = 0; v < columns.band.length; v++) {
    const band = columns.band[v] as number;
    if (band < 0) continue;
    const w = weights[assumptions.of[v] as number] as Float64Array;
    w[band] = (w[band] as number) + (columns.perEffect[v] as number);
  }
  return weights;
}

/**
 * The 95% interval of the saveable total from the uncertainty of the learned reminder effect: the total is linear in
 * the lead-time bands' effects, Σ_b e_b w_b with w_b = Σ over the vehicles due in band b of (stage factor × P(not
 * back) × value kept × P(reach)), so its variance is wᵀ C w, C the bands' covariance that `psv.calibrate` stored in
 * the assumptions (summed over assumption sets: each was learned from its own contacts). Normal, clipped at 0.
 * Null if a vehicle with a saveable value runs on assumptions without a covariance. @internal
 */
export function intervalOfWeights(
  weights: readonly Float64Array[],
  assumptions: Pick<VehicleAssumptions, "list">,
  total: Money,
  decimals: number,
): SaveableInterval | null {
  let variance = 0;
  for (let set = 0; set < weights.length; set++) {
    const w = weights[set] as Float64Array;
    if (!w.some((value) => value > 0)) continue;
    const covariance = assumptions.list[set]?.reminderEffectCovariance;
    if (covariance === undefined) return null;
    for (let i = 0; i < LEAD_BAND_COUNT; i++)
      for (let j = 0; j < LEAD_BAND_COUNT; j++)
        variance += (w[i] as number) * ((covariance[i] as readonly number[])[j] as number) * (w[j] as number);
  }
  const half = Z95 * Math.sqrt(Math.max(0, variance));
  const round = (value: number) => new MoneyDecimal(value).toDecimalPlaces(decimals);
  const point = total.toNumber();
  return { level: 0.95, low: round(Math.max(0, point - half)), high: round(point + half) };
}
