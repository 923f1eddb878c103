import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { guardRead, type OptionNames, readOptions } from "../input/read-options.js";
import type { MoneyInput } from "../money/parse-money.js";

/** RFM input: rows of measures, or the same as columns. Spend may be a number, a decimal string or a Decimal. */
export type RfmInput =
  | readonly {
      readonly daysSinceLastPurchase: number;
      readonly purchaseCount: number;
      readonly totalSpend: MoneyInput;
    }[]
  | {
      readonly daysSinceLastPurchase: ArrayLike<number>;
      readonly purchaseCount: ArrayLike<number>;
      readonly totalSpend: ArrayLike<MoneyInput>;
    };

/** Cut points per dimension for `method: "thresholds"`: ascending upper bounds of bins 1 … bins−1 of the value. */
export interface RfmThresholds {
  /** Day cut-offs, ascending: days ≤ recency[0] score highest. */
  readonly recency: readonly number[];
  readonly frequency: readonly number[];
  readonly monetary: readonly number[];
}

const THRESHOLD_NAMES: OptionNames<RfmThresholds> = { recency: true, frequency: true, monetary: true };
const SCORE_OPTION_NAMES: OptionNames<RfmScoreOptions> = { bins: true, method: true, thresholds: true };

/** Options of {@link score}. */
export interface RfmScoreOptions {
  /** Number of score levels per dimension, 2 … 10 (default 5). */
  readonly bins?: number;
  /** "quantile" (default): mid-rank quantiles of the given customers; "thresholds": fixed cut points. */
  readonly method?: "quantile" | "thresholds";
  readonly thresholds?: RfmThresholds;
}

/** One customer's RFM score. */
export interface RfmScore {
  readonly r: number;
  readonly f: number;
  readonly m: number;
  /** "rfm" digits, e.g. "545"; with 10 bins the three scores are joined by "-" (e.g. "10-4-7"). */
  readonly code: string;
}

/** Scores as columns (for millions of customers). */
export interface RfmScoreColumns {
  readonly r: Uint8Array;
  readonly f: Uint8Array;
  readonly m: Uint8Array;
}

function fail(path: (string | number)[], message: string, rowIndex?: number): never {
  throw new InvalidInputError("RFM input", [{ code: "custom", path, message }], rowIndex);
}

function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string")
    return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (value !== null && typeof value === "object" && "toNumber" in value && typeof value.toNumber === "function")
    return (value as { toNumber(): number }).toNumber();
  return Number.NaN;
}

/** Days and counts are numbers only: "" or "3" must fail validation, not become 0 and 3. */
function numberOnly(value: unknown): number {
  return typeof value === "number" ? value : Number.NaN;
}

function columnsOf(input: RfmInput): [Float64Array, Float64Array, Float64Array] {
  return guardRead("RFM measures", [], () => readMeasures(input));
}

function readMeasures(input: RfmInput): [Float64Array, Float64Array, Float64Array] {
  if (Array.isArray(input)) {
    const rows = input as Extract<RfmInput, readonly unknown[]>;
    return [
      Float64Array.from(rows, (row) => numberOnly(row?.daysSinceLastPurchase)),
      Float64Array.from(rows, (row) => numberOnly(row?.purchaseCount)),
      Float64Array.from(rows, (row) => toNumber(row?.totalSpend)),
    ];
  }
  const columns = input as Exclude<RfmInput, readonly unknown[]>;
  for (const field of ["daysSinceLastPurchase", "purchaseCount", "totalSpend"] as const) {
    if (columns?.[field]?.length === undefined) {
      throw new InvalidInputError("RFM measures", [
        { code: "invalid_type", path: [field], message: "must be rows or columns of measures (a column is missing)" },
      ]);
    }
  }
  return [
    Float64Array.from(columns.daysSinceLastPurchase, numberOnly),
    Float64Array.from(columns.purchaseCount, numberOnly),
    Float64Array.from(columns.totalSpend, toNumber),
  ];
}

/**
 * Mid-rank quantile scores: a value gets 1 + ⌊bins × (#smaller + #equal / 2) / n⌋. Equal values always share a
 * score (a tie group is placed by its middle rank, which keeps bins as balanced as the ties allow), and the score
 * never falls as the value rises. Because the score is monotone in the value, it is fixed by at most bins − 1
 * cut values, found from the sorted values (or a histogram for small whole numbers such as counts and days); each
 * customer is then scored against those cuts. @internal
 */
function quantileScores(values: Float64Array, bins: number, out: Uint8Array): void {
  const n = values.length;
  if (n === 0) return;
  const cuts: number[] = []; // cuts[j]: smallest value scoring ≥ j + 2
  const visitGroup = (value: number, start: number, size: number): void => {
    const groupScore = 1 + Math.min(bins - 1, Math.floor((bins * (start + size / 2)) / n));
    while (cuts.length < groupScore - 1) cuts.push(value);
  };
  let maximum = 0;
  let wholeNumbers = true;
  for (let index = 0; index < n; index++) {
    const value = values[index] as number;
    if (value > maximum) maximum = value;
    if (!Number.isInteger(value) || value < 0) wholeNumbers = false;
  }
  if (wholeNumbers && maximum <= 4 * n + 1024) {
    const histogram = new Uint32Array(maximum + 1);
    for (let index = 0; index < n; index++)
      histogram[values[index] as number] = (histogram[values[index] as number] as number) + 1;
    let start = 0;
    for (let value = 0; value <= maximum; value++) {
      const size = histogram[value] as number;
      if (size === 0) continue;
      visitGroup(value, start, size);
      start += size;
    }
  } else {
    const sorted = Float64Array.from(values).sort();
    for (let start = 0; start < n; ) {
      let end = start + 1;
      while (end < n && sorted[end] === sorted[start]) end++;
      visitGroup(sorted[start] as number, start, end - start);
      start = end;
    }
  }
  for (let index = 0; index < n; index++) {
    const value = values[index] as number;
    let level = 0;
    while (level < cuts.length && value >= (cuts[level] as number)) level++;
    out[index] = 1 + level;
  }
}

function thresholdScores(values: Float64Array, cuts: readonly number[], out: Uint8Array): void {
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    let above = 0;
    while (above < cuts.length && value > (cuts[above] as number)) above++;
    out[index] = 1 + above;
  }
}

/**
 * RFM scores 1 … bins per dimension, as columns: recency is reversed (fewer days since the last purchase scores
 * higher), frequency and monetary value score higher when larger.
 *
 * - "quantile" (default): mid-rank quantiles over the given customers (see the README for the tie rule); equal
 *   values always get equal scores, so bins can be unequal when ties straddle a boundary.
 * - "thresholds": fixed ascending cut points per dimension (bins − 1 each); a value above the j-th cut point and not
 *   above the next scores j + 1 (recency: days ≤ the first cut score `bins`).
 *
 * @throws InvalidInputError for negative, non-finite or non-integer measures (with the row), bins outside 2 … 10,
 * or thresholds of the wrong length or order.
 *
 * @example
 * ```ts
 * rfm.scoreColumns({ daysSinceLastPurchase: [1, 30, 400], purchaseCount: [9, 2, 1], totalSpend: [900, 50, 20] }, { bins: 3 }).r // [3, 2, 1]
 * ```
 */
export function scoreColumns(input: RfmInput, options: RfmScoreOptions = {}): RfmScoreColumns {
  options = readOptions("RFM score options", options, SCORE_OPTION_NAMES);
  if (options.thresholds !== undefined)
    options = {
      ...options,
      thresholds: readOptions("RFM score options", options.thresholds, THRESHOLD_NAMES, {
        path: ["thresholds"],
        optional: false,
      }),
    };
  const bins = options.bins ?? 5;
  const method = options.method ?? "quantile";
  if (!(Number.isInteger(bins) && bins >= 2 && bins <= 10))
    fail(["bins"], `must be a whole number from 2 to 10, got ${shown(bins)}`);
  if (method !== "quantile" && method !== "thresholds")
    fail(["method"], `must be "quantile" or "thresholds", got ${shown(method)}`);
  if (input === null || typeof input !== "object") fail([], "must be an array of rows or an object of columns");
  const [days, count, spend] = columnsOf(input);
  const n = days.length;
  if (count.length !== n || spend.length !== n) fail([], "columns must have equal lengths");
  for (let index = 0; index < n; index++) {
    const d = days[index] as number;
    const c = count[index] as number;
    const s = spend[index] as number;
    if (!(Number.isFinite(d) && d >= 0))
      fail(["daysSinceLastPurchase"], `must be a finite number of days ≥ 0, got ${shown(d)}`, index);
    if (!(Number.isInteger(c) && c >= 1)) fail(["purchaseCount"], `must be a whole number ≥ 1, got ${shown(c)}`, index);
    if (!(Number.isFinite(s) && s >= 0)) fail(["totalSpend"], `must be a finite amount ≥ 0, got ${shown(s)}`, index);
  }
  const r = new Uint8Array(n);
  const f = new Uint8Array(n);
  const m = new Uint8Array(n);
  if (method === "quantile") {
    quantileScores(days, bins, r);
    for (let index = 0; index < n; index++) r[index] = bins + 1 - (r[index] as number);
    quantileScores(count, bins, f);
    quantileScores(spend, bins, m);
  } else {
    const thresholds = options.thresholds;
    for (const name of ["recency", "frequency", "monetary"] as const) {
      const cuts = thresholds?.[name];
      if (
        !Array.isArray(cuts) ||
        cuts.length !== bins - 1 ||
        cuts.some((cut, index) => !Number.isFinite(cut) || (index > 0 && cut <= (cuts[index - 1] as number)))
      ) {
        fail(["thresholds", name], `needs ${bins - 1} strictly ascending finite cut points for ${bins} bins`);
      }
    }
    thresholdScores(days, (thresholds as RfmThresholds).recency, r);
    for (let index = 0; index < n; index++) r[index] = bins + 1 - (r[index] as number);
    thresholdScores(count, (thresholds as RfmThresholds).frequency, f);
    thresholdScores(spend, (thresholds as RfmThresholds).monetary, m);
  }
  return { r, f, m };
}

/**
 * The code of one score triple: "545", or "10-4-7" when a score has two digits.
 *
 * @throws InvalidInputError for a score that is not a whole number from 1 to 10.
 *
 * @example
 * ```ts
 * rfm.rfmCode(5, 4, 5) // "545"
 * ```
 */
export function rfmCode(r: number, f: number, m: number): string {
  const issues = (["r", "f", "m"] as const).flatMap((name, at) => {
    const score = [r, f, m][at] as number;
    return Number.isInteger(score) && score >= 1 && score <= 10
      ? []
      : [{ code: "custom", path: [name], message: `must be a whole score from 1 to 10, got ${shown(score)}` }];
  });
  if (issues.length > 0) throw new InvalidInputError("RFM scores", issues);
  return r > 9 || f > 9 || m > 9 ? `${r}-${f}-${m}` : `${r}${f}${m}`;
}

/**
 * RFM scores per customer as rows `{ r, f, m, code }`; see {@link scoreColumns} for the rules.
 *
 * @example
 * ```ts
 * rfm.score([{ daysSinceLastPurchase: 3, purchaseCount: 12, totalSpend: "1500" }, { daysSinceLastPurchase: 300, purchaseCount: 1, totalSpend: 80 }], { bins: 2 })[0].code // "222"
 * ```
 */
export function score(input: RfmInput, options: RfmScoreOptions = {}): RfmScore[] {
  const { r, f, m } = scoreColumns(input, options);
  return Array.from(r, (rValue, index) => {
    const fValue = f[index] as number;
    const mValue = m[index] as number;
    return { r: rValue, f: fValue, m: mValue, code: rfmCode(rValue, fValue, mValue) };
  });
}
