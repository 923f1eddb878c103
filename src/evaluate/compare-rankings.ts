import { InvalidInputError } from "../errors.js";
import { readOptions, readRecord } from "../input/read-options.js";
import { capturedValue } from "./captured-value.js";
import { gainsCurve } from "./gains-curve.js";

/** One ranking's line in {@link compareRankings}. */
export interface RankingComparison {
  readonly name: string;
  /** Share of the total outcome captured at each of the `shares` (same order). */
  readonly captured: number[];
  /** Captured outcome at each share as a ratio to the reference ranking's (when a reference is named). */
  readonly ofReference: number[] | undefined;
  readonly gini: number;
}

/**
 * Compares rankings of the same rows on one outcome: for each, the share of the total outcome captured by its top
 * `shares` (default 10% and 20%), the ratio to a reference ranking's (e.g. an oracle or RFM), and the Gini of its
 * gains curve. The table a backtest reports.
 *
 * @throws InvalidInputError for no rankings, an unknown reference, or bad columns (see {@link capturedValue}).
 *
 * @example
 * ```ts
 * evaluate.compareRankings({ good: [3, 2, 1], bad: [1, 2, 3] }, [5, 1, 0], { shares: [0.3], reference: "good" })[1].ofReference // [0]
 * ```
 */
export function compareRankings(
  rankings: Readonly<Record<string, ArrayLike<number>>>,
  outcome: ArrayLike<number>,
  options: { readonly shares?: readonly number[]; readonly reference?: string } = {},
): RankingComparison[] {
  options = readOptions<NonNullable<typeof options>>("ranking comparison", options, { shares: true, reference: true });
  rankings = readRecord("ranking comparison", rankings, { argument: "rankings", optional: false });
  const names = Object.keys(rankings);
  if (names.length === 0)
    throw new InvalidInputError("ranking comparison", [
      { code: "too_small", path: ["rankings"], message: "needs at least one ranking" },
    ]);
  const reference = options?.reference;
  if (reference !== undefined && !names.includes(reference))
    throw new InvalidInputError("ranking comparison", [
      { code: "custom", path: ["reference"], message: `must name one of the rankings (${names.join(", ")})` },
    ]);
  const shares = options.shares ?? [0.1, 0.2];
  if (!Array.isArray(shares))
    throw new InvalidInputError("ranking comparison", [
      { code: "invalid_type", path: ["shares"], message: "must be an array of shares in (0, 1]" },
    ]);
  const values = (name: string) =>
    shares.map((share) => capturedValue(rankings[name] as ArrayLike<number>, outcome, share));
  const referenceValues = reference === undefined ? undefined : values(reference);
  return names.map((name) => {
    const captured = values(name);
    return {
      name,
      captured: captured.map((entry) => entry.shareOfTotal),
      ofReference:
        referenceValues === undefined
          ? undefined
          : captured.map((entry, index) => {
              const base = referenceValues[index]?.value ?? 0;
              return base === 0 ? 0 : entry.value / base;
            }),
      gini: gainsCurve(rankings[name] as ArrayLike<number>, outcome).gini,
    };
  });
}
