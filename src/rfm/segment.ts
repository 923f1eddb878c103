import { InvalidInputError } from "../errors.js";
import { shown } from "../errors-shown.js";
import { guardRead, readRecord } from "../input/read-options.js";
import { type Money, MoneyDecimal } from "../money/decimal.js";
import { type MoneyInput, toMoney } from "../money/parse-money.js";
import { type RfmScore, rfmCode } from "./score.js";
import { STANDARD_SEGMENT_MAP } from "./segment-map.js";

/** A segment map: segment name → the codes it covers. */
export type SegmentMap = Readonly<Record<string, readonly string[]>>;

const lookups = new WeakMap<SegmentMap, Map<string, string>>();

/**
 * Checks that a segment map covers every R-F-M code of `bins` levels exactly once and returns the code → segment
 * lookup. The error lists every missing code (gaps), every code claimed by two segments (overlaps, with both
 * names) and every code that is not a valid code.
 *
 * @throws InvalidInputError describing the gaps and overlaps.
 *
 * @example
 * ```ts
 * rfm.checkSegmentMap(rfm.STANDARD_SEGMENT_MAP).size // 125
 * ```
 */
export function checkSegmentMap(map: SegmentMap, bins = 5): Map<string, string> {
  if (!(Number.isInteger(bins) && bins >= 2 && bins <= 10)) {
    throw new InvalidInputError("RFM segment map", [
      { code: "custom", path: ["bins"], message: `must be a whole number from 2 to 10, got ${shown(bins)}` },
    ]);
  }
  if (map === null || typeof map !== "object" || Array.isArray(map)) {
    throw new InvalidInputError("RFM segment map", [
      { code: "invalid_type", path: [], message: "must be an object of segment name → codes" },
    ]);
  }
  const cached = bins === 5 ? lookups.get(map) : undefined;
  if (cached) return cached;
  map = readRecord<SegmentMap>("RFM segment map", map, { argument: "map" });
  const valid = new Set<string>();
  for (let r = 1; r <= bins; r++)
    for (let f = 1; f <= bins; f++) for (let m = 1; m <= bins; m++) valid.add(rfmCode(r, f, m));
  const lookup = new Map<string, string>();
  const issues: { code: string; path: (string | number)[]; message: string }[] = [];
  for (const [name, codes] of Object.entries(map ?? {})) {
    if (!Array.isArray(codes)) {
      issues.push({ code: "custom", path: [name], message: "must be an array of codes" });
      continue;
    }
    for (const code of codes) {
      if (!valid.has(code))
        issues.push({
          code: "custom",
          path: [name],
          message: `"${shown(code)}" is not an RFM code for ${shown(bins)} bins`,
        });
      else if (lookup.has(code))
        issues.push({
          code: "custom",
          path: [name],
          message: `overlap: "${shown(code)}" is also in "${shown(lookup.get(code))}"`,
        });
      else lookup.set(code, name);
    }
  }
  const gaps = [...valid].filter((code) => !lookup.has(code));
  if (gaps.length > 0)
    issues.push({
      code: "custom",
      path: [],
      message: `gaps: ${gaps.length} codes have no segment: ${gaps.join(", ")}`,
    });
  if (issues.length > 0) throw new InvalidInputError("segment map", issues);
  if (bins === 5) lookups.set(map, lookup);
  return lookup;
}

/**
 * The named segment of an RFM score under a map (default: the standard 11-segment map, 5 bins).
 *
 * @throws InvalidInputError when the map is not an exact partition, or the score is not in it.
 *
 * @example
 * ```ts
 * rfm.segment({ r: 5, f: 5, m: 4, code: "554" }) // "Champions"
 * ```
 */
export function segment(score: Pick<RfmScore, "code">, map: SegmentMap = STANDARD_SEGMENT_MAP, bins = 5): string {
  const name = checkSegmentMap(map, bins).get(guardRead("RFM score", ["code"], () => score?.code));
  if (name === undefined)
    throw new InvalidInputError("RFM score", [
      { code: "custom", path: ["code"], message: `"${shown(score?.code)}" is not a code of the map` },
    ]);
  return name;
}

/** One segment's share of the customer base. */
export interface SegmentSummaryRow {
  readonly segment: string;
  readonly count: number;
  /** count / all customers. */
  readonly share: number;
  /** Mean total spend of the segment's customers (exact decimal; 0 for an empty segment). */
  readonly meanSpend: Money;
}

/**
 * Count, share and mean spend per segment, in the map's segment order (empty segments included).
 *
 * @example
 * ```ts
 * rfm.segmentSummary([{ code: "555", totalSpend: 100 }, { code: "111", totalSpend: 10 }])[0] // { segment: "Champions", count: 1, share: 0.5, ... }
 * ```
 */
export function segmentSummary(
  rows: readonly { readonly code: string; readonly totalSpend: MoneyInput }[],
  map: SegmentMap = STANDARD_SEGMENT_MAP,
  bins = 5,
): SegmentSummaryRow[] {
  if (!Array.isArray(rows)) {
    throw new InvalidInputError("RFM scores", [
      { code: "invalid_type", path: ["rows"], message: "must be an array of { code, totalSpend }" },
    ]);
  }
  const lookup = checkSegmentMap(map, bins);
  const totals = new Map<string, { count: number; spend: Money }>(
    Object.keys(map).map((name) => [name, { count: 0, spend: new MoneyDecimal(0) }]),
  );
  rows.forEach((row, index) => {
    const { code, totalSpend } = guardRead(
      "RFM score",
      [],
      () => ({ code: row?.code, totalSpend: row?.totalSpend }),
      index,
    );
    const name = lookup.get(code);
    if (name === undefined)
      throw new InvalidInputError(
        "RFM score",
        [{ code: "custom", path: ["code"], message: `"${shown(code)}" is not a code of the map` }],
        index,
      );
    const entry = totals.get(name) as { count: number; spend: Money };
    entry.count += 1;
    entry.spend = entry.spend.plus(toMoney(totalSpend, "totalSpend", index));
  });
  return [...totals].map(([name, { count, spend }]) => ({
    segment: name,
    count,
    share: rows.length === 0 ? 0 : count / rows.length,
    meanSpend: count === 0 ? new MoneyDecimal(0) : spend.div(count),
  }));
}
