import { type Money, MoneyDecimal } from "./decimal.js";
import { type RoundingOptions, roundMoney } from "./round-money.js";

/**
 * Rounds parts of a whole so that they add up exactly to the whole rounded once: the whole is Σ parts (exact
 * decimal) rounded with `rounding`; each part is floored to the same decimal places and the units left over go one
 * each to the parts with the largest remainders (ties to the earlier part) — the largest-remainder method. Parts
 * must be finite. @internal
 */
export function allocateMoney(
  parts: ArrayLike<number>,
  rounding: RoundingOptions = {},
): { parts: Money[]; total: Money } {
  const decimals = rounding.decimalPlaces ?? 2;
  const exact = Array.from(parts, (value) => new MoneyDecimal(value));
  const total = roundMoney(
    exact.reduce((sum, value) => sum.plus(value), new MoneyDecimal(0)),
    rounding,
  );
  const floors = exact.map((value) => value.toDecimalPlaces(decimals, MoneyDecimal.ROUND_FLOOR));
  const unit = new MoneyDecimal(10).pow(-decimals);
  let left = total
    .minus(floors.reduce((sum, value) => sum.plus(value), new MoneyDecimal(0)))
    .div(unit)
    .toNumber();
  if (left > 0) {
    const order = exact
      .map((value, index) => ({ index, remainder: value.minus(floors[index] as Money) }))
      .sort((x, y) => y.remainder.comparedTo(x.remainder) || x.index - y.index);
    for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
      const index = (order[k] as { index: number }).index;
      floors[index] = (floors[index] as Money).plus(unit);
    }
  }
  return { parts: floors, total };
}
