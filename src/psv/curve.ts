import type { PsvAssumptions } from "./assumptions.js";

/**
 * The PSV components, in a fixed order: "finance" is contract renewals and the commission on financing the next car,
 * "referral" the value of the sales an owner refers (both 0 unless the assumptions set them).
 */
export const COMPONENTS = [
  "maintenance",
  "repair",
  "insurance",
  "detailing",
  "other",
  "finance",
  "referral",
  "repurchase",
] as const;
/** A PSV component name. */
export type PsvComponent = (typeof COMPONENTS)[number];
/** How many components there are; {@link evaluateCurve} writes three groups of this many values. @internal */
export const COMPONENT_COUNT = COMPONENTS.length;
const RATE_COMPONENTS = COMPONENT_COUNT - 1; // all but repurchase accrue continuously
const FINANCE = COMPONENTS.indexOf("finance");
const REPURCHASE = COMPONENTS.indexOf("repurchase");

/**
 * The expected value curve of one vehicle population, precomputed once per assumptions so that scoring a vehicle
 * costs a few exponentials. Age u in years; the service life ends at E = min(horizonYears, horizonKm / kmPerYear).
 * Survival from delivery S(u) = exp(−∫ h): h = −ln(retentionInWarranty) before the warranty ends (at
 * min(warrantyYears, warrantyKm / kmPerYear)), −ln(retentionPostWarranty) after. Value accrues at
 * rate(u) × S(u) per component; the first service and the repurchase are single events at their ages. @internal
 */
export interface PsvCurve {
  readonly end: number;
  readonly breakpoints: Float64Array;
  readonly hazards: Float64Array;
  readonly survival: Float64Array;
  /** rates[piece * RATE_COMPONENTS + component]: value a year per surviving vehicle. */
  readonly rates: Float64Array;
  /** Cumulative undiscounted and discounted (× e^(−δu)) value at each breakpoint, per component. */
  readonly cumulative: Float64Array;
  readonly cumulativeDiscounted: Float64Array;
  readonly delta: number;
  /** The first-service event (age, expected value S × value) and the repurchase event. */
  readonly firstServiceAge: number;
  readonly firstServiceValue: number;
  readonly repurchaseAge: number;
  readonly repurchaseValue: number;
  /** The commission on financing the next car, at the repurchase (expected: × its survival and probabilities). */
  readonly repurchaseFinanceValue: number;
  readonly kmPerYear: number;
}

function survivalAt(age: number, warrantyEnd: number, hazardIn: number, hazardPost: number): number {
  return Math.exp(-(hazardIn * Math.min(age, warrantyEnd) + hazardPost * Math.max(0, age - warrantyEnd)));
}

/** ∫₀^len c e^(−k s) ds = c (1 − e^(−k len))/k, with the k → 0 limit. */
function decayIntegral(k: number, length: number): number {
  return k === 0 ? length : -Math.expm1(-k * length) / k;
}

/** Builds the curve. @internal */
export function buildCurve(a: PsvAssumptions): PsvCurve {
  const rho = a.kmPerYear;
  const end = Math.min(a.horizonYears, a.horizonKm / rho);
  const warrantyEnd = Math.min(a.warrantyYears, a.warrantyKm / rho);
  const hazardIn = -Math.log(a.retentionInWarranty);
  const hazardPost = -Math.log(a.retentionPostWarranty);
  const firstServiceAge = Math.min(a.firstServiceMonths / 12, a.firstServiceKm / rho);
  const maintenanceRate = Math.max(12 / a.serviceIntervalMonths, rho / a.serviceIntervalKm);
  const repurchaseAge = Math.min(a.replacementAgeYears, end);
  const points = new Set<number>([0, end]);
  for (const point of [firstServiceAge, warrantyEnd, repurchaseAge]) if (point > 0 && point < end) points.add(point);
  for (let year = 1; year < end; year++) points.add(year);
  const breakpoints = Float64Array.from([...points].sort((x, y) => x - y));
  const pieces = breakpoints.length - 1;
  const hazards = new Float64Array(pieces);
  const survival = new Float64Array(breakpoints.length);
  const rates = new Float64Array(pieces * RATE_COMPONENTS);
  const cumulative = new Float64Array(breakpoints.length * RATE_COMPONENTS);
  const cumulativeDiscounted = new Float64Array(breakpoints.length * RATE_COMPONENTS);
  const delta = Math.log1p(a.discountRate);
  const repairs = a.repairVisitsByAge;
  // Finance and referrals: 0 where the assumptions do not give them.
  const financeValue = a.financeValue ?? 0;
  for (let index = 0; index < breakpoints.length; index++)
    survival[index] = survivalAt(breakpoints[index] as number, warrantyEnd, hazardIn, hazardPost);
  for (let piece = 0; piece < pieces; piece++) {
    const start = breakpoints[piece] as number;
    const length = (breakpoints[piece + 1] as number) - start;
    const hazard = start < warrantyEnd ? hazardIn : hazardPost;
    hazards[piece] = hazard;
    const repairRate = repairs[Math.min(Math.floor(start + 1e-9), repairs.length - 1)] as number;
    const pieceRates = [
      start >= firstServiceAge - 1e-12 ? maintenanceRate * a.maintenanceValue : 0,
      repairRate * a.repairValue,
      a.insuranceRenewalProbability * a.insuranceValue,
      a.detailingJobsPerYear * a.detailingValue,
      a.otherValuePerYear,
      (a.financeRenewalsPerYear ?? 0) * financeValue,
      (a.referralsPerYear ?? 0) * (a.referralValue ?? 0),
    ];
    const s0 = survival[piece] as number;
    const plain = s0 * decayIntegral(hazard, length);
    const discounted = s0 * Math.exp(-delta * start) * decayIntegral(hazard + delta, length);
    for (let component = 0; component < RATE_COMPONENTS; component++) {
      const rate = pieceRates[component] as number;
      rates[piece * RATE_COMPONENTS + component] = rate;
      cumulative[(piece + 1) * RATE_COMPONENTS + component] =
        (cumulative[piece * RATE_COMPONENTS + component] as number) + rate * plain;
      cumulativeDiscounted[(piece + 1) * RATE_COMPONENTS + component] =
        (cumulativeDiscounted[piece * RATE_COMPONENTS + component] as number) + rate * discounted;
    }
  }
  return {
    end,
    breakpoints,
    hazards,
    survival,
    rates,
    cumulative,
    cumulativeDiscounted,
    delta,
    firstServiceAge,
    firstServiceValue:
      firstServiceAge <= end ? a.maintenanceValue * survivalAt(firstServiceAge, warrantyEnd, hazardIn, hazardPost) : 0,
    repurchaseAge,
    repurchaseValue:
      a.repurchaseProbability *
      (a.newCarValue + a.tradeInValue) *
      survivalAt(repurchaseAge, warrantyEnd, hazardIn, hazardPost),
    repurchaseFinanceValue:
      a.repurchaseProbability *
      (a.financeShare ?? 0) *
      financeValue *
      survivalAt(repurchaseAge, warrantyEnd, hazardIn, hazardPost),
    kmPerYear: rho,
  };
}

/**
 * Writes one vehicle's values into `out` (length 3 × COMPONENT_COUNT): remaining (discounted to `age`) per component, then
 * realised (undiscounted) per component, then lifetime (undiscounted) per component. `progress` is how far along
 * its life the vehicle is, in years: max(age, odometer / kmPerYear). Returns the remaining years. @internal
 */
export function evaluateCurve(curve: PsvCurve, age: number, progress: number, out: Float64Array): number {
  const { breakpoints, end, delta } = curve;
  const p = Math.min(Math.max(progress, 0), end);
  // Piece containing p (the last breakpoint ≤ p).
  let low = 0;
  let high = breakpoints.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((breakpoints[middle] as number) <= p) low = middle;
    else high = middle - 1;
  }
  const last = breakpoints.length - 1;
  const piece = Math.min(low, last - 1);
  const start = breakpoints[piece] as number;
  const hazard = curve.hazards[piece] ?? 0;
  const s0 = curve.survival[piece] as number;
  const offset = p - start;
  const plain = piece < 0 ? 0 : s0 * decayIntegral(hazard, offset);
  const discounted = piece < 0 ? 0 : s0 * Math.exp(-delta * start) * decayIntegral(hazard + delta, offset);
  const growth = Math.exp(delta * age); // brings e^(−δu) back to money of the scoring date
  for (let component = 0; component < RATE_COMPONENTS; component++) {
    const rate = curve.rates[piece * RATE_COMPONENTS + component] ?? 0;
    const realised = (curve.cumulative[piece * RATE_COMPONENTS + component] as number) + rate * plain;
    const lifetime = curve.cumulative[last * RATE_COMPONENTS + component] as number;
    const discountedSoFar =
      (curve.cumulativeDiscounted[piece * RATE_COMPONENTS + component] as number) + rate * discounted;
    const remaining =
      ((curve.cumulativeDiscounted[last * RATE_COMPONENTS + component] as number) - discountedSoFar) * growth;
    out[component] = Math.max(0, remaining);
    out[COMPONENT_COUNT + component] = realised;
    out[2 * COMPONENT_COUNT + component] = lifetime;
  }
  // Events: realised once the vehicle's progress has passed them.
  const firstServiceDone = curve.firstServiceAge <= p;
  out[0] =
    (out[0] as number) +
    (firstServiceDone ? 0 : curve.firstServiceValue * Math.exp(-delta * (curve.firstServiceAge - age)));
  const n = COMPONENT_COUNT;
  out[n] = (out[n] as number) + (firstServiceDone ? curve.firstServiceValue : 0);
  out[2 * n] = (out[2 * n] as number) + curve.firstServiceValue;
  const repurchased = curve.repurchaseAge <= p;
  const toRepurchase = Math.exp(-delta * (curve.repurchaseAge - age));
  out[REPURCHASE] = repurchased ? 0 : curve.repurchaseValue * toRepurchase;
  out[n + REPURCHASE] = repurchased ? curve.repurchaseValue : 0;
  out[2 * n + REPURCHASE] = curve.repurchaseValue;
  // The next car's finance commission falls at the repurchase, in the finance component.
  const finance = curve.repurchaseFinanceValue;
  out[FINANCE] = (out[FINANCE] as number) + (repurchased ? 0 : finance * toRepurchase);
  out[n + FINANCE] = (out[n + FINANCE] as number) + (repurchased ? finance : 0);
  out[2 * n + FINANCE] = (out[2 * n + FINANCE] as number) + finance;
  return Math.max(0, end - p);
}
