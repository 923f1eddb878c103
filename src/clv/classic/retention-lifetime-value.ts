import { InvalidInputError } from "../../errors.js";
import { shown } from "../../errors-shown.js";
import { type OptionNames, readOptions } from "../../input/read-options.js";
import { type Money, MoneyDecimal } from "../../money/decimal.js";
import { type MoneyInput, toMoney } from "../../money/parse-money.js";
import { type RoundingOptions, readRounding, roundDecimal } from "../../money/round-money.js";

/** Options of {@link retentionLifetimeValue}. */
export interface RetentionLifetimeValueOptions {
  /** Margin per period per retained customer. */
  readonly margin: MoneyInput;
  /** Retention rate per period, in [0, 1). */
  readonly retentionRate: number;
  /** Discount rate per period, ≥ 0. */
  readonly discountRate: number;
  /** Number of future periods (default Infinity). */
  readonly periods?: number;
  /**
   * When margins arrive: "end" (default) — the first margin at the end of period 1 and only if the customer is
   * retained, the textbook m r/(1 + d − r) (Gupta & Lehmann 2003); "start" — the current period's margin now, then
   * one per retained period, m (1 + d)/(1 + d − r).
   */
  readonly timing?: "end" | "start";
  /** Output rounding (default 2 decimals, half-even). */
  readonly rounding?: RoundingOptions;
}

const OPTION_NAMES: OptionNames<RetentionLifetimeValueOptions> = {
  margin: true,
  retentionRate: true,
  discountRate: true,
  periods: true,
  timing: true,
  rounding: true,
};
const SUBJECT = "retention lifetime value options";

/**
 * Retention-based customer lifetime value with constant margin m, retention r and discount d per period
 * (Gupta & Lehmann 2003; Berger & Nasr 1998): Σₜ m rᵗ/(1+d)ᵗ over the periods, which is m r/(1 + d − r) for an
 * infinite horizon with margins at the end of each period. Computed in decimal arithmetic and rounded once.
 *
 * @example
 * ```ts
 * retentionLifetimeValue({ margin: "100", retentionRate: 0.8, discountRate: 0.1 }).toFixed(2) // "266.67"
 * ```
 */
export function retentionLifetimeValue(options: RetentionLifetimeValueOptions): Money {
  options = readOptions(SUBJECT, options, OPTION_NAMES, {
    optional: false,
    hints: { horizon: "the number of future periods is `periods`" },
  });
  const { retentionRate: r, discountRate: d } = options;
  const periods = options.periods ?? Number.POSITIVE_INFINITY;
  const timing = options.timing ?? "end";
  const issues = [];
  if (!(Number.isFinite(r) && r >= 0 && r < 1))
    issues.push({ code: "custom", path: ["retentionRate"], message: `must be in [0, 1), got ${shown(r)}` });
  if (!(Number.isFinite(d) && d >= 0))
    issues.push({ code: "custom", path: ["discountRate"], message: `must be a finite rate ≥ 0, got ${shown(d)}` });
  if (!(periods === Number.POSITIVE_INFINITY || (Number.isInteger(periods) && periods >= 0))) {
    issues.push({
      code: "custom",
      path: ["periods"],
      message: `must be a whole number ≥ 0 or Infinity, got ${shown(periods)}`,
    });
  }
  if (timing !== "end" && timing !== "start")
    issues.push({ code: "custom", path: ["timing"], message: `must be "end" or "start", got ${shown(timing)}` });
  if (issues.length > 0) throw new InvalidInputError(SUBJECT, issues);
  const margin = toMoney(options.margin, "margin", undefined);
  const rounding = readRounding(options.rounding, ["rounding"], SUBJECT);
  const ratio = new MoneyDecimal(r).div(new MoneyDecimal(1).plus(d)); // ρ = r/(1+d) < 1
  const one = new MoneyDecimal(1);
  // end: Σ_{t=1..N} ρᵗ = ρ(1 − ρᴺ)/(1 − ρ); start: Σ_{t=0..N} ρᵗ = (1 − ρᴺ⁺¹)/(1 − ρ).
  const power = (exponent: number) =>
    periods === Number.POSITIVE_INFINITY ? new MoneyDecimal(0) : ratio.pow(exponent);
  const factor =
    timing === "end"
      ? ratio.times(one.minus(power(periods))).div(one.minus(ratio))
      : one.minus(power(periods + 1)).div(one.minus(ratio));
  return roundDecimal(margin.times(factor), rounding);
}
