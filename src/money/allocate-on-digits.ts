import type { Money } from "./decimal.js";
import { MoneyDecimal } from "./decimal.js";
import { type RoundingOptions, roundMoney } from "./round-money.js";

/** A float64 integer below this holds 15 decimal digits exactly: a limb of a remainder. */
const LIMB = 1e15;

/**
 * The plain decimal digits of a value's shortest round-trip form: "1.2345e-7" → "0.00000012345". Undefined for
 * values written with a positive exponent (≥ 1e21).
 */
function plainText(value: number): string | undefined {
  const text = String(value);
  const e = text.indexOf("e");
  if (e < 0) return text;
  const exponent = Number(text.slice(e + 1));
  if (exponent >= 0) return undefined;
  const mantissa = text.slice(0, e).replace(".", "");
  return `0.${"0".repeat(-exponent - 1)}${mantissa}`;
}

/** Whole units and the remainder's two 15-digit limbs of parts, by index. @internal */
export interface DigitSplits {
  readonly floors: Float64Array;
  /** Remainder digits 1–15 beyond the places, left-aligned. */
  readonly high: Float64Array;
  /** Remainder digits 16–30. */
  readonly low: Float64Array;
}

/**
 * Splits part `index`'s shortest decimal at the rounding's places: its whole units into `floors`, the digits beyond
 * into two 15-digit limbs (exact integers). False for a value with more than 30 digits beyond the places or written
 * with a positive exponent. @internal
 */
export function splitDigits(value: number, decimals: number, index: number, into: DigitSplits): boolean {
  const text = plainText(value);
  if (text === undefined) return false;
  let floor = 0;
  let limbs = 0; // digits beyond the places so far
  let upper = 0;
  let lower = 0;
  let places = -1; // digits after the point so far; −1 before it
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 46) {
      places = 0;
      continue;
    }
    const digit = code - 48;
    if (places < decimals) {
      floor = floor * 10 + digit;
      if (places >= 0) places++;
    } else {
      if (limbs < 15) upper = upper * 10 + digit;
      else if (limbs < 30) lower = lower * 10 + digit;
      else return false;
      limbs++;
      places++;
    }
  }
  into.floors[index] = floor * 10 ** (decimals - Math.max(0, Math.min(places, decimals)));
  // Left-aligned: limb digits past the written ones are zeros.
  into.high[index] = upper * 10 ** (15 - Math.min(limbs, 15));
  into.low[index] = limbs > 15 ? lower * 10 ** (30 - limbs) : 0;
  return true;
}

/**
 * The largest-remainder allocation of parts ≥ 0 on float64 integers read from each part's decimal digits: at most
 * 30 digits beyond the rounding's places (down to about 1e-13 at two places), and a sum below 9 × 10^15 units (9 ×
 * 10^13 at two places). The remainders are summed with carries, and the units left over go to the largest
 * remainders, ties to the earlier part, found by numeric sorts of the limbs rather than a comparator sort of the
 * parts. Returns each part's whole units; undefined when a part is outside that range (the BigInt path then takes
 * it). @internal
 */
export function allocateOnDigits(
  parts: ArrayLike<number>,
  rounding: RoundingOptions = {},
): { units: Float64Array; total: Money } | undefined {
  const decimals = rounding.decimalPlaces ?? 2;
  if (!(Number.isInteger(decimals) && decimals >= 0 && decimals <= 10)) return undefined;
  const count = parts.length;
  const splits: DigitSplits = {
    floors: new Float64Array(count),
    high: new Float64Array(count),
    low: new Float64Array(count),
  };
  // Units of the rounding's places stay exact integers in float64, each and summed, below 9 × 10^15.
  const limit = 9e15 / 10 ** decimals;
  let magnitude = 0;
  for (let index = 0; index < count; index++) {
    const value = parts[index] as number;
    if (!(value >= 0 && value < limit)) return undefined;
    magnitude += value;
    if (!splitDigits(value, decimals, index, splits)) return undefined;
  }
  if (!(magnitude < limit)) return undefined;
  const total = digitTotal(splits, decimals, rounding);
  const left = Number(total.times(new MoneyDecimal(10).pow(decimals)).toFixed(0)) - sumOf(splits.floors);
  if (!(left >= 0 && left <= count)) return undefined;
  if (left > 0)
    giveToLargestLimbs(
      splits,
      Uint32Array.from({ length: count }, (_, index) => index),
      left,
    );
  return { units: splits.floors, total };
}

function sumOf(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum;
}

/** Σ parts exactly (floors, then the remainders' limbs with carries), rounded once. */
function digitTotal(splits: DigitSplits, decimals: number, rounding: RoundingOptions): Money {
  let flooredTotal = 0;
  let sumHigh = 0;
  let sumLow = 0;
  let carry = 0;
  for (let index = 0; index < splits.floors.length; index++) {
    flooredTotal += splits.floors[index] as number;
    sumLow += splits.low[index] as number;
    if (sumLow >= LIMB) {
      sumLow -= LIMB;
      sumHigh += 1;
    }
    sumHigh += splits.high[index] as number;
    if (sumHigh >= LIMB) {
      sumHigh -= LIMB;
      carry += 1;
    }
  }
  const units = String(flooredTotal + carry).padStart(decimals + 1, "0");
  const whole = decimals === 0 ? units : units.slice(0, -decimals);
  const fraction = `${decimals === 0 ? "" : units.slice(-decimals)}${String(sumHigh).padStart(15, "0")}${String(sumLow).padStart(15, "0")}`;
  return roundMoney(new MoneyDecimal(`${whole}.${fraction}`), rounding);
}

/**
 * One unit each to the `left` parts among `indices` (in ascending order) with the largest remainders, by their high
 * limb and then, among the parts that share the threshold's high limb, their low limb; ties to the earlier part.
 * @internal
 */
export function giveToLargestLimbs(splits: DigitSplits, indices: Uint32Array, left: number): void {
  const { floors, high, low } = splits;
  const highThreshold = Float64Array.from(indices, (index) => high[index] as number).sort()[
    indices.length - left
  ] as number;
  let above = 0;
  const tied: number[] = [];
  for (const index of indices) {
    const value = high[index] as number;
    if (value > highThreshold) above++;
    else if (value === highThreshold) tied.push(index);
  }
  const fromTied = left - above;
  const lowThreshold = Float64Array.from(tied, (index) => low[index] as number).sort()[
    tied.length - fromTied
  ] as number;
  let lowAbove = 0;
  for (const index of tied) if ((low[index] as number) > lowThreshold) lowAbove++;
  let ties = fromTied - lowAbove;
  for (const index of indices) {
    const h = high[index] as number;
    const l = low[index] as number;
    if (h > highThreshold || (h === highThreshold && (l > lowThreshold || (l === lowThreshold && ties-- > 0))))
      floors[index] = (floors[index] as number) + 1;
  }
}
