import { expectationUnderBeta } from "../../math/beta-expectation.js";
import { logHypergeometric2F1 } from "../../math/hypergeometric-2f1.js";

/** Below this s the series in s (radius 1) converges faster than the cancellation of the series in z costs. */
export const SERIES_IN_S_BELOW = 0.5;
/** The most terms either fast series sums. */
export const MAX_SERIES_TERMS = 2000;

/**
 * E over p ~ Beta(a, b + x) of (1/p)[1 − (1 + p·s)^−(r+x)]: the expected purchases of a customer known to be alive,
 * with s = t/(α + T). Integrating λ out of FHL 2005's derivation gives this form; its closed form is FHL eq. 10's
 * bracket (a + b + x − 1)/(a − 1) [1 − (1 − z)^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; z)], z = s/(1 + s).
 * For s < ½ it is summed as a series in s ({@link seriesInS}), above as Euler's transformation in z with the
 * 1/(a − 1) divided out term by term ({@link seriesInZ}); where those would cancel, the other forms of
 * {@link aliveExpectationOtherwise} decide.
 * @internal
 */
export function aliveExpectation(r: number, a: number, b: number, x: number, s: number): number {
  const k = r + x;
  const c = a + b + (x - 1);
  const value = s < SERIES_IN_S_BELOW ? seriesInS(k, a, c, s) : seriesInZ(k, a, c, s);
  return Number.isNaN(value) ? aliveExpectationOtherwise(r, a, b, x, s) : value;
}

/**
 * The expectation as k s Σ A_m (−s)^m, A_0 = 1, A_m = A_(m−1) (k+m)(a+m−1)/((c+m)(m+1)), k = r + x: Pfaff's
 * transformation turns FHL's bracket into 1 − ₂F₁(k, a − 1; c; −s), whose series, divided by (a − 1)/c term by term,
 * has no 1/(a − 1) left to cancel (near a = 1 with b = 5e7 the other forms lost 15%, or took 18 ms a call to
 * integrate). The series in s has radius 1, but its terms are E[(p s)^m] times binomial factors: where they fall
 * below 1e-17 of the sum within 2,000 terms the Beta mass beyond p = 1/s is as small, so it is summed for any s > 0
 * (a large c makes that common) with terms at most 100 (no cancellation worse than 100 ulps). The A_m come from a
 * table (the same products, computed once for many s) or term by term. NaN where a term exceeds 100, c ≤ 0, or
 * 2,000 terms do not converge.
 * @internal
 */
export function seriesInS(k: number, a: number, c: number, s: number, table?: CoefficientTable): number {
  if (!(c > 0)) return Number.NaN;
  let coefficient = 1;
  let power = 1;
  let sum = 0;
  let largest = 0;
  for (let m = 0; m < MAX_SERIES_TERMS; m++) {
    if (m > 0) coefficient = table === undefined ? coefficient * inSRatio(k, a, c, m) : coefficientAt(table, m);
    const term = coefficient * power;
    if (!(Math.abs(term) <= 100)) return Number.NaN;
    sum += term;
    largest = Math.max(largest, Math.abs(term));
    if (m > 0 && Math.abs(term) <= 1e-17 * Math.abs(sum))
      return largest <= 100 * Math.abs(sum) ? k * s * sum : Number.NaN;
    power *= -s;
  }
  return Number.NaN;
}

/**
 * Euler's transformation in z = s/(1 + s): E = c [(1 − (1+s)^(1−a))/(a − 1) − (1+s)^(1−a) Σ_{m≥1} B_m z^m],
 * B_1 = (c − k)/c, B_m = B_(m−1) (c−k+m−1)(a+m−2)/((c+m−1) m) — FHL 2005 eq. 10 with (a − 1)_m = (a − 1)(a)_(m−1), so
 * nothing divides by a − 1 numerically. NaN where the series overflows or cancels (terms 100 times the sum), the two
 * parts are 16 times their difference or more, or 2,000 terms do not converge.
 * @internal
 */
export function seriesInZ(k: number, a: number, c: number, s: number, table?: CoefficientTable): number {
  const z = s / (1 + s);
  let coefficient = (c - k) / c;
  let power = z;
  let sum = 0;
  let largest = 0;
  let converged = false;
  for (let m = 1; m < MAX_SERIES_TERMS; m++) {
    if (m > 1) coefficient = table === undefined ? coefficient * inZRatio(k, a, c, m) : coefficientAt(table, m);
    const term = coefficient * power;
    sum += term;
    largest = Math.max(largest, Math.abs(term));
    if (Math.abs(term) <= 1e-17 * Math.abs(sum) || term === 0) {
      converged = true;
      break;
    }
    power *= z;
  }
  if (!(converged && Number.isFinite(sum) && largest <= 100 * Math.abs(sum))) return Number.NaN;
  const logOnePlusS = Math.log1p(s);
  const growth = a === 1 ? logOnePlusS : -Math.expm1((1 - a) * logOnePlusS) / (a - 1);
  const tail = Math.exp((1 - a) * logOnePlusS) * sum;
  const value = c * (growth - tail);
  return value > 0 && value < Number.POSITIVE_INFINITY && Math.abs(growth) + Math.abs(tail) <= 16 * (growth - tail)
    ? value
    : Number.NaN;
}

/** A_m / A_(m−1) of {@link seriesInS}. @internal */
export function inSRatio(k: number, a: number, c: number, m: number): number {
  return ((k + m) * (a + m - 1)) / ((c + m) * (m + 1));
}

/** B_m / B_(m−1) of {@link seriesInZ}. @internal */
export function inZRatio(k: number, a: number, c: number, m: number): number {
  return ((c - k + m - 1) * (a + m - 2)) / ((c + m - 1) * m);
}

/** Coefficients of one series for one frequency, grown on demand by `grow` (which fills at least index m). @internal */
export interface CoefficientTable {
  values: Float64Array;
  length: number;
  readonly grow: (table: CoefficientTable, m: number) => void;
}

function coefficientAt(table: CoefficientTable, m: number): number {
  if (m >= table.length) table.grow(table, m);
  return table.values[m] as number;
}

/**
 * aliveExpectation where neither fast series applies: the series in s with any c (it may converge for s ≥ ½ when c
 * is large), then Euler's transformation, (1 − z)^(a−1) ₂F₁(a + b − 1 − r, a − 1; a + b + x − 1; z), so that high
 * frequencies neither overflow nor lose digits; where that series cancels badly (tiny α with z → 1) or meets a
 * removable singularity (a = 1, a + b + x = 1), the expectation is integrated numerically instead.
 * @internal
 */
export function aliveExpectationOtherwise(r: number, a: number, b: number, x: number, s: number): number {
  const c = a + b + (x - 1);
  if (s >= SERIES_IN_S_BELOW) {
    const direct = seriesInS(r + x, a, c, s); // below ½ aliveExpectation has tried it
    if (!Number.isNaN(direct)) return direct;
  }
  const z = s / (1 + s);
  if (Math.abs(a - 1) > 1e-6 && Math.abs(c) > 1e-6) {
    const hypergeometric = logHypergeometric2F1(a + b - 1 - r, a - 1, c, z);
    if (hypergeometric.conditionNumber < 1e4 && Number.isFinite(hypergeometric.logAbs)) {
      const logPower = (a - 1) * Math.log1p(-z) + hypergeometric.logAbs;
      const bracket = hypergeometric.sign > 0 ? -Math.expm1(logPower) : 1 + Math.exp(logPower);
      const value = (c / (a - 1)) * bracket;
      // The bracket carries ~1e-16 absolute rounding, which c/(a − 1) scales up: near a = 1 with a large b it swamps
      // the value (a = 0.999999, b = 5e7: 15% off, and E[X] fell as t grew). Then integrate instead.
      const rounding = Math.abs(c / (a - 1)) * 4e-16 * (1 + Math.abs(logPower));
      if (Number.isFinite(value) && value >= 0 && rounding <= 1e-11 * value) return value;
    }
  }
  const shape = r + x;
  const zeroLimit = shape * s;
  return expectationUnderBeta((p) => (p === 0 ? zeroLimit : -Math.expm1(-shape * Math.log1p(p * s)) / p), a, b + x);
}
