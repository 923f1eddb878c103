import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { numberField } from "../../input/columns.js";
import { type RowRejections, rejectRow } from "../../schemas/row-rejections.js";
import { MAX_WEIGHT } from "../../schemas/summary-columns.js";
import { memoiseCohorts } from "../memoise-cohorts.js";

/** The most opportunities a history may have: the likelihood sums up to one term per opportunity (40 ms at the most). */
const MAX_OPPORTUNITIES = 10_000_000;

/** A discrete-time customer summary: transactions in `frequency` of the `periods` opportunities after the first. */
export interface DiscreteSummaryRow {
  /** Periods with a transaction (x). */
  readonly frequency: number;
  /** The last period with a transaction (t_x; 0 if none). */
  readonly recency: number;
  /** Transaction opportunities observed (n). */
  readonly periods: number;
  /** Customers sharing this pattern. */
  readonly weight?: number;
}

/** Discrete-time summaries as columns. */
export interface DiscreteSummaryColumnsInput {
  readonly frequency: ArrayLike<number>;
  readonly recency: ArrayLike<number>;
  readonly periods: ArrayLike<number>;
  readonly weight?: ArrayLike<number>;
}

/** Rows or columns of discrete-time summaries. */
export type DiscreteSummaryInput = readonly DiscreteSummaryRow[] | DiscreteSummaryColumnsInput;

/** Validated discrete-time columns. @internal */
export interface DiscreteSummaryColumns {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly periods: Float64Array;
  readonly weight: Float64Array;
}

/**
 * Validates discrete-time summaries: whole numbers with 0 ≤ x ≤ t_x ≤ n, n ≥ 1, t_x = 0 iff x = 0, weight > 0.
 * With `rejections` (a batch), a bad row is recorded there instead of thrown. @internal
 */
export function toDiscreteColumns(input: DiscreteSummaryInput, rejections?: RowRejections): DiscreteSummaryColumns {
  const columns = readDiscreteColumns(input);
  const length = columns.frequency.length;
  const read = (field: keyof DiscreteSummaryRow, index: number): number => columns[field][index] as number;
  const out = {
    frequency: new Float64Array(length),
    recency: new Float64Array(length),
    periods: new Float64Array(length),
    weight: new Float64Array(length),
  };
  for (let index = 0; index < length; index++) {
    const x = read("frequency", index);
    const tx = read("recency", index);
    const n = read("periods", index);
    const w = read("weight", index);
    // One combined test per row; the issues are worked out only for a row that fails it.
    if (
      whole(x) &&
      whole(tx) &&
      whole(n) &&
      n >= 1 &&
      n <= MAX_OPPORTUNITIES &&
      w > 0 &&
      w <= MAX_WEIGHT &&
      x <= tx &&
      tx <= n &&
      (x === 0) === (tx === 0)
    ) {
      out.frequency[index] = x;
      out.recency[index] = tx;
      out.periods[index] = n;
      out.weight[index] = w;
      continue;
    }
    const issues = [];
    if (!whole(x))
      issues.push({ code: "custom", path: ["frequency"], message: `must be a whole number ≥ 0, got ${shown(x)}` });
    if (!whole(tx))
      issues.push({ code: "custom", path: ["recency"], message: `must be a whole number ≥ 0, got ${shown(tx)}` });
    if (!(whole(n) && n >= 1 && n <= MAX_OPPORTUNITIES))
      issues.push({
        code: "custom",
        path: ["periods"],
        message: `must be a whole number from 1 to 10,000,000 (opportunities), got ${shown(n)}`,
      });
    if (!(w > 0 && w <= MAX_WEIGHT))
      issues.push({ code: "custom", path: ["weight"], message: `must be a number above 0 to 1e12, got ${shown(w)}` });
    if (issues.length === 0) {
      if (x > tx) issues.push({ code: "custom", path: ["frequency"], message: `must not exceed recency (${tx})` });
      if (tx > n) issues.push({ code: "custom", path: ["recency"], message: `must not exceed periods (${n})` });
      if ((x === 0) !== (tx === 0))
        issues.push({ code: "custom", path: ["recency"], message: "must be 0 exactly when frequency is 0" });
    }
    if (issues.length > 0) {
      const error = new InvalidInputError("discrete customer summary", issues, index);
      if (rejections === undefined) throw error;
      rejectRow(rejections, length, index, () => {
        throw error;
      });
    }
  }
  return out;
}

/** The four columns of discrete summaries (rows, columns or an Arrow table), of one length; weight 1 where absent. */
function readDiscreteColumns(input: DiscreteSummaryInput): DiscreteSummaryColumns {
  const subject = "discrete customer summary";
  const fail = (path: string, message: string): never => {
    throw new InvalidInputError(subject, [{ code: "invalid_type", path: [path], message }]);
  };
  if (input === null || typeof input !== "object") fail("", "must be an array of rows or an object of columns");
  const field = (name: string) => numberField(subject, input, name) ?? fail(name, "is a required column");
  const frequency = field("frequency");
  const length = frequency.length;
  const recency = field("recency");
  const periods = field("periods");
  const weight = numberField(subject, input, "weight", 1) ?? new Float64Array(length).fill(1);
  for (const [name, column] of [
    ["recency", recency],
    ["periods", periods],
    ["weight", weight],
  ] as const)
    if (column.length !== length) fail(name, `has ${column.length} values but frequency has ${length}`);
  return { frequency, recency, periods, weight };
}

function whole(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

/**
 * A function of a discrete history (x, t_x, n) computed once per history: histories repeat (n opportunities allow
 * (n + 1)(n + 2)/2 of them), so a million customers of a cohort are a few dozen computations. The cohort memo,
 * keyed by n and then x(n + 1) + t_x. @internal
 */
export function memoisePatterns(
  compute: (x: number, tx: number, n: number) => number,
): (x: number, tx: number, n: number) => number {
  const memo = memoiseCohorts(1, (key, n) => compute(Math.floor(key / (n + 1)), key % (n + 1), n));
  return (x, tx, n) => memo(x * (n + 1) + tx, n, 0);
}
