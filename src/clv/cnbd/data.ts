import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { numberField } from "../../input/columns.js";
import {
  type SummaryColumns,
  type SummaryColumnsInput,
  type SummaryRow,
  toSummaryColumns,
} from "../../schemas/summary-columns.js";

/** (M)BG/CNBD-k parameters (Reutterer, Platzer & Schröder 2020): Erlang-k purchase timing, λ ~ Gamma(r, α), p ~ Beta(a, b). */
export interface CnbdParams {
  /** Regularity: inter-purchase times are Erlang-k (k = 1: exponential, as in the BG/NBD). A whole number ≥ 1. */
  readonly k: number;
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** A customer summary with BTYDplus's `litt`, needed by the likelihood when k > 1. */
export interface CnbdSummaryRow extends SummaryRow {
  /** Σ ln(inter-purchase time) of the repeat purchases, in the time unit (`summarizeTransactions` returns it). */
  readonly sumLogInterPurchaseTimes?: number;
}

/** Columns with the optional `sumLogInterPurchaseTimes`. */
export interface CnbdSummaryColumnsInput extends SummaryColumnsInput {
  readonly sumLogInterPurchaseTimes?: ArrayLike<number>;
}

/** Rows or columns of (M)BG/CNBD-k summaries. */
export type CnbdSummaryInput = readonly CnbdSummaryRow[] | CnbdSummaryColumnsInput;

/** Validated columns plus litt (NaN where not given). @internal */
export interface CnbdColumns extends SummaryColumns {
  readonly sumLogInterPurchaseTimes: Float64Array;
}

/** Validates summaries; `requireLitt` demands a finite litt for every customer with x > 0. @internal */
export function toCnbdColumns(input: CnbdSummaryInput, requireLitt: boolean): CnbdColumns {
  const base = toSummaryColumns(input, "customer summary");
  const length = base.frequency.length;
  // A copy: entries a customer without repeat purchases may leave out are set to 0 below.
  const given = numberField("customer summary", input, "sumLogInterPurchaseTimes");
  const litt = given === undefined ? new Float64Array(length).fill(Number.NaN) : Float64Array.from(given);
  if (litt.length !== length)
    throw new InvalidInputError("customer summary", [
      {
        code: "custom",
        path: ["sumLogInterPurchaseTimes"],
        message: `has ${litt.length} values but frequency has ${length}`,
      },
    ]);
  checkLittBound(base, litt);
  if (requireLitt) {
    for (let index = 0; index < length; index++) {
      const value = litt[index] as number;
      if ((base.frequency[index] as number) === 0 && Number.isNaN(value)) litt[index] = 0;
      else if (!Number.isFinite(value)) {
        throw new InvalidInputError(
          "customer summary",
          [
            {
              code: "custom",
              path: ["sumLogInterPurchaseTimes"],
              message: `is required for k > 1 (from summarizeTransactions), got ${shown(value)}`,
            },
          ],
          index,
        );
      }
    }
  }
  return { ...base, sumLogInterPurchaseTimes: litt };
}

/**
 * Σ ln(inter-purchase time) of x repeat purchases whose times add up to t_x is at most x ln(t_x / x) (the logs' mean
 * is at most the log of the mean): a larger value cannot come from a purchase history, and would make the
 * likelihood exceed 1 (a fit on it "converges" to nonsense). A typed error naming the row.
 */
function checkLittBound(base: SummaryColumns, litt: Float64Array): void {
  for (let index = 0; index < litt.length; index++) {
    const value = litt[index] as number;
    const x = base.frequency[index] as number;
    if (!(x > 0) || !Number.isFinite(value)) continue;
    const bound = x * Math.log((base.recency[index] as number) / x);
    if (value > bound + 1e-9 * Math.max(1, Math.abs(bound)))
      throw new InvalidInputError(
        "customer summary",
        [
          {
            code: "custom",
            path: ["sumLogInterPurchaseTimes"],
            message: `${shown(value)} is more than x·ln(recency / x) = ${shown(bound)}: no ${x} inter-purchase times adding up to ${shown(base.recency[index])} have that sum of logs`,
          },
        ],
        index,
      );
  }
}

export const PARAMETER_NAMES = ["r", "alpha", "a", "b"] as const;

/** Checks k: a whole number from 1 to 100. @internal */
export function checkK(k: unknown): number {
  if (!(typeof k === "number" && Number.isInteger(k) && k >= 1 && k <= 100)) {
    throw new InvalidInputError("(M)BG/CNBD-k parameters", [
      { code: "custom", path: ["k"], message: `must be a whole number from 1 to 100, got ${shown(k)}` },
    ]);
  }
  return k;
}
