import { InvalidInputError } from "../errors.js";

/**
 * What every `...Batch` function returns: one value per input row, in input order, NaN exactly at the rows that
 * failed validation, and one error per such row (its `rowIndex`, the issues). The batch is never aborted by a bad
 * row; an input that is not rows or columns at all, columns of different lengths and bad parameters or options
 * still throw, since no row could be scored.
 */
export interface BatchResult {
  readonly values: Float64Array;
  readonly errors: InvalidInputError[];
}

/** The rows of one batch that failed validation: their errors and a mask (allocated at the first one). @internal */
export interface RowRejections {
  readonly errors: InvalidInputError[];
  invalid: Uint8Array | undefined;
}

/** An empty record of rejections for a batch. @internal */
export function rowRejections(): RowRejections {
  return { errors: [], invalid: undefined };
}

/**
 * Records row `index` as rejected with the InvalidInputError that `fail` throws (the same error a single-row call
 * would throw). Runs only for bad rows, so building the message costs nothing on good ones. A row already rejected
 * by an earlier check (its summary, before its covariates) keeps that first error only. @internal
 */
export function rejectRow(rejections: RowRejections, length: number, index: number, fail: () => unknown): void {
  if (rejections.invalid?.[index]) return;
  try {
    fail();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    rejections.errors.push(error);
  }
  if (rejections.invalid === undefined) rejections.invalid = new Uint8Array(length);
  rejections.invalid[index] = 1;
}

/** Sets NaN at every rejected row and returns the batch result, its errors in row order. @internal */
export function batchResult(values: Float64Array, rejections: RowRejections): BatchResult {
  const invalid = rejections.invalid;
  // Checks run column by column (summaries, then covariates), so their errors can come out of row order.
  rejections.errors.sort((left, right) => (left.rowIndex ?? 0) - (right.rowIndex ?? 0));
  if (invalid !== undefined)
    for (let index = 0; index < values.length; index++) if (invalid[index]) values[index] = Number.NaN;
  return { values, errors: rejections.errors };
}
