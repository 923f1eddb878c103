import { type ModelSql, probabilityAliveSql, type SqlOptions } from "../sql/probability-alive-sql.js";
import type { BgnbdParams } from "./log-likelihood.js";

/**
 * BG/NBD P(alive) as one SQL expression, for a warehouse to score its customers where they are (Fader, Hardie & Lee
 * 2005 eq. 11): 1 for a customer without repeat purchases, else 1 / (1 + a/(b + x − 1) ((α+T)/(α+t_x))^(r+x)), with
 * the library's own arithmetic, so the engine's double-precision result matches `bgnbd.probabilityAliveBatch` to
 * rounding (1e-12 relative, tested in DuckDB). A row that is not a summary (NULL, x < 0, t_x > T, …) gives NULL.
 *
 * @param params - `{ r, alpha, a, b }`, e.g. a fit's `params` (a fit with covariates is not written).
 * @param options - `dialect` ("duckdb", "postgres", "bigquery", "snowflake", "spark") and the `columns` holding x,
 * t_x and T (default `frequency`, `recency`, `T`).
 * @returns `{ probabilityAlive }`: SQL to put in a SELECT, e.g. `SELECT id, <probabilityAlive> AS p_alive FROM rfm`.
 * @throws InvalidInputError for bad parameters, an unknown dialect or column SQL with ";" or a comment.
 *
 * @example
 * ```ts
 * bgnbd.toSql({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { dialect: "duckdb" }).probabilityAlive.startsWith("CASE") // true
 * ```
 */
export function toSql(params: BgnbdParams, options: SqlOptions): ModelSql {
  return probabilityAliveSql(params, 0, options, "BG/NBD parameters");
}
