/** Signed log-magnitude of a value: value = sign × exp(logAbs). */
export interface SignedLog {
  readonly sign: -1 | 0 | 1;
  readonly logAbs: number;
  /**
   * Largest series term divided by the sum (≥ 1): about how many ulps of the result cancellation may have cost.
   * Above ~1e4 the result has lost more than 4 of its 16 digits and a caller should use another method.
   */
  readonly conditionNumber: number;
}

const MAX_TERMS = 2_000_000;
const RESCALE = 1e200;
const LOG_RESCALE = Math.log(RESCALE);
const NAN_RESULT: SignedLog = { sign: 1, logAbs: Number.NaN, conditionNumber: Number.POSITIVE_INFINITY };

function isNonPositiveInteger(value: number): boolean {
  return value <= 0 && Number.isInteger(value);
}

/**
 * Gauss series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ for |z| < 1 (or terminating), rescaled so it cannot overflow. Terms come two
 * per division: with term ratios N_n/D_n, term n+1 = term n·N_n·D_{n+1}/(D_n·D_{n+1}) and term n+2 = term
 * n·N_n·N_{n+1}/(D_n·D_{n+1}), which halves the divisions that bound the loop's speed.
 */
function gaussSeries(a: number, b: number, c: number, z: number): SignedLog {
  let term = 1;
  let sum = 1;
  let logScale = 0;
  let largest = 1;
  const absZ = Math.abs(z);
  let converged = false;
  for (let n = 0; n < MAX_TERMS; n += 2) {
    const N0 = (a + n) * (b + n) * z;
    if (N0 === 0) {
      converged = true; // a terminating series (a or b a non-positive integer) or z = 0
      break;
    }
    const D0 = (c + n) * (n + 1);
    const N1 = (a + n + 1) * (b + n + 1) * z;
    const D1 = (c + n + 1) * (n + 2);
    const inverse = 1 / (D0 * D1);
    const first = term * (N0 * D1 * inverse);
    term *= N0 * N1 * inverse;
    sum += first;
    sum += term;
    const absTerm = Math.abs(term);
    const absLarger = Math.max(Math.abs(first), absTerm);
    if (absLarger > largest) {
      largest = absLarger;
      if (absLarger > RESCALE) {
        term /= RESCALE;
        sum /= RESCALE;
        largest /= RESCALE;
        logScale += LOG_RESCALE;
      }
    }
    if (absTerm <= 1e-16 * Math.abs(sum)) {
      // Tail bound: later ratios stay below max(|ratio|, |z|) once that is < 1.
      const bound = Math.max(Math.abs(((a + n + 2) * (b + n + 2) * z) / ((c + n + 2) * (n + 3))), absZ);
      if (term === 0 || (bound < 1 && absTerm * bound <= 1e-17 * (1 - bound) * Math.abs(sum))) {
        converged = true;
        break;
      }
    }
    if (Number.isNaN(sum)) return NAN_RESULT;
  }
  if (!converged) return NAN_RESULT; // never a truncated series passed off as the value
  if (sum === 0) return { sign: 0, logAbs: Number.NEGATIVE_INFINITY, conditionNumber: Number.POSITIVE_INFINITY };
  return {
    sign: sum > 0 ? 1 : -1,
    logAbs: Math.log(Math.abs(sum)) + logScale,
    conditionNumber: Math.max(1, largest / Math.abs(sum)),
  };
}

/**
 * Gauss hypergeometric function ₂F₁(a, b; c; z) as a signed logarithm, for real parameters and real z < 1.
 *
 * The defining series (Abramowitz & Stegun 15.1.1) is summed with rescaling, so results far beyond the float64
 * range (as with frequencies in the thousands in the Pareto/NBD and BG/NBD) come back as finite logarithms.
 * For z < 0 the Pfaff transformation (A&S 15.3.4/15.3.5) maps the argument into [0, 1) with non-alternating
 * terms; for 0 < z < 1 Euler's transformation ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z)
 * (A&S 15.3.3) is applied when it shortens the series. Convergence is geometric with ratio |z|; z close to 1
 * needs about 37/(1 − z) terms: a series that has not converged after 2,000,000 terms gives NaN, never a
 * truncated value.
 *
 * @returns `{ sign, logAbs, conditionNumber }` with ₂F₁ = sign × exp(logAbs); `logAbs` NaN where the function
 * is undefined here (z ≥ 1, c a non-positive integer, NaN input). `conditionNumber` flags cancellation in series
 * with terms of both signs.
 *
 * @example
 * ```ts
 * logHypergeometric2F1(1, 1, 2, 0.5).logAbs // ≈ 0.3266342599783 (= ln(−ln(1 − z)/z))
 * ```
 */
export function logHypergeometric2F1(a: number, b: number, c: number, z: number): SignedLog {
  if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(z))) return NAN_RESULT;
  if (z === 0) return { sign: 1, logAbs: 0, conditionNumber: 1 };
  if (isNonPositiveInteger(c) && !((isNonPositiveInteger(a) && a > c) || (isNonPositiveInteger(b) && b > c))) {
    return NAN_RESULT;
  }
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return gaussSeries(a, b, c, z); // a polynomial
  if (z >= 1) return NAN_RESULT;
  if (z < 0) {
    // Pfaff: ₂F₁(a,b;c;z) = (1−z)^(−a) ₂F₁(a, c−b; c; z/(z−1)) = (1−z)^(−b) ₂F₁(c−a, b; c; z/(z−1)).
    const w = z / (z - 1);
    const logOneMinusZ = Math.log1p(-z);
    const useA = c - b >= 0 || c - a < 0;
    const inner = useA ? positiveArgument(a, c - b, c, w) : positiveArgument(c - a, b, c, w);
    return { ...inner, logAbs: inner.logAbs - (useA ? a : b) * logOneMinusZ };
  }
  return positiveArgument(a, b, c, z);
}

function positiveArgument(a: number, b: number, c: number, z: number): SignedLog {
  if (z === 0) return { sign: 1, logAbs: 0, conditionNumber: 1 };
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return gaussSeries(a, b, c, z);
  const eulerA = c - a;
  const eulerB = c - b;
  // Euler's form has the smaller growth of terms when |(c−a)(c−b)| < |ab| (e.g. large c with c−a, c−b small).
  if (Math.abs(eulerA * eulerB) < Math.abs(a * b)) {
    const inner = gaussSeries(eulerA, eulerB, c, z);
    return { ...inner, logAbs: inner.logAbs + (c - a - b) * Math.log1p(-z) };
  }
  return gaussSeries(a, b, c, z);
}

/**
 * Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and real z < 1; see
 * {@link logHypergeometric2F1} for the method. Overflows to ±Infinity where the value exceeds the float64 range:
 * use the log form there.
 *
 * @example
 * ```ts
 * hypergeometric2F1(1, 1, 2, 0.5) // 1.3862943611198906 (= −ln(1 − z)/z = 2 ln 2)
 * ```
 */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  const { sign, logAbs } = logHypergeometric2F1(a, b, c, z);
  if (Number.isNaN(logAbs)) return Number.NaN;
  return sign * Math.exp(logAbs);
}
