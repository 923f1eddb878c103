import { LEAD_BAND_COUNT, REMINDER_LEAD_EDGES_DAYS } from "./lead-bands.js";

/** How far ahead of the due date a reminder may act, tried: the edges of the lead-time bands from 30 days on. */
const WINDOWS = REMINDER_LEAD_EDGES_DAYS.filter((edge) => edge > 0);
/** The spread of a dealer's effect level around the default's (a reminder halves the leave chance ± 0.25). */
const LEVEL_SPREAD = 0.25;
/** The spread for visits already overdue (default 0): an effect on them counts for 1 − P(alive) × the horizon's value. */
const OVERDUE_SPREAD = 0.1;
/** The χ² another window than the default's pays (a prior for the default's). */
const WINDOW_PENALTY = 2;

/**
 * The simplest curve the bands support, as the centre the band smoother pulls toward: one effect level for a visit
 * due within W days (W from the band edges) and none beyond, and one level for an overdue visit (up to 60 days). Each
 * level is the precision-weighted mean of its bands' estimates, shrunk toward the default's level (± 0.25 ahead, ± 0.1
 * overdue: an effect on an overdue visit weighs 1 − P(alive) × the horizon's value, so it needs more evidence); the
 * curves of the windows are averaged with weights exp(−χ²/2) (weighted least squares; another window than the
 * default's pays a χ² of 2), so a log that cannot tell windows apart does not bet on one. Pooling bands this way is what lets a log of a few thousand owners say how far ahead a reminder acts,
 * which no single band can. @internal
 */
export function stepCurve(
  estimates: readonly number[],
  standardErrors: readonly number[],
  defaults: readonly number[],
): number[] {
  if (!estimates.some((estimate, band) => Number.isFinite(estimate) && (standardErrors[band] as number) > 0))
    return [...defaults];
  const defaultWindow = windowOf(defaults);
  const defaultLevel = levelOf(defaults, defaultWindow);
  const fits = WINDOWS.map((window) => {
    const curve = fitCurve(estimates, standardErrors, window, defaultLevel, overdueDefault(defaults));
    const loss = lossOf(curve, estimates, standardErrors) + (window === defaultWindow ? 0 : WINDOW_PENALTY);
    return { curve, loss };
  });
  // Each window weighs by exp(−loss / 2) (its likelihood, the penalty a prior): a log that cannot tell the windows
  // apart averages them rather than betting on one.
  const best = Math.min(...fits.map((fit) => fit.loss));
  const weights = fits.map((fit) => Math.exp(-(fit.loss - best) / 2));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return defaults.map((_, band) =>
    fits.reduce((sum, fit, k) => sum + ((weights[k] as number) / total) * (fit.curve[band] as number), 0),
  );
}

/** A curve with levels for visits due within `window` days and overdue by up to 60, fitted by precision. */
function fitCurve(
  estimates: readonly number[],
  standardErrors: readonly number[],
  window: number,
  aheadDefault: number,
  overdueDefault: number,
): number[] {
  const ahead = (band: number) =>
    (REMINDER_LEAD_EDGES_DAYS[band] as number) >= 0 && (REMINDER_LEAD_EDGES_DAYS[band + 1] as number) <= window;
  const overdue = (band: number) =>
    (REMINDER_LEAD_EDGES_DAYS[band] as number) >= -60 && (REMINDER_LEAD_EDGES_DAYS[band] as number) < 0;
  const aheadLevel = pooledLevel(estimates, standardErrors, ahead, aheadDefault, LEVEL_SPREAD);
  const overdueLevel = pooledLevel(estimates, standardErrors, overdue, overdueDefault, OVERDUE_SPREAD);
  return Array.from({ length: LEAD_BAND_COUNT }, (_, band) =>
    ahead(band) ? aheadLevel : overdue(band) ? overdueLevel : 0,
  );
}

/** The precision-weighted mean of the bands that pass, shrunk toward `prior` (± LEVEL_SPREAD). */
function pooledLevel(
  estimates: readonly number[],
  standardErrors: readonly number[],
  passes: (band: number) => boolean,
  prior: number,
  spread: number,
): number {
  let weights = 1 / spread ** 2;
  let sum = prior * weights;
  for (let band = 0; band < LEAD_BAND_COUNT; band++) {
    const se = standardErrors[band] as number;
    if (!(passes(band) && Number.isFinite(estimates[band]) && se > 0)) continue;
    sum += (estimates[band] as number) / se ** 2;
    weights += 1 / se ** 2;
  }
  return Math.min(1, Math.max(0, sum / weights));
}

/** Σ ((estimate − curve) / se)² over the bands with an estimate. */
function lossOf(curve: readonly number[], estimates: readonly number[], standardErrors: readonly number[]): number {
  let loss = 0;
  for (let band = 0; band < LEAD_BAND_COUNT; band++) {
    const se = standardErrors[band] as number;
    if (Number.isFinite(estimates[band]) && se > 0)
      loss += (((estimates[band] as number) - (curve[band] as number)) / se) ** 2;
  }
  return loss;
}

/** The window of a curve: the upper edge of its last band ahead with an effect (0: none). */
function windowOf(curve: readonly number[]): number {
  let window = 0;
  for (let band = 0; band < LEAD_BAND_COUNT; band++)
    if ((REMINDER_LEAD_EDGES_DAYS[band] as number) >= 0 && (curve[band] as number) > 0)
      window = REMINDER_LEAD_EDGES_DAYS[band + 1] as number;
  return window;
}

/** The mean effect of a curve's bands ahead within `window`. */
function levelOf(curve: readonly number[], window: number): number {
  let sum = 0;
  let count = 0;
  for (let band = 0; band < LEAD_BAND_COUNT; band++)
    if ((REMINDER_LEAD_EDGES_DAYS[band] as number) >= 0 && (REMINDER_LEAD_EDGES_DAYS[band + 1] as number) <= window) {
      sum += curve[band] as number;
      count++;
    }
  return count > 0 ? sum / count : 0;
}

/** The default's mean effect on visits overdue by up to 60 days. */
function overdueDefault(curve: readonly number[]): number {
  let sum = 0;
  let count = 0;
  for (let band = 0; band < LEAD_BAND_COUNT; band++) {
    const from = REMINDER_LEAD_EDGES_DAYS[band] as number;
    if (from >= -60 && from < 0) {
      sum += curve[band] as number;
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}
