import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { readOptions } from "../input/read-options.js";
import { positiveNumberOption, wholeNumberOption } from "../schemas/options.js";
import { type BtydModel, modelFunctions, readCustomers } from "./btyd-model.js";

/** One cell of a frequency/recency matrix. */
export interface FrequencyRecencyCell {
  readonly frequency: number;
  readonly recency: number;
  readonly value: number;
}

/** Options of {@link frequencyRecencyMatrix}. */
export interface FrequencyRecencyMatrixOptions {
  /** What each cell holds: P(alive) at T (default) or the conditional expected purchases over `horizon`. */
  readonly quantity?: "probabilityAlive" | "conditionalExpectedPurchases";
  /** Customers' T (BG/BB: opportunities n), the same for every cell. */
  readonly T: number;
  /** Largest frequency in the matrix (default 20). */
  readonly maxFrequency?: number;
  /** Recency steps from 0 to T (default 40; BG/BB: every whole period). */
  readonly recencySteps?: number;
  /** Horizon of the conditional expectation (required for that quantity). */
  readonly horizon?: number;
}

/**
 * The frequency/recency matrix of P(alive) or of conditional expected purchases for customers observed for T
 * (lifetimes' `plot_probability_alive_matrix` and `plot_frequency_recency_matrix`; Fader, Hardie & Lee 2005,
 * figures 3–4): one cell per frequency 0…maxFrequency and recency on an even grid of [0, T]. Only possible
 * histories are cells: frequency 0 has recency 0 only, and a repeat buyer's recency is > 0 (BG/BB: x ≤ t_x ≤ n).
 *
 * @example
 * ```ts
 * evaluate.frequencyRecencyMatrix({ model: "bgnbd", params: bgnbdFit.params }, { T: 39, maxFrequency: 2, recencySteps: 3 }).length // 7
 * ```
 */
export function frequencyRecencyMatrix(
  model: BtydModel,
  options: FrequencyRecencyMatrixOptions,
): FrequencyRecencyCell[] {
  options = readOptions<NonNullable<typeof options>>(
    "frequency/recency matrix",
    options,
    { quantity: true, T: true, maxFrequency: true, recencySteps: true, horizon: true },
    { optional: false },
  );
  const subject = "frequency/recency matrix";
  const functions = modelFunctions(model, subject);
  const quantity = options?.quantity ?? "probabilityAlive";
  if (quantity !== "probabilityAlive" && quantity !== "conditionalExpectedPurchases") {
    throw new InvalidInputError(subject, [
      {
        code: "custom",
        path: ["quantity"],
        message: `must be "probabilityAlive" or "conditionalExpectedPurchases", got ${shown(quantity)}`,
      },
    ]);
  }
  const T = functions.discrete
    ? wholeNumberOption(subject, options.T, "T", 1, 1, 10_000)
    : positiveNumberOption(subject, options.T, "T");
  const maxFrequency = wholeNumberOption(subject, options.maxFrequency, "maxFrequency", 20, 0, 10_000);
  const steps = functions.discrete
    ? T
    : wholeNumberOption(subject, options.recencySteps, "recencySteps", 40, 1, 10_000);
  const horizon =
    quantity === "probabilityAlive"
      ? 0
      : functions.discrete
        ? wholeNumberOption(subject, options.horizon ?? Number.NaN, "horizon", 1, 1, 10_000)
        : positiveNumberOption(subject, options.horizon, "horizon");
  const frequency: number[] = [];
  const recency: number[] = [];
  for (let x = 0; x <= maxFrequency; x++) {
    for (let step = 0; step <= steps; step++) {
      const tx = functions.discrete ? step : (T * step) / steps;
      const possible = x === 0 ? step === 0 : step > 0 && (!functions.discrete || x <= tx);
      if (!possible) continue;
      frequency.push(x);
      recency.push(tx);
    }
  }
  const columns = readCustomers(
    { frequency, recency, [functions.discrete ? "periods" : "T"]: new Float64Array(frequency.length).fill(T) },
    functions.discrete,
    subject,
    false,
  );
  const values =
    quantity === "probabilityAlive"
      ? functions.probabilityAlive(columns)
      : functions.conditionalExpected(horizon, columns);
  return frequency.map((x, index) => ({
    frequency: x,
    recency: recency[index] as number,
    value: values[index] as number,
  }));
}
