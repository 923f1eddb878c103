import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { guardRead } from "../input/read-options.js";

/**
 * Checks that every column has the same length and numbers of magnitude at most 1e15 (sums and squares of a
 * million of them stay finite: outcomes of 1e300 made a lift NaN); returns n. @internal
 */
export function checkColumns(subject: string, columns: Record<string, ArrayLike<number> | undefined>): number {
  return guardRead(subject, [], () => checkColumnsOf(subject, columns));
}

function checkColumnsOf(subject: string, columns: Record<string, ArrayLike<number> | undefined>): number {
  let n = -1;
  for (const [name, column] of Object.entries(columns)) {
    if (column === null || typeof column !== "object" || typeof column.length !== "number")
      throw new InvalidInputError(subject, [
        { code: "invalid_type", path: [name], message: "must be an array of numbers" },
      ]);
    if (n >= 0 && column.length !== n)
      throw new InvalidInputError(subject, [
        {
          code: "custom",
          path: [name],
          message: `must have ${n} values like the other columns, got ${shown(column.length)}`,
        },
      ]);
    n = column.length;
    for (let index = 0; index < column.length; index++) {
      const value = column[index];
      if (!(typeof value === "number" && Math.abs(value) <= 1e15))
        throw new InvalidInputError(
          subject,
          [
            {
              code: "custom",
              path: [name, index],
              message: `must be a number from -1e15 to 1e15, got ${shown(value)}`,
            },
          ],
          index,
        );
    }
  }
  if (n <= 0)
    throw new InvalidInputError(subject, [{ code: "too_small", path: [], message: "needs at least one row" }]);
  return n;
}

/** Row indices by descending score; equal scores keep their input order (deterministic). @internal */
export function rankDescending(scores: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, index) => index);
  return order.sort((x, y) => (scores[y] as number) - (scores[x] as number) || x - y);
}

/** Checks a share in (0, 1]. @internal */
export function checkShare(subject: string, name: string, value: unknown): number {
  if (!(typeof value === "number" && value > 0 && value <= 1))
    throw new InvalidInputError(subject, [
      { code: "custom", path: [name], message: `must be a share in (0, 1], got ${shown(value)}` },
    ]);
  return value;
}
