/**
 * Running sums of a ratio estimator Σcᵢ / Σeᵢ over independent units (vehicles): an event count or amount cᵢ over
 * an exposure or count eᵢ. @internal
 */
export interface RatioSums {
  c: number;
  e: number;
  cc: number;
  ce: number;
  ee: number;
  units: number;
}

/** Empty sums. @internal */
export const newRatioSums = (): RatioSums => ({ c: 0, e: 0, cc: 0, ce: 0, ee: 0, units: 0 });

/** Adds one unit's numerator and denominator (a unit with nothing to add is skipped). @internal */
export function addUnit(sums: RatioSums, c: number, e: number): void {
  if (c === 0 && e === 0) return;
  sums.c += c;
  sums.e += e;
  sums.cc += c * c;
  sums.ce += c * e;
  sums.ee += e * e;
  sums.units += 1;
}

/**
 * The standard error of ln(Σc / Σe), robust to units that differ (the linearised variance of a ratio estimator:
 * Σ(cᵢ − r eᵢ)² / (Σe)², with n / (n − 1)), and never below the Poisson error 1 / √(Σc + ½) of a count — the ½
 * gives an estimate of 0 a finite, wide error. For amounts (not counts) pass `counts: false`. @internal
 */
export function logRatioSe(sums: RatioSums, counts = true): number {
  const { c, e, cc, ce, ee, units } = sums;
  if (!(e > 0) || units < 2) return Number.POSITIVE_INFINITY;
  const r = c / e;
  const variance = Math.max(0, cc - 2 * r * ce + r * r * ee) * (units / (units - 1));
  if (counts) return c > 0 ? Math.max(Math.sqrt(variance) / c, 1 / Math.sqrt(c + 0.5)) : Math.SQRT2;
  return c > 0 ? Math.sqrt(variance) / c : Number.POSITIVE_INFINITY;
}

/** The standard error of Σc / Σe itself (amounts that may be negative), robust as in {@link logRatioSe}. @internal */
export function ratioSe(sums: RatioSums): number {
  const { c, e, cc, ce, ee, units } = sums;
  if (!(e > 0) || units < 2) return Number.POSITIVE_INFINITY;
  const r = c / e;
  return Math.sqrt(Math.max(0, cc - 2 * r * ce + r * r * ee) * (units / (units - 1))) / e;
}
