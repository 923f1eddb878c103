import { type ModelSql, probabilityAliveSql, type SqlOptions } from "../sql/probability-alive-sql.js";
import type { MbgnbdParams } from "./log-likelihood.js";

/**
 * MBG/NBD P(alive) as one SQL expression (Batislam, Denizel & Filiztekin 2007 eq. 11): 1 / (1 + a/(b + x)
 * ((α+T)/(α+t_x))^(r+x)), with the library's own arithmetic (1e-12 relative against `mbgnbd.probabilityAliveBatch`,
 * tested in DuckDB); NULL for a row that is not a summary. See `bgnbd.toSql` for the options.
 *
 * @param params - `{ r, alpha, a, b }`.
 * @param options - `dialect` and the `columns` holding x, t_x and T.
 * @returns `{ probabilityAlive }`.
 * @throws InvalidInputError for bad parameters, an unknown dialect or column SQL with ";" or a comment.
 *
 * @example
 * ```ts
 * mbgnbd.toSql({ r: 0.525, alpha: 6.18, a: 0.891, b: 1.614 }, { dialect: "postgres" }).probabilityAlive.includes("DOUBLE PRECISION") // true
 * ```
 */
export function toSql(params: MbgnbdParams, options: SqlOptions): ModelSql {
  return probabilityAliveSql(params, 1, options, "MBG/NBD parameters");
}
