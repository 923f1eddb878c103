import type { PsvAssumptions } from "../assumptions.js";
import type { CalibrationEntry } from "../calibrate.js";
import type { CalibrateSettings } from "./facts.js";
import { judgeEstimate, NO_PRIOR, type Uncertainty, type WorkingScale } from "./judge-estimate.js";
import { logRatioSe, type RatioSums, ratioSe } from "./ratio-sums.js";
import type { EstimateSampling, SampledEstimate } from "./sampling.js";
import { type Tallies, totalExposure } from "./tally.js";

/** The report of a calibration, by assumption. @internal */
export type CalibrationReport = Partial<Record<keyof PsvAssumptions, CalibrationEntry>>;

/** One estimate and what it rests on. @internal */
export interface Estimate {
  readonly value: number | number[];
  /** Events (or vehicles, decisions) it rests on: below the minimum evidence, the fallback is kept. */
  readonly evidence: number;
  readonly exposureYears: number;
  readonly note?: string;
  /** A scalar's standard error on its working scale: its interval and verdict (data, weak, default). */
  readonly uncertainty?: Uncertainty;
  /** An array's 95% bounds, element by element. */
  readonly bounds?: { readonly low: number[]; readonly high: number[] };
  /** Vehicles whose records inform it (default: all vehicles seen). */
  readonly vehicles?: number;
  /** Why the data cannot identify it here (a degenerate optimum): then the fallback is kept as "default". */
  readonly unidentified?: string;
  /** Its sampling error as its fit gives it (sd on the working scale as the value is used, joint correlations). */
  readonly sampling?: EstimateSampling;
  /** A list's standard errors, element by element, on one working scale. */
  readonly elementUncertainty?: { readonly se: readonly number[]; readonly scale: WorkingScale };
}

/** Sets one assumption from its estimate, judged by its evidence and precision; reports it. @internal */
export type Setter = (name: keyof PsvAssumptions, estimate: Estimate) => void;

/**
 * The setter of a calibration: an estimate resting on fewer than the minimum evidence keeps the fallback
 * ("fallback"); one at a degenerate optimum keeps it as "default", with the reason; a scalar with a standard error
 * is judged by it against the fallback ("data", "weak" — shrunk toward the fallback — or "default"). The sampling
 * error of each value set from the data goes into `sampled`. @internal
 */
export function reportSetter(
  settings: CalibrateSettings,
  vehicleCount: number,
  result: Record<string, unknown>,
  report: CalibrationReport,
  sampled: SampledEstimate[],
): Setter {
  const { minimum, fallback } = settings;
  return (name, estimate) => {
    const { value, evidence, exposureYears } = estimate;
    const base = { vehicles: estimate.vehicles ?? vehicleCount, events: evidence, exposureYears };
    const fallbackValue = fallback[name] as number | number[];
    const finite = Number.isFinite(Array.isArray(value) ? (value[0] ?? Number.NaN) : value);
    if (evidence < minimum || !finite) {
      result[name] = fallbackValue;
      report[name] = {
        ...base,
        value: fallbackValue,
        source: "fallback",
        note: `too little data (${evidence} < ${minimum})`,
      };
      return;
    }
    if (estimate.unidentified !== undefined) {
      result[name] = fallbackValue;
      const note = `not identifiable here (${estimate.unidentified}): the fallback's value is kept`;
      report[name] = { ...base, value: fallbackValue, source: "default", note };
      sampleDefault(sampled, name, estimate);
      return;
    }
    const note = estimate.note === undefined ? {} : { note: estimate.note };
    if (typeof value !== "number" || typeof fallbackValue !== "number" || estimate.uncertainty === undefined) {
      result[name] = value;
      const bounds = estimate.bounds === undefined ? {} : estimate.bounds;
      report[name] = { ...base, value, source: "data", ...bounds, ...note };
      if (Array.isArray(value)) sampleElements(sampled, name, value, estimate.elementUncertainty);
      return;
    }
    const entry = judgedEntry(value, estimate.uncertainty, fallbackValue, estimate.note);
    result[name] = entry.value;
    report[name] = { ...base, ...entry };
    sampleJudged(sampled, name, estimate, entry.source, entry.weight);
  };
}

/**
 * A judged scalar's sampling error: its fit's, else its standard error — a weak estimate is the posterior mean under
 * the fallback as a prior, with posterior variance w·se²; a default one its prior's (see {@link sampleDefault}).
 */
function sampleJudged(
  sampled: SampledEstimate[],
  name: string,
  estimate: Estimate,
  source: "data" | "weak" | "default",
  weight = 1,
): void {
  const { uncertainty, sampling } = estimate;
  if (uncertainty === undefined) return;
  if (source === "default") {
    sampleDefault(sampled, name, estimate);
    return;
  }
  const sd = sampling?.sd ?? uncertainty.se * Math.sqrt(weight);
  const correlation = sampling?.correlation;
  sampled.push({ name, scale: uncertainty.scale, sd, ...(correlation === undefined ? {} : { correlation }) });
}

/** A list set from the data: each element with a finite standard error, as "name.index". */
function sampleElements(
  sampled: SampledEstimate[],
  name: string,
  value: readonly number[],
  elements: Estimate["elementUncertainty"],
): void {
  if (elements === undefined) return;
  value.forEach((_, index) => {
    const se = elements.se[index];
    if (se !== undefined && Number.isFinite(se))
      sampled.push({ name: `${name}.${index}`, scale: elements.scale, sd: se });
  });
}

/**
 * An estimate the data were asked for but could not give (the fallback kept as "default") is as uncertain as its
 * fit says (a joint fit holding it at the fallback gives its sd and correlations) or, without that, as the fallback
 * is taken to be: its prior spread (ln 2 unless said).
 */
function sampleDefault(sampled: SampledEstimate[], name: string, estimate: Estimate): void {
  const { uncertainty, sampling } = estimate;
  if (uncertainty === undefined) return;
  if (sampling !== undefined && Number.isFinite(sampling.sd) && sampling.sd > 0) {
    sampled.push({ name, scale: uncertainty.scale, ...sampling });
    return;
  }
  const spread = uncertainty.spread ?? Math.LN2;
  if (spread < NO_PRIOR) sampled.push({ name, scale: uncertainty.scale, sd: spread });
}

/** A scalar judged by its standard error: value, verdict, interval, the weight if weak, and the notes. */
function judgedEntry(value: number, uncertainty: Uncertainty, fallback: number, note: string | undefined) {
  const judged = judgeEstimate(value, uncertainty, fallback);
  const notes = [judged.note, note].filter((text) => text !== undefined);
  return {
    value: judged.value,
    source: judged.source,
    ...(Number.isNaN(judged.low) ? {} : { low: judged.low, high: judged.high }),
    ...(judged.source === "weak" ? { weight: judged.weight } : {}),
    ...(notes.length > 0 ? { note: notes.join("; ") } : {}),
  };
}

/**
 * The age-standardised leave hazard of a phase: the hazards by age year λ_y (departures / vehicle-years; a year with
 * less than `minimum` vehicle-years takes the year before's, leading ones the phase's pooled rate) averaged with the
 * weights of one vehicle's life through the phase, S_y = exp(−Σ_{u<y} λ_u) — so that the rate describes the
 * hazard curve, not the age mix of the fleet in the history (a young dealer's and an old one's, a window's and the
 * whole history's, estimate the same number). Its error: Σ (W_k / ΣS)² var(λ_k) over the years whose rates are used.
 */
function standardisedHazard(
  byAge: readonly (RatioSums | undefined)[],
  years: readonly [number, number],
  pooled: RatioSums,
  minimum: number,
): { rate: number; logSe: number } {
  const pooledRate = pooled.c / pooled.e;
  let source: RatioSums = pooled;
  let survival = 1;
  let weightSum = 0;
  let rateSum = 0;
  const weightBySource = new Map<RatioSums, number>();
  for (let year = years[0]; year < years[1]; year++) {
    const sums = byAge[year];
    if (sums !== undefined && sums.e >= minimum) source = sums;
    const rate = source === pooled ? pooledRate : source.c / source.e;
    weightSum += survival;
    rateSum += survival * rate;
    weightBySource.set(source, (weightBySource.get(source) ?? 0) + survival);
    survival *= Math.exp(-rate);
  }
  const rate = rateSum / weightSum;
  let variance = 0;
  for (const [sums, weight] of weightBySource) {
    const own = sums.c / sums.e;
    const se = own > 0 ? logRatioSe(sums) * own : Math.SQRT2 / sums.e; // a year without departures: ½ a departure
    variance += (weight / weightSum) ** 2 * se * se;
  }
  return { rate, logSe: rate > 0 ? Math.max(Math.sqrt(variance) / rate, 1 / Math.sqrt(pooled.c + 0.5)) : Math.SQRT2 };
}

/**
 * The owners' km a year from their readings: how many, their sum, and Σ (reading − the mean of all)² (a second
 * pass, once the mean is known). @internal
 */
export interface KmReadings {
  count: number;
  sum: number;
  squares: number;
}

/** Retention by warranty phase (the age-standardised exponential rate of each phase) and km a year. */
export function setRetention(
  set: Setter,
  t: Tallies,
  km: KmReadings,
  vehicleCount: number,
  settings: CalibrateSettings,
): void {
  const { fallback, minimum } = settings;
  const warrantyEnd = Math.min(fallback.warrantyYears, fallback.warrantyKm / fallback.kmPerYear);
  const phases = [
    ["retentionInWarranty", t.retentionIn, t.departuresInByAge, [0, Math.ceil(warrantyEnd)]],
    ["retentionPostWarranty", t.retentionPost, t.departuresPostByAge, [Math.floor(warrantyEnd), fallback.horizonYears]],
  ] as const;
  for (const [name, sums, byAge, years] of phases) {
    const hazard = standardisedHazard(byAge, years, sums, minimum);
    set(name, {
      value: Math.exp(-hazard.rate),
      evidence: name === "retentionInWarranty" ? vehicleCount : Math.round(sums.e),
      exposureYears: sums.e,
      note: `${sums.c} departures in ${sums.e.toFixed(1)} vehicle-years (pooled ${Math.exp(-sums.c / sums.e).toFixed(3)}; standardised over the ages of the phase)`,
      uncertainty: { se: hazard.logSe, scale: "hazard" },
    });
  }
  const meanKm = km.sum / km.count;
  const variance = km.squares / (km.count - 1);
  set("kmPerYear", {
    value: Math.round(meanKm),
    evidence: km.count,
    exposureYears: totalExposure(t),
    uncertainty: { se: Math.sqrt(variance / km.count) / meanKm, scale: "log" },
  });
}

/** A rate's estimate: events over vehicle-years (or anniversaries), its evidence and log-scale error. */
function rateEstimate(sums: RatioSums, exposureYears: number, note?: string): Estimate {
  return {
    value: sums.c / sums.e,
    evidence: sums.c,
    exposureYears,
    uncertainty: { se: logRatioSe(sums), scale: "log" },
    ...(note === undefined ? {} : { note }),
  };
}

/** Repair rates by age year, insurance renewal, detailing and other purchases a year. */
export function setEventRates(set: Setter, t: Tallies, settings: CalibrateSettings): void {
  const { minimum, fallback } = settings;
  const exposure = totalExposure(t);
  const repairRates: number[] = [];
  const low: number[] = [];
  const high: number[] = [];
  const logSe: number[] = [];
  for (const sums of t.repairsByAge) {
    if (sums === undefined || sums.e < minimum) break;
    const rate = sums.c / sums.e;
    const se = logRatioSe(sums);
    repairRates.push(rate);
    logSe.push(rate > 0 ? se : Number.NaN);
    low.push(rate * Math.exp(-1.96 * se));
    high.push(rate * Math.exp(1.96 * se));
  }
  set("repairVisitsByAge", {
    value: repairRates,
    evidence: repairRates.length > 0 ? (t.rates["repair"]?.c ?? 0) : 0,
    exposureYears: exposure,
    bounds: { low, high },
    elementUncertainty: { se: logSe, scale: "log" },
    note: `${repairRates.length} age years with ≥ ${minimum} vehicle-years${repairShareNote(repairRates, fallback.warrantyYears)}`,
  });
  const renewals = t.renewals;
  set("insuranceRenewalProbability", {
    value: Math.min(1, renewals.c / renewals.e),
    evidence: renewals.c,
    exposureYears: exposure,
    // The share of anniversaries renewed, with its error on the log-odds scale (delta method).
    uncertainty: {
      se: ratioSe(renewals) / Math.max(1e-9, (renewals.c / renewals.e) * (1 - renewals.c / renewals.e)),
      scale: "logit",
    },
    note: `renewals at ${renewals.e} delivery anniversaries with the dealer`,
  });
  set("detailingJobsPerYear", rateEstimate(t.rates["detailing"] as RatioSums, exposure));
  const other = ["other", "accessory", "extended-warranty"].map((type) => ({
    count: t.rates[type] as RatioSums,
    value: t.values[type] as RatioSums,
  }));
  const otherCount = other.reduce((sum, { count }) => sum + count.c, 0);
  const otherValue = other.reduce(
    (sum, { count, value }) => sum + (value.e > 0 ? (value.c / value.e) * count.c : 0),
    0,
  );
  const otherSe = other.reduce((max, { count }) => Math.max(max, count.c > 0 ? logRatioSe(count) : 0), 0);
  set("otherValuePerYear", {
    value: otherValue / exposure,
    evidence: otherCount,
    exposureYears: exposure,
    uncertainty: { se: otherSe, scale: "log" },
  });
}

/** The mean value of an event type, its evidence and error (log scale; identity when it is not positive). */
function valueEstimate(sums: RatioSums, exposureYears: number): Estimate {
  const mean = sums.c / sums.e;
  const positive = mean > 0;
  return {
    value: mean,
    evidence: sums.e,
    exposureYears,
    uncertainty: positive
      ? { se: logRatioSe(sums, false), scale: "log" }
      : { se: ratioSe(sums), scale: "identity", spread: Math.max(1, Math.abs(mean)) },
  };
}

/** Values per event type, and first estimates of repurchase and replacement age. */
export function setValues(set: Setter, t: Tallies): void {
  const exposure = totalExposure(t);
  const types = [
    ["maintenanceValue", "maintenance"],
    ["repairValue", "repair"],
    ["insuranceValue", "insurance"],
    ["detailingValue", "detailing"],
    ["newCarValue", "new-car-purchase"],
    ["tradeInValue", "trade-in"],
  ] as const;
  for (const [name, type] of types) set(name, valueEstimate(t.values[type] as RatioSums, exposure));
  // First estimates of repurchase and replacement age (they start the joint likelihood of the behaviour stage,
  // which replaces them: these ignore that a car replaced elsewhere looks like a departure).
  set("repurchaseProbability", {
    value: t.repurchases / t.repurchaseCandidates,
    evidence: t.repurchaseCandidates,
    exposureYears: exposure,
    note: `${t.repurchases} repurchases of ${t.repurchaseCandidates} vehicles with the dealer at the replacement age`,
  });
  set("replacementAgeYears", {
    value: t.repurchaseAgeSum / t.repurchases,
    evidence: t.repurchases,
    exposureYears: exposure,
  });
}

/**
 * Maintenance follows the maker's schedule: a gap between visits is min(months, km / own km a year) plus the
 * owner's delay, so the schedule and the mean delay cannot be told apart from gaps alone. The schedule stays the
 * fallback's (the maker's); the report gives the schedule the gaps alone would suggest, as evidence.
 */
export function reportSchedule(
  report: CalibrationReport,
  t: Tallies,
  fallback: PsvAssumptions,
  vehicleCount: number,
): void {
  const schedule = fitSchedule(t.gaps.years, t.gaps.kmPerYear, fallback);
  for (const name of ["serviceIntervalMonths", "serviceIntervalKm"] as const) {
    report[name] = {
      value: fallback[name],
      source: "fallback",
      vehicles: vehicleCount,
      events: t.gapCount,
      exposureYears: t.maintenanceExposure,
      note: `the maker's schedule, kept; ${t.gapCount} gaps between visits fit min(${schedule.months} months, ${schedule.km} km) including owners' delays`,
    };
  }
}

/**
 * The schedule (months, km; whichever first) that best explains the gaps between visits: minimises
 * Σ |gap − min(months / 12, km / ownKmPerYear)| over a grid (months 2 … 24 by 0.5, km 2,000 … 40,000 by 500) on the
 * sample of at most 2,000 gaps (GapSample). A limit the data cannot tell apart from the fallback's (loss within 0.5%: e.g. a
 * 12-month limit when every vehicle reaches the km limit first) keeps the fallback's value. @internal
 */
function fitSchedule(
  gaps: readonly number[],
  kmPerYear: readonly number[],
  fallback: PsvAssumptions,
): { months: number; km: number } {
  if (gaps.length === 0) return { months: Number.NaN, km: Number.NaN };
  const sampleGaps = gaps;
  const sampleKm = kmPerYear;
  let best = { months: Number.NaN, km: Number.NaN, loss: Number.POSITIVE_INFINITY };
  for (let months = 2; months <= 24; months += 0.5) {
    for (let km = 2000; km <= 40_000; km += 500) {
      let loss = 0;
      for (let index = 0; index < sampleGaps.length && loss < best.loss; index++)
        loss += Math.abs((sampleGaps[index] as number) - Math.min(months / 12, km / (sampleKm[index] as number)));
      if (loss < best.loss) best = { months, km, loss };
    }
  }
  const lossAt = (months: number, km: number) => {
    let loss = 0;
    for (let index = 0; index < sampleGaps.length; index++)
      loss += Math.abs((sampleGaps[index] as number) - Math.min(months / 12, km / (sampleKm[index] as number)));
    return loss;
  };
  const tolerance = best.loss * 1.005 + 1e-12;
  if (lossAt(fallback.serviceIntervalMonths, fallback.serviceIntervalKm) <= tolerance)
    return { months: fallback.serviceIntervalMonths, km: fallback.serviceIntervalKm };
  if (lossAt(fallback.serviceIntervalMonths, best.km) <= tolerance)
    return { months: fallback.serviceIntervalMonths, km: best.km };
  if (lossAt(best.months, fallback.serviceIntervalKm) <= tolerance)
    return { months: best.months, km: fallback.serviceIntervalKm };
  return { months: best.months, km: best.km };
}

/**
 * Evidence of independent garages: the repair rate in the first two years after the warranty as a share of the
 * in-warranty trend carried forward (a straight line through the in-warranty years' rates). Inside the warranty
 * repairs come to the dealer; a share well below 1 after it is what independent garages take. @internal
 */
function repairShareNote(rates: readonly number[], warrantyYears: number): string {
  const inWarranty = rates.slice(0, Math.floor(warrantyYears));
  const after = rates.slice(Math.floor(warrantyYears), Math.floor(warrantyYears) + 2);
  if (inWarranty.length < 2 || after.length === 0) return "";
  const n = inWarranty.length;
  const meanX = (n - 1) / 2;
  const meanY = inWarranty.reduce((sum, value) => sum + value, 0) / n;
  let covariance = 0;
  let variance = 0;
  inWarranty.forEach((value, index) => {
    covariance += (index - meanX) * (value - meanY);
    variance += (index - meanX) ** 2;
  });
  const slope = covariance / variance;
  const trend = after.map((_, k) => meanY + slope * (n + k - meanX));
  const share = after.reduce((sum, value) => sum + value, 0) / trend.reduce((sum, value) => sum + value, 0);
  return Number.isFinite(share) && share > 0
    ? `; after the warranty repairs run at ${(100 * share).toFixed(0)}% of the in-warranty trend (the rest goes to independent garages)`
    : "";
}
