import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { type Money, MoneyDecimal } from "./decimal.js";
import { exactFloatSum } from "./exact-float-sum.js";
import { type RoundingOptions, roundMoney } from "./round-money.js";

/** The decimal a part stands for (its shortest round-trip form, as `new Decimal(number)` reads it), unsigned digits. */
function plainDecimal(value: number): { negative: boolean; whole: string; fraction: string } {
  let text = shown(value);
  if (text.includes("e")) text = new MoneyDecimal(value).toFixed(); // 1e-7, 1e+21: written out in full
  const negative = text.startsWith("-");
  if (negative) text = text.slice(1);
  const point = text.indexOf(".");
  return point < 0
    ? { negative, whole: text, fraction: "" }
    : { negative, whole: text.slice(0, point), fraction: text.slice(point + 1) };
}

function formatUnits(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, "0");
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}

/**
 * Rounds parts of a whole so that they add up exactly to the whole rounded once: the whole is Σ parts (exact
 * decimal) rounded with `rounding`; each part is floored to the same decimal places and the units left over go one
 * each to the parts with the largest remainders (ties to the earlier part) — the largest-remainder method. Parts
 * must be finite. The arithmetic is exact on integers: float64 ones for the usual parts ({@link allocateOnFloats}),
 * BigInt otherwise, so a million parts cost one Decimal each for the output rather than a dozen Decimal
 * operations. With `withParts`
 * false only the whole is computed and `parts` is empty: then the whole is the exact sum of the float values
 * themselves (not of their shortest decimals), rounded once, which costs milliseconds for a million parts. The two
 * exact sums differ by at most half a float step per value (under 5e-13 for values below 4,096, so under 5e-7 for
 * a million of them): the rounded wholes agree unless the sum falls that close to a half cent. @internal
 */
export function allocateMoney(
  parts: ArrayLike<number>,
  rounding: RoundingOptions = {},
  withParts = true,
  subject = "money",
): { parts: Money[]; total: Money } {
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] as number;
    if (!Number.isFinite(part))
      throw new InvalidInputError(
        subject,
        [
          {
            code: "custom",
            path: [index],
            message: `the value of row ${index} is ${part}, not an amount: its inputs lie where the model cannot be evaluated`,
          },
        ],
        index,
      );
  }
  if (!withParts) return { parts: [], total: roundMoney(new MoneyDecimal(exactFloatSum(parts)), rounding) };
  return allocateOnFloats(parts, rounding) ?? allocateExactly(parts, rounding);
}

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

/**
 * {@link allocateMoney} with exact integer arithmetic on float64 (no BigInt), for the usual parts: ≥ 0, at most 30
 * digits beyond the rounding's places (down to about 1e-13 at two places), and a sum below 9 × 10^15 units (9 × 10^13
 * at two places). Each part's shortest decimal is split at the rounding's places into whole units and a remainder
 * of two 15-digit limbs (exact integers); the remainders are summed with carries, and the units left over go to the
 * largest remainders, ties to the earlier part, found by numeric sorts of the limbs rather than a comparator sort of
 * the parts. Undefined when a part is outside that range: {@link allocateExactly} then does the same with BigInt.
 * @internal
 */
export function allocateOnFloats(
  parts: ArrayLike<number>,
  rounding: RoundingOptions = {},
): { parts: Money[]; total: Money } | undefined {
  const decimals = rounding.decimalPlaces ?? 2;
  if (!(Number.isInteger(decimals) && decimals >= 0 && decimals <= 10)) return undefined;
  const count = parts.length;
  const floors = new Float64Array(count);
  const high = new Float64Array(count); // remainder digits 1–15 beyond the places
  const low = new Float64Array(count); // remainder digits 16–30
  // Units of the rounding's places stay exact integers in float64, each and summed, below 9 × 10^15.
  const limit = 9e15 / 10 ** decimals;
  let magnitude = 0;
  for (let index = 0; index < count; index++) {
    const value = parts[index] as number;
    if (!(value >= 0 && value < limit)) return undefined;
    magnitude += value;
    const text = plainText(value);
    if (text === undefined) return undefined;
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
        else return undefined;
        limbs++;
        places++;
      }
    }
    floors[index] = floor * 10 ** (decimals - Math.max(0, Math.min(places, decimals)));
    // Left-aligned: limb digits past the written ones are zeros.
    high[index] = upper * 10 ** (15 - Math.min(limbs, 15));
    low[index] = limbs > 15 ? lower * 10 ** (30 - limbs) : 0;
  }
  if (!(magnitude < limit)) return undefined;
  // Σ floors, and Σ remainders exactly with carries: low limb into the high one, the high one into whole units.
  let flooredTotal = 0;
  let sumHigh = 0;
  let sumLow = 0;
  let carry = 0;
  for (let index = 0; index < count; index++) {
    flooredTotal += floors[index] as number;
    sumLow += low[index] as number;
    if (sumLow >= LIMB) {
      sumLow -= LIMB;
      sumHigh += 1;
    }
    sumHigh += high[index] as number;
    if (sumHigh >= LIMB) {
      sumHigh -= LIMB;
      carry += 1;
    }
  }
  const units = String(flooredTotal + carry).padStart(decimals + 1, "0");
  const whole = decimals === 0 ? units : units.slice(0, -decimals);
  const fraction = `${decimals === 0 ? "" : units.slice(-decimals)}${String(sumHigh).padStart(15, "0")}${String(sumLow).padStart(15, "0")}`;
  const total = roundMoney(new MoneyDecimal(`${whole}.${fraction}`), rounding);
  const left = Number(total.times(new MoneyDecimal(10).pow(decimals)).toFixed(0)) - flooredTotal;
  if (!(left >= 0 && left <= count)) return undefined;
  if (left > 0) {
    // The left-th largest remainder, by its high limb and then, among the parts that share that limb, its low
    // limb: parts above it get a unit, and as many equal to it as units remain, in order.
    const highThreshold = Float64Array.from(high).sort()[count - left] as number;
    let above = 0;
    const tied: number[] = [];
    for (let index = 0; index < count; index++) {
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
    for (let index = 0; index < count; index++) {
      const h = high[index] as number;
      const l = low[index] as number;
      if (h > highThreshold || (h === highThreshold && (l > lowThreshold || (l === lowThreshold && ties-- > 0))))
        floors[index] = (floors[index] as number) + 1;
    }
  }
  const scale = 10 ** decimals;
  const money: Money[] = new Array(count);
  for (let index = 0; index < count; index++) {
    const value = floors[index] as number;
    money[index] = new MoneyDecimal(
      decimals === 0 ? String(value) : `${Math.floor(value / scale)}.${String(value % scale).padStart(decimals, "0")}`,
    );
  }
  return { parts: money, total };
}

/** {@link allocateMoney} on BigInt: any finite parts. @internal */
export function allocateExactly(
  parts: ArrayLike<number>,
  rounding: RoundingOptions = {},
): { parts: Money[]; total: Money } {
  const decimals = rounding.decimalPlaces ?? 2;
  const count = parts.length;
  const decimalsOf = Array.from({ length: count }, (_, index) => plainDecimal(parts[index] as number));
  let places = decimals;
  for (const { fraction } of decimalsOf) if (fraction.length > places) places = fraction.length;
  const scale = 10n ** BigInt(places - decimals);
  const floors = new Array<bigint>(count);
  const remainders = new Array<bigint>(count);
  let exactTotal = 0n;
  let flooredTotal = 0n;
  for (let index = 0; index < count; index++) {
    const { negative, whole, fraction } = decimalsOf[index] as { negative: boolean; whole: string; fraction: string };
    const magnitude = BigInt(whole + fraction.padEnd(places, "0"));
    const units = negative ? -magnitude : magnitude;
    exactTotal += units;
    let floor = units / scale; // truncates towards zero
    if (units < 0n && floor * scale !== units) floor -= 1n;
    floors[index] = floor;
    remainders[index] = units - floor * scale;
    flooredTotal += floor;
  }
  const total = roundMoney(new MoneyDecimal(formatUnits(exactTotal, places)), rounding);
  let left = Number(BigInt(total.times(new MoneyDecimal(10).pow(decimals)).toFixed(0)) - flooredTotal);
  if (left > 0) {
    // Largest remainders first: sorted by their float value, ties (within a float's precision) exactly, then by index.
    const approximate = Float64Array.from(remainders, (remainder) => Number(remainder));
    const order = Uint32Array.from({ length: count }, (_, index) => index).sort((x, y) => {
      const difference = (approximate[y] as number) - (approximate[x] as number);
      if (difference !== 0) return difference;
      const exactX = remainders[x] as bigint;
      const exactY = remainders[y] as bigint;
      return exactY > exactX ? 1 : exactY < exactX ? -1 : x - y;
    });
    for (let k = 0; left > 0; k = (k + 1) % count, left--) {
      const index = order[k] as number;
      floors[index] = (floors[index] as bigint) + 1n;
    }
  }
  return { parts: floors.map((units) => new MoneyDecimal(formatUnits(units, decimals))), total };
}
