import { InvalidInputError } from "../errors.js";
import { checkColumns } from "./check-columns.js";

/**
 * The Brier score of predicted probabilities for a yes/no outcome: the mean of (p − y)², 0 for perfect forecasts,
 * 0.25 for always saying 0.5.
 *
 * @throws InvalidInputError for bad columns, probabilities outside [0, 1] or labels other than 0 and 1.
 *
 * @example
 * ```ts
 * evaluate.brierScore([0.9, 0.2], [1, 0]) // 0.025
 * ```
 */
export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = checkColumns("Brier score", { probabilities, labels });
  let sum = 0;
  for (let index = 0; index < n; index++) {
    const p = probabilities[index] as number;
    const y = labels[index];
    if (p < 0 || p > 1 || (y !== 0 && y !== 1))
      throw new InvalidInputError(
        "Brier score",
        [
          {
            code: "custom",
            path: [p < 0 || p > 1 ? "probabilities" : "labels", index],
            message: "must be a probability in [0, 1] and a label 0 or 1",
          },
        ],
        index,
      );
    sum += (p - y) ** 2;
  }
  return sum / n;
}
