import { InvalidInputError } from "../errors.js";
import { checkLogInWindow, readTransactionColumns, type TransactionColumns } from "../schemas/transaction-columns.js";

/** RFM measures as columns, one entry per customer (in the order of first appearance): what `scoreColumns` takes. */
export interface RfmMeasureColumns {
  readonly customerId: (string | number)[];
  /** Whole days from the last purchase day to the asOf day (0 = bought on asOf). */
  readonly daysSinceLastPurchase: Float64Array;
  /** Purchases (transactions) up to asOf. */
  readonly purchaseCount: Float64Array;
  /**
   * Total spend: the compensated float64 sum of the amounts (Neumaier), exact when the amounts are whole minor units
   * (cents) and their sum stays below 2^53; the rows form sums decimals exactly.
   */
  readonly totalSpend: Float64Array;
}

/**
 * The RFM measures of a log given as columns (ids, day numbers or dates, amounts) as of a day number. @internal
 * (the public entry is the columns overload of `rfm.fromTransactions`)
 */
export function fromTransactionColumns(
  transactions: TransactionColumns,
  asOfDay: number,
  dateUnit?: "millisecond",
): RfmMeasureColumns {
  const log = readTransactionColumns(transactions, asOfDay, dateUnit);
  const { customerIds, rowCustomer, rowDay, rowAmount } = log;
  if (rowAmount === undefined)
    throw new InvalidInputError("transaction columns", [
      { code: "custom", path: ["amount"], message: "is required: RFM's monetary measure sums the amounts" },
    ]);
  checkLogInWindow(log, asOfDay, "asOf");
  const customers = customerIds.length;
  const last = new Float64Array(customers).fill(Number.NEGATIVE_INFINITY);
  const purchaseCount = new Float64Array(customers);
  const totalSpend = new Float64Array(customers);
  const compensation = new Float64Array(customers);
  const amounts = rowAmount as ArrayLike<number>;
  for (let index = 0; index < rowCustomer.length; index++) {
    const customer = rowCustomer[index] as number;
    if (customer < 0) continue;
    const day = rowDay[index] as number;
    if (day > (last[customer] as number)) last[customer] = day;
    purchaseCount[customer] = (purchaseCount[customer] as number) + 1;
    const sum = totalSpend[customer] as number;
    const amount = amounts[index] as number;
    const next = sum + amount;
    compensation[customer] =
      (compensation[customer] as number) +
      (Math.abs(sum) >= Math.abs(amount) ? sum - next + amount : amount - next + sum);
    totalSpend[customer] = next;
  }
  const daysSinceLastPurchase = new Float64Array(customers);
  for (let customer = 0; customer < customers; customer++) {
    daysSinceLastPurchase[customer] = asOfDay - (last[customer] as number);
    totalSpend[customer] = (totalSpend[customer] as number) + (compensation[customer] as number);
  }
  return { customerId: customerIds, daysSinceLastPurchase, purchaseCount, totalSpend };
}
