import { InvalidInputError } from "../errors.js";
import { type Transaction, transactionSchema } from "./records.js";
import { type BatchValidation, validateEach } from "./validate.js";

/**
 * Checks a transaction log row by row before it is summarised: each row needs a `customerId` (a non-empty string
 * or a finite number), a `date` (a `Date` or an ISO 8601 date, read by the library's one date policy) and
 * optionally an `amount` (parsed exactly as money). A bad row gets an `InvalidInputError` with its row index and
 * `undefined` in `values`; the batch is never aborted, so a log with a few broken rows can still be summarised.
 *
 * @param rows - The raw log, e.g. parsed CSV records (anything: this is where it is checked).
 * @throws InvalidInputError when `rows` is not an array.
 * @returns `{ values, errors }`: the parsed rows (same length and order) and one error per bad row.
 *
 * @example
 * ```ts
 * const { values, errors } = validateTransactions([{ customerId: 1, date: "2024-01-05", amount: "19.90" }, { customerId: 2, date: "2024-02-30" }]);
 * values[0].amount.toFixed(2) // "19.90"
 * errors[0].rowIndex // 1
 * ```
 */
export function validateTransactions(rows: readonly unknown[]): BatchValidation<Transaction> {
  if (!Array.isArray(rows)) {
    throw new InvalidInputError("transactions", [
      { code: "invalid_type", path: [], message: "must be an array of rows" },
    ]);
  }
  return validateEach(transactionSchema, rows, "transaction");
}
