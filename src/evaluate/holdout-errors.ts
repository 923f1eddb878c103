import { readOptions } from "../input/read-options.js";
import { wholeNumberOption } from "../schemas/options.js";
import {
  type BtydModel,
  type CheckedCustomers,
  type CustomerColumns,
  checkHoldoutLength,
  modelFunctions,
  readCustomers,
} from "./btyd-model.js";
import { frequencyLabel } from "./frequency-label.js";
import { weightedCorrelation } from "./weighted-correlation.js";

/** Prediction errors of holdout purchases over a set of customers. */
export interface ErrorSummary {
  /** Customers (sum of weights). */
  readonly customers: number;
  /** Mean |expected − actual| per customer. */
  readonly meanAbsoluteError: number;
  /** √(mean (expected − actual)²). */
  readonly rootMeanSquaredError: number;
  /** Mean (expected − actual): > 0 when the model over-predicts. */
  readonly bias: number;
  /** Pearson correlation of expected and actual (NaN when either is constant). */
  readonly correlation: number;
  /** Σ actual holdout purchases. */
  readonly actualTotal: number;
  /** Σ expected holdout purchases. */
  readonly expectedTotal: number;
  /** (expectedTotal − actualTotal) / actualTotal: the aggregate error (NaN when nothing was bought). */
  readonly totalError: number;
}

/** {@link ErrorSummary} of one calibration-frequency group. */
export interface FrequencyErrorSummary extends ErrorSummary {
  /** "0", "1", …, "7+". */
  readonly label: string;
  readonly frequency: number;
}

/** The result of {@link holdoutErrors}. */
export interface HoldoutErrors extends ErrorSummary {
  /** The same, per calibration frequency (empty groups left out). */
  readonly byFrequency: readonly FrequencyErrorSummary[];
}

/** Error summary over the rows for which `include(index)` holds. @internal */
export function summarizeErrors(
  columns: CustomerColumns,
  expected: Float64Array,
  include: (index: number) => boolean = () => true,
): ErrorSummary {
  const actual = columns.holdoutFrequency as Float64Array;
  let weight = 0;
  let absolute = 0;
  let squared = 0;
  let signed = 0;
  let sumActual = 0;
  let sumExpected = 0;
  for (let index = 0; index < columns.count; index++) {
    if (!include(index)) continue;
    const w = columns.weight[index] as number;
    const e = expected[index] as number;
    const a = actual[index] as number;
    weight += w;
    absolute += w * Math.abs(e - a);
    squared += w * (e - a) ** 2;
    signed += w * (e - a);
    sumActual += w * a;
    sumExpected += w * e;
  }
  return {
    customers: weight,
    meanAbsoluteError: absolute / weight,
    rootMeanSquaredError: Math.sqrt(squared / weight),
    bias: signed / weight,
    correlation: weightedCorrelation(actual, expected, columns.weight, include),
    actualTotal: sumActual,
    expectedTotal: sumExpected,
    totalError: sumActual > 0 ? (sumExpected - sumActual) / sumActual : Number.NaN,
  };
}

/**
 * How well a fitted model predicts each customer's holdout purchases: mean absolute error, root mean squared error,
 * bias, correlation and the aggregate error of the total, overall and per calibration frequency (censored at
 * `maxFrequency`). The prediction is the conditional expectation over the holdout from the calibration history.
 * With weights, each row's `holdoutFrequency` is the mean of the customers it stands for, so errors are those of
 * the row means.
 *
 * @example
 * ```ts
 * evaluate.holdoutErrors({ model: "bgnbd", params: bgnbdFit.params }, cdnowSummaries, { holdoutLength: 39 }).actualTotal // 1882
 * ```
 */
export function holdoutErrors(
  model: BtydModel,
  customers: CheckedCustomers,
  options: { readonly holdoutLength: number; readonly maxFrequency?: number },
): HoldoutErrors {
  options = readOptions<NonNullable<typeof options>>(
    "holdout errors",
    options,
    { holdoutLength: true, maxFrequency: true },
    { optional: false },
  );
  const subject = "holdout errors";
  const functions = modelFunctions(model, subject);
  const holdoutLength = checkHoldoutLength(options?.holdoutLength, functions.discrete, subject);
  const maxFrequency = wholeNumberOption(subject, options.maxFrequency, "maxFrequency", 7, 1, 10_000);
  const columns = readCustomers(customers, functions.discrete, subject, true);
  const expected = functions.conditionalExpected(holdoutLength, columns);
  const present = new Set<number>();
  for (let index = 0; index < columns.count; index++) {
    present.add(Math.min(columns.frequency[index] as number, maxFrequency));
  }
  const byFrequency = [...present]
    .sort((left, right) => left - right)
    .map((group) => ({
      label: frequencyLabel(group, maxFrequency),
      frequency: group,
      ...summarizeErrors(
        columns,
        expected,
        (index) => Math.min(columns.frequency[index] as number, maxFrequency) === group,
      ),
    }));
  return { ...summarizeErrors(columns, expected), byFrequency };
}
