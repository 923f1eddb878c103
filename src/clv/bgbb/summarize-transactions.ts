import { InvalidInputError } from "../../errors.js";
import { guardRead, type OptionNames, readOptions } from "../../input/read-options.js";
import { dayNumber, isoDate } from "../../schemas/day-number.js";
import { readCustomerDays } from "../read-customer-days.js";
import type { FieldAccessor } from "../summarize-transactions.js";

/** Calendar periods that make the transaction opportunities of the BG/BB. */
export type OpportunityUnit = "day" | "week" | "month" | "quarter" | "year";

const OPTION_NAMES: OptionNames<DiscreteSummaryOptions<unknown>> = {
  customerId: true,
  date: true,
  timeUnit: true,
  calibrationEnd: true,
  observationEnd: true,
};

/** Options of {@link summarizeTransactions}. */
export interface DiscreteSummaryOptions<Row> {
  readonly customerId: FieldAccessor<Row>;
  readonly date: FieldAccessor<Row>;
  /** The calendar period that is one transaction opportunity (e.g. "year" for annual donations). */
  readonly timeUnit: OpportunityUnit;
  /** End of the calibration period (inclusive). */
  readonly calibrationEnd: string | Date;
  /** End of the holdout (inclusive; default calibrationEnd: no holdout). */
  readonly observationEnd?: string | Date;
}

/** One customer's discrete-time summary. */
export interface DiscreteTransactionSummary {
  readonly customerId: string | number;
  /** First purchase day (ISO), the start of period 0. */
  readonly firstPurchase: string;
  /** Opportunities 1…n in calibration with at least one transaction (x). */
  readonly frequency: number;
  /** The last of them (t_x; 0 if none). */
  readonly recency: number;
  /** Opportunities in calibration (n): whole periods from the first purchase to calibrationEnd. */
  readonly periods: number;
  /** Opportunities n+1…n+n* in the holdout with a transaction (with an observationEnd after calibrationEnd). */
  readonly holdoutFrequency?: number;
  /** Opportunities in the holdout (n*). */
  readonly holdoutPeriods?: number;
}

const MONTHS: Record<OpportunityUnit, number> = { day: 0, week: 0, month: 1, quarter: 3, year: 12 };

/** Whole calendar periods from day `from` to day `to` (civil dates; months by the calendar). @internal */
export function wholePeriodsBetween(from: number, to: number, unit: OpportunityUnit): number {
  if (unit === "day") return to - from;
  if (unit === "week") return Math.floor((to - from) / 7);
  const [y1, m1, d1] = isoDate(from).split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = isoDate(to).split("-").map(Number) as [number, number, number];
  const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
  return Math.floor(months / MONTHS[unit]);
}

/**
 * Summarises a transaction log for the BG/BB (Fader, Hardie & Shang 2010), as BTYD's `dc.ElogToCbsCbt` with a
 * period and `dc.MakeRFmatrixCal` do: each customer's first purchase starts period 0; every later whole calendar
 * period (a year, a quarter, …, counted from the first purchase day) is one transaction opportunity; x is the number
 * of opportunities 1…n with at least one transaction, t_x the last of them, and n the opportunities up to
 * calibrationEnd. Customers without a whole opportunity by calibrationEnd (first purchase less than one period
 * before it, or after it) are left out. Group the rows into patterns with {@link toPatterns}.
 *
 * @throws InvalidInputError for a missing id, a date that is not a real civil date, a bad unit or window.
 *
 * @example
 * ```ts
 * const log = [{ id: 1, day: "2020-03-01" }, { id: 1, day: "2021-05-01" }, { id: 1, day: "2023-03-01" }];
 * bgbb.summarizeTransactions(log, { customerId: "id", date: "day", timeUnit: "year", calibrationEnd: "2024-03-01" })[0] // ≈ { frequency: 2, recency: 3, periods: 4 }
 * ```
 */
export function summarizeTransactions<Row>(
  log: readonly Row[],
  options: DiscreteSummaryOptions<Row>,
): DiscreteTransactionSummary[] {
  const subject = "discrete transaction summary";
  const fail = (path: string, message: string, rowIndex?: number): never => {
    throw new InvalidInputError(subject, [{ code: "custom", path: [path], message }], rowIndex);
  };
  if (!Array.isArray(log)) fail("log", "must be an array of transactions");
  options = readOptions(subject, options, OPTION_NAMES, { optional: false });
  if (!Object.hasOwn(MONTHS, options.timeUnit ?? ""))
    fail("timeUnit", `must be one of ${Object.keys(MONTHS).join(", ")}`);
  const unit = options.timeUnit;
  const calibrationEnd = dayNumber(options.calibrationEnd);
  if (typeof calibrationEnd === "string") return fail("calibrationEnd", calibrationEnd);
  const observationEnd = options.observationEnd === undefined ? calibrationEnd : dayNumber(options.observationEnd);
  if (typeof observationEnd === "string") return fail("observationEnd", observationEnd);
  if (observationEnd < calibrationEnd) fail("observationEnd", "must not be before calibrationEnd");
  const read = readCustomerDays(log, options.customerId, options.date, subject);
  const daysByCustomer = new Map<string | number, number[]>();
  read.days.forEach((day, index) => {
    if (day > observationEnd) return;
    const id = read.ids[index] as string | number;
    const days = daysByCustomer.get(id);
    if (days === undefined) daysByCustomer.set(id, [day]);
    else days.push(day);
  });
  const hasHoldout = observationEnd > calibrationEnd;
  const summaries: DiscreteTransactionSummary[] = [];
  for (const [customerId, days] of daysByCustomer) {
    let birth = Number.POSITIVE_INFINITY;
    for (const day of days) if (day < birth) birth = day;
    const periods = wholePeriodsBetween(birth, calibrationEnd, unit);
    if (!(periods >= 1)) continue;
    const total = wholePeriodsBetween(birth, observationEnd, unit);
    const active = new Set<number>();
    for (const day of days) {
      const period = wholePeriodsBetween(birth, day, unit);
      if (period >= 1 && period <= total) active.add(period);
    }
    let frequency = 0;
    let recency = 0;
    let holdoutFrequency = 0;
    for (const period of active) {
      if (period <= periods) {
        frequency += 1;
        if (period > recency) recency = period;
      } else holdoutFrequency += 1;
    }
    summaries.push({
      customerId,
      firstPurchase: isoDate(birth),
      frequency,
      recency,
      periods,
      ...(hasHoldout ? { holdoutFrequency, holdoutPeriods: total - periods } : {}),
    });
  }
  return summaries;
}

/** A recency-frequency pattern: the customers who share (x, t_x, n). */
export interface DiscretePattern {
  readonly frequency: number;
  readonly recency: number;
  readonly periods: number;
  /** Customers with this pattern. */
  readonly weight: number;
  /** Their mean holdout opportunities with a transaction (when the summaries have a holdout). */
  readonly holdoutFrequency?: number;
}

/**
 * Groups discrete-time summaries into recency-frequency patterns with their counts (BTYD's rf-matrix,
 * `dc.MakeRFmatrixCal`), sorted by periods, recency and frequency: the form `bgbb.fit` and model checks take, and
 * much faster for large customer bases.
 *
 * @example
 * ```ts
 * bgbb.toPatterns([{ frequency: 1, recency: 2, periods: 6 }, { frequency: 1, recency: 2, periods: 6 }])[0].weight // 2
 * ```
 */
export function toPatterns(
  summaries: readonly Pick<DiscreteTransactionSummary, "frequency" | "recency" | "periods" | "holdoutFrequency">[],
): DiscretePattern[] {
  if (!Array.isArray(summaries)) {
    throw new InvalidInputError("discrete patterns", [
      { code: "invalid_type", path: ["summaries"], message: "must be an array of discrete summaries" },
    ]);
  }
  const groups = new Map<
    string,
    { frequency: number; recency: number; periods: number; weight: number; holdout: number; withHoldout: boolean }
  >();
  summaries.forEach((given, index) => {
    const row = guardRead("discrete patterns", [], () => ({ ...given }), index);
    const { frequency, recency, periods } = row;
    const whole = (value: unknown) => typeof value === "number" && Number.isInteger(value) && value >= 0;
    if (
      !(
        whole(frequency) &&
        whole(recency) &&
        whole(periods) &&
        frequency <= recency &&
        recency <= periods &&
        periods >= 1
      )
    ) {
      throw new InvalidInputError(
        "discrete patterns",
        [{ code: "custom", path: [], message: "needs whole numbers 0 ≤ frequency ≤ recency ≤ periods, periods ≥ 1" }],
        index,
      );
    }
    const key = `${periods}:${recency}:${frequency}`;
    const group = groups.get(key) ?? { frequency, recency, periods, weight: 0, holdout: 0, withHoldout: false };
    group.weight += 1;
    if (row.holdoutFrequency !== undefined) {
      group.holdout += row.holdoutFrequency;
      group.withHoldout = true;
    }
    groups.set(key, group);
  });
  return [...groups.values()]
    .sort(
      (left, right) => right.periods - left.periods || left.recency - right.recency || left.frequency - right.frequency,
    )
    .map((group) => ({
      frequency: group.frequency,
      recency: group.recency,
      periods: group.periods,
      weight: group.weight,
      ...(group.withHoldout ? { holdoutFrequency: group.holdout / group.weight } : {}),
    }));
}
