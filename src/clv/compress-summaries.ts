import type { SummaryColumns } from "../schemas/summary-columns.js";

/**
 * Merges customers with identical (x, t_x, T) into one row whose weight is the sum of theirs. Log-likelihoods are
 * weighted sums over customers, so a fit on the merged rows is exactly the fit on the originals, and each
 * likelihood evaluation costs one term per distinct history: all customers of a cohort without repeat purchases
 * share one. @internal
 */
export function compressSummaries(columns: SummaryColumns): SummaryColumns {
  const { frequency, recency, T, weight } = columns;
  const rowOf = new Map<number, Map<number, Map<number, number>>>();
  const keep: number[] = [];
  const merged: number[] = [];
  for (let index = 0; index < frequency.length; index++) {
    const x = frequency[index] as number;
    const tx = recency[index] as number;
    const t = T[index] as number;
    let byRecency = rowOf.get(x);
    if (byRecency === undefined) {
      byRecency = new Map();
      rowOf.set(x, byRecency);
    }
    let byT = byRecency.get(tx);
    if (byT === undefined) {
      byT = new Map();
      byRecency.set(tx, byT);
    }
    const row = byT.get(t);
    if (row === undefined) {
      byT.set(t, keep.length);
      keep.push(index);
      merged.push(weight[index] as number);
    } else {
      merged[row] = (merged[row] as number) + (weight[index] as number);
    }
  }
  if (keep.length === frequency.length) return columns;
  return {
    frequency: Float64Array.from(keep, (index) => frequency[index] as number),
    recency: Float64Array.from(keep, (index) => recency[index] as number),
    T: Float64Array.from(keep, (index) => T[index] as number),
    weight: Float64Array.from(merged),
  };
}
