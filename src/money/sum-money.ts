import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { guardRead } from "../input/read-options.js";
import { type Money, MoneyDecimal } from "./decimal.js";
import { type MoneyInput, toMoney } from "./parse-money.js";

/**
 * Sums money amounts in decimal arithmetic. The sum is exact (and so independent of the order of the amounts)
 * as long as it fits in 34 significant digits, which covers any realistic ledger: e.g. amounts with 4 decimal
 * places up to 10^29.
 *
 * @param values - Amounts (strings, numbers or Decimals; see {@link parseMoney}). An empty list sums to 0.
 * @returns The exact sum as a Decimal.
 * @throws InvalidInputError naming the index of the first bad amount, or when `values` is not a list (a string is
 *   one amount, not a list of digits: `sumMoney("100")` is an error, `sumMoney(["100"])` is 100).
 *
 * @example
 * ```ts
 * sumMoney([0.1, 0.2]).toString()   // "0.3" (a float sum gives 0.30000000000000004)
 * ```
 */
export function sumMoney(values: Iterable<MoneyInput>): Money {
  if (
    values === null ||
    typeof values !== "object" ||
    typeof guardRead("money amounts", [], () => (values as Iterable<unknown>)[Symbol.iterator]) !== "function"
  ) {
    throw new InvalidInputError("money amounts", [
      {
        code: "invalid_type",
        path: [],
        message: `must be a list of amounts (an array or other iterable), got ${typeof values === "string" ? `the string ${JSON.stringify(values)}` : shown(values)}`,
      },
    ]);
  }
  let total = new MoneyDecimal(0);
  let index = 0;
  const amounts = guardRead("money amounts", [], () => Array.from(values));
  for (const value of amounts) {
    total = total.plus(toMoney(value, "amount", index));
    index += 1;
  }
  return total;
}
