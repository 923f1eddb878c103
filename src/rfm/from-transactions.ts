import type { FieldAccessor } from "../clv/summarize-transactions.js";
import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { asId, fieldReader } from "../input/columns.js";
import { type OptionNames, readOptions } from "../input/read-options.js";
import { type Money, MoneyDecimal } from "../money/decimal.js";
import { toMoney } from "../money/parse-money.js";
import { dayNumber } from "../schemas/day-number.js";
import { isId } from "../schemas/is-id.js";
import { withTimeZone } from "../schemas/time-zone.js";
import { FIELD_OPTION_HINTS, type TransactionColumns } from "../schemas/transaction-columns.js";
import { fromTransactionColumns, type RfmMeasureColumns } from "./from-transaction-columns.js";

/** Options of {@link fromTransactions}. */
export interface RfmFromTransactionsOptions<Row> {
  /**
   * IANA time zone (e.g. "Asia/Shanghai") in which date-times with an offset and Date objects count as civil days;
   * date-times without an offset are wall-clock times there. Default "UTC". Date-only strings are the day written.
   */
  readonly timeZone?: string;
  /** The reference date (inclusive): later transactions are ignored; recency is counted up to this day. */
  readonly asOf: Date | string;
  readonly customerId: FieldAccessor<Row>;
  readonly date: FieldAccessor<Row>;
  readonly amount: FieldAccessor<Row>;
}

/** Options of {@link fromTransactions} for a log given as columns. */
export type RfmFromColumnsOptions = Pick<RfmFromTransactionsOptions<never>, "asOf" | "timeZone"> & {
  /** Set to `"millisecond"` when the `date` column holds epoch milliseconds (an Arrow date column says so itself). */
  readonly dateUnit?: "millisecond";
};

const COLUMN_OPTION_NAMES: OptionNames<RfmFromColumnsOptions> = { asOf: true, timeZone: true, dateUnit: true };
const ROW_OPTION_NAMES: OptionNames<RfmFromTransactionsOptions<unknown>> = {
  asOf: true,
  timeZone: true,
  customerId: true,
  date: true,
  amount: true,
};

/** The raw RFM measures of one customer, with names that cannot be confused with the BTYD "recency". */
export interface RfmMeasures {
  readonly customerId: string | number;
  /** Whole days from the last purchase day to the asOf day (0 = bought on asOf). */
  readonly daysSinceLastPurchase: number;
  /** Number of purchases (transaction rows) up to asOf. */
  readonly purchaseCount: number;
  /** Exact total spend (decimal). */
  readonly totalSpend: Money;
}

function dayOf(value: unknown, field: string, rowIndex?: number): number {
  const day = dayNumber(value);
  if (typeof day === "string") {
    throw new InvalidInputError("transaction", [{ code: "custom", path: [field], message: day }], rowIndex);
  }
  return day;
}

/**
 * Aggregates a transaction log into RFM measures per customer: days since the last purchase, number of purchases
 * and exact total spend (decimal), all as of a reference date. Transactions after `asOf` are not counted.
 * Customers keep the order of their first appearance.
 *
 * @throws InvalidInputError for a missing id, a bad date or a bad amount, with the row index.
 *
 * @example
 * ```ts
 * const [row] = rfm.fromTransactions(
 *   [{ c: "a", d: "2024-03-01", m: "10.50" }, { c: "a", d: "2024-03-20", m: 4 }],
 *   { asOf: "2024-03-31", customerId: "c", date: "d", amount: "m" },
 * );
 * row.daysSinceLastPurchase   // 11
 * row.totalSpend.toString()   // "14.5"
 * ```
 */
export function fromTransactions<Row>(
  transactions: readonly Row[],
  options: RfmFromTransactionsOptions<Row>,
): RfmMeasures[];
/**
 * The RFM measures of a transaction log given as columns (`{ customerId, day or date, amount }`, plain or typed
 * arrays of one length, as `summarizeTransactions` takes them), as columns that `rfm.scoreColumns` takes: ten
 * million transactions in typed arrays make no object per transaction. Same customers, order and rules as the rows
 * form; `totalSpend` is a float64 sum (see {@link RfmMeasureColumns}).
 *
 * @throws InvalidInputError for a missing amount column, columns of different lengths, or a bad id, day, date or
 * amount (with the row index).
 *
 * @example
 * ```ts
 * const measures = rfm.fromTransactions(
 *   { customerId: Int32Array.of(1, 2, 1), day: Int32Array.of(19_783, 19_790, 19_802), amount: Float64Array.of(10.5, 3, 4) },
 *   { asOf: "2024-03-31" },
 * );
 * measures.daysSinceLastPurchase // [11, 23]
 * measures.totalSpend            // [14.5, 3]
 * rfm.scoreColumns(measures, { bins: 2 }).r // [2, 1]
 * ```
 */
export function fromTransactions(transactions: TransactionColumns, options: RfmFromColumnsOptions): RfmMeasureColumns;
export function fromTransactions<Row>(
  transactions: readonly Row[] | TransactionColumns,
  options: RfmFromTransactionsOptions<Row> | RfmFromColumnsOptions,
): RfmMeasures[] | RfmMeasureColumns {
  const rows = Array.isArray(transactions);
  options = readOptions<RfmFromTransactionsOptions<Row>>(
    "RFM options",
    options,
    (rows ? ROW_OPTION_NAMES : COLUMN_OPTION_NAMES) as OptionNames<RfmFromTransactionsOptions<Row>>,
    { optional: false, ...(rows ? {} : { hints: FIELD_OPTION_HINTS }) },
  );
  return withTimeZone(options.timeZone, () => {
    if (Array.isArray(transactions))
      return fromTransactionsInZone<Row>(transactions, options as RfmFromTransactionsOptions<Row>);
    const { dateUnit } = options as RfmFromColumnsOptions;
    return fromTransactionColumns(transactions as TransactionColumns, dayOf(options.asOf, "asOf"), dateUnit);
  });
}

function fromTransactionsInZone<Row>(
  transactions: readonly Row[],
  options: RfmFromTransactionsOptions<Row>,
): RfmMeasures[] {
  if (!Array.isArray(transactions)) {
    throw new InvalidInputError("transactions", [
      { code: "invalid_type", path: [], message: "must be an array of rows" },
    ]);
  }
  const asOf = dayOf(options.asOf, "asOf");
  const customers = new Map<string | number, { last: number; count: number; spend: Money }>();
  const readId = fieldReader(options.customerId, "transaction");
  const readDate = fieldReader(options.date, "transaction");
  const readAmount = fieldReader(options.amount, "transaction");
  transactions.forEach((row, index) => {
    const id = asId(readId(row));
    if (!isId(id)) {
      throw new InvalidInputError(
        "transaction",
        [
          {
            code: "custom",
            path: ["customerId"],
            message: `must be a non-empty string or a finite number, got ${shown(id)}`,
          },
        ],
        index,
      );
    }
    const day = dayOf(readDate(row), "date", index);
    const amount = toMoney(readAmount(row), "amount", index);
    if (day > asOf) return;
    const entry = customers.get(id);
    if (entry === undefined) customers.set(id, { last: day, count: 1, spend: amount });
    else {
      entry.last = Math.max(entry.last, day);
      entry.count += 1;
      entry.spend = entry.spend.plus(amount);
    }
  });
  return Array.from(customers, ([customerId, entry]) => ({
    customerId,
    daysSinceLastPurchase: asOf - entry.last,
    purchaseCount: entry.count,
    totalSpend: new MoneyDecimal(entry.spend),
  }));
}
