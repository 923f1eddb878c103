import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { readOptions } from "../input/read-options.js";
import { checkColumns, rankDescending } from "./check-columns.js";

/** One group of a calibration table. */
export interface CalibrationGroup {
  /** 1 = the highest predictions. */
  readonly group: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly meanActual: number;
}

/**
 * Calibration by groups of predictions: rows ranked by predicted value (descending, ties in input order) and cut
 * into `groups` groups of as equal size as possible (deciles by default); for each, the mean prediction and the
 * mean actual outcome. A calibrated model has the two close in every group.
 *
 * @throws InvalidInputError for bad columns or groups not a whole number from 1 to the number of rows.
 *
 * @example
 * ```ts
 * evaluate.decileCalibration([4, 3, 2, 1], [5, 2, 2, 0], { groups: 2 })[0].meanActual // 3.5
 * ```
 */
export function decileCalibration(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  options: { readonly groups?: number } = {},
): CalibrationGroup[] {
  options = readOptions<NonNullable<typeof options>>("decile calibration", options, { groups: true });
  const n = checkColumns("decile calibration", { predicted, actual });
  const groups = options?.groups ?? 10;
  if (!(Number.isInteger(groups) && groups >= 1 && groups <= n))
    throw new InvalidInputError("decile calibration", [
      { code: "custom", path: ["groups"], message: `must be a whole number from 1 to ${n}, got ${shown(groups)}` },
    ]);
  const order = rankDescending(predicted);
  const result: CalibrationGroup[] = [];
  for (let group = 0; group < groups; group++) {
    const from = Math.floor((group * n) / groups);
    const to = Math.floor(((group + 1) * n) / groups);
    let p = 0;
    let y = 0;
    for (let rank = from; rank < to; rank++) {
      p += predicted[order[rank] as number] as number;
      y += actual[order[rank] as number] as number;
    }
    const count = to - from;
    result.push({ group: group + 1, count, meanPredicted: p / count, meanActual: y / count });
  }
  return result;
}
