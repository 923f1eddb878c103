/**
 * The coefficients of S(z) = Σₘ (d)ₘ/(c)ₘ zᵐ (the series of `logA0`) and of its derivatives in d and c, for one
 * (d, c): uₘ = (d)ₘ/(c)ₘ, uₘ Σ_{k<m} 1/(d+k), uₘ Σ_{k<m} 1/(c+k), and the stopping weight uₘ max(m, Σ 1/(d+k) +
 * Σ 1/(c+k)) of `logSeriesWithGradient`. Customers who share a frequency share (d, c), so a likelihood pass builds
 * the coefficients once per frequency and each customer's series is a dot product with the powers of its z: no
 * division per term. @internal
 */
export interface SeriesTable {
  d: number;
  c: number;
  /** Coefficients built: entries 0 … length − 1 (an odd count: the sums take the terms in pairs after the first). */
  length: number;
  value: Float64Array;
  byD: Float64Array;
  byC: Float64Array;
  stop: Float64Array;
}

/** A table with room for `capacity` coefficients (it grows when a build needs more). */
export function newSeriesTable(capacity = 256): SeriesTable {
  return {
    d: Number.NaN,
    c: Number.NaN,
    length: 0,
    value: new Float64Array(capacity),
    byD: new Float64Array(capacity),
    byC: new Float64Array(capacity),
    stop: new Float64Array(capacity),
  };
}

/** More coefficients than this are never built: at z = 0.95 the series settles within about 900 terms. */
const MOST_TERMS = 100_001;

/**
 * Builds the coefficients for (d, c) far enough that the series settles for every z ≤ `zMax` (< 1): until a pair of
 * terms falls below the stopping rule at zMax (with S ≥ 1), every smaller z settling no later.
 */
export function buildSeriesTable(table: SeriesTable, d: number, c: number, zMax: number): void {
  table.d = d;
  table.c = c;
  const tolerance = 1e-17 * (1 - zMax);
  let harmonicD = 0;
  let harmonicC = 0;
  let power = 1;
  let below = 0;
  table.value[0] = 1;
  let m = 1;
  for (; m < MOST_TERMS && !(below >= 2 && m % 2 === 1); m++) {
    if (m >= table.value.length) growSeriesTable(table, 2 * m);
    harmonicD += 1 / (d + m - 1);
    harmonicC += 1 / (c + m - 1);
    const u = (table.value[m - 1] as number) * ((d + m - 1) / (c + m - 1));
    table.value[m] = u;
    table.byD[m] = u * harmonicD;
    table.byC[m] = u * harmonicC;
    const stop = u * Math.max(m, harmonicD + harmonicC);
    table.stop[m] = stop;
    power *= zMax;
    below = stop * power <= tolerance ? below + 1 : 0;
  }
  table.length = m;
}

function growSeriesTable(table: SeriesTable, needed: number): void {
  for (const key of ["value", "byD", "byC", "stop"] as const) {
    const grown = new Float64Array(needed);
    grown.set(table[key]);
    table[key] = grown;
  }
}

/**
 * S(z) from the coefficients (z no larger than the table's zMax), with [∂ln S/∂d, ∂ln S/∂c, ∂ln S/∂z] into
 * `gradient` when given: the sums of `logSeriesWithGradient` and its stopping rule, checked after each pair of
 * terms; NaN if it does not settle within the table. Odd and even terms go to separate sums, each with its own power
 * of z: two independent chains of multiplications and additions instead of one, which the processor overlaps.
 */
export function seriesFromTable(table: SeriesTable, z: number, gradient: Float64Array | undefined): number {
  if (gradient === undefined) return seriesValueFromTable(table, z);
  const { value, byD, byC, stop, length } = table;
  const tolerance = 1e-17 * (1 - z);
  const z2 = z * z;
  let odd = z;
  let even = z2;
  let sumOdd = 0;
  let sumEven = 1;
  let dOdd = 0;
  let dEven = 0;
  let cOdd = 0;
  let cEven = 0;
  let zOdd = 0;
  let zEven = 0;
  for (let m = 1; m + 1 < length; m += 2) {
    const uOdd = (value[m] as number) * odd;
    const uEven = (value[m + 1] as number) * even;
    sumOdd += uOdd;
    sumEven += uEven;
    dOdd += (byD[m] as number) * odd;
    dEven += (byD[m + 1] as number) * even;
    cOdd += (byC[m] as number) * odd;
    cEven += (byC[m + 1] as number) * even;
    zOdd += m * uOdd;
    zEven += (m + 1) * uEven;
    const sum = sumOdd + sumEven;
    if ((stop[m + 1] as number) * even <= tolerance * sum && (stop[m] as number) * odd <= tolerance * sum) {
      gradient[0] = (dOdd + dEven) / sum;
      gradient[1] = -(cOdd + cEven) / sum;
      gradient[2] = z > 0 ? (zOdd + zEven) / (z * sum) : table.d / table.c;
      return sum;
    }
    odd *= z2;
    even *= z2;
  }
  return Number.NaN;
}

/** S(z) alone (see {@link seriesFromTable}): one sum, the same stopping rule. */
function seriesValueFromTable(table: SeriesTable, z: number): number {
  const { value, stop, length } = table;
  const tolerance = 1e-17 * (1 - z);
  const z2 = z * z;
  let odd = z;
  let even = z2;
  let sumOdd = 0;
  let sumEven = 1;
  for (let m = 1; m + 1 < length; m += 2) {
    sumOdd += (value[m] as number) * odd;
    sumEven += (value[m + 1] as number) * even;
    const sum = sumOdd + sumEven;
    if ((stop[m + 1] as number) * even <= tolerance * sum && (stop[m] as number) * odd <= tolerance * sum) return sum;
    odd *= z2;
    even *= z2;
  }
  return Number.NaN;
}
