import type { PsvAssumptions } from "../assumptions.js";
import { expectedBackgroundEvents } from "../calibrate-behaviour.js";
import type { DealerVehicles } from "../dealer-records.js";
import { DAYS_PER_YEAR } from "../maintenance-timeline.js";
import { assumptionsOf, type VehicleAssumptions } from "./vehicle-assumptions.js";
import type { VehicleHistories } from "./vehicle-histories.js";

/**
 * Each owner's evidence on their price level and event rates, summed over their vehicles: ticket ratios to the
 * calibrated means, repairs and detailing jobs seen against those expected, insurance renewals against the
 * anniversaries passed. @internal
 */
export interface OwnerEvidence {
  readonly priceSum: Float64Array;
  readonly priceCount: Float64Array;
  readonly rateCount: Float64Array;
  readonly rateExpected: Float64Array;
  readonly renewals: Float64Array;
  readonly anniversaries: Float64Array;
}

/** Owner evidence per customer (a vehicle lapsed a year or traded in stops counting at its last event). @internal */
export function ownerEvidence(
  fleet: DealerVehicles,
  h: VehicleHistories,
  assumptions: VehicleAssumptions,
  asOf: number,
): OwnerEvidence {
  const customerCount = fleet.customerIds.length;
  const out = {
    priceSum: new Float64Array(customerCount),
    priceCount: new Float64Array(customerCount),
    rateCount: new Float64Array(customerCount),
    rateExpected: new Float64Array(customerCount),
    renewals: new Float64Array(customerCount),
    anniversaries: new Float64Array(customerCount),
  };
  for (let v = 0; v < fleet.ids.length; v++) {
    const c = fleet.customerOf[v] as number;
    const delivery = fleet.deliveryDay[v] as number;
    out.priceSum[c] = (out.priceSum[c] as number) + (h.priceRatioSum[v] as number);
    out.priceCount[c] = (out.priceCount[c] as number) + (h.priceRatioCount[v] as number);
    out.rateCount[c] = (out.rateCount[c] as number) + (h.backgroundEvents[v] as number);
    out.renewals[c] = (out.renewals[c] as number) + (h.renewalCount[v] as number);
    const lastDay = h.lastEventDay[v] as number;
    const lapsed = asOf - lastDay > DAYS_PER_YEAR;
    const until = Math.min(h.tradeInDay[v] as number, lapsed ? lastDay : asOf);
    // A history that starts after delivery: what was expected (and renewed) since its start, not since delivery.
    const from = Math.max(delivery, Math.min(fleet.historyStartDay[v] as number, until));
    const a = assumptionsOf(assumptions, v);
    const expected = expectedBackgroundEvents(a, delivery, until) - expectedBackgroundEvents(a, delivery, from);
    out.rateExpected[c] = (out.rateExpected[c] as number) + expected;
    const anniversaries =
      from === delivery
        ? Math.floor((until - delivery) / DAYS_PER_YEAR) + 1
        : Math.floor((until - delivery) / DAYS_PER_YEAR) - Math.floor((from - delivery) / DAYS_PER_YEAR);
    out.anniversaries[c] = (out.anniversaries[c] as number) + Math.max(0, anniversaries);
  }
  return out;
}

/** The owner's price level, event-rate factor and insurance renewal probability, shrunk toward the population. @internal */
export function applyOwnerRates(
  evidence: OwnerEvidence,
  a: PsvAssumptions,
  c: number,
  into: { priceLevel: number; rateFactor: number; insuranceProbability: number },
): void {
  into.priceLevel =
    ((evidence.priceSum[c] as number) + a.priceShrinkageEvents) /
    ((evidence.priceCount[c] as number) + a.priceShrinkageEvents);
  into.rateFactor =
    ((evidence.rateCount[c] as number) + a.rateShrinkageEvents) /
    ((evidence.rateExpected[c] as number) + a.rateShrinkageEvents);
  into.insuranceProbability = Math.min(
    1,
    ((evidence.renewals[c] as number) + a.rateShrinkageEvents * a.insuranceRenewalProbability) /
      ((evidence.anniversaries[c] as number) + a.rateShrinkageEvents),
  );
}
