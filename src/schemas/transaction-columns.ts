import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { isColumn } from "./column-entries.js";
import { dayNumber as civilDayNumber } from "./day-number.js";
import { denseIntegerIds } from "./id-index.js";
import { isId } from "./is-id.js";

/** A transaction log as columns (struct of arrays): one entry per transaction, all of one length. */
export interface TransactionColumns {
  /** Customer ids: strings or numbers (an Int32Array of customer numbers is the fastest). */
  readonly customerId: ArrayLike<string | number>;
  /** Purchase days as civil day numbers (whole days since 1970-01-01); give this or `date`. */
  readonly day?: ArrayLike<number>;
  /** Purchase dates (Date or ISO 8601 string, read by the library's date policy); give this or `day`. */
  readonly date?: ArrayLike<Date | string>;
  /** Amounts (finite numbers); omit if there are none. */
  readonly amount?: ArrayLike<number>;
}

/**
 * The log reduced to numbers, one entry per transaction: its customer (dense, by first appearance; −1 for a
 * transaction after observationEnd), day and amount (validated; for columns, the caller's own arrays). @internal
 */
export interface DenseLog {
  readonly customerIds: (string | number)[];
  readonly rowCustomer: Int32Array;
  readonly rowDay: ArrayLike<number>;
  /** Undefined when the log has no amounts. */
  readonly rowAmount: ArrayLike<number> | undefined;
  /** Transactions with a customer (not after observationEnd). */
  readonly kept: number;
}

/** A transaction's typed error. @internal */
export function fail(message: string, path: string, rowIndex?: number): never {
  throw new InvalidInputError("transaction", [{ code: "custom", path: [path], message }], rowIndex);
}

/** Day number (days since 1970-01-01) of a Date or ISO string, by the library's one date policy; NaN if invalid. @internal */
export function dayNumber(value: unknown): number {
  const day = civilDayNumber(value);
  return typeof day === "string" ? Number.NaN : day;
}

/** @internal */
export const badId = (id: unknown, index: number): never =>
  fail(`must be a non-empty string or a finite number, got ${JSON.stringify(id) ?? shown(id)}`, "customerId", index);
/** @internal */
export const badDate = (date: unknown, index: number): never =>
  fail(
    `must be a Date or an ISO 8601 date such as "2024-03-01", got ${JSON.stringify(date) ?? shown(date)}`,
    "date",
    index,
  );
/** @internal */
export const badAmount = (amount: unknown, index: number): never =>
  fail(`must be a finite number or decimal string, got ${JSON.stringify(amount) ?? shown(amount)}`, "amount", index);

const COLUMN_KEYS = ["customerId", "day", "date", "amount"];

/**
 * Reads a transaction log given as columns into a {@link DenseLog}: checks the columns (one length, whole day
 * numbers or valid dates, finite amounts, ids) with the row index of the first bad entry, numbers the customers by
 * first appearance (a lookup table for dense integer ids, a map otherwise) and marks transactions after `lastDay`
 * with customer −1. Day numbers and amounts stay in the caller's arrays. @internal
 */
export function readTransactionColumns(transactions: TransactionColumns, lastDay: number): DenseLog {
  const columnsError = (path: string, message: string): never => {
    throw new InvalidInputError("transaction columns", [{ code: "custom", path: [path], message }]);
  };
  if (transactions === null || typeof transactions !== "object")
    columnsError(
      "",
      "must be an array of transaction rows or an object of columns { customerId, day or date, amount? }",
    );
  for (const key of Object.keys(transactions))
    if (!COLUMN_KEYS.includes(key)) columnsError(key, `is not a transaction column (${COLUMN_KEYS.join(", ")})`);
  const { customerId: ids, day: days, date: dates, amount: amounts } = transactions;
  if (!isColumn(ids)) columnsError("customerId", "must be an array or typed array of ids");
  if ((days === undefined) === (dates === undefined)) columnsError("day", "give one of day (day numbers) or date");
  const timeColumn = days ?? dates;
  if (!isColumn(timeColumn)) columnsError(days === undefined ? "date" : "day", "must be an array or typed array");
  if (amounts !== undefined && !isColumn(amounts)) columnsError("amount", "must be an array or typed array of numbers");
  const count = ids.length;
  for (const [name, column] of [
    [days === undefined ? "date" : "day", timeColumn],
    ["amount", amounts],
  ] as const)
    if (column !== undefined && column.length !== count)
      columnsError(name, `has ${column.length} entries, customerId has ${count}: columns must have one length`);

  const rowCustomer = new Int32Array(count);
  // Day numbers and amounts are read where they are; only dates given as dates need a column of their own.
  const rowDay = days ?? new Int32Array(count);
  const customerIds: (string | number)[] = [];
  let kept = 0;
  const denseIds = denseIntegerIds(ids);
  const customerIndex = denseIds === undefined ? new Map<unknown, number>() : undefined;
  for (let index = 0; index < count; index++) {
    const id = ids[index];
    let day: number;
    if (days !== undefined) {
      day = days[index] as number;
      if (!(typeof day === "number" && Number.isInteger(day) && Math.abs(day) <= 100_000_000))
        fail(`must be a whole day number (days since 1970-01-01), got ${shown(day)}`, "day", index);
    } else {
      const rawDate = (dates as ArrayLike<unknown>)[index];
      day = dayNumber(rawDate);
      if (Number.isNaN(day)) badDate(rawDate, index);
      (rowDay as Int32Array)[index] = day;
    }
    if (amounts !== undefined) {
      const amount = amounts[index];
      if (!(typeof amount === "number" && Number.isFinite(amount))) badAmount(amount, index);
    }
    let customer: number;
    if (denseIds !== undefined) {
      const slot = (id as number) - denseIds.min;
      customer = (denseIds.table[slot] as number) - 1;
      if (day > lastDay) {
        rowCustomer[index] = -1;
        continue;
      }
      if (customer < 0) {
        customer = customerIds.length;
        denseIds.table[slot] = customer + 1;
        customerIds.push(id as number);
      }
    } else {
      if (!isId(id)) badId(id, index);
      if (day > lastDay) {
        rowCustomer[index] = -1;
        continue;
      }
      const known = (customerIndex as Map<unknown, number>).get(id);
      if (known === undefined) {
        customer = customerIds.length;
        (customerIndex as Map<unknown, number>).set(id, customer);
        customerIds.push(id as string | number);
      } else customer = known;
    }
    rowCustomer[index] = customer;
    kept += 1;
  }
  return { customerIds, rowCustomer, rowDay, rowAmount: amounts, kept };
}
