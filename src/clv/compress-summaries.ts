import type { SummaryColumns } from "../schemas/summary-columns.js";
import { groupPatterns } from "./group-patterns.js";

/**
 * Merges customers with identical (x, t_x, T) into one row whose weight is the sum of theirs. Log-likelihoods are
 * weighted sums over customers, so a fit on the merged rows is exactly the fit on the originals, and each
 * likelihood evaluation costs one term per distinct history: all customers of a cohort without repeat purchases
 * share one. @internal
 */
export function compressSummaries(columns: SummaryColumns): SummaryColumns {
  const { frequency, recency, T, weight } = groupPatterns(
    columns.frequency,
    columns.recency,
    columns.T,
    columns.weight,
  );
  return frequency.length === columns.frequency.length ? columns : { frequency, recency, T, weight };
}
