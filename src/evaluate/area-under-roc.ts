import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { checkColumns } from "./check-columns.js";

/**
 * The area under the ROC curve of scores for a yes/no outcome (e.g. "came back within 12 months"): the probability
 * that a random "yes" scores higher than a random "no", ties counting one half (the Mann–Whitney U statistic / n₁n₀).
 *
 * @param labels - 1 (yes) or 0 (no) per row.
 * @throws InvalidInputError for bad columns, labels other than 0 and 1, or no row of either kind.
 *
 * @example
 * ```ts
 * evaluate.areaUnderRoc([0.9, 0.8, 0.3, 0.1], [1, 0, 1, 0]) // 0.75
 * ```
 */
export function areaUnderRoc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = checkColumns("area under ROC", { scores, labels });
  let positives = 0;
  for (let index = 0; index < n; index++) {
    const label = labels[index];
    if (label !== 0 && label !== 1)
      throw new InvalidInputError(
        "area under ROC",
        [{ code: "custom", path: ["labels", index], message: `must be 0 or 1, got ${shown(label)}` }],
        index,
      );
    positives += label;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0)
    throw new InvalidInputError("area under ROC", [
      { code: "custom", path: ["labels"], message: "needs at least one 1 and one 0" },
    ]);
  const order = Int32Array.from({ length: n }, (_, index) => index).sort(
    (x, y) => (scores[x] as number) - (scores[y] as number),
  );
  // Mid-ranks over ties, then U = Σ ranks of positives − n₁(n₁ + 1)/2.
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scores[order[end] as number] === scores[order[start] as number]) end++;
    const midRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) if (labels[order[k] as number] === 1) rankSum += midRank;
    start = end;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
