import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import type { ArrowLikeTable } from "../../input/columns.js";
import { type RowRejections, rejectRow } from "../../schemas/row-rejections.js";

/** Rows that may carry `covariates`, or columns with a `covariates` record of columns. */
export type CovariateInput =
  | readonly { readonly covariates?: Readonly<Record<string, number>> }[]
  | { readonly covariates?: Readonly<Record<string, ArrayLike<number>>> }
  | ArrowLikeTable;

/**
 * Reads the named covariates of every customer into one Float64Array per name, checking that each is a finite
 * number (a missing one is an error naming the row: a customer without a covariate cannot be scored by a model
 * that uses it; in a batch with `rejections`, the row is recorded there and its value is NaN). @internal
 */
export function readCovariates(
  input: CovariateInput,
  names: readonly string[],
  length: number,
  subject: string,
  rejections?: RowRejections,
): Float64Array[] {
  const fail = (name: string, message: string, row?: number): number => {
    const error = () => {
      throw new InvalidInputError(subject, [{ code: "custom", path: ["covariates", name], message }], row);
    };
    if (rejections === undefined || row === undefined) return error();
    rejectRow(rejections, length, row, error);
    return Number.NaN;
  };
  if (Array.isArray(input)) {
    const rows = input as readonly { covariates?: Record<string, unknown> }[];
    return names.map((name) =>
      Float64Array.from({ length }, (_, row) => {
        const record = rows[row]?.covariates;
        const value = record === null || typeof record !== "object" ? undefined : record[name];
        if (!(typeof value === "number" && Number.isFinite(value)))
          return fail(name, `must be a finite number in every customer's covariates, got ${shown(value)}`, row);
        return value;
      }),
    );
  }
  const record = (input as { covariates?: Record<string, ArrayLike<unknown>> }).covariates;
  return names.map((name) => {
    const values = record === null || typeof record !== "object" ? undefined : record[name];
    if (values === undefined || values === null || typeof values.length !== "number")
      fail(name, "needs a column of numbers in `covariates`");
    const column = values as ArrayLike<unknown>;
    if (column.length !== length) fail(name, `has ${column.length} values but the summaries have ${length}`);
    return Float64Array.from({ length }, (_, row) => {
      const value = column[row];
      if (!(typeof value === "number" && Number.isFinite(value)))
        return fail(name, `must be a finite number, got ${shown(value)}`, row);
      return value;
    });
  });
}
