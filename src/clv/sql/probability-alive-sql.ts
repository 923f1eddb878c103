import { InvalidInputError } from "../../errors.js";
import type { OptionNames } from "../../input/read-options.js";
import { checkPositiveParameters } from "../../schemas/summary-columns.js";
import { aliveExpectationTables } from "../bgnbd/alive-expectation-tables.js";
import type { BgnbdParams } from "../bgnbd/log-likelihood.js";
import {
  type ExpectationFactorOptions,
  type ExpectationFactors,
  expectationFactorsOf,
  type FrequencyAgeInput,
} from "./expectation-factors.js";
import { readSqlOptions, type SqlOptions, sqlFragment } from "./sql-options.js";

/** Options of `bgnbd.toSql` and `mbgnbd.toSql`. */
export interface ModelSqlOptions extends SqlOptions {
  /**
   * The SQL of each customer's factor from the table of `<model>.expectationFactors` (e.g. `f.factor`, joined on
   * frequency and T): with it the result also has the conditional expected purchases, P(alive) × factor.
   */
  readonly expectationFactor?: string;
}

/** What the emitters write: SQL expressions to put in a SELECT over the customers' summaries. */
export interface ModelSql {
  /**
   * P(alive | x, t_x, T) as one SQL expression: NULL for a row that is not a summary (NULL, x < 0, t_x < 0, t_x > T,
   * or x = 0 with t_x ≠ 0), so a bad row gives NULL and never aborts the query.
   */
  readonly probabilityAlive: string;
  /** E[Y(t) | x, t_x, T] as P(alive) × the factor column, with the `expectationFactor` option (NULL as P(alive)). */
  readonly conditionalExpectedPurchases?: string;
}

const OPTION_NAMES: OptionNames<ModelSqlOptions> = { dialect: true, columns: true, expectationFactor: true };

/** The parameters of a model without covariates, checked. */
function checkedParams(params: BgnbdParams, subject: string): BgnbdParams {
  const checked = checkPositiveParameters(params, ["r", "alpha", "a", "b"], subject);
  if ("covariates" in params && params.covariates !== undefined)
    throw new InvalidInputError(subject, [
      {
        code: "custom",
        path: ["covariates"],
        message: "the SQL is the model without covariates: pass a fit without them",
      },
    ]);
  return checked;
}

/**
 * The BG/NBD-family factor table (shift 0 the BG/NBD, 1 the MBG/NBD): E[Y(t) | x, T, alive], the expectation of a
 * customer with the posterior λ ~ Gamma(r + x, α + T) and p ~ Beta(a, b + x + shift) (FHL 2005 eq. 10 over P(alive)),
 * by the batch's own series, so that P(alive) × factor in SQL is `conditionalExpectedPurchasesBatch` to rounding.
 * @internal
 */
export function bgnbdExpectationFactors(
  params: BgnbdParams,
  shift: 0 | 1,
  pairs: FrequencyAgeInput,
  options: ExpectationFactorOptions,
  label: string,
): ExpectationFactors {
  const { r, alpha, a, b } = checkedParams(params, `${label} parameters`);
  const factorOf = (t: number) => {
    if (t === 0) return () => 0;
    const expectation = aliveExpectationTables(r, a, b + shift);
    return (x: number, T: number) => expectation(x, t / (alpha + T));
  };
  return expectationFactorsOf(label, factorOf, pairs, options);
}

/**
 * P(alive) of the BG/NBD (shift 0, Fader, Hardie & Lee 2005 eq. 11) and the MBG/NBD (shift 1, Batislam et al. 2007
 * eq. 11) as SQL: 1 / (1 + a/(b + x − 1 + shift) · e^((r+x) ln((α+T)/(α+t_x)))), the library's own arithmetic (one
 * logarithm, one exponential), with the parameters as exact double literals and a log-odds past 709 (where e^z
 * overflows, an error in Postgres) giving 0 as the library's infinite odds do. @internal
 */
export function probabilityAliveSql(
  params: BgnbdParams,
  shift: 0 | 1,
  options: ModelSqlOptions,
  subject: string,
): ModelSql {
  const { r, alpha, a, b } = checkedParams(params, subject);
  const { read, sql } = readSqlOptions<ModelSqlOptions>("SQL options", options, OPTION_NAMES);
  const { x, tx, T, literal } = sql;
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
  if (read.expectationFactor === undefined) return { probabilityAlive };
  const factor = sql.double(sqlFragment("SQL options", ["expectationFactor"], read.expectationFactor));
  return { probabilityAlive, conditionalExpectedPurchases: `(${probabilityAlive}) * ${factor}` };
}
