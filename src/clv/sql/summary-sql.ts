import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { type OptionNames, readOptions } from "../../input/read-options.js";
import { dayNumber } from "../../schemas/day-number.js";
import { DAYS_PER_TIME_UNIT, type TimeUnit } from "../time-unit.js";
import type { SqlDialect, SqlOptions } from "./sql-options.js";
import { readSqlOptions, sqlFragment } from "./sql-options.js";

/** Options of {@link summarySql}. */
export interface SummarySqlOptions {
  /** The engine the SQL is for. */
  readonly dialect: SqlDialect;
  /** The transaction log: a table name, or a subquery with its alias. */
  readonly from: string;
  /** The log's columns as SQL: the customer id, the date (a DATE, or a TIMESTAMP read as the session's date), the amount. */
  readonly columns: { readonly customerId: string; readonly date: string; readonly amount?: string };
  /** The last day of the calibration period (inclusive), an ISO date: later transactions are not read. */
  readonly calibrationEnd: string;
  /** The unit of recency and T. */
  readonly timeUnit: TimeUnit;
}

const OPTION_NAMES: OptionNames<SummarySqlOptions> = {
  dialect: true,
  from: true,
  columns: true,
  calibrationEnd: true,
  timeUnit: true,
};
const COLUMN_NAMES = { customerId: true, date: true, amount: true } as const;
const SUBJECT = "summary SQL options";

/** A date's civil day number (days since 1970-01-01), per dialect. */
const DAY_NUMBER: Readonly<Record<SqlDialect, (date: string) => string>> = {
  duckdb: (date) => `DATEDIFF('day', CAST('1970-01-01' AS DATE), CAST(${date} AS DATE))`,
  postgres: (date) => `(CAST(${date} AS DATE) - CAST('1970-01-01' AS DATE))`,
  bigquery: (date) => `DATE_DIFF(CAST(${date} AS DATE), CAST('1970-01-01' AS DATE), DAY)`,
  snowflake: (date) => `DATEDIFF(day, CAST('1970-01-01' AS DATE), CAST(${date} AS DATE))`,
  spark: (date) => `DATEDIFF(CAST(${date} AS DATE), CAST('1970-01-01' AS DATE))`,
};

function bad(path: string[], message: string): never {
  throw new InvalidInputError(SUBJECT, [{ code: "custom", path, message }]);
}

/**
 * The query that turns a transaction log into customer summaries where the log lives — what
 * `summarizeTransactions` computes (BTYD's `elog2cbs`): per customer, the purchase days up to `calibrationEnd` (a
 * customer's transactions of one day are one purchase), frequency = days after the first, recency = last − first
 * and T = calibrationEnd − first in `timeUnit` (Gregorian averages for months, quarters and years), and with an
 * amount column `monetaryValue`, the mean amount of the repeat days (0 without repeats). Day arithmetic per dialect (DuckDB,
 * Postgres, BigQuery, Snowflake, Spark SQL) on civil days, so the summaries equal the library's (tested in DuckDB and
 * Postgres on CDNOW). Its result is what fits, `toPatterns` and `patternsSql` read; columns `customerId`,
 * `frequency`, `recency`, `T` (and `monetaryValue`), one row per customer with a purchase by `calibrationEnd`.
 *
 * @param options - `dialect`, `from`, `columns` ({ customerId, date, amount? } as SQL), `calibrationEnd`, `timeUnit`.
 * @returns The query.
 * @throws InvalidInputError for an unknown dialect or time unit, a bad date, or SQL with ";" or a comment.
 *
 * @example
 * ```ts
 * summarySql({ dialect: "postgres", from: "sales", columns: { customerId: "cust", date: "day" }, calibrationEnd: "2024-06-30", timeUnit: "week" }).startsWith("WITH") // true
 * ```
 */
export function summarySql(options: SummarySqlOptions): string {
  const read = readOptions<SummarySqlOptions>(SUBJECT, options, OPTION_NAMES, { optional: false });
  const { sql } = readSqlOptions<SqlOptions>(SUBJECT, { dialect: read.dialect }, { dialect: true, columns: true });
  const columns = readOptions<SummarySqlOptions["columns"]>(SUBJECT, read.columns, COLUMN_NAMES, {
    path: ["columns"],
    optional: false,
  });
  const customerId = sqlFragment(SUBJECT, ["columns", "customerId"], columns.customerId);
  const date = sqlFragment(SUBJECT, ["columns", "date"], columns.date);
  const amount = columns.amount === undefined ? undefined : sqlFragment(SUBJECT, ["columns", "amount"], columns.amount);
  const from = sqlFragment(SUBJECT, ["from"], read.from);
  const end = typeof read.calibrationEnd === "string" ? dayNumber(read.calibrationEnd) : "must be an ISO date";
  if (typeof end === "string") bad(["calibrationEnd"], `${end}, got ${shown(read.calibrationEnd)}`);
  const unit = read.timeUnit;
  if (typeof unit !== "string" || !Object.hasOwn(DAYS_PER_TIME_UNIT, unit))
    bad(["timeUnit"], `must be one of ${Object.keys(DAYS_PER_TIME_UNIT).join(", ")}, got ${shown(unit)}`);
  const days = sql.literal(DAYS_PER_TIME_UNIT[unit]);
  const day = DAY_NUMBER[sql.dialect](`(${date})`);
  const spend = amount === undefined ? "" : `, ${sql.double(`SUM(${amount})`)} AS spend`;
  const repeatSpend = `SUM(CASE WHEN d.day > b.birth THEN d.spend ELSE ${sql.literal(0)} END)`;
  const monetaryValue =
    amount === undefined
      ? []
      : [
          `, CASE WHEN COUNT(*) = 1 THEN ${sql.literal(0)} ELSE ${repeatSpend} / ${sql.double("COUNT(*) - 1")} END AS ${sql.name("monetaryValue")}`,
        ];
  return [
    `WITH days AS (SELECT ${customerId} AS customer_id, ${day} AS day${spend} FROM ${from}`,
    `WHERE ${day} <= ${end} GROUP BY 1, 2),`,
    "births AS (SELECT customer_id, MIN(day) AS birth FROM days GROUP BY 1)",
    `SELECT d.customer_id AS ${sql.name("customerId")},`,
    `${sql.double("COUNT(*) - 1")} AS ${sql.name("frequency")},`,
    `${sql.double("MAX(d.day) - b.birth")} / ${days} AS ${sql.name("recency")},`,
    `${sql.double(`${end} - b.birth`)} / ${days} AS ${sql.name("T")}`,
    ...monetaryValue,
    "FROM days d JOIN births b ON b.customer_id = d.customer_id",
    "GROUP BY d.customer_id, b.birth",
  ].join(" ");
}
