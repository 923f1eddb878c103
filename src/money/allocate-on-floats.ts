import { kthLargest } from "../math/kth-largest.js";
import { allocateOnDigits, type DigitSplits, giveToLargestLimbs, splitDigits } from "./allocate-on-digits.js";
import { type Money, MoneyDecimal } from "./decimal.js";
import { moneyFromUnits } from "./money-from-units.js";
import { type RoundingOptions, roundMoney } from "./round-money.js";

/**
 * How far a part's float remainder p − ⌊p⌋ (p = value × 10^places) may lie from the remainder of its shortest
 * decimal, relative to p: the decimal is within half an ulp of the value, and p within half an ulp of the product.
 */
const RELATIVE_ERROR = 2 ** -50;

/**
 * The largest-remainder allocation of parts ≥ 0 (the rule of allocateMoney) with float arithmetic where it decides,
 * and each part's decimal digits only where it does not: a part's whole units are ⌊value × 10^places⌋ unless that
 * product lies within its error bound of a whole number (then its digits decide); the total is the floors plus the
 * remainders' float sum rounded once, unless that sum lies within its bound of a rounding boundary (then every
 * part's digits decide, {@link allocateOnDigits}); the units left over go to the parts whose remainders are clearly
 * above the threshold remainder, and among the few within twice the largest bound of it, by their digits. Same units
 * and total as allocateOnDigits, without reading most parts' digits. Undefined where allocateOnDigits is. @internal
 */
export function allocateOnFloats(
  parts: ArrayLike<number>,
  rounding: RoundingOptions = {},
): { units: Float64Array; total: Money } | undefined {
  const decimals = rounding.decimalPlaces ?? 2;
  if (!(Number.isInteger(decimals) && decimals >= 0 && decimals <= 10)) return undefined;
  const split = splitOnFloats(parts, decimals);
  if (split === undefined) return allocateOnDigits(parts, rounding);
  const total = floatTotal(split, decimals, rounding);
  if (total === undefined) return allocateOnDigits(parts, rounding);
  const left = total.units - split.flooredTotal;
  if (!(left >= 0 && left <= parts.length)) return allocateOnDigits(parts, rounding);
  if (left > 0 && !giveLeftOver(parts, decimals, split, left)) return allocateOnDigits(parts, rounding);
  return { units: split.digits.floors, total: total.money };
}

/** Floors and float remainders of every part; `exact` marks the parts whose digits were read. */
interface FloatSplit {
  readonly digits: DigitSplits;
  readonly remainders: Float64Array;
  readonly exact: Uint8Array;
  readonly flooredTotal: number;
  /** Σ remainders in float, and a bound on its distance from the exact Σ. */
  readonly remainderSum: number;
  readonly remainderError: number;
  /** The largest bound on one part's float remainder. */
  readonly largestError: number;
}

function splitOnFloats(parts: ArrayLike<number>, decimals: number): FloatSplit | undefined {
  const count = parts.length;
  const digits: DigitSplits = {
    floors: new Float64Array(count),
    high: new Float64Array(count),
    low: new Float64Array(count),
  };
  const remainders = new Float64Array(count);
  const exact = new Uint8Array(count);
  const scale = 10 ** decimals;
  const limit = 9e15 / scale;
  let flooredTotal = 0;
  let remainderSum = 0;
  let remainderError = 0;
  let largestError = 0;
  for (let index = 0; index < count; index++) {
    const value = parts[index] as number;
    if (value === 0) continue; // floor, remainder and limbs 0
    // Below 1e-300 the product may be subnormal, where the relative error bound does not hold.
    if (!(value >= 1e-300 && value < limit)) return undefined;
    const product = value * scale;
    const floor = Math.floor(product);
    let remainder = product - floor;
    const error = product * RELATIVE_ERROR;
    if (remainder <= error || remainder >= 1 - error) {
      if (!splitDigits(value, decimals, index, digits)) return undefined;
      exact[index] = 1;
      remainder = ((digits.high[index] as number) + (digits.low[index] as number) * 1e-15) * 1e-15;
      remainderError += 2 ** -52;
    } else {
      digits.floors[index] = floor;
      remainderError += error;
      if (error > largestError) largestError = error;
    }
    remainders[index] = remainder;
    flooredTotal += digits.floors[index] as number;
    remainderSum += remainder;
  }
  if (!(flooredTotal + remainderSum < 9e15)) return undefined;
  remainderError += count * 2 ** -52 * remainderSum; // the float sum's own rounding
  return {
    digits,
    remainders,
    exact,
    flooredTotal,
    remainderSum,
    remainderError,
    largestError: Math.max(largestError, 2 ** -52),
  };
}

/**
 * The total rounded once: the floors F plus the remainders' sum R, rounded as roundMoney rounds F + R. R is known to
 * ±ε, so the rounding is decided where no boundary (a half unit for the half modes, a whole one otherwise) lies
 * within ε of it: then F + R rounds as F + ⌊R⌋ + q does with q a quarter, a half or three quarters. Undefined
 * otherwise.
 */
function floatTotal(
  split: FloatSplit,
  decimals: number,
  rounding: RoundingOptions,
): { units: number; money: Money } | undefined {
  const whole = Math.floor(split.remainderSum);
  const fraction = split.remainderSum - whole;
  const error = split.remainderError;
  const mode = rounding.rounding ?? "half-even";
  let quarter: string;
  if (mode.startsWith("half")) {
    if (Math.abs(fraction - 0.5) <= error) return undefined;
    quarter = fraction < 0.5 ? "25" : "75";
  } else {
    if (fraction <= error || fraction >= 1 - error) return undefined;
    quarter = "5";
  }
  const units = split.flooredTotal + whole;
  const text = String(units).padStart(decimals + 1, "0");
  const decimal =
    decimals === 0 ? `${text}.${quarter}` : `${text.slice(0, -decimals)}.${text.slice(-decimals)}${quarter}`;
  const rounded = roundMoney(new MoneyDecimal(decimal), rounding);
  const roundedUnits = Number(rounded.times(new MoneyDecimal(10).pow(decimals)).toFixed(0));
  return { units: roundedUnits, money: moneyFromUnits(roundedUnits, decimals) };
}

/**
 * One unit each to the `left` parts with the largest remainders: every part whose float remainder is more than
 * twice the largest error above the threshold (the left-th largest float remainder) has one exactly above every part
 * near it; the parts within that band are ranked by their digits (ties to the earlier part). False when a part in
 * the band has more digits than two limbs hold.
 */
function giveLeftOver(parts: ArrayLike<number>, decimals: number, split: FloatSplit, left: number): boolean {
  const { remainders, digits } = split;
  const threshold = kthLargest(Float64Array.from(remainders), left);
  const band = 2 * split.largestError;
  const near: number[] = [];
  let above = 0;
  for (let index = 0; index < remainders.length; index++) {
    const remainder = remainders[index] as number;
    if (remainder > threshold + band) {
      digits.floors[index] = (digits.floors[index] as number) + 1;
      above++;
    } else if (remainder >= threshold - band) {
      near.push(index);
      if (split.exact[index] === 0 && !splitDigits(parts[index] as number, decimals, index, digits)) return false;
    }
  }
  giveToLargestLimbs(digits, Uint32Array.from(near), left - above);
  return true;
}
