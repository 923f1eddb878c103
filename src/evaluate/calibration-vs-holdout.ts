import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { readOptions } from "../input/read-options.js";
import { positiveNumberOption, wholeNumberOption } from "../schemas/options.js";
import {
  type BtydModel,
  type CheckedCustomers,
  checkHoldoutLength,
  modelFunctions,
  readCustomers,
} from "./btyd-model.js";
import { frequencyLabel } from "./frequency-label.js";

/** One group of {@link calibrationVsHoldout}: mean holdout purchases, actual and expected. */
export interface HoldoutGroup {
  /** "0", "1", …, "7+" by frequency; "[2, 3)" by recency. */
  readonly label: string;
  /** The group's calibration frequency (its lower end for the last, open group) or the lower end of its recency bin. */
  readonly value: number;
  /** Customers in the group (sum of weights). */
  readonly customers: number;
  /** Mean actual repeat purchases in the holdout. */
  readonly actual: number;
  /** Mean conditional expected purchases over the holdout (the model's prediction from calibration alone). */
  readonly expected: number;
}

/** Options of {@link calibrationVsHoldout}. */
export interface CalibrationVsHoldoutOptions {
  /** Length of the holdout period in the time unit of the fit (whole periods for the BG/BB). */
  readonly holdoutLength: number;
  /** Group customers by calibration "frequency" (default) or "recency". */
  readonly by?: "frequency" | "recency";
  /** Frequencies from this one up form one group ("7+"; default 7, as in BTYD's examples). */
  readonly maxFrequency?: number;
  /** Width of a recency bin in the time unit (default 1; BG/BB: 1 period). */
  readonly recencyBinWidth?: number;
}

/**
 * Calibration vs holdout: customers grouped by calibration frequency (censored at `maxFrequency`) or recency, and for
 * each group the mean repeat purchases actually made in the holdout beside the mean the model expected from the
 * calibration period alone (its conditional expectation over the holdout length). BTYD's
 * `*.PlotFreqVsConditionalExpectedFrequency` / `*.PlotRecVsConditionalExpectedFrequency`, lifetimes'
 * `plot_calibration_purchases_vs_holdout_purchases`. By frequency the numbers are BTYD's; by recency each bin is a
 * plain customer-weighted mean (BTYD first averages each distinct recency, then the averages in a bin). Empty groups
 * are left out.
 *
 * @param customers - Summaries with `holdoutFrequency` (as `summarizeTransactions` gives them with a holdout).
 * @throws InvalidInputError for an unknown model, bad parameters, customers or options.
 *
 * @example
 * ```ts
 * evaluate.calibrationVsHoldout({ model: "paretoNbd", params: { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 } }, cdnowSummaries, { holdoutLength: 39 })[7].expected // ≈ 6.403
 * ```
 */
export function calibrationVsHoldout(
  model: BtydModel,
  customers: CheckedCustomers,
  options: CalibrationVsHoldoutOptions,
): HoldoutGroup[] {
  options = readOptions<NonNullable<typeof options>>(
    "calibration vs holdout",
    options,
    { holdoutLength: true, by: true, maxFrequency: true, recencyBinWidth: true },
    { optional: false },
  );
  const subject = "calibration vs holdout";
  const functions = modelFunctions(model, subject);
  const holdoutLength = checkHoldoutLength(options?.holdoutLength, functions.discrete, subject);
  const by = options.by ?? "frequency";
  if (by !== "frequency" && by !== "recency") {
    throw new InvalidInputError(subject, [
      { code: "custom", path: ["by"], message: `must be "frequency" or "recency", got ${shown(by)}` },
    ]);
  }
  const maxFrequency = wholeNumberOption(subject, options.maxFrequency, "maxFrequency", 7, 1, 10_000);
  const width = positiveNumberOption(subject, options.recencyBinWidth, "recencyBinWidth", 1);
  const columns = readCustomers(customers, functions.discrete, subject, true);
  const expected = functions.conditionalExpected(holdoutLength, columns);
  const groups = new Map<number, { customers: number; actual: number; expected: number }>();
  for (let index = 0; index < columns.count; index++) {
    const key =
      by === "frequency"
        ? Math.min(columns.frequency[index] as number, maxFrequency)
        : Math.floor((columns.recency[index] as number) / width);
    const w = columns.weight[index] as number;
    const group = groups.get(key) ?? { customers: 0, actual: 0, expected: 0 };
    group.customers += w;
    group.actual += w * ((columns.holdoutFrequency as Float64Array)[index] as number);
    group.expected += w * (expected[index] as number);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .sort((left, right) => left[0] - right[0])
    .map(([key, group]) => ({
      label: by === "frequency" ? frequencyLabel(key, maxFrequency) : `[${key * width}, ${(key + 1) * width})`,
      value: by === "frequency" ? key : key * width,
      customers: group.customers,
      actual: group.actual / group.customers,
      expected: group.expected / group.customers,
    }));
}
