import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { guardRead } from "../input/read-options.js";
import { dayNumber } from "../schemas/day-number.js";

/**
 * Cuts a history at a date, for a backtest: rows dated before `at` (the calibration period: fit, score and rank on
 * these) and rows on or after it (the holdout: what happened). Days are compared as civil days (UTC). Rows keep their
 * order; nothing is dropped.
 *
 * @param rows - Any rows with a date (events, transactions, vehicles by delivery date, …).
 * @param at - The cut: the first day of the holdout.
 * @param date - The field holding each row's date (default "date"), or a function returning it.
 * @throws InvalidInputError for a bad cut date or a row without a valid date (with its index).
 *
 * @example
 * ```ts
 * evaluate.splitByDate([{ date: "2022-01-05" }, { date: "2022-07-01" }], "2022-06-30").after.length // 1
 * ```
 */
export function splitByDate<Row>(
  rows: readonly Row[],
  at: Date | string,
  date: keyof Row | ((row: Row) => unknown) = "date" as keyof Row,
): { before: Row[]; after: Row[] } {
  const cut = dayNumber(at);
  if (typeof cut === "string")
    throw new InvalidInputError("split by date", [{ code: "custom", path: ["at"], message: cut }]);
  if (!Array.isArray(rows))
    throw new InvalidInputError("split by date", [
      { code: "invalid_type", path: ["rows"], message: "must be an array" },
    ]);
  const read = typeof date === "function" ? date : (row: Row) => row?.[date];
  const before: Row[] = [];
  const after: Row[] = [];
  rows.forEach((row, index) => {
    const day = dayNumber(guardRead("split by date", [shown(date)], () => read(row), index));
    if (typeof day === "string")
      throw new InvalidInputError("split by date", [{ code: "custom", path: [shown(date)], message: day }], index);
    (day < cut ? before : after).push(row);
  });
  return { before, after };
}
