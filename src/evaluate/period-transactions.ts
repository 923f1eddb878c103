import { readOptions } from "../input/read-options.js";
import { wholeNumberOption } from "../schemas/options.js";
import { type BtydModel, type CheckedCustomers, modelFunctions, readCustomers } from "./btyd-model.js";
import { frequencyLabel } from "./frequency-label.js";

/** One bar pair of {@link periodTransactions}. */
export interface PeriodTransactionsGroup {
  /** "0", "1", …, "7+". */
  readonly label: string;
  /** Repeat purchases in calibration (the lower end for the last, open group). */
  readonly frequency: number;
  /** Customers with that many repeat purchases. */
  readonly actual: number;
  /** Customers the model expects with that many, given each customer's own T. */
  readonly expected: number;
}

/**
 * Period transactions: how many customers made 0, 1, 2, … repeat purchases in the calibration period, actual vs
 * model. The model's count is Σᵢ wᵢ P(X(Tᵢ) = n) over the customers' own calibration lengths (BTYD's
 * `*.PlotFrequencyInCalibration`; lifetimes' `plot_period_transactions` simulates instead). The last group,
 * `maxFrequency`+, takes the rest of the probability (BTYD sums only up to the largest observed frequency).
 *
 * @example
 * ```ts
 * evaluate.periodTransactions({ model: "bgnbd", params: bgnbdFit.params }, cdnowSummaries)[0].actual // 1411
 * ```
 */
export function periodTransactions(
  model: BtydModel,
  customers: CheckedCustomers,
  options: { readonly maxFrequency?: number } = {},
): PeriodTransactionsGroup[] {
  options = readOptions<NonNullable<typeof options>>("period transactions", options, { maxFrequency: true });
  const subject = "period transactions";
  const functions = modelFunctions(model, subject);
  const maxFrequency = wholeNumberOption(subject, options?.maxFrequency, "maxFrequency", 7, 1, 10_000);
  const columns = readCustomers(customers, functions.discrete, subject, false);
  functions.probabilityAlive(columns); // the model's own validation of every (x, t_x, T)
  const actual = new Float64Array(maxFrequency + 1);
  const customersByT = new Map<number, number>();
  for (let index = 0; index < columns.count; index++) {
    const w = columns.weight[index] as number;
    const group = Math.min(columns.frequency[index] as number, maxFrequency);
    actual[group] = (actual[group] as number) + w;
    const T = columns.T[index] as number;
    customersByT.set(T, (customersByT.get(T) ?? 0) + w);
  }
  const expected = new Float64Array(maxFrequency + 1);
  for (const [T, w] of customersByT) {
    for (let n = 0; n < maxFrequency; n++)
      expected[n] = (expected[n] as number) + w * functions.probabilityOfPurchases(T, n);
  }
  let below = 0;
  for (let n = 0; n < maxFrequency; n++) below += expected[n] as number;
  expected[maxFrequency] = Math.max(0, columns.totalWeight - below);
  return Array.from({ length: maxFrequency + 1 }, (_, n) => ({
    label: frequencyLabel(n, maxFrequency),
    frequency: n,
    actual: actual[n] as number,
    expected: expected[n] as number,
  }));
}
