import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { asId, bigIntAsNumber, fieldReader } from "../input/columns.js";
import { guardRead, type OptionNames, readOptions } from "../input/read-options.js";
import { isId } from "../schemas/is-id.js";
import { withTimeZone } from "../schemas/time-zone.js";
import {
  badAmount,
  badDate,
  badId,
  checkLogInWindow,
  type DenseLog,
  dayNumber,
  FIELD_OPTION_HINTS,
  fail,
  readTransactionColumns,
  type TransactionColumns,
} from "../schemas/transaction-columns.js";
import { DAYS_PER_TIME_UNIT, TIME_UNITS, type TimeUnit } from "./time-unit.js";

const MS_PER_DAY = 86_400_000;
const DECIMAL_STRING = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** Where to find a field of a transaction: its property name, or a function that reads it. */
export type FieldAccessor<Row> = string | ((row: Row) => unknown);

/** Options of {@link summarizeTransactions}. */
export interface SummarizeTransactionsOptions<Row> {
  /**
   * IANA time zone (e.g. "Asia/Shanghai") in which date-times with an offset and Date objects count as civil days;
   * date-times without an offset are wall-clock times there. Default "UTC". Date-only strings are the day written.
   */
  readonly timeZone?: string;
  /** End of the observation window (inclusive): a Date or ISO date. Later transactions are outside the window. */
  readonly observationEnd: Date | string;
  /** End of the calibration period (inclusive; default `observationEnd`). Transactions after it form the holdout. */
  readonly calibrationEnd?: Date | string;
  /** Unit in which recency and T are measured. */
  readonly timeUnit: TimeUnit;
  /** The customer id field (string or number values). */
  readonly customerId: FieldAccessor<Row>;
  /** The date field: a Date or an ISO 8601 string. */
  readonly date: FieldAccessor<Row>;
  /** The amount field (finite number, decimal string or Decimal); omit if there are no amounts. */
  readonly amount?: FieldAccessor<Row>;
}

/** The recency-frequency-monetary summary of one customer, as BTYD's `elog2cbs` computes it. */
export interface TransactionSummary {
  readonly customerId: string | number;
  /** Repeat purchases in the calibration period: distinct purchase days after the first. */
  readonly frequency: number;
  /** Time from the first to the last purchase day in the calibration period, in the time unit. */
  readonly recency: number;
  /** Time from the first purchase day to the end of the calibration period, in the time unit. */
  readonly T: number;
  /**
   * Mean amount of the repeat purchase days in the calibration period (0 when frequency is 0; NaN without amounts).
   * Days are purchases whatever their amount, as in BTYD (CDNOW has zero-amount days), so the mean can be 0, or
   * negative where refunds outweigh purchases; the Gamma-Gamma spend model needs it > 0 and says so per row.
   */
  readonly monetaryValue: number;
  /**
   * Σ ln(inter-purchase time) over the repeat purchase days of the calibration period, in the time unit
   * (BTYDplus's `litt`; 0 when frequency is 0). The (M)BG/CNBD-k likelihood needs it for k > 1.
   */
  readonly sumLogInterPurchaseTimes: number;
  /** Date of the first purchase (the customer's "birth"). */
  readonly firstPurchase: Date;
  /** The unit of `recency`, `T` and the inter-purchase times: a CLV asked for in another unit says so. */
  readonly timeUnit: TimeUnit;
  /** Purchase days in the holdout period (only when `calibrationEnd` is before `observationEnd`). */
  readonly holdoutFrequency?: number;
  /** Mean amount of the holdout purchase days (0 when there are none). */
  readonly holdoutMonetaryValue?: number;
}

/** Options of {@link summarizeTransactions} for a log given as columns (the columns say where each field is). */
export type { TransactionColumns };

/** Options of {@link summarizeTransactions} for a log given as columns (the columns say where each field is). */
export type SummarizeColumnsOptions = Omit<SummarizeTransactionsOptions<never>, "customerId" | "date" | "amount"> & {
  /**
   * Set to `"millisecond"` when the `date` column holds epoch milliseconds (instants, read as civil days in
   * `timeZone`). An Arrow date or timestamp column says so itself.
   */
  readonly dateUnit?: "millisecond";
};

/**
 * Customer summaries as columns, one entry per customer (in the order of first appearance in the log): what the
 * model fits and batch predictions take as they are.
 */
export interface TransactionSummaryColumns {
  readonly customerId: (string | number)[];
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  readonly monetaryValue: Float64Array;
  readonly sumLogInterPurchaseTimes: Float64Array;
  /** The first purchase day, as a civil day number (days since 1970-01-01). */
  readonly firstPurchaseDay: Float64Array;
  /** The unit of `recency`, `T` and the inter-purchase times: a CLV asked for in another unit says so. */
  readonly timeUnit: TimeUnit;
  /** Only when `calibrationEnd` is before `observationEnd`. */
  readonly holdoutFrequency?: Float64Array;
  readonly holdoutMonetaryValue?: Float64Array;
}

function amountOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return bigIntAsNumber(value);
  if (typeof value === "string") return DECIMAL_STRING.test(value) ? Number(value) : Number.NaN;
  if (value !== null && typeof value === "object" && "toNumber" in value && typeof value.toNumber === "function") {
    return (value as { toNumber(): number }).toNumber();
  }
  return Number.NaN;
}

/**
 * Summarises a transaction log into one recency-frequency-monetary row per customer, exactly as BTYD's
 * `elog2cbs` / `dc.ElogToCbsCbt` do (Fader, Hardie & Lee 2005 notation: x, t_x, T):
 *
 * - purchases of a customer on the same (UTC) day are merged into one, their amounts summed;
 * - the first purchase day is the customer's birth and is not counted in `frequency` nor in `monetaryValue`
 *   (the mean of the repeat purchase days);
 * - `recency` and `T` are measured in whole days between UTC calendar days, divided by the unit's length
 *   (a week is 7 days; months and years are Gregorian averages, see {@link DAYS_PER_TIME_UNIT});
 * - customers whose first purchase is after `calibrationEnd` are left out (they have no calibration history);
 *   transactions after `observationEnd` are outside the window and ignored;
 * - holdout figures count purchase days in (calibrationEnd, observationEnd].
 *
 * Rows come out in the order in which customers first appear in the log.
 *
 * @param transactions - The log, in any order.
 * @param options - Window, time unit and where to find id, date and amount in each row.
 * @returns One {@link TransactionSummary} per customer.
 * @throws InvalidInputError for a missing id, a date that is not a Date or ISO date, an amount that is not a
 * finite number, or calibrationEnd after observationEnd; the error carries the row index.
 *
 * @example
 * ```ts
 * const [summary] = summarizeTransactions(
 *   [
 *     { id: "a", day: "2024-01-01", spend: 10 },
 *     { id: "a", day: "2024-01-08", spend: 5 },
 *     { id: "a", day: "2024-01-08", spend: 7 },
 *   ],
 *   { observationEnd: "2024-01-29", timeUnit: "week", customerId: "id", date: "day", amount: "spend" },
 * );
 * summary.frequency     // 1 (the two purchases of 8 January count once)
 * summary.T             // 4 (weeks from the first purchase to the end)
 * summary.monetaryValue // 12 (the first purchase is not in the mean)
 * ```
 */
export function summarizeTransactions<Row>(
  transactions: readonly Row[],
  options: SummarizeTransactionsOptions<Row>,
): TransactionSummary[];
/**
 * Summarises a transaction log given as columns (customer ids, day numbers or dates, amounts: plain or typed arrays
 * of one length) into summaries as columns, by the rules of the rows form: the same customers in the same order,
 * the same numbers, `firstPurchaseDay` as a day number. Ten million transactions take a few seconds and a few
 * hundred MB (the columns are read where they are; the grouping is a counting sort), and the result goes straight
 * into a model's fit and batch predictions.
 *
 * @throws InvalidInputError for columns of different lengths, a day that is not a whole number, or a bad id, date
 * or amount (with the row index).
 *
 * @example
 * ```ts
 * const summary = summarizeTransactions(
 *   { customerId: Int32Array.of(7, 7, 7), day: Int32Array.of(19_723, 19_730, 19_730), amount: Float64Array.of(10, 5, 7) },
 *   { observationEnd: "2024-01-29", timeUnit: "week" },
 * );
 * summary.frequency[0]     // 1
 * summary.T[0]             // 4
 * summary.monetaryValue[0] // 12
 * ```
 */
export function summarizeTransactions(
  transactions: TransactionColumns,
  options: SummarizeColumnsOptions,
): TransactionSummaryColumns;
export function summarizeTransactions<Row>(
  transactions: readonly Row[] | TransactionColumns,
  options: SummarizeTransactionsOptions<Row> | SummarizeColumnsOptions,
): TransactionSummary[] | TransactionSummaryColumns {
  const rows = Array.isArray(transactions);
  options = readOptions<SummarizeTransactionsOptions<Row>>(
    SUBJECT,
    options,
    (rows ? ROW_OPTION_NAMES : COLUMN_OPTION_NAMES) as OptionNames<SummarizeTransactionsOptions<Row>>,
    {
      optional: false,
      ...(rows ? {} : { hints: FIELD_OPTION_HINTS }),
    },
  );
  return withTimeZone(options.timeZone, () =>
    rows
      ? summarizeRows<Row>(transactions, options as SummarizeTransactionsOptions<Row>)
      : summarizeColumns(transactions as TransactionColumns, options as SummarizeColumnsOptions),
  );
}

const SUBJECT = "transaction summary options";
const WINDOW_OPTION_NAMES = { timeZone: true, observationEnd: true, calibrationEnd: true, timeUnit: true } as const;
const COLUMN_OPTION_NAMES: OptionNames<SummarizeColumnsOptions> = { ...WINDOW_OPTION_NAMES, dateUnit: true };
const ROW_OPTION_NAMES: OptionNames<SummarizeTransactionsOptions<unknown>> = {
  ...WINDOW_OPTION_NAMES,
  customerId: true,
  date: true,
  amount: true,
};

/** The window and unit, checked. */
function readWindow(options: SummarizeColumnsOptions): Window {
  if (!Object.hasOwn(DAYS_PER_TIME_UNIT, options.timeUnit)) {
    fail(`must be one of ${TIME_UNITS.join(", ")}, got ${shown(options.timeUnit)}`, "timeUnit");
  }
  const observationEnd = dayNumber(options.observationEnd);
  if (Number.isNaN(observationEnd)) fail("must be a Date or an ISO 8601 date", "observationEnd");
  const calibrationEnd = options.calibrationEnd === undefined ? observationEnd : dayNumber(options.calibrationEnd);
  if (Number.isNaN(calibrationEnd)) fail("must be a Date or an ISO 8601 date", "calibrationEnd");
  if (calibrationEnd > observationEnd) fail("must not be after observationEnd", "calibrationEnd");
  return { observationEnd, calibrationEnd, timeUnit: options.timeUnit, unitDays: DAYS_PER_TIME_UNIT[options.timeUnit] };
}

interface Window {
  readonly timeUnit: TimeUnit;
  readonly observationEnd: number;
  readonly calibrationEnd: number;
  readonly unitDays: number;
}

/** Where to read each field is an option: a missing or misspelt one is the options' fault, not row 0's. */
function checkFieldOptions<Row>(transactions: readonly Row[], options: SummarizeTransactionsOptions<Row>): void {
  for (const [name, field] of [
    ["customerId", options.customerId],
    ["date", options.date],
    ["amount", options.amount],
  ] as const) {
    if (field === undefined && name === "amount") continue;
    const usable = typeof field === "function" || (typeof field === "string" && field !== "");
    if (!usable) {
      throw new InvalidInputError("transaction summary options", [
        { code: "invalid_type", path: [name], message: "must be a field name or a function that reads the field" },
      ]);
    }
    const first = transactions[0] as unknown;
    const missing = guardRead(
      "transaction",
      [name],
      () => typeof field === "string" && first !== null && typeof first === "object" && !(field in first),
      0,
    );
    if (missing) {
      throw new InvalidInputError("transaction summary options", [
        {
          code: "custom",
          path: [name],
          message: `names the field "${field}", which the transactions do not have (the first has ${Object.keys(first as object).join(", ")})`,
        },
      ]);
    }
  }
}

function summarizeRows<Row>(
  transactions: readonly Row[],
  options: SummarizeTransactionsOptions<Row>,
): TransactionSummary[] {
  const window = readWindow(options);
  checkFieldOptions(transactions, options);
  const readId = fieldReader(options.customerId, "transaction");
  const readDate = fieldReader(options.date, "transaction");
  const readAmount = options.amount === undefined ? undefined : fieldReader(options.amount, "transaction");

  const customerIndex = new Map<unknown, number>();
  const customerIds: (string | number)[] = [];
  const count = transactions.length;
  const rowCustomer = new Int32Array(count);
  const rowDay = new Int32Array(count);
  const rowAmount = readAmount === undefined ? undefined : new Float64Array(count);
  let kept = 0;
  for (let index = 0; index < count; index++) {
    const row = transactions[index] as Row;
    const id = asId(readId(row));
    if (!isId(id)) badId(id, index);
    const rawDate = readDate(row);
    const day = dayNumber(rawDate);
    if (Number.isNaN(day)) badDate(rawDate, index);
    if (readAmount !== undefined && rowAmount !== undefined) {
      const rawAmount = readAmount(row);
      const amount = amountOf(rawAmount);
      if (!Number.isFinite(amount)) badAmount(rawAmount, index);
      rowAmount[index] = amount;
    }
    rowDay[index] = day;
    if (day > window.observationEnd) {
      rowCustomer[index] = -1;
      continue;
    }
    let customer = customerIndex.get(id);
    if (customer === undefined) {
      customer = customerIds.length;
      customerIndex.set(id, customer);
      customerIds.push(id as string | number);
    }
    rowCustomer[index] = customer;
    kept += 1;
  }
  const log = { customerIds, rowCustomer, rowDay, rowAmount, kept };
  checkLogInWindow(log, window.observationEnd, "observationEnd");
  const summary = summarizeDenseLog(log, window);
  const summaries: TransactionSummary[] = [];
  for (let customer = 0; customer < customerIds.length; customer++) {
    const birth = summary.firstPurchaseDay[customer] as number;
    if (!(birth <= window.calibrationEnd)) continue;
    summaries.push({
      customerId: customerIds[customer] as string | number,
      frequency: summary.frequency[customer] as number,
      recency: summary.recency[customer] as number,
      T: summary.T[customer] as number,
      monetaryValue: summary.monetaryValue[customer] as number,
      sumLogInterPurchaseTimes: summary.sumLogInterPurchaseTimes[customer] as number,
      firstPurchase: new Date(birth * MS_PER_DAY),
      timeUnit: window.timeUnit,
      ...(summary.holdoutFrequency !== undefined && summary.holdoutMonetaryValue !== undefined
        ? {
            holdoutFrequency: summary.holdoutFrequency[customer] as number,
            holdoutMonetaryValue: summary.holdoutMonetaryValue[customer] as number,
          }
        : {}),
    });
  }
  return summaries;
}

function summarizeColumns(
  transactions: TransactionColumns,
  options: SummarizeColumnsOptions,
): TransactionSummaryColumns {
  const window = readWindow(options);
  const log = readTransactionColumns(transactions, window.observationEnd, options.dateUnit);
  checkLogInWindow(log, window.observationEnd, "observationEnd");
  const { customerIds } = log;
  const summary = summarizeDenseLog(log, window);
  // Customers born after calibrationEnd (a holdout-only history) are left out, as for rows.
  let born = 0;
  for (let customer = 0; customer < customerIds.length; customer++)
    if ((summary.firstPurchaseDay[customer] as number) <= window.calibrationEnd) born++;
  if (born === customerIds.length) return summary;
  const keep = new Int32Array(born);
  for (let customer = 0, k = 0; customer < customerIds.length; customer++)
    if ((summary.firstPurchaseDay[customer] as number) <= window.calibrationEnd) keep[k++] = customer;
  const pick = (column: Float64Array) => {
    const picked = new Float64Array(born);
    for (let k = 0; k < born; k++) picked[k] = column[keep[k] as number] as number;
    return picked;
  };
  return {
    customerId: Array.from(keep, (customer) => customerIds[customer] as string | number),
    frequency: pick(summary.frequency),
    recency: pick(summary.recency),
    T: pick(summary.T),
    monetaryValue: pick(summary.monetaryValue),
    sumLogInterPurchaseTimes: pick(summary.sumLogInterPurchaseTimes),
    firstPurchaseDay: pick(summary.firstPurchaseDay),
    timeUnit: summary.timeUnit,
    ...(summary.holdoutFrequency === undefined
      ? {}
      : {
          holdoutFrequency: pick(summary.holdoutFrequency),
          holdoutMonetaryValue: pick(summary.holdoutMonetaryValue as Float64Array),
        }),
  };
}

/**
 * The summaries of a dense log, one entry per customer (birth after calibrationEnd included; callers drop those):
 * transactions grouped by customer with a counting sort (log order kept within a customer), then each customer's
 * days sorted (already sorted in most logs) and walked once, same-day purchases merged.
 */
function summarizeDenseLog(log: DenseLog, window: Window): TransactionSummaryColumns {
  const { customerIds } = log;
  const { calibrationEnd, unitDays } = window;
  const hasHoldout = calibrationEnd < window.observationEnd;
  const customers = customerIds.length;
  const { start, day, amount } = groupByCustomer(log);
  const frequencyOut = new Float64Array(customers);
  const recencyOut = new Float64Array(customers);
  const TOut = new Float64Array(customers);
  const monetaryOut = new Float64Array(customers);
  const logTimesOut = new Float64Array(customers);
  const birthOut = new Float64Array(customers);
  const holdoutFrequencyOut = hasHoldout ? new Float64Array(customers) : undefined;
  const holdoutMonetaryOut = hasHoldout ? new Float64Array(customers) : undefined;
  const noAmount = log.rowAmount === undefined ? Number.NaN : 0;
  for (let customer = 0; customer < customers; customer++) {
    const from = start[customer] as number;
    const to = start[customer + 1] as number;
    sortByDay(day, amount, from, to);
    const birth = day[from] as number;
    let frequency = 0;
    let lastDay = birth;
    let sumLogInterPurchaseTimes = 0;
    let repeatSpend = 0;
    let holdoutFrequency = 0;
    let holdoutSpend = 0;
    let position = from;
    while (position < to) {
      // One purchase day: the customer's transactions of that day, their amounts summed in log order.
      const today = day[position] as number;
      let spend = 0;
      while (position < to && day[position] === today) {
        spend += amount[position] as number;
        position++;
      }
      if (today === birth) continue;
      if (today <= calibrationEnd) {
        frequency += 1;
        sumLogInterPurchaseTimes += Math.log((today - lastDay) / unitDays);
        lastDay = today;
        repeatSpend += spend;
      } else {
        holdoutFrequency += 1;
        holdoutSpend += spend;
      }
    }
    frequencyOut[customer] = frequency;
    recencyOut[customer] = (lastDay - birth) / unitDays;
    TOut[customer] = (calibrationEnd - birth) / unitDays;
    monetaryOut[customer] = frequency === 0 ? noAmount : repeatSpend / frequency;
    logTimesOut[customer] = sumLogInterPurchaseTimes;
    birthOut[customer] = birth;
    if (holdoutFrequencyOut !== undefined && holdoutMonetaryOut !== undefined) {
      holdoutFrequencyOut[customer] = holdoutFrequency;
      holdoutMonetaryOut[customer] = holdoutFrequency === 0 ? noAmount : holdoutSpend / holdoutFrequency;
    }
  }
  return {
    customerId: customerIds,
    frequency: frequencyOut,
    recency: recencyOut,
    T: TOut,
    monetaryValue: monetaryOut,
    sumLogInterPurchaseTimes: logTimesOut,
    firstPurchaseDay: birthOut,
    timeUnit: window.timeUnit,
    ...(holdoutFrequencyOut === undefined || holdoutMonetaryOut === undefined
      ? {}
      : { holdoutFrequency: holdoutFrequencyOut, holdoutMonetaryValue: holdoutMonetaryOut }),
  };
}

/**
 * A counting sort of the log by customer: `start[c]` … `start[c + 1]` hold customer c's days and amounts, in log
 * order. The days and amounts themselves are moved (not row numbers), so that each customer's walk reads memory in
 * order: at ten million transactions, gathering through a permutation costs more than everything else. Many
 * customers are scattered in two passes (to blocks of customers, then within each block), so that each pass writes
 * to few places at a time: writes spread over a million customers miss the cache at every row. @internal
 */
export function groupByCustomer(
  log: DenseLog,
  onePassUpTo = 1 << 16,
): { start: Int32Array; day: Int32Array; amount: Float64Array } {
  const { rowCustomer, rowDay, rowAmount, kept } = log;
  const customers = log.customerIds.length;
  const count = rowCustomer.length;
  const start = new Int32Array(customers + 1);
  for (let row = 0; row < count; row++) {
    const slot = (rowCustomer[row] as number) + 1; // 0 for a transaction after observationEnd: not counted below
    start[slot] = (start[slot] as number) + 1;
  }
  start[0] = 0;
  for (let customer = 0; customer < customers; customer++)
    start[customer + 1] = (start[customer + 1] as number) + (start[customer] as number);
  const day = new Int32Array(kept);
  const amount = new Float64Array(kept);
  const amountOfRow = (row: number): number => (rowAmount === undefined ? Number.NaN : (rowAmount[row] as number));
  const next = start.slice(0, customers);
  if (customers <= onePassUpTo) {
    for (let row = 0; row < count; row++) {
      const customer = rowCustomer[row] as number;
      if (customer < 0) continue;
      const position = next[customer] as number;
      day[position] = rowDay[row] as number;
      amount[position] = amountOfRow(row);
      next[customer] = position + 1;
    }
    return { start, day, amount };
  }
  const shift = Math.max(0, Math.ceil(Math.log2(customers)) - 8); // 256 blocks at most
  const blocks = ((customers - 1) >>> shift) + 1;
  const blockNext = new Int32Array(blocks);
  for (let block = 0; block < blocks; block++) blockNext[block] = start[block << shift] as number;
  const blockCustomer = new Int32Array(kept);
  const blockDay = new Int32Array(kept);
  const blockAmount = new Float64Array(kept);
  for (let row = 0; row < count; row++) {
    const customer = rowCustomer[row] as number;
    if (customer < 0) continue;
    const block = customer >>> shift;
    const position = blockNext[block] as number;
    blockCustomer[position] = customer;
    blockDay[position] = rowDay[row] as number;
    blockAmount[position] = amountOfRow(row);
    blockNext[block] = position + 1;
  }
  for (let position = 0; position < kept; position++) {
    const customer = blockCustomer[position] as number;
    const target = next[customer] as number;
    day[target] = blockDay[position] as number;
    amount[target] = blockAmount[position] as number;
    next[customer] = target + 1;
  }
  return { start, day, amount };
}

/**
 * Sorts a customer's days [from, to) ascending, moving the amounts with them, ties in log order (stable): insertion
 * sort, linear for a log in date order; a long unsorted history goes through a sorted permutation instead.
 */
function sortByDay(day: Int32Array, amount: Float64Array, from: number, to: number): void {
  if (to - from > 64) {
    let sorted = true;
    for (let k = from + 1; k < to && sorted; k++) sorted = (day[k - 1] as number) <= (day[k] as number);
    if (sorted) return;
    const rows = Array.from({ length: to - from }, (_, k) => from + k);
    rows.sort((x, y) => (day[x] as number) - (day[y] as number) || x - y);
    const days = Int32Array.from(rows, (row) => day[row] as number);
    const amounts = Float64Array.from(rows, (row) => amount[row] as number);
    day.set(days, from);
    amount.set(amounts, from);
    return;
  }
  for (let k = from + 1; k < to; k++) {
    const today = day[k] as number;
    const spend = amount[k] as number;
    let j = k - 1;
    while (j >= from && (day[j] as number) > today) {
      day[j + 1] = day[j] as number;
      amount[j + 1] = amount[j] as number;
      j--;
    }
    day[j + 1] = today;
    amount[j + 1] = spend;
  }
}
