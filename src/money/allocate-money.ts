import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { allocateOnFloats } from "./allocate-on-floats.js";
import { type Money, MoneyDecimal } from "./decimal.js";
import { exactFloatSum } from "./exact-float-sum.js";
import { lazyMoneyArray } from "./lazy-money-array.js";
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
 * BigInt otherwise; on floats each part's Decimal is made when it is first read ({@link lazyMoneyArray}), so a
 * million parts cost a Float64Array until used. With `withParts`
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
  const onFloats = allocateOnFloats(parts, rounding);
  if (onFloats === undefined) return allocateExactly(parts, rounding);
  return { parts: lazyMoneyArray(onFloats.units, rounding.decimalPlaces ?? 2), total: onFloats.total };
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
