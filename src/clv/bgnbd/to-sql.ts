import type { ExpectationFactorOptions, ExpectationFactors, FrequencyAgeInput } from "../sql/expectation-factors.js";
import {
  bgnbdExpectationFactors,
  type ModelSql,
  type ModelSqlOptions,
  probabilityAliveSql,
} from "../sql/probability-alive-sql.js";
import type { BgnbdParams } from "./log-likelihood.js";

/**
 * BG/NBD P(alive) as one SQL expression, for a warehouse to score its customers where they are (Fader, Hardie & Lee
 * 2005 eq. 11): 1 for a customer without repeat purchases, else 1 / (1 + a/(b + x − 1) ((α+T)/(α+t_x))^(r+x)), with
 * the library's own arithmetic, so the engine's double-precision result matches `bgnbd.probabilityAliveBatch` to
 * rounding (1e-12 relative, tested in DuckDB and Postgres). A row that is not a summary (NULL, x < 0, t_x > T, …)
 * gives NULL. With `expectationFactor` (the factor column of {@link expectationFactors}, joined on frequency and T),
 * also the conditional expected purchases (eq. 10) as P(alive) × factor, which matches
 * `bgnbd.conditionalExpectedPurchasesBatch` to rounding.
 *
 * @param params - `{ r, alpha, a, b }`, e.g. a fit's `params` (a fit with covariates is not written).
 * @param options - `dialect` ("duckdb", "postgres", "bigquery", "snowflake", "spark"), the `columns` holding x,
 * t_x and T (default `frequency`, `recency`, `T`) and optionally the `expectationFactor` column.
 * @returns `{ probabilityAlive, conditionalExpectedPurchases? }`: SQL to put in a SELECT, e.g.
 * `SELECT id, <probabilityAlive> AS p_alive FROM rfm`.
 * @throws InvalidInputError for bad parameters, an unknown dialect or SQL with ";" or a comment.
 *
 * @example
 * ```ts
 * bgnbd.toSql({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { dialect: "duckdb" }).probabilityAlive.startsWith("CASE") // true
 * ```
 */
export function toSql(params: BgnbdParams, options: ModelSqlOptions): ModelSql {
  return probabilityAliveSql(params, 0, options, "BG/NBD parameters");
}

/**
 * The BG/NBD's conditional-expectation factor table for {@link toSql}: for each distinct (frequency, T) of the
 * customers, E[Y(t) | x, T, alive] = (a + b + x − 1)/(a − 1) × [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1;
 * t/(α+T+t))] (FHL 2005 eq. 10 without its P(alive) denominator; a series for a ≤ 1). The table has one row per
 * pair (46,202 for a million customers of a day clock), made from `SELECT DISTINCT frequency, T` and loaded back.
 *
 * @param params - `{ r, alpha, a, b }` (without covariates).
 * @param pairs - Rows or columns of `{ frequency, T }`; repeated pairs give one row.
 * @param options - `horizon`: t, in the summaries' time units.
 * @returns Columns `frequency`, `T`, `factor`.
 * @throws InvalidInputError for bad parameters or horizon, or a row that is not a (frequency, T) pair (naming it).
 *
 * @example
 * ```ts
 * bgnbd.expectationFactors(params, { frequency: [2, 2, 0], T: [38.86, 38.86, 38.86] }, { horizon: 39 }).factor // Float64Array(2)
 * ```
 */
export function expectationFactors(
  params: BgnbdParams,
  pairs: FrequencyAgeInput,
  options: ExpectationFactorOptions,
): ExpectationFactors {
  return bgnbdExpectationFactors(params, 0, pairs, options, "BG/NBD");
}
