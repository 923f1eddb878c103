import { expectedCumulativeTransactionsOf } from "../clv/expected-cumulative-transactions.js";
import { readCustomerDays } from "../clv/read-customer-days.js";
import type { FieldAccessor } from "../clv/summarize-transactions.js";
import { DAYS_PER_TIME_UNIT, TIME_UNITS, type TimeUnit } from "../clv/time-unit.js";
import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { readOptions } from "../input/read-options.js";
import { dayNumber, isoDate } from "../schemas/day-number.js";
import { positiveNumberOption, wholeNumberOption } from "../schemas/options.js";
import { withTimeZone } from "../schemas/time-zone.js";
import { type BtydModel, modelFunctions } from "./btyd-model.js";

/** Repeat transactions of a log per calendar period. */
export interface RepeatTransactionsByPeriod {
  /** First day of each period (ISO date). */
  readonly periodStart: readonly string[];
  /** Repeat transactions in each period. */
  readonly incremental: Float64Array;
  /** Repeat transactions from the start up to the end of each period. */
  readonly cumulative: Float64Array;
}

/** Options of {@link repeatTransactionsByPeriod}. */
export interface RepeatTransactionsByPeriodOptions<Row> {
  /**
   * IANA time zone (e.g. "Asia/Shanghai") in which date-times with an offset and Date objects count as civil days;
   * date-times without an offset are wall-clock times there. Default "UTC". Date-only strings are the day written.
   */
  readonly timeZone?: string;
  readonly customerId: FieldAccessor<Row>;
  readonly date: FieldAccessor<Row>;
  /** Length of a period (default "week"; months and years are Gregorian averages, so use them with care). */
  readonly timeUnit?: TimeUnit;
  /** First day of the first period (default the earliest date in the log). */
  readonly start?: string | Date;
  /** Number of periods (default: up to the latest date in the log). */
  readonly periods?: number;
}

/**
 * The actual tracking series of a transaction log: repeat transactions per calendar period and cumulated, as BTYD's
 * walkthrough builds `cu.tracking` for its tracking plots. A customer's purchases on one day count once (as in
 * `summarizeTransactions`), and each customer's first purchase day is not a repeat transaction. Period j covers the
 * days [start + j·L, start + (j+1)·L) with L the unit's length in days.
 *
 * @example
 * ```ts
 * const log = [{ id: 1, day: "2024-01-01" }, { id: 1, day: "2024-01-03" }, { id: 2, day: "2024-01-02" }, { id: 2, day: "2024-01-09" }];
 * evaluate.repeatTransactionsByPeriod(log, { customerId: "id", date: "day" }).incremental // [1, 1]
 * ```
 */
export function repeatTransactionsByPeriod<Row>(
  log: readonly Row[],
  options: RepeatTransactionsByPeriodOptions<Row>,
): RepeatTransactionsByPeriod {
  options = readOptions<NonNullable<typeof options>>(
    "repeat transactions by period",
    options,
    { timeZone: true, customerId: true, date: true, timeUnit: true, start: true, periods: true },
    { optional: false },
  );
  return withTimeZone(options?.timeZone, () => repeatTransactionsByPeriodInZone<Row>(log, options));
}

function repeatTransactionsByPeriodInZone<Row>(
  log: readonly Row[],
  options: RepeatTransactionsByPeriodOptions<Row>,
): RepeatTransactionsByPeriod {
  const subject = "repeat transactions by period";
  const fail = (path: string, message: string, rowIndex?: number): never => {
    throw new InvalidInputError(subject, [{ code: "custom", path: [path], message }], rowIndex);
  };
  if (!Array.isArray(log) || log.length === 0) fail("log", "must be a non-empty array of transactions");
  const unit = options?.timeUnit ?? "week";
  if (!Object.hasOwn(DAYS_PER_TIME_UNIT, unit)) fail("timeUnit", `must be one of ${TIME_UNITS.join(", ")}`);
  const periodDays = DAYS_PER_TIME_UNIT[unit];
  const { ids, days } = readCustomerDays(log, options?.customerId, options?.date, subject);
  const firstDay = new Map<unknown, number>();
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  days.forEach((day, index) => {
    const id = ids[index];
    const known = firstDay.get(id);
    if (known === undefined || day < known) firstDay.set(id, day);
    if (day < earliest) earliest = day;
    if (day > latest) latest = day;
  });
  let start = earliest;
  if (options.start !== undefined) {
    const parsed = dayNumber(options.start);
    start = typeof parsed === "string" ? fail("start", parsed) : parsed;
  }
  const periods = wholeNumberOption(
    subject,
    options.periods,
    "periods",
    Math.max(1, Math.ceil((latest - start + 1) / periodDays)),
    1,
    1_000_000,
  );
  const incremental = new Float64Array(periods);
  const seen = new Set<string>();
  for (let index = 0; index < log.length; index++) {
    const day = days[index] as number;
    const id = ids[index];
    if (day === firstDay.get(id) || day < start) continue;
    const key = `${typeof id}:${shown(id)}:${day}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const period = Math.floor((day - start) / periodDays);
    if (period < periods) incremental[period] = (incremental[period] as number) + 1;
  }
  const cumulative = new Float64Array(periods);
  let running = 0;
  for (let period = 0; period < periods; period++) {
    running += incremental[period] as number;
    cumulative[period] = running;
  }
  const periodStart = Array.from({ length: periods }, (_, period) => isoDate(start + Math.floor(period * periodDays)));
  return { periodStart, incremental, cumulative };
}

/** One period of a tracking comparison. */
export interface TrackingPoint {
  /** 1-based period number. */
  readonly period: number;
  /** Whether the period lies mostly after the calibration period (its middle is after max T). */
  readonly holdout: boolean;
  readonly actualCumulative: number;
  readonly expectedCumulative: number;
  readonly actualIncremental: number;
  readonly expectedIncremental: number;
}

/** Options of {@link tracking}. */
export interface TrackingOptions {
  /**
   * IANA time zone (e.g. "Asia/Shanghai") in which date-times with an offset and Date objects count as civil days;
   * date-times without an offset are wall-clock times there. Default "UTC". Date-only strings are the day written.
   */
  readonly timeZone?: string;
  /** Each customer's T in the calibration period (BG/BB: opportunities), in the time unit of the fit. */
  readonly calibrationT: ArrayLike<number>;
  /** The actual cumulative repeat transactions per period (e.g. from {@link repeatTransactionsByPeriod}). */
  readonly actualCumulative: ArrayLike<number>;
  /** End of the tracking window in the time unit of the fit, from the first birth (default: one unit per period). */
  readonly totalTime?: number;
  /** Customers per entry of calibrationT (default 1 each). */
  readonly weights?: ArrayLike<number>;
}

/**
 * Tracking: actual vs expected repeat transactions of the cohort per period, cumulative and incremental (BTYD's
 * `*.PlotTrackingCum` / `*.PlotTrackingInc`, lifetimes' `plot_cumulative_transactions` /
 * `plot_incremental_transactions`). The expectation is the model namespace's `expectedCumulativeTransactions`
 * (customers born at different times; the calibration periods end together at max(T)).
 *
 * @example
 * ```ts
 * evaluate.tracking({ model: "bgnbd", params: bgnbdFit.params }, { calibrationT: T, actualCumulative: [0, 19, 63], totalTime: 3 })[2].expectedCumulative // ≈ 38.64
 * ```
 */
export function tracking(model: BtydModel, options: TrackingOptions): TrackingPoint[] {
  options = readOptions<NonNullable<typeof options>>(
    "tracking",
    options,
    { timeZone: true, calibrationT: true, actualCumulative: true, totalTime: true, weights: true },
    { optional: false },
  );
  return withTimeZone(options?.timeZone, () => trackingInZone(model, options));
}

function trackingInZone(model: BtydModel, options: TrackingOptions): TrackingPoint[] {
  const subject = "tracking";
  const functions = modelFunctions(model, subject);
  const actual = options?.actualCumulative;
  if (actual === null || typeof actual !== "object" || typeof actual.length !== "number" || actual.length === 0) {
    throw new InvalidInputError(subject, [
      { code: "custom", path: ["actualCumulative"], message: "must be a non-empty array of cumulative counts" },
    ]);
  }
  const periods = actual.length;
  for (let index = 0; index < periods; index++) {
    const value = actual[index] as number;
    const previous = index === 0 ? 0 : (actual[index - 1] as number);
    if (!(typeof value === "number" && Number.isFinite(value) && value >= previous)) {
      throw new InvalidInputError(
        subject,
        [
          {
            code: "custom",
            path: ["actualCumulative"],
            message: `must be finite, ≥ 0 and non-decreasing, got ${shown(value)}`,
          },
        ],
        index,
      );
    }
  }
  const totalTime = functions.discrete
    ? wholeNumberOption(subject, options.totalTime, "totalTime", periods, 1, 1_000_000)
    : positiveNumberOption(subject, options.totalTime, "totalTime", periods);
  const expected = expectedCumulativeTransactionsOf(
    (t) => functions.expected(t),
    options.calibrationT,
    totalTime,
    periods,
    options.weights,
    subject,
  );
  let calibrationEnd = 0;
  for (let index = 0; index < options.calibrationT.length; index++) {
    calibrationEnd = Math.max(calibrationEnd, options.calibrationT[index] as number);
  }
  return Array.from({ length: periods }, (_, index) => ({
    period: index + 1,
    holdout: (totalTime * (index + 0.5)) / periods > calibrationEnd,
    actualCumulative: actual[index] as number,
    expectedCumulative: expected[index] as number,
    actualIncremental: (actual[index] as number) - (index === 0 ? 0 : (actual[index - 1] as number)),
    expectedIncremental: (expected[index] as number) - (index === 0 ? 0 : (expected[index - 1] as number)),
  }));
}
