import { type Money, MoneyDecimal } from "../../money/decimal.js";
import { roundMoney } from "../../money/round-money.js";
import type { DealerVehicles } from "../dealer-records.js";
import { LOST, TRADED_IN, type VehicleColumns } from "./vehicle-outlooks.js";

/** A share of one dealer's vehicles: how many, and their value. */
export interface NetworkShare {
  readonly vehicles: number;
  readonly value: Money;
}

/**
 * One dealer's vehicles (those it sold: their `dealerId`) still in service, split by where their owners are: `kept`
 * — last served here and not lost (their obtainable value); `moved` — last served at another dealer of the network
 * (their obtainable value, earned by the network: at `scope: "dealer"` it is lost to this dealer, so about 0); `lost`
 * — last served here and probably gone (the value they would bring over the horizon if here, × P(gone): what the
 * loss costs).
 */
export interface DealerNetworkReport {
  readonly dealerId: string | number;
  readonly vehicles: number;
  readonly kept: NetworkShare;
  readonly moved: NetworkShare;
  readonly lost: NetworkShare;
}

/** Each home dealer's vehicles and the unrounded values of its kept, moved and lost shares. @internal */
export type NetworkSums = Map<unknown, { vehicles: number; counts: number[]; values: number[] }>;

/** Adds each vehicle in service to its home dealer's share in `sums` (partitions of a network add to one). @internal */
export function networkSums(
  fleet: DealerVehicles,
  lastElsewhere: Uint8Array,
  columns: VehicleColumns,
  sums: NetworkSums,
): NetworkSums {
  for (let v = 0; v < fleet.ids.length; v++) {
    const dealer = fleet.dealer[v];
    const state = columns.state[v] as number;
    if (dealer === undefined || state >= TRADED_IN) continue;
    const entry = sums.get(dealer) ?? { vehicles: 0, counts: [0, 0, 0], values: [0, 0, 0] };
    sums.set(dealer, entry);
    entry.vehicles += 1;
    const bucket = lastElsewhere[v] === 1 ? 1 : state === LOST ? 2 : 0;
    const value = bucket === 2 ? (columns.lostValue[v] as number) : (columns.obtainable[v] as number);
    entry.counts[bucket] = (entry.counts[bucket] as number) + 1;
    entry.values[bucket] = (entry.values[bucket] as number) + value;
  }
  return sums;
}

/** The kept / moved / lost report by home dealer, in order of first appearance (empty when no dealer is named): values rounded once per dealer and share. @internal */
export function reportOfSums(sums: NetworkSums, decimals: number): DealerNetworkReport[] {
  const money = (value: number) => roundMoney(new MoneyDecimal(value), { decimalPlaces: decimals });
  return [...sums].map(([dealerId, { vehicles, counts, values }]) => {
    const share = (bucket: number) => ({ vehicles: counts[bucket] as number, value: money(values[bucket] as number) });
    return { dealerId: dealerId as string | number, vehicles, kept: share(0), moved: share(1), lost: share(2) };
  });
}
