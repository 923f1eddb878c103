import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { type OptionNames, readOptions } from "../../input/read-options.js";

/** The SQL dialects the emitters write. */
export type SqlDialect = "duckdb" | "postgres" | "bigquery" | "snowflake" | "spark";

/** The columns of the customers' summaries, as SQL. */
export interface SqlColumns {
  readonly frequency?: string;
  readonly recency?: string;
  readonly T?: string;
}

/** Options every SQL emitter takes. */
export interface SqlOptions {
  /** The engine the SQL is for: per-dialect float type names and identifier quotes (the rest is SQL they all read). */
  readonly dialect: SqlDialect;
  /**
   * The SQL for each customer's x, t_x and T: column names or expressions (default `frequency`, `recency`, `T`),
   * written into the query as given — they are SQL you write, not data.
   */
  readonly columns?: SqlColumns;
}

const DOUBLE: Readonly<Record<SqlDialect, string>> = {
  duckdb: "DOUBLE",
  postgres: "DOUBLE PRECISION",
  bigquery: "FLOAT64",
  snowflake: "DOUBLE",
  spark: "DOUBLE",
};

/** The checked dialect and summary columns, and the dialect's way of writing doubles and names. @internal */
export interface SqlWriter {
  readonly dialect: SqlDialect;
  /** x, t_x and T, each cast to the dialect's double. */
  readonly x: string;
  readonly tx: string;
  readonly T: string;
  /** A number as an exact double literal. */
  literal(value: number): string;
  /** SQL cast to the dialect's double. */
  double(sql: string): string;
  /** An output column name, quoted so that it keeps its case. */
  name(identifier: string): string;
}

const COLUMN_NAMES: OptionNames<SqlColumns> = { frequency: true, recency: true, T: true };

function bad(subject: string, path: (string | number)[], message: string): never {
  throw new InvalidInputError(subject, [{ code: "custom", path, message }]);
}

/** A piece of SQL the caller writes (a column, an expression, a table): text without a statement end or a comment. @internal */
export function sqlFragment(subject: string, path: (string | number)[], value: unknown): string {
  if (typeof value === "string" && value.trim().length > 0 && !/;|--|\/\*/.test(value)) return value;
  return bad(subject, path, `must be a column name, an expression or a table (no ";" or comment), got ${shown(value)}`);
}

/** The options of an emitter, checked (its own names, the dialect, the columns), and the writer of its dialect. @internal */
export function readSqlOptions<Options extends SqlOptions>(
  subject: string,
  options: Options,
  names: OptionNames<Options>,
): { read: Options; sql: SqlWriter } {
  const read = readOptions<Options>(subject, options, names, { optional: false });
  const dialect = read.dialect;
  if (typeof dialect !== "string" || !Object.hasOwn(DOUBLE, dialect))
    bad(subject, ["dialect"], `must be one of ${Object.keys(DOUBLE).join(", ")}, got ${shown(dialect)}`);
  const columns = readOptions<SqlColumns>(subject, read.columns, COLUMN_NAMES, { path: ["columns"] });
  const column = (name: keyof SqlColumns) => sqlFragment(subject, ["columns", name], columns[name] ?? name);
  const type = DOUBLE[dialect];
  const double = (sql: string) => `CAST((${sql}) AS ${type})`;
  const quote = dialect === "bigquery" || dialect === "spark" ? "`" : '"';
  return {
    read,
    sql: {
      dialect,
      x: double(column("frequency")),
      tx: double(column("recency")),
      T: double(column("T")),
      literal: (value) => `CAST('${String(value)}' AS ${type})`,
      double,
      name: (identifier) => `${quote}${identifier}${quote}`,
    },
  };
}
