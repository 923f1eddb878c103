import type { ExpectationFactorOptions, ExpectationFactors, FrequencyAgeInput } from "../sql/expectation-factors.js";
import {
  bgnbdExpectationFactors,
  type ModelSql,
  type ModelSqlOptions,
  probabilityAliveSql,
} from "../sql/probability-alive-sql.js";
import type { MbgnbdParams } from "./log-likelihood.js";

/**
 * MBG/NBD P(alive) as one SQL expression (Batislam, Denizel & Filiztekin 2007 eq. 11): 1 / (1 + a/(b + x)
 * ((α+T)/(α+t_x))^(r+x)), with the library's own arithmetic (1e-12 relative against `mbgnbd.probabilityAliveBatch`,
 * tested in DuckDB and Postgres); NULL for a row that is not a summary. With `expectationFactor` (from
 * {@link expectationFactors}) also the conditional expected purchases. See `bgnbd.toSql` for the options.
 *
 * @param params - `{ r, alpha, a, b }`.
 * @param options - `dialect`, the `columns` holding x, t_x and T, optionally the `expectationFactor` column.
 * @returns `{ probabilityAlive, conditionalExpectedPurchases? }`.
 * @throws InvalidInputError for bad parameters, an unknown dialect or SQL with ";" or a comment.
 *
 * @example
 * ```ts
 * mbgnbd.toSql({ r: 0.525, alpha: 6.18, a: 0.891, b: 1.614 }, { dialect: "postgres" }).probabilityAlive.includes("DOUBLE PRECISION") // true
 * ```
 */
export function toSql(params: MbgnbdParams, options: ModelSqlOptions): ModelSql {
  return probabilityAliveSql(params, 1, options, "MBG/NBD parameters");
}

/**
 * The MBG/NBD's conditional-expectation factor table for {@link toSql}: E[Y(t) | x, T, alive] for each distinct
 * (frequency, T), the BG/NBD's with b + 1 for b (the posterior dropout Beta(a, b + x + 1)). See
 * `bgnbd.expectationFactors`.
 *
 * @param params - `{ r, alpha, a, b }` (without covariates).
 * @param pairs - Rows or columns of `{ frequency, T }`.
 * @param options - `horizon`: t, in the summaries' time units.
 * @returns Columns `frequency`, `T`, `factor`.
 * @throws InvalidInputError for bad parameters or horizon, or a row that is not a (frequency, T) pair.
 *
 * @example
 * ```ts
 * mbgnbd.expectationFactors(params, [{ frequency: 0, T: 52 }], { horizon: 52 }).factor // Float64Array(1)
 * ```
 */
export function expectationFactors(
  params: MbgnbdParams,
  pairs: FrequencyAgeInput,
  options: ExpectationFactorOptions,
): ExpectationFactors {
  return bgnbdExpectationFactors(params, 1, pairs, options, "MBG/NBD");
}
