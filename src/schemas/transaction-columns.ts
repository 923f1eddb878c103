import { InvalidInputError } from "../errors.js";
import { quoted, shown } from "../errors-shown.js";
import { type ColumnInput, columnRecord, datedColumnEntries, idEntries, numberEntries } from "../input/columns.js";
import { dayNumberIssue, MAX_DAY, MIN_DAY } from "../input/day-numbers.js";
import { dayNumber as civilDayNumber, isoDate } from "./day-number.js";
import { denseIntegerIds } from "./id-index.js";
import { isId } from "./is-id.js";

/** A transaction log as columns (struct of arrays): one entry per transaction, all of one length. */
export interface TransactionColumns {
  /**
   * Customer ids: strings, numbers or BigInts (an Int32Array of customer numbers is the fastest); any column an
   * Arrow vector too (docs/data-sources.md).
   */
  readonly customerId: ColumnInput<string | number | bigint>;
  /** Purchase days as civil day numbers (whole days since 1970-01-01); give this or `date`. */
  readonly day?: ColumnInput<number | bigint>;
  /** Purchase dates (Date or ISO 8601 string, read by the library's date policy); give this or `day`. */
  readonly date?: ColumnInput<Date | string | number>;
  /** Amounts (finite numbers); omit if there are none. */
  readonly amount?: ColumnInput<number | bigint>;
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

/** The civil day of an entry of a `date` column: a Date or a date string (a number is not a date). */
function dateDay(value: unknown): number {
  return typeof value === "number" ? Number.NaN : dayNumber(value);
}

/** The civil day of an instant in epoch milliseconds (in the time zone in force), NaN for anything else. */
function instantDay(value: unknown): number {
  const ms = typeof value === "bigint" ? Number(value) : value;
  return typeof ms === "number" && Number.isFinite(ms) ? dayNumber(new Date(ms)) : Number.NaN;
}

/** @internal */
export const badId = (id: unknown, index: number): never =>
  fail(`must be a non-empty string or a finite number, got ${quoted(id)}`, "customerId", index);
/** @internal */
export const badDate = (date: unknown, index: number): never =>
  fail(
    typeof date === "number" || typeof date === "bigint"
      ? `is a number (${shown(date)}): day numbers go in the \`day\` column, epoch milliseconds need the option dateUnit: "millisecond"`
      : `must be a Date or an ISO 8601 date such as "2024-03-01", got ${quoted(date)}`,
    "date",
    index,
  );
/** @internal */
export const badAmount = (amount: unknown, index: number): never =>
  fail(`must be a finite number or decimal string, got ${quoted(amount)}`, "amount", index);

const COLUMN_KEYS = ["customerId", "day", "date", "amount"];

const FIELDS_NAMED_BY_COLUMNS = "is not an option for a log given as columns (the columns name the fields)";
/** What the options of a log given as columns say to the field options of a log given as rows. @internal */
export const FIELD_OPTION_HINTS = {
  customerId: FIELDS_NAMED_BY_COLUMNS,
  date: FIELDS_NAMED_BY_COLUMNS,
  amount: FIELDS_NAMED_BY_COLUMNS,
};

/** The columns of a log, checked as columns (names, kinds, one length), each entry still to be read. */
function logColumns(transactions: TransactionColumns, dateUnit: "millisecond" | undefined) {
  const columnsError = (path: string, message: string): never => {
    throw new InvalidInputError("transaction columns", [{ code: "custom", path: [path], message }]);
  };
  if (transactions === null || typeof transactions !== "object")
    columnsError(
      "",
      "must be an array of transaction rows or an object of columns { customerId, day or date, amount? }",
    );
  const record = columnRecord(transactions);
  for (const key of Object.keys(record))
    if (!COLUMN_KEYS.includes(key)) columnsError(key, `is not a transaction column (${COLUMN_KEYS.join(", ")})`);
  const column = (name: string, what: string) => {
    if (record[name] === undefined) return undefined;
    return (
      datedColumnEntries(record[name]) ?? columnsError(name, `must be an array, typed array or Arrow vector ${what}`)
    );
  };
  const idColumn = column("customerId", "of ids") ?? columnsError("customerId", "is required");
  const dayColumn = column("day", "of day numbers");
  const dateColumn = column("date", "of dates");
  const amountColumn = column("amount", "of numbers");
  if ((dayColumn === undefined) === (dateColumn === undefined))
    columnsError("day", "give one of day (day numbers) or date");
  const ids = idEntries(idColumn.entries);
  // An Arrow date column holds civil days: read as day numbers.
  const dayEntries = dayColumn?.entries ?? (dateColumn?.civilDays ? dateColumn.entries : undefined);
  const days = dayEntries === undefined ? undefined : numberEntries(dayEntries);
  const dates = days === undefined ? dateColumn?.entries : undefined;
  const instants = dateColumn?.instants === true || dateUnit === "millisecond";
  const amounts = amountColumn === undefined ? undefined : numberEntries(amountColumn.entries);
  const count = ids.length;
  for (const [name, entries] of [
    [dayColumn === undefined ? "date" : "day", days ?? dates],
    ["amount", amounts],
  ] as const)
    if (entries !== undefined && entries.length !== count)
      columnsError(name, `has ${entries.length} entries, customerId has ${count}: columns must have one length`);
  return { ids, days, dates, instants, amounts, count };
}

/**
 * Reads a transaction log given as columns into a {@link DenseLog}: checks the columns (one length, whole day
 * numbers or valid dates, finite amounts, ids) with the row index of the first bad entry, numbers the customers by
 * first appearance (a lookup table for dense integer ids, a map otherwise) and marks transactions after `lastDay`
 * with customer −1. Day numbers and amounts stay in the caller's arrays. @internal
 */
export function readTransactionColumns(
  transactions: TransactionColumns,
  lastDay: number,
  dateUnit?: "millisecond",
): DenseLog {
  if (dateUnit !== undefined && dateUnit !== "millisecond")
    throw new InvalidInputError("transaction options", [
      { code: "invalid_value", path: ["dateUnit"], message: `must be "millisecond", got ${quoted(dateUnit)}` },
    ]);
  const { ids, days, dates, instants, amounts, count } = logColumns(transactions, dateUnit);
  const rowCustomer = new Int32Array(count);
  // Day numbers and amounts are read where they are; only dates given as dates need a column of their own.
  const rowDay = (days as ArrayLike<number> | undefined) ?? new Int32Array(count);
  const customerIds: (string | number)[] = [];
  let kept = 0;
  const denseIds = denseIntegerIds(ids);
  const customerIndex = denseIds === undefined ? new Map<unknown, number>() : undefined;
  for (let index = 0; index < count; index++) {
    const id = ids[index];
    let day: number;
    if (days !== undefined) {
      day = days[index] as number;
      if (!(typeof day === "number" && Number.isInteger(day) && day > MIN_DAY && day < MAX_DAY))
        fail(dayNumberIssue(days[index]), "day", index);
    } else {
      const rawDate = (dates as ArrayLike<unknown>)[index];
      day = instants ? instantDay(rawDate) : dateDay(rawDate);
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
  return { customerIds, rowCustomer, rowDay, rowAmount: amounts as ArrayLike<number> | undefined, kept };
}

/**
 * Throws when a non-empty log has no transaction on or before `lastDay` (the window's end) and its first is decades
 * after it: every row would be dropped without a word, the mark of dates read wrongly (Excel serials given as day
 * numbers land about 70 years late). @internal
 */
export function checkLogInWindow(log: DenseLog, lastDay: number, endName: string): void {
  const count = log.rowCustomer.length;
  if (count === 0 || log.kept > 0) return;
  const first = log.rowDay[0] as number;
  if (first - lastDay < 20 * 365) return;
  const excel = first - 25_569 <= lastDay ? `; as an Excel serial date it would be ${isoDate(first - 25_569)}` : "";
  throw new InvalidInputError("transaction columns", [
    {
      code: "custom",
      path: ["day"],
      message: `all ${count} transactions are after ${endName} (${isoDate(lastDay)}): the first is on ${isoDate(first)}${excel}`,
    },
  ]);
}
