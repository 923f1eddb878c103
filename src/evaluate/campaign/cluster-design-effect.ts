import type { ContactColumns } from "../../psv/read-contacts.js";
import type { Estimate, GroupSums, Stratum, Uplift } from "./stratified-uplift.js";

/** One contact's outcomes, as the segment compares them. @internal */
export interface ContactOutcome {
  readonly responded: boolean;
  readonly visits: number;
  /** The value of the `value` option, in money. */
  readonly value: number;
}

/**
 * The design effects of clustering by customer for the rate, visits and value uplifts: the same customers recur
 * across campaigns, so their contacts are not independent. Each contact's influence on the Mantel–Haenszel-weighted
 * difference is w/n₁ (y − ȳ₁) if treated, −w/n₀ (y − ȳ₀) if held out (w = n₁n₀/N of its campaign); the design effect
 * is Σ over customers of (Σ of their influences)² ÷ Σ of the influences² — the cluster-robust (sandwich) variance
 * over the variance that treats contacts as independent. @internal
 */
export function clusterDesignEffects(
  contacts: ContactColumns,
  used: readonly number[],
  outcomeOf: (index: number) => ContactOutcome,
  strata: ReadonlyMap<number, Stratum>,
): [rate: number, visits: number, value: number] {
  const byCustomer = new Map<number, [number, number, number]>();
  const independent = [0, 0, 0];
  for (const index of used) {
    const stratum = strata.get(contacts.day[index] as number) as Stratum;
    const { treatment: t, control: c } = stratum;
    if (t.n === 0 || c.n === 0) continue;
    const weight = (t.n * c.n) / (t.n + c.n);
    const treated = contacts.treated[index] === 1;
    const group: GroupSums = treated ? t : c;
    const scale = (treated ? 1 : -1) * (weight / group.n);
    const outcome = outcomeOf(index);
    const influence = [
      scale * ((outcome.responded ? 1 : 0) - group.responders / group.n),
      scale * (outcome.visits - group.visits / group.n),
      scale * (outcome.value - group.value / group.n),
    ];
    const customer = contacts.customer[index] as number;
    const sums = byCustomer.get(customer) ?? [0, 0, 0];
    for (let k = 0; k < 3; k++) {
      sums[k] = (sums[k] as number) + (influence[k] as number);
      independent[k] = (independent[k] as number) + (influence[k] as number) ** 2;
    }
    byCustomer.set(customer, sums);
  }
  const clustered = [0, 0, 0];
  for (const sums of byCustomer.values())
    for (let k = 0; k < 3; k++) clustered[k] = (clustered[k] as number) + (sums[k] as number) ** 2;
  const ratio = (k: number) =>
    (independent[k] as number) > 0 ? (clustered[k] as number) / (independent[k] as number) : 1;
  return [ratio(0), ratio(1), ratio(2)];
}

/** Widens an interval around its estimate by `factor` (on the log scale of 1 + x for a relative change). */
function widen(estimate: Estimate, factor: number, relative: boolean): Estimate {
  if (!(factor > 1) || !Number.isFinite(estimate.estimate)) return estimate;
  if (!relative) {
    const { estimate: x, low, high } = estimate;
    return { estimate: x, low: x - (x - low) * factor, high: x + (high - x) * factor };
  }
  const centre = Math.log1p(estimate.estimate);
  const low = centre - (centre - Math.log1p(estimate.low)) * factor;
  const high = centre + (Math.log1p(estimate.high) - centre) * factor;
  return { estimate: estimate.estimate, low: Math.expm1(low), high: Math.expm1(high) };
}

/** The uplift with each interval widened by √(design effect) where it exceeds 1 (never narrowed). @internal */
export function widenForClustering(uplift: Uplift, effects: readonly [number, number, number]): Uplift {
  const [rate, visits, value] = effects.map((effect) => Math.sqrt(Math.max(1, effect))) as [number, number, number];
  return {
    rate: widen(uplift.rate, rate, false),
    relativeRate: widen(uplift.relativeRate, rate, true),
    visits: widen(uplift.visits, visits, false),
    relativeVisits: widen(uplift.relativeVisits, visits, true),
    value: widen(uplift.value, value, false),
    relativeValue: widen(uplift.relativeValue, value, true),
  };
}
