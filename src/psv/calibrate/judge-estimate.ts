import type { SamplingScale } from "../assumption-sampling.js";

/**
 * The scale on which an estimate's sampling error is close to normal: "log" for rates and positive amounts, "logit"
 * for probabilities, "hazard" for a retention r = exp(−λ) (the log of λ), "identity" for ages and amounts that may
 * be negative. @internal
 */
export type WorkingScale = SamplingScale;

/** An estimate's standard error on its working scale, and how far the fallback may be off there (its prior spread). @internal */
export interface Uncertainty {
  readonly se: number;
  readonly scale: WorkingScale;
  /** Prior spread τ of the fallback on the working scale (default ln 2: a factor of two in rate or odds). */
  readonly spread?: number;
}

/** How one estimate is reported: its value, verdict, 95% interval and the weight on the data. @internal */
export interface Judged {
  readonly value: number;
  readonly source: "data" | "weak" | "default";
  readonly low: number;
  readonly high: number;
  /** Weight of the data's estimate in the value (1: the estimate; 0: the fallback). */
  readonly weight: number;
  readonly note?: string;
}

const TINY = 1e-12;
const clampUnit = (p: number) => Math.min(1 - TINY, Math.max(TINY, p));

/** A value on its working scale. @internal */
export function toWorking(value: number, scale: WorkingScale): number {
  if (scale === "log") return Math.log(Math.max(value, TINY));
  if (scale === "logit") return Math.log(clampUnit(value) / (1 - clampUnit(value)));
  if (scale === "hazard") return Math.log(-Math.log(clampUnit(value)));
  return value;
}

/** A value back from its working scale. @internal */
export function fromWorking(z: number, scale: WorkingScale): number {
  if (scale === "log") return Math.exp(z);
  if (scale === "logit") return 1 / (1 + Math.exp(-z));
  if (scale === "hazard") return Math.exp(-Math.exp(z));
  return z;
}

/**
 * The prior spread of an assumption not modelled by default (its fallback 0: finance, referrals, the payoff
 * trigger): no prior belief to shrink toward, so the data's estimate is judged by its evidence alone. @internal
 */
export const NO_PRIOR = 1e6;

/** The weight on the data at or above which an estimate is reported as data, and below which it is not used. */
export const DATA_WEIGHT = 0.9;
export const USABLE_WEIGHT = 0.1;

/**
 * Judges an estimate by its precision against the fallback, taken as a normal prior N(fallback, τ²) on the working
 * scale: the data's weight is w = τ² / (τ² + se²) (the precision-weighted mean). w ≥ 0.9 (se ≤ τ/3): "data", the
 * estimate itself; 0.1 ≤ w < 0.9: "weak", the precision-weighted mean of estimate and fallback; below, or a
 * standard error that is not finite (a flat ridge of the likelihood): "default", the fallback. The 95% interval is
 * the estimate ± 1.96 se on the working scale, mapped back. @internal
 */
export function judgeEstimate(estimate: number, uncertainty: Uncertainty, fallback: number): Judged {
  const { se, scale } = uncertainty;
  const spread = uncertainty.spread ?? Math.LN2;
  const z = toWorking(estimate, scale);
  if (!(Number.isFinite(se) && se >= 0 && Number.isFinite(z)))
    return {
      value: fallback,
      source: "default",
      low: Number.NaN,
      high: Number.NaN,
      weight: 0,
      note: "not identifiable here (the likelihood is flat in it: no finite standard error)",
    };
  const ends = [fromWorking(z - 1.96 * se, scale), fromWorking(z + 1.96 * se, scale)];
  const low = Math.min(ends[0] as number, ends[1] as number);
  const high = Math.max(ends[0] as number, ends[1] as number);
  const weight = spread ** 2 / (spread ** 2 + se ** 2);
  if (weight >= DATA_WEIGHT) return { value: estimate, source: "data", low, high, weight };
  const interval = `95% interval ${shortNumber(low)}–${shortNumber(high)}`;
  if (weight < USABLE_WEIGHT)
    return {
      value: fallback,
      source: "default",
      low,
      high,
      weight: 0,
      note: `not identifiable here: the data barely inform it (estimate ${shortNumber(estimate)}, ${interval}); the fallback's value is kept`,
    };
  const value = fromWorking(weight * z + (1 - weight) * toWorking(fallback, scale), scale);
  return {
    value,
    source: "weak",
    low,
    high,
    weight,
    note: `weak: estimate ${shortNumber(estimate)} (${interval}) shrunk toward the fallback ${shortNumber(fallback)} with weight ${weight.toFixed(2)} on the data`,
  };
}

/** A number as a report shows it: three significant digits, whole numbers above 1,000. */
function shortNumber(value: number): string {
  return Math.abs(value) >= 1000 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
}
