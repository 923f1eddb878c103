import { checkColumns, checkShare, rankDescending } from "./check-columns.js";

/** What the top of a ranking captured. */
export interface CapturedValue {
  /** Rows in the top share: ⌈share × n⌉. */
  readonly count: number;
  /** Σ outcome over those rows, and its share of Σ outcome over all rows (0 when the total is 0). */
  readonly value: number;
  readonly shareOfTotal: number;
  /** shareOfTotal / (count / n): how many times better than a random list of the same size. */
  readonly lift: number;
}

/**
 * The value captured by the top `share` of a ranking: rank rows by `scores` (descending; equal scores keep their
 * input order), take the first ⌈share × n⌉, and sum what actually happened to them (`outcomes`: e.g. margin in the
 * holdout period, or value saved). The backtest measure of a call list.
 *
 * @throws InvalidInputError for columns of unequal length, non-finite numbers, no rows, or a share outside (0, 1].
 *
 * @example
 * ```ts
 * evaluate.capturedValue([3, 1, 2, 0], [10, 0, 5, 5], 0.5).shareOfTotal // 0.75
 * ```
 */
export function capturedValue(scores: ArrayLike<number>, outcomes: ArrayLike<number>, share: number): CapturedValue {
  const n = checkColumns("captured value", { scores, outcomes });
  checkShare("captured value", "share", share);
  const order = rankDescending(scores);
  const count = Math.max(1, Math.ceil(share * n - 1e-9)); // ⌈share × n⌉ ≥ 1 for a share > 0
  let value = 0;
  let total = 0;
  for (let index = 0; index < n; index++) total += outcomes[index] as number;
  for (let rank = 0; rank < count; rank++) value += outcomes[order[rank] as number] as number;
  const shareOfTotal = total === 0 ? 0 : value / total;
  return { count, value, shareOfTotal, lift: shareOfTotal / (count / n) };
}
