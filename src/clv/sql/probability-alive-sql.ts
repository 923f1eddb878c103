import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { type OptionNames, readOptions } from "../../input/read-options.js";
import { checkPositiveParameters } from "../../schemas/summary-columns.js";

/** The SQL dialects the emitters write. */
export type SqlDialect = "duckdb" | "postgres" | "bigquery" | "snowflake" | "spark";

/** Options of `bgnbd.toSql` and `mbgnbd.toSql`. */
export interface SqlOptions {
  /** The engine the SQL is for: per-dialect float type names (the rest is SQL every one of them reads). */
  readonly dialect: SqlDialect;
  /**
   * The SQL for each customer's x, t_x and T: column names or expressions (default `frequency`, `recency`, `T`),
   * written into the query as given — they are SQL you write, not data.
   */
  readonly columns?: { readonly frequency?: string; readonly recency?: string; readonly T?: string };
}

/** What the emitters write: SQL expressions to put in a SELECT over the customers' summaries. */
export interface ModelSql {
  /**
   * P(alive | x, t_x, T) as one SQL expression: NULL for a row that is not a summary (NULL, x < 0, t_x < 0, t_x > T,
   * or x = 0 with t_x ≠ 0), so a bad row gives NULL and never aborts the query.
   */
  readonly probabilityAlive: string;
}

const DOUBLE: Readonly<Record<SqlDialect, string>> = {
  duckdb: "DOUBLE",
  postgres: "DOUBLE PRECISION",
  bigquery: "FLOAT64",
  snowflake: "DOUBLE",
  spark: "DOUBLE",
};

const OPTION_NAMES: OptionNames<SqlOptions> = { dialect: true, columns: true };
const COLUMN_NAMES = { frequency: true, recency: true, T: true } as const;

/** The options, checked: a known dialect, and column SQL that is text without a statement end or a comment. */
function readSqlOptions(options: SqlOptions): { dialect: SqlDialect; x: string; tx: string; T: string } {
  const read = readOptions<SqlOptions>("SQL options", options, OPTION_NAMES, { optional: false });
  const bad = (path: string[], message: string): never => {
    throw new InvalidInputError("SQL options", [{ code: "custom", path, message }]);
  };
  const dialect = read.dialect;
  if (typeof dialect !== "string" || !Object.hasOwn(DOUBLE, dialect))
    bad(["dialect"], `must be one of ${Object.keys(DOUBLE).join(", ")}, got ${shown(dialect)}`);
  const columns = readOptions<NonNullable<SqlOptions["columns"]>>("SQL options", read.columns, COLUMN_NAMES, {
    path: ["columns"],
  });
  const column = (name: keyof typeof COLUMN_NAMES, fallback: string): string => {
    const value: unknown = columns[name] ?? fallback;
    if (typeof value === "string" && value.trim().length > 0 && !/;|--|\/\*/.test(value)) return value;
    return bad(["columns", name], `must be a column name or expression (no ";" or comment), got ${shown(value)}`);
  };
  return { dialect, x: column("frequency", "frequency"), tx: column("recency", "recency"), T: column("T", "T") };
}

/**
 * P(alive) of the BG/NBD (shift 0, Fader, Hardie & Lee 2005 eq. 11) and the MBG/NBD (shift 1, Batislam et al. 2007
 * eq. 11) as SQL: 1 / (1 + a/(b + x − 1 + shift) · e^((r+x) ln((α+T)/(α+t_x)))), the library's own arithmetic (one
 * logarithm, one exponential), with the parameters as exact double literals and a log-odds past 709 (where e^z
 * overflows, an error in Postgres) giving 0 as the library's infinite odds do. @internal
 */
export function probabilityAliveSql(
  params: { readonly r: number; readonly alpha: number; readonly a: number; readonly b: number },
  shift: 0 | 1,
  options: SqlOptions,
  subject: string,
): ModelSql {
  const { r, alpha, a, b } = checkPositiveParameters(params, ["r", "alpha", "a", "b"], subject);
  if ("covariates" in params && params.covariates !== undefined)
    throw new InvalidInputError(subject, [
      {
        code: "custom",
        path: ["covariates"],
        message: "the SQL is the model without covariates: pass a fit without them",
      },
    ]);
  const { dialect, x: rawX, tx: rawTx, T: rawT } = readSqlOptions(options);
  const type = DOUBLE[dialect];
  const literal = (value: number) => `CAST('${String(value)}' AS ${type})`;
  const [x, tx, T] = [rawX, rawTx, rawT].map((sql) => `CAST((${sql}) AS ${type})`) as [string, string, string];
  const logOdds = `(${literal(r)} + ${x}) * LN((${literal(alpha)} + ${T}) / (${literal(alpha)} + ${tx}))`;
  const valid = `${x} >= 0 AND ${tx} >= 0 AND ${T} >= ${tx} AND (${x} > 0 OR ${tx} = 0)`;
  const odds = `${literal(a)} / (${literal(b)} + (${x} - ${literal(1 - shift)})) * EXP(${logOdds})`;
  const probabilityAlive = [
    "CASE",
    `WHEN NOT (${valid}) THEN NULL`,
    ...(shift === 0 ? [`WHEN ${x} = 0 THEN ${literal(1)}`] : []),
    `WHEN ${logOdds} > 709 THEN ${literal(0)}`,
    `ELSE ${literal(1)} / (${literal(1)} + ${odds})`,
    "END",
  ].join(" ");
  return { probabilityAlive };
}
