import { InvalidInputError } from "../errors.js";
import { type Money, MoneyDecimal } from "../money/decimal.js";
import { type MoneyInput, parseMoney } from "../money/parse-money.js";
import { roundMoney } from "../money/round-money.js";

/** What prioritisation needs of a scored vehicle (a `psv.score` result has all of it). */
export interface PrioritizeItem {
  readonly vehicleId: string | number;
  readonly customerId?: string | number | undefined;
  /** The vehicle's PSV. */
  readonly total: MoneyInput;
  /** Probability of losing the owner, 0 … 1 (a `psv.score` result carries the service-timing risk). */
  readonly churnRisk?: number;
}

/** Options of {@link prioritize}. */
export interface PrioritizeOptions {
  /** Risk per item (same order) or a function of the item, overriding `item.churnRisk`. */
  readonly churnRisk?: readonly number[] | ((item: PrioritizeItem, index: number) => number);
  /** How many customers outreach can reach: only the top `budget` are returned (default all). */
  readonly budget?: number;
}

/** One customer in the outreach order. */
export interface PriorityRow {
  readonly rank: number;
  readonly customerId: string | number;
  /** Σ PSV × risk over the customer's vehicles. */
  readonly valueAtRisk: Money;
  /** Σ PSV over the customer's vehicles. */
  readonly psv: Money;
  readonly vehicles: (string | number)[];
  /** Why this rank, in words. */
  readonly reason: string;
}

/**
 * Ranks customers by the remaining value at risk — Σ over their vehicles of PSV × churn risk — so that retention
 * effort goes first where the most value still to come could be lost (DOMAIN.md §2). Vehicles without a customer id
 * rank as their own customer. Ties are broken by PSV, then by id, so the order is deterministic.
 *
 * @throws InvalidInputError for a risk outside [0, 1] or missing, a bad PSV amount, or a budget that is not a whole
 * number ≥ 0.
 *
 * @example
 * ```ts
 * psv.prioritize([{ vehicleId: "A", customerId: 1, total: 9000, churnRisk: 0.1 }, { vehicleId: "B", customerId: 2, total: 4000, churnRisk: 0.5 }])[0].customerId // 2
 * ```
 */
export function prioritize(items: readonly PrioritizeItem[], options: PrioritizeOptions = {}): PriorityRow[] {
  const budget = options.budget;
  if (budget !== undefined && !(Number.isInteger(budget) && budget >= 0)) {
    throw new InvalidInputError("prioritize options", [
      { code: "custom", path: ["budget"], message: `must be a whole number of customers ≥ 0, got ${budget}` },
    ]);
  }
  const customers = new Map<
    string | number,
    { atRisk: Money; psv: Money; vehicles: { id: string | number; atRisk: Money; risk: number; psv: Money }[] }
  >();
  items.forEach((item, index) => {
    const risk =
      typeof options.churnRisk === "function"
        ? options.churnRisk(item, index)
        : options.churnRisk !== undefined
          ? options.churnRisk[index]
          : item?.churnRisk;
    if (!(typeof risk === "number" && risk >= 0 && risk <= 1)) {
      throw new InvalidInputError(
        "priority item",
        [{ code: "custom", path: ["churnRisk"], message: `must be a probability in [0, 1], got ${String(risk)}` }],
        index,
      );
    }
    const psv = parseMoney(item.total, { field: "total", rowIndex: index });
    if (psv.isNegative())
      throw new InvalidInputError(
        "priority item",
        [{ code: "custom", path: ["total"], message: "must not be negative" }],
        index,
      );
    const key = item.customerId ?? item.vehicleId;
    const atRisk = psv.times(risk);
    const entry = customers.get(key) ?? { atRisk: new MoneyDecimal(0), psv: new MoneyDecimal(0), vehicles: [] };
    entry.atRisk = entry.atRisk.plus(atRisk);
    entry.psv = entry.psv.plus(psv);
    entry.vehicles.push({ id: item.vehicleId, atRisk, risk, psv });
    customers.set(key, entry);
  });
  const ordered = [...customers].sort(
    ([leftId, left], [rightId, right]) =>
      right.atRisk.cmp(left.atRisk) || right.psv.cmp(left.psv) || String(leftId).localeCompare(String(rightId)),
  );
  const limited = budget === undefined ? ordered : ordered.slice(0, budget);
  return limited.map(([customerId, entry], index) => {
    const top = entry.vehicles.reduce((best, vehicle) => (vehicle.atRisk.gt(best.atRisk) ? vehicle : best));
    const money = (value: Money) => roundMoney(value).toFixed(2);
    const reason =
      entry.vehicles.length === 1
        ? `${money(entry.atRisk)} at risk: PSV ${money(entry.psv)} × churn risk ${top.risk.toFixed(2)} (vehicle ${String(top.id)})`
        : `${money(entry.atRisk)} at risk over ${entry.vehicles.length} vehicles (PSV ${money(entry.psv)}); most from vehicle ${String(top.id)}: PSV ${money(top.psv)} × churn risk ${top.risk.toFixed(2)}`;
    return {
      rank: index + 1,
      customerId,
      valueAtRisk: roundMoney(entry.atRisk),
      psv: roundMoney(entry.psv),
      vehicles: entry.vehicles.map((vehicle) => vehicle.id),
      reason,
    };
  });
}
