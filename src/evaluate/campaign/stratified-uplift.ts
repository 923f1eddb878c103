import { newcombeInterval } from "../../math/newcombe-interval.js";

/** z of a two-sided 95% interval, and of 80% power. @internal */
export const Z95 = 1.959963984540054;
const Z_POWER = 0.8416212335729143;

/** The outcomes of one group in one stratum, as sums (no per-contact arrays). @internal */
export interface GroupSums {
  n: number;
  responders: number;
  visits: number;
  visitsSquared: number;
  value: number;
  valueSquared: number;
}

/** One stratum (a campaign date): the treatment and control groups' sums. @internal */
export interface Stratum {
  readonly treatment: GroupSums;
  readonly control: GroupSums;
}

/** An estimate with its 95% interval (NaN where the data cannot give one). */
export interface Estimate {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** The uplift of reminding, per contact: absolute differences and relative changes, each with a 95% interval. */
export interface Uplift {
  /** Response rate, treated − control (a share: 0.02 is two points). */
  readonly rate: Estimate;
  /** Response rate, treated / control − 1. */
  readonly relativeRate: Estimate;
  /** Workshop visits per contact, treated − control. */
  readonly visits: Estimate;
  readonly relativeVisits: Estimate;
  /** Value (margin or revenue, per the `value` option) per contact, treated − control. */
  readonly value: Estimate;
  readonly relativeValue: Estimate;
}

/** Empty sums. @internal */
export function emptySums(): GroupSums {
  return { n: 0, responders: 0, visits: 0, visitsSquared: 0, value: 0, valueSquared: 0 };
}

/** Adds one contact's outcome to a group's sums. @internal */
export function addOutcome(sums: GroupSums, responded: boolean, visits: number, value: number): void {
  sums.n += 1;
  if (responded) sums.responders += 1;
  sums.visits += visits;
  sums.visitsSquared += visits * visits;
  sums.value += value;
  sums.valueSquared += value * value;
}

const NONE: Estimate = { estimate: Number.NaN, low: Number.NaN, high: Number.NaN };

/** The strata with both groups present: only they carry a comparison. */
function comparable(strata: readonly Stratum[]): Stratum[] {
  return strata.filter(({ treatment, control }) => treatment.n > 0 && control.n > 0);
}

/**
 * The Mantel–Haenszel risk difference over strata, Σ (a n₀ − c n₁)/N ÷ Σ n₁n₀/N, with Sato's (1989) variance,
 * consistent for many small strata and for few large ones; a single stratum gets Newcombe's interval instead (its
 * coverage holds at small counts). @internal
 */
export function rateDifference(strata: readonly Stratum[]): Estimate {
  const used = comparable(strata);
  if (used.length === 0) return NONE;
  if (used.length === 1) {
    const { treatment: t, control: c } = used[0] as Stratum;
    const [low, high] = newcombeInterval(t.responders, t.n, c.responders, c.n, Z95);
    return { estimate: t.responders / t.n - c.responders / c.n, low, high };
  }
  let numerator = 0;
  let weights = 0;
  let p = 0;
  let q = 0;
  for (const { treatment, control } of used) {
    const { n: n1, responders: a } = treatment;
    const { n: n0, responders: c } = control;
    const total = n1 + n0;
    numerator += (a * n0 - c * n1) / total;
    weights += (n1 * n0) / total;
    p += (n1 * n1 * c - n0 * n0 * a + (n1 * n0 * (n0 - n1)) / 2) / (total * total);
    q += (a * (n0 - c) + c * (n1 - a)) / (2 * total);
  }
  const estimate = numerator / weights;
  const variance = Math.max(0, (estimate * p + q) / (weights * weights));
  const half = Z95 * Math.sqrt(variance);
  return { estimate, low: estimate - half, high: estimate + half };
}

/**
 * The Mantel–Haenszel risk ratio minus one, Σ a n₀/N ÷ Σ c n₁/N − 1, with the Greenland–Robins (1985) variance of
 * its logarithm. @internal
 */
export function relativeRate(strata: readonly Stratum[]): Estimate {
  let r = 0;
  let s = 0;
  let v = 0;
  for (const { treatment, control } of comparable(strata)) {
    const { n: n1, responders: a } = treatment;
    const { n: n0, responders: c } = control;
    const total = n1 + n0;
    r += (a * n0) / total;
    s += (c * n1) / total;
    v += (n1 * n0 * (a + c) - a * c * total) / (total * total);
  }
  if (!(r > 0 && s > 0)) return NONE;
  const logRatio = Math.log(r / s);
  const half = Z95 * Math.sqrt(Math.max(0, v / (r * s)));
  return { estimate: Math.expm1(logRatio), low: Math.expm1(logRatio - half), high: Math.expm1(logRatio + half) };
}

type Moment = "visits" | "value";

/** A group's mean and variance of a moment in one stratum; the fallback variance where the stratum has one contact. */
function momentOf(sums: GroupSums, moment: Moment, fallbackVariance: number): { mean: number; variance: number } {
  const sum = sums[moment];
  const squares = moment === "visits" ? sums.visitsSquared : sums.valueSquared;
  const mean = sum / sums.n;
  const variance = sums.n > 1 ? Math.max(0, (squares - sum * mean) / (sums.n - 1)) : fallbackVariance;
  return { mean, variance };
}

/** A group's variance of a moment over all strata (for strata too small to give their own). */
function pooledVariance(strata: readonly Stratum[], group: "treatment" | "control", moment: Moment): number {
  const total = emptySums();
  for (const stratum of strata) {
    const sums = stratum[group];
    total.n += sums.n;
    total.visits += sums.visits;
    total.visitsSquared += sums.visitsSquared;
    total.value += sums.value;
    total.valueSquared += sums.valueSquared;
  }
  return total.n > 1 ? momentOf(total, moment, 0).variance : 0;
}

/**
 * The difference in means treated − control, combined over strata with the Mantel–Haenszel weights n₁n₀/N (the
 * weights of the rate difference), and the relative change M₁/M₀ − 1 of the weighted means; Wald intervals from the
 * strata's variances (the delta method on the log ratio), each stratum's contacts independent. @internal
 */
export function meanDifference(strata: readonly Stratum[], moment: Moment): { absolute: Estimate; relative: Estimate } {
  const used = comparable(strata);
  if (used.length === 0) return { absolute: NONE, relative: NONE };
  const fallback1 = pooledVariance(used, "treatment", moment);
  const fallback0 = pooledVariance(used, "control", moment);
  let weights = 0;
  let mean1 = 0;
  let mean0 = 0;
  let variance1 = 0;
  let variance0 = 0;
  for (const { treatment, control } of used) {
    const w = (treatment.n * control.n) / (treatment.n + control.n);
    const one = momentOf(treatment, moment, fallback1);
    const zero = momentOf(control, moment, fallback0);
    weights += w;
    mean1 += w * one.mean;
    mean0 += w * zero.mean;
    variance1 += (w * w * one.variance) / treatment.n;
    variance0 += (w * w * zero.variance) / control.n;
  }
  mean1 /= weights;
  mean0 /= weights;
  variance1 /= weights * weights;
  variance0 /= weights * weights;
  const difference = mean1 - mean0;
  const half = Z95 * Math.sqrt(variance1 + variance0);
  const absolute = { estimate: difference, low: difference - half, high: difference + half };
  if (!(mean1 > 0 && mean0 > 0)) return { absolute, relative: NONE };
  const logRatio = Math.log(mean1 / mean0);
  const logHalf = Z95 * Math.sqrt(variance1 / (mean1 * mean1) + variance0 / (mean0 * mean0));
  return {
    absolute,
    relative: {
      estimate: Math.expm1(logRatio),
      low: Math.expm1(logRatio - logHalf),
      high: Math.expm1(logRatio + logHalf),
    },
  };
}

/** Every uplift of a set of strata. @internal */
export function stratifiedUplift(strata: readonly Stratum[]): Uplift {
  const visits = meanDifference(strata, "visits");
  const value = meanDifference(strata, "value");
  return {
    rate: rateDifference(strata),
    relativeRate: relativeRate(strata),
    visits: visits.absolute,
    relativeVisits: visits.relative,
    value: value.absolute,
    relativeValue: value.relative,
  };
}

/**
 * A power note when the rate uplift's interval includes zero: the contacts per group that would tell an effect of
 * the observed size from zero at 80% power (two-sided 5%), n = (z₀.₉₇₅ + z₀.₈)² (p₁q₁ + p₀q₀)/d². @internal
 */
export function powerNote(label: string, strata: readonly Stratum[], rate: Estimate): string | undefined {
  if (!(rate.low <= 0 && rate.high >= 0)) return undefined;
  let n1 = 0;
  let n0 = 0;
  let a = 0;
  let c = 0;
  for (const { treatment, control } of strata) {
    n1 += treatment.n;
    n0 += control.n;
    a += treatment.responders;
    c += control.responders;
  }
  const points = (rate.estimate * 100).toFixed(1);
  const sizes = `${n1.toLocaleString("en-US")} treated and ${n0.toLocaleString("en-US")} control contacts`;
  if (n1 === 0 || n0 === 0) return `${label}: no ${n1 === 0 ? "treated" : "control"} contacts to compare with`;
  const p1 = a / n1;
  const p0 = c / n0;
  const d = rate.estimate;
  if (d === 0) return `${label}: no difference in response rate between ${sizes}`;
  const needed = Math.ceil(((Z95 + Z_POWER) ** 2 * (p1 * (1 - p1) + p0 * (1 - p0))) / (d * d));
  return (
    `${label}: the response-rate uplift (${d > 0 ? "+" : ""}${points} points) cannot be told from zero with ${sizes}; ` +
    `an effect of this size needs about ${needed.toLocaleString("en-US")} contacts per group (80% power, 5% two-sided)`
  );
}
