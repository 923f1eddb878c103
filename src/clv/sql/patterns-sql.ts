import type { OptionNames } from "../../input/read-options.js";
import { checkResolution } from "../to-patterns.js";
import { readSqlOptions, type SqlOptions, type SqlWriter, sqlFragment } from "./sql-options.js";

/** Options of {@link patternsSql}. */
export interface PatternsSqlOptions extends SqlOptions {
  /** The customers' summaries: a table name, or a subquery with its alias (`(SELECT …) AS s`). */
  readonly from: string;
  /** Rounds t_x and T to whole multiples of this many time units, as `toPatterns` does (default: none). */
  readonly resolution?: number;
}

/** The GROUP BY that makes summary patterns in a database, and the keys to join customers to their pattern's scores. */
export interface PatternsSql {
  /** `SELECT frequency, recency, T, weight … GROUP BY 1, 2, 3`: the patterns, columns named as `toPatterns` names them. */
  readonly query: string;
  /** Each customer's pattern key as SQL over the summary columns (t_x and T rounded as the query rounds them). */
  readonly keys: { readonly frequency: string; readonly recency: string; readonly T: string };
}

const OPTION_NAMES: OptionNames<PatternsSqlOptions> = { dialect: true, columns: true, from: true, resolution: true };
const SUBJECT = "patterns SQL options";

/** A value rounded half up to a whole multiple of the resolution: ⌊v / resolution + ½⌋ × resolution, as `toPatterns`. */
function roundedSql(sql: SqlWriter, value: string, resolution: number | undefined): string {
  if (resolution === undefined) return value;
  const step = sql.literal(resolution);
  return `FLOOR(${value} / ${step} + ${sql.literal(0.5)}) * ${step}`;
}

/**
 * The GROUP BY that turns a table of customer summaries into the patterns `toPatterns` makes (one row per distinct
 * (x, t_x, T), with its customers as `weight`), written for a database: DuckDB, Postgres, BigQuery, Snowflake or
 * Spark SQL. Load its result into a fit (`bgnbd.fit(rows)` reads the weights) or into `<model>.scorePatterns`, and
 * join the scores back on `keys`. The rounding is the library's (half up, in doubles), so the patterns are the same
 * rows as `toPatterns` gives on the same summaries (tested in DuckDB and Postgres). Rows that are not summaries
 * (NULL, t_x > T) are grouped as they are, for the library's reader to reject by row.
 *
 * @param options - `dialect`, `from` (a table or an aliased subquery), the `columns` holding x, t_x and T (default
 * `frequency`, `recency`, `T`), and `resolution` (time units; default none).
 * @returns `{ query, keys }`.
 * @throws InvalidInputError for an unknown dialect, SQL with ";" or a comment, or a bad resolution.
 *
 * @example
 * ```ts
 * patternsSql({ dialect: "duckdb", from: "rfm", resolution: 7 }).query.endsWith("GROUP BY 1, 2, 3") // true
 * ```
 */
export function patternsSql(options: PatternsSqlOptions): PatternsSql {
  const { read, sql } = readSqlOptions<PatternsSqlOptions>(SUBJECT, options, OPTION_NAMES);
  const from = sqlFragment(SUBJECT, ["from"], read.from);
  const resolution = checkResolution(read.resolution, SUBJECT);
  const keys = {
    frequency: sql.x,
    recency: roundedSql(sql, sql.tx, resolution),
    T: roundedSql(sql, sql.T, resolution),
  };
  const query = [
    `SELECT ${keys.frequency} AS ${sql.name("frequency")},`,
    `${keys.recency} AS ${sql.name("recency")},`,
    `${keys.T} AS ${sql.name("T")},`,
    `COUNT(*) AS ${sql.name("weight")}`,
    `FROM ${from}`,
    "GROUP BY 1, 2, 3",
  ].join(" ");
  return { query, keys };
}
