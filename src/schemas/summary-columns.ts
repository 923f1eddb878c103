import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { type ArrowLikeTable, type ColumnInput, columnRecord, numberField } from "../input/columns.js";
import { guardRead, readRecord } from "../input/read-options.js";
import { type RowRejections, rejectRow } from "./row-rejections.js";

/** Continuous-time customer summaries as columns: x, t_x, T and optional weights (customers per pattern). */
export interface SummaryColumns {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  /** Customers with this pattern; all 1 when not given. */
  readonly weight: Float64Array;
}

/** A continuous-time customer summary row, as models accept it. */
export interface SummaryRow {
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
  readonly weight?: number;
  /** Time-invariant covariates by name, for models fitted with covariates (e.g. `{ Gender: 1, Channel: 0 }`). */
  readonly covariates?: Readonly<Record<string, number>>;
}

/** Summaries as columns of numbers or typed arrays (struct of arrays). */
export interface SummaryColumnsInput {
  readonly frequency: ColumnInput<number | bigint>;
  readonly recency: ColumnInput<number>;
  readonly T: ColumnInput<number>;
  readonly weight?: ColumnInput<number | bigint>;
  /** Covariate columns by name, for models fitted with covariates. */
  readonly covariates?: Readonly<Record<string, ArrayLike<number>>>;
}

/** Rows or columns (an object of columns or an Arrow table) of continuous-time customer summaries. */
export type SummaryInput = readonly SummaryRow[] | SummaryColumnsInput | ArrowLikeTable;

function bad(subject: string, field: string, message: string, rowIndex: number): never {
  throw new InvalidInputError(subject, [{ code: "custom", path: [field], message }], rowIndex);
}

function column(
  input: SummaryInput,
  field: "frequency" | "recency" | "T" | "weight",
  subject: string,
): Float64Array | undefined {
  return numberField(subject, input, field, field === "weight" ? 1 : Number.NaN);
}

/**
 * Validates continuous-time customer summaries (rows or columns) and returns them as Float64Array columns.
 * A fast loop, not zod, so that millions of customers validate in milliseconds; the rules are those of
 * `customerSummarySchema`: frequency a whole number ≥ 0, 0 ≤ recency ≤ T, T ≥ 0 (a customer whose first purchase is
 * on the last day of the calibration period has T = 0: no information for a fit, a new customer for predictions),
 * recency 0 when frequency is 0, weight > 0.
 *
 * @param rejections - For a batch: bad rows are recorded here (error and mask) instead of thrown; their values in
 *   the returned columns are left as given.
 * @throws InvalidInputError naming the first bad row and field (without `rejections`), or for input that is not
 *   rows or columns of equal length.
 *
 * @example
 * ```ts
 * toSummaryColumns([{ frequency: 2, recency: 30.4, T: 38.9 }], "customer summary").T[0] // 38.9
 * ```
 */
export function toSummaryColumns(
  input: SummaryInput,
  subject = "customer summary",
  rejections?: RowRejections,
): SummaryColumns {
  const { frequency, recency, T, weight } = readSummaryColumns(input, subject);
  const length = frequency.length;
  for (let index = 0; index < length; index++) {
    const x = frequency[index] as number;
    const tx = recency[index] as number;
    const t = T[index] as number;
    const w = weight === undefined ? 1 : (weight[index] as number);
    if (isValidSummary(x, tx, t, w)) continue;
    // No closure here: one capturing x, t_x, T would make V8 allocate a context for every row, good or bad.
    if (rejections === undefined) reportBadSummary(subject, x, tx, t, w, index);
    else rejectSummary(rejections, length, subject, x, tx, t, w, index);
  }
  return { frequency, recency, T, weight: weight ?? new Float64Array(length).fill(1) };
}

/**
 * The columns of summaries (rows or columns) as Float64Arrays of one length, without checking the rows: for a batch
 * that checks each row in its own loop with {@link isValidSummary} (one pass over the data instead of two).
 * @throws InvalidInputError for input that is not rows or columns of equal length. @internal
 */
export function readSummaryColumns(
  input: SummaryInput,
  subject: string,
): { frequency: Float64Array; recency: Float64Array; T: Float64Array; weight: Float64Array | undefined } {
  if (input === null || typeof input !== "object") {
    throw new InvalidInputError(subject, [
      { code: "invalid_type", path: [], message: "must be an array of rows or an object of columns" },
    ]);
  }
  const frequency = column(input, "frequency", subject) as Float64Array;
  const recency = column(input, "recency", subject) as Float64Array;
  const T = column(input, "T", subject) as Float64Array;
  if (frequency === undefined || recency === undefined || T === undefined) {
    throw new InvalidInputError(subject, [
      { code: "invalid_type", path: [], message: "needs frequency, recency and T columns" },
    ]);
  }
  const length = frequency.length;
  const weight = column(input, "weight", subject);
  for (const [name, values] of [
    ["recency", recency],
    ["T", T],
    ["weight", weight],
  ] as const) {
    if (values !== undefined && values.length !== length) {
      throw new InvalidInputError(subject, [
        { code: "custom", path: [name], message: `has ${values.length} values but frequency has ${length}` },
      ]);
    }
  }
  if (!Array.isArray(input)) checkOtherColumns(input, subject, length);
  return { frequency, recency, T, weight };
}

/** The summary's other columns, read by some models and not others: each given must be as long as frequency. */
const OTHER_COLUMNS = ["customerId", "monetaryValue", "sumLogInterPurchaseTimes"] as const;

/** A batch never reads past a short column or leaves a long one's tail unread: every column has one length. */
function checkOtherColumns(input: object, subject: string, length: number): void {
  const record = guardRead(subject, [], () => columnRecord(input));
  for (const name of OTHER_COLUMNS) {
    const values = guardRead(subject, [name], () => record[name]) as { length?: unknown } | undefined;
    if (values === undefined || values === null || typeof values !== "object") continue;
    if (typeof values.length === "number" && values.length !== length)
      throw new InvalidInputError(subject, [
        { code: "custom", path: [name], message: `has ${values.length} values but frequency has ${length}` },
      ]);
  }
}

/** The most repeat purchases and the longest T a summary may have (the models' valid box of histories). */
export const MAX_FREQUENCY = 10_000_000;
const MAX_T = 1e9;
/** The most customers one summary row may stand for (a weighted sum of 1e308 overflowed the likelihood). */
export const MAX_WEIGHT = 1e12;

/**
 * Whether a summary row is valid: frequency a whole number from 0 to 10,000,000, 0 ≤ recency ≤ T ≤ 1e9, recency 0 when frequency is 0,
 * weight > 0 and finite. One combined test (NaN fails every comparison), so that a loop that checks runs at the
 * speed of reading the columns; the message is built only for a row that fails ({@link rejectSummary}). @internal
 */
export function isValidSummary(x: number, tx: number, t: number, w: number): boolean {
  // Split on x = 0 first (most customers of a typical base), which needs only tx = 0 ≤ T: a quarter of the
  // comparisons, and the cost of checking a row falls to about that of reading it.
  return (
    (x === 0
      ? tx === 0 && t >= 0 && t <= MAX_T
      : x > 0 && x === Math.floor(x) && x <= MAX_FREQUENCY && tx >= 0 && tx <= t && t <= MAX_T) &&
    w > 0 &&
    w <= MAX_WEIGHT
  );
}

/** Records a bad summary row in a batch's rejections, with the error a single-row call would throw. @internal */
export function rejectSummary(
  rejections: RowRejections,
  length: number,
  subject: string,
  x: number,
  tx: number,
  t: number,
  w: number,
  index: number,
): void {
  rejectRow(rejections, length, index, () => reportBadSummary(subject, x, tx, t, w, index));
}

/** Throws the InvalidInputError that names the first failed rule of a summary row. */
function reportBadSummary(subject: string, x: number, tx: number, t: number, w: number, index: number): never {
  if (!(Number.isInteger(x) && x >= 0 && x <= MAX_FREQUENCY))
    bad(subject, "frequency", `must be a whole number from 0 to 10,000,000, got ${shown(x)}`, index);
  if (!(t >= 0 && t <= MAX_T)) bad(subject, "T", `must be a number from 0 to 1e9 (time units), got ${shown(t)}`, index);
  if (!(Number.isFinite(tx) && tx >= 0 && tx <= t))
    bad(subject, "recency", `must be between 0 and T (${t}), got ${shown(tx)}`, index);
  if (x === 0 && tx !== 0) bad(subject, "recency", `must be 0 when frequency is 0, got ${shown(tx)}`, index);
  return bad(subject, "weight", `must be a number above 0 to 1e12 (customers), got ${shown(w)}`, index);
}

/**
 * The valid box of every model parameter: where the kernels keep their accuracy (1e-10 relative in the tests) and
 * their probabilities in [0, 1]. A maximum-likelihood fit searches e^±18 (1.5e-8 … 6.6e7), inside it. Outside it
 * (a shape of 1e15, Number.MAX_VALUE) a typed error, where P(alive) was NaN or above 1.
 */
const MIN_PARAMETER = 1e-10;
const MAX_PARAMETER = 1e10;

/**
 * Checks that every named model parameter is a number in the valid box [1e-10, 1e10], and returns a plain copy of the record (each
 * entry read once) for the caller to compute with.
 *
 * @throws InvalidInputError naming each bad parameter.
 *
 * @example
 * ```ts
 * checkPositiveParameters({ r: 0.24, alpha: 4.4 }, ["r", "alpha"], "BG/NBD parameters") // no error
 * ```
 */
export function checkPositiveParameters<Params extends object>(
  params: Params,
  names: readonly (keyof Params & string)[],
  subject: string,
): Params {
  if (params === null || typeof params !== "object") {
    throw new InvalidInputError(subject, [
      { code: "invalid_type", path: [], message: `must be an object with ${names.join(", ")}` },
    ]);
  }
  // A plain copy, each entry read once: what the caller computes with is what was checked.
  const copy = readRecord<Params>(subject, params, { path: [] });
  const issues = names.flatMap((name) => {
    const value = copy[name] as unknown;
    return typeof value === "number" && value >= MIN_PARAMETER && value <= MAX_PARAMETER
      ? []
      : [
          {
            code: "custom",
            path: [name],
            message: `must be a number from 1e-10 to 1e10 (the box where the models are accurate; a fit searches e^±18 inside it), got ${shown(value)}`,
          },
        ];
  });
  if (issues.length > 0) throw new InvalidInputError(subject, issues);
  return copy;
}

/**
 * Checks a discount rate per period: a number from 1e-12 to 1000 (below, a discounted sum of a lifetime overflows:
 * DERT at 5e-324 was Infinity; 1000 is 100,000% a period).
 */
export function checkDiscountRate(value: number, name: string): number {
  if (!(typeof value === "number" && value >= 1e-12 && value <= 1000)) {
    throw new InvalidInputError("discount rate", [
      { code: "custom", path: [name], message: `must be a number from 1e-12 to 1000, got ${shown(value)}` },
    ]);
  }
  return value;
}

/** Checks a prediction horizon or time: a number from 0 to 1e9 time units (the models' box of horizons). */
export function checkHorizon(value: number, name: string, subject: string): number {
  if (!(typeof value === "number" && value >= 0 && value <= MAX_T)) {
    throw new InvalidInputError(subject, [
      { code: "custom", path: [name], message: `must be a number from 0 to 1e9 (time units), got ${shown(value)}` },
    ]);
  }
  return value;
}

/** Checks a count (customers to simulate, periods, …): a whole number ≥ 0. @internal */
export function checkCount(value: number, name: string, subject: string, max = MAX_FREQUENCY): number {
  if (!(Number.isInteger(value) && value >= 0 && value <= max)) {
    throw new InvalidInputError(subject, [
      {
        code: "custom",
        path: [name],
        message: `must be a whole number from 0 to ${max.toLocaleString("en-US")}, got ${shown(value)}`,
      },
    ]);
  }
  return value;
}

/** The most customers one simulation call draws (about a second of work; more in several calls, other seeds). */
export const MAX_SIMULATED = 1_000_000;

/**
 * The time unit summaries say they are in (`timeUnit` of `summarizeTransactions`' columns, or of every row), or
 * undefined when they do not say; rows in two units are an error. @internal
 */
export function summaryTimeUnit(subject: string, input: unknown): string | undefined {
  return guardRead(subject, ["timeUnit"], () => {
    if (input === null || typeof input !== "object") return undefined;
    if (!Array.isArray(input)) {
      const unit = (input as { timeUnit?: unknown }).timeUnit;
      return typeof unit === "string" ? unit : undefined;
    }
    let unit: string | undefined;
    for (let index = 0; index < input.length; index++) {
      const row = input[index] as { timeUnit?: unknown } | null;
      const own = row !== null && typeof row === "object" ? row.timeUnit : undefined;
      if (typeof own !== "string") continue;
      if (unit !== undefined && own !== unit)
        throw new InvalidInputError(
          subject,
          [{ code: "custom", path: ["timeUnit"], message: `mixes summaries in ${unit}s and in ${own}s` }],
          index,
        );
      unit = own;
    }
    return unit;
  });
}
