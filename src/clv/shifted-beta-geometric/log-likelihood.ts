import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { guardRead } from "../../input/read-options.js";
import { logBeta } from "../../math/log-beta.js";
import { checkPositiveParameters } from "../../schemas/summary-columns.js";

/** Shifted-beta-geometric parameters (Fader & Hardie 2007): churn probability θ ~ Beta(α, β). */
export interface ShiftedBetaGeometricParams {
  readonly alpha: number;
  readonly beta: number;
}

/** A cohort's survivors: `survivors[0]` customers at the start, `survivors[t]` still active after t renewals. */
export interface RetentionSeries {
  readonly survivors: readonly number[];
}

export const PARAMETER_NAMES = ["alpha", "beta"] as const;

/** Validates a survivor series: at least two finite values ≥ 0, never increasing, the first > 0. @internal */
export function checkSeries(data: RetentionSeries): readonly number[] {
  const survivors = guardRead("retention series", ["survivors"], () => {
    const list = data?.survivors;
    return Array.isArray(list) ? Array.from(list as readonly unknown[]) : list;
  });
  if (!Array.isArray(survivors) || survivors.length < 2) {
    throw new InvalidInputError("retention series", [
      { code: "custom", path: ["survivors"], message: "must list at least the cohort size and one later count" },
    ]);
  }
  const checked: number[] = [];
  survivors.forEach((value: unknown, index) => {
    const previous = checked[index - 1] ?? Number.POSITIVE_INFINITY;
    if (
      !(typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= previous) ||
      (index === 0 && value === 0)
    ) {
      throw new InvalidInputError(
        "retention series",
        [
          {
            code: "custom",
            path: ["survivors", index],
            message: `must be a finite count ≥ 0 and not above the previous one (${previous}), got ${shown(value)}`,
          },
        ],
        index,
      );
    }
    checked.push(value);
  });
  return checked;
}

/** ln L over a survivor series (Fader & Hardie 2007, eq. 7 and appendix B). @internal */
export function sbgLogLikelihoodKernel(alpha: number, beta: number, survivors: readonly number[]): number {
  if (!(alpha > 0 && beta > 0) || !Number.isFinite(alpha + beta)) return Number.NaN;
  const logBetaAB = logBeta(alpha, beta);
  let total = 0;
  for (let t = 1; t < survivors.length; t++) {
    const lost = (survivors[t - 1] as number) - (survivors[t] as number);
    if (lost > 0) total += lost * (logBeta(alpha + 1, beta + t - 1) - logBetaAB);
  }
  const last = survivors.length - 1;
  const remaining = survivors[last] as number;
  if (remaining > 0) total += remaining * (logBeta(alpha, beta + last) - logBetaAB);
  return total;
}

/**
 * Log-likelihood of the shifted-beta-geometric model of contract duration (Fader & Hardie 2007, "How to project
 * customer retention", eq. 7): customers lost at renewal t contribute ln P(T = t) = ln B(α+1, β+t−1) − ln B(α, β),
 * those still active after the last observed renewal n contribute ln S(n) = ln B(α, β+n) − ln B(α, β).
 *
 * @example
 * ```ts
 * shiftedBetaGeometric.logLikelihood({ alpha: 0.704, beta: 1.182 }, { survivors: [1000, 631, 468, 382, 326, 289, 262, 241] })
 * ```
 */
export function logLikelihood(params: ShiftedBetaGeometricParams, data: RetentionSeries): number {
  params = checkPositiveParameters(params, PARAMETER_NAMES, "shifted-beta-geometric parameters");
  return sbgLogLikelihoodKernel(params.alpha, params.beta, checkSeries(data));
}
