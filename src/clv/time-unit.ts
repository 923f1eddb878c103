/** Units in which BTYD summaries measure time. */
export type TimeUnit = "day" | "week" | "month" | "quarter" | "year";

/**
 * Length of each time unit in days. Months, quarters and years are the Gregorian averages (a year is
 * 365.2425 days, a month a twelfth of it), never a hidden 30-day month.
 */
export const DAYS_PER_TIME_UNIT: Readonly<Record<TimeUnit, number>> = {
  day: 1,
  week: 7,
  month: 365.2425 / 12,
  quarter: 365.2425 / 4,
  year: 365.2425,
};

/** The time units, for validation messages. */
export const TIME_UNITS = Object.keys(DAYS_PER_TIME_UNIT) as TimeUnit[];
