import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { dayNumber as civilDayNumber } from "../schemas/day-number.js";
import { requireObject } from "../schemas/options.js";
import { withTimeZone } from "../schemas/time-zone.js";
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
  /** Purchase days in the holdout period (only when `calibrationEnd` is before `observationEnd`). */
  readonly holdoutFrequency?: number;
  /** Mean amount of the holdout purchase days (0 when there are none). */
  readonly holdoutMonetaryValue?: number;
}

function accessor<Row>(field: FieldAccessor<Row>): (row: Row) => unknown {
  return typeof field === "function" ? field : (row: Row) => (row as Record<string, unknown>)[field];
}

function fail(message: string, path: string, rowIndex?: number): never {
  throw new InvalidInputError("transaction", [{ code: "custom", path: [path], message }], rowIndex);
}

/** Day number (days since 1970-01-01, UTC) of a Date or ISO string, by the library's one date policy; NaN if invalid. */
function dayNumber(value: unknown): number {
  const day = civilDayNumber(value);
  return typeof day === "string" ? Number.NaN : day;
}

function amountOf(value: unknown): number {
  if (typeof value === "number") return value;
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
): TransactionSummary[] {
  return withTimeZone(options?.timeZone, () => summarizeTransactionsInZone<Row>(transactions, options));
}

function summarizeTransactionsInZone<Row>(
  transactions: readonly Row[],
  options: SummarizeTransactionsOptions<Row>,
): TransactionSummary[] {
  requireObject("transaction summary options", options);
  if (!Object.hasOwn(DAYS_PER_TIME_UNIT, options.timeUnit)) {
    fail(`must be one of ${TIME_UNITS.join(", ")}, got ${shown(options.timeUnit)}`, "timeUnit");
  }
  const unitDays = DAYS_PER_TIME_UNIT[options.timeUnit];
  const observationEnd = dayNumber(options.observationEnd);
  if (Number.isNaN(observationEnd)) fail("must be a Date or an ISO 8601 date", "observationEnd");
  const calibrationEnd = options.calibrationEnd === undefined ? observationEnd : dayNumber(options.calibrationEnd);
  if (Number.isNaN(calibrationEnd)) fail("must be a Date or an ISO 8601 date", "calibrationEnd");
  if (calibrationEnd > observationEnd) fail("must not be after observationEnd", "calibrationEnd");
  const hasHoldout = calibrationEnd < observationEnd;
  // Where to read each field is an option: a missing or misspelt one is the options' fault, not row 0's.
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
    if (typeof field === "string" && first !== null && typeof first === "object" && !(field in first)) {
      throw new InvalidInputError("transaction summary options", [
        {
          code: "custom",
          path: [name],
          message: `names the field "${field}", which the transactions do not have (the first has ${Object.keys(first).join(", ")})`,
        },
      ]);
    }
  }
  const readId = accessor(options.customerId);
  const readDate = accessor(options.date);
  const readAmount = options.amount === undefined ? undefined : accessor(options.amount);

  const customerIndex = new Map<unknown, number>();
  const customerIds: (string | number)[] = [];
  const count = transactions.length;
  const rowCustomer = new Int32Array(count);
  const rowDay = new Float64Array(count);
  const rowAmount = new Float64Array(count);
  let kept = 0;
  for (let index = 0; index < count; index++) {
    const row = transactions[index] as Row;
    const id = readId(row);
    if (!((typeof id === "string" && id !== "") || (typeof id === "number" && Number.isFinite(id)))) {
      fail(
        `must be a non-empty string or a finite number, got ${JSON.stringify(id) ?? shown(id)}`,
        "customerId",
        index,
      );
    }
    const rawDate = readDate(row);
    const day = dayNumber(rawDate);
    if (Number.isNaN(day))
      fail(
        `must be a Date or an ISO 8601 date such as "2024-03-01", got ${JSON.stringify(rawDate) ?? shown(rawDate)}`,
        "date",
        index,
      );
    let amount = Number.NaN;
    if (readAmount) {
      const rawAmount = readAmount(row);
      amount = amountOf(rawAmount);
      if (!Number.isFinite(amount))
        fail(
          `must be a finite number or decimal string, got ${JSON.stringify(rawAmount) ?? shown(rawAmount)}`,
          "amount",
          index,
        );
    }
    if (day > observationEnd) continue;
    let customer = customerIndex.get(id);
    if (customer === undefined) {
      customer = customerIds.length;
      customerIndex.set(id, customer);
      customerIds.push(id);
    }
    rowCustomer[kept] = customer;
    rowDay[kept] = day;
    rowAmount[kept] = amount;
    kept += 1;
  }
  const order = Array.from({ length: kept }, (_, index) => index);
  order.sort(
    (left, right) =>
      (rowCustomer[left] as number) - (rowCustomer[right] as number) ||
      (rowDay[left] as number) - (rowDay[right] as number),
  );

  const summaries: TransactionSummary[] = [];
  let position = 0;
  while (position < kept) {
    const customer = rowCustomer[order[position] as number] as number;
    const birth = rowDay[order[position] as number] as number;
    let frequency = 0;
    let lastDay = birth;
    let sumLogInterPurchaseTimes = 0;
    let repeatSpend = 0;
    let holdoutFrequency = 0;
    let holdoutSpend = 0;
    let currentDay = Number.NaN;
    let currentAmount = 0;
    const closeDay = (): void => {
      if (Number.isNaN(currentDay) || currentDay === birth) return;
      if (currentDay <= calibrationEnd) {
        frequency += 1;
        sumLogInterPurchaseTimes += Math.log((currentDay - lastDay) / unitDays);
        lastDay = currentDay;
        repeatSpend += currentAmount;
      } else {
        holdoutFrequency += 1;
        holdoutSpend += currentAmount;
      }
    };
    while (position < kept && rowCustomer[order[position] as number] === customer) {
      const row = order[position] as number;
      const day = rowDay[row] as number;
      if (day !== currentDay) {
        closeDay();
        currentDay = day;
        currentAmount = 0;
      }
      currentAmount += rowAmount[row] as number;
      position += 1;
    }
    closeDay();
    if (birth > calibrationEnd) continue;
    const summary: TransactionSummary = {
      customerId: customerIds[customer] as string | number,
      frequency,
      recency: (lastDay - birth) / unitDays,
      T: (calibrationEnd - birth) / unitDays,
      monetaryValue: frequency === 0 ? (readAmount ? 0 : Number.NaN) : repeatSpend / frequency,
      sumLogInterPurchaseTimes,
      firstPurchase: new Date(birth * MS_PER_DAY),
      ...(hasHoldout
        ? {
            holdoutFrequency,
            holdoutMonetaryValue:
              holdoutFrequency === 0 ? (readAmount ? 0 : Number.NaN) : holdoutSpend / holdoutFrequency,
          }
        : {}),
    };
    summaries.push(summary);
  }
  return summaries;
}
