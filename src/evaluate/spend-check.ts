import type { GammaGammaParams, SpendColumnsInput, SpendRow } from "../clv/gamma-gamma/log-likelihood.js";
import { PARAMETER_NAMES, toSpendColumns } from "../clv/gamma-gamma/log-likelihood.js";
import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { readOptions } from "../input/read-options.js";
import { logGamma } from "../math/log-gamma.js";
import { wholeNumberOption } from "../schemas/options.js";
import { checkPositiveParameters } from "../schemas/summary-columns.js";
import { weightedCorrelation } from "./weighted-correlation.js";

/** The result of {@link spendCheck}. */
export interface SpendCheck {
  /** Repeat customers (sum of weights): the ones the Gamma-Gamma model describes. */
  readonly customers: number;
  /** Pearson correlation of frequency and mean spend over the repeat customers. */
  readonly correlation: number;
  /** Set when |correlation| exceeds `maxCorrelation`: the independence assumption does not hold. */
  readonly warning?: string;
  /** Histogram of the observed mean spend, as a density (bins from 0 to the 99th percentile). */
  readonly observed: readonly { readonly from: number; readonly to: number; readonly density: number }[];
  /** The model's density of the mean spend over the same range (mixture over the customers' frequencies). */
  readonly model: readonly { readonly spend: number; readonly density: number }[];
}

/**
 * Checks a Gamma-Gamma fit against the data: the observed distribution of the customers' mean spend beside the
 * model's (CLVTools' spending plot), and the spend–frequency independence the model assumes (Fader, Hardie & Lee
 * 2005, "RFM and CLV", §4; lifetimes asks users to check the correlation). For a customer with x repeat purchases the
 * model's mean spend has density x^(px) m^(px−1) γ^q Γ(px+q) / (Γ(px) Γ(q) (γ + x m)^(px+q)); the curve is the mean
 * of that over the repeat customers.
 *
 * @param customers - `{ frequency, monetaryValue }` rows or columns; customers without repeat purchases are skipped.
 * @param options - `bins` of the histogram (default 30), `points` of the curve (default 200), `maxCorrelation`
 *   above which |ρ| is reported as a violation (default 0.3).
 *
 * @example
 * ```ts
 * evaluate.spendCheck({ p: 6.25, q: 3.74, gamma: 15.44 }, cdnowSpend).correlation // ≈ 0.11
 * ```
 */
export function spendCheck(
  params: GammaGammaParams,
  customers: readonly SpendRow[] | SpendColumnsInput,
  options: { readonly bins?: number; readonly points?: number; readonly maxCorrelation?: number } = {},
): SpendCheck {
  options = readOptions<NonNullable<typeof options>>("spend check", options, {
    bins: true,
    points: true,
    maxCorrelation: true,
  });
  const subject = "spend check";
  const { p, q, gamma } = checkPositiveParameters(params, PARAMETER_NAMES, "Gamma-Gamma parameters");
  const bins = wholeNumberOption(subject, options?.bins, "bins", 30, 1, 10_000);
  const pointCount = wholeNumberOption(subject, options.points, "points", 200, 2, 100_000);
  const maxCorrelation = options.maxCorrelation ?? 0.3;
  if (!(typeof maxCorrelation === "number" && maxCorrelation >= 0 && maxCorrelation <= 1)) {
    throw new InvalidInputError(subject, [
      { code: "custom", path: ["maxCorrelation"], message: `must be in [0, 1], got ${shown(maxCorrelation)}` },
    ]);
  }
  const { frequency, monetaryValue, weight } = toSpendColumns(customers);
  const n = frequency.length;
  if (n === 0) {
    throw new InvalidInputError(subject, [
      { code: "too_small", path: ["customers"], message: "needs at least one customer with a repeat purchase" },
    ]);
  }
  let total = 0;
  for (let index = 0; index < n; index++) total += weight[index] as number;
  const correlation = weightedCorrelation(frequency, monetaryValue, weight);
  const { observed, upper } = spendHistogram(monetaryValue, weight, total, bins);
  const model = modelDensities({ p, q, gamma }, frequency, weight, total, upper, pointCount);
  const violated = Math.abs(correlation) > maxCorrelation;
  return {
    customers: total,
    correlation,
    ...(violated
      ? {
          warning:
            `frequency and mean spend are correlated (ρ = ${correlation.toFixed(3)}, above ${maxCorrelation}): ` +
            "the Gamma-Gamma model assumes they are independent, so its spend predictions are biased by frequency",
        }
      : {}),
    observed,
    model,
  };
}

/** The observed mean spend as a density histogram up to the 99th weighted percentile (`upper`). */
function spendHistogram(
  monetaryValue: Float64Array,
  weight: Float64Array,
  total: number,
  bins: number,
): { observed: SpendCheck["observed"]; upper: number } {
  const n = monetaryValue.length;
  const order = Int32Array.from({ length: n }, (_, index) => index).sort(
    (left, right) => (monetaryValue[left] as number) - (monetaryValue[right] as number),
  );
  let upper = monetaryValue[order[n - 1] as number] as number;
  let below = 0;
  for (const index of order) {
    below += weight[index] as number;
    if (below >= 0.99 * total) {
      upper = monetaryValue[index] as number;
      break;
    }
  }
  if (!(upper > 0)) upper = 1;
  const width = upper / bins;
  const counts = new Float64Array(bins);
  for (let index = 0; index < n; index++) {
    const bin = Math.floor((monetaryValue[index] as number) / width);
    const clamped = bin === bins && (monetaryValue[index] as number) === upper ? bins - 1 : bin;
    if (clamped < bins) counts[clamped] = (counts[clamped] as number) + (weight[index] as number);
  }
  const observed = Array.from(counts, (count, bin) => ({
    from: bin * width,
    to: (bin + 1) * width,
    density: count / (total * width),
  }));
  return { observed, upper };
}

/** The model's density of mean spend at `pointCount + 1` points up to `upper`: the mixture over the frequencies seen. */
function modelDensities(
  { p, q, gamma }: GammaGammaParams,
  frequency: Float64Array,
  weight: Float64Array,
  total: number,
  upper: number,
  pointCount: number,
): SpendCheck["model"] {
  const n = frequency.length;
  const byFrequency = new Map<number, number>();
  for (let index = 0; index < n; index++) {
    const x = frequency[index] as number;
    byFrequency.set(x, (byFrequency.get(x) ?? 0) + (weight[index] as number));
  }
  const model = Array.from({ length: pointCount + 1 }, (_, index) => {
    const spend = (upper * index) / pointCount;
    let sum = 0;
    if (spend > 0) {
      for (const [x, w] of byFrequency) {
        const px = p * x;
        const logDensity =
          px * Math.log(x) +
          (px - 1) * Math.log(spend) +
          q * Math.log(gamma) +
          logGamma(px + q) -
          logGamma(px) -
          logGamma(q) -
          (px + q) * Math.log(gamma + x * spend);
        sum += w * Math.exp(logDensity);
      }
    }
    return { spend, density: sum / total };
  });
  return model;
}
